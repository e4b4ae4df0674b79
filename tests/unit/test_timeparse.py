"""Time expressions in questions resolve against an as-of date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.query.periods import KNOWN_EVENTS, month_day
from assistant.query.timeparse import TimeIntent, resolve_time

pytestmark = pytest.mark.unit

AS_OF = date(2022, 6, 16)  # a Thursday


def window(question: str, as_of: date = AS_OF) -> tuple[date | None, date | None]:
    intent = resolve_time(question, as_of)
    return intent.since, intent.until


D = date


def E(question: str, since: date, until: date) -> tuple[str, date, date, bool]:
    """A past period the question dates its story by: the window runs from its start to
    as_of (later reporting counts), and the period itself ranks coverage."""
    return (question, since, until, True)


def _rows(rows: list[tuple]) -> list[tuple]:  # type: ignore[type-arg]
    return [row if len(row) == 4 else (*row, False) for row in rows]


@pytest.mark.parametrize(
    ("question", "since", "until", "event"),
    _rows(
        [
            # calendar weeks/months/years (weeks start on Monday)
            ("What happened this week in Ukraine?", D(2022, 6, 10), AS_OF),
            E("What happened last week?", D(2022, 6, 6), D(2022, 6, 12)),
            E("What did the Fed do last month?", D(2022, 5, 1), D(2022, 5, 31)),
            ("What did the Fed do this month?", D(2022, 6, 1), AS_OF),
            E("Who won the Oscar last year?", D(2021, 1, 1), D(2021, 12, 31)),
            ("How many storms this year?", D(2022, 1, 1), AS_OF),
            E("previous month", D(2022, 5, 1), D(2022, 5, 31)),
            # rolling windows
            ("What happened over the past 3 days?", D(2022, 6, 13), AS_OF),
            ("news in the last two weeks", D(2022, 6, 2), AS_OF),
            ("in the last week", D(2022, 6, 9), AS_OF),
            ("this past week", D(2022, 6, 9), AS_OF),
            ("in the past few days", D(2022, 6, 13), AS_OF),
            ("the past year", D(2021, 6, 16), AS_OF),
            ("in the past 24 hours", D(2022, 6, 15), AS_OF),
            ("last 10 days", D(2022, 6, 6), AS_OF),
            # single days
            E("Who resigned yesterday?", D(2022, 6, 15), D(2022, 6, 15)),
            ("What happened today?", AS_OF, AS_OF),
            E("3 days ago what happened", D(2022, 6, 13), D(2022, 6, 13)),
            E("What happened on 12 June 2022?", D(2022, 6, 12), D(2022, 6, 12)),
            E("What happened on June 12, 2022?", D(2022, 6, 12), D(2022, 6, 12)),
            ("What happened on the 4th of June?", None, AS_OF),  # which year is unknown
            E("What happened on 2022-06-12?", D(2022, 6, 12), D(2022, 6, 12)),
            E("June 12, 2022 shooting", D(2022, 6, 12), D(2022, 6, 12)),
            ("What was announced on May 20?", None, AS_OF),
            ("What was announced on July 20?", None, AS_OF),
            E("What happened on Monday?", D(2022, 6, 13), D(2022, 6, 13)),
            E("What happened last Thursday?", D(2022, 6, 9), D(2022, 6, 9)),
            # months and years
            E("What happened in June 2022?", D(2022, 6, 1), D(2022, 6, 30)),
            E("What happened in May 2022?", D(2022, 5, 1), D(2022, 5, 31)),
            E("June 2021 heat wave", D(2021, 6, 1), D(2021, 6, 30)),
            E("in Sept. 2021", D(2021, 9, 1), D(2021, 9, 30)),
            E("in June of 2021", D(2021, 6, 1), D(2021, 6, 30)),
            E("What happened in June?", D(2022, 6, 1), D(2022, 6, 30)),
            E("What happened in July?", D(2021, 7, 1), D(2021, 7, 31)),
            E("What happened in early May?", D(2022, 5, 1), D(2022, 5, 10)),
            ("mid-May talks", None, AS_OF),  # no preposition, no year: not a time phrase
            E("during mid-May", D(2022, 5, 11), D(2022, 5, 20)),
            E("in late February", D(2022, 2, 21), D(2022, 2, 28)),
            E("Who won in 2021?", D(2021, 1, 1), D(2021, 12, 31)),
            E("during 2020", D(2020, 1, 1), D(2020, 12, 31)),
            # open ranges
            ("What has happened since March?", D(2022, 3, 1), AS_OF),
            ("since 2021", D(2021, 1, 1), AS_OF),
            ("What happened after May 2022?", D(2022, 6, 1), AS_OF),
            ("before March 2022", None, D(2022, 2, 28)),
            ("until June 2021", None, D(2021, 6, 30)),
            ("through 2021 how many", None, D(2021, 12, 31)),
            ("until June", None, AS_OF),  # until is clamped to as_of
            # known events
            ("What did Russia say before the invasion?", None, D(2022, 2, 23)),
            ("since the invasion of Ukraine", D(2022, 2, 24), AS_OF),
            ("after Russia's invasion", D(2022, 2, 25), AS_OF),
            ("after Russia’s invasion", D(2022, 2, 25), AS_OF),
            ("before the pandemic", None, D(2020, 3, 10)),
            # between / from-to
            ("What happened between May and July?", D(2021, 5, 1), D(2021, 7, 31)),
            ("between May and June", D(2022, 5, 1), AS_OF),
            ("between May and July 2021", D(2021, 5, 1), D(2021, 7, 31)),
            ("between 1 May and 12 June 2022", D(2022, 5, 1), D(2022, 6, 12)),
            ("from March to May", D(2022, 3, 1), D(2022, 5, 31)),
            ("from 2019 to 2020", D(2019, 1, 1), D(2020, 12, 31)),
            ("between November and February", D(2021, 11, 1), D(2022, 2, 28)),
        ]
    ),
)
def test_resolves_windows(
    question: str, since: date | None, until: date | None, event: bool
) -> None:
    """The table lists the period named. A past period the story happened in (E) opens a
    window from its start to as_of and is the intent's event period; any other closed
    window before as_of gets a day's grace for reports of its last day."""
    intent = resolve_time(question, AS_OF)
    if event:
        assert (intent.since, intent.until) == (since, AS_OF)
        assert (intent.event_since, intent.event_until) == (since, until)
        return
    if since is not None and until is not None and until < AS_OF:
        until += timedelta(days=1)
    assert (intent.since, intent.until) == (since, until)
    assert intent.event_since is None


