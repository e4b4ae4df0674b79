"""The answerer's caches and the batched term matcher give exactly what they replace."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.answer.matching import (
    TermMatcher,
    analyse_question,
    coverage,
    coverages,
    idf_weights,
)
from assistant.answer.textcache import VectorCache, passage_text, title_text
from index.embeddings import WordLlamaEmbedding
from index.text.sentences import split_sentences
from index.text.terms import terms, words

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def embedding() -> WordLlamaEmbedding:
    return WordLlamaEmbedding()


@pytest.fixture()
def seed_text(seed_article_path: Path) -> str:
    return seed_article_path.read_text(encoding="utf-8")


QUESTIONS = [
    "How many children were moved to Belarus?",
    "How long was Latushko sentenced to?",
    "Who approved the leadership of the opposition in exile?",  # prefixes: approv, lead
    "Was the tour of the team in Minsk a success?",  # 4-letter terms: tour, team
    "What did the UN say?",  # short terms match exactly only
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_coverages_equal_coverage_exactly(question: str, seed_text: str) -> None:
    q_terms = list(analyse_question(question).terms)
    vocabs = [set(terms(s.text)) for s in split_sentences(seed_text)]
    vocabs += [{"approval", "leader", "tourism", "teams", "teammate", "un"}, set()]
    idf = idf_weights(q_terms, vocabs)
    assert coverages(q_terms, idf, vocabs) == [coverage(q_terms, idf, v) for v in vocabs]


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_matcher_over_more_words_gives_the_same_coverages(question: str, seed_text: str) -> None:
    q_terms = list(analyse_question(question).terms)
    vocabs = [set(terms(s.text)) for s in split_sentences(seed_text)]
    more = [{"approval", "leader", "tourism", "teams", "teammate", "un", "childhood"}]
    idf = idf_weights(q_terms, vocabs)
    shared = TermMatcher(q_terms, [*more, *vocabs])
    assert coverages(q_terms, idf, vocabs, shared) == coverages(q_terms, idf, vocabs)


def test_coverages_give_prefix_credit() -> None:
    idf = {"approv": 1.0, "tour": 1.0}
    got = coverages(["approv", "tour"], idf, [{"approval"}, {"tours"}, {"tourisms"}, {"app"}])
    assert got == [0.35, 0.35, 0.0, 0.0]  # 'tourisms' is too long for a 4-letter prefix


def test_passage_text_is_the_split_and_terms(seed_text: str) -> None:
    analysed = passage_text(seed_text)
    sentences = split_sentences(seed_text)
    assert [(s.text, s.start, s.end) for s in analysed.sentences] == [
        (s.text, s.start, s.end) for s in sentences
    ]
    assert [s.terms for s in analysed.sentences] == [tuple(terms(s.text)) for s in sentences]
    assert [s.folded for s in analysed.sentences] == [" ".join(words(s.text)) for s in sentences]
    assert analysed.vocab == set(terms(seed_text))
    assert passage_text(seed_text) is analysed  # cached by the text
    assert title_text("Quote [9] here").has_marker
    assert not title_text("Belarus sentences Latushko").has_marker


def test_vector_cache_rows_equal_a_fresh_embedding(embedding: WordLlamaEmbedding) -> None:
    texts = ["Who won?", "Argentina beat France on penalties.", "Messi scored twice."]
    cache = VectorCache(embedding)
    first = cache.rows(texts[:2])
    again = cache.rows(list(reversed(texts)))  # two cached rows, one new, any order
    fresh = np.asarray(embedding.embed_array(texts), dtype=np.float32)
    fresh = fresh / np.maximum(np.linalg.norm(fresh, axis=1, keepdims=True), 1e-9)
    assert np.array_equal(first, fresh[:2])
    assert np.array_equal(again, fresh[::-1])
    sims, rows = cache.cosines(texts[0], texts[1:])
    assert np.array_equal(rows, fresh[1:])
    assert np.array_equal(sims, fresh[1:] @ fresh[0])


def test_vector_cache_is_bounded(embedding: WordLlamaEmbedding) -> None:
    cache = VectorCache(embedding, capacity=3)
    for i in range(10):
        cache.rows([f"sentence number {i}", "always asked"])
    assert len(cache) == 3
    assert "always asked" in cache._rows  # recently used stays
    assert "sentence number 0" not in cache._rows


class _AnotherAskMeanwhile:
    """The real model; while it embeds, another ask fills the cache (as another thread may)."""

    def __init__(self, model: WordLlamaEmbedding) -> None:
        self.model = model
        self.cache: VectorCache | None = None

    def embed_array(self, texts: list[str]) -> object:
        cache, self.cache = self.cache, None  # once
        if cache is not None:
            cache.rows([f"another ask's sentence {i}" for i in range(cache.capacity)])
        return self.model.embed_array(texts)


def test_vector_cache_rows_survive_an_eviction_during_the_embedding(
    embedding: WordLlamaEmbedding,
) -> None:
    meanwhile = _AnotherAskMeanwhile(embedding)
    cache = VectorCache(meanwhile, capacity=3)
    cache.rows(["Who won?"])
    meanwhile.cache = cache
    got = cache.rows(["Who won?", "Messi scored twice."])  # its cached row is evicted meanwhile
    fresh = np.asarray(embedding.embed_array(["Who won?", "Messi scored twice."]), np.float32)
    fresh = fresh / np.maximum(np.linalg.norm(fresh, axis=1, keepdims=True), 1e-9)
    assert np.array_equal(got, fresh)
    assert len(cache) == 3


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ7 .,'\n\u00a0é?\"/")), max_size=80))
def test_a_passages_vocabulary_is_the_terms_of_its_text(text: str) -> None:
    # Taken from its sentences when only white space lies between them, else from the text.
    passage_text.cache_clear()
    assert passage_text(text).vocab == frozenset(terms(text))


@pytest.mark.parametrize(
    "text",
    ["", " ", "a", "x.\n\n7\n\nY z.", "Hello world.  Next one here. ", "A.B. c", "Up 5,\n000."],
)
def test_the_vocabulary_of_short_and_gappy_texts(text: str) -> None:
    passage_text.cache_clear()
    assert passage_text(text).vocab == frozenset(terms(text))
