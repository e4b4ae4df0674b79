"""What becomes of the ranked candidates: fusion, copies collapsed, caps, passages.

Steps 3, 5 and 6 of hybrid retrieval (see hybrid.py): plain functions over `Candidate`s,
so each is tested on hand-made rankings without an index.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.retrieval.features import TEXTS_CACHED, text_words
from assistant.types import Passage
from index.models import ChunkHit, StoredChunk


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


@lru_cache(maxsize=TEXTS_CACHED)
def text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text_words(text)).encode()).hexdigest()


def chunk_key(chunk: StoredChunk) -> str:
    """`text_key` of a chunk's text, from the words the index stored with it if any."""
    if chunk.words is None:
        return text_key(chunk.text)
    return hashlib.sha1(chunk.words.encode()).hexdigest()


def collapse_duplicates(cands: Sequence[Candidate]) -> list[Candidate]:
    """Keep the best-scored copy of each duplicate group / identical text; note the others.

    `cands` must be sorted best first. The kept candidate's ``also_in`` lists the other
    outlets that carried the copy (its own outlet excluded).
    """
    kept: list[Candidate] = []
    seen: dict[str, Candidate] = {}
    for cand in cands:
        chunk = cand.chunk
        keys = [f"t:{chunk_key(chunk)}"]
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
    return passage_of(cand.chunk, round(float(cand.score), 6), tuple(cand.also_in))


def passage_of(chunk: StoredChunk, score: float, also_in: tuple[str, ...] = ()) -> Passage:
    """A stored chunk as a citable passage (its text at its offsets in the article)."""
    return Passage(
        text=chunk.text,
        article_id=chunk.article_id,
        title=chunk.title,
        source=chunk.source,
        url=chunk.url,
        published=chunk.published,
        score=score,
        chunk_id=chunk.id,
        start=chunk.start,
        end=chunk.end,
        also_in=also_in,
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