def test_reporting_grace_is_one_day_and_stops_at_as_of() -> None:
    assert window("What happened yesterday?") == (D(2022, 6, 15), AS_OF)
    assert window("What happened on 10 June 2022?") == (D(2022, 6, 10), AS_OF)
    assert window("between 1 May and 10 May 2022") == (D(2022, 5, 1), D(2022, 5, 11))
    assert window("before June 2022") == (None, D(2022, 5, 31))  # "before" is strict
    assert window("until May 2022") == (None, D(2022, 5, 31))


@pytest.mark.parametrize(
    "question",
    [
        "What may happen next?",
        "How did April Ryan react?",
        "Who is June Carter?",
        "Which country hosts the 2022 World Cup?",
        "What was found in the search at Mar-a-Lago?",
        "What happened in the invasion?",
        "Who won the May 5 election?",
        "What happened in the 1990s?",
        "Since he left office, what has he done?",
        "Who was the last person to walk on the moon?",
        "What is the march about?",
    ],
)
def test_no_time_phrase_means_only_the_as_of_bound(question: str) -> None:
    intent = resolve_time(question, AS_OF)
    assert intent == TimeIntent(None, AS_OF, False, "published on or before 2022-06-16", question)


@pytest.mark.parametrize(
    ("question", "cleaned"),
    [
        ("What is the latest on the Varna River floods?", "What is the on the Varna River floods?"),
        ("Which show was recently green lit?", "Which show was green lit?"),
        ("What is the most recent casualty count?", "What is the casualty count?"),
        ("newest poll numbers", "poll numbers"),
        ("What is the current inflation rate?", "What is the inflation rate?"),
        ("Who has led lately?", "Who has led?"),
        ("How many have died so far?", "How many have died?"),
        ("What happened in recent weeks?", "What happened?"),
    ],
)
def test_recency_words_set_prefer_recent_and_are_removed(question: str, cleaned: str) -> None:
    intent = resolve_time(question, AS_OF)
    assert intent.prefer_recent
    assert intent.cleaned_question == cleaned
    assert intent.label.startswith("newest first")


def test_in_recent_weeks_also_limits_the_window() -> None:
    assert window("What happened in recent weeks?") == (D(2022, 5, 19), AS_OF)
    assert window("in recent days") == (D(2022, 6, 9), AS_OF)
    assert window("in recent months") == (D(2022, 3, 16), AS_OF)
    assert window("in recent years") == (D(2019, 6, 17), AS_OF)
    assert window("in recent hours") == (D(2022, 6, 15), AS_OF)


@pytest.mark.parametrize(
    ("question", "cleaned"),
    [
        ("What happened this week in Ukraine?", "What happened in Ukraine?"),
        ("In June 2022, who won?", "who won?"),
        ("Who won in 2021?", "Who won?"),
        ("between May and July 2021 what happened", "what happened"),
        ("What happened June 2022 in Kessel?", "What happened in Kessel?"),
    ],
)
def test_time_words_are_removed_from_the_question(question: str, cleaned: str) -> None:
    assert resolve_time(question, AS_OF).cleaned_question == cleaned


