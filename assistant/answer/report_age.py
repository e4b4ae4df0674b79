"""Which reports lead by their age: for a question asking for the latest, the newest report
on the story; for any question, not one a year older than the newest on it.

A question asking for the newest state of a story ("Who is the UK prime minister?", "Who won
the Hart Trophy?") moves the sentences of the newest well-retrieved report writing the
question's names to the front (`newest_first`); every question ranks sentences from
reports a year older than the newest retrieved about as well below the rest
(`stale_last`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from assistant.answer.name_runs import demonym_forms
from assistant.answer.sentence_candidate import Candidate
from assistant.query.recency import parse_published, recency_weight
from assistant.types import Passage
from index.text.numbers import YEAR
from index.text.terms import fold, stem

LATEST_ON_STORY = 0.5  # a sentence scoring this share of the best one is on the story
LATEST_RELEVANCE = 0.8  # ... from a report retrieved with this share of the best one's score
LATEST_BONUS = 10.0  # far more than sentences on the story differ: the newest report leads
LATEST_HALF_LIFE_DAYS = 3.0  # a report three days older than the newest gets half the bonus


_CAPITALISED = re.compile(r"\b[A-Z](?:[\w'’-]|\.(?=\w))*")  # (through "U.S")


def _name_key(word: str) -> str:
    """A name word as compared: folded, stemmed, without full stops ("Emmys" = "Emmy",
    "U.S." = "US")."""
    return stem(fold(word).replace(".", ""))


def writes_a_name(passage: Passage, names: AbstractSet[str]) -> bool:
    """Whether the report writes one of the question's names as a name (capitalised):
    "Powerball jackpot: Who won?" shares "won" and a "prize" with "Who won the Nobel Peace
    Prize?", not a name of it."""
    written = {
        fold(w) for w in _CAPITALISED.findall(passage.title) + _CAPITALISED.findall(passage.text)
    }
    if not {_name_key(n) for n in names}.isdisjoint(_name_key(w) for w in written):
        return True
    # "the Brazilian election": a report on Brazil writes the country, not the adjective
    return any(name in demonym_forms(word) for word in written for name in names)


def newest_first(
    cands: Sequence[Candidate],
    passages: Sequence[Passage],
    names: AbstractSet[str] = frozenset(),
    telling: Callable[[str], bool] | None = None,
) -> None:
    """For a question asking for the latest: the sentences on the story (scoring at least
    `LATEST_ON_STORY` of the best, from a report writing one of the question's `names` if
    it has any and retrieved about as well as the best one) get a bonus by their article's
    age against the newest retrieved report, so the newest report's come first, the best
    of them leading.

    A newest report retrieved well below the best is another story sharing a few words:
    "Who won the US Open men's final?" is not answered by a news digest of November that
    mentions "US men" and a World Cup "opener" beside a shooting's victims. `telling`: the
    sentences that can answer (who won: those telling of a win), the only ones moved up:
    an opinion piece on Lula's comeback, two days newer than the reports of his win, does
    not say who won Brazil's election."""
    days = [parse_published(p.published) for p in passages]
    newest = max((d for d in days if d), default=None)
    top = max(c.score for c in cands)
    if newest is None or top <= 0:
        return
    best = max(p.score for p in passages)
    on_story = [
        (not names or writes_a_name(p, names)) and (best <= 0 or p.score >= LATEST_RELEVANCE * best)
        for p in passages
    ]
    for cand in cands:
        if cand.score < LATEST_ON_STORY * top or not on_story[cand.passage_index]:
            continue
        if telling is not None and not telling(cand.text):
            continue
        day = days[cand.passage_index]
        years = [int(y) for y in YEAR.findall(cand.text)]
        if day is not None and years and max(years) < day.year:
            continue  # "In 2021, Democrats swept two Georgia Senate runoffs": then, not now
        cand.score += LATEST_BONUS * recency_weight(
            passages[cand.passage_index].published, newest, LATEST_HALF_LIFE_DAYS, missing=0.0
        )


STALE_DAYS = 365


def stale_reports(passages: Sequence[Passage]) -> list[bool]:
    """Whether each report is `STALE_DAYS` older than the newest report retrieved about as
    well as the best one: a year-old report on another story sharing the question's words."""
    best = max((p.score for p in passages), default=0.0)
    days = [parse_published(p.published) for p in passages]
    well = [d for d, p in zip(days, passages, strict=True) if p.score >= LATEST_RELEVANCE * best]
    newest = max((d for d in well if d), default=None)
    if newest is None:
        return [False] * len(passages)
    return [day is not None and (newest - day).days >= STALE_DAYS for day in days]


def stale_last(cands: Sequence[Candidate], passages: Sequence[Passage], penalty: float) -> None:
    """Sentences from stale reports (`stale_reports`) lose `penalty`: "Which virus is making
    officials at the World Health Organization reconsider ...?" asked in July 2022 is not
    answered by a 2020 report of the coronavirus declaration when this week's report on
    monkeypox was retrieved too."""
    stale = stale_reports(passages)
    for cand in cands:
        if stale[cand.passage_index]:
            cand.score -= penalty
