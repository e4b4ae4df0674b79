"""Questions that ask for the newest state of their story.

"What's the latest on Hurricane Fiona?", "Any updates on the Artemis launch?", "Who is
currently leading?", "How many Americans have died from Covid?", "The Bank of England has
raised its rate to the highest level in how many years?", "Who won the Hart Trophy?" (no
year: this year's), "What is the federal funds rate?" (a figure asked in the present
tense: its newest value). For these the
retrieved reports on the story are taken newest first (`assistant.core`), and the
extractive answerer leads with the newest report's sentences, older reports agreeing on a
former answer not outvoting it (`assistant.answer.extractive`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.query.phrasing import NEWS_REQUEST
from index.text.numbers import YEAR

# A question asking for the newest state of a story, not one dating it loosely ("recently
# announced" names an event of the past weeks, which the time words already rank).
_ASKS_LATEST = re.compile(
    r"\b(?:latest(?!\s+(?:the|a|an|this|that|it|he|she|they|we|you)\b)|most\s+recent|newest|"
    r"current(?:ly)?|right\s+now|at\s+the\s+moment|so\s+far)\b"
    r"|\bnow\W*$|\bwho(?:'s|’s|\s+is)\s+the\s+new\b|\bto\s+date\b"
    # "Any updates on the Artemis launch?", "What's new with monkeypox?": its newest reports
    rf"|^\W*(?:{NEWS_REQUEST})\b"
    r"|^(?:approximately\s+|roughly\s+|about\s+)?how\s+(?:many|much)\b.*\b(?:have|has)\b"
    # "The Bank of England has raised its rate to the highest level in how many years?"
    r"|\b(?:has|have)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b.*\bhow\s+(?:many|much)\b"
    # "What is the inflation rate in the US?": a figure asked in the present tense, its newest
    r"|^\W*what(?:'s|’s|\s+is|\s+are)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:rates?|ratings?|"
    r"prices?|level|toll|average|unemployment|inflation)\b(?!\s+(?-i:[A-Z]))"  # (not a name's)
    r"(?!.*\b(?:in|of)\s+(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")  # "... what's happening right now"
# "Who won the Hart Trophy?" names no year: it asks about the latest award, not the
# earlier winners the older reports name (nor those reports agreeing on one of them).
_ASKS_WHO_WON = re.compile(
    r"(?:^|[.!?]\s+)\W*who\s+(?:has\s+|have\s+)?(?:won|wins|took\s+home|clinched)\b",
    re.IGNORECASE,
)


def asks_who_won(question: str) -> bool:
    """Whether the question asks who won something ("Who won the Hart Trophy?")."""
    return bool(_ASKS_WHO_WON.search(question))


def asks_latest(question: str) -> bool:
    """Whether the question asks for the newest state of its story (not in words it
    quotes), or who won something without naming the year."""
    if _ASKS_LATEST.search(_QUOTED.sub(" ", question)):
        return True
    return asks_who_won(question) and not YEAR.search(question)


# "Who is the UK prime minister?", "Who's the CEO of Twitter?", "Who is Britain's prime
# minister?": an office asked for in the present tense, asked for its holder now.
_ASKS_HOLDER = re.compile(
    r"^\W*who(?:'s|’s|\s+is)\s+(?:now\s+|currently\s+)?(?:the\s+)?(.*?)\s*\??\s*$", re.IGNORECASE
)
OFFICE_WORDS = (
    r"prime\s+minister|president|premier|chancellor|ceo|chief\s+executive|chair(?:man|woman)?|"
    r"speaker|head\s+coach|governor|mayor|secretary\s+of\s+state|pope|monarch|king|queen"
)
_OFFICES = re.compile(rf"\b({OFFICE_WORDS})\b", re.IGNORECASE)
_QUALIFIER = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")


@dataclass(frozen=True)
class Office:
    noun: str  # "prime minister"
    qualifiers: tuple[str, ...]  # what it is the office of ("UK"; "Twitter")


def held_office(question: str) -> Office | None:
    """The office a present-tense "who is the X of Y?" asks the holder of, with what it is
    the office of ("Who is the UK prime minister?" -> prime minister, UK), or None."""
    m = _ASKS_HOLDER.match(question.strip())
    if m is None or len(m.group(1).split()) > 8:
        return None
    phrase = m.group(1)
    office = _OFFICES.search(phrase)
    if office is None:
        return None
    rest = f"{phrase[: office.start()]} {phrase[office.end() :]}"
    qualifiers = tuple(q for q in _QUALIFIER.findall(rest) if q.lower() not in ("the", "of"))
    if not qualifiers:
        return None  # "Who is the president?" names no country or body: asked as usual
    return Office(" ".join(office.group(1).lower().split()), qualifiers)


def asks_holder(question: str) -> bool:
    """Whether the question asks who holds an office now ("Who is the UK prime minister?")."""
    return held_office(question) is not None


Side = Literal["replacer", "replaced"]

# "Who replaced Liz Truss?", "Who will succeed Pelosi?", "Who took over from ...?"
_ASKS_REPLACER = re.compile(
    r"\bwho\s+(?:has\s+|have\s+|will\s+|would\s+|is\s+set\s+to\s+|is\s+going\s+to\s+)?"
    r"(?:replaced?|replaces|is\s+replacing|succeed(?:ed|s)?|is\s+succeeding|took\s+over\s+from)\b"
    # "Who is Liz Truss's successor?", "Who will be the successor to Pelosi?"
    r"|\bwho\s+(?:is|was|will\s+be|would\s+be)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?"
    r"(?:successor|replacement)\b",
    re.I,
)
# "Who does she replace?", "Who is she replacing?", "Who did he succeed?"
_ASKS_REPLACED = re.compile(
    r"\bwho(?:m)?\s+(?:did|does|do|will|is|was|would)\s+(?:[\w'’.-]+\s+){1,3}?"
    r"(?:replace|replacing|succeed|succeeding|take\s+over\s+from)\b"
    r"|\bwho\s+(?:is|was)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?predecessor\b",
    re.I,
)


def succession_asked(asking: str) -> Side | None:
    """Which side of a succession the question asks for, or None."""
    if _ASKS_REPLACED.search(asking):
        return "replaced"
    if _ASKS_REPLACER.search(asking):
        return "replacer"
    return None
