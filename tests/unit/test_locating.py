""" "Where is X?": the place the sentence puts X in (dev sentences)."""

from __future__ import annotations

import pytest

from assistant.answer.locating import located_subject, locates
from assistant.answer.matching import analyse_question
from assistant.answer.spans import spans_in


def test_the_subject_of_a_where_is_question() -> None:
    assert located_subject("Where is Mariupol?") == "Mariupol"
    assert located_subject("Where's the Kherson region?") == ""  # not a name alone
    assert located_subject("Where’s Kherson?") == "Kherson"
    assert located_subject("Where is the World Cup being held?") == ""
    sentence = "Mariupol, a port city in southeastern Ukraine, was besieged."
    at = sentence.index("Ukraine")
    assert locates(sentence, at, at + len("Ukraine"), "Mariupol")


@pytest.mark.parametrize(
    ("question", "sentence", "place"),
    [
        ("Where is Uvalde?", "Biden in Uvalde, Texas: Confronting grief", "Texas"),
        ("Where is Uvalde?", "Uvalde Texas school shooting: What we know", "Texas"),
        (
            "Where is Kherson?",
            "Russian forces have completed their withdrawal from Ukraine’s Kherson region.",
            "Ukraine",
        ),
        (
            "Where is Mariupol?",
            "Mariupol, a port city in southeastern Ukraine, was besieged for weeks.",
            "Ukraine",
        ),
    ],
)
def test_where_is_reads_where_the_sentence_puts_it(
    question: str, sentence: str, place: str
) -> None:
    found = spans_in(sentence, question, analyse_question(question), "place")
    best = max(found, key=lambda s: s.strength)
    assert best.text == place and best.strength >= 0.8
    assert sentence[best.start : best.end] == place


def test_where_is_is_not_answered_by_a_place_inside_it() -> None:
    question = "Where is Mariupol?"
    sentence = "Ukrainian soldiers defended the Azovstal steel plant in Mariupol for weeks."
    found = spans_in(sentence, question, analyse_question(question), "place")
    assert all(s.strength < 0.6 for s in found)


def test_a_name_in_a_list_after_the_subject_does_not_locate_it() -> None:
    # USA Today, 9 August 2022 ("Where is Mar-a-Lago?" had answered "Serena Williams")
    digest = "FBI search of Trump's Mar-a-Lago, Serena Williams, New Mexico ..."
    at = digest.index("Serena Williams")
    assert not locates(digest, at, at + len("Serena Williams"), "Mar-a-Lago")
    sentence = "A gunman opened fire at an elementary school in Uvalde, Texas, on Tuesday."
    at = sentence.index("Texas")
    assert locates(sentence, at, at + len("Texas"), "Uvalde")
