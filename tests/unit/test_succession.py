"""Who replaced whom: the side of "replace" / "succeed" a name stands on (real dev sentences)."""

from __future__ import annotations

import pytest

from assistant.answer.answer_span import Span
from assistant.answer.direct import choose_span
from assistant.answer.matching import analyse_question
from assistant.answer.spans import Asked
from assistant.answer.succession import succession_side
from assistant.query.latest import succession_asked

pytestmark = pytest.mark.unit


def side(question: str, sentence: str, name: str) -> tuple[str, bool] | None:
    asked = Asked.of(question, analyse_question(question), "person")
    at = sentence.index(name)
    return succession_side(
        sentence, Span(name, at, at + len(name), "person", 1.0), asked.capitalised
    )


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Who replaced Liz Truss?", "replacer"),
        ("Who will succeed Nancy Pelosi as Democratic leader?", "replacer"),
        ("Britain's Conservative Party chose Liz Truss. Who does she replace?", "replaced"),
        ("Lea Michele joined the cast of Funny Girl. Who is she replacing?", "replaced"),
        ("Who won the Hart Trophy?", None),
        ("Who is Liz Truss's successor?", "replacer"),
        ("Who was Rishi Sunak's predecessor?", "replaced"),
    ],
)
def test_the_side_a_question_asks_for(question: str, asked: str | None) -> None:
    assert succession_asked(question) == asked


def test_the_side_a_name_stands_on() -> None:
    # USA Today, 5 Sep and 20 Oct 2022; CNN, 17 Nov 2022
    headline = "Liz Truss to replace Boris Johnson as British prime minister"
    assert side("Who does she replace?", headline, "Boris Johnson") is None  # no name asked
    assert side("Liz Truss won. Who does she replace?", headline, "Boris Johnson") == (
        "replaced",
        True,
    )
    had = "She had replaced Boris Johnson, who resigned over the summer after mounting scandals."
    assert side("Who replaced Liz Truss?", had, "Boris Johnson") == ("replaced", False)
    jeffries = (
        "House Democrats appear likely to choose New York Rep. Hakeem Jeffries to succeed "
        "Speaker Nancy Pelosi."
    )
    assert side("Who will succeed Nancy Pelosi?", jeffries, "Hakeem Jeffries") == (
        "replacer",
        True,
    )
    passive = "Theresa May saw her party turn, and was replaced by Boris Johnson."
    assert side("Who replaced Theresa May?", passive, "Boris Johnson") == ("replacer", True)
    both = "Boris Johnson or Jeremy Hunt will replace Theresa May as Britain's prime minister."
    # the question's own name stands beside the span: nothing said of who replaced him
    assert side("Who replaced Boris Johnson?", both, "Jeremy Hunt") == ("replaced", False)


def test_who_was_replaced_is_not_the_one_who_replaced() -> None:
    question = (
        "Britain’s ruling Conservative Party chose Liz Truss as the country’s new prime "
        "minister. Who does she replace?"
    )
    asked = Asked.of(question, analyse_question(question), "person")
    rows = [
        (
            "One of those two candidates – Liz Truss or Rishi Sunak – will be named as Britain's "
            "new prime minister by the ruling Conservative Party on Monday.",
            4.5,
            "usat",
            False,
        ),
        ("Liz Truss to replace Boris Johnson as British prime minister", 4.2, "usat2", True),
    ]
    choice = choose_span(asked, rows, frozenset())
    assert choice is not None and choice.span is not None
    assert choice.span.text == "Boris Johnson"
    had = "She had replaced Boris Johnson, who resigned over the summer after mounting scandals."
    asked = Asked.of(
        "Who replaced Liz Truss?", analyse_question("Who replaced Liz Truss?"), "person"
    )
    assert choose_span(asked, [(had, 4.0, "a", False)], frozenset()) is None


def test_no_one_is_named_successor_by_a_sentence_telling_no_succession() -> None:
    # CNN, 20 October 2022: Boris Johnson is named, but as the one before Truss, and the
    # sentence says nothing of who comes after her
    wake = (
        "When she took the keys to 10 Downing Street in the wake of Boris Johnson’s political "
        "demise, Liz Truss promised to “ride out the storm” of Britain’s economic crisis."
    )
    question = "Who is Liz Truss's successor?"
    asked = Asked.of(question, analyse_question(question), "person")
    assert choose_span(asked, [(wake, 1.0, "cnn", False)], frozenset()) is None


def test_where_a_successor_comes_from_is_not_the_successor() -> None:
    # USA Today, 20 October 2022: "Who replaced Liz Truss?" had answered "Conservative Party"
    party = (
        "Because Britain elects a party, not a specific leader, she will be replaced by another "
        "lawmaker from her ruling Conservative Party."
    )
    assert side("Who replaced Liz Truss?", party, "Conservative Party") is None
    question = "Who replaced Liz Truss?"
    asked = Asked.of(question, analyse_question(question), "person")
    assert choose_span(asked, [(party, 4.0, "a", False)], frozenset()) is None
