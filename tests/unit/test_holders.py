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
    office = held_office(question)
    assert office is not None
    found = office_holder(office, rows)
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
    # before Sunak: Truss, until a report says she resigned
    assert holder("Who is the UK prime minister?", rows[:1]) == "Liz Truss"
    assert holder("Who is the UK prime minister?", rows[:2]) is None


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


def test_a_place_of_several_words_is_named_whole() -> None:
    rows: list[tuple[str, date | None]] = [
        ("Boston Mayor Michelle Wu said the new plan would help renters.", date(2022, 6, 30)),
        ("New York City Mayor Eric Adams announced the plan on Tuesday.", date(2022, 6, 20)),
    ]
    assert holder("Who is the mayor of New York?", rows) == "Eric Adams"
    both = (  # USA Today, 3 Nov 2021
        "Michelle Wu became the first elected female mayor of Boston and Democrat Eric Adams "
        "was elected New York’s second Black mayor."
    )
    assert holder("Who is the mayor of New York?", [(both, date(2021, 11, 3))]) == "Eric Adams"


def test_a_title_in_a_sentence_about_an_earlier_year_was_held_then() -> None:
    obama = (  # USA Today, 1 July 2022
        "President Barack Obama honored Biden's public service as a longtime U.S. senator and "
        "vice president by awarding him a Presidential Medal of Freedom in January 2017."
    )
    rows: list[tuple[str, date | None]] = [(obama, date(2022, 7, 1))]
    assert holder("Who is the president of the United States?", rows) is None


def test_a_title_may_be_abbreviated() -> None:
    kemp = "Georgia Gov. Brian Kemp fended off a challenge by David Perdue in May."  # dev
    assert holder("Who is the governor of Georgia?", [(kemp, date(2022, 6, 1))]) == ("Brian Kemp")
    newsom = (  # CNN, 26 Feb 2022
        "Last September, California Gov. Gavin Newsom became the second governor in US history "
        "to defeat a recall."
    )
    assert holder("Who is the governor of California?", [(newsom, date(2022, 2, 26))]) == (
        "Gavin Newsom"
    )


def test_a_holder_a_newer_report_says_was_fired_holds_it_no_more() -> None:
    rows: list[tuple[str, date | None]] = [
        (  # CNN, 23 Aug 2022; USA Today, 31 Oct 2022
            "Twitter CEO Parag Agrawal on Tuesday wrote an internal memo to employees.",
            date(2022, 8, 23),
        ),
        (
            "One of Musk's first moves as owner of Twitter was also firing top executives, "
            "including the company's CEO Parag Agrawal.",
            date(2022, 10, 31),
        ),
    ]
    assert holder("Who is the CEO of Twitter?", rows) is None
    assert holder("Who is the CEO of Twitter?", rows[:1]) == "Parag Agrawal"


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


def test_the_body_itself_is_not_its_holder() -> None:
    # CNN, 21 November 2022: "CEO, Disney said" is no apposition naming the CEO
    rows = [
        (
            "In its statement reintroducing Iger as CEO, Disney said he was “uniquely situated "
            "to lead the company through this pivotal period.”",
            date(2022, 11, 21),
        )
    ]
    assert holder("Who is the new CEO of Disney?", rows) is None


def test_a_holder_who_stays_on_holds_it() -> None:
    rows: list[tuple[str, date | None]] = [
        (  # USA Today, 5 Nov 2022; 31 Oct 2022
            "On Saturday, Twitter co-founder Jack Dorsey, who stepped down as CEO in November "
            "2021, apologized to employees.",
            date(2022, 11, 5),
        ),
        ("News that Musk will continue as CEO of Twitter was not unexpected.", date(2022, 10, 31)),
    ]
    assert holder("Who is the CEO of Twitter?", rows) == "Musk"
    remains = "Joe Biden remains president of the United States."
    assert holder("Who is the president of the United States?", [(remains, None)]) == "Joe Biden"


def test_a_pronoun_is_no_holder() -> None:
    # CNN 20 Oct 2022: "She" stands where "Liz Truss became prime minister" has the name
    she = "She will remain UK prime minister until her successor is chosen."
    assert holder("Who is the UK prime minister?", [(she, date(2022, 10, 20))]) is None
    rows = [(she, date(2022, 10, 20)), (TRUSS_IN, date(2022, 9, 5))]
    assert holder("Who is the UK prime minister?", rows) == "Liz Truss"
