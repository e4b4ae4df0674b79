"""Conflicting figures across reports: found when real, silent when not."""

from __future__ import annotations

import pytest

from assistant.news.conflicts import (
    Claim,
    Conflict,
    describe,
    extract_claims,
    find_conflicts,
)
from assistant.news.notes import conflict_notes
from assistant.types import Answer, Citation, Passage
from tests.passages import fixture_passages

pytestmark = pytest.mark.unit


def passage(
    text: str,
    article_id: str,
    source: str = "cnn.com",
    published: str | None = "2022-06-03",
    title: str = "",
) -> Passage:
    return Passage(text, article_id, title, source, None, published, score=1.0)


CNN = "casualties_cnn_2022-06-03.md"
USA = "casualties_usatoday_2022-06-05.md"
BUS = "other_incident_usatoday_2022-06-04.md"


def test_two_reports_with_different_casualty_figures() -> None:
    conflicts = {c.fact: c for c in find_conflicts(fixture_passages(CNN, USA))}
    assert set(conflicts) == {"deaths", "people injured"}
    deaths = conflicts["deaths"]
    assert [(c.value, c.source, c.published) for c in deaths.claims] == [
        (52.0, "usatoday.com", "2022-06-05"),
        (40.0, "cnn.com", "2022-06-03"),
    ]
    assert deaths.claims[1].qualifier == "at least"
    assert "52 people were killed" in deaths.claims[0].sentence
    assert describe(deaths) == (
        "Reports differ: USA Today reported 52 deaths on 5 June 2022 (newer); "
        "CNN reported at least 40 on 3 June 2022."
    )
    assert describe(conflicts["people injured"]) == (
        "Reports differ: USA Today reported 31 people injured on 5 June 2022 (newer); "
        "CNN reported 23 on 3 June 2022."
    )


def test_passage_order_does_not_change_newest_first() -> None:
    forward = find_conflicts(fixture_passages(CNN, USA))
    backward = find_conflicts(list(reversed(fixture_passages(CNN, USA))))
    assert [[c.value for c in x.claims] for x in forward] == [
        [c.value for c in x.claims] for x in backward
    ]


def test_a_different_incident_is_not_a_conflict() -> None:
    passages = fixture_passages(CNN, BUS)
    claims = extract_claims(passages)
    assert sorted(c.value for c in claims["deaths"]) == [9.0, 40.0]  # both figures are found
    assert find_conflicts(passages) == []
    # ...and adding it to a real conflict does not drag it in.
    deaths = {c.fact: c for c in find_conflicts(fixture_passages(CNN, USA, BUS))}["deaths"]
    assert sorted(c.value for c in deaths.claims) == [40.0, 52.0]


def test_wire_copies_agree() -> None:
    passages = fixture_passages("wire_original.md", "wire_copy_usatoday.md", "wire_copy_herald.md")
    assert len(extract_claims(passages)["people missing"]) == 3
    assert find_conflicts(passages) == []


def test_same_article_with_two_values_is_ambiguous() -> None:
    text = "In Kessel, 52 people were killed. On Monday alone, 40 people were killed in Kessel."
    passages = [passage(text, "a"), passage("In Kessel, 60 people were killed.", "b")]
    assert "deaths" not in extract_claims(passages) or len(extract_claims(passages)["deaths"]) == 1
    assert find_conflicts(passages) == []


def test_same_article_twice_is_not_a_conflict() -> None:
    passages = [
        passage("In Kessel, 40 people were killed.", "a"),
        passage("Rescuers in Kessel said 52 people were killed.", "a"),
    ]
    assert find_conflicts(passages) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("About 50 people were killed in Kessel.", "In Kessel, 52 people were killed."),
        ("Nearly 1,000 people were evacuated in Kessel.", "In Kessel 980 people were evacuated."),
        ("In Kessel, 52 people were killed.", "The Kessel collapse killed 52 people."),
    ],
)
def test_compatible_figures_are_not_conflicts(first: str, second: str) -> None:
    assert find_conflicts([passage(first, "a"), passage(second, "b")]) == []


def test_different_subjects_are_different_facts() -> None:
    passages = [
        passage("In Kessel, 52 people were killed.", "a"),
        passage("In Kessel, 12 children were killed.", "b", source="usatoday.com"),
    ]
    assert set(extract_claims(passages)) == {"deaths", "children killed"}
    assert find_conflicts(passages) == []


