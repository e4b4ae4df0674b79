"""Questions for the news itself and the headlines that answer them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from assistant.planning import make_plan
from assistant.query.filters import Filters
from assistant.query.roundup import asks_roundup, newest_headlines
from index.filters import NO_OUTLET, ChunkFilter

pytestmark = pytest.mark.unit


def roundup(question: str) -> bool:
    plan = make_plan(question, Filters(as_of=date(2022, 10, 12)), lambda: date(2022, 10, 12))
    return asks_roundup(question, plan.search_text)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What happened this week?", True),
        ("What's the news today?", True),
        ("Any news?", True),
        ("What are the top stories?", True),
        ("What's new?", True),
        ("What happened?", False),  # in a chat, usually a follow-up
        ("What's happening?", False),
        ("What happened with FTX this week?", False),  # names its topic
        ("What happened at the Capitol on January 6, 2021?", False),
        ("Who won the World Series this week?", False),
    ],
)
def test_asks_roundup(question: str, asks: bool) -> None:
    assert roundup(question) is asks


@dataclass
class Summary:
    id: str
    title: str
    source: str | None
    published: str | None
    group_id: str


def test_newest_headlines_one_per_story() -> None:
    # real headlines of the dev articles, 11-12 October 2022
    articles = [
        Summary(
            "a",
            "Alex Jones: Jury decides conspiracy theorist should pay nearly $1 ...",
            "cnn.com",
            "2022-10-12",
            "a",
        ),
        Summary(
            "b",
            "Connecticut jury orders Alex Jones to pay nearly $1 billion",
            "usatoday.com",
            "2022-10-12",
            "b",
        ),  # the same story, another outlet
        Summary(
            "c",
            "Camp Hale National Monument, Los Angeles City Council, Erik ...",
            "usatoday.com",
            "2022-10-12",
            "c",
        ),  # a digest's list of topics
        Summary(
            "d", "NASA sets date for another try at Artemis I launch", "cnn.com", "2022-10-12", "d"
        ),
        Summary(
            "e", "NASA sets date for another try at Artemis I launch", "wral.com", "2022-10-12", "d"
        ),  # a syndicated copy
        Summary(
            "f",
            "Angela Lansbury dies: 'Murder, She Wrote' star dead at 96",
            "usatoday.com",
            "2022-10-11",
            "f",
        ),
        Summary("g", "Undated feature", "cnn.com", None, "g"),
        Summary("h", "Storm hits Florida", "cnn.com", "2022-10-20", "h"),  # after the window
    ]
    picked = newest_headlines(
        articles, ChunkFilter(since=date(2022, 10, 6), until=date(2022, 10, 12))
    )
    assert [a.id for a in picked] == ["a", "d", "f"]
    assert [a.id for a in newest_headlines(articles, ChunkFilter(), n=2)] == ["h", "a"]
    only_cnn = newest_headlines(
        articles, ChunkFilter(sources=("cnn.com",), until=date(2022, 10, 12))
    )
    assert [a.id for a in only_cnn] == ["a", "d"]
    # "(unknown)" keeps the articles that name no outlet, as retrieval does
    unnamed = [*articles, Summary("u", "Local fair opens", None, "2022-10-12", "u")]
    assert [a.id for a in newest_headlines(unnamed, ChunkFilter(sources=(NO_OUTLET,)))] == ["u"]
