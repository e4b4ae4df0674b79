"""What a Chroma server holds beside the vectors, so that replicas can serve from it.

The embedded store keeps chunk text and article metadata out of Chroma (the manifest has
them). On a Chroma server the indexer also publishes one record per article to the
collection ``<collection>_articles``: the article text as its document; title, outlet,
URL, authors, date, file name, content hash and the chunk boundaries as its metadata.
A replica rebuilds its local manifest, BM25 index and duplicate groups from these
records (index/replica.py); a record carries the article's revision, so the chunk ids
it gives are the vectors' ids (``article_id#i``, or ``article_id#i~rev`` once changed).
Chroma wants a vector with every record: each gets the same one-dimensional vector,
and nothing searches this collection.

The collection's metadata is the change marker replicas poll (one small request):
``generation`` is odd while the indexer writes and even once a write has been
published, with the embedding and chunk settings the index was built with. Dropping the
collection (``--rebuild``) gives it a new id, which replicas also notice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from index.models import Article, Chunk

logger = logging.getLogger(__name__)

APPLY_BATCH = 500  # articles per transaction when records are published or applied

SUFFIX = "_articles"
SETTINGS_KEYS = ("embed_model", "embed_model_name", "embed_dim", "chunk_tokens", "chunk_overlap")
_BATCH = 500
_UNIT = [1.0]  # the one vector every record carries (Chroma requires one)
# What the indexer publishes of an article: it, its content hash, chunk spans, revision.
Published = tuple[Article, str, Sequence[tuple[int, int]], int]


@dataclass(frozen=True)
class Marker:
    """The shared store's change marker: (collection id, generation) changes on every write."""

    key: tuple[str, int]
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def writing(self) -> bool:
        return self.key[1] % 2 == 1


@dataclass(frozen=True)
class ArticleRecord:
    """One published article with its chunks (text cut from the article at the spans) and
    the revision of its chunk ids (index/models.py `chunk_id`)."""

    article: Article
    chunks: list[Chunk]
    rev: int = 0


def _spans(chunks: Sequence[tuple[int, int]]) -> str:
    return ";".join(f"{start}:{end}" for start, end in chunks)


def _record_metadata(
    article: Article, content_hash: str, spans: str, rev: int = 0
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": article.title,
        "hash": content_hash,
        "authors": json.dumps(list(article.authors)),
        "path": article.path,
        "spans": spans,
        "rev": rev,
    }
    for key in ("url", "source", "published"):
        value = getattr(article, key)
        if value is not None:
            meta[key] = value
    return meta


def _record(article_id: str, text: str, meta: dict[str, Any]) -> ArticleRecord:
    article = Article(
        id=article_id,
        title=str(meta["title"]),
        text=text,
        url=meta.get("url"),
        source=meta.get("source"),
        authors=tuple(json.loads(str(meta.get("authors") or "[]"))),
        published=meta.get("published"),
        path=str(meta.get("path") or ""),
    )
    chunks = []
    for index, span in enumerate(filter(None, str(meta.get("spans") or "").split(";"))):
        start, end = (int(x) for x in span.split(":"))
        chunks.append(Chunk(article_id, index, text[start:end], start, end))
    return ArticleRecord(article, chunks, int(meta.get("rev") or 0))


class SharedRecords:
    """The article records and change marker on a Chroma server (see the module docstring).

    `guard` turns a failed request into `StoreUnreachable` (ChromaStore._guard);
    `client` returns the current Chroma client.
    """

    def __init__(
        self, client: Callable[[], Any], guard: Callable[[str, Callable[[], Any]], Any], name: str
    ) -> None:
        self._client = client
        self._guard = guard
        self.name = name + SUFFIX

    def _collection(self, create: bool = True) -> Any:
        """The records collection; with `create=False`, None when there is none yet."""
        from chromadb.errors import NotFoundError

        client = self._client()
        if create:
            return self._guard(
                "open the article records",
                lambda: client.get_or_create_collection(self.name, embedding_function=None),
            )
        try:
            return self._guard(
                "read the change marker",
                lambda: client.get_collection(self.name, embedding_function=None),
            )
        except NotFoundError:
            return None

    # -- the marker -------------------------------------------------------------------

    def marker(self) -> Marker:
        """The current marker; (\"\", 0) when nothing was ever published."""
        collection = self._collection(create=False)
        if collection is None:
            return Marker(("", 0))
        meta = dict(collection.metadata or {})
        generation = int(meta.pop("generation", 0))
        settings = {k: str(v) for k, v in meta.items() if k in SETTINGS_KEYS}
        return Marker((str(collection.id), generation), settings)

    def set_generation(self, generation: int, settings: dict[str, str]) -> None:
        collection = self._collection()
        meta: dict[str, Any] = {"generation": generation}
        meta.update({k: settings[k] for k in SETTINGS_KEYS if settings.get(k) is not None})
        self._guard("update the change marker", lambda: collection.modify(metadata=meta))

    def drop(self) -> None:
        """Forget every record (the index is being rebuilt)."""
        client = self._client()
        try:
            self._guard("drop the article records", lambda: client.delete_collection(self.name))
        except Exception as exc:  # a missing collection: nothing to drop
            from index.errors import StoreUnreachable

            if isinstance(exc, StoreUnreachable):
                raise
            logger.debug("article records not dropped name=%s error=%s", self.name, exc)

    # -- records ----------------------------------------------------------------------

    def hashes(self) -> dict[str, str]:
        """Content hash of every published article, by id."""
        collection = self._collection()
        out: dict[str, str] = {}
        offset = 0
        while True:
            page = self._guard(
                "list the article records",
                lambda offset=offset: collection.get(  # type: ignore[misc]
                    include=["metadatas"], limit=5000, offset=offset
                ),
            )
            for aid, meta in zip(page["ids"], page["metadatas"], strict=True):
                out[aid] = str((meta or {}).get("hash", ""))
            if len(page["ids"]) < 5000:
                return out
            offset += len(page["ids"])

    def records(self, article_ids: Sequence[str]) -> Iterator[ArticleRecord]:
        """The published records of these articles (ids not published are left out)."""
        collection = self._collection()
        ids = list(article_ids)
        for lo in range(0, len(ids), _BATCH):
            part = ids[lo : lo + _BATCH]
            got = self._guard(
                "read the article records",
                lambda part=part: collection.get(  # type: ignore[misc]
                    ids=part, include=["documents", "metadatas"]
                ),
            )
            for aid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                yield _record(aid, text or "", dict(meta or {}))

    def publish(
        self,
        articles: Sequence[Published],
        removed: Sequence[str],
    ) -> None:
        """Upsert these (article, content hash, chunk spans, revision) records; delete
        `removed`."""
        collection = self._collection()
        for lo in range(0, len(articles), _BATCH):
            part = articles[lo : lo + _BATCH]
            self._guard(
                "publish the article records",
                lambda part=part: collection.upsert(  # type: ignore[misc]
                    ids=[a.id for a, _, _, _ in part],
                    embeddings=[_UNIT] * len(part),
                    documents=[a.text for a, _, _, _ in part],
                    metadatas=[_record_metadata(a, h, _spans(s), r) for a, h, s, r in part],
                ),
            )
        gone = list(removed)
        for lo in range(0, len(gone), _BATCH):
            part_ids = gone[lo : lo + _BATCH]
            self._guard(
                "delete article records",
                lambda part_ids=part_ids: collection.delete(ids=part_ids),  # type: ignore[misc]
            )