def test_a_named_event_filters_and_stays_in_the_search_text() -> None:
    question = "Which two countries are forging closer ties since the war in Ukraine began?"
    intent = resolve_time(question, AS_OF)
    assert (intent.since, intent.until, intent.strict) == (D(2022, 2, 24), AS_OF, True)
    assert intent.cleaned_question == question
    assert resolve_time("What did Russia say before the invasion?", AS_OF).cleaned_question == (
        "What did Russia say before the invasion?"
    )


def test_usa_today_is_a_newspaper_not_a_date() -> None:
    question = "USA TODAY marked an anniversary this week. What year was its first issue?"
    intent = resolve_time(question, AS_OF)
    assert (intent.since, intent.until) == (D(2022, 6, 10), AS_OF)
    assert intent.cleaned_question == (
        "USA TODAY marked an anniversary. What year was its first issue?"
    )
    assert window("What did the president say today?") == (AS_OF, AS_OF)


def test_a_possessive_time_phrase_goes_whole() -> None:
    intent = resolve_time("In which city is this year’s party conference?", AS_OF)
    assert intent.cleaned_question == "In which city is party conference?"
    assert intent.since == D(2022, 1, 1)


def test_combined_phrases_intersect() -> None:
    intent = resolve_time("What is the latest news from June 2022 since the invasion?", AS_OF)
    assert (intent.since, intent.until, intent.prefer_recent) == (D(2022, 6, 1), AS_OF, True)
    assert intent.label == "newest first, published 2022-06-01 – 2022-06-16"


def test_labels() -> None:
    assert resolve_time("in May 2022", AS_OF).label == "published 2022-05-01 – 2022-06-16"
    assert resolve_time("from 2019 to 2020", AS_OF).label == "published 2019-01-01 – 2021-01-01"
    assert resolve_time("today", AS_OF).label == "published on 2022-06-16"
    assert resolve_time("before the invasion", AS_OF).label == ("published on or before 2022-02-23")


def test_future_period_is_content_not_a_filter() -> None:
    intent = resolve_time("Which two supermarkets plan to merge in 2024?", AS_OF)
    assert (intent.since, intent.until) == (None, AS_OF)
    assert intent.cleaned_question == "Which two supermarkets plan to merge in 2024?"
    assert window("What happened in 2023?") == (None, AS_OF)


def test_a_yearless_day_just_ahead_is_the_coming_one() -> None:
    question = "Which retailer cut gas prices through July 4 weekend?"
    intent = resolve_time(question, D(2022, 7, 1))
    assert (intent.since, intent.until) == (None, D(2022, 7, 1))
    assert intent.cleaned_question == question
    assert window("on July 4", D(2022, 7, 5)) == (None, D(2022, 7, 5))


@pytest.mark.parametrize(
    ("question", "strict"),
    [
        ("What happened in June 2022?", True),
        ("What happened in June?", True),
        ("between May and July", True),
        ("before the invasion", True),
        ("on 12 June", False),
        ("since 2021", True),
        ("What happened this week?", False),
        ("What happened yesterday?", False),
        ("over the past 3 days", False),
        ("on Monday", False),
        ("last month", False),
        ("in June 2022, last week", False),  # mixed: not all explicit
        ("latest news", False),  # no window at all
        ("Who won?", False),
    ],
)
def test_strict_marks_explicit_calendar_windows(question: str, strict: bool) -> None:
    assert resolve_time(question, AS_OF).strict is strict


def test_contradicting_phrases_keep_the_one_nearest_as_of() -> None:
    question = "This week marked 25 years since her death. How many mourned in 1997?"
    intent = resolve_time(question, AS_OF)
    assert (intent.since, intent.until) == (D(2022, 6, 10), AS_OF)
    assert intent.cleaned_question == "marked 25 years since her death. How many mourned in 1997?"


def test_as_of_defaults_to_today_and_label_is_quiet() -> None:
    intent = resolve_time("Who won the match?")
    assert intent.until == date.today()
    assert intent.label == ""
    assert not intent.prefer_recent


def test_invalid_dates_are_ignored() -> None:
    assert window("on 31 June 2022") == (None, AS_OF)
    assert window("on 2022-13-01") == (None, AS_OF)
    assert window("over the last 2022 years") == (None, AS_OF)
    assert window("1000000 days ago") == (None, AS_OF)


