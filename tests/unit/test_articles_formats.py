"""Markdown, HTML and JSON/JSONL articles: metadata fields, fallbacks and ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.articles import parse_file
from index.ids import id_from_path, id_from_url
from index.models import Article

pytestmark = pytest.mark.unit

GOOD = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "good"


def _only(path: Path) -> Article:
    result = parse_file(path)
    assert result.failures == []
    [article] = result.articles
    return article


def test_markdown_front_matter() -> None:
    article = _only(GOOD / "front_matter.md")
    assert article.title == "Rates: central bank holds steady"
    assert article.source == "Example Times"
    assert article.url == "https://www.example.com/business/rates-hold/?utm_source=feed#top"
    assert article.authors == ("Priya Patel", "Tom O'Neil")
    assert article.published == "2023-03-15T18:00:00+00:00"
    # Body only, as prose: no front matter, no markup, soft-wrapped lines joined.
    assert "---" not in article.text and "title:" not in article.text
    assert article.text.startswith(
        "The central bank left interest rates unchanged on Wednesday, saying inflation was "
        "cooling but remained above its target. See the full statement."
    )
    assert "**" not in article.text and "](" not in article.text and "chart.png" not in article.text
    assert "\n\nWhat analysts expect\n\n" in article.text
    # The URL id ignores utm_* params, fragment and trailing slash.
    assert article.id == id_from_url("https://www.example.com/business/rates-hold")


def test_markdown_heading_is_title_without_front_matter() -> None:
    article = _only(GOOD / "nested" / "heading.markdown")
    assert article.title == "Library reopens after two-year renovation"
    assert not article.text.startswith("#")
    assert article.text.startswith("The town library reopened on Saturday")
    assert (article.source, article.url, article.published) == (None, None, None)
    assert article.id == id_from_path(str((GOOD / "nested" / "heading.markdown").resolve()))


def test_markdown_heading_differing_from_front_matter_title_stays_in_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Real title\ndate: 2022-06-12\n---\n# Section\n\nBody text.\n")
    article = _only(path)
    assert article.title == "Real title"
    assert article.published == "2022-06-12"  # YAML date object
    assert article.text == "Section\n\nBody text."


def test_markdown_toml_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text('+++\ntitle = "T"\nauthor = "Ann Lee"\n+++\nBody text here.\n')
    article = _only(path)
    assert (article.title, article.authors, article.text) == ("T", ("Ann Lee",), "Body text here.")


def test_html_article_body_and_metadata() -> None:
    article = _only(GOOD / "article.html")
    assert article.title == "Storm hits coast"
    assert article.authors == ("Jane Doe",)
    assert article.published == "2023-05-01"
    assert article.source == "Example News"
    assert article.url == "https://www.example.com/2023/05/01/storm.html"
    assert article.id == id_from_url(article.url)
    assert article.text.startswith("A powerful storm hit the coast on Monday")
    assert article.text.count("\n\n") == 2  # three paragraphs
    for chrome in ("Home", "Sport", "Copyright"):
        assert chrome not in article.text


def test_html_date_fallback_and_domain_source(tmp_path: Path) -> None:
    # No metadata but a canonical link whose path carries the date (htmldate finds it).
    paragraph = "<p>" + "Crews repaired the flooded tunnel over the weekend. " * 4 + "</p>"
    path = tmp_path / "page.htm"
    path.write_text(
        '<html><head><link rel="canonical" href="https://www.news.example.com/2021/03/04/tunnel">'
        f"<title>Tunnel reopens</title></head><body><article>{paragraph * 2}</article></body>"
    )
    article = _only(path)
    assert article.title == "Tunnel reopens"
    assert article.published == "2021-03-04"
    assert article.source in {"news.example.com", "example.com"}  # hostname, never None here


def test_html_without_any_date_stays_unknown(tmp_path: Path) -> None:
    paragraph = "<p>" + "The museum opened a new wing for modern art on the east side. " * 4
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article>{paragraph}</p></article></body></html>")
    article = _only(path)
    assert article.published is None
    assert article.url is None and article.source is None


def test_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    body = "<p>" + "Le café a ouvert lundi avec une longue file d’attente devant la porte. " * 3
    html = f'<html><head><meta charset="windows-1252"><title>Café</title></head><body>{body}</p>'
    path = tmp_path / "cafe.html"
    path.write_bytes(html.replace("’", "'").encode("cp1252"))
    article = _only(path)
    assert "café a ouvert" in article.text


def test_json_list_with_field_aliases() -> None:
    result = parse_file(GOOD / "records.json")
    assert result.failures == []
    first, second = result.articles
    assert first.id == "rec-1"  # explicit ids are kept as given
    assert first.title == "Farmers report record harvest"
    assert first.url == "https://news.example.org/harvest"  # from "link"
    assert first.published == "2022-06-12"  # from "publish_date": "June 12, 2022"
    assert first.authors == ("Sam Green", "Lia Wong")  # "author": "A; B"
    assert first.source == "Valley Post"  # from "outlet"
    assert first.path.endswith("records.json[0]")
    assert second.title == "Bridge repairs finish early"  # "headline"
    assert second.text == (
        "Repairs on the old bridge finished two weeks early.\n\n"
        "The bridge reopens to traffic on Friday."
    )  # "content" as a list of paragraphs
    assert second.published == "2022-07-01T09:15:00+00:00"  # RSS "pubDate"
    assert second.authors == ("Kim Park",)  # [{"name": ...}]
    assert second.source == "cnn.com"  # domain fallback, without "www."
    assert second.id == id_from_url(second.url or "")


def test_newsapi_style_document() -> None:
    article = _only(GOOD / "newsapi.json")
    assert article.source == "BBC News"
    assert article.authors == ("Alex Jones",)  # "By " prefix dropped
    assert article.published == "2023-02-01T08:00:00+00:00"


def test_jsonl_records_paths_and_fallbacks() -> None:
    result = parse_file(GOOD / "feed.jsonl")
    assert result.failures == []
    first, second = result.articles
    assert first.id == "f1"
    assert first.path.endswith("feed.jsonl:1")
    assert second.path.endswith("feed.jsonl:3")  # blank line 2 skipped, numbering kept
    assert second.source == "example.net"
    assert second.published is None
    assert second.id == id_from_url("https://www.example.net/a/b")


def test_record_without_url_or_id_gets_a_path_and_line_id(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    record = {"title": "T", "text": "Same text."}
    path.write_text(json.dumps(record) + "\n" + json.dumps(record) + "\n")
    first, second = parse_file(path).articles
    assert first.id != second.id
    assert first.id == id_from_path(str(path.resolve()), "1")
    assert parse_file(path).articles[0].id == first.id  # stable across runs


def test_integer_id_and_missing_title(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    text = "Officials confirmed on Tuesday that the new bridge will open in May. More later."
    path.write_text(json.dumps({"id": 42, "text": text}))
    article = _only(path)
    assert article.id == "42"
    assert article.title == text  # short enough to be its own title


def test_derived_title_is_cut_at_a_sentence_end(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    text = "Officials confirmed on Tuesday that the bridge will open in May. " + "More words " * 30
    path.write_text(json.dumps({"text": text}))
    article = _only(path)
    assert article.title == "Officials confirmed on Tuesday that the bridge will open in May."


def test_derived_title_skips_a_dateline_stub(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    text = "CNN —\n\nA rare disease has again made its way to the United States."
    path.write_text(json.dumps({"title": "", "text": text}) + "\n")
    article = _only(path)
    assert article.title == "A rare disease has again made its way to the United States."
    assert article.text == text


def test_markdown_empty_front_matter_and_no_heading(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\n---\nCouncil members met on Monday to discuss the budget.\n")
    article = _only(path)
    assert article.text == "Council members met on Monday to discuss the budget."
    assert article.title == article.text  # derived from the first line
