"""Conflicting named entities (who won, was elected/named/appointed): found when real."""

from __future__ import annotations

import pytest

from assistant.news.entity_conflicts import (
    describe_entity_conflict,
    extract_entity_claims,
    find_entity_conflicts,
)
from assistant.news.notes import conflict_notes
from assistant.types import Answer, Citation, Passage
from tests.passages import fixture_passages

pytestmark = pytest.mark.unit

CNN = "entity_primary_cnn_2022-06-03.md"
USA = "entity_primary_usatoday_2022-06-05.md"
AP_SAME = "entity_primary_ap_same_winner.md"
INDIANA = "entity_other_state_usatoday_2022-06-04.md"


def passage(
    text: str, article_id: str, source: str = "cnn.com", published: str | None = "2022-06-03"
) -> Passage:
    return Passage(text, article_id, "", source, None, published, score=1.0)


def test_two_outlets_name_different_winners() -> None:
    conflicts = find_entity_conflicts(fixture_passages(CNN, USA))
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict.fact == "won the Ohio Senate primary"
    assert [(c.entity, c.source, c.published) for c in conflict.claims] == [
        ("Mary Jones", "usatoday.com", "2022-06-05"),
        ("John Smith", "cnn.com", "2022-06-03"),
    ]
    assert describe_entity_conflict(conflict) == (
        "Reports differ: USA Today reported on 5 June 2022 that Mary Jones won the Ohio "
        "Senate primary (newer); CNN reported on 3 June 2022 that John Smith won the Ohio "
        "Senate primary."
    )


def test_passage_order_does_not_change_newest_first() -> None:
    backward = find_entity_conflicts(list(reversed(fixture_passages(CNN, USA))))
    assert [c.entity for c in backward[0].claims] == ["Mary Jones", "John Smith"]


def test_same_winner_with_a_shorter_name_is_not_a_conflict() -> None:
    passages = fixture_passages(CNN, AP_SAME)
    assert len(extract_entity_claims(passages)["won the Ohio Senate primary"]) == 2
    assert find_entity_conflicts(passages) == []


def test_a_different_state_primary_is_a_different_fact() -> None:
    assert find_entity_conflicts(fixture_passages(CNN, INDIANA)) == []


def test_the_same_article_twice_is_not_a_conflict() -> None:
    cnn = fixture_passages(CNN)[0]
    other = passage(
        "Columbus, Ohio — Mary Jones won the Ohio Senate primary on Thursday "
        "after a bitter campaign in Franklin County.",
        cnn.article_id,
    )
    assert find_entity_conflicts([cnn, other]) == []


def test_one_outlet_correcting_itself_in_a_new_article_is_a_conflict() -> None:
    first = passage(
        "Columbus, Ohio — John Smith won the Ohio Senate primary on Thursday after a bitter "
        "campaign in Franklin County.",
        "cnn-1",
        published="2022-06-03",
    )
    second = passage(
        "Columbus, Ohio — Mary Jones won the Ohio Senate primary on Thursday after a bitter "
        "campaign in Franklin County.",
        "cnn-2",
        published="2022-06-04",
    )
    conflicts = find_entity_conflicts([first, second])
    assert [[c.entity for c in x.claims] for x in conflicts] == [["Mary Jones", "John Smith"]]


def test_reports_months_apart_are_different_stories() -> None:
    first, second = fixture_passages(CNN, USA)
    later = Passage(
        second.text, second.article_id, second.title, second.source, None, "2022-09-05", 1.0
    )
    assert find_entity_conflicts([first, later]) == []


def test_a_succession_is_an_update_not_a_conflict() -> None:
    first = passage(
        "Kessel, Norland — Anna Berg was named chief executive of Norland Rail on Monday, "
        "the state railway company said in Kessel.",
        "a",
        published="2022-06-03",
    )
    second = passage(
        "Kessel, Norland — Piet Halvorsen was named chief executive of Norland Rail on "
        "Friday, the state railway company said in Kessel, replacing Berg, who resigned.",
        "b",
        source="usatoday.com",
        published="2022-06-20",
    )
    assert find_entity_conflicts([first, second]) == []
    assert len(extract_entity_claims([first, second])["named chief executive of Norland Rail"]) == 2


@pytest.mark.parametrize(
    ("text", "fact", "entity"),
    [
        (
            "Trump-backed Blake Masters won the Republican nomination for the U.S. Senate "
            "in Arizona.",
            "won the Republican nomination for the U.S. Senate in Arizona",
            "Blake Masters",
        ),
        (
            "Nashville's David Poile was named the NHL's top executive.",
            "named the NHL's top executive",
            "David Poile",
        ),
        (
            "Sen. John Smith won the Ohio Senate primary.",
            "won the Ohio Senate primary",
            "John Smith",
        ),
        (
            "Mayor Anna Berg was elected president of Norland on Sunday.",
            "elected president of Norland",
            "Anna Berg",
        ),
        (
            "Piet Halvorsen has been appointed governor of the Bank of Norland.",
            "appointed governor of the Bank of Norland",
            "Piet Halvorsen",
        ),
        (
            "Anna Berg narrowly won the Kessel mayoral race in a recount.",
            "won the Kessel mayoral race",
            "Anna Berg",
        ),
    ],
)
def test_extracts_entity_claims(text: str, fact: str, entity: str) -> None:
    claims = extract_entity_claims([passage(text, "x")])
    assert [(f, [c.entity for c in cs]) for f, cs in claims.items()] == [(fact, [entity])]


@pytest.mark.parametrize(
    "text",
    [
        "Smith won the Republican primary on Tuesday.",  # which state's?
        "Smith won a seat on the Kessel council.",  # not exclusive
        "Smith won the Kessel Cup final.",  # not an election
        "Smith and Jones won the Ohio Senate primary.",  # coordinated subjects
        "If Smith won the Ohio Senate primary, Jones would quit.",  # conditional
        "Smith won the Ohio Senate primary in 2018.",  # history
        "Smith was named in the Ohio lawsuit.",  # not a role
        "Smith was named to the Ohio State Board.",  # one of many
        "Smith won't win the Ohio Senate primary.",
        "Smith was named late Tuesday.",  # no role
        "Kuiu Island was named for a U.S. warship.",
        "Smith was elected in Vermont to the U.S. House of Representatives.",
        "Smith won the June Republican primary.",  # months are not places
        "Smith was elected the state's first Black governor.",  # which state?
    ],
)
def test_ignores_what_is_not_an_exclusive_role(text: str) -> None:
    assert extract_entity_claims([passage(text, "x")]) == {}


def test_two_winners_in_one_article_are_ambiguous() -> None:
    text = (
        "Columbus, Ohio — John Smith won the Ohio Senate primary on Thursday. A recount "
        "later said Mary Jones won the Ohio Senate primary on Saturday."
    )
    assert extract_entity_claims([passage(text, "x")]) == {}


def test_conflict_notes_include_entity_conflicts_with_a_cited_side() -> None:
    cnn, usa = fixture_passages(CNN, USA)
    citation = Citation(
        1,
        cnn.article_id,
        cnn.title,
        cnn.source,
        cnn.url,
        cnn.published,
        "John Smith won",
        0,
        14,
        1.0,
        passage=cnn.text,
    )
    answer = Answer(text="Smith won.", citations=[citation])
    assert conflict_notes(answer) == []  # only one article among the cited passages
    notes = conflict_notes(answer, passages=[cnn, usa])
    assert notes == [describe_entity_conflict(find_entity_conflicts([cnn, usa])[0])]
    assert "Mary Jones won the Ohio Senate primary (newer)" in notes[0]
