"""Reading what a question asks of its options."""

from __future__ import annotations

import pytest

from assistant.answer.targets import denies_unlisted_option

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
