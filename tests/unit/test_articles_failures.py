"""Bad input never stops a run: each problem is one ParseFailure naming file, line and the fix."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import index.articles as articles_module
from index.articles import SUPPORTED_SUFFIXES, parse_file, parse_pasted_text, parse_paths
from index.models import ParseFailure

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
BAD = FIXTURES / "bad"


def _failure(path: Path, **kwargs: int) -> ParseFailure:
    result = parse_file(path, **kwargs)
    assert result.articles == []
    [failure] = result.failures
    assert failure.path == str(path.absolute())
    return failure


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.txt", "file is empty"),
        ("whitespace_only.md", "file is empty"),
        ("binary.txt", "file is binary (it contains NUL bytes)"),
        ("latin1.txt", "not valid UTF-8 (byte 0xe9 at offset 3); re-save the file as UTF-8"),
        ("no_article.html", "no article found in the HTML"),
        ("bad_yaml.md", "front matter is not valid YAML at line 2"),
        ("boilerplate_only.txt", "no article text"),
        ("report.pdf", "unsupported file type '.pdf'; supported: .htm, .html, .json"),
        (
            "bad_date.json",
            "field 'published': unparseable date 'sometime last spring' (not a date); "
            "use an ISO date like 2023-05-01",
        ),
    ],
)
def test_each_bad_file_is_one_failure_with_an_actionable_reason(name: str, expected: str) -> None:
    failure = _failure(BAD / name)
    assert expected in failure.reason
    assert failure.line is None
    assert str(failure).startswith(f"{failure.path}: ")


def test_broken_jsonl_lines_are_reported_by_line_and_the_rest_loads() -> None:
    result = parse_file(BAD / "mixed.jsonl")
    assert [a.title for a in result.articles] == ["Good first", "Good last"]
    assert [a.path.rsplit(":", 1)[1] for a in result.articles] == ["1", "6"]
    reasons = {f.line: f.reason for f in result.failures}
    assert sorted(reasons) == [2, 3, 4, 5, 7]
    assert reasons[2].startswith(
        "invalid JSON at column 56: Expecting ',' delimiter; fix or remove"
    )
    assert reasons[3] == "record field 'text' is empty; add the article body"
    assert reasons[4].startswith("record is a JSON list, not an object")
    assert reasons[5].startswith("field 'date': unparseable date '31/31/2022'")
    # Same URL up to case, fragment and trailing slash: a duplicate, reported, first one kept.
    assert reasons[7].startswith("duplicate id")
    assert "mixed.jsonl:1" in reasons[7]
    assert all(f.path == str((BAD / "mixed.jsonl").absolute()) for f in result.failures)
    assert str(result.failures[0]).endswith(f"mixed.jsonl:2: {reasons[2]}")


def test_record_without_text_names_the_accepted_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "Only a title", "summary": "x"}) + "\n")
    [failure] = parse_file(path).failures
    assert failure.line == 1
    assert "none of the fields text, body, content" in failure.reason
    assert "put the article body under 'text'" in failure.reason


def test_record_with_non_string_text(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": 12}) + "\n")
    [failure] = parse_file(path).failures
    assert "field 'text' must be a string" in failure.reason


def test_bad_explicit_id_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "  ", "text": "Body."}) + "\n")
    [failure] = parse_file(path).failures
    assert "field 'id' is empty" in failure.reason


def test_json_list_record_failures_keep_the_index(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "Fine."}, {"title": "no text"}, "oops"]))
    result = parse_file(path)
    assert len(result.articles) == 1
    assert [f.path.rsplit("/", 1)[1] for f in result.failures] == ["list.json[1]", "list.json[2]"]
    assert "record [2] is a JSON string" in result.failures[1].reason


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"title": "x", ', "invalid JSON at line 1 column"),
        ("42", "the JSON document is a number"),
        ("[]", "the JSON list is empty"),
    ],
)
def test_broken_json_document(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(content)
    assert expected in _failure(path).reason


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Title\n\n" + "word " * 100)
    failure = _failure(path, max_file_bytes=100)
    assert "over the limit of 100" in failure.reason
    assert "raise max_file_bytes" in failure.reason


def test_jsonl_limit_applies_per_line_not_per_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    small = json.dumps({"text": "Short body."})
    big = json.dumps({"text": "word " * 100})
    path.write_text("\n".join([small, big, small.replace("Short", "Other")]) + "\n")
    result = parse_file(path, max_file_bytes=200)  # the file itself is bigger than that
    assert len(result.articles) == 2
    [failure] = result.failures
    assert failure.line == 2 and "over the limit of 200" in failure.reason


def test_binary_jsonl_is_one_failure_not_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\x00\x01\n" * 50)
    assert "binary" in _failure(path).reason


def test_invalid_utf8_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "fine"}\n')
    result = parse_file(path)
    assert [a.text for a in result.articles] == ["fine"]
    [failure] = result.failures
    assert failure.line == 1 and "not valid UTF-8" in failure.reason


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n\n")
    assert "file is empty" in _failure(path).reason


def test_missing_file_and_folder_given_to_parse_file(tmp_path: Path) -> None:
    assert "no such file" in _failure(tmp_path / "gone.txt").reason
    assert "no such file" in _failure(tmp_path / "gone.jsonl").reason
    assert "is a folder" in _failure(tmp_path).reason


def test_one_run_over_every_bad_file_reports_each_and_keeps_the_good(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(BAD, folder)
    shutil.copytree(FIXTURES / "good", folder / "good")
    result = parse_paths([folder, folder / "report.pdf"])  # .pdf named explicitly: a failure
    failed = {Path(f.path.split("[")[0]).name for f in result.failures}
    assert failed == {
        "bad_date.json",
        "bad_yaml.md",
        "binary.txt",
        "boilerplate_only.txt",
        "empty.txt",
        "latin1.txt",
        "mixed.jsonl",
        "no_article.html",
        "report.pdf",
        "whitespace_only.md",
    }
    assert len(result.articles) == 2 + 10  # mixed.jsonl's two good lines + all of good/


def test_pasted_text_errors_are_clear() -> None:
    with pytest.raises(ValueError, match="the pasted text is empty"):
        parse_pasted_text("  \n ")
    with pytest.raises(ValueError, match="no article text"):
        parse_pasted_text("Advertisement\nShare This Article")
    with pytest.raises(ValueError, match="unparseable date 'soon'"):
        parse_pasted_text("Some text.", published="soon")


def test_a_crashing_parser_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(content: str) -> object:
        raise RuntimeError("boom")

    monkeypatch.setitem(articles_module._DOCUMENT_PARSERS, ".md", explode)
    (tmp_path / "a.md").write_text("# T\n\nBody.\n")
    (tmp_path / "b.txt").write_text("T\n\nBody.\n")
    result = parse_paths([tmp_path])
    assert [Path(a.path).name for a in result.articles] == ["b.txt"]
    [failure] = result.failures
    assert failure.reason.startswith("internal error while parsing (RuntimeError: boom)")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
_FIELDS = st.sampled_from(
    [
        "id",
        "title",
        "text",
        "body",
        "content",
        "url",
        "link",
        "date",
        "published",
        "author",
        "authors",
        "source",
        "outlet",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(_FIELDS, _JSON_VALUES, max_size=6), min_size=1, max_size=5))
def test_property_any_records_give_one_outcome_per_line(records: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        result = parse_file(path)
    assert len(result.articles) + len(result.failures) == len(records)
    assert all(f.line is not None and f.reason for f in result.failures)
    assert not any(f.reason.startswith("internal error") for f in result.failures)
    for article in result.articles:
        assert article.text.strip() and article.title and article.id


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\n- just\n- a list\n---\nBody.\n")
    assert "front matter must be key: value pairs" in _failure(path).reason


def test_markdown_with_only_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Only metadata\n---\n\n")
    assert "no article text below the front matter" in _failure(path).reason


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
    suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)),
)
def test_property_any_bytes_in_any_format_never_crash(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        result = parse_file(path)
    assert result.articles or result.failures
    assert not any(f.reason.startswith("internal error") for f in result.failures)
    for article in result.articles:
        assert article.text.strip() and article.title and article.id


def test_utf16_text_with_bom_is_read_but_utf16_jsonl_is_reported(tmp_path: Path) -> None:
    txt = tmp_path / "notepad.txt"
    txt.write_bytes("Title\r\n\r\nBody from Notepad.\r\n".encode("utf-16"))  # BOM included
    [article] = parse_file(txt).articles
    assert (article.title, article.text) == ("Title", "Body from Notepad.")
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes('{"text": "x"}\n'.encode("utf-16"))
    assert "re-save it as UTF-8" in _failure(feed).reason
