"""Crash safety with a real SIGKILL: an update killed at any point is finished by the next one.

A subprocess runs `NewsIndex.update` over a slice of the dev articles and is killed
(SIGKILL, no cleanup) at a chosen point: after N chunks went into Chroma, halfway
through one Chroma insert, after the manifest staged a batch, with the whole update
written but not yet visible (just before the commit), right after the commit (old
vectors not yet deleted), after some old vectors were deleted, while saving BM25, or
from outside at a random moment. The test then re-runs the update and checks that
Chroma ids == manifest chunk ids == BM25 ids, each exactly once, equal to the chunks
the articles should have (a changed article's ids carry its revision, ``#i~rev``), with
up-to-date vectors.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index.articles import parse_paths
from index.chunking import chunk_article, indexed_text
from index.embeddings import WordLlamaEmbedding
from index.pipeline import NewsIndex
from index.settings import IndexSettings
from tests.conftest import REPO_ROOT, shared_data_path

pytestmark = pytest.mark.integration

N_BASE = 150  # articles in the first build
BATCH_CHUNKS = 200  # small batches: many points to kill at

# Runs in the subprocess: argv = data_dir, feed_dir, kill point, n, prune (0/1).
DRIVER = r"""
import os, signal, sys
from index.manifest import Manifest
from index.store import ChromaStore
from index.pipeline import NewsIndex

data_dir, feed, point = sys.argv[1:4]
n, prune = int(sys.argv[4]), sys.argv[5] == "1"
NewsIndex.embed_batch_chunks = int(os.environ["BATCH_CHUNKS"])
NewsIndex.helper_min_chars = int(os.environ.get("HELPER_MIN_CHARS", NewsIndex.helper_min_chars))
state = {"calls": 0, "chunks": 0}

