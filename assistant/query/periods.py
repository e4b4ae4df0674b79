"""Calendar phrases -> date periods: "12 June 2022", "June", "2021", "Monday", a known event.

`parse_period` reads one phrase (already found by the caller's patterns) against a
reference date; `PERIOD` is the pattern that finds such phrases, for the rules in
`assistant.query.timeparse`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# A deliberately small table of events a question may date itself by. Keys are
# lower-case phrases (without a leading "the"); values are the day it happened.
KNOWN_EVENTS: dict[str, date] = {
    "invasion": date(2022, 2, 24),
    "invasion of ukraine": date(2022, 2, 24),
    "russian invasion": date(2022, 2, 24),
    "russian invasion of ukraine": date(2022, 2, 24),
    "russia's invasion": date(2022, 2, 24),
    "russia's invasion of ukraine": date(2022, 2, 24),
    "war in ukraine": date(2022, 2, 24),
    "pandemic": date(2020, 3, 11),  # WHO declared COVID-19 a pandemic
    "covid pandemic": date(2020, 3, 11),
    "covid-19 pandemic": date(2020, 3, 11),
    "queen's death": date(2022, 9, 8),
    "death of queen elizabeth": date(2022, 9, 8),
    "2022 midterms": date(2022, 11, 8),
    "2022 midterm elections": date(2022, 11, 8),
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    has_year: bool = True
    is_event: bool = False
    is_weekday: bool = False


_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {calendar.month_name[number].lower(), calendar.month_abbr[number].lower()}
}
_MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("Sept.", "august")."""
    return _MONTHS[name.lower().rstrip(".")]


MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_EVENT = "|".join(
    re.escape(name).replace("'", "['’]") for name in sorted(KNOWN_EVENTS, key=len, reverse=True)
)
# Sub-forms of a period, most specific first; each is tried with fullmatch.
_ISO = rf"(?P<iy>{YEAR})-(?P<im>\d{{2}})-(?P<id>\d{{2}})"
_DMY = rf"(?:the\s+)?(?P<d1>{DAY})(?:\s+of)?\s+(?P<m1>{MONTH}),?(?:\s+(?P<y1>{YEAR}))?"
_MDY = rf"(?P<m2>{MONTH})\s+(?P<d2>{DAY})(?:,?\s+(?P<y2>{YEAR}))?"
_MY = rf"(?P<m3>{MONTH})(?:,?\s+(?:of\s+)?(?P<y3>{YEAR}))?"
_Y = rf"(?P<y4>{YEAR})"
_EV = rf"(?:the\s+)?(?P<ev>{_EVENT})"
_WD = rf"(?P<wd>{WEEKDAY})"
_PERIOD_FORMS = [re.compile(f, re.IGNORECASE) for f in (_ISO, _DMY, _MDY, _MY, _Y, _EV, _WD)]
PERIOD = (
    rf"(?:{YEAR}-\d{{2}}-\d{{2}}"
    rf"|(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH},?(?:\s+{YEAR})?"
    rf"|{MONTH}\s+{DAY}(?:,?\s+{YEAR})?"
    rf"|{MONTH}(?:,?\s+(?:of\s+)?{YEAR})?"
    rf"|{YEAR}|(?:the\s+)?(?:{_EVENT})|{WEEKDAY})"
)
_UPCOMING_DAYS = 31  # a day-and-month without a year this close ahead is the coming one


_DAY_MONTH_FORMS = [re.compile(f, re.IGNORECASE) for f in (_DMY, _MDY)]


def month_day(text: str) -> tuple[int, int, int | None] | None:
    """The month, the day and the year (None when not written) a day written with its
    month names ("May 1", "5 September", "the 4th of July", "Aug. 31, 2022"), or None for
    any other text. The day may not exist in every year (31 June is read, `date` refuses)."""
    text = " ".join(text.split())
    for form in _DAY_MONTH_FORMS:
        m = form.fullmatch(text)
        if m is not None:
            return _month_day_of(m.groupdict())
    return None


def _month_day_of(g: dict[str, str | None]) -> tuple[int, int, int | None]:
    """`month_day` from the groups of a `_DMY` or `_MDY` match."""
    year = g.get("y1") or g.get("y2")
    dom = int(re.sub(r"\D", "", g.get("d1") or g["d2"] or ""))
    return month_number(g.get("m1") or g["m2"] or ""), dom, int(year) if year else None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _latest_year(month: int, day: int, ref: date) -> int:
    """The year of the most recent month/day that is not after ref."""
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def parse_period(text: str, ref: date) -> Period | None:
    text = " ".join(text.split())
    for form in _PERIOD_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        g = m.groupdict()
        try:
            if g.get("iy"):
                day = date(int(g["iy"]), int(g["im"]), int(g["id"]))
                return Period(day, day)
            if g.get("d1") or g.get("d2"):
                month, dom, written = _month_day_of(g)
                year = written if written else _latest_year(month, dom, ref)
                day = date(year, month, dom)
                upcoming = date(ref.year, month, dom)
                if not written and ref < upcoming <= ref + timedelta(days=_UPCOMING_DAYS):
                    day = upcoming  # "through July 4" on 1 July: the coming one

                return Period(day, day, has_year=bool(written))
        except ValueError:  # 31 June, 2022-13-01: not a date
            return None
        if g.get("m3"):
            month = month_number(g["m3"])
            year = int(g["y3"]) if g.get("y3") else _latest_year(month, 1, ref)
            return Period(date(year, month, 1), month_end(year, month), bool(g.get("y3")))
        if g.get("y4"):
            year = int(g["y4"])
            return Period(date(year, 1, 1), date(year, 12, 31))
        if g.get("ev"):
            key = g["ev"].lower().replace("’", "'")
            day = KNOWN_EVENTS[" ".join(key.split())]
            return Period(day, day, is_event=True)
        if g.get("wd"):
            day = ref - timedelta(days=(ref.weekday() - WEEKDAYS[g["wd"].lower()]) % 7)
            return Period(day, day, has_year=False, is_weekday=True)
    return None
