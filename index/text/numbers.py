"""Numbers and dates in running text (figures with their units, calendar mentions)."""

from __future__ import annotations

import re

_NUMBER = re.compile(
    r"(?<![\w.])(?:[$£€]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|million|billion|trillion))?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens|million|billion)\b",
    re.IGNORECASE,
)
# A calendar year written out ("2018", "1995"): group 1 is the year.
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})\b|"
    rf"(?:{_MONTHS})\s+\d{{4}}|(?:1[89]|20)\d\d\b|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)


def numbers(text: str) -> list[str]:
    return [m.group().strip() for m in _NUMBER.finditer(text)]


def quantities(text: str) -> list[tuple[str, str]]:
    """Numbers that are not part of a date, each with the few words that follow it."""
    date_spans = [m.span() for m in _DATE.finditer(text)]
    out = []
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in date_spans):
            continue
        out.append((m.group().strip(), text[m.end() : m.end() + 40]))
    return out


def dates(text: str) -> list[str]:
    return [m.group() for m in _DATE.finditer(text)]


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS = frozenset(_ONES + _TENS)
# "fifty-two" / "fifty two" whole (never just its "two"), then single words, longest first.
WORD_NUMBER = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(_ONES[9:0:-1]) + r"))?"
    r"|" + "|".join(sorted(_ONES, key=len, reverse=True)) + r")"
)
_WORD_NUMBER_WHOLE = re.compile(rf"^{WORD_NUMBER}$", re.IGNORECASE)


def word_number_value(text: str) -> int | None:
    """The value of a spelled-out number up to ninety-nine ("Fifty-two" -> 52), else None."""
    text = " ".join(text.lower().replace("-", " ").split())
    if not _WORD_NUMBER_WHOLE.match(text.replace(" ", "-")) and text not in NUMBER_WORDS:
        return None
    total = 0
    for part in text.split():
        if part in _TENS:
            total += 20 + 10 * _TENS.index(part)
        elif part in _ONES:
            total += _ONES.index(part)
        else:
            return None
    return total
