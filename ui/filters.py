"""The chat's filter fields: outlets and dates as typed, checked before any question runs.

A date field takes an ISO day (2022-06-12), a day in words (12 June 2022, June 12,
2022), a month (June 2022, 2022-06) or a year (2022). A month or a year means its
first day in "Published from" and its last day in "Published to" and "As of", so
"June 2022" in both fields is the whole month. Anything else is refused with a
message shown beside the fields; the conversation is left alone.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from assistant.query.filters import Filters
from ui.markup import esc

_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i], calendar.month_abbr[i] + ".")
}
_MONTHS["sept"] = 9
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z.]+),?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z.]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([a-z.]+),?\s+(\d{4})")

FIELD_NAMES = {"since": "Published from", "until": "Published to", "as_of": "As of"}


class FilterProblem(ValueError):
    """A filter value that cannot be used; the message names the field and the fix."""


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower())


def _span(text: str) -> tuple[date, date] | None:
    """The first and last day `text` names, or None when it names no date."""
    t = " ".join(text.strip().lower().split())
    try:
        return (day := datetime.fromisoformat(t.replace("z", "+00:00")).date()), day
    except ValueError:
        pass
    try:
        if m := _ISO_MONTH.fullmatch(t):
            year, month = int(m.group(1)), int(m.group(2))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if _YEAR.fullmatch(t):
            return date(int(t), 1, 1), date(int(t), 12, 31)
        if (m := _DAY_MONTH_YEAR.fullmatch(t)) and (named := _month(m.group(2))):
            day = date(int(m.group(3)), named, int(m.group(1)))
            return day, day
        if (m := _MONTH_DAY_YEAR.fullmatch(t)) and (named := _month(m.group(1))):
            day = date(int(m.group(3)), named, int(m.group(2)))
            return day, day
        if (m := _MONTH_YEAR.fullmatch(t)) and (named := _month(m.group(1))):
            year = int(m.group(2))
            return date(year, named, 1), date(year, named, calendar.monthrange(year, named)[1])
    except ValueError:  # 31 June, month 13
        return None
    return None


def day_or_text(value: Any) -> date | str | None:
    """A date field's value: the day when it is one already (a picker's datetime, date or
    timestamp), else its text, stripped, to be read; None when it is empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value).date()
    return str(value).strip() or None


def parse_date_field(value: Any, field: str) -> date | None:
    """The day a date field means (see the module doc); None when it is empty."""
    text = day_or_text(value)
    if not isinstance(text, str):
        return text
    span = _span(text)
    name = FIELD_NAMES.get(field, field)
    if span is None:
        raise FilterProblem(
            f"{name}: “{text[:40]}” is not a date. Use e.g. 2022-06-12, 12 June 2022 or June 2022."
        )
    return span[0] if field == "since" else span[1]


def parse_filters(sources: Any, since: Any, until: Any, as_of: Any) -> Filters:
    """All filter fields checked together; raises FilterProblem naming the first bad one."""
    if isinstance(sources, str):
        sources = [s.strip() for s in sources.split(",")]
    picked = [str(s) for s in (sources or []) if str(s).strip()]
    filters = Filters(
        sources=tuple(picked),
        since=parse_date_field(since, "since"),
        until=parse_date_field(until, "until"),
        as_of=parse_date_field(as_of, "as_of"),
    )
    if filters.since and filters.until and filters.since > filters.until:
        raise FilterProblem(
            f"The date range is empty: “Published from” ({filters.since:%d %b %Y}) is after "
            f"“Published to” ({filters.until:%d %b %Y}). Swap or clear them."
        )
    return filters


def note_html(problem: str | None, filters: Filters | None = None) -> str:
    """What sits beside the fields: the problem (warning tone), or the dates in force."""
    if problem:
        return f'<div class="nd-filter-note nd-warn" role="alert">{esc(problem)}</div>'
    if filters is None:
        return ""
    shown = [
        f"{label} {day:%d %b %Y}"
        for label, day in (
            ("from", filters.since),
            ("to", filters.until),
            ("as of", filters.as_of),
        )
        if day is not None
    ]
    if not shown:
        return ""
    return f'<div class="nd-filter-note">Dates in force: {esc(", ".join(shown))}</div>'


def check(sources: Any, since: Any, until: Any, as_of: Any) -> str:
    """The note for the fields as they are now (called when a field changes)."""
    try:
        return note_html(None, parse_filters(sources, since, until, as_of))
    except FilterProblem as exc:
        return note_html(str(exc))


def expand(picked: Sequence[str] | None, groups: dict[str, list[str]]) -> list[str] | None:
    """Outlet groups picked in the list -> the outlet names stored with the articles."""
    if not picked:
        return None
    out: list[str] = []
    for key in picked:
        out.extend(groups.get(key, [key]))
    return list(dict.fromkeys(out)) or None
