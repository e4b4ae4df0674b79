"""Hybrid retrieval: vector + BM25 fused by reciprocal rank, rescored, capped, deduplicated.

The pipeline for one question:

1. the question is cleaned of quiz phrasing ("Which ... recently ...") for the
   lexical query (the vector query keeps the wording: embeddings like it);
2. vector search (Chroma, with the filter pushed into ``where``) and BM25 search
   (same filter) each return a candidate pool;
3. reciprocal-rank fusion merges the two rankings;
4. a second stage rescores the top of the fused list with features that a single
   retriever cannot see: the query's term coverage and proximity inside the chunk,
   title matches, the embedding similarity of *every* candidate (BM25-only hits have
   none from stage 2), and an optional date prior (recency);
5. copies are collapsed (same near-duplicate group or the same text: one passage,
   the other outlets in ``also_in``), no article gets more than ``per_article_cap``
   passages, no outlet more than its share while others have candidates;
6. neighbouring chunks of one article are merged into one passage.

This module runs the steps (the searches and the rescoring, 1, 2 and 4);
candidates.py holds what is done to the ranked candidates (3, 5, 6).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from assistant.retrieval.candidates import (
    Candidate,
    collapse_duplicates,
    merge_adjacent,
    rrf_fuse,
    select_diverse,
    to_passage,
)
from assistant.retrieval.features import (
    TermCoverage,
    chunk_terms,
    clean_query,
    cosine_rows,
    query_terms_in,
    terms,
    text_terms,
)
from assistant.settings import RetrievalSettings
from assistant.types import Passage
from index.filters import ChunkFilter
from index.models import ChunkHit, StoredChunk

logger = logging.getLogger(__name__)


class SearchIndex(Protocol):
    """What retrieval needs from the index (`index.pipeline.NewsIndex` provides it)."""

    @property
    def embedding(self) -> Any: ...

    def vector_search(
        self, query: str | Sequence[float], k: int, flt: ChunkFilter | None = None
    ) -> list[ChunkHit]: ...

    def lexical_search(
        self, query: str, k: int, flt: ChunkFilter | None = None
    ) -> list[ChunkHit]: ...


DatePrior = Callable[[StoredChunk], float]
"""Maps a chunk to a multiplicative-ish prior in [0, 1] (1 = best), e.g. recency."""


def query_model(index: Any) -> Any:
    """What the index embeds questions with: its `query_model` (no llama-index needed)
    when it has one, else its `embedding`."""
    model = getattr(index, "query_model", None)
    return model if model is not None else index.embedding


def _embed_query(embedding: Any, question: str) -> Any:
    """The question's vector: a float32 row straight from a local model's `embed_array`
    (the same values `get_query_embedding` returns as Python floats, without llama-index's
    event dispatch and the float round trip: ~0.5 ms an ask)."""
    array = getattr(embedding, "embed_array", None)
    if callable(array):
        return array([question])[0]
    return embedding.get_query_embedding(question)


def _embed_texts(embedding: Any, texts: list[str]) -> Any:
    array = getattr(embedding, "embed_array", None)
    if callable(array):
        return array(texts)
    return embedding.get_text_embedding_batch(texts)


class HybridRetriever:
    """Vector + BM25 retrieval over a `SearchIndex`, returning citable `Passage`s."""

    def __init__(self, index: SearchIndex, settings: RetrievalSettings | None = None) -> None:
        self.index = index
        self.settings = settings if settings is not None else RetrievalSettings()

    def candidates(
        self,
        question: str,
        flt: ChunkFilter | None = None,
        date_prior: DatePrior | None = None,
    ) -> list[Candidate]:
        """All rescored candidates, best first, before dedupe/caps (for evaluation)."""
        cfg = self.settings
        lexical_query = clean_query(question) if cfg.clean_query else question
        flt = None if flt is None or flt.is_empty else flt
        query_vec = _embed_query(query_model(self.index), question)
        rankings: list[tuple[Sequence[ChunkHit], float, str]] = []
        if cfg.rrf_vector_weight > 0:
            rankings.append(
                (
                    self.index.vector_search(query_vec, cfg.candidate_pool, flt),
                    cfg.rrf_vector_weight,
                    "vector",
                )
            )
        if cfg.rrf_lexical_weight > 0:
            rankings.append(
                (
                    self.index.lexical_search(lexical_query, cfg.candidate_pool, flt),
                    cfg.rrf_lexical_weight,
                    "lexical",
                )
            )
        cands = rrf_fuse(rankings, cfg.rrf_k)
        if cfg.rescore_top and cands:
            top, rest = cands[: cfg.rescore_top], cands[cfg.rescore_top :]
            self._rescore(lexical_query, query_vec, top, date_prior)
            top.sort(key=lambda c: c.score, reverse=True)
            floor = top[-1].score if top else 0.0
            for cand in rest:  # keep the tail below the rescored head
                cand.score = min(cand.score, floor) - 1e-9
            cands = top + rest
        elif date_prior is not None:
            for cand in cands:
                cand.score *= 0.5 + 0.5 * date_prior(cand.chunk)
            cands.sort(key=lambda c: c.score, reverse=True)
        return cands

    def _rescore(
        self,
        query: str,
        query_vec: Sequence[float],
        cands: list[Candidate],
        date_prior: DatePrior | None,
    ) -> None:
        cfg = self.settings
        q_terms = list(dict.fromkeys(terms(query)))
        body_terms = [chunk_terms(c.chunk) for c in cands]
        title_terms = [text_terms(c.chunk.title) for c in cands]
        # IDF over the candidate pool: words in every candidate say little. (A document
        # is asked only about the query's terms: those it holds are all it needs.)
        qset = set(q_terms)
        docs = [query_terms_in(qset, a, b) for a, b in zip(body_terms, title_terms, strict=True)]
        n = len(docs)
        idf = {t: math.log(1.0 + (n + 1) / (1 + sum(t in d for d in docs))) for t in q_terms}
        dense = self._dense(query_vec, cands)
        top_fused = max(c.fused for c in cands) or 1.0
        coverage = TermCoverage(q_terms, idf)
        for i, cand in enumerate(cands):
            cov, prox = coverage(body_terms[i])
            title_cov, _ = coverage(title_terms[i])
            sim = float(dense[i])
            score = (
                cfg.rescore_fused_weight * cand.fused / top_fused
                + cfg.rescore_coverage_weight * cov
                + cfg.rescore_proximity_weight * prox
                + cfg.rescore_title_weight * title_cov
                + cfg.rescore_dense_weight * sim
                + cfg.rescore_lead_weight * (cand.chunk.index == 0)
            )
            if date_prior is not None:
                score += cfg.rescore_prior_weight * date_prior(cand.chunk)
            cand.score = score

    def _dense(self, query_vec: Sequence[float], cands: Sequence[Candidate]) -> Any:
        """Cosine of the query and each candidate's vector, as stored by the index.

        The stored vectors are what vector search compared (title + chunk text): reading
        them back costs ~1 ms for 50 chunks where embedding the texts again took ~60 ms.
        An index without `chunk_vectors` (or a chunk it lacks) gets its text embedded.
        """
        read = getattr(self.index, "chunk_vectors", None)
        stored: dict[str, Any] = read([c.chunk.id for c in cands]) if callable(read) else {}
        missing = [c for c in cands if c.chunk.id not in stored]
        if missing:
            from index.chunking import indexed_text

            texts = [indexed_text(c.chunk.title, c.chunk.text) for c in missing]
            stored.update(
                zip(
                    [c.chunk.id for c in missing],
                    _embed_texts(query_model(self.index), texts),
                    strict=True,
                )
            )
        return cosine_rows(query_vec, [stored[c.chunk.id] for c in cands])

    def retrieve(
        self,
        question: str,
        k: int = 10,
        flt: ChunkFilter | None = None,
        date_prior: DatePrior | None = None,
    ) -> list[Passage]:
        cands = self.candidates(question, flt, date_prior)
        passages = self.select(cands, k)
        logger.debug(
            "retrieved question=%r k=%d candidates=%d passages=%d",
            question,
            k,
            len(cands),
            len(passages),
        )
        return passages

    def select(self, cands: Sequence[Candidate], k: int) -> list[Passage]:
        """The k passages `retrieve` makes of `candidates(...)`: copies collapsed, caps
        applied, neighbours merged (notes other outlets in the candidates' `also_in`)."""
        cfg = self.settings
        kept = collapse_duplicates(cands)
        chosen = select_diverse(kept, k, cfg.per_article_cap, cfg.per_source_share)
        passages = [to_passage(c) for c in chosen]
        if cfg.merge_adjacent:
            passages = merge_adjacent(passages)
        return passages


def restrict_filter(
    flt: ChunkFilter | None,
    *,
    sources: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> ChunkFilter:
    """Combine a filter with extra bounds (the tighter bound wins)."""
    base = flt or ChunkFilter()
    new_sources = tuple(sources) if sources else base.sources
    new_since = max((d for d in (base.since, since) if d is not None), default=None)
    new_until = min((d for d in (base.until, until) if d is not None), default=None)
    return ChunkFilter(sources=new_sources, since=new_since, until=new_until)
