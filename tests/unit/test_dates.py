"""index.dates: one ISO form for any date a file carries; garbage is an error, unknown None."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.dates import parse_published, published_epoch

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-06-12", "2022-06-12"),
        ("  2022-06-12\n", "2022-06-12"),
        ("2023-05-01T10:30:00Z", "2023-05-01T10:30:00+00:00"),
        ("2023-05-01T10:30:00+05:00", "2023-05-01T05:30:00+00:00"),  # converted to UTC
        ("2023-05-01T23:30:00-04:00", "2023-05-02T03:30:00+00:00"),  # ... even across midnight
        ("2023-05-01 10:30", "2023-05-01T10:30:00+00:00"),  # no zone: taken as UTC
        ("2022-06-12T10:00:00.123456-04:00", "2022-06-12T14:00:00+00:00"),
        ("Mon, 01 May 2023 10:30:00 GMT", "2023-05-01T10:30:00+00:00"),  # RSS pubDate
        ("June 12, 2022", "2022-06-12"),
        ("12 June 2022", "2022-06-12"),
        ("10:31 AM EDT, Sun June 12, 2022", "2022-06-12T14:31:00+00:00"),
        ("20220612", "2022-06-12"),
        ("1685000000", "2023-05-25T07:33:20+00:00"),  # epoch seconds as text
        (1685000000, "2023-05-25T07:33:20+00:00"),
        (1685000000000, "2023-05-25T07:33:20+00:00"),  # epoch milliseconds
        (20230501, "2023-05-01"),
        (date(2022, 6, 12), "2022-06-12"),  # YAML front matter gives date objects
        (
            datetime(2022, 6, 12, 8, 0, tzinfo=timezone(timedelta(hours=2))),
            "2022-06-12T06:00:00+00:00",
        ),
    ],
)
def test_parses_common_forms(value: object, expected: str) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "null", "N/A", "unknown", "NaN", float("nan")])
def test_unknown_stays_none_never_today(value: object) -> None:
    assert parse_published(value) is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("sometime last spring", "not a date"),
        ("yesterday", "not a date"),
        ("2023-02-30", "not a real calendar date"),
        ("June 12", "no year"),  # would silently become this year otherwise
        ("2023-05", "no day"),
        ("2023", "no month/day"),
        ("Sunday", "no year/month/day"),
        (2023, "too small to be an epoch"),
        (True, "boolean"),
        (["2023-05-01"], "got list"),
        ({"date": "2023-05-01"}, "got dict"),
        (float("inf"), "not a number"),
        ("0999-01-01", "outside 1800-2200"),
        ("3023-01-01T00:00:00Z", "outside 1800-2200"),
    ],
)
def test_garbage_is_an_error_that_names_value_and_fix(value: object, why: str) -> None:
    with pytest.raises(ValueError, match=r"^unparseable date") as caught:
        parse_published(value)
    message = str(caught.value)
    assert why in message
    assert "2023-05-01" in message  # the fix: the form that works


def test_epoch_of_date_is_midnight_utc_and_of_datetime_its_instant() -> None:
    assert published_epoch("2022-06-12") == 1654992000
    assert published_epoch("2022-06-12T10:00:00+00:00") == 1654992000 + 10 * 3600
    assert published_epoch(None) is None


@settings(deadline=None)
@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_round_trip(day: date) -> None:
    iso = parse_published(day.isoformat())
    assert iso == day.isoformat()
    assert parse_published(iso) == iso  # idempotent
    epoch = published_epoch(iso)
    assert epoch is not None
    assert datetime.fromtimestamp(epoch, tz=UTC).date() == day


_ZONES = [UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=9))]


@settings(deadline=None)
@given(
    st.datetimes(
        min_value=datetime(1801, 1, 1),
        max_value=datetime(2199, 12, 31),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=9))]
        ),
    )
)
def test_datetimes_round_trip_through_any_form(moment: datetime) -> None:
    iso = parse_published(moment)
    assert iso is not None and iso.endswith("+00:00")
    assert parse_published(iso) == iso
    assert parse_published(moment.isoformat()) == iso  # the string form agrees
    assert published_epoch(iso) == int(moment.replace(microsecond=0).timestamp())


@settings(deadline=None)
@given(st.text(max_size=40))
def test_never_raises_anything_but_value_error(text: str) -> None:
    try:
        result = parse_published(text)
    except ValueError as exc:
        assert str(exc).startswith("unparseable date")
    else:
        assert result is None or published_epoch(result) is not None
