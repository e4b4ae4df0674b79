"""Input an operator did not mean to give: special files, links out, huge or deep lines."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.articles import iter_article_files, parse_paths
from index.dates import ambiguous_date, parse_published

pytestmark = pytest.mark.unit


def test_fifo_in_a_folder_is_reported_without_being_opened_blindly(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A title\n\nSome body text here.\n")
    os.mkfifo(tmp_path / "pipe.txt")  # a blocking open would wait here forever
    result = parse_paths([tmp_path])
    assert [a.title for a in result.articles] == ["A title"]
    [failure] = result.failures
    assert failure.path.endswith("pipe.txt") and "not a regular file (a named pipe)" in (
        failure.reason
    )


def test_links_out_of_the_folder_are_skipped_and_reported(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\n\nNot part of the folder.\n")
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "inside.txt").write_text("Inside\n\nPart of the folder.\n")
    (folder / "out.txt").symlink_to(outside)
    (folder / "in.txt").symlink_to(folder / "inside.txt")  # inside: fine (same file once)
    (folder / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    result = parse_paths([folder])
    assert [a.title for a in result.articles] == ["Inside"]
    reasons = {Path(f.path).name: f.reason for f in result.failures}
    assert set(reasons) == {"out.txt", "linked-dir"}
    assert all("outside the folder being indexed" in r for r in reasons.values())
    assert all(p.name != "out.txt" for p in iter_article_files([folder]))
    named = parse_paths([folder / "out.txt"])  # named directly: the user's choice
    assert [a.title for a in named.articles] == ["Outside"]


def test_over_long_jsonl_line_is_skipped_and_the_next_lines_indexed(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"title": "Kept", "text": "Short record text."})
    path.write_text("x" * 5000 + "\n" + good + "\n", encoding="utf-8")
    result = parse_paths([path], max_file_bytes=1000)
    assert [a.title for a in result.articles] == ["Kept"]
    [failure] = result.failures
    assert failure.line == 1 and "5,001 bytes, over the limit of 1,000" in failure.reason


def test_deeply_nested_json_document_is_an_ordinary_failure(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    [failure] = parse_paths([path]).failures
    assert "nested too deeply" in failure.reason and "internal error" not in failure.reason


def test_missing_path_says_so() -> None:
    [failure] = parse_paths([Path("/no/such/place")]).failures
    assert failure.reason.startswith("no such file or folder")


@pytest.mark.parametrize(
    ("value", "ambiguous"),
    [("12/06/2022", True), ("6/12/2022", True), ("13/06/2022", False), ("06/06/2022", False)],
)
def test_ambiguous_slashed_dates_are_noted(value: str, ambiguous: bool) -> None:
    note = ambiguous_date(value)
    assert (note is not None) is ambiguous
    if note:
        assert f"read month first as {parse_published(value)}" in note and "YYYY-MM-DD" in note


def test_parse_paths_notes_an_ambiguous_date_and_keeps_the_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "T", "text": "Body.", "date": "12/06/2022"}) + "\n")
    result = parse_paths([path])
    assert result.articles[0].published == "2022-12-06"
    [note] = result.notes
    assert note.line == 1 and "ambiguous date '12/06/2022' read month first as 2022-12-06" in (
        note.reason
    )


@pytest.mark.parametrize("value", ["NaN", "nat", float("nan")])
def test_nan_dates_stay_unknown_and_are_noted(tmp_path: Path, value: object) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "T", "text": "Body.", "date": value}))
    result = parse_paths([path])
    assert result.articles[0].published is None
    [note] = result.notes
    assert "indexed as undated" in note.reason
