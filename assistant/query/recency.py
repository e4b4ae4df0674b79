"""Publication-date priors: how much newer articles should count, and date windows.

`recency_weight` is an exponential decay with a half-life, measured back from the
reference date; an article published after `as_of` weighs 0 (it must not be used:
filter it out with `published_within`). `recency_prior` adapts it to the
retriever's `DatePrior` hook (anything with a ``published`` attribute) and
`rerank_by_recency` applies it to finished passages; `newest_first` orders the
clearly relevant passages by date for "latest"/"most recent" questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Protocol

from assistant.query.periods import month_day
from assistant.types import Passage

PREFER_RECENT_HALF_LIFE_DAYS = 14.0  # "latest", "most recent": a strong preference
QUESTION_DATE_HALF_LIFE_DAYS = 30.0  # any question with a reference date: a mild one


class Dated(Protocol):
    @property
    def published(self) -> str | None: ...


def parse_published(published: str | None) -> date | None:
    """The date part of an ISO date/datetime string; None when missing or malformed."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def human_date(published: str | None) -> str | None:
    """ "2022-06-12" -> "12 June 2022"; None when unknown or unparseable."""
    day = parse_published(published)
    return f"{day.day} {day:%B %Y}" if day else None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_date(weekday: str, published: str | None, *, ahead: bool = False) -> date | None:
    """The day a report's "Thursday" names: the last such weekday on or before its
    publication day, or with `ahead` (the report looks forward: "will meet Thursday") the
    next one on or after it; the day after publication is that day, not six days before
    (a report dated by another time zone: "died Friday" in one dated Thursday). None when
    the report is undated or `weekday` is no weekday."""
    day = parse_published(published)
    name = weekday.strip().lower()
    if day is None or name not in _WEEKDAYS:
        return None
    shift = (_WEEKDAYS.index(name) - day.weekday()) % 7
    if ahead or shift == 1:
        return day + timedelta(days=shift)
    return day - timedelta(days=(7 - shift) % 7)


# A day of a month with no year ("May 1" in a report) this far before its report is next
# year's.
HALF_YEAR_DAYS = 183


def month_day_date(text: str, published: str | None) -> date | None:
    """The day "May 1" or "5 September" names in a report of `published`: in the report's
    year, or the next one when that day would be half a year before the report ("Jan. 5" in
    a December report); None for a date written with its year, any other text or an undated
    report."""
    day = parse_published(published)
    found_day = month_day(text)
    if day is None or found_day is None or found_day[2] is not None:
        return None
    month, number, _ = found_day
    try:
        found = date(day.year, month, number)
    except ValueError:
        return None
    if (day - found).days > HALF_YEAR_DAYS:
        return date(day.year + 1, month, number) if (month, number) != (2, 29) else None
    return found


# A report's own days, counted back from its publication day: "yesterday", "this week".
_DAYS_BACK = {"today": 0, "tonight": 0, "yesterday": 1, "last night": 1}
_WEEKS_BACK = {"this week": 0, "earlier this week": 0, "last week": 1}
# Any of them in a text, the longest first ("earlier this week" before "this week").
RELATIVE_DAY = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, sorted({*_DAYS_BACK, *_WEEKS_BACK}, key=len, reverse=True)))
    + r")\b",
    re.IGNORECASE,
)


def relative_day(phrase: str, published: str | None) -> tuple[date, bool] | None:
    """The day a report's "yesterday" or "today" names, or the Monday of the week its
    "this week" or "last week" names, and whether it is a week; None for any other phrase
    or an undated report."""
    day = parse_published(published)
    key = " ".join(phrase.lower().split())
    if day is None:
        return None
    if key in _DAYS_BACK:
        return day - timedelta(days=_DAYS_BACK[key]), False
    if key in _WEEKS_BACK:
        return day - timedelta(days=day.weekday() + 7 * _WEEKS_BACK[key]), True
    return None


def recency_weight(
    published: str | None, as_of: date, half_life_days: float, missing: float = 0.5
) -> float:
    """1.0 for an article from `as_of`, halving every `half_life_days` before it.

    Undated articles get `missing`; articles published after `as_of` get 0.0.
    """
    if half_life_days <= 0:
        raise ValueError(f"half_life_days must be positive, got {half_life_days}")
    day = parse_published(published)
    if day is None:
        return missing
    age = (as_of - day).days
    if age < 0:
        return 0.0
    return float(0.5 ** (age / half_life_days))


