"""Greetings, thanks and "help" get a reply about what is indexed, not a search."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.query.smalltalk import example_questions, is_small_talk, small_talk_reply

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "message",
    [
        "hi",
        "Hello!",
        "hey there",
        "thanks",
        "Thank you very much!",
        "help",
        "?",
        "what can you do?",
        "Good morning",
        "ok",
    ],
)
def test_small_talk(message: str) -> None:
    assert is_small_talk(message)


@pytest.mark.parametrize(
    "message",
    ["Hi-Wire tour dates?", "Who is Robert Cray?", "help for Ukraine refugees", "What happened?"],
)
def test_questions_are_not_small_talk(message: str) -> None:
    assert not is_small_talk(message)


@dataclass
class _Article:
    title: str
    source: str | None
    published: str | None


ARTICLES = [
    _Article("Auston Matthews wins Hart Trophy", "usatoday.com", "2022-06-22"),
    _Article("Yellowstone National Park flooding closes entrances", "cnn.com", "2022-06-14"),
    _Article("Dartmouth College eliminates student loans", "cnn.com", "2022-06-21"),
    _Article("Rob Gronkowski announces his retirement", "cnn.com", "2022-06-21"),
]


def test_the_reply_says_what_is_indexed_and_what_to_ask() -> None:
    reply = small_talk_reply(ARTICLES, "2022-06-14", "2022-06-22")
    assert "4 articles from 14 June 2022 to 22 June 2022" in reply
    assert "mostly from CNN, USA Today" in reply
    assert example_questions(ARTICLES) == [
        "What's the latest on Auston Matthews?",
        "What's the latest on Dartmouth College?",
        "What's the latest on Rob Gronkowski?",
    ]
    assert "[" not in reply  # no citations


def test_an_empty_index_says_how_to_add_articles() -> None:
    assert "No articles are indexed yet" in small_talk_reply([], None, None)
