"""The built-in answerer in worker processes: real spawned workers, the seed article's and
real news passages, answers compared with the same answerer run in this process."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.processes import ProcessAnswerer
from assistant.types import Answer, Passage
from index.embeddings import WordLlamaEmbedding
from tests.passages import fixture_passages, passage_of, seed_text

pytestmark = pytest.mark.integration

QUESTIONS = [
    "How many children were moved to Belarus?",
    "How long was Pavel Latushko sentenced to?",
    "Who won the 2031 World Cup?",
    "Who is Pavel Latushko?",
]


@pytest.fixture(scope="module")
def embedding() -> WordLlamaEmbedding:
    return WordLlamaEmbedding()


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    article = seed_text()
    seed = [
        passage_of(article, "Evidence implicating", "re-education"),
        passage_of(article, "Latushko", "18 years"),
    ]
    return seed + fixture_passages(
        "casualties_cnn_2022-06-03.md", "casualties_usatoday_2022-06-05.md"
    )


@pytest.fixture()
def pool(embedding: WordLlamaEmbedding) -> Iterator[ProcessAnswerer]:
    answerer = ProcessAnswerer(2, local=lambda: ExtractiveAnswerer(embedding=embedding))
    yield answerer
    answerer.close()


def _expected(embedding: WordLlamaEmbedding, passages: list[Passage]) -> dict[str, Answer]:
    local = ExtractiveAnswerer(embedding=embedding)
    return {q: local.answer(q, passages) for q in QUESTIONS}


def _answer(answerer: ProcessAnswerer, question: str, passages: list[Passage]) -> Answer:
    pieces = list(answerer.stream(question, passages))
    final = pieces[-1]
    assert isinstance(final, Answer)
    assert "".join(p for p in pieces[:-1] if isinstance(p, str)) == final.text
    return final


def test_workers_answer_exactly_as_the_answerer_in_this_process(
    pool: ProcessAnswerer, embedding: WordLlamaEmbedding, passages: list[Passage]
) -> None:
    expected = _expected(embedding, passages)
    assert expected["How many children were moved to Belarus?"].citations  # a real answer
    assert expected["Who won the 2031 World Cup?"].abstained
    for question, answer in expected.items():
        assert _answer(pool, question, passages) == answer
    assert len(pool.pids) == 2 and os.getpid() not in pool.pids


def test_questions_asked_at_once_each_get_their_own_answer(
    pool: ProcessAnswerer, embedding: WordLlamaEmbedding, passages: list[Passage]
) -> None:
    expected = _expected(embedding, passages)
    got: dict[tuple[int, str], Answer] = {}
    errors: list[BaseException] = []

    def user(number: int) -> None:
        try:
            for question in QUESTIONS[number % 2 :] + QUESTIONS[: number % 2]:
                got[(number, question)] = _answer(pool, question, passages)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert len(got) == 5 * len(QUESTIONS)
    for (_, question), answer in got.items():
        assert answer == expected[question]


def test_a_killed_worker_is_replaced_and_the_question_still_answered(
    pool: ProcessAnswerer, embedding: WordLlamaEmbedding, passages: list[Passage]
) -> None:
    expected = _expected(embedding, passages)
    question = QUESTIONS[0]
    assert _answer(pool, question, passages) == expected[question]  # both workers started
    assert _answer(pool, question, passages) == expected[question]
    before = set(pool.pids)
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    # each dead worker's question is answered in this process, and the worker replaced
    assert _answer(pool, question, passages) == expected[question]
    assert _answer(pool, question, passages) == expected[question]
    after = set(pool.pids)
    assert len(after) == 2 and not after & before
    for q in QUESTIONS:  # the new workers answer
        assert _answer(pool, q, passages) == expected[q]
    assert pool._local is not None  # (the fallback did run)


def test_an_answer_left_unread_does_not_leak_into_the_next(
    embedding: WordLlamaEmbedding, passages: list[Passage]
) -> None:
    expected = _expected(embedding, passages)
    pool = ProcessAnswerer(1, local=lambda: ExtractiveAnswerer(embedding=embedding))
    try:
        stream = pool.stream(QUESTIONS[0], passages)
        assert isinstance(next(stream), str)  # the first piece, then the reader goes away
        stream.close()
        assert _answer(pool, QUESTIONS[1], passages) == expected[QUESTIONS[1]]
        assert pool._local is None  # answered by the worker
    finally:
        pool.close()


def test_workers_that_cannot_start_leave_answers_to_this_process(
    embedding: WordLlamaEmbedding, passages: list[Passage]
) -> None:
    expected = _expected(embedding, passages)
    # workers that stop before they are ready, as ones without their model would
    stopping = [sys.executable, "-c", "raise SystemExit(1)"]
    pool = ProcessAnswerer(
        2, local=lambda: ExtractiveAnswerer(embedding=embedding), command=stopping
    )
    try:
        for question in QUESTIONS:
            assert _answer(pool, question, passages) == expected[question]
        assert pool.broken
    finally:
        pool.close()


def test_after_close_answers_come_from_this_process(
    pool: ProcessAnswerer, embedding: WordLlamaEmbedding, passages: list[Passage]
) -> None:
    expected = _expected(embedding, passages)
    pids = pool.pids
    pool.close()
    assert pool.pids == []
    assert _answer(pool, QUESTIONS[0], passages) == expected[QUESTIONS[0]]
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
