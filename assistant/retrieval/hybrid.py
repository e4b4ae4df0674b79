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
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from assistant.retrieval.features import (
    clean_query,
    cosine_rows,
    coverage_of_terms,
    terms,
    words,
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


# --- candidates ------------------------------------------------------------------------


@dataclass
class Candidate:
    chunk: StoredChunk
    fused: float = 0.0
    vector_rank: int | None = None
    lexical_rank: int | None = None
    vector_score: float | None = None
    lexical_score: float | None = None
    score: float = 0.0
    also_in: list[str] = field(default_factory=list)


def rrf_fuse(
    rankings: Sequence[tuple[Sequence[ChunkHit], float, str]], rrf_k: int
) -> list[Candidate]:
    """Reciprocal-rank fusion: each list adds ``weight / (rrf_k + rank)`` to its chunks."""
    by_id: dict[str, Candidate] = {}
    for hits, weight, kind in rankings:
        for rank, hit in enumerate(hits, start=1):
            cand = by_id.get(hit.chunk.id)
            if cand is None:
                cand = by_id[hit.chunk.id] = Candidate(chunk=hit.chunk)
            cand.fused += weight / (rrf_k + rank)
            if kind == "vector":
                cand.vector_rank, cand.vector_score = rank, hit.score
            else:
                cand.lexical_rank, cand.lexical_score = rank, hit.score
    fused = sorted(by_id.values(), key=lambda c: c.fused, reverse=True)
    for cand in fused:
        cand.score = cand.fused
    return fused


def _norm_text_key(text: str) -> str:
    return hashlib.sha1(" ".join(words(text)).encode()).hexdigest()


def collapse_duplicates(cands: Sequence[Candidate]) -> list[Candidate]:
    """Keep the best-scored copy of each duplicate group / identical text; note the others.

    `cands` must be sorted best first. The kept candidate's ``also_in`` lists the other
    outlets that carried the copy (its own outlet excluded).
    """
    kept: list[Candidate] = []
    seen: dict[str, Candidate] = {}
    for cand in cands:
        chunk = cand.chunk
        keys = [f"t:{_norm_text_key(chunk.text)}"]
        if chunk.group_id:
            keys.append(f"g:{chunk.group_id}#{chunk.index}")
        owner = next((seen[k] for k in keys if k in seen), None)
        if owner is not None:
            if owner.chunk.article_id != chunk.article_id:
                src = chunk.source or ""
                if src and src != owner.chunk.source and src not in owner.also_in:
                    owner.also_in.append(src)
            for k in keys:
                seen.setdefault(k, owner)
            continue
        for k in keys:
            seen[k] = cand
        kept.append(cand)
    # Copies of one story (a near-duplicate group) are one source: every kept chunk of
    # the group names the other outlets that carried it.
    group_sources: dict[str, list[str]] = {}
    for cand in cands:
        if cand.chunk.group_id and cand.chunk.source:
            names = group_sources.setdefault(cand.chunk.group_id, [])
            if cand.chunk.source not in names:
                names.append(cand.chunk.source)
    for cand in kept:
        for src in group_sources.get(cand.chunk.group_id or "", ()):
            if src != cand.chunk.source and src not in cand.also_in:
                cand.also_in.append(src)
    return kept


def _story(cand: Candidate) -> str:
    """The unit of the per-article cap: a near-duplicate group counts as one article."""
    return cand.chunk.group_id or cand.chunk.article_id


def select_diverse(
    cands: Sequence[Candidate], k: int, per_article_cap: int, per_source_share: float
) -> list[Candidate]:
    """Best-first selection with at most `per_article_cap` per article and a per-outlet share.

    Both limits are soft: when the candidates run out before k passages are chosen, the
    held-back ones are taken (best first), so that a one-article or one-outlet collection
    still fills the context.
    """
    per_article: dict[str, int] = {}
    per_source: dict[str, int] = {}
    source_cap = max(1, math.ceil(k * per_source_share))
    chosen: list[Candidate] = []
    deferred: list[Candidate] = []
    for cand in cands:
        if len(chosen) >= k:
            break
        aid = _story(cand)
        if per_article.get(aid, 0) >= per_article_cap:
            deferred.append(cand)
            continue
        src = cand.chunk.source or ""
        if per_source.get(src, 0) >= source_cap:
            deferred.append(cand)
            continue
        per_article[aid] = per_article.get(aid, 0) + 1
        per_source[src] = per_source.get(src, 0) + 1
        chosen.append(cand)
    if len(chosen) < k:
        # Outlet-capped candidates first (they respect the article cap), then the rest.
        deferred.sort(key=lambda c: per_article.get(_story(c), 0) >= per_article_cap)
        for cand in deferred:
            if len(chosen) >= k:
                break
            per_article[_story(cand)] = per_article.get(_story(cand), 0) + 1
            chosen.append(cand)
    chosen.sort(key=lambda c: c.score, reverse=True)
    return chosen


def to_passage(cand: Candidate) -> Passage:
    c = cand.chunk
    return Passage(
        text=c.text,
        article_id=c.article_id,
        title=c.title,
        source=c.source,
        url=c.url,
        published=c.published,
        score=round(float(cand.score), 6),
        chunk_id=c.id,
        start=c.start,
        end=c.end,
        also_in=tuple(cand.also_in),
    )


def merge_adjacent(passages: Sequence[Passage]) -> list[Passage]:
    """Join passages of one article whose character spans touch or overlap.

    The merged passage takes the place (and score) of the better of the two, so the
    ranking is kept; its text is stitched from the offsets, not concatenated blindly.
    """
    out: list[Passage] = []
    for p in passages:
        for i, q in enumerate(out):
            if q.article_id != p.article_id:
                continue
            first, second = (q, p) if q.start <= p.start else (p, q)
            if second.start > first.end:
                continue
            if second.end <= first.end:
                text, end = first.text, first.end
            else:
                # chunk.text == article.text[start:end], so offsets stitch exactly.
                text = first.text + second.text[first.end - second.start :]
                end = second.end
            out[i] = replace(
                q,
                text=text,
                start=first.start,
                end=end,
                also_in=tuple(dict.fromkeys(q.also_in + p.also_in)),
            )
            break
        else:
            out.append(p)
    return out


# --- the retriever ---------------------------------------------------------------------


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
        embedding = self.index.embedding
        query_vec = embedding.get_query_embedding(question)
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
        text_terms = [terms(c.chunk.text) for c in cands]
        title_terms = [terms(c.chunk.title) for c in cands]
        # IDF over the candidate pool: words in every candidate say little.
        docs = [set(a).union(b) for a, b in zip(text_terms, title_terms, strict=True)]
        n = len(docs)
        idf = {t: math.log(1.0 + (n + 1) / (1 + sum(t in d for d in docs))) for t in q_terms}
        dense = self._dense(query_vec, cands)
        top_fused = max(c.fused for c in cands) or 1.0
        for i, cand in enumerate(cands):
            cov, prox = coverage_of_terms(q_terms, idf, text_terms[i])
            title_cov, _ = coverage_of_terms(q_terms, idf, title_terms[i])
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
                    _embed_texts(self.index.embedding, texts),
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
