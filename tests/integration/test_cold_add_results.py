"""A cold one-file add (BM25 appended without its counts, groups matched on the saved
columns) leaves the index a reader sees exactly as the write that loaded both whole."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from index.grouping import ArticleGroups
from index.lexical import LexicalIndex
from index.pipeline import NewsIndex
from index.settings import IndexSettings
from tests.passages import NEWS

pytestmark = pytest.mark.integration

LATER = ("wire_copy_herald.md", "week_2022-06-12_strike_ends.md")  # a wire copy, a new story
QUERIES = ("strike", "tentative deal union vote", "minister", "wire", "casualties", "primary")


def _add(data_dir: Path, article: Path, *, whole: bool) -> None:
    """Index `article` in a fresh process; `whole`: BM25 and the groups' finder loaded
    first, as every write did before."""
    script = textwrap.dedent(
        f"""
        from index import grouping
        from index.pipeline import NewsIndex
        from index.settings import IndexSettings
        with NewsIndex.open(IndexSettings(data_dir={str(data_dir)!r})) as index:
            if {whole!r}:
                grouping.TABLE_MAX_NEW = 0
                index.lexical_search("strike", 1)
                assert not index._lex.lazy
            assert index.update([{str(article)!r}]).added == 1
            assert {whole!r} or index._lex.lazy
        """
    )
    subprocess.run([sys.executable, "-c", script], timeout=300, check=True)


def _seen(data_dir: Path) -> dict[str, Any]:
    with NewsIndex.open(IndexSettings(data_dir=data_dir)) as index:
        hits = {
            q: [(h.chunk.id, h.score) for h in index.lexical_search(q, 20)]
            + [(h.chunk.id, h.score) for h in index.vector_search(q, 5)]
            for q in QUERIES
        }
        articles = sorted((Path(a.path).name, a.id, a.group_id) for a in index.list_articles())
    lex = LexicalIndex.open(data_dir / "bm25")
    finder = ArticleGroups.load(data_dir).finder
    saved_groups = {a: (finder.group_of(a), finder._seq[a]) for a in sorted(finder._group)}
    bm25 = {q: lex.search(q, 100) for q in QUERIES}
    return {"hits": hits, "articles": articles, "groups": saved_groups, "bm25": bm25}


def test_a_cold_add_reads_back_as_a_whole_load_write(tmp_path: Path) -> None:
    base = tmp_path / "base"
    first = [p for p in sorted(NEWS.glob("*.md")) if p.name not in LATER]
    with NewsIndex.open(IndexSettings(data_dir=base)) as index:
        assert index.update(first).added == len(first)
    lazy, whole = tmp_path / "lazy", tmp_path / "whole"
    shutil.copytree(base, lazy)
    shutil.copytree(base, whole)
    for name in LATER:
        _add(lazy, NEWS / name, whole=False)
        _add(whole, NEWS / name, whole=True)
        base_bm25 = (base / "bm25" / "bm25.npz").read_bytes()
        assert (lazy / "bm25" / "bm25.npz").read_bytes() == base_bm25  # appended to
        seen = _seen(lazy)
        assert json.dumps(seen, sort_keys=True) == json.dumps(_seen(whole), sort_keys=True)
    group_of = {name: (article_id, group) for name, article_id, group in seen["articles"]}
    herald, wire_group = group_of["wire_copy_herald.md"], group_of["wire_original.md"][1]
    assert herald[1] == wire_group != herald[0]  # the copy joined the wire story's group
    assert group_of[LATER[1]][1] == group_of[LATER[1]][0]  # the new story has its own
