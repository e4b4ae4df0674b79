"""Greetings, thanks and "help" get a reply about what is indexed, not a search."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.query.smalltalk import example_questions, is_small_talk, small_talk_reply
from tests.cases import yes_and_no

pytestmark = pytest.mark.unit


SMALL_TALK = [
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
]
QUESTIONS = [
    "Hi-Wire tour dates?",
    "Who is Robert Cray?",
    "help for Ukraine refugees",
    "What happened?",
]


@pytest.mark.parametrize(("message", "small_talk"), yes_and_no(SMALL_TALK, QUESTIONS))
def test_small_talk_and_questions(message: str, small_talk: bool) -> None:
    assert is_small_talk(message) is small_talk


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
    assert "What happened this week?" in reply  # the headline roundup, found by asking


def test_an_empty_index_says_how_to_add_articles() -> None:
    assert "No articles are indexed yet" in small_talk_reply([], None, None)


@pytest.mark.parametrize(
    ("message", "opener"),
    [
        ("thanks!", "You're welcome!"),
        ("thank you so much", "You're welcome!"),
        ("hi", "Hello!"),
        ("help", "Hello!"),
    ],
)
def test_the_reply_opens_as_the_message_calls_for(message: str, opener: str) -> None:
    assert small_talk_reply(ARTICLES, "2022-06-14", "2022-06-22", message).startswith(opener)
