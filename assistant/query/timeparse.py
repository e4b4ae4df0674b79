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
published. So a past period the question dates its story by ("yesterday", "on Monday",
"last week", "in May", "last year", "on January 6, 2021") opens a window from its start
to `as_of`: a figure for last year is published this year, and later reporting is never
excluded; the period is kept as `event_since`/`event_until` so that coverage within it
ranks higher. Other closed windows ("between May and July", "before the invasion") stay
closed, with one extra day when they end before `as_of` (events are often reported the
next day); a period after `as_of` ("plan to merge in 2024") is story content, not a
filter, and stays in the question; and when phrases contradict each other ("this week
marked 25 years since ... in 1997") the window nearest to `as_of` is used and the
others stay in the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from assistant.query.periods import (
    DAY,
    MONTH,
    PERIOD,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    parse_period,
)


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
    # When the event the question dates happened (a day, "last week", "in 2021"): the
    # window starts there and runs to as_of, since later reporting is never excluded;
    # coverage within the period (and the week after it) ranks higher.
    event_since: date | None = None
    event_until: date | None = None


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

_NUMBER = r"(?:\d+|a\s+few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple\s+of|few|several)"  # noqa: E501

_END = r"(?![\w-])"  # a word boundary that also keeps "may-day" or "2022-23" intact

_REPORTING_GRACE = timedelta(days=1)
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
    # A past period the question mentions ("on January 6, 2021", "last week", "in 2021")
    # names when the story happened, not when it was reported: coverage from its start
    # on counts.
    event: bool = False


def _between(m: re.Match[str], as_of: date) -> _Range | None:
    last = parse_period(m["b"], as_of)
    if last is None:
        return None
    # "between May and July 2022": the first end borrows the second's year.
    first = parse_period(m["a"], last.end)
    if first is None or first.start > last.end:
        return None
    return _Range(first.start, last.end, strict=True)


def _anchored(m: re.Match[str], as_of: date) -> _Range | None:
    period = parse_period(m["p"], as_of)
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
        return _Range(start, end, strict=strict, event=True)
    if start == end and prep in ("on", "in", "during", "throughout"):
        # A day's date ("on Jan. 6") names the event, and articles call it by that date:
        # reporting from that day on counts, and the date stays in the search text.
        if not period.has_year:
            return _Range(event=True, names_topic=True)  # which year's Jan. 6 is unknown
        return _Range(start, end, strict=strict, event=True, names_topic=True)
    return _Range(start, end, strict=strict, event=True)


def _bare(m: re.Match[str], as_of: date) -> _Range | None:
    period = parse_period(m[0], as_of)
    if period is None or not period.has_year or period.is_event:
        return None
    day = period.start == period.end
    return _Range(period.start, period.end, strict=True, event=True, names_topic=day)


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
    return _Range(day, day, event=True)


def _calendar(m: re.Match[str], as_of: date) -> _Range:
    which, unit = m["which"].lower(), m["unit"].lower()
    if unit == "week":
        monday = as_of - timedelta(days=as_of.weekday())
        if which == "this":  # the past seven days: "this week" on a Monday means more
            return _Range(as_of - timedelta(days=6), as_of)
        return _Range(monday - timedelta(days=7), monday - timedelta(days=1), event=True)
    if unit == "month":
        first = as_of.replace(day=1)
        if which == "this":
            return _Range(first, as_of)
        prev = first - relativedelta(months=1)
        return _Range(prev, first - timedelta(days=1), event=True)
    if which == "this":
        return _Range(date(as_of.year, 1, 1), as_of)
    return _Range(date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31), event=True)


def _last_weekday(m: re.Match[str], as_of: date) -> _Range:
    back = (as_of.weekday() - WEEKDAYS[m["wd"].lower()]) % 7 or 7
    day = as_of - timedelta(days=back)
    return _Range(day, day, event=True)


def _day(offset: int) -> _Resolver:
    def resolve(m: re.Match[str], as_of: date) -> _Range:
        day = as_of - timedelta(days=offset)
        return _Range(day, day, event=offset > 0)

    return resolve


def _recent(m: re.Match[str], as_of: date) -> _Range:
    return _Range(prefer_recent=True)


_UNIT = r"(?P<unit>hour|day|week|month|year)s?"
_RULES: list[tuple[re.Pattern[str], _Resolver]] = [
    (re.compile(p, re.IGNORECASE), resolver)
    for p, resolver in [
        (
            rf"\b(?:between|from)\s+(?P<a>{PERIOD})\s+(?:and|to|until|through|-|–)\s+"
            rf"(?P<b>{PERIOD}){_END}",
            _between,
        ),
        (
            r"\b(?P<prep>since|after|before|until|till|through|in|during|on|throughout)\s+"
            rf"(?:(?P<mod>early|mid|late)[\s-]+)?(?P<p>{PERIOD}){_END}",
            _anchored,
        ),
        (rf"\b(?:(?:in|over|during|within|for)\s+)?(?:the\s+(?:past|last|previous)|"
         rf"(?:this\s+)?past|(?=(?:last|previous)\s+{_NUMBER}\s)(?:last|previous))\s+"
         rf"(?:(?P<n>{_NUMBER})\s+)?{_UNIT}\b", _past),
        (rf"\bin\s+recent\s+{_UNIT}\b", _recent_units),
        (rf"\b(?P<n>{_NUMBER})\s+days?\s+ago\b", _days_ago),
        (r"\b(?P<which>this|last|previous)\s+(?P<unit>week|month|year)(?:['’]s)?\b", _calendar),
        (rf"\b(?:on\s+)?(?:last|this\s+past)\s+(?P<wd>{WEEKDAY})\b", _last_weekday),
        (r"\byesterday\b", _day(1)),
        # "USA Today" is a newspaper, not a date.
        (r"(?<!\busa\s)\b(?:today|tonight|this\s+morning)\b", _day(0)),
        (rf"\b(?:{YEAR}-\d{{2}}-\d{{2}}|{DAY}\s+{MONTH},?\s+{YEAR}|{MONTH}\s+{DAY},?\s+"
         rf"{YEAR}|{MONTH},?\s+(?:of\s+)?{YEAR}){_END}", _bare),
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
    periods = dict(found)  # each phrase's own period, before an event's window is opened
    # An event's date bounds the window from below only: reports come later.
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
    events = [(span, periods[span]) for span, r in found if r.event and r.since]
    # An event the window has moved past ("this week marked 25 years since ... in 1997")
    # describes the story: it ranks nothing and its words stay in the question.
    past = {s for s, r in events if since is not None and (r.until or r.since or since) < since}
    latest_event = max(
        (r for span, r in events if span not in past),
        key=lambda r: r.since or date.min,
        default=None,
    )
    return TimeIntent(
        event_since=latest_event.since if latest_event else None,
        event_until=latest_event.until if latest_event else None,
        since=since,
        until=until,
        prefer_recent=prefer_recent,
        strict=window.strict and bool(windows),
        label=_label(since, until, prefer_recent, explicit or bool(found)),
        cleaned_question=_clean(
            _remove(
                question,
                [span for span, rng in found if not rng.names_topic and span not in past],
            )
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
