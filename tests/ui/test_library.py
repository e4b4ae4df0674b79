"""The article library's pages and outlet groups, on article summaries."""

from __future__ import annotations

import pytest

from index.report import ArticleSummary
from ui import library

pytestmark = pytest.mark.unit


def summary(i: int, source: str | None = "cnn.com", title: str = "") -> ArticleSummary:
    return ArticleSummary(
        id=f"a{i}",
        title=title or f"Story {i:03d}",
        source=source,
        published=f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
        url=None,
        path="feed.jsonl",
        n_chunks=3,
        group_id=f"a{i}",
    )


def test_pages_say_which_rows_of_how_many() -> None:
    articles = [summary(i) for i in range(250)]
    first = library.page(articles, "", 1)
    assert len(first.rows) == 100 and first.label() == "1–100 of 250 · page 1 of 3"
    last = library.page(articles, "", 99)  # clamped to the last page
    assert (last.number, len(last.rows)) == (3, 50)
    assert last.label() == "201–250 of 250 · page 3 of 3"
    assert set(first.ids).isdisjoint(last.ids)
    found = library.page(articles, "story 01", 1)
    assert found.label() == "1–10 of 10 matching (of 250) · page 1 of 1"
    assert library.page(articles, "zzz", 1).label() == "No articles match."
    assert library.page([], "", 1).label() == "No articles yet."


@pytest.mark.parametrize(
    ("source", "domain"),
    [
        ("covid.cdc.gov", "cdc.gov"),
        ("e.newsletters.cnn.com", "cnn.com"),
        ("www.cnn.com", "cnn.com"),
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("abc.net.au", "abc.net.au"),
        ("The European Conservative", "The European Conservative"),
    ],
)
def test_registrable_domain(source: str, domain: str) -> None:
    assert library.registrable_domain(source) == domain


def test_outlets_are_grouped_counted_and_unknown_is_listed() -> None:
    articles = [
        *(summary(i, "cnn.com") for i in range(3)),
        summary(3, "e.newsletters.cnn.com"),
        summary(4, "covid.cdc.gov"),
        summary(5, None),
    ]
    choices, groups = library.outlet_groups(articles)
    assert choices == [
        ("cnn.com · 4", "cnn.com"),
        ("cdc.gov · 1", "cdc.gov"),
        ("(unknown) · 1", "(unknown)"),
    ]
    assert groups["cnn.com"] == ["cnn.com", "e.newsletters.cnn.com"]
