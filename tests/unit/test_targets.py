"""Reading what a question asks of its options."""

from __future__ import annotations

import pytest

from assistant.answer.matching import echoes, quoted_phrases
from assistant.answer.targets import asked_noun, asks_several, denies_unlisted_option

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "denies"),
    [
        # dev quiz questions whose options the question leaves out
        (
            "The Brooklyn Nets fired head coach Steve Nash this week. Which of these players "
            "did not play for him during his tenure?",
            True,
        ),
        (
            "Which of these celebrities hasn’t announced their departure from Twitter following "
            "Elon Musk’s purchase of the platform?",
            True,
        ),
        ("Which of these players wasn’t traded this week?", True),
        ("She appeared in all these films except:", True),
        ("Apple unveiled all these new products at its annual September event, except:", True),
        ("He was in all of these movies except: Taxi Driver, Magnolia or Boogie Nights", False),
        # what a report says of someone: "Greta Thunberg said she will not attend"
        (
            "Which of the following high-profile figures has said they will not be attending "
            "Cop27?",
            False,
        ),
        ("Which of the following grocery items has seen the biggest increase?", False),
        # the options written out
        (
            "Which of these players did not play for him? Kyrie Irving, James Harden or LeBron",
            False,
        ),
    ],
)
def test_a_question_denying_one_of_options_it_leaves_out(question: str, denies: bool) -> None:
    assert denies_unlisted_option(question) is denies


@pytest.mark.parametrize(
    ("question", "noun", "several"),
    [
        # dev quiz questions asking for kin
        (
            "Which influential siblings shared social media posts this week criticising "
            "recent Instagram updates?",
            "siblings",
            True,
        ),
        (
            "Which of Donald Trump’s children has said they do not want to be involved in his "
            "2024 presidential bid?",
            "children",
            False,
        ),
        # a plural's possessive only qualifies the noun asked for
        (
            "Author-illustrator Raymond Briggs was most celebrated for which children’s book?",
            "",
            False,
        ),
    ],
)
def test_kin_are_people_asked_for(question: str, noun: str, several: bool) -> None:
    assert asked_noun(question) == noun
    assert asks_several(question) is several


def test_a_phrase_is_quoted_as_said_only_after_a_verb_of_saying() -> None:
    assert quoted_phrases(
        'What substance did Green Bay Packers quarterback Aaron Rodgers say is "not a drug"?'
    ) == ("not a drug",)
    assert quoted_phrases(
        "Who has veteran broadcaster Emily Maitlis described as an ‘active Tory party agent’?"
    ) == ("active tory party agent",)
    # a title, a record's name, one word: what the story is about, not what was said
    assert not quoted_phrases("In his new series “The End is Nye,” what did Bill Nye warn of?")
    assert not quoted_phrases(
        'A Nebraska man claimed the world record for the "longest journey by a pumpkin boat" by '
        "paddling a pumpkin down a river for:"
    )
    assert not quoted_phrases("Which word did he call “woke”?")
    assert echoes('"Ayahuasca is not a drug," Rodgers emphatically said.', ("not a drug",))
    assert not echoes("Rodgers said ayahuasca isn't a drug.", ("not a drug",))
