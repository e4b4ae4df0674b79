"""An update is atomic for readers: before its commit they see the old index, then all of it.

A real on-disk Chroma and real article files. The update is paused inside its write after
each batch (one article per batch: `NewsIndex.embed_batch_chunks`, resumed from the
`progress` callback) while another thread reads the way the web app does: vector and
BM25 search, filtered search, the article list, one article, duplicate groups. At every
pause the readers see exactly the index as it was; after the update, exactly the new one.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from index.embeddings import WordLlamaEmbedding
from index.filters import ChunkFilter
from index.pipeline import NewsIndex
from index.settings import IndexSettings

pytestmark = pytest.mark.integration

FILLER = (
    "The council met on Tuesday evening in the town hall to discuss the budget for the "
    "coming year, and residents asked questions about roads, schools and the library. "
)


def record(aid: str, title: str, marker: str, source: str = "herald.example") -> dict[str, str]:
    text = f"{marker} was the word of the day in {title}. " + FILLER * 3
    return {
        "id": aid,
        "title": title,
        "text": text,
        "source": source,
        "url": f"https://{source}/{aid}",
        "published": "2022-06-10",
    }


def write_feed(folder: Path, records: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(r) + "\n" for r in records)
    (folder / "feed.jsonl").write_text(lines, encoding="utf-8")
    return folder


def snapshot(index: NewsIndex) -> dict[str, Any]:
    """What a reader sees, in the terms a reader uses."""
    flt = ChunkFilter(sources=("herald.example",))

    def ids(hits: list[Any]) -> set[str]:
        return {h.chunk.article_id for h in hits}

    markers = {}
    for marker in ("aardvark", "bittern", "caracal", "dugong", "echidna", "fossa", "gharial"):
        markers[marker] = {
            "bm25": ids(index.lexical_search(marker, 5)),
            "bm25 filtered": ids(index.lexical_search(marker, 5, flt)),
            "vector": sorted(
                (h.chunk.article_id, h.chunk.text[:40])
                for h in index.vector_search(f"{marker} was the word of the day", 3)
                if marker in h.chunk.text
            ),
            "vector filtered": ids(
                [
                    h
                    for h in index.vector_search(f"{marker} word of the day", 3, flt)
                    if marker in h.chunk.text
                ]
            ),
        }
    b = index.get_article("b")
    return {
        "articles": sorted((a.id, a.title, a.group_id) for a in index.list_articles()),
        "b text": b.text[:30] if b else None,
        "markers": markers,
        "status": (index.status().articles, index.status().chunks),
    }


@pytest.fixture(scope="module")
def embedding() -> WordLlamaEmbedding:
    return WordLlamaEmbedding()


def test_readers_see_the_old_index_until_the_update_commits(
    tmp_path: Path, embedding: WordLlamaEmbedding
) -> None:
    before = [
        record("a", "Alpha", "aardvark"),
        record("b", "Beta", "bittern"),
        record("c", "Gamma", "caracal"),
    ]
    feed = write_feed(tmp_path / "feed", before)
    settings = IndexSettings(data_dir=tmp_path / "data")
    index = NewsIndex.open(settings, embedding=embedding)
    try:
        first = index.update([feed])
        assert first.added == 3
        old = snapshot(index)
        assert old["markers"]["bittern"]["bm25"] == {"b"}
        assert old["markers"]["caracal"]["vector filtered"] == {"c"}

        # b changes (new revision of its chunks), c goes (prune), four new articles come,
        # one of them (e2) a copy of a, which regroups it with a.
        copy_of_a = dict(before[0], id="e2", title="Alpha (copy)")
        after = [
            before[0],
            record("b", "Beta", "dugong"),
            record("d", "Delta", "echidna"),
            record("f", "Phi", "fossa", source="courier.example"),
            record("g", "Gimel", "gharial"),
            copy_of_a,
        ]
        write_feed(feed, after)

        index.embed_batch_chunks = 1  # one article per batch: a pause after each
        paused, resume = threading.Event(), threading.Event()
        seen: list[dict[str, Any]] = []
        errors: list[BaseException] = []

        def reader() -> None:
            try:
                while paused.wait(timeout=120):
                    paused.clear()
                    seen.append(snapshot(index))
                    resume.set()
                    if len(seen) >= 5:
                        return
            except BaseException as exc:  # reported below, not lost in the thread
                errors.append(exc)
                resume.set()

        def progress(done: int, total: int) -> None:
            if done > 1:  # after a batch was staged, embedded and handed to Chroma
                paused.set()
                assert resume.wait(timeout=120), "the reader did not answer"
                resume.clear()

        thread = threading.Thread(target=reader)
        thread.start()
        report = index.update([feed], prune=True, progress=progress)
        paused.set()  # release the reader if it still waits
        thread.join(timeout=120)
        assert not errors, errors
        assert (report.added, report.updated, report.removed) == (4, 1, 1)
        assert len(seen) == 5  # one pause per batch (5 new or changed articles)
        for during in seen:
            assert during == old  # nothing of the update, and nothing of the old index lost

        new = snapshot(index)
        assert new != old
        assert {a for a, _, _ in new["articles"]} == {"a", "b", "d", "e2", "f", "g"}
        assert new["b text"].startswith("dugong")
        assert new["markers"]["bittern"]["bm25"] == set()  # b's old text is gone everywhere
        assert new["markers"]["bittern"]["vector"] == []
        assert new["markers"]["caracal"]["bm25"] == set()  # c was removed
        assert new["markers"]["dugong"]["bm25"] == {"b"}
        assert new["markers"]["echidna"]["vector filtered"] == {"d"}
        assert new["markers"]["fossa"]["bm25"] == {"f"}
        assert new["markers"]["fossa"]["bm25 filtered"] == set()  # another outlet
        groups = {aid: group for aid, _, group in new["articles"]}
        assert groups["e2"] == groups["a"] == "a"
        state = index.consistency()
        assert state["consistent"] and not state["pending"]
        assert any(cid.startswith("b#") and cid.endswith("~1") for cid in state["chroma"])
    finally:
        index.close()

    # Another process's view (a fresh open) agrees with the writer's.
    with NewsIndex.open(settings, embedding=embedding) as again:
        assert snapshot(again) == new
