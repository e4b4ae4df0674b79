"""The support/abstention decision: signals, the calibrated policy, the plain statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.abstain import (
    AbstentionPolicy,
    SupportSignals,
    abstention_text,
    measure_support,
)
from assistant.types import Passage
from index.embeddings import WordLlamaEmbedding
from index.models import Article
from tests.passages import chunk_passages

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def embedding() -> WordLlamaEmbedding:
    return WordLlamaEmbedding()


# 256 is the index's default chunk size: a one-article index gives only a few passages,
# where a raw within-set IDF once made "moved" outweigh "children" and "Belarus".
@pytest.fixture(params=[128, 256, 512])
def passages(seed_article_path: Path, request: pytest.FixtureRequest) -> list[Passage]:
    text = seed_article_path.read_text(encoding="utf-8")
    article = Article(id="seed", title=text.splitlines()[0], text=text)
    return chunk_passages(article, request.param, score=lambda _: 0.5)


ANSWERABLE = [
    "How many children were moved to Belarus?",
    "How long was Latushko sentenced to?",
    "Where did Pavel Latushko flee to?",
]
UNANSWERABLE = [
    "Who won the 2022 World Cup?",
    "Which company makes the iPhone?",
    "What is the price of gas in California?",
]


@pytest.mark.parametrize("question", ANSWERABLE)
def test_seed_questions_are_supported(
    question: str, passages: list[Passage], embedding: WordLlamaEmbedding
) -> None:
    signals = measure_support(question, passages, embedding=embedding)
    assert signals.semantic
    assert AbstentionPolicy().supported(signals), signals


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unrelated_questions_are_not_supported(
    question: str, passages: list[Passage], embedding: WordLlamaEmbedding
) -> None:
    signals = measure_support(question, passages, embedding=embedding)
    assert not AbstentionPolicy().supported(signals), signals


def test_signals_separate_on_and_off_topic(
    passages: list[Passage], embedding: WordLlamaEmbedding
) -> None:
    on = measure_support("How long was Latushko sentenced to?", passages, embedding=embedding)
    off = measure_support("Who won the 2022 World Cup?", passages, embedding=embedding)
    assert on.coverage > off.coverage
    assert on.missing < off.missing
    assert on.passage_similarity is not None and off.passage_similarity is not None
    assert on.passage_similarity > off.passage_similarity
    policy = AbstentionPolicy()
    assert policy.probability(on) > policy.probability(off)


def test_lexical_fallback_without_embedding(passages: list[Passage]) -> None:
    on = measure_support("How long was Latushko sentenced to?", passages)
    off = measure_support("Who won the 2022 World Cup?", passages)
    assert not on.semantic and on.passage_similarity is None
    policy = AbstentionPolicy()
    assert policy.supported(on)
    assert not policy.supported(off)


def test_no_passages_or_no_terms() -> None:
    empty = measure_support("How many children were moved to Belarus?", [])
    assert empty.coverage == 0.0 and empty.missing == 1.0
    assert not AbstentionPolicy().supported(empty)


def test_policy_is_monotonic_and_threshold_zero_never_abstains() -> None:
    policy = AbstentionPolicy()
    weak = SupportSignals(0.2, 0.3, 0.5, 0.2)
    strong = SupportSignals(0.9, 1.0, 0.0, 0.8)
    assert policy.probability(weak) < policy.probability(strong)
    assert AbstentionPolicy(threshold=0.0).supported(weak)
    assert not AbstentionPolicy(threshold=1.01).supported(strong)


def test_abstention_text_is_plain() -> None:
    text = abstention_text("Who won the 2022 World Cup?")
    assert text.startswith("The indexed articles don't say")
    assert "Who won the 2022 World Cup?" in text
    assert "[" not in text
    assert abstention_text("  ") == "The indexed articles don't say."
