"""A question's plan: its time words and the filters merged into what retrieval runs.

Time words resolve against `as_of` (`assistant.query.timeparse`): "this week" becomes a
publication window, "latest" a preference for the newest articles, a past period the
question dates its story by ("on January 6, 2021", "last year") a window from its start
on with a preference for coverage within it. Explicit filters narrow further. With no
`as_of`, a window after the archive's newest article is said in a note: relative words
("this week") are then answered from the newest articles, a month or day named without a
year ("in October") is read as of the archive's newest day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from assistant.outlets import outlets_asked
from assistant.query.filters import Filters
from assistant.query.latest import asks_holder, asks_latest
from assistant.query.phrasing import without_request
from assistant.query.recency import (
    PREFER_RECENT_HALF_LIFE_DAYS,
    QUESTION_DATE_HALF_LIFE_DAYS,
    Dated,
    combine_priors,
    event_prior,
    human_date,
    recency_prior,
)
from assistant.query.timeparse import TimeIntent, resolve_time
from assistant.retrieval.hybrid import DatePrior, restrict_filter
from assistant.types import DateRange
from index.filters import ChunkFilter
from index.text.numbers import YEAR


@dataclass(frozen=True)
class QueryPlan:
    """What retrieval will run for one question (after time words and filters)."""

    question: str  # as asked (or as condensed in a chat)
    search_text: str  # the question without its time phrases and chat requests
    flt: ChunkFilter
    date_prior: DatePrior | None
    date_range: DateRange | None
    as_of: date | None
    note: str = ""  # said before the answer (e.g. "No articles from this week; ...")
    # The question the answerer reads: without an outlet it is attributed to ("According
    # to CNN, ..."), which names a filter, not words to match ("" = `question`).
    answer_text: str = ""
    # It asks for the newest state of its story (`assistant.query.latest`): the reports on
    # it are taken newest first.
    newest_first: bool = False

    @property
    def answerer_question(self) -> str:
        return self.answer_text or self.question


def _day(day: date) -> str:
    return human_date(day.isoformat()) or day.isoformat()


def _window(intent: TimeIntent) -> str:
    """The window a time phrase named, as the note says it ("1 Oct – 5 Dec 2026"; "last
    week": that week "or later")."""
    if intent.event_since and intent.event_until:
        first, last = intent.event_since, intent.event_until
        window = _day(first) + (f" – {_day(last)}" if last != first else "")
        return window if intent.strict else f"{window} or later"
    assert intent.since is not None
    window = _day(intent.since)
    if intent.until != intent.since:
        window += f" – {_day(intent.until)}" if intent.until else " – today"
    return window


def make_plan(
    question: str,
    given: Filters,
    latest_published: Callable[[], date | None],
    outlets: Callable[[], Sequence[str]] | None = None,
) -> QueryPlan:
    """The plan for `question` under `given` filters; `latest_published` is asked for the
    index's newest date only when a relative time word needs it; `outlets` (the index's
    source domains) when the question may attribute itself to one ("According to CNN,
    ...", "What did USA Today report ...?"): its articles only, unless `given` names
    outlets already."""
    asked = question
    if outlets is not None and not given.sources:
        found, without = outlets_asked(question, outlets())
        if found:
            given, asked = replace(given, sources=found), without
    since_d, until_d, as_of_d = given.since, given.until, given.as_of
    intent, note = _in_the_archive(asked, resolve_time(asked, as_of_d), as_of_d, latest_published)
    # Without an explicit as_of, `until` = today would drop undated articles for
    # nothing; only the time words (if any) bound the window then.
    # (resolve_time labels the intent only when it found time words or had an as_of.)
    time_words = bool(intent.label)
    intent_until = intent.until if (as_of_d is not None or time_words) else None
    flt = restrict_filter(
        None,
        sources=list(given.sources),
        since=max((d for d in (since_d, intent.since) if d), default=None),
        until=min((d for d in (until_d, intent_until) if d), default=None),
    )
    search_text = without_request(intent.cleaned_question or asked)
    return QueryPlan(
        question=question,
        search_text=search_text,
        flt=flt,
        date_prior=_date_prior(intent, as_of_d, latest_published),
        date_range=_date_range(flt, intent, time_words),
        as_of=as_of_d,
        note=note,
        answer_text=asked if asked != question else "",
        newest_first=asks_latest(asked) or asks_holder(asked),
    )


def _in_the_archive(
    asked: str,
    intent: TimeIntent,
    as_of: date | None,
    latest_published: Callable[[], date | None],
) -> tuple[TimeIntent, str]:
    """The question's time words as the archive can answer them, with a one-line note when
    it cannot as asked: "this week", "in October" resolve against today, and an archive may
    end long before."""
    if as_of is not None or not (intent.label and intent.since):
        return intent, ""
    latest = latest_published()
    if latest is None or latest >= intent.since:
        return intent, ""
    if not intent.strict:
        note = f"No articles from {_window(intent)}; the newest are from {_day(latest)}:"
        # Answer from the newest articles: no window, newest first.
        return replace(resolve_time(asked, latest), since=None, prefer_recent=True), note
    if not YEAR.search(asked):
        # "in October" with no year: the archive's latest October, not this year's.
        note = (
            f"No articles from {_window(intent)}; the newest are from {_day(latest)}, "
            "so the question's dates are read as of that day:"
        )
        return resolve_time(asked, latest), note
    # "in October 2026": said, then answered (or not) from that window
    return intent, f"No articles from {_window(intent)}; the newest are from {_day(latest)}."


def _date_prior(
    intent: TimeIntent, as_of: date | None, latest_published: Callable[[], date | None]
) -> DatePrior | None:
    """How retrieval weighs an article's date: nearer the as-of day (or, for "latest" in
    an archive, its newest articles) and the days a question's event date names."""
    priors: list[Callable[[Dated], float]] = []
    reference = as_of
    if reference is None and intent.prefer_recent:
        # "latest" in an archive means its newest articles, not today's.
        latest = latest_published()
        reference = min(latest, intent.until) if latest and intent.until else intent.until
    if reference is not None:
        half_life = (
            PREFER_RECENT_HALF_LIFE_DAYS if intent.prefer_recent else QUESTION_DATE_HALF_LIFE_DAYS
        )
        priors.append(recency_prior(reference, half_life))
    if intent.event_since is not None:
        priors.append(event_prior(intent.event_since, intent.event_until))
    return combine_priors(*priors)


def _date_range(flt: ChunkFilter, intent: TimeIntent, time_words: bool) -> DateRange | None:
    """The window the answer says it searched, labelled by the question's time words or by
    its dates."""
    if not (flt.since or flt.until or intent.prefer_recent):
        return None
    label = intent.label if time_words else ""
    if not label:
        parts = []
        if flt.since:
            parts.append(f"from {flt.since.isoformat()}")
        if flt.until:
            parts.append(f"until {flt.until.isoformat()}")
        label = " ".join(parts)
    return DateRange(since=flt.since, until=flt.until, label=label)
