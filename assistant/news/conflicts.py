"""Conflicting figures across reports, found without a model.

News figures change as a story develops ("at least 40 killed" on Monday, "52 dead" on
Wednesday) and outlets disagree. Given the passages retrieved for a question, this
module pulls out counted facts of a few well-defined kinds — deaths, injuries, missing,
evacuated/displaced, arrests — each with who was counted ("people", "children",
"soldiers"), and reports a `Conflict` when different articles give different values for
the same fact about the same story.

Precision over recall (a wrong "conflict" is worse than a missed one), so two claims
are about the same event only when:
- the fact kind and the counted subject are the same;
- they come from different articles, and each article gives one value for the fact
  (an article with two values — "52 killed, 40 of them on Monday" — is ambiguous);
- they were published at most 30 days apart (a story develops; last year's storm is
  another story);
- their sentences share at least 3 content words besides the numbers and the fact
  words ("Russian rocket strike ... railroad station"), and a proper name (from the
  sentences, or title words the passages use as names).
Claims about the same event (transitively) form a group, and a group is a conflict
when its values really differ: not within 10% when either is hedged ("about 50" vs 52).
On the dev corpus, sentence overlap is what separates "Hurricane Maria killed 3,000 in
Puerto Rico" (history in a Fiona story) from Fiona's own toll.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from assistant.answer.textcache import sentences_of
from assistant.news.events import (
    SUBJECTS,
    context_names,
    could_be_same_event,
    is_newer,
    newest_first,
    read_at,
)
from assistant.outlets import outlet_name
from assistant.query.recency import human_date
from assistant.types import Passage
from index.text.numbers import WORD_NUMBER, word_number_value

_NUM = (
    r"(?<![\d.,$£€])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
    r"|(?<![\w-])" + WORD_NUMBER + r")(?![\d%])"
)
_QUAL = (
    r"(?:(?P<qual>at\s+least|more\s+than|over|nearly|almost|about|around|roughly|"
    r"approximately|some|up\s+to|fewer\s+than|less\s+than|an\s+estimated)\s+)?"
)
_SUBJ = (
    r"(?:(?P<subj>"
    + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(SUBJECTS, key=len)[::-1])
    + r")\s+)?"
)
_AUX = r"(?:(?:have|has|had|were|was|are|is)\s+)?(?:(?:been|now|also|reportedly)\s+)*"
_KINDS = {
    "deaths": r"killed|dead|died|deaths|fatalities",
    "injuries": r"injured|wounded|hurt|injuries",
    "missing": r"missing|unaccounted\s+for",
    "displaced": r"evacuated|displaced|forced\s+from\s+(?:their\s+)?homes|fled\s+their\s+homes",
    "arrests": r"arrested|arrests|detained",
}
_SUBJ_REQUIRED = (
    r"(?P<subj>"
    + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(SUBJECTS, key=len)[::-1])
    + r")\b"
)
_VERB_FIRST = {
    "deaths": r"killing|killed",
    "injuries": r"injuring|injured|wounding|wounded",
    "arrests": r"arresting|arrested|detaining|detained",
    "displaced": r"evacuating|evacuated|displacing|displaced",
}
_PATTERNS: list[tuple[str, re.Pattern[str]]] = []
for _kind, _verbs in _KINDS.items():
    # "at least 40 people were killed", "52 deaths", "3,000 people forced from their homes"
    _PATTERNS.append(
        (_kind, re.compile(rf"\b{_QUAL}{_NUM}\s+{_SUBJ}{_AUX}(?:{_verbs})\b", re.IGNORECASE))
    )
for _kind, _verbs in _VERB_FIRST.items():
    # "killing at least 40 people", "injured 12 children": the subject must follow
    _PATTERNS.append(
        (_kind, re.compile(rf"\b(?:{_verbs})\s+{_QUAL}{_NUM}\s+{_SUBJ_REQUIRED}", re.IGNORECASE))
    )
# "left 12 dead", "leaving at least 40 people dead"
_PATTERNS.append(
    ("deaths", re.compile(rf"\b(?:left|leaving)\s+{_QUAL}{_NUM}\s+{_SUBJ}dead\b", re.I))
)
# "the death toll rose to 52", "death toll stands at at least 40"
_PATTERNS.append(
    (
        "deaths",
        re.compile(
            r"\bdeath\s+toll(?:\s+(?:in|from|of)\s+[^,.;:]{1,40}?)?\s+(?:has\s+|had\s+)?(?:rose|risen|rises|climbed|climbs|stands|"
            r"stood|reached|reaches|is|was|increased|jumped|grew|hit|hits)"
            rf"(?:\s+(?:to|at))?\s+{_QUAL}{_NUM}(?!\s+(?:percent|%))",
            re.IGNORECASE,
        ),
    )
)
_RANGE_AFTER = re.compile(r"^\s*(?:to|-|–|or|and)\s*\d", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d\s*(?:to|-|–|or|and)\s*$", re.IGNORECASE)
_HEDGES = {
    "at least",
    "more than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "up to",
    "fewer than",
    "less than",
    "an estimated",
}


@dataclass(frozen=True)
class Claim:
    value: float
    passage_index: int
    source: str | None
    published: str | None
    sentence: str
    qualifier: str = ""  # "at least", "about", ... ("" when exact)
    article_id: str = ""

    @property
    def hedged(self) -> bool:
        return bool(self.qualifier)


@dataclass(frozen=True)
class Conflict:
    fact: str  # e.g. "deaths", "children killed", "people injured"
    claims: list[Claim]  # newest first; at least two distinct values


def _value(text: str) -> float | None:
    text = " ".join(text.lower().split())
    scale = 1.0
    for word, factor in (("million", 1e6), ("thousand", 1e3)):
        if text.endswith(word):
            text, scale = text[: -len(word)].strip(), factor
    spelled = word_number_value(text)
    if spelled is not None:
        return float(spelled) * scale
    try:
        return float(text.replace(",", "")) * scale
    except ValueError:
        return None


def _fact_label(kind: str, subject: str) -> str:
    if kind == "deaths":
        return "deaths" if subject == "people" else f"{subject} killed"
    verb = {"injuries": "injured", "missing": "missing", "displaced": "displaced"}
    if kind in verb:
        return f"{subject} {verb[kind]}"
    return "arrests" if subject == "people" else f"{subject} arrested"


# Every pattern above needs one of these words: a sentence without any holds no figure.
_TRIGGER_WORDS = (
    r"kill|dead|died|death|fatalit|injur|wound|hurt|missing|unaccounted|evacuat|displac|forced"
    r"|fled|arrest|detain"
)
_TRIGGER = re.compile(_TRIGGER_WORDS, re.IGNORECASE)
_TRIGGER_LOWER = re.compile(_TRIGGER_WORDS)
# The only characters that IGNORECASE matches to one of the trigger letters but that
# `str.lower` does not turn into it ("İ" lowers to "i" + a combining dot).
CASE_ODD = ("\u0130", "\u0131", "\u017f")


def has_trigger(text: str) -> bool:
    """`_TRIGGER.search(text)`, ~5x faster: a case-sensitive search of the lower-cased text
    (a case-insensitive alternation has no fast scan) unless the text holds a `CASE_ODD`."""
    if text.isascii() or not any(c in text for c in CASE_ODD):
        return _TRIGGER_LOWER.search(text.lower()) is not None
    return _TRIGGER.search(text) is not None


TEXTS_CACHED = 512  # passage texts whose figures are kept (the same chunks come back)


@dataclass(frozen=True)
class Figure:
    """A counted fact as read off one sentence, before it is tied to a passage."""

    fact: str
    value: float
    qualifier: str
    sentence: str


@lru_cache(maxsize=TEXTS_CACHED)
def figures_of(text: str) -> tuple[Figure, ...]:
    """The counted facts of a passage text, in reading order (cached by the text)."""
    if not has_trigger(text):
        return ()
    found = []
    for sentence in sentences_of(text):  # (the answerer split the same text)
        if not has_trigger(sentence.text):
            continue
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(sentence.text):
                if _RANGE_AFTER.match(sentence.text[m.end("num") :]) or _RANGE_BEFORE.search(
                    sentence.text[: m.start("num")]
                ):
                    continue  # "40 to 50 people": a range, not a figure
                value = _value(m["num"])
                if value is None or (1900 <= value <= 2100 and "," not in m["num"]):
                    continue  # a year, most likely
                raw_subject = (m.groupdict().get("subj") or "people").lower()
                subject = SUBJECTS.get(" ".join(raw_subject.split()), "people")
                qualifier = " ".join((m["qual"] or "").lower().split())
                found.append(Figure(_fact_label(kind, subject), value, qualifier, sentence.text))
    return tuple(found)


def extract_claims(passages: Sequence[Passage]) -> dict[str, list[Claim]]:
    """Counted facts per fact label; one claim per article and fact (ambiguous ones dropped)."""
    per_article: dict[tuple[str, str], list[Claim]] = {}
    for index, passage in enumerate(passages):
        for figure in figures_of(passage.text):
            at = read_at(index, passage, figure.sentence)
            claim = Claim(value=figure.value, qualifier=figure.qualifier, **at)
            per_article.setdefault((figure.fact, passage.article_id), []).append(claim)
    claims: dict[str, list[Claim]] = {}
    for (fact, _), found in per_article.items():
        if len({c.value for c in found}) == 1:
            claims.setdefault(fact, []).append(found[0])
    return claims


def _context(claim: Claim, passage: Passage) -> set[str]:
    return context_names(claim.sentence, passage.text, passage.title)


def _differ(a: Claim, b: Claim) -> bool:
    if a.value == b.value:
        return False
    if a.hedged or b.hedged:
        return abs(a.value - b.value) > 0.1 * max(a.value, b.value)
    return True


def same_event(a: Claim, b: Claim, passages: Sequence[Passage]) -> bool:
    """Whether two claims plausibly count the same thing in the same story."""
    if not could_be_same_event(a, b):
        return False
    return bool(_context(a, passages[a.passage_index]) & _context(b, passages[b.passage_index]))


def _event_groups(claims: list[Claim], passages: Sequence[Passage]) -> list[list[Claim]]:
    """Claims joined (transitively) by `same_event`."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(claims)), 2):
        if same_event(claims[i], claims[j], passages):
            parent[root(i)] = root(j)
    groups: dict[int, list[Claim]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault(root(i), []).append(claim)
    return list(groups.values())


def find_conflicts(passages: Sequence[Passage]) -> list[Conflict]:
    """Facts on which the passages' articles give different figures (see module doc)."""
    conflicts = []
    for fact, claims in extract_claims(passages).items():
        for group in _event_groups(claims, passages):
            if any(_differ(a, b) for a, b in combinations(group, 2)):
                conflicts.append(Conflict(fact=fact, claims=newest_first(group)))
    return conflicts


def _format_value(value: float) -> str:
    value = float(value)
    return f"{int(value):,}" if value.is_integer() else f"{value:,.1f}"


def describe(conflict: Conflict) -> str:
    """One sentence for the answer, newest report first, saying which one is newer.

    "Reports differ: USA Today reported 52 deaths on 5 June 2022 (newer); CNN reported
    at least 40 on 3 June 2022."
    """
    parts = []
    for i, claim in enumerate(conflict.claims):
        figure = " ".join(filter(None, [claim.qualifier, _format_value(claim.value)]))
        if i == 0:
            figure += f" {conflict.fact}"
        part = f"{outlet_name(claim.source)} reported {figure}"
        when = human_date(claim.published)
        if when:
            part += f" on {when}"
        if i == 0 and is_newer(claim, conflict.claims[1]):
            part += " (newest)" if len(conflict.claims) > 2 else " (newer)"
        parts.append(part)
    return f"Reports differ: {'; '.join(parts)}."