@pytest.mark.parametrize(
    ("text", "fact", "value", "qualifier"),
    [
        ("At least 40 people were killed in Kessel.", "deaths", 40, "at least"),
        ("Kessel's collapse killed 52 people.", "deaths", 52, ""),
        ("The blast in Kessel left 12 dead.", "deaths", 12, ""),
        ("The death toll in Kessel rose to 1,200 on Monday.", "deaths", 1200, ""),
        ("In Kessel, nine people died.", "deaths", 9, ""),
        ("There were 37 deaths in Kessel.", "deaths", 37, ""),
        ("Some 2.5 million people were displaced in Norland.", "people displaced", 2.5e6, "some"),
        ("Police in Kessel arrested 14 protesters.", "protesters arrested", 14, ""),
        ("In Kessel, 31 people have been injured.", "people injured", 31, ""),
        ("Two soldiers were wounded near Kessel.", "soldiers injured", 2, ""),
        (
            "More than 3,000 people were forced from their homes.",
            "people displaced",
            3000,
            "more than",
        ),
    ],
)
def test_extracts_counted_facts(text: str, fact: str, value: float, qualifier: str) -> None:
    claims = extract_claims([passage(text, "a")])
    assert list(claims) == [fact]
    (claim,) = claims[fact]
    assert (claim.value, claim.qualifier, claim.sentence) == (value, qualifier, text)


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 killed in action was a phrase we heard often.",
        "Between 40 and 50 people were killed in Kessel.",
        "40 to 50 people were killed in Kessel.",
        "About 40% were killed, officials said.",
        "A 52-year-old man was killed in Kessel.",
        "Dozens of people were killed in Kessel.",
        "The company killed 300 jobs in Kessel.",
        "The film made $52 million in Kessel.",
        "Police killed 2 suspects in Kessel.",
    ],
)
def test_ignores_what_is_not_a_counted_fact(text: str) -> None:
    assert extract_claims([passage(text, "a")]) == {}


def test_describe_without_dates_and_with_three_reports() -> None:
    claims = [
        Claim(55, 2, "apnews.com", "2022-06-07", "s"),
        Claim(52, 1, "usatoday.com", "2022-06-05", "s"),
        Claim(40, 0, "example.org", None, "s", qualifier="at least"),
    ]
    assert describe(Conflict("deaths", claims)) == (
        "Reports differ: AP reported 55 deaths on 7 June 2022 (newest); USA Today reported 52 "
        "on 5 June 2022; example.org reported at least 40."
    )
    same_day = [
        Claim(52, 1, "usatoday.com", "2022-06-05", "s"),
        Claim(40, 0, "cnn.com", "2022-06-05", "s"),
    ]
    assert "(newer)" not in describe(Conflict("deaths", same_day))


STRIKE_A = (
    "A Russian rocket strike on a railroad station in Chaplyne killed 22 people, Zelenskyy said."
)
STRIKE_B = (
    "A Russian rocket strike hit the railroad station in Chaplyne, killing at least 15 people."
)


def test_reworded_report_of_the_same_event_conflicts() -> None:
    passages = [
        passage(STRIKE_A, "a", "usatoday.com", "2022-08-24"),
        passage(STRIKE_B, "b", "cnn.com", "2022-08-25"),
    ]
    (conflict,) = find_conflicts(passages)
    assert [c.value for c in conflict.claims] == [15.0, 22.0]  # newest first


def test_reports_months_apart_are_different_stories() -> None:
    passages = [
        passage(STRIKE_A, "a", "usatoday.com", "2022-08-24"),
        passage(STRIKE_B, "b", "cnn.com", "2022-11-25"),
    ]
    assert find_conflicts(passages) == []


def test_history_mentioned_in_a_new_story_is_not_a_conflict() -> None:
    passages = [
        passage(
            "The deadliest disaster in Puerto Rico in a century, Hurricane Maria killed roughly "
            "3,000 people and destroyed the electrical grid.",
            "a",
            "usatoday.com",
            "2022-09-21",
        ),
        passage(
            "Authorities reported two deaths in Puerto Rico after Fiona swept through.",
            "b",
            "cnn.com",
            "2022-09-19",
        ),
    ]
    assert find_conflicts(passages) == []


