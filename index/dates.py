"""Publication dates: whatever a file says -> one ISO-8601 form, and epoch seconds for filters.

Rules (they decide what the index shows as "published"):
- A value with only a date gives ``YYYY-MM-DD``; one with a time gives
  ``YYYY-MM-DDTHH:MM:SS+00:00`` in UTC (a time without a zone is taken as UTC).
- Unknown (None, empty string, a placeholder like "null" or "N/A") stays None: a date
  is never invented, never "today". NaN/NaT (an export's empty cell) also stays None, and
  `date_note` says so, since it may hide a date lost in the export.
- Slashed dates are read month first, as dateutil does ("12/06/2022" is 6 December);
  ISO dates are unambiguous and preferred. When both readings are valid dates
  (`ambiguous_date` says so) the article is indexed and the update reports a note.
- A value that is present but not a complete date (garbage, "June 12" with no year,
  "2023-05" with no day, a year outside 1800-2200) raises ``ValueError`` whose
  message starts with "unparseable date": the caller reports it and skips the article.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from dateutil import parser as dateutil_parser

_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MIN_YEAR: Final = 1800
_MAX_YEAR: Final = 2200
# Epoch numbers above this are milliseconds (1e11 s is the year 5138).
_MS_THRESHOLD: Final = 100_000_000_000
# Smaller numbers are not timestamps of news (1e8 s is March 1973) but years or YYYYMMDD.
_MIN_EPOCH: Final = 100_000_000

# Ways exporters write "no date"; they mean unknown, not garbage.
_PLACEHOLDERS: Final = frozenset({"null", "none", "nan", "nat", "n/a", "na", "unknown", "-", "--"})
# Zone abbreviations that news sites print ("10:31 AM EDT"); dateutil ignores them otherwise.
_TZINFOS: Final[dict[str, int]] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 3600,
    "CET": 3600,
    "CEST": 7200,
    "EST": -5 * 3600,
    "EDT": -4 * 3600,
    "CST": -6 * 3600,
    "CDT": -5 * 3600,
    "MST": -7 * 3600,
    "MDT": -6 * 3600,
    "PST": -8 * 3600,
    "PDT": -7 * 3600,
}
# Two different defaults reveal which fields dateutil filled in itself.
_DEFAULT_A: Final = datetime(2001, 1, 1, 0, 0, 0)
_DEFAULT_B: Final = datetime(2002, 2, 2, 1, 1, 1)


_SLASHED: Final = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b")


def ambiguous_date(value: object) -> str | None:
    """A note when `value` reads as two different dates (month first, as used, or day
    first), e.g. "12/06/2022"; None when it is unambiguous or not such a date."""
    if not isinstance(value, str):
        return None
    match = _SLASHED.match(value)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first == second or not (1 <= first <= 12 and 1 <= second <= 12):
        return None
    read = parse_published(value)
    return (
        f"ambiguous date {value!r} read month first as {(read or '')[:10]}; "
        "write it as YYYY-MM-DD if the day comes first"
    )


def date_note(value: object) -> str | None:
    """What to tell the user about a date that was read but may not be what they meant:
    an ambiguous slashed date, or NaN/NaT (a spreadsheet export's empty cell, kept as
    unknown, which may hide a lost date)."""
    if (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and value.strip().lower() in {"nan", "nat"}
    ):
        return f"date is {str(value).strip()!r} (an export's empty value): indexed as undated"
    return ambiguous_date(value)


def parse_published(value: object) -> str | None:
    """Normalise a publication date to ISO-8601 (see the module docstring for the rules)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _garbage(value, "expected a date, got a boolean")
    if isinstance(value, datetime):
        return _format_datetime(value)
    if isinstance(value, date):
        return _format_date(value)
    if isinstance(value, float) and math.isnan(value):
        return None  # how pandas & co. write a missing value
    if isinstance(value, int | float):
        return _from_epoch(value)
    if not isinstance(value, str):
        raise _garbage(value, f"expected a string, got {type(value).__name__}")
    text = value.strip()
    if not text or text.lower() in _PLACEHOLDERS:
        return None
    if _ISO_DATE.match(text):  # the common case, kept cheap
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise _garbage(value, "not a real calendar date") from None
        return _format_date(day)
    return _parse_string(value, text)


def published_epoch(iso: str | None) -> int | None:
    """UTC epoch seconds of a value returned by `parse_published` (midnight for a date)."""
    if iso is None:
        return None
    if _ISO_DATE.match(iso):
        moment = datetime.combine(date.fromisoformat(iso), time(), tzinfo=UTC)
    else:
        moment = datetime.fromisoformat(iso)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _parse_string(original: str, text: str) -> str:
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        pass
    else:
        return _format_date(parsed.date()) if _is_date_only(text) else _format_datetime(parsed)
    if re.fullmatch(r"[+-]?\d{9,}(\.\d+)?", text):
        return _from_epoch(float(text))
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A, tzinfos=_TZINFOS)
        second = dateutil_parser.parse(text, default=_DEFAULT_B, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError) as exc:
        raise _garbage(original, "not a date") from exc
    missing = [
        name
        for name, a, b in (
            ("year", first.year, second.year),
            ("month", first.month, second.month),
            ("day", first.day, second.day),
        )
        if a != b
    ]
    if missing:
        raise _garbage(original, f"no {'/'.join(missing)} in it")
    has_time = (first.hour, first.minute) == (second.hour, second.minute)
    return _format_datetime(first) if has_time else _format_date(first.date())


def _is_date_only(text: str) -> bool:
    return "T" not in text.upper() and ":" not in text


def _format_date(value: date) -> str:
    _check_year(value.year, value)
    return value.isoformat()


def _format_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC).replace(microsecond=0)
    _check_year(value.year, value)
    return value.isoformat()


def _from_epoch(value: float) -> str:
    if not math.isfinite(value):
        raise _garbage(value, "not a number")
    if abs(value) < _MIN_EPOCH:
        if float(value).is_integer() and 10_000_000 <= value < 100_000_000:
            return _parse_string(str(value), str(int(value)))  # 20230501 as a number
        raise _garbage(value, "a number too small to be an epoch timestamp")
    seconds = value / 1000 if abs(value) >= _MS_THRESHOLD else value
    try:
        moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    except OverflowError:
        raise _garbage(value, "epoch number out of range") from None
    return _format_datetime(moment)


def _check_year(year: int, value: object) -> None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _garbage(value, f"year {year} is outside {_MIN_YEAR}-{_MAX_YEAR}")


def _garbage(value: object, why: str) -> ValueError:
    shown = value if not isinstance(value, date | datetime) else value.isoformat()
    return ValueError(
        f"unparseable date {str(shown)[:80]!r} ({why}); use an ISO date like 2023-05-01 "
        "or 2023-05-01T14:30:00Z, or leave the field out if the date is unknown"
    )


__all__ = ["parse_published", "published_epoch"]
