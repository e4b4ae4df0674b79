"""The read side of `NewsIndex`: vector and BM25 search, chunks, articles, status.

Everything here reads the manifest's committed tables, which an update changes in one
transaction at its end (`index/writes.py`). While it runs, Chroma and the in-memory BM25
already hold its staged chunks (and still the old chunks of articles it replaces or
removes): searches drop whatever the manifest does not list, vector search asks for
more neighbours when hidden ones took places, and BM25 is masked to the committed rows.
So a question asked during an update sees the index as it was before it, then all of
it once it commits, never half. (BM25's term statistics count the hidden rows too, so
scores can differ slightly from the pre-update ones; which chunks can match does not.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from index.columns import ColumnCache, FilterColumns
from index.filtered_search import query_filtered
from index.filters import ChunkFilter
from index.lexical_state import LexicalState
from index.manifest import DELETING, PENDING
from index.models import Article, ChunkHit, StoredChunk
from index.report import ArticleSummary, IndexStatus
from index.settings import IndexSettings

READ_ATTEMPTS = 3
MAX_NEIGHBOURS = 4096  # vector search asks Chroma for at most this many while hidden ones crowd

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from index.lexical import LexicalIndex


class IndexReads(LexicalState):
    """Reading methods of `NewsIndex` (index/pipeline.py sets the attributes)."""

    settings: IndexSettings
    _embedding: BaseEmbedding | None
    _encoder: Any  # the model writes used before `embedding` was built (or None)
    _embedding_lock: threading.Lock
    _columns: ColumnCache

    @property
    def embedding(self) -> BaseEmbedding:
        if self._embedding is None:
            with self._embedding_lock:
                if self._embedding is None:
                    from index.embeddings import build_embedding
                    from index.encoders import WordLlamaEncoder

                    encoder = self._encoder
                    if encoder is None or isinstance(encoder, WordLlamaEncoder):
                        self._embedding = build_embedding(self.settings, encoder)
                    else:  # another backend's writes already built the llama-index model
                        self._embedding = encoder
        return self._embedding

    @property
    def query_model(self) -> Any:
        """What writes and questions (and chunks missing a stored vector) are embedded with:
        `embedding` once it is built (or given), else a model without llama-index
        (`index.encoders`, built now), which `embedding` later wraps. The same vectors
        either way; a cold one-file update skips llama-index's import, and a process that
        only asks, like `newsdesk serve` with answer workers, never loads it (~45 MB)."""
        if self._embedding is not None:
            return self._embedding
        with self._embedding_lock:
            if self._embedding is not None:
                return self._embedding
            if self._encoder is None:
                from index.write_encoder import build_encoder

                self._encoder = build_encoder(self.settings)
            return self._encoder

    # -- reading ----------------------------------------------------------------------

    def vector_search(
        self, query: str | Sequence[float], k: int, flt: ChunkFilter | None = None
    ) -> list[ChunkHit]:
        """The k chunks nearest to the query (text or embedding); score = cosine similarity."""
        if isinstance(query, str):
            vector: Any = self.embedding.get_query_embedding(query)
        else:
            vector = query
        self._follow_other_writers()
        hits: list[ChunkHit] = []
        for _ in range(READ_ATTEMPTS):  # again if a commit landed between the two reads
            generation = self._generation()
            if flt is None or flt.is_empty:
                hits = self._nearest_visible(vector, k)
            else:
                found = query_filtered(self.store, vector, k, self._filter_columns().view(flt))
                hits = self._visible(found, lambda dist: 1.0 - dist)
            if self._generation() == generation:
                break
        return hits

    def _nearest_visible(self, vector: Any, k: int) -> list[ChunkHit]:
        """The k nearest committed chunks: an update's staged (or retired) vectors are in
        Chroma too, so when they took places among the k, ask for more neighbours."""
        n, hits = k, []
        while n > 0:
            found = self.store.query(vector, n, None)
            hits = self._visible(found, lambda dist: 1.0 - dist)
            if len(hits) >= k or len(found) < n or n >= MAX_NEIGHBOURS:
                break
            n = min(n * 4, MAX_NEIGHBOURS)
        return hits[:k]

    def _visible(
        self, found: Sequence[tuple[str, float]], score: Callable[[float], float]
    ) -> list[ChunkHit]:
        """The committed chunks among `found`, in order, with their scores."""
        chunks = {c.id: c for c in self.manifest.get_chunks([cid for cid, _ in found], done=True)}
        return [ChunkHit(chunks[cid], score(s)) for cid, s in found if cid in chunks]

    def lexical_search(self, query: str, k: int, flt: ChunkFilter | None = None) -> list[ChunkHit]:
        """The k best BM25 chunks for the query; score = BM25 score."""
        lex = self._lexical_for_read()
        # Under the BM25 lock: this process's commit (which takes it) is before or after
        # the whole search. While this process writes, BM25 holds staged rows: mask them.
        with self._lex_lock:
            allowed = None
            if (flt is not None and not flt.is_empty) or self._write_in_progress():
                allowed = self._filter_columns(lex).mask(flt or ChunkFilter())
                if not allowed.any():
                    return []
            found = lex.search(query, k, allowed=allowed)
            return self._visible(found, float)

    def _filter_columns(self, lex: LexicalIndex | None = None) -> FilterColumns:
        """Outlet/date/state columns of the BM25 rows, current for this write generation."""
        lex = lex or self._lexical_for_read()
        with self._lex_lock:
            return self._columns.columns(lex, self._generation())

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these chunks, by id (for rescoring without re-embedding)."""
        return self.store.get_embeddings(ids) if ids else {}

    def get_chunks(self, ids: Sequence[str]) -> list[StoredChunk]:
        return self.manifest.get_chunks(ids)

    def chunks_of(self, article_id: str) -> list[StoredChunk]:
        return self.manifest.chunks_of(article_id)

    def get_article(self, article_id: str) -> Article | None:
        return self.manifest.get_article(article_id)

    def list_articles(self) -> list[ArticleSummary]:
        return self.manifest.list_articles()

    def status(self) -> IndexStatus:
        self._follow_shared()  # a replica: in step with the server first
        counts = self.manifest.counts()
        meta = self.manifest.meta()
        model = meta.get("embed_model")
        if model and meta.get("embed_model_name"):
            model = f"{model} ({meta['embed_model_name']}, {meta.get('embed_dim')}-d)"
        tokens, overlap = meta.get("chunk_tokens"), meta.get("chunk_overlap")
        return IndexStatus(
            articles=counts["articles"],
            chunks=counts["chunks"],
            sources=counts["sources"],
            earliest=counts["earliest"],
            latest=counts["latest"],
            undated=counts["undated"],
            embed_model=model,
            chunk_tokens=int(tokens) if tokens else None,
            chunk_overlap=int(overlap) if overlap else None,
            store=self.store.location,
            data_dir=str(self.data_dir.absolute()),
            pending=counts["pending"],
            vectors=self.store.count(),
            replica=self.store.read_only,
        )

    def consistency(self) -> dict[str, Any]:
        """Chunk ids per store, for checks: manifest, Chroma and BM25 must hold the same set."""
        manifest_ids = self.manifest.chunk_ids()
        chroma_ids = self.store.ids()
        lex_ids = list(self._lexical_for_read().ids())
        return {
            "manifest": manifest_ids,
            "chroma": chroma_ids,
            "bm25": lex_ids,
            "pending": self.manifest.ids_in_state(PENDING)
            + self.manifest.ids_in_state(DELETING)
            + self.manifest.staged_ids(),
            "consistent": set(manifest_ids) == set(chroma_ids) == set(lex_ids)
            and len(set(lex_ids)) == len(lex_ids),
        }
