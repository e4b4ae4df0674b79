"""Who holds an office now: the name the newest report gives the office (real dev sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer.holders import office_holder
from assistant.query.latest import held_office

pytestmark = pytest.mark.unit

# CNN 5 Sep 2022, CNN 21 Oct 2022, USA Today 24 Oct 2022
TRUSS_IN = (
    "Liz Truss has become the United Kingdom's new prime minister, succeeding Boris Johnson, "
    "who resigned in July after a series of scandals."
)
TRUSS_OUT = (
    "The United Kingdom is – once again – in the market for a new leader following the "
    "resignation of Prime Minister Liz Truss only six weeks into her disastrous premiership."
)
SUNAK = "Rishi Sunak named British prime minister, its first leader of color"


def holder(question: str, rows: list[tuple[str, date | None]]) -> str | None:
    found = office_holder(question, rows)
    return None if found is None else rows[found.index][0][found.start : found.end]


@pytest.mark.parametrize(
    ("question", "office", "of"),
    [
        ("Who is the UK prime minister?", "prime minister", ("UK",)),
        ("Who's the CEO of Twitter?", "ceo", ("Twitter",)),
        ("Who is Britain's prime minister?", "prime minister", ("Britain's",)),
        ("Who is currently the president of the United States?", "president", ("United States",)),
    ],
)
def test_an_office_asked_in_the_present_tense(question: str, office: str, of: tuple[str]) -> None:
    found = held_office(question)
    assert found is not None and (found.noun, found.qualifiers) == (office, of)


@pytest.mark.parametrize(
    "question",
    [
        "Who is Pavel Latushko?",  # a person, not an office
        "Who was the designer of the garment?",  # past tense
        "Who is the man accused of the attack?",
        "Who is the president?",  # of what: asked as usual
    ],
)
def test_not_an_office_holder_question(question: str) -> None:
    assert held_office(question) is None


def test_the_newest_report_names_the_holder() -> None:
    rows = [
        (TRUSS_IN, date(2022, 9, 5)),
        (TRUSS_OUT, date(2022, 10, 21)),
        (SUNAK, date(2022, 10, 24)),
    ]
    assert holder("Who is the UK prime minister?", rows) == "Rishi Sunak"
    # before Sunak: Truss, though a later report names her in the office as she resigns
    assert holder("Who is the UK prime minister?", rows[:2]) == "Liz Truss"


def test_the_office_of_another_country_is_not_it() -> None:
    # USA Today and CNN, 16 Nov 2022
    rows: list[tuple[str, date | None]] = [
        (
            "His record of disdaining US allies and coddling dictators such as Russian President "
            "Vladimir Putin and Kim Jong Un fractured decades of US foreign policy.",
            date(2022, 11, 16),
        ),
        (
            "As the former president spoke about his administration's accomplishments, President "
            'Joe Biden\'s campaign account wrote, "Donald Trump failed America."',
            date(2022, 11, 16),
        ),
    ]
    assert holder("Who is the president of the United States?", rows) == "Joe Biden"
    g20 = (
        "At the G-20 summit of world leaders in Indonesia, a reporter asked President Joe Biden "
        "and President Emmanuel Macron of France if they had any reactions."
    )
    assert holder("Who is the president of France?", [(g20, date(2022, 11, 16))]) == (
        "Emmanuel Macron"
    )


def test_a_caption_glued_after_the_name_is_not_part_of_it() -> None:
    caption = (  # CNN, 6 June 2022
        "British Prime Minister Boris Johnson Britain's Queen Elizabeth II welcomes Johnson at "
        "Buckingham Palace."
    )
    assert holder("Who is the UK prime minister?", [(caption, date(2022, 6, 6))]) == (
        "Boris Johnson"
    )


def test_no_holder_in_a_question_or_a_former_title() -> None:
    rows: list[tuple[str, date | None]] = [
        ("Video Ad Feedback Who is Britain's next prime minister?", date(2022, 11, 2)),
        ("Former Prime Minister Boris Johnson of the UK flew home.", date(2022, 10, 22)),
        (
            "On Saturday, Twitter co-founder Jack Dorsey, who stepped down as CEO in November "
            "2021, apologized to employees.",
            date(2022, 11, 5),
        ),
    ]
    assert holder("Who is the UK prime minister?", rows[:2]) is None
    assert holder("Who is the CEO of Twitter?", rows[2:]) is None
