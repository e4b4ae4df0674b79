"""Chat phrasing around a news question: not search terms, not the question's terms."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer.matching import analyse_question
from assistant.planning import make_plan
from assistant.query.filters import Filters
from assistant.query.phrasing import asks_overview, without_request
from index.text.terms import terms

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("asked", "searched"),
    [
        ("Tell me about the Queen's funeral", "the Queen's funeral"),
        ("Can you tell me more about Hurricane Ian?", "Hurricane Ian?"),
        ("Please summarize the Truss resignation", "the Truss resignation"),
        ("Explain the Inflation Reduction Act", "the Inflation Reduction Act"),
        ("What do we know about the Club Q shooting?", "the Club Q shooting?"),
        ("Any updates on the Artemis launch?", "the Artemis launch?"),
        ("What's new with Elon Musk and Twitter?", "Elon Musk and Twitter?"),
        ("What is the news on inflation?", "inflation?"),
        ("What's going on with FTX?", "FTX?"),
        # the question itself is left alone
        ("Who told the court about the leak?", "Who told the court about the leak?"),
        ("Which show won the most Emmys?", "Which show won the most Emmys?"),
        ("Tell me", "Tell me"),  # nothing would be left
    ],
)
def test_an_opening_request_is_not_searched_for(asked: str, searched: str) -> None:
    assert without_request(asked) == searched


def test_the_plan_searches_the_topic_without_time_words_or_the_request() -> None:
    def plan_text(question: str) -> str:
        return make_plan(question, Filters(), lambda: date(2022, 12, 4)).search_text

    assert plan_text("What's the latest on the Mega Millions jackpot?") == (
        "the Mega Millions jackpot?"
    )
    assert plan_text("What is the latest news about Hurricane Ian?") == "Hurricane Ian?"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Tell me about the Queen's funeral", "queen funeral"),
        ("What happened with Hurricane Ian?", "hurricane ian"),
        ("What's the latest news on inflation?", "inflation"),
        ("Any updates on the Artemis launch?", "artemis launch"),
        ("What's going on with FTX?", "ftx"),
    ],
)
def test_the_request_words_are_not_the_question_terms(question: str, topic: str) -> None:
    assert analyse_question(question).terms == tuple(terms(topic))


@pytest.mark.parametrize(
    ("asked", "overview"),
    [
        ("Tell me about the Queen's funeral", True),
        ("Any updates on the Artemis launch?", True),
        ("What's new with monkeypox?", True),
        ("Summarize the news about Elon Musk and Twitter", True),
        ("What's the latest on the war in Ukraine?", True),
        # a question for one fact of the story
        ("When is the Queen's funeral?", False),
        ("Who told the court about the leak?", False),
        ("Tell me", False),
    ],
)
def test_a_request_for_the_story_itself(asked: str, overview: bool) -> None:
    assert asks_overview(asked) is overview
