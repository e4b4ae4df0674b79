"""A big update is chunked and embedded by a helper process (index/preparation.py).

Real dev articles, a real on-disk Chroma and the real model. The helper's build must hold
exactly what the articles' chunks and vectors are and what an update in one process
builds; a helper that dies fails the update without leaving a half-visible index, and
small updates never start one.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.articles import parse_paths
from index.chunking import chunk_article, indexed_text
from index.embeddings import WordLlamaEmbedding
from index.pipeline import NewsIndex
from index.settings import IndexSettings
from tests.conftest import shared_data_path

pytestmark = pytest.mark.integration

N_ARTICLES = 40
BATCH_CHUNKS = 100  # several batches, so the helper runs ahead of the writes
QUERIES = ("president election", "storm florida", "inflation prices", "ukraine russia war")


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("feed")
    with shared_data_path("dev", "articles.jsonl").open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(N_ARTICLES)]
    (folder / "feed.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def embedding() -> WordLlamaEmbedding:
    return WordLlamaEmbedding()


def children() -> set[int]:
    """This process's child processes (any thread's)."""
    pids: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            listed = (task / "children").read_text()
        except FileNotFoundError:  # the thread ended after the directory was listed
            continue
        pids.update(int(p) for p in listed.split())
    return pids


def build(data_dir: Path, feed: Path, helper: bool) -> tuple[dict[str, Any], bool]:
    """Build the feed; what the index holds, and whether a helper process ran."""
    before = children()
    helpers: set[int] = set()

    def progress(done: int, total: int) -> None:
        helpers.update(children() - before)

    with NewsIndex.open(IndexSettings(data_dir=data_dir)) as index:
        index.embed_batch_chunks = BATCH_CHUNKS
        index.helper_min_chars = 0 if helper else 10**12
        report = index.update([feed], progress=progress)
        assert report.ok and report.added == N_ARTICLES
        state = index.consistency()
        assert state["consistent"] and not state["pending"]
        ids = sorted(state["chroma"])
        assert ids == sorted(state["manifest"]) == sorted(state["bm25"])
        vectors = index.store.get_embeddings(ids)
        held = {
            "chunks": {c.id: (c.text, c.start, c.end) for c in index.manifest.get_chunks(ids)},
            "vectors": np.stack([vectors[cid] for cid in ids]),
            "ids": ids,
            "bm25": [[(h.chunk.id, h.score) for h in index.lexical_search(q, 10)] for q in QUERIES],
            "groups": sorted((a.id, a.group_id) for a in index.list_articles()),
            "meta": {k: v for k, v in index.manifest.meta().items() if "generation" not in k},
        }
    assert children() == before  # the helper is gone
    return held, bool(helpers)


def test_helper_build_holds_the_articles_chunks_and_vectors(
    feed: Path, embedding: WordLlamaEmbedding, tmp_path: Path
) -> None:
    by_helper, helper_ran = build(tmp_path / "helper", feed, helper=True)
    assert helper_ran
    # Expected content, straight from the articles.
    articles = parse_paths([feed]).articles
    want = {
        c.id: (indexed_text(a.title, c.text), (c.text, c.start, c.end))
        for a in articles
        for c in chunk_article(a)
    }
    assert by_helper["ids"] == sorted(want)
    assert by_helper["chunks"] == {cid: span for cid, (_, span) in want.items()}
    fresh = np.asarray(embedding.embed_array([want[cid][0] for cid in by_helper["ids"]]))
    assert np.allclose(by_helper["vectors"], fresh, atol=1e-6)
    assert all(hits for hits in by_helper["bm25"])

    # And exactly what a build in one process holds.
    in_process, helper_ran = build(tmp_path / "local", feed, helper=False)
    assert not helper_ran
    assert np.array_equal(by_helper.pop("vectors"), in_process.pop("vectors"))
    assert by_helper == in_process


def test_a_helper_that_dies_fails_the_update_and_the_next_one_finishes(
    feed: Path, tmp_path: Path
) -> None:
    settings = IndexSettings(data_dir=tmp_path / "data")
    before = children()
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if done and not killed:  # the first batch is staged and handed to the writer
            for pid in children() - before:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    with NewsIndex.open(settings) as index:
        index.embed_batch_chunks = BATCH_CHUNKS
        index.helper_min_chars = 0
        with pytest.raises(RuntimeError, match="helper process"):
            index.update([feed], progress=progress)
        assert killed
        assert children() == before
        assert index.status().articles == 0  # nothing of the failed update is visible
        assert not index.lexical_search(QUERIES[0], 5)

        report = index.update([feed])  # commits what was staged, adds the rest
        assert report.ok and report.recovered + report.added == N_ARTICLES
        assert index.status().articles == N_ARTICLES
        state = index.consistency()
        assert state["consistent"] and not state["pending"]
        want = [c.id for a in parse_paths([feed]).articles for c in chunk_article(a)]
        assert sorted(state["chroma"]) == sorted(want)
