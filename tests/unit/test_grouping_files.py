"""Duplicate-group saves: a few changed articles are appended to the delta file, the base
is left as it was, and loading both gives the groups the writer had."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from index import grouping
from index.grouping import DELTA_NAME, FILE_NAME, ArticleGroups
from index.models import Article
from tests.unit.test_duplicates import COPIES, ORIGINAL, OTHER, body, random_text

pytestmark = pytest.mark.unit


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, title=article_id, text=text)


def _state(groups: ArticleGroups) -> dict[str, tuple[str, list[str]]]:
    finder = groups.finder
    ids = sorted(finder._group)
    return {a: (finder.group_of(a), finder.members(finder.group_of(a))) for a in ids}


def _saved(tmp_path: Path) -> ArticleGroups:
    groups = ArticleGroups.load(tmp_path)  # nothing saved yet: empty
    rng = random.Random(3)
    groups.assign([_article(f"r{i}", random_text(rng)) for i in range(20)])
    groups.assign([_article("orig", body(ORIGINAL)), _article("c1", body(COPIES[0]))])
    groups.save()
    return groups


def test_changes_are_appended_and_read_back(tmp_path: Path) -> None:
    groups = _saved(tmp_path)
    base = (tmp_path / FILE_NAME).read_bytes()
    assigned, _ = groups.assign([_article("c2", body(COPIES[1])), _article("cnn", body(OTHER))])
    assert assigned == {"c2": "orig", "cnn": "cnn"}
    groups.save()
    assert groups.remove(["orig"]) == {"c1": "c1", "c2": "c1"}  # the canonical leaves
    groups.remove(["r4"])
    groups.save()
    assert (tmp_path / FILE_NAME).read_bytes() == base
    assert (tmp_path / DELTA_NAME).exists()
    loaded = ArticleGroups.load(tmp_path)
    assert _state(loaded) == _state(groups)
    assert loaded.finder.members("c1") == ["c1", "c2"]
    assert "orig" not in loaded.finder and "r4" not in loaded.finder
    # The loaded groups go on appending, and a new copy still finds its group.
    assert loaded.assign([_article("orig", body(ORIGINAL))])[0] == {"orig": "c1"}
    loaded.save()
    assert _state(ArticleGroups.load(tmp_path)) == _state(loaded)


def test_a_record_cut_short_reads_back_as_the_save_before(tmp_path: Path) -> None:
    groups = _saved(tmp_path)
    groups.assign([_article("c2", body(COPIES[1]))])
    groups.save()
    before = _state(groups)
    groups.remove(["r1"])
    groups.save()
    delta = tmp_path / DELTA_NAME
    delta.write_bytes(delta.read_bytes()[:-5])
    loaded = ArticleGroups.load(tmp_path)
    assert _state(loaded) == before
    loaded.remove(["r2"])
    loaded.save()  # not appended after the torn record: a new base
    assert not delta.exists()
    assert _state(ArticleGroups.load(tmp_path)) == _state(loaded)


def test_a_grown_delta_becomes_a_new_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grouping, "DELTA_MIN_ROWS", 2)
    groups = _saved(tmp_path)
    groups.remove(["r1", "r2"])
    groups.save()
    assert (tmp_path / DELTA_NAME).exists()
    groups.remove(["r3"])
    groups.save()
    assert not (tmp_path / DELTA_NAME).exists()
    assert _state(ArticleGroups.load(tmp_path)) == _state(groups)
