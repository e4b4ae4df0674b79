"""Hybrid retrieval logic: fusion, rescoring inputs, dedupe, caps, merging, filters.

The index is a small in-memory `SearchIndex` (our own interface) whose two searches
rank by plain word overlap, so these tests check the retriever's own logic; the
same behaviour on a real NewsIndex is in tests/integration/test_assistant_retrieval.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from assistant.retrieval import features
from assistant.retrieval.candidates import (
    Candidate,
    collapse_duplicates,
    merge_adjacent,
    rrf_fuse,
    select_diverse,
)
from assistant.retrieval.features import clean_query, coverage_and_proximity, terms, text_terms
from assistant.retrieval.hybrid import HybridRetriever, restrict_filter
from assistant.settings import RetrievalSettings
from assistant.types import Passage
from index.filters import ChunkFilter, to_epoch
from index.models import ChunkHit, StoredChunk

pytestmark = pytest.mark.unit


def chunk(
    article: str,
    index: int = 0,
    text: str | None = None,
    *,
    source: str | None = "a.com",
    published: str | None = "2022-06-10",
    group: str | None = None,
    start: int = 0,
) -> StoredChunk:
    body = text if text is not None else f"text of {article} chunk {index}"
    return StoredChunk(
        id=f"{article}#{index}",
        article_id=article,
        index=index,
        text=body,
        start=start,
        end=start + len(body),
        title=f"Title {article}",
        source=source,
        url=f"https://{source}/{article}" if source else None,
        published=published,
        group_id=group,
    )


def hits(*chunks: StoredChunk) -> list[ChunkHit]:
    return [ChunkHit(c, 1.0 / (i + 1)) for i, c in enumerate(chunks)]


class BagOfWords:
    """A crude embedding: counts of a fixed vocabulary (ranks by shared words)."""

    model_name = "bag-of-words"
    vocab = ("children", "belarus", "towns", "sentenced", "years", "budget", "city", "storm")

    def _vec(self, text: str) -> list[float]:
        low = text.lower()
        return [float(low.count(w)) + 0.01 for w in self.vocab]

    def get_query_embedding(self, text: str) -> list[float]:
        return self._vec(text)

    def get_text_embedding_batch(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]


class MemoryIndex:
    """`SearchIndex` over a list of chunks; records the filters it was given."""

    def __init__(self, chunks: Sequence[StoredChunk]) -> None:
        self.chunks = list(chunks)
        self.embedding = BagOfWords()
        self.filters: list[tuple[str, ChunkFilter | None]] = []

    def _allowed(self, c: StoredChunk, flt: ChunkFilter | None) -> bool:
        if flt is None:
            return True
        ts = to_epoch(date.fromisoformat(c.published)) if c.published else None
        return flt.matches(c.source, ts)

    def _rank(self, words: set[str], k: int, flt: ChunkFilter | None) -> list[ChunkHit]:
        scored = [
            (len(words & set(c.text.lower().split())), c)
            for c in self.chunks
            if self._allowed(c, flt)
        ]
        scored = [s for s in scored if s[0] > 0]
        scored.sort(key=lambda s: -s[0])
        return [ChunkHit(c, float(s)) for s, c in scored[:k]]

    def vector_search(
        self, query: str | Sequence[float], k: int, flt: ChunkFilter | None = None
    ) -> list[ChunkHit]:
        self.filters.append(("vector", flt))
        assert not isinstance(query, str)  # the retriever embeds once and passes the vector
        words = {w for w, x in zip(self.embedding.vocab, query, strict=True) if x >= 1}
        return self._rank(words, k, flt)

    def lexical_search(self, query: str, k: int, flt: ChunkFilter | None = None) -> list[ChunkHit]:
        self.filters.append(("lexical", flt))
        return self._rank(set(query.lower().rstrip("?").split()), k, flt)


# --- fusion ---------------------------------------------------------------------------


def test_rrf_rewards_agreement_between_rankings() -> None:
    a, b, c = chunk("a"), chunk("b"), chunk("c")
    fused = rrf_fuse([(hits(a, b), 1.0, "vector"), (hits(c, b), 1.0, "lexical")], rrf_k=60)
    assert [x.chunk.id for x in fused] == ["b#0", "a#0", "c#0"]
    top = fused[0]
    assert top.vector_rank == 2 and top.lexical_rank == 2
    assert top.fused == pytest.approx(2 / 62)


def test_rrf_weights_shift_the_order() -> None:
    a, c = chunk("a"), chunk("c")
    fused = rrf_fuse([(hits(a), 1.0, "vector"), (hits(c), 2.0, "lexical")], rrf_k=60)
    assert fused[0].chunk.id == "c#0"


# --- dedupe, caps ---------------------------------------------------------------------


def cands(*chunks: StoredChunk) -> list[Candidate]:
    return [Candidate(chunk=c, score=10.0 - i) for i, c in enumerate(chunks)]


STORM = "The storm hit the city on Monday, officials said."


@pytest.mark.parametrize(
    ("chunks", "kept_ids"),
    [
        pytest.param(
            [
                chunk("a", text=STORM, source="a.com"),
                chunk("b", text=STORM.upper(), source="b.com"),
                chunk("c", text="Something else entirely.", source="c.com"),
            ],
            ["a#0", "c#0"],
            id="identical text from two outlets",
        ),
        pytest.param(
            [
                chunk("wire", 0, "Wire story lead.", source="ap.org", group="wire"),
                chunk("copy", 0, "Wire story lead. Subscribe now!", source="b.com", group="wire"),
                chunk("copy", 1, "Second part of the story.", source="b.com", group="wire"),
            ],
            ["wire#0", "copy#1"],
            id="same position in a near-duplicate group",
        ),
    ],
)
def test_copies_collapse_into_the_best_one_naming_the_other_outlet(
    chunks: list[StoredChunk], kept_ids: list[str]
) -> None:
    kept = collapse_duplicates(cands(*chunks))
    assert [k.chunk.id for k in kept] == kept_ids
    assert kept[0].also_in == ["b.com"]


def test_a_duplicate_group_is_one_story_for_the_cap_and_names_all_outlets() -> None:
    kept = collapse_duplicates(
        cands(
            chunk("wire", 0, "Lead of the wire story.", source="ap.org", group="wire"),
            chunk("copy", 3, "A later part, chunked differently.", source="b.com", group="wire"),
            chunk("wire", 1, "Second part of the wire story.", source="ap.org", group="wire"),
            chunk("own", 0, "An independent report.", source="c.com"),
        )
    )
    assert all(k.also_in == ["b.com"] for k in kept if k.chunk.source == "ap.org")
    assert next(k for k in kept if k.chunk.article_id == "copy").also_in == ["ap.org"]
    chosen = select_diverse(kept, k=3, per_article_cap=2, per_source_share=1.0)
    assert [c.chunk.id for c in chosen] == ["wire#0", "copy#3", "own#0"]


def test_per_article_cap_leaves_room_for_other_articles() -> None:
    cs = cands(*(chunk("big", i) for i in range(5)), chunk("small"), chunk("other"))
    chosen = select_diverse(cs, k=4, per_article_cap=2, per_source_share=1.0)
    ids = [c.chunk.article_id for c in chosen]
    assert ids.count("big") == 2
    assert {"small", "other"} <= set(ids)


def test_caps_are_soft_when_candidates_run_out() -> None:
    cs = cands(*(chunk("only", i) for i in range(4)))
    chosen = select_diverse(cs, k=3, per_article_cap=2, per_source_share=1.0)
    assert [c.chunk.id for c in chosen] == ["only#0", "only#1", "only#2"]


def test_outlet_share_keeps_other_outlets_in() -> None:
    cs = cands(
        *(chunk(f"cnn{i}", source="cnn.com") for i in range(4)),
        chunk("usa", source="usatoday.com"),
    )
    chosen = select_diverse(cs, k=4, per_article_cap=2, per_source_share=0.5)
    sources = [c.chunk.source for c in chosen]
    assert sources.count("cnn.com") == 3  # two by share, then one more to fill k
    assert "usatoday.com" in sources
    # best-first order is kept in the result
    assert [c.score for c in chosen] == sorted((c.score for c in chosen), reverse=True)


# --- passages ---------------------------------------------------------------------------


def passage(article: str, start: int, text: str, score: float) -> Passage:
    return Passage(
        text=text,
        article_id=article,
        title="T",
        source="a.com",
        url=None,
        published=None,
        score=score,
        chunk_id=f"{article}@{start}",
        start=start,
        end=start + len(text),
    )


def test_merge_adjacent_stitches_overlapping_chunks_by_offsets() -> None:
    article = "One two three. Four five six. Seven eight nine."
    first = passage("a", 0, article[0:29], 0.9)
    second = passage("a", 15, article[15:], 0.8)
    other = passage("b", 0, "Other.", 0.85)
    merged = merge_adjacent([first, other, second])
    assert [p.article_id for p in merged] == ["a", "b"]
    assert merged[0].text == article
    assert (merged[0].start, merged[0].end) == (0, len(article))
    assert merged[0].score == 0.9


def test_merge_adjacent_keeps_gaps_apart() -> None:
    merged = merge_adjacent([passage("a", 0, "abc", 1.0), passage("a", 10, "xyz", 0.5)])
    assert len(merged) == 2


# --- query and features -----------------------------------------------------------------


def test_clean_query_drops_quiz_phrasing_but_never_empties() -> None:
    q = "Which of the following was recently named this week as CEO according to reports?"
    cleaned = clean_query(q)
    assert "recently" not in cleaned and "this week" not in cleaned
    assert "named" in cleaned and "CEO" in cleaned
    assert clean_query("recently") == "recently"


def test_proximity_prefers_query_terms_close_together() -> None:
    idf = {"storm": 2.0, "budget": 2.0}
    near = "the storm damaged the budget"
    far = "the storm " + "word " * 40 + "budget"
    cov_near, prox_near = coverage_and_proximity(["storm", "budget"], idf, near)
    cov_far, prox_far = coverage_and_proximity(["storm", "budget"], idf, far)
    assert cov_near == cov_far == 1.0
    assert prox_near == 1.0 and prox_far == 0.5


def test_terms_are_the_same_when_the_word_cache_starts_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "The senators' votes: Ohio's 12 senators voted, and the bill's passes passed."
    expected = ["senator", "vote", "ohio", "12", "senator", "voted", "bill", "passe", "passed"]
    monkeypatch.setattr(features, "_TERM_OF", {})
    assert terms(text) == expected
    monkeypatch.setattr(features, "TERM_CACHE_LIMIT", 3)  # cleared again and again mid-text
    monkeypatch.setattr(features, "_TERM_OF", {"ohio": "ohio"})
    assert terms(text) == expected
    assert len(features._TERM_OF) <= 3
    text_terms.cache_clear()
    assert text_terms(text) == tuple(expected) == text_terms(text)


def test_one_split_serves_a_chunks_terms_and_its_duplicate_key() -> None:
    import hashlib

    from assistant.retrieval.candidates import text_key

    text = "Ohio’s 2,100 senators VOTED; the bill's passes passed (again)."
    for cached in (text_terms, features.text_words, text_key):
        cached.cache_clear()
    assert features.text_words(text) == tuple(features.words(text))
    assert text_terms(text) == tuple(terms(text))
    assert text_key(text) == hashlib.sha1(" ".join(features.words(text)).encode()).hexdigest()
    assert features.text_words.cache_info().misses == 1  # split once for all three


def test_restrict_filter_takes_the_tighter_bounds() -> None:
    base = ChunkFilter(sources=("a.com",), since=date(2022, 1, 1), until=date(2022, 12, 31))
    tighter = restrict_filter(base, since=date(2022, 6, 1), until=date(2023, 1, 1))
    assert tighter == ChunkFilter(("a.com",), date(2022, 6, 1), date(2022, 12, 31))
    assert restrict_filter(None, sources=["b.com"]).sources == ("b.com",)


# --- the retriever over an index --------------------------------------------------------


@pytest.fixture
def index() -> MemoryIndex:
    return MemoryIndex(
        [
            chunk("belarus", 0, "More than 2,100 children from 15 towns taken to Belarus"),
            chunk("belarus", 1, "Latushko was sentenced to 18 years", start=60),
            chunk("belarus", 2, "children belarus children belarus again", start=100),
            chunk("city", 0, "The city budget passed", source="b.com", published="2022-01-05"),
            chunk("storm", 0, "A storm hit the city", source="c.com", published="2022-07-01"),
        ]
    )


def retriever(index: Any, **cfg: Any) -> HybridRetriever:
    return HybridRetriever(index, RetrievalSettings(**cfg))


def test_hybrid_returns_passages_with_offsets_and_metadata(index: MemoryIndex) -> None:
    got = retriever(index, merge_adjacent=False).retrieve("children taken to Belarus?", k=3)
    assert got[0].chunk_id == "belarus#0"
    assert got[0].text == "More than 2,100 children from 15 towns taken to Belarus"
    assert (got[0].start, got[0].end) == (0, len(got[0].text))
    assert got[0].source == "a.com" and got[0].url == "https://a.com/belarus"
    assert all(isinstance(p.score, float) for p in got)


def test_filters_reach_both_searches_and_results(index: MemoryIndex) -> None:
    flt = ChunkFilter(sources=("b.com", "c.com"), until=date(2022, 6, 30))
    got = retriever(index).retrieve("city storm budget", k=5, flt=flt)
    assert [p.article_id for p in got] == ["city"]
    assert {kind for kind, _ in index.filters} == {"vector", "lexical"}
    assert all(f == flt for _, f in index.filters)


def test_empty_filter_is_not_pushed_down(index: MemoryIndex) -> None:
    retriever(index).retrieve("city", k=2, flt=ChunkFilter())
    assert all(f is None for _, f in index.filters)


def test_date_prior_moves_newer_articles_up(index: MemoryIndex) -> None:
    plain = retriever(index).retrieve("city", k=2)
    newest = retriever(index, rescore_prior_weight=5.0).retrieve(
        "city", k=2, date_prior=lambda c: 1.0 if c.published == "2022-07-01" else 0.0
    )
    assert {p.article_id for p in plain} == {"city", "storm"}
    assert newest[0].article_id == "storm"


def test_nothing_found_gives_no_passages(index: MemoryIndex) -> None:
    assert retriever(index).retrieve("zebra", k=3, flt=ChunkFilter(sources=("x.org",))) == []
