"""Newsdesk's write side: article files -> articles -> chunks -> embeddings -> Chroma + BM25.

Names are imported lazily so that `import index` does no work (no chromadb, no models).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.filters import ChunkFilter
    from index.models import Article, Chunk, ChunkHit, ParseFailure, ParseResult, StoredChunk
    from index.pipeline import IndexMismatchError, NewsIndex
    from index.report import ArticleSummary, IndexStatus, UpdateReport
    from index.settings import IndexSettings

_EXPORTS = {
    "NewsIndex": "index.pipeline",
    "IndexMismatchError": "index.pipeline",
    "IndexSettings": "index.settings",
    "Article": "index.models",
    "Chunk": "index.models",
    "ChunkHit": "index.models",
    "ParseFailure": "index.models",
    "ParseResult": "index.models",
    "StoredChunk": "index.models",
    "ChunkFilter": "index.filters",
    "UpdateReport": "index.report",
    "IndexStatus": "index.report",
    "ArticleSummary": "index.report",
}

__all__ = [
    "Article",
    "ArticleSummary",
    "Chunk",
    "ChunkFilter",
    "ChunkHit",
    "IndexMismatchError",
    "IndexSettings",
    "IndexStatus",
    "NewsIndex",
    "ParseFailure",
    "ParseResult",
    "StoredChunk",
    "UpdateReport",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
