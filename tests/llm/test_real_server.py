"""The generative path end to end against a real OpenAI-compatible server (SmolLM2-135M).

The model's answers are poor, so these tests check plumbing only: text streams in
pieces, every marker left in the final answer is a verified citation, abstention is
wired to "no verified citation", condensing round-trips, and a timeout is a clear error.
"""

from __future__ import annotations

import re

import pytest

from assistant.answer import prompts
from assistant.answer.abstain import abstention_text
from assistant.answer.citations import MARKER_RE
from assistant.answer.generative import NOTE_WITHHELD, GenerativeAnswerer, build_generative
from assistant.answer.llm import LLMUnavailable
from assistant.settings import LLMSettings
from assistant.types import Answer, Passage
from tests.llm.server import ModelServer
from tests.passages import passage_of, seed_text

pytestmark = pytest.mark.llm

MAX_ANSWER_TOKENS = 80
CONTEXT_TOKENS = 1200  # cl100k estimate; leaves room in n_ctx=2048 for SmolLM2's tokenizer


def settings_for(server: ModelServer, **overrides: object) -> LLMSettings:
    fields: dict[str, object] = {
        "backend": "openai-like",
        "model": "smollm2",
        "api_base": server.url,
        "timeout": 60.0,
        "max_retries": 0,
        "context_tokens": CONTEXT_TOKENS,
        "max_answer_tokens": MAX_ANSWER_TOKENS,
        "temperature": 0.0,
    }
    fields.update(overrides)
    return LLMSettings(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def article() -> str:
    return seed_text()


@pytest.fixture(scope="module")
def passages(article: str) -> list[Passage]:
    return [
        passage_of(article, first, last, url=None)
        for first, last in (
            ("National Anti-Crisis", "The Telegraph newspaper."),
            ("NAM was designated", "in his homeland."),
            ("In an interview last week", "the territory of Belarus.”"),
        )
    ]


@pytest.fixture(scope="module")
def answerer(model_server: ModelServer) -> GenerativeAnswerer:
    built = build_generative(settings_for(model_server), abstention=None)  # always ask
    assert built is not None
    return built


def check_final(answer: Answer, article: str) -> None:
    """Every marker shown is a verified citation; abstention iff nothing verified."""
    shown = [int(n) for m in MARKER_RE.finditer(answer.text) for n in re.findall(r"\d+", m[0])]
    assert set(shown) == {c.number for c in answer.citations}
    assert [c.number for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert article[c.start : c.end] == c.quote
        assert c.score >= 0.5
    assert answer.abstained == (not answer.citations)
    if answer.abstained:
        assert answer.text == abstention_text(answer.question)


def test_streams_and_every_shown_marker_is_verified(
    answerer: GenerativeAnswerer, passages: list[Passage], article: str
) -> None:
    assert answerer.name == "llm: smollm2 (openai-like)"
    pieces = list(answerer.stream("How many children were moved to Belarus?", passages))
    texts, final = pieces[:-1], pieces[-1]
    assert isinstance(final, Answer)
    assert len(texts) >= 3 and all(isinstance(p, str) and p for p in texts)
    check_final(final, article)


def test_abstention_wiring(
    model_server: ModelServer,
    answerer: GenerativeAnswerer,
    passages: list[Passage],
    article: str,
) -> None:
    question = "What was the final score of the 1998 World Cup final?"
    # Whatever the model says: abstained iff nothing verified, and the note says why.
    pieces = list(answerer.stream(question, passages))
    raw = "".join(p for p in pieces[:-1] if isinstance(p, str))
    final = pieces[-1]
    assert isinstance(final, Answer)
    check_final(final, article)
    if final.abstained:
        # The model's own "the sources do not answer" carries no note; anything else it
        # wrote without a verifiable citation is withheld with one.
        assert final.notes == ([] if prompts.is_abstention(raw) else [NOTE_WITHHELD])
    # With the default support gate, an off-topic question never reaches the model.
    gated = build_generative(settings_for(model_server))
    assert gated is not None
    (only,) = list(gated.stream(question, passages))
    assert isinstance(only, Answer) and only.abstained and only.citations == []


def test_condense_round_trip(answerer: GenerativeAnswerer) -> None:
    history = [("Who leads NAM?", "Pavel Latushko leads NAM [1].")]
    standalone = answerer.condense(history, "When was he sentenced?")
    assert isinstance(standalone, str) and standalone.strip()
    assert len(standalone) <= 300


def test_timeout_is_a_clear_error(model_server: ModelServer, passages: list[Passage]) -> None:
    impatient = build_generative(settings_for(model_server, timeout=0.001), abstention=None)
    assert impatient is not None
    with pytest.raises(LLMUnavailable) as info:
        impatient.answer("How many children were moved to Belarus?", passages)
    assert info.value.url == model_server.url
    assert model_server.url in str(info.value)
    assert "Timeout" in str(info.value)


def test_server_error_response_is_a_clear_error(model_server: ModelServer, article: str) -> None:
    # A budget far above the server's n_ctx: the server rejects the request (llama.cpp's
    # server sends an empty stream; other servers an HTTP 400).
    oversized = build_generative(settings_for(model_server, context_tokens=6000), abstention=None)
    assert oversized is not None
    body = Passage(
        text=article * 3,
        article_id="seed",
        title="Seed",
        source=None,
        url=None,
        published=None,
        score=1.0,
    )
    with pytest.raises(LLMUnavailable) as info:
        oversized.answer("How many children were moved to Belarus?", [body])
    assert info.value.url == model_server.url
    assert "context" in str(info.value)
