"""Article records as a Chroma server holds them for replicas (index/shared.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from index.chunking import chunk_article
from index.errors import ReadOnlyReplica
from index.models import Article
from index.settings import IndexSettings
from index.shared import _record, _record_metadata, _spans
from index.store import ChromaStore


@pytest.mark.parametrize(
    "article",
    [
        Article(
            id="a1",
            title="Fooville council approves new river bridge",
            text="The Fooville town council approved a new bridge. " * 80,
            url="https://example.org/bridge",
            source="example.org",
            authors=("Anna Lind", "Tom Okafor"),
            published="2022-06-12",
            path="/srv/articles/feed.jsonl:12",
        ),
        Article(id="a2", title="No date, no outlet", text="Short text."),
    ],
)
def test_a_record_gives_back_the_article_and_its_chunks(article: Article) -> None:
    chunks = chunk_article(article, max_tokens=64, overlap=8)
    meta = _record_metadata(
        article, article.content_hash(), _spans([(c.start, c.end) for c in chunks])
    )
    assert all(v is not None for v in meta.values())  # Chroma refuses null metadata
    record = _record(article.id, article.text, meta)
    assert record.article == article
    assert record.article.content_hash() == meta["hash"]
    assert record.chunks == chunks


def test_a_replica_needs_a_server_and_the_embedded_store_publishes_nothing(
    tmp_path: Path,
) -> None:
    with pytest.raises(ReadOnlyReplica, match="NEWSDESK_CHROMA_HOST"):
        ChromaStore.open(IndexSettings(replica=True), tmp_path)
    store = ChromaStore.open(IndexSettings(), tmp_path)
    assert store.shared is None and not store.read_only
    store.delete_articles(["x"])
    assert store.take_touched() == set()


def test_a_record_carries_the_revision_of_its_chunk_ids() -> None:
    article = Article(id="a3", title="Changed twice", text="It changed. " * 40)
    meta = _record_metadata(article, article.content_hash(), _spans([(0, 12)]), rev=2)
    record = _record(article.id, article.text, meta)
    assert record.rev == 2
    assert record.chunks[0].text == "It changed. "
    older = {k: v for k, v in meta.items() if k != "rev"}  # published before revisions
    assert _record(article.id, article.text, older).rev == 0


def test_a_lagging_replica_is_told_it_catches_up_not_to_run_the_indexer() -> None:
    from index.report import IndexStatus

    fields: dict[str, Any] = {
        "articles": 2,
        "chunks": 4,
        "sources": {},
        "earliest": None,
        "latest": None,
        "undated": 0,
        "embed_model": None,
        "chunk_tokens": 256,
        "chunk_overlap": 32,
        "store": "127.0.0.1:8000 (collection news), read-only replica",
        "data_dir": "/tmp/replica",
        "vectors": 6,
    }
    replica = "\n".join(IndexStatus(**fields, replica=True).lines())
    assert "catches up at its next sync" in replica and "newsdesk index" not in replica
    indexer = "\n".join(IndexStatus(**fields).lines())
    assert "the stores disagree" in indexer and "newsdesk index PATH" in indexer