def die(where):
    print(f"killing at {where}", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

def after_calls(cls, name):
    original = getattr(cls, name)
    def wrapper(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        state["calls"] += 1
        if state["calls"] >= n:
            die(f"{name} #{state['calls']}")
        return result
    setattr(cls, name, wrapper)

if point == "add":  # after at least n chunks were inserted
    original_add = ChromaStore.add
    def add(self, ids, vectors, metas):
        original_add(self, ids, vectors, metas)
        state["chunks"] += len(ids)
        if state["chunks"] >= n:
            die(f"add, {state['chunks']} chunks in")
    ChromaStore.add = add
elif point == "add-mid":  # inside the n-th insert, half of it written
    original_add = ChromaStore.add
    def add(self, ids, vectors, metas):
        state["calls"] += 1
        if state["calls"] >= n:
            half = len(ids) // 2
            original_add(self, ids[:half], vectors[:half], metas[:half])
            die(f"add-mid #{state['calls']}")
        original_add(self, ids, vectors, metas)
    ChromaStore.add = add
elif point == "report-adds":  # the parent kills from outside after some of these lines
    original_add = ChromaStore.add
    def add(self, ids, vectors, metas):
        original_add(self, ids, vectors, metas)
        print(f"inserted {len(ids)}", flush=True)
    ChromaStore.add = add
elif point == "stage":
    after_calls(Manifest, "stage")
elif point == "staged-removals":
    after_calls(Manifest, "stage_removals")
elif point == "before-commit":  # every batch written, none of it visible yet
    def commit(self, **meta):
        die("before-commit")
    Manifest.commit = commit
elif point == "commit":  # committed, the replaced articles' old vectors not yet deleted
    after_calls(Manifest, "commit")
elif point == "retire":
    after_calls(ChromaStore, "delete_ids")
elif point == "save":
    from index.lexical import LexicalIndex
    def save(self, generation):
        die("bm25 save")
    LexicalIndex.save = save

with NewsIndex.open(data_dir=data_dir) as index:
    report = index.update([feed], prune=prune)
print("finished", report.summary(), flush=True)
"""


def run_driver(
    data_dir: Path,
    feed: Path,
    point: str,
    n: int = 0,
    *,
    prune: bool,
    kill_after_inserts: int = 0,
    kill_delay: float = 0.0,
    helper: bool = False,
) -> tuple[int, str]:
    """Run the driver; with `kill_after_inserts`, SIGKILL it from here `kill_delay` seconds
    after it reported that many Chroma inserts (it is then embedding or inserting more).
    With `helper`, the update is chunked and embedded by its helper process, which must
    exit by itself once the driver is killed (the driver's output ends only then)."""
    env = {**os.environ, "BATCH_CHUNKS": str(BATCH_CHUNKS)}
    if helper:
        env["HELPER_MIN_CHARS"] = "0"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-c", DRIVER, str(data_dir), str(feed), point, str(n), str(int(prune))]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO_ROOT
    )
    head = ""
    if kill_after_inserts:
        assert proc.stdout is not None
        seen = 0
        for line in proc.stdout:
            head += line
            seen += line.startswith("inserted ")
            if seen >= kill_after_inserts:
                time.sleep(kill_delay)
                proc.send_signal(signal.SIGKILL)
                break
    out, _ = proc.communicate(timeout=600)
    return proc.returncode, head + out


@pytest.fixture(scope="module")
def dev_lines() -> list[str]:
    path = shared_data_path("dev", "articles.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [next(handle) for _ in range(N_BASE + 20)]


@pytest.fixture(scope="module")
def embedding() -> WordLlamaEmbedding:
    return WordLlamaEmbedding()


def expected_chunks(feed: Path, settings: IndexSettings) -> dict[str, str]:
    """chunk id -> indexed text, computed straight from the files."""
    parsed = parse_paths([feed], max_file_bytes=settings.max_file_bytes)
    out: dict[str, str] = {}
    for article in parsed.articles:
        for chunk in chunk_article(
            article, max_tokens=settings.chunk_tokens, overlap=settings.chunk_overlap
        ):
            out[chunk.id] = indexed_text(article.title, chunk.text)
    return out


def base_id(chunk_id: str) -> str:
    """A chunk id without its revision: ``a#3~2`` -> ``a#3``."""
    return re.sub(r"~\d+$", "", chunk_id)


def assert_complete(
    data_dir: Path, feed: Path, embedding: WordLlamaEmbedding, *, prune: bool
) -> None:
    """Re-run the update, then every store holds exactly the current chunks, vectors fresh."""
    settings = IndexSettings(data_dir=data_dir)
    with NewsIndex.open(settings, embedding=embedding) as index:
        report = index.update([feed], prune=prune)
        assert report.ok, report.failed
        state = index.consistency()
        want = expected_chunks(feed, settings)
        assert not state["pending"]
        assert set(state["manifest"]) == set(state["chroma"]) == set(state["bm25"])
        for store in ("manifest", "chroma", "bm25"):
            ids = [base_id(cid) for cid in state[store]]
            assert len(ids) == len(set(ids)), f"duplicates in {store}"
            assert set(ids) == set(want), f"{store} differs from the articles' chunks"
        stored_id = {base_id(cid): cid for cid in state["chroma"]}
        # Vectors must be the current text's, not a changed article's old ones.
        sample = sorted(want)[:: max(1, len(want) // 40)]
        sample += [cid for cid in want if "ZEBRA-CHANGED" in want[cid]][:20]
        sample = list(dict.fromkeys(sample))
        stored = index.store.get_embeddings([stored_id[cid] for cid in sample])
        fresh = np.asarray(embedding.embed_array([want[cid] for cid in sample]))
        for row, cid in enumerate(sample):
            assert np.allclose(stored[stored_id[cid]], fresh[row], atol=1e-4), cid
        assert index.status().articles == len({cid.rsplit("#", 1)[0] for cid in want})
        # The next run has nothing to do.
        again = index.update([feed], prune=prune)
        assert again.chunks_embedded == again.chunks_deleted == again.removed == 0


def write_feed(folder: Path, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feed.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


def changed_lines(lines: list[str]) -> list[str]:
    """The base feed with 15 articles changed, 15 gone and 20 new ones."""
    out = []
    for i, line in enumerate(lines[:N_BASE]):
        if i % 10 == 5:
            continue  # removed
        if i % 10 == 2:
            record = json.loads(line)
            record["text"] = "ZEBRA-CHANGED paragraph first.\n\n" + record["text"][: 400 + 40 * i]
            line = json.dumps(record) + "\n"
        out.append(line)
    return out + lines[N_BASE:]


BUILD_KILLS = [
    ("add", 300),
    ("add-mid", 3),
    ("stage", 2),
    ("before-commit", 0),
    ("save", 0),
]
UPDATE_KILLS = [
    ("staged-removals", 1),
    ("stage", 1),
    ("add-mid", 1),
    ("before-commit", 0),
    ("commit", 1),
    ("retire", 1),
    ("save", 0),
]


@pytest.mark.parametrize(("point", "n"), BUILD_KILLS)
def test_build_killed_then_finished(
    point: str, n: int, dev_lines: list[str], embedding: WordLlamaEmbedding, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed", dev_lines[:N_BASE])
    data_dir = tmp_path / "data"
    code, out = run_driver(data_dir, feed, point, n, prune=False)
    assert code == -signal.SIGKILL, out
    assert f"killing at {point.split('-')[0]}" in out or "killing at" in out, out
    assert "finished" not in out
    assert_complete(data_dir, feed, embedding, prune=False)


@pytest.mark.parametrize(("point", "n"), [("add", 300), ("stage", 2), ("before-commit", 0)])
def test_build_with_helper_killed_then_finished(
    point: str, n: int, dev_lines: list[str], embedding: WordLlamaEmbedding, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed", dev_lines[:N_BASE])
    data_dir = tmp_path / "data"
    code, out = run_driver(data_dir, feed, point, n, prune=False, helper=True)
    assert code == -signal.SIGKILL, out
    assert "killing at" in out and "finished" not in out, out
    assert_complete(data_dir, feed, embedding, prune=False)


@pytest.fixture(scope="module")
def built_base(dev_lines: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A complete index of the base feed built by a subprocess, then the feed changed.

    Every test copies the index (files at rest) and updates it from the same, changed,
    feed folder, which the manifest's paths point to.
    """
    root = tmp_path_factory.mktemp("base")
    feed = write_feed(root / "feed", dev_lines[:N_BASE])
    code, out = run_driver(root / "data", feed, "none", prune=False)
    assert code == 0 and "finished added 150" in out, out
    write_feed(feed, changed_lines(dev_lines))
    return root / "data", feed


@pytest.mark.parametrize(("point", "n"), UPDATE_KILLS)
def test_changing_update_killed_then_finished(
    point: str,
    n: int,
    built_base: tuple[Path, Path],
    embedding: WordLlamaEmbedding,
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(built_base[0], data_dir)
    feed = built_base[1]
    code, out = run_driver(data_dir, feed, point, n, prune=True)
    assert code == -signal.SIGKILL, out
    assert "finished" not in out
    if point in ("staged-removals", "stage", "add-mid", "before-commit"):
        assert_unchanged_for_readers(data_dir, embedding)
    assert_complete(data_dir, feed, embedding, prune=True)


def assert_unchanged_for_readers(data_dir: Path, embedding: WordLlamaEmbedding) -> None:
    """Killed before its commit, the update left nothing a reader can see."""
    with NewsIndex.open(IndexSettings(data_dir=data_dir), embedding=embedding) as index:
        assert index.status().articles == N_BASE
        for hits in (
            index.lexical_search("ZEBRA-CHANGED paragraph first", 20),
            index.vector_search("ZEBRA-CHANGED paragraph first.", 20),
        ):
            assert hits and not any("ZEBRA" in hit.chunk.text for hit in hits)


def test_killed_from_outside_at_random_moments(
    dev_lines: list[str], embedding: WordLlamaEmbedding, tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed", dev_lines[:N_BASE])
    data_dir = tmp_path / "data"
    rng = random.Random(20261125)
    for _ in range(2):  # the second kill hits the run that is finishing the first one's job
        inserts, delay = rng.randint(1, 2), rng.uniform(0.0, 0.2)
        code, out = run_driver(
            data_dir,
            feed,
            "report-adds",
            prune=False,
            kill_after_inserts=inserts,
            kill_delay=delay,
        )
        assert code == -signal.SIGKILL, out
        assert "finished" not in out
    assert_complete(data_dir, feed, embedding, prune=False)
