"""A question's plan: what its time words say when the archive ends before them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant.planning import make_plan
from assistant.query.filters import Filters
from assistant.query.recency import human_date

pytestmark = pytest.mark.unit

ARCHIVE_END = date(2022, 12, 4)


def note(question: str, latest: date = ARCHIVE_END) -> str:
    return make_plan(question, Filters(), lambda: latest).note


def test_a_past_week_in_an_older_archive_names_that_week_or_later() -> None:
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    week = f"{human_date((monday - timedelta(days=7)).isoformat())} – "
    week += f"{human_date((monday - timedelta(days=1)).isoformat())}"
    assert note("What happened last week?") == (
        f"No articles from {week} or later; the newest are from 4 December 2022:"
    )
    yesterday = human_date((today - timedelta(days=1)).isoformat())
    assert note("Who resigned yesterday?").startswith(f"No articles from {yesterday} or later;")


def test_this_week_in_an_older_archive_names_the_window_up_to_today() -> None:
    today = date.today()
    since = human_date((today - timedelta(days=6)).isoformat())
    assert note("What happened this week?") == (
        f"No articles from {since} – {human_date(today.isoformat())}; "
        "the newest are from 4 December 2022:"
    )


def test_no_note_when_the_archive_reaches_the_period() -> None:
    assert note("What happened last week?", latest=date.today()) == ""
    plan = make_plan("Who won the Oscar last year?", Filters(), lambda: date.today())
    assert plan.flt.since == date(date.today().year - 1, 1, 1)
    assert plan.flt.until is not None and plan.flt.until >= date(date.today().year - 1, 12, 31)
    assert plan.date_prior is not None


def test_a_month_without_a_year_beyond_the_archive_is_read_as_of_its_newest_day() -> None:
    # "in October", asked today of an archive ending 4 Dec 2022: its latest October
    today = date.today()
    year = today.year if today.month >= 10 else today.year - 1  # the October just past
    plan = make_plan("What happened with inflation in October?", Filters(), lambda: ARCHIVE_END)
    assert plan.note == (
        f"No articles from 1 October {year} – 31 October {year}; the newest are from "
        "4 December 2022, so the question's dates are read as of that day:"
    )
    assert plan.flt.since == date(2022, 10, 1)
    assert plan.flt.until == ARCHIVE_END
    assert plan.search_text == "What happened with inflation?"


def test_a_dated_month_beyond_the_archive_is_said_and_kept() -> None:
    year = date.today().year
    plan = make_plan(f"What happened in January {year}?", Filters(), lambda: ARCHIVE_END)
    assert plan.note == (
        f"No articles from 1 January {year} – 31 January {year}; "
        "the newest are from 4 December 2022."
    )
    assert plan.flt.since == date(year, 1, 1)  # the window asked for, not another one
