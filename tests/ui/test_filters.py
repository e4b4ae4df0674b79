"""Date fields take ISO days, days and months in words, and years; anything else is refused."""

from __future__ import annotations

from datetime import date

import pytest

from ui import filters
from ui.filters import FilterProblem, parse_date_field, parse_filters

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("2022-06-12", date(2022, 6, 12), date(2022, 6, 12)),
        ("12 June 2022", date(2022, 6, 12), date(2022, 6, 12)),
        ("June 12, 2022", date(2022, 6, 12), date(2022, 6, 12)),
        ("3rd Sept 2021", date(2021, 9, 3), date(2021, 9, 3)),
        ("June 2022", date(2022, 6, 1), date(2022, 6, 30)),
        ("feb 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("2022-06", date(2022, 6, 1), date(2022, 6, 30)),
        ("2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2022-06-12T10:00:00Z", date(2022, 6, 12), date(2022, 6, 12)),
    ],
)
def test_a_period_means_its_first_day_from_and_its_last_day_to(
    text: str, since: date, until: date
) -> None:
    assert parse_date_field(text, "since") == since
    assert parse_date_field(text, "until") == until
    assert parse_date_field(text, "as_of") == until


@pytest.mark.parametrize("text", ["June-ish", "31 June 2022", "2022-13", "soon", "12/06/2022"])
def test_anything_else_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(FilterProblem, match=rf"^Published to: “{text}” is not a date"):
        parse_date_field(text, "until")


def test_empty_fields_are_no_filter_and_a_reversed_range_is_refused() -> None:
    assert parse_filters(None, "", "  ", None) == filters.Filters()
    with pytest.raises(FilterProblem, match="date range is empty"):
        parse_filters(None, "July 2022", "June 2022", None)
    both = parse_filters(["cnn.com"], "June 2022", "June 2022", None)
    assert (both.since, both.until, both.sources) == (
        date(2022, 6, 1),
        date(2022, 6, 30),
        ("cnn.com",),
    )


def test_the_note_says_what_is_in_force_or_what_is_wrong() -> None:
    assert "Dates in force: from 01 Jun 2022" in filters.check(None, "June 2022", "", "")
    warning = filters.check(None, "<b>x</b>", "", "")
    assert "nd-warn" in warning and "&lt;b&gt;" in warning
    assert filters.check(None, "", "", "") == ""


def test_outlet_groups_expand_to_their_outlets() -> None:
    groups = {"cnn.com": ["cnn.com", "e.newsletters.cnn.com"]}
    assert filters.expand(["cnn.com", "Reuters"], groups) == [
        "cnn.com",
        "e.newsletters.cnn.com",
        "Reuters",
    ]
    assert filters.expand([], groups) is None
