"""The embedded store through chromadb's bindings (index/chroma_local.py) reads and writes
the same collections as `chromadb.PersistentClient`."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.chroma_local import COSINE_CONFIGURATION, LocalClient

pytestmark = pytest.mark.integration

COSINE = {"hnsw": {"space": "cosine"}}


def test_the_collection_configuration_is_chromadbs() -> None:
    from chromadb.api.collection_configuration import (
        create_collection_configuration_to_json_str,
    )

    sent = create_collection_configuration_to_json_str(COSINE, None)  # type: ignore[arg-type]
    assert sent == COSINE_CONFIGURATION


def _vectors(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n, 32)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _write(collection: Any) -> None:
    vectors = _vectors(300, 1)
    ids = [f"a{i // 3}#{i % 3}" for i in range(300)]
    metas = [
        {"article_id": f"a{i // 3}", "source": f"s{i % 4}", "published_ts": i} for i in range(300)
    ]
    collection.add(ids=ids[:200], embeddings=vectors[:200], metadatas=metas[:200])
    collection.add(ids=ids[200:], embeddings=vectors[200:], metadatas=metas[200:])
    collection.delete(where={"article_id": "a7"})
    collection.delete(where={"article_id": {"$in": ["a8", "a9"]}})
    collection.delete(ids=["a10#0", "a11#2"])


def _read(collection: Any) -> dict[str, Any]:
    queries = _vectors(4, 2)
    out: dict[str, Any] = {"count": collection.count()}
    out["ids"] = sorted(collection.get(include=[], limit=5000, offset=0)["ids"])
    got = collection.get(ids=["a1#1", "a2#0"], include=["embeddings"])
    out["vectors"] = {
        i: np.asarray(v).tolist() for i, v in zip(got["ids"], got["embeddings"], strict=True)
    }
    for n, q in enumerate(queries):
        for where in (None, {"source": "s1"}, {"published_ts": {"$lte": 120}}):
            hit = collection.query(
                query_embeddings=[q], n_results=7, where=where, include=["distances"]
            )
            out[f"q{n}-{where}"] = (hit["ids"], np.round(hit["distances"], 6).tolist())
        hit = collection.query(
            query_embeddings=[q],
            n_results=3,
            ids=["a1#0", "a2#1", "a3#2", "a4#0"],
            include=["distances"],
        )
        out[f"q{n}-ids"] = (hit["ids"], np.round(hit["distances"], 6).tolist())
    return out


def _chromadb_side(path: Path, action: str) -> dict[str, Any]:
    """Run the same writes or reads with chromadb's own client, in its own process."""
    script = textwrap.dedent(
        f"""
        import json, sys
        import chromadb
        from chromadb.config import Settings
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from tests.integration.test_chroma_local import COSINE, _read, _write
        settings = Settings(anonymized_telemetry=False)
        client = chromadb.PersistentClient(path={str(path)!r}, settings=settings)
        collection = client.get_or_create_collection(
            "news", configuration=COSINE, embedding_function=None
        )
        if {action!r} == "write":
            _write(collection)
            print(json.dumps({{}}))
        else:
            print(json.dumps(_read(collection), default=str))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _ours(path: Path, action: str) -> dict[str, Any]:
    client = LocalClient(path)
    try:
        collection = client.get_or_create_collection("news", configuration=COSINE)
        if action == "write":
            _write(collection)
            return {}
        result: dict[str, Any] = json.loads(json.dumps(_read(collection), default=str))
        return result
    finally:
        client.close()


def test_same_results_as_chromadb_either_way(tmp_path: Path) -> None:
    theirs, ours = tmp_path / "theirs", tmp_path / "ours"
    _chromadb_side(theirs, "write")
    _ours(ours, "write")
    reference = _chromadb_side(theirs, "read")
    assert reference["count"] == 300 - 9 - 2
    assert _ours(theirs, "read") == reference  # what chromadb wrote, read by us
    assert _chromadb_side(ours, "read") == reference  # what we wrote, read by chromadb
    assert _ours(ours, "read") == reference


def test_clients_on_one_folder_share_the_bindings(tmp_path: Path) -> None:
    first, second = LocalClient(tmp_path), LocalClient(tmp_path)
    a = first.get_or_create_collection("news", configuration=COSINE)
    a.add(ids=["x#0"], embeddings=_vectors(1, 3), metadatas=[{"article_id": "x"}])
    b = second.get_or_create_collection("news", configuration=COSINE)
    assert b.count() == 1
    first.close()
    first.close()  # idempotent
    assert b.count() == 1  # the other client still holds the folder
    second.close()
    with pytest.raises(RuntimeError, match="closed"):
        b.count()
    third = LocalClient(tmp_path)
    assert third.get_or_create_collection("news", configuration=COSINE).count() == 1
    third.delete_collection("news")
    from chromadb.errors import NotFoundError

    with pytest.raises(NotFoundError):
        third._bindings().get_collection("news", "default_tenant", "default_database")
    third.close()


def test_only_the_cosine_configuration() -> None:
    with pytest.raises(ValueError, match="cosine"):
        LocalClient.get_or_create_collection(None, "c", configuration={"hnsw": {"space": "l2"}})  # type: ignore[arg-type]
