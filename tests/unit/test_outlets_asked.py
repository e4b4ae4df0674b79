"""A question attributed to an outlet ("According to CNN, ...") keeps to its articles."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.outlets import outlet_name, outlets_asked
from assistant.planning import make_plan
from assistant.query.filters import Filters

pytestmark = pytest.mark.unit

DOMAINS = ["cnn.com", "usatoday.com", "theweek.co.uk", "example.org"]


@pytest.mark.parametrize(
    ("question", "outlets", "rest"),
    [
        (
            "According to USA Today, who won the Pennsylvania Senate race?",
            ("usatoday.com",),
            "who won the Pennsylvania Senate race?",
        ),
        ("Who won, according to cnn?", ("cnn.com",), "Who won?"),
        ("What did CNN report about the midterms?", ("cnn.com",), "What about the midterms?"),
        (
            "What is the latest on Ukraine in The Week?",
            ("theweek.co.uk",),
            "What is the latest on Ukraine?",
        ),
        (
            "What did USA Today's coverage say about Ian?",
            ("usatoday.com",),
            "What did coverage say about Ian?",
        ),
        # not an attribution: the outlet is the story's subject, or no outlet at all
        ("Who told USA Today about the deal?", (), "Who told USA Today about the deal?"),
        (
            "What happened in the week before the vote?",
            (),
            "What happened in the week before the vote?",
        ),
        ("Who won according to the BBC?", (), "Who won according to the BBC?"),  # not indexed
    ],
)
def test_outlets_asked(question: str, outlets: tuple[str, ...], rest: str) -> None:
    assert outlets_asked(question, DOMAINS) == (outlets, rest)


def test_the_plan_keeps_to_the_outlet_and_the_answerer_reads_the_rest() -> None:
    question = "According to USA Today, who won the Pennsylvania Senate race?"
    plan = make_plan(question, Filters(as_of=date(2022, 12, 4)), lambda: None, lambda: DOMAINS)
    assert plan.flt.sources == ("usatoday.com",)
    assert plan.question == question  # shown as asked
    assert plan.answerer_question == "who won the Pennsylvania Senate race?"
    assert "USA" not in plan.search_text
    # outlets given explicitly win over the question's
    given = Filters(sources=("cnn.com",), as_of=date(2022, 12, 4))
    assert make_plan(question, given, lambda: None, lambda: DOMAINS).flt.sources == ("cnn.com",)


def test_outlet_name() -> None:
    assert outlet_name("www.usatoday.com") == "USA Today"
    assert outlet_name("example.org") == "example.org"