def test_a_third_report_joins_the_same_group() -> None:
    third = "The Russian rocket strike on the Chaplyne railroad station killed 25 people."
    passages = [
        passage(STRIKE_A, "a", "usatoday.com", "2022-08-24"),
        passage(STRIKE_B, "b", "cnn.com", "2022-08-24"),
        passage(third, "c", "apnews.com", "2022-08-26"),
    ]
    (conflict,) = find_conflicts(passages)
    # newest first; the same day keeps the passages' (retrieval) order
    assert [c.source for c in conflict.claims] == ["apnews.com", "usatoday.com", "cnn.com"]


def _answer(*cited: Passage) -> Answer:
    citations = [
        Citation(i + 1, p.article_id, p.title, p.source, p.url, p.published, p.text[:40], 0, 40,
                 1.0, passage=p.text)
        for i, p in enumerate(cited)
    ]  # fmt: skip
    return Answer(text="...", citations=citations)


def test_conflict_notes_from_cited_passages() -> None:
    cnn, usa = fixture_passages(CNN, USA)
    notes = conflict_notes(_answer(cnn, usa))
    assert notes[0].startswith("Reports differ: USA Today reported 52 deaths on 5 June 2022")
    assert len(notes) == 2  # deaths and people injured
    assert conflict_notes(_answer(cnn)) == []
    assert conflict_notes(Answer(text="I could not find this.", abstained=True)) == []


def test_conflict_notes_over_retrieved_passages_need_a_cited_side() -> None:
    cnn, usa, bus = fixture_passages(CNN, USA, BUS)
    assert len(conflict_notes(_answer(cnn), passages=[cnn, usa, bus])) == 2
    assert conflict_notes(_answer(bus), passages=[cnn, usa, bus]) == []


def test_a_spelled_out_compound_number_is_read_whole() -> None:
    # "Fifty-two" was read as "two" and reported as a conflict with "52".
    passages = [
        Passage(
            "Fifty-two people died in the floods in Kentucky on Friday.",
            "a",
            "Floods",
            "cnn.com",
            None,
            "2022-07-30",
            1.0,
        ),
        Passage(
            "Officials said 52 people died in the floods in Kentucky on Friday.",
            "b",
            "Floods",
            "usatoday.com",
            None,
            "2022-07-31",
            1.0,
        ),
    ]
    assert find_conflicts(passages) == []
    claims = extract_claims(passages)
    assert sorted(c.value for c in claims["deaths"]) == [52.0, 52.0]


def test_every_fact_word_of_the_patterns_passes_the_sentence_prefilter() -> None:
    # A sentence without a trigger word is never matched: a fact word added to a pattern
    # but not to the trigger would silently lose its figures.
    from assistant.news.conflicts import _KINDS, _TRIGGER, _VERB_FIRST

    for verbs in [*_KINDS.values(), *_VERB_FIRST.values(), "dead", r"death\s+toll"]:
        for verb in verbs.split("|"):
            word = verb.replace(r"\s+", " ").replace("(?:their ", "").replace(")?", "")
            assert _TRIGGER.search(word), word


def test_figures_are_the_same_read_again_from_the_cache() -> None:
    text = "At least 40 people were killed in Kessel on Monday. Police arrested 12 protesters."
    first = extract_claims([passage(text, "a")])
    again = extract_claims([passage(text, "b", source="usatoday.com")])
    assert {f: [c.value for c in cs] for f, cs in first.items()} == {
        "deaths": [40.0],
        "protesters arrested": [12.0],
    }
    assert [c.article_id for cs in again.values() for c in cs] == ["b", "b"]
    assert again["deaths"][0].source == "usatoday.com"


def test_the_fast_trigger_check_is_the_case_insensitive_search() -> None:
    import re
    import sys

    from assistant.news.conflicts import _TRIGGER, CASE_ODD, has_trigger

    letters = sorted({c for c in _TRIGGER.pattern if c.isalpha()})
    # CASE_ODD is every character that IGNORECASE matches to a trigger letter without
    # lower-casing to it (checked over the whole of Unicode).
    letter = re.compile(f"[{''.join(letters)}]", re.IGNORECASE)
    odd = {
        ch
        for ch in map(chr, range(sys.maxunicode + 1))
        if ch.lower() not in letters and letter.fullmatch(ch)
    }
    assert odd == set(CASE_ODD)
    for text in (
        "Three people were KILLED on Monday.",
        "Nothing happened.",
        "The DİED toll",
        "Two were \u0130NJURED",
        "mi\u017f\u017fing hikers",
        "ıNJURED",
        "Kelvin \u212aILLED",
        "“Dead” — café",
        "",
    ):
        assert has_trigger(text) == bool(_TRIGGER.search(text)), text
