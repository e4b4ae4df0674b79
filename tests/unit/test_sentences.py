"""Sentence splitting keeps exact offsets and does not break at abbreviations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.text.sentences import split_sentences

pytestmark = pytest.mark.unit


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_match_the_seed_article(seed_article_path: Path) -> None:
    text = seed_article_path.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert len(sentences) > 15
    for sent in sentences:
        assert text[sent.start : sent.end] == sent.text
        assert sent.text == sent.text.strip()
    joined = [s.text for s in sentences]
    assert any("more than 2,100 children from 15 Ukrainian towns" in s for s in joined)
    latushko = [s for s in joined if "18 years" in s]
    assert len(latushko) == 1
    assert latushko[0].startswith("NAM was designated an extremist organization")
    assert latushko[0].endswith("in his homeland.")


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "Sen. Joe R. Biden said the U.S. economy grew 3.5% in Jan. last year. Then he left."
    assert texts(text) == [
        "Sen. Joe R. Biden said the U.S. economy grew 3.5% in Jan. last year.",
        "Then he left.",
    ]


def test_a_name_ending_on_a_capital_the_text_writes_elsewhere_ends_a_sentence() -> None:
    """Dev article (CNN, 12 September 2022): "Terminal E" is a name, not an initial, since
    the text writes it without a stop too; an initial the text never writes so stays one."""
    text = (
        "Earlier Monday, the President highlighted projects made possible by the bipartisan "
        "infrastructure law at Boston Logan International Airport's Terminal E. New spending "
        "from the infrastructure law, he said, will create more than 5,000 jobs.\n\n"
        "The investments in the airport include $50 million to modernize Terminal E and $12 "
        "million to improve roadways."
    )
    found = texts(text)
    assert found[0].endswith("Airport's Terminal E.")
    assert found[1].startswith("New spending from the infrastructure law")
    assert texts("Sen. Joe R. Biden spoke. Joe R. Biden left.") == [
        "Sen. Joe R. Biden spoke.",
        "Joe R. Biden left.",
    ]


def test_a_case_name_does_not_split_at_its_v() -> None:
    text = (
        "In a new Monmouth University survey released on Tuesday, 60% of US adults disapprove "
        "of the Supreme Court’s decision to overturn Roe v. Wade, with just 37% approving. "
        "More follows."
    )
    assert texts(text)[0].endswith("overturn Roe v. Wade, with just 37% approving.")


def test_quotes_and_question_marks() -> None:
    text = '"Is it over?" she asked. "Yes." He nodded! The end'
    assert texts(text) == ['"Is it over?" she asked.', '"Yes."', "He nodded!", "The end"]


def test_line_breaks_always_end_a_sentence() -> None:
    text = "Headline without a stop\nBy Jane Doe\n\nFirst sentence. Second one."
    assert texts(text) == [
        "Headline without a stop",
        "By Jane Doe",
        "First sentence.",
        "Second one.",
    ]


def test_acronym_at_the_end_of_a_sentence() -> None:
    assert texts("He moved to the U.S. The move was quick.") == [
        "He moved to the U.S.",
        "The move was quick.",
    ]


def test_a_time_zone_after_a_time_of_day_continues_the_sentence() -> None:
    # From the dev articles: the splitter used to start a sentence at "ET on Tuesday)".
    text = (
        "The quake struck at 1:24 a.m. local time (4:54 p.m. ET on Tuesday) near Khost. "
        "Polls close at 8 p.m. ET. Kickoff is 8 p.m. EST Sunday. It starts at 7 p.m. The end."
    )
    assert texts(text) == [
        "The quake struck at 1:24 a.m. local time (4:54 p.m. ET on Tuesday) near Khost.",
        "Polls close at 8 p.m. ET.",
        "Kickoff is 8 p.m. EST Sunday.",
        "It starts at 7 p.m.",
        "The end.",
    ]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\"'”Aé,0")), max_size=200))
def test_spans_are_ordered_disjoint_and_exact(text: str) -> None:
    previous_end = 0
    for sent in split_sentences(text):
        assert previous_end <= sent.start < sent.end <= len(text)
        assert text[sent.start : sent.end] == sent.text
        assert sent.text.strip() == sent.text
        previous_end = sent.end


def test_a_photo_credit_is_a_piece_of_its_own() -> None:
    # Real caption lines of dev articles: the credit is glued to the caption after it.
    text = (
        "Corey Sipkin/AFP/Getty Images Serena Williams celebrates after defeating Anett "
        "Kontaveit in the second round of the US Open on Wednesday, August 31.\n"
        "(Photo by Justin Sullivan/Getty Images) Gas prices over the $6 dollar mark."
    )
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "Corey Sipkin/AFP/Getty Images",
        "Serena Williams celebrates after defeating Anett Kontaveit in the second round of "
        "the US Open on Wednesday, August 31.",
        "(Photo by Justin Sullivan/Getty Images)",
        "Gas prices over the $6 dollar mark.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)
    # A slash inside a sentence is not a credit.
    assert len(split_sentences("The AP/NORC poll found that most Americans agree.")) == 1


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB.z .-1é\n")), max_size=120))
def test_the_word_before_a_break_is_read_off_the_end_of_the_text(before: str) -> None:
    from index.text import sentences as s

    whole, tail = s._WORD_BEFORE.search(before), s._WORD_BEFORE.search(s._tail(before))
    assert (whole and whole.group(1)) == (tail and tail.group(1))
    assert bool(s._TIME_OF_DAY.search(before)) == bool(s._TIME_OF_DAY.search(before[-8:]))


@pytest.mark.parametrize("end", ["at 4 a.m", "at 4 P.M", "pa.m", "ma.m", "x.a.m", "a.m"])
def test_times_of_day_are_read_off_the_end_too(end: str) -> None:
    from index.text import sentences as s

    for before in (end, "word " * 10 + end):
        assert bool(s._TIME_OF_DAY.search(before)) == bool(s._TIME_OF_DAY.search(before[-8:]))