def recency_prior(
    as_of: date, half_life_days: float, missing: float = 0.5
) -> Callable[[Dated], float]:
    """A `DatePrior` for `HybridRetriever`: maps a chunk/passage to its recency weight."""

    def prior(item: Dated) -> float:
        return recency_weight(item.published, as_of, half_life_days, missing)

    return prior


def event_prior(
    start: date, end: date | None = None, half_life_days: float = 60.0, floor: float = 0.5
) -> Callable[[Dated], float]:
    """Coverage of an event from its day (or period: `start`–`end`) on: full weight within
    the period and the week after it, then halving every `half_life_days` down to `floor`
    (later reporting still counts)."""
    last = end or start

    def prior(item: Dated) -> float:
        day = parse_published(item.published)
        if day is None:
            return 0.75
        age = (day - last).days - 7
        return 1.0 if age <= 0 else max(floor, float(0.5 ** (age / half_life_days)))

    return prior


def window_prior(
    since: date | None, until: date | None, outside: float = 0.8
) -> Callable[[Dated], float]:
    """A soft date window: 1.0 inside [since, until], `outside` elsewhere (undated: 1.0).

    For relative time words ("this week", "past 3 days"; `TimeIntent.strict` False):
    on the dev quiz questions a hard filter on them cost answer-recall, a soft one did
    not (tests/benchmarks/eval_news.py).
    """

    def prior(item: Dated) -> float:
        if parse_published(item.published) is None:
            return 1.0
        return 1.0 if published_within(item.published, since, until) else outside

    return prior


def combine_priors(*priors: Callable[[Dated], float] | None) -> Callable[[Dated], float] | None:
    """The product of the given priors (None entries skipped; None if there are none)."""
    active = [p for p in priors if p is not None]
    if not active:
        return None

    def prior(item: Dated) -> float:
        value = 1.0
        for p in active:
            value *= p(item)
        return value

    return prior


def boost(score: float, weight: float, strength: float) -> float:
    """Scale a (positive) score by a recency weight: strength 0 = unchanged, 1 = fully."""
    return score * ((1.0 - strength) + strength * weight)


def rerank_by_recency(
    passages: Sequence[Passage],
    as_of: date,
    half_life_days: float = PREFER_RECENT_HALF_LIFE_DAYS,
    strength: float = 0.5,
) -> list[Passage]:
    """Passages re-scored with `boost` and sorted best first (scores must be positive)."""
    if not 0.0 <= strength <= 1.0:
        raise ValueError(f"strength must be in [0, 1], got {strength}")
    rescored = [
        replace(
            p, score=boost(p.score, recency_weight(p.published, as_of, half_life_days), strength)
        )
        for p in passages
    ]
    return sorted(rescored, key=lambda p: p.score, reverse=True)


def newest_first(passages: Sequence[Passage], min_relative_score: float = 0.5) -> list[Passage]:
    """For "latest"/"most recent": the clearly relevant passages newest first, then the rest.

    Clearly relevant = score >= `min_relative_score` x the best score (scores must be
    positive). A decay prior cannot do this: a one-day-newer report would need a very
    steep one to overtake a slightly better match, and then it would swamp relevance.
    """
    if not passages:
        return []
    best = max(p.score for p in passages)
    floor = min_relative_score * best

    def newest(p: Passage) -> tuple[date, float]:
        return (parse_published(p.published) or date.min, p.score)

    relevant = sorted((p for p in passages if p.score >= floor), key=newest, reverse=True)
    rest = sorted((p for p in passages if p.score < floor), key=lambda p: p.score, reverse=True)
    return relevant + rest


def published_within(
    published: str | None,
    since: date | None,
    until: date | None,
    keep_undated: bool = False,
) -> bool:
    """Whether a publication date lies in [since, until] (inclusive; None = open)."""
    day = parse_published(published)
    if day is None:
        return keep_undated or (since is None and until is None)
    return (since is None or day >= since) and (until is None or day <= until)