def test_month_resolution_at_year_boundary() -> None:
    jan = date(2023, 1, 5)

    def period(question: str) -> tuple[date | None, date | None]:
        intent = resolve_time(question, jan)
        return intent.event_since, intent.event_until

    assert period("in December") == (D(2022, 12, 1), D(2022, 12, 31))
    assert period("last month") == (D(2022, 12, 1), D(2022, 12, 31))
    assert period("last week") == (D(2022, 12, 26), D(2023, 1, 1))
    assert period("in January") == (D(2023, 1, 1), D(2023, 1, 31))
    assert window("in January", jan) == (D(2023, 1, 1), jan)


def test_known_events_table_is_small_and_dated() -> None:
    assert KNOWN_EVENTS["invasion"] == D(2022, 2, 24)
    assert len(KNOWN_EVENTS) < 30


QUESTIONS = [
    "latest news",
    "What happened last week?",
    "in June",
    "since March",
    "between May and July",
    "on 12 June",
    "over the past 3 days",
    "last month",
    "this year",
    "What happened on Friday?",
    "after the invasion",
    "in 2021",
    "before 2020",
    "until December",
    "yesterday",
]


@settings(deadline=None)
@given(as_of=st.dates(date(2000, 1, 1), date(2035, 12, 31)), question=st.sampled_from(QUESTIONS))
def test_until_never_after_as_of(as_of: date, question: str) -> None:
    intent = resolve_time(question, as_of)
    assert intent.until is not None and intent.until <= as_of
    if intent.since is not None:
        assert intent.since <= intent.until


@settings(deadline=None)
@given(
    question=st.lists(
        st.sampled_from(
            [
                "in",
                "the",
                "past",
                "last",
                "recent",
                "since",
                "between",
                "and",
                "from",
                "to",
                "June",
                "May",
                "12",
                "2022",
                "days",
                "years",
                "hours",
                "weeks",
                "ago",
                "on",
                "Monday",
                "invasion",
                "before",
                "early",
                "a",
                "few",
                "this",
                "week",
                "x",
            ]
        ),
        max_size=8,
    ).map(" ".join)
    | st.text(max_size=80)
)
def test_arbitrary_text_never_crashes(question: str) -> None:
    intent = resolve_time(question, AS_OF)
    assert intent.until is not None and intent.until <= AS_OF
    assert intent.since is None or intent.since <= intent.until


def test_every_dev_question_resolves_within_its_question_date() -> None:
    """The real quiz questions (649, read in place): no crash, never past as_of."""
    import json

    from tests.conftest import shared_data_path

    path = shared_data_path("dev", "questions.jsonl")
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    windows = 0
    for q in questions:
        as_of = date.fromisoformat(q["question_date"])
        intent = resolve_time(q["question"], as_of)
        assert intent.until is not None and intent.until <= as_of
        assert intent.since is None or intent.since <= intent.until
        assert intent.cleaned_question.strip()
        windows += intent.since is not None
    assert windows > 100  # "this week" is common in the quiz questions


def test_an_event_date_never_excludes_later_reporting() -> None:
    # Asked with no as-of: the Capitol attack is reported for years after the day.
    intent = resolve_time("What happened at the Capitol on January 6, 2021?")
    assert intent.since == D(2021, 1, 6) and intent.until == date.today()
    assert intent.event_since == D(2021, 1, 6)
    assert "January 6, 2021" in intent.cleaned_question  # articles name the event so
    yearless = resolve_time("How many minutes did Trump not act on Jan 6?")
    assert yearless.since is None and "Jan 6" in yearless.cleaned_question


def test_a_period_the_window_moved_past_describes_the_story() -> None:
    """ "This week marked 25 years since the handover in 1997": the window is this week,
    1997 ranks nothing and stays in the search text."""
    intent = resolve_time("This week marked 25 years since the handover in 1997. Who spoke?", AS_OF)
    assert (intent.since, intent.until) == (D(2022, 6, 10), AS_OF)
    assert intent.event_since is None
    assert "in 1997" in intent.cleaned_question


def test_a_past_period_keeps_later_reports() -> None:
    """A figure "last year" is reported this year: the window runs to as_of."""
    intent = resolve_time("What percentage of babies were born out of wedlock last year?", AS_OF)
    assert (intent.since, intent.until) == (D(2021, 1, 1), AS_OF)
    assert (intent.event_since, intent.event_until) == (D(2021, 1, 1), D(2021, 12, 31))
    assert intent.cleaned_question == "What percentage of babies were born out of wedlock?"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("May 1", (5, 1, None)),
        ("Aug. 31", (8, 31, None)),
        ("5 September", (9, 5, None)),
        ("the 4th of July", (7, 4, None)),
        ("Sept. 5, 2022", (9, 5, 2022)),
        ("September", None),  # a month, no day
        ("Monday", None),
    ],
)
def test_a_day_written_with_its_months_name(
    text: str, found: tuple[int, int, int | None] | None
) -> None:
    # one reading for a question's period and a report's day ("set to resume on May 1")
    assert month_day(text) == found
