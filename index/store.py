"""The Chroma collection holding one embedding per chunk.

Chroma keeps only what vector search needs: the chunk id, its embedding and a few
flat scalars used by filters and by delete-by-article (`article_id`, `source`,
`published_ts`). Chunk text and the rest of the article metadata live in the
manifest (SQLite): writing documents and bulky metadata is what makes Chroma slow
(see tests/benchmarks/bench_index.py for the measurement behind this choice).
On a Chroma server, the articles themselves are also published for replicas
(index/shared.py); a replica opens the store read-only.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from index.errors import ReadOnlyReplica, StoreUnreachable, connection_failed
from index.locks import ReadWriteLock
from index.settings import IndexSettings
from index.shared import SharedRecords

logger = logging.getLogger(__name__)

# Chroma caps the size of one `$in` list poorly on some backends; stay well below.
_WHERE_IN_BATCH = 500
_PAGE = 5000

T = TypeVar("T")
Metadata = Mapping[str, str | int | float | bool]


def chunk_metadata(article_id: str, source: str | None, published_ts: int | None) -> dict[str, Any]:
    """The flat scalars stored with each vector (unknown values are omitted, not null)."""
    meta: dict[str, Any] = {"article_id": article_id}
    if source:
        meta["source"] = source
    if published_ts is not None:
        meta["published_ts"] = int(published_ts)
    return meta


def _pairs(result: Any) -> list[tuple[str, float]]:
    """(id, distance) pairs of a one-query Chroma result."""
    ids = result["ids"][0] if result["ids"] else []
    distances = (result.get("distances") or [[]])[0] or [0.0] * len(ids)
    return [(cid, float(d)) for cid, d in zip(ids, distances, strict=False)]


class ChromaStore:
    """One Chroma collection (cosine space), on disk or on a server.

    Another process may drop and re-create the collection (`--rebuild`), a server may
    restart on empty storage, and an embedded client never sees vectors that another
    process wrote after it loaded them: `refresh` reopens the client, and a collection
    that vanished is looked up again once before an operation gives up. A server that
    does not answer becomes `StoreUnreachable` naming its address.
    """

    def __init__(
        self,
        connect: Callable[[], Any],
        collection_name: str,
        location: str,
        server: str | None = None,
        read_only: bool = False,
    ) -> None:
        self._connect = connect
        self.server = server  # "host:port" of a Chroma server; None for the embedded store
        self._name = collection_name
        self.read_only = read_only  # a replica: it reads the server, the indexer writes it
        self.location = f"{location}, read-only replica" if read_only else location
        self._gate = ReadWriteLock()
        self._client = self._guard("connect", connect)
        self.max_batch = int(self._guard("connect", self._client.get_max_batch_size))
        self._collection = self._guard("open the collection", self._get_collection)
        # On a server: the article records replicas read, and the articles whose vectors
        # this process changed since the last publish (index/replica.py publishes them).
        self.shared = (
            SharedRecords(lambda: self._client, self._guard, collection_name) if server else None
        )
        self._touched: set[str] = set()
        self._touched_lock = threading.Lock()

    @classmethod
    def open(cls, settings: IndexSettings, data_dir: Path) -> ChromaStore:
        connect: Callable[[], Any]
        if settings.chroma_host:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            host, port = settings.chroma_host, settings.chroma_port

            def connect() -> Any:
                # A fresh Settings each time: HttpClient writes the port into it.
                return chromadb.HttpClient(
                    host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False)
                )

            location = f"http://{host}:{port}"
            server: str | None = f"{host}:{port}"
        else:
            from index.chroma_local import LocalClient  # the bindings, without `import chromadb`

            path = data_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)

            def connect() -> Any:
                return LocalClient(path)

            location, server = str(path), None
        if settings.replica and server is None:
            raise ReadOnlyReplica(
                "a replica (NEWSDESK_REPLICA=true) serves from a Chroma server: set "
                "NEWSDESK_CHROMA_HOST/_PORT to the server the indexer writes to"
            )
        logger.debug("chroma open location=%s collection=%s", location, settings.collection)
        where = f"{location} (collection {settings.collection})"
        return cls(connect, settings.collection, where, server, read_only=settings.replica)

    def check_writable(self) -> None:
        """Raise `ReadOnlyReplica` in a replica: only the indexer writes the shared store."""
        if self.read_only:
            raise ReadOnlyReplica(
                f"this Newsdesk is a read-only replica of the Chroma server at {self.server}: "
                "articles are added and removed by the indexer (`newsdesk index PATH` with "
                f"NEWSDESK_CHROMA_HOST/_PORT set to {self.server}), and replicas pick "
                "them up within seconds"
            )

    def _touch(self, article_ids: Iterator[str] | Sequence[str]) -> None:
        if self.shared is not None:
            with self._touched_lock:
                self._touched.update(article_ids)

    def take_touched(self) -> set[str]:
        """The articles whose vectors changed since the last call (server mode only)."""
        with self._touched_lock:
            touched, self._touched = self._touched, set()
        return touched

    def _get_collection(self) -> Any:
        # embedding_function=None: Chroma's default downloads an ONNX model (offline: fails).
        return self._client.get_or_create_collection(
            self._name,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )

    def _guard(self, what: str, call: Callable[[], T]) -> T:
        """Run `call`; a server that does not answer becomes one clear error."""
        try:
            return call()
        except Exception as exc:
            if connection_failed(exc):
                raise self._unreachable(what, exc) from exc
            raise

    def _unreachable(self, what: str, exc: BaseException) -> StoreUnreachable:
        where = self.server or self.location
        logger.debug("chroma unreachable where=%s what=%s error=%r", where, what, exc)
        return StoreUnreachable(
            f"the article store (Chroma server) at {where} is unreachable ({what} failed); "
            "start it (chroma run --path DIR --host HOST --port PORT) or point "
            "NEWSDESK_CHROMA_HOST/_PORT at a running one"
        )

    def _op(self, what: str, run: Callable[[Any], T]) -> T:
        """Run `run(collection)`; if the collection vanished (rebuilt elsewhere), reopen once."""
        with self._gate.read():
            collection = self._collection
            try:
                return self._guard(what, lambda: run(collection))
            except Exception as exc:
                from chromadb.errors import NotFoundError  # (imported only on a failure)

                if not isinstance(exc, NotFoundError):
                    raise
                logger.info("chroma collection vanished, reopening name=%s", self._name)
        self.refresh(stale=collection)
        with self._gate.read():
            collection = self._collection
            return self._guard(what, lambda: run(collection))

    def refresh(self, stale: Any = None) -> None:
        """Reconnect and look the collection up again (after another process changed it).

        `stale`: only refresh if the collection is still that one (another thread may
        have refreshed meanwhile).
        """
        with self._gate.write():
            if stale is not None and self._collection is not stale:
                return
            if self.server is None:
                # The embedded client keeps the vectors it loaded; only a new client sees
                # what another process wrote since. Closing releases the shared system.
                with contextlib.suppress(Exception):
                    self._client.close()
                self._client = self._guard("connect", self._connect)
            self._collection = self._guard("open the collection", self._get_collection)

    def count(self) -> int:
        return int(self._op("count vectors", lambda c: c.count()))

    def add(
        self, ids: Sequence[str], embeddings: np.ndarray, metadatas: Sequence[Metadata]
    ) -> None:
        """Add vectors in batches within Chroma's max batch size."""
        self.check_writable()
        if self.shared is not None:
            self._touch([str(m["article_id"]) for m in metadatas])
        step = self.max_batch
        for lo in range(0, len(ids), step):
            self._op(
                "add vectors",
                lambda c, lo=lo: c.add(  # type: ignore[misc]
                    ids=list(ids[lo : lo + step]),
                    embeddings=embeddings[lo : lo + step],
                    metadatas=list(metadatas[lo : lo + step]),
                ),
            )

    def delete_articles(self, article_ids: Sequence[str]) -> None:
        """Delete every vector of these articles (whatever chunk ids they had)."""
        self.check_writable()
        ids = list(dict.fromkeys(article_ids))
        self._touch(ids)
        for lo in range(0, len(ids), _WHERE_IN_BATCH):
            part = ids[lo : lo + _WHERE_IN_BATCH]
            where: dict[str, Any] = (
                {"article_id": part[0]} if len(part) == 1 else {"article_id": {"$in": part}}
            )
            self._op("delete vectors", lambda c, where=where: c.delete(where=where))  # type: ignore[misc]

    def delete_ids(self, chunk_ids: Sequence[str]) -> None:
        """Delete vectors by chunk id (orphans no manifest row knows)."""
        self.check_writable()
        ids = list(chunk_ids)
        self._touch([cid.rpartition("#")[0] for cid in ids])
        for lo in range(0, len(ids), _WHERE_IN_BATCH):
            part = ids[lo : lo + _WHERE_IN_BATCH]
            self._op("delete vectors", lambda c, part=part: c.delete(ids=part))  # type: ignore[misc]

    def query(
        self, embedding: Sequence[float] | np.ndarray, k: int, where: dict[str, Any] | None
    ) -> list[tuple[str, float]]:
        """The k nearest chunk ids with their cosine distance, nearest first."""
        if k <= 0:
            return []
        vector = np.asarray(embedding, dtype=np.float32)
        result = self._op(
            "search",
            lambda c: c.query(
                query_embeddings=[vector], n_results=k, where=where, include=["distances"]
            ),
        )
        return _pairs(result)

    def query_in(
        self, embedding: Sequence[float] | np.ndarray, k: int, ids: Sequence[str]
    ) -> list[tuple[str, float]]:
        """`query` among these chunk ids only (~15 ms for thousands of ids on the dev
        corpus, where a `where` filter took 50-230 ms)."""
        if k <= 0 or not ids:
            return []
        vector = np.asarray(embedding, dtype=np.float32)
        n, wanted = min(k, len(ids)), list(ids)
        result = self._op(
            "search",
            lambda c: c.query(
                query_embeddings=[vector], n_results=n, ids=wanted, include=["distances"]
            ),
        )
        return _pairs(result)

    def get_embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors by chunk id (unknown ids are left out)."""
        got = self._op("read vectors", lambda c: c.get(ids=list(ids), include=["embeddings"]))
        return {
            cid: np.asarray(vec, dtype=np.float32)
            for cid, vec in zip(got["ids"], got["embeddings"], strict=True)
        }

    def iter_ids(self) -> Iterator[str]:
        offset = 0
        while True:
            page = self._op(
                "list vectors",
                lambda c, offset=offset: c.get(include=[], limit=_PAGE, offset=offset),  # type: ignore[misc]
            )
            ids = page["ids"]
            yield from ids
            if len(ids) < _PAGE:
                return
            offset += len(ids)

    def ids(self) -> list[str]:
        """Every chunk id in the collection (duplicates impossible: ids are unique)."""
        return list(self.iter_ids())

    def reset(self) -> None:
        """Drop the collection and start an empty one (and the article records)."""
        self.check_writable()
        if self.shared is not None:
            self.shared.drop()
        with self._gate.write():
            try:
                self._guard(
                    "drop the collection", lambda: self._client.delete_collection(self._name)
                )
            except StoreUnreachable:
                raise
            except Exception as exc:  # missing collection: nothing to drop
                logger.debug("chroma delete_collection name=%s error=%s", self._name, exc)
            self._collection = self._guard("create the collection", self._get_collection)


class StoreWriter(threading.Thread):
    """Applies Chroma and BM25 changes in order on a thread, while the caller embeds.

    Chroma inserts run in native code, so they overlap with the next embedding batch.
    `add` reports the article ids whose vectors are in via `drain_done`/`finish`, so
    the caller marks them done in the manifest only after the write happened.
    """

    def __init__(
        self,
        store: ChromaStore,
        lex_add: Callable[[list[str], list[str]], None],
        lex_delete: Callable[[list[str]], None],
    ) -> None:
        super().__init__(name="newsdesk-store-writer", daemon=True)
        self._store = store
        self._lex_add = lex_add
        self._lex_delete = lex_delete
        self._ops: queue.Queue[tuple[str, tuple[Any, ...]] | None] = queue.Queue(maxsize=2)
        self._done: queue.Queue[list[str]] = queue.Queue()
        self.error: BaseException | None = None

    def run(self) -> None:
        while (op := self._ops.get()) is not None:
            if self.error is not None:
                continue  # drain without writing: the caller raises
            kind, args = op
            try:
                if kind == "delete":
                    article_ids, chunk_ids = args
                    self._store.delete_articles(article_ids)
                    self._lex_delete(chunk_ids)
                else:
                    ids, vectors, metas, texts, article_ids = args
                    if ids:
                        self._store.add(ids, vectors, metas)
                        self._lex_add(ids, texts)
                    self._done.put(article_ids)
            except BaseException as exc:
                self.error = exc

    def _put(self, op: tuple[str, tuple[Any, ...]]) -> None:
        if self.error is not None:
            raise self.error
        self._ops.put(op)

    def delete(self, article_ids: list[str], chunk_ids: list[str]) -> None:
        self._put(("delete", (article_ids, chunk_ids)))

    def add(
        self,
        ids: list[str],
        vectors: np.ndarray | None,
        metas: list[dict[str, Any]],
        texts: list[str],
        article_ids: list[str],
    ) -> None:
        self._put(("add", (ids, vectors, metas, texts, article_ids)))

    def drain_done(self) -> list[str]:
        out: list[str] = []
        while True:
            try:
                out.extend(self._done.get_nowait())
            except queue.Empty:
                return out

    def finish(self) -> list[str]:
        """Wait for every queued write; raise the first error the thread met."""
        self._ops.put(None)
        self.join()
        if self.error is not None:
            raise self.error
        return self.drain_done()
