"""The manifest's per-question and per-article lookups go through primary keys.

Checked with SQLite's EXPLAIN QUERY PLAN (no timing): a plan that scans a table, or
reaches chunks through the articles' state index, costs time proportional to the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.manifest import Manifest
from index.manifest_queries import chunks_by_id, marks
from index.models import Article, Chunk

pytestmark = pytest.mark.unit


def _manifest(tmp_path: Path, articles: int = 40) -> Manifest:
    manifest = Manifest(tmp_path / "manifest.sqlite3")
    items = []
    for i in range(articles):
        text = f"Paragraph one of story {i}. Paragraph two of story {i}."
        article = Article(id=f"a{i}", title=f"Story {i}", text=text, published="2022-05-01")
        chunks = [Chunk(article.id, 0, text[:26], 0, 26), Chunk(article.id, 1, text[27:], 27, 53)]
        items.append((article, chunks, 1651363200))
    manifest.stage(items)
    manifest.commit()
    return manifest


def _plan(manifest: Manifest, sql: str, n: int) -> list[str]:
    rows = manifest.conn.execute(f"EXPLAIN QUERY PLAN {sql}", [f"x{i}" for i in range(n)])
    return [str(r[3]) for r in rows]


@pytest.mark.parametrize("done", [False, True], ids=["any", "done"])
@pytest.mark.parametrize("n", [3, 50, 500])  # a search looks up tens to hundreds of ids
def test_chunks_by_id_use_the_primary_keys(tmp_path: Path, n: int, done: bool) -> None:
    manifest = _manifest(tmp_path)
    plan = _plan(manifest, chunks_by_id(n, done=done), n)
    assert any(step.startswith("SEARCH c USING INDEX sqlite_autoindex_chunks_1") for step in plan)
    assert any(
        step.startswith("SEARCH a USING COVERING INDEX articles_chunk_meta (id=?)") for step in plan
    )
    assert not any("articles_state" in step or step.startswith("SCAN") for step in plan), plan
    found = manifest.get_chunks(["a3#1", "nope", "a0#0"], done=done)
    assert [c.id for c in found] == ["a3#1", "a0#0"]


def test_a_state_condition_without_the_guard_walks_the_articles(tmp_path: Path) -> None:
    # What the guards are for: the same query with a plain `a.state` and no named index
    # (50 ids, as a search asks) goes through the state index, every done article.
    manifest = _manifest(tmp_path)
    sql = chunks_by_id(50, done=True).replace("+a.state", "a.state")
    sql = sql.replace(" INDEXED BY articles_chunk_meta", "")
    assert any("articles_state" in step for step in _plan(manifest, sql, 50))


def test_versions_of_a_few_articles_read_only_their_rows(tmp_path: Path) -> None:
    manifest = _manifest(tmp_path)
    sql = f"SELECT id, hash, rev FROM articles WHERE id IN ({marks(500)})"
    plan = _plan(manifest, sql, 500)
    assert plan and all(step.startswith("SEARCH articles USING INDEX") for step in plan), plan
    versions = manifest.versions(["a1", "missing", "a7"])
    assert sorted(versions) == ["a1", "a7"]
    assert versions["a1"][1] == 0


def test_unusable_chunks_are_the_retired_and_those_of_articles_not_done(tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, articles=3)
    assert manifest.unusable_chunk_ids() == []
    changed = Article(id="a1", title="Story 1", text="A new text.", published="2022-05-02")
    manifest.stage([(changed, [Chunk("a1", 0, "A new text.", 0, 11)], None)], revs={"a1": 1})
    manifest.commit()  # a1's old chunks are retired until their vectors are deleted
    manifest.mark_pending(["a2"])  # a repair
    assert sorted(manifest.unusable_chunk_ids()) == ["a1#0", "a1#1", "a2#0", "a2#1"]
    rows = manifest.chunk_filter_rows(["a1#0~1", "a2#0", "a1#0"])
    assert sorted(rows) == [("a1#0~1", None, None, True), ("a2#0", None, 1651363200, False)]
    assert len(manifest.chunk_filter_rows()) == 5
