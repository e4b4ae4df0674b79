"""The embedded Chroma store, opened through chromadb's Rust bindings directly.

`chromadb.PersistentClient` is a thin layer over `chromadb_rust_bindings.Bindings`
(chromadb/api/rust.py), but `import chromadb` loads that whole package (telemetry,
auth, HTTP clients, every embedding function: ~1.2 s of CPU), more than the rest of a
one-file `newsdesk index`. This module makes the same binding calls with the same
arguments as chromadb's client does for the operations `index.store.ChromaStore` uses
(get-or-create of a cosine collection, count, add, get, query, delete), on the same
files, and shares one `Bindings` per folder within a process as chromadb does, so the
index format is unchanged. A Chroma server is still reached through `chromadb.HttpClient`.
Errors come from the bindings as chromadb's own exception types.
"""

from __future__ import annotations

import json
import resource
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

TENANT = "default_tenant"
DATABASE = "default_database"
# What chromadb sends for configuration={"hnsw": {"space": "cosine"}} without an
# embedding function (tests/integration/test_chroma_local.py checks it still does).
COSINE_CONFIGURATION = (
    '{"hnsw": {"space": "cosine"}, "spann": null, "embedding_function": {"type": "legacy"}}'
)


class _Handle:
    """One folder's bindings, shared by the clients open on it in this process."""

    def __init__(self, path: str) -> None:
        import chromadb_rust_bindings as rust

        config = rust.SqliteDBConfig(
            hash_type=rust.MigrationHash.MD5,  # chromadb's defaults for a PersistentClient
            migration_mode=rust.MigrationMode.Apply,
            url=f"{path}/chroma.sqlite3",
        )
        self.bindings: Any = rust.Bindings(
            allow_reset=False,
            sqlite_db_config=config,
            persist_path=path,
            hnsw_cache_size=resource.getrlimit(resource.RLIMIT_NOFILE)[0] // 5,
        )
        self.clients = 0


_LOCK = threading.Lock()
_OPEN: dict[str, _Handle] = {}


class LocalClient:
    """The part of chromadb's client API that `ChromaStore` uses, for a folder."""

    def __init__(self, path: Path | str) -> None:
        self._path = str(path)
        with _LOCK:
            handle = _OPEN.get(self._path)
            if handle is None:
                handle = _OPEN[self._path] = _Handle(self._path)
            handle.clients += 1
        self._handle: _Handle | None = handle

    def _bindings(self) -> Any:
        if self._handle is None:
            raise RuntimeError("the Chroma client is closed")
        return self._handle.bindings

    def get_max_batch_size(self) -> int:
        return int(self._bindings().get_max_batch_size())

    def get_or_create_collection(
        self, name: str, configuration: dict[str, Any], embedding_function: None = None
    ) -> LocalCollection:
        """The cosine collection `name` (created when missing, as chromadb creates it)."""
        if configuration != {"hnsw": {"space": "cosine"}} or embedding_function is not None:
            raise ValueError("only a cosine collection without an embedding function")
        model = self._bindings().create_collection(
            name, COSINE_CONFIGURATION, None, None, True, TENANT, DATABASE
        )
        assert self._handle is not None
        return LocalCollection(self._handle, str(model.id))

    def delete_collection(self, name: str) -> None:
        self._bindings().delete_collection(name, TENANT, DATABASE)

    def close(self) -> None:
        """Release the folder; the last client to close it drops the bindings (chromadb's
        `close`), so the next client reads what other processes wrote since."""
        with _LOCK:
            handle, self._handle = self._handle, None
            if handle is None:
                return
            handle.clients -= 1
            if handle.clients <= 0:
                handle.bindings = None
                if _OPEN.get(self._path) is handle:
                    del _OPEN[self._path]


def _where(where: dict[str, Any] | None) -> str | None:
    return json.dumps(where) if where else None


class LocalCollection:
    """The part of chromadb's `Collection` API that `ChromaStore` uses."""

    def __init__(self, handle: _Handle, collection_id: str) -> None:
        self._handle, self.id = handle, collection_id

    @property
    def _bindings(self) -> Any:
        bindings = self._handle.bindings
        if bindings is None:
            raise RuntimeError("the Chroma client of this collection is closed")
        return bindings

    def count(self) -> int:
        return int(self._bindings.count(self.id, TENANT, DATABASE))

    def add(
        self, ids: list[str], embeddings: np.ndarray, metadatas: Sequence[dict[str, Any]]
    ) -> None:
        rows = [row for row in embeddings] if isinstance(embeddings, np.ndarray) else embeddings
        self._bindings.add(ids, self.id, rows, list(metadatas), None, None, TENANT, DATABASE)

    def delete(self, ids: list[str] | None = None, where: dict[str, Any] | None = None) -> None:
        self._bindings.delete(self.id, ids, _where(where), None, None, TENANT, DATABASE)

    def get(
        self,
        ids: list[str] | None = None,
        include: Sequence[str] = (),
        limit: int | None = None,
        offset: int | None = None,
    ) -> dict[str, Any]:
        got = self._bindings.get(
            self.id, ids, None, limit, offset or 0, None, list(include), TENANT, DATABASE
        )
        return {"ids": got.ids, "embeddings": got.embeddings, "metadatas": got.metadatas}

    def query(
        self,
        query_embeddings: list[np.ndarray],
        n_results: int,
        where: dict[str, Any] | None = None,
        ids: list[str] | None = None,
        include: Sequence[str] = ("distances",),
    ) -> dict[str, Any]:
        got = self._bindings.query(
            self.id,
            ids,
            list(query_embeddings),
            n_results,
            _where(where),
            None,
            list(include),
            TENANT,
            DATABASE,
        )
        return {"ids": got.ids, "distances": got.distances}
