"""Time words in a question -> a published-date window and/or a recency preference.

Everything is resolved against a reference date `as_of` (today by default), so an
archive can be questioned "as of" a past day: relative words ("last week",
"yesterday", "in June") count back from it, and `until` never goes past it, so
articles published after `as_of` are never used.

Recognised (case-insensitive): "latest", "most recent", "newest", "recent(ly)",
"lately", "current(ly)", "right now", "so far"; "today", "yesterday", "N days ago";
"this/last week|month|year"; "(over|in) the past/last [N] days|weeks|months|years",
"in recent days|weeks|months"; "[in|during|on|of] <period>" where a period is a
date ("12 June 2022", "June 12, 2022", "2022-06-12", "12 June"), a month ("June 2022",
"June", "early/mid/late June"), a year ("in 2021") or a weekday ("on Monday");
"since/after/before/until <period or known event>"; "between/from <period> and/to
<period>". A month or day without a year is the most recent one not after `as_of`;
"this week" is the seven days up to `as_of` (a Monday's "this week" means more).

Time words describe when something happened; the window filters on when it was
published. So a closed window that ends before `as_of` gets one extra day (events
are often reported the next day); a period after `as_of` ("plan to merge in 2024")
is story content, not a filter, and stays in the question; and when phrases
contradict each other ("this week marked 25 years since ... in 1997") the window
nearest to `as_of` is used and the others stay in the question.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

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
class TimeIntent:
    """What the question says about time.

    `since`/`until` (inclusive) bound the publication date; `until` is never after
    as_of. `strict` is True when the window comes from explicit calendar words
    (a date, month, year, known event, "between ... and ...", "since/before ...") and
    False for relative ones ("this week", "yesterday", "past 3 days"); callers may
    filter hard on strict windows and only prefer non-strict ones (see
    tests/benchmarks/eval_news.py for why).
    """

    since: date | None
    until: date | None
    prefer_recent: bool
    label: str
    cleaned_question: str
    strict: bool = False
    # The start of an event date the question names; later reporting is never excluded.
    event_since: date | None = None


@dataclass(frozen=True)
class _Period:
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
_WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "couple of": 2,
    "three": 3,
    "few": 3,
    "a few": 3,
    "four": 4,
    "five": 5,
    "several": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_EVENT = "|".join(
    re.escape(name).replace("'", "['’]") for name in sorted(KNOWN_EVENTS, key=len, reverse=True)
)
_NUMBER = r"(?:\d+|a\s+few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple\s+of|few|several)"  # noqa: E501

# Sub-forms of a period, most specific first; each is tried with fullmatch.
_ISO = rf"(?P<iy>{_YEAR})-(?P<im>\d{{2}})-(?P<id>\d{{2}})"
_DMY = rf"(?:the\s+)?(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MONTH}),?(?:\s+(?P<y1>{_YEAR}))?"
_MDY = rf"(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?"
_MY = rf"(?P<m3>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y3>{_YEAR}))?"
_Y = rf"(?P<y4>{_YEAR})"
_EV = rf"(?:the\s+)?(?P<ev>{_EVENT})"
_WD = rf"(?P<wd>{_WEEKDAY})"
_PERIOD_FORMS = [re.compile(f, re.IGNORECASE) for f in (_ISO, _DMY, _MDY, _MY, _Y, _EV, _WD)]
_PERIOD = (
    rf"(?:{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?(?:\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?"
    rf"|{_YEAR}|(?:the\s+)?(?:{_EVENT})|{_WEEKDAY})"
)
_END = r"(?![\w-])"  # a word boundary that also keeps "may-day" or "2022-23" intact

_REPORTING_GRACE = timedelta(days=1)
_UPCOMING_DAYS = 31  # a day-and-month without a year this close ahead is the coming one
_Resolver = Callable[[re.Match[str], date], "_Range | None"]


@dataclass(frozen=True)
class _Range:
    since: date | None = None
    until: date | None = None
    prefer_recent: bool = False
    strict: bool = False  # an explicit calendar window (date, month, year, event, range)
    # A named event ("since the war in Ukraine") is a time window and the story's topic:
    # its words stay in the search text.
    names_topic: bool = False
    # A date the question mentions ("on January 6, 2021", "in June 2022") names when the
    # story happened, not when it was reported: coverage from that day on counts.
    event: bool = False


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _latest_year(month: int, day: int, ref: date) -> int:
    """The year of the most recent month/day that is not after ref."""
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def _period(text: str, ref: date) -> _Period | None:
    text = " ".join(text.split())
    for form in _PERIOD_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        g = m.groupdict()
        try:
            if g.get("iy"):
                day = date(int(g["iy"]), int(g["im"]), int(g["id"]))
                return _Period(day, day)
            if g.get("d1") or g.get("d2"):
                month = _MONTHS[(g.get("m1") or g["m2"]).lower().rstrip(".")]
                dom = int(re.sub(r"\D", "", g.get("d1") or g["d2"]))
                year_text = g.get("y1") or g.get("y2")
                year = int(year_text) if year_text else _latest_year(month, dom, ref)
                day = date(year, month, dom)
                upcoming = date(ref.year, month, dom)
                if not year_text and ref < upcoming <= ref + timedelta(days=_UPCOMING_DAYS):
                    day = upcoming  # "through July 4" on 1 July: the coming one

                return _Period(day, day, has_year=bool(year_text))
        except ValueError:  # 31 June, 2022-13-01: not a date
            return None
        if g.get("m3"):
            month = _MONTHS[g["m3"].lower().rstrip(".")]
            year = int(g["y3"]) if g.get("y3") else _latest_year(month, 1, ref)
            return _Period(date(year, month, 1), _month_end(year, month), bool(g.get("y3")))
        if g.get("y4"):
            year = int(g["y4"])
            return _Period(date(year, 1, 1), date(year, 12, 31))
        if g.get("ev"):
            key = g["ev"].lower().replace("’", "'")
            day = KNOWN_EVENTS[" ".join(key.split())]
            return _Period(day, day, is_event=True)
        if g.get("wd"):
            day = ref - timedelta(days=(ref.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7)
            return _Period(day, day, has_year=False, is_weekday=True)
    return None


def _between(m: re.Match[str], as_of: date) -> _Range | None:
    last = _period(m["b"], as_of)
    if last is None:
        return None
    # "between May and July 2022": the first end borrows the second's year.
    first = _period(m["a"], last.end)
    if first is None or first.start > last.end:
        return None
    return _Range(first.start, last.end, strict=True)


def _anchored(m: re.Match[str], as_of: date) -> _Range | None:
    period = _period(m["p"], as_of)
    if period is None or period.start > as_of:
        return None  # a future period ("until July 4" on 1 July) is story content
    prep = m["prep"].lower()
    start, end = period.start, period.end
    if m["mod"] and (end - start).days >= 27:  # early/mid/late apply to months only
        start, end = {
            "early": (start, start + timedelta(days=9)),
            "mid": (start + timedelta(days=10), start + timedelta(days=19)),
            "late": (start + timedelta(days=20), end),
        }[m["mod"].lower()]
    strict = period.has_year or not period.is_weekday
    topic = period.is_event
    if prep == "since":
        return _Range(since=start, strict=strict, names_topic=topic)
    if prep == "after":
        return _Range(since=end + timedelta(days=1), strict=strict, names_topic=topic)
    if prep == "before":
        return _Range(until=start - timedelta(days=1), strict=strict, names_topic=topic)
    if prep in ("until", "till", "through"):
        return _Range(until=end, strict=strict, names_topic=topic)
    if period.is_event:  # "in the invasion" is not a time window
        return None
    if period.is_weekday:
        return _Range(start, end, strict=strict)
    if start == end and prep in ("on", "in", "during", "throughout"):
        # A day's date ("on Jan. 6") names the event, and articles call it by that date:
        # reporting from that day on counts, and the date stays in the search text.
        if not period.has_year:
            return _Range(event=True, names_topic=True)  # which year's Jan. 6 is unknown
        return _Range(start, end, strict=strict, event=True, names_topic=True)
    return _Range(start, end, strict=strict)


def _bare(m: re.Match[str], as_of: date) -> _Range | None:
    period = _period(m[0], as_of)
    if period is None or not period.has_year or period.is_event:
        return None
    day = period.start == period.end
    return _Range(period.start, period.end, strict=True, event=day, names_topic=day)


def _number(text: str) -> int:
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else _NUMBERS[text]


def _past(m: re.Match[str], as_of: date) -> _Range:
    n = _number(m["n"]) if m["n"] else 1
    unit = m["unit"].lower()
    delta = {
        "hour": relativedelta(days=max(1, -(-n // 24))),
        "day": relativedelta(days=n),
        "week": relativedelta(weeks=n),
        "month": relativedelta(months=n),
        "year": relativedelta(years=n),
    }[unit]
    try:
        return _Range(since=as_of - delta)
    except (ValueError, OverflowError):  # "the last 5000 years": no lower bound
        return _Range()


def _recent_units(m: re.Match[str], as_of: date) -> _Range:
    days = {"hour": 1, "day": 7, "week": 28, "month": 92, "year": 3 * 365}[m["unit"].lower()]
    return _Range(since=as_of - timedelta(days=days), prefer_recent=True)


def _days_ago(m: re.Match[str], as_of: date) -> _Range | None:
    try:
        day = as_of - timedelta(days=_number(m["n"]))
    except (ValueError, OverflowError):
        return None
    return _Range(day, day)


def _calendar(m: re.Match[str], as_of: date) -> _Range:
    which, unit = m["which"].lower(), m["unit"].lower()
    if unit == "week":
        monday = as_of - timedelta(days=as_of.weekday())
        if which == "this":  # the past seven days: "this week" on a Monday means more
            return _Range(as_of - timedelta(days=6), as_of)
        return _Range(monday - timedelta(days=7), monday - timedelta(days=1))
    if unit == "month":
        first = as_of.replace(day=1)
        if which == "this":
            return _Range(first, as_of)
        prev = first - relativedelta(months=1)
        return _Range(prev, first - timedelta(days=1))
    if which == "this":
        return _Range(date(as_of.year, 1, 1), as_of)
    return _Range(date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31))


def _last_weekday(m: re.Match[str], as_of: date) -> _Range:
    back = (as_of.weekday() - _WEEKDAYS[m["wd"].lower()]) % 7 or 7
    day = as_of - timedelta(days=back)
    return _Range(day, day)


def _day(offset: int) -> _Resolver:
    def resolve(m: re.Match[str], as_of: date) -> _Range:
        day = as_of - timedelta(days=offset)
        return _Range(day, day)

    return resolve


def _recent(m: re.Match[str], as_of: date) -> _Range:
    return _Range(prefer_recent=True)


_UNIT = r"(?P<unit>hour|day|week|month|year)s?"
_RULES: list[tuple[re.Pattern[str], _Resolver]] = [
    (re.compile(p, re.IGNORECASE), resolver)
    for p, resolver in [
        (
            rf"\b(?:between|from)\s+(?P<a>{_PERIOD})\s+(?:and|to|until|through|-|–)\s+"
            rf"(?P<b>{_PERIOD}){_END}",
            _between,
        ),
        (
            r"\b(?P<prep>since|after|before|until|till|through|in|during|on|throughout)\s+"
            rf"(?:(?P<mod>early|mid|late)[\s-]+)?(?P<p>{_PERIOD}){_END}",
            _anchored,
        ),
        (rf"\b(?:(?:in|over|during|within|for)\s+)?(?:the\s+(?:past|last|previous)|"
         rf"(?:this\s+)?past|(?=(?:last|previous)\s+{_NUMBER}\s)(?:last|previous))\s+"
         rf"(?:(?P<n>{_NUMBER})\s+)?{_UNIT}\b", _past),
        (rf"\bin\s+recent\s+{_UNIT}\b", _recent_units),
        (rf"\b(?P<n>{_NUMBER})\s+days?\s+ago\b", _days_ago),
        (r"\b(?P<which>this|last|previous)\s+(?P<unit>week|month|year)(?:['’]s)?\b", _calendar),
        (rf"\b(?:on\s+)?(?:last|this\s+past)\s+(?P<wd>{_WEEKDAY})\b", _last_weekday),
        (r"\byesterday\b", _day(1)),
        # "USA Today" is a newspaper, not a date.
        (r"(?<!\busa\s)\b(?:today|tonight|this\s+morning)\b", _day(0)),
        (rf"\b(?:{_YEAR}-\d{{2}}-\d{{2}}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+"
         rf"{_YEAR}|{_MONTH},?\s+(?:of\s+)?{_YEAR}){_END}", _bare),
        (r"\b(?:latest|most\s+recent(?:ly)?|newest|recent(?:ly)?|lately|current(?:ly)?|"
         r"right\s+now|at\s+the\s+moment|so\s+far)\b", _recent),
    ]
]  # fmt: skip


def _label(since: date | None, until: date | None, prefer_recent: bool, explicit: bool) -> str:
    parts = []
    if prefer_recent:
        parts.append("newest first")
    if since is not None and until is not None:
        if since == until:
            parts.append(f"published on {since.isoformat()}")
        else:
            parts.append(f"published {since.isoformat()} – {until.isoformat()}")
    elif until is not None and (explicit or parts):
        parts.append(f"published on or before {until.isoformat()}")
    return ", ".join(parts)


def _clean(question: str) -> str:
    text = re.sub(r"\s+", " ", question).strip()
    text = re.sub(r"\s+([?.!,;:])", r"\1", text)
    text = re.sub(r"([,;:])(?=[?.!,;:])", "", text)
    text = re.sub(r"^[,;:\s]+", "", text)
    return text


def resolve_time(question: str, as_of: date | None = None) -> TimeIntent:
    """Find the question's time words and resolve them against `as_of` (default today)."""
    explicit = as_of is not None
    as_of = as_of or date.today()
    found = _find(question, as_of)
    # An event date bounds the window from below only: reports come later.
    found = [(span, replace(r, until=None) if r.event else r) for span, r in found]
    windows = [f for f in found if f[1].since is not None or f[1].until is not None]
    window = _Range(until=as_of, strict=True)
    for _, rng in windows:
        window = _combine(window, rng)
    if window.since is not None and window.until is not None and window.since > window.until:
        # Contradicting phrases ("this week marked 25 years since ... in 1997"): the one
        # nearest to as_of says when it was reported; the others describe the story.
        keep = max(windows, key=lambda w: (w[1].until or as_of, w[1].since or date.min))
        window = _combine(_Range(until=as_of, strict=True), keep[1])
        found = [f for f in found if f is keep or all(f is not w for w in windows)]
    since, until = window.since, min(window.until or as_of, as_of)
    if since is not None and until < as_of:
        until += _REPORTING_GRACE  # what happens on a day is often reported the next
    prefer_recent = any(r.prefer_recent for _, r in found)
    event_since = max((r.since for _, r in found if r.event and r.since), default=None)
    return TimeIntent(
        event_since=event_since,
        since=since,
        until=until,
        prefer_recent=prefer_recent,
        strict=window.strict and bool(windows),
        label=_label(since, until, prefer_recent, explicit or bool(found)),
        cleaned_question=_clean(
            _remove(question, [span for span, rng in found if not rng.names_topic])
        ),
    )


def _find(question: str, as_of: date) -> list[tuple[tuple[int, int], _Range]]:
    """Every time phrase (its span) with its range; earlier rules win overlaps."""
    found: list[tuple[tuple[int, int], _Range]] = []
    text = question
    for pattern, resolver in _RULES:
        for m in pattern.finditer(text):
            rng = resolver(m, as_of)
            if rng is None or (rng.since is not None and rng.since > as_of):
                continue  # a future period ("merge in 2024") is content, not a filter
            found.append(((m.start(), m.end()), rng))
            text = text[: m.start()] + "\0" * (m.end() - m.start()) + text[m.end() :]
    return sorted(found, key=lambda f: f[0])


def _remove(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _combine(a: _Range, b: _Range) -> _Range:
    """Intersect two windows (every time phrase must hold); strict only if both are."""
    since = max((d for d in (a.since, b.since) if d is not None), default=None)
    until = min((d for d in (a.until, b.until) if d is not None), default=None)
    return _Range(since, until, a.prefer_recent or b.prefer_recent, a.strict and b.strict)
