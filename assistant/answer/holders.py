"""Who holds an office now: "Who is the UK prime minister?", "Who's the CEO of Twitter?".

Older reports name the former holders as often as the newer ones name the present one, so
the best-matching sentence is no guide. News style is: a report names a person with the
office as their title while they hold it ("Prime Minister Rishi Sunak", "Britain's new
prime minister, Liz Truss", "Rishi Sunak became prime minister"), and calls them "former"
once they do not. The answer is the name the newest report gives the office to, in a
sentence that also names what the office is of ("UK", "Britain's", "British" for "the UK
prime minister"; not "Russian President Vladimir Putin" for the US president).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from assistant.query.latest import held_office
from index.text.terms import fold

_PARTICLE = r"(?:(?:da|de|do|dos|du|von|van|der|den|al|el|bin)\s+)?"
_NAME = rf"((?:[A-Z][\w'’.-]*\s+{_PARTICLE}){{0,3}}[A-Z][\w'’-]*[a-z])"
# Country names and the words reports use for them ("Britain's", "British", "French").
_SAME_PLACE = (
    ("uk", "britain", "british", "u.k", "united kingdom", "england"),
    ("us", "u.s", "united states", "america", "american"),
    ("france", "french"),
    ("netherlands", "dutch"),
    ("spain", "spanish"),
)
_FORMER = re.compile(
    r"\b(?:former|ex|outgoing|ousted|then-|late|predecessor|interim|acting|resignation\s+of|"
    r"departure\s+of|ouster\s+of|resigning|resigned|fired|sacked|dismissed|replaced|next|"
    r"incoming|future|would-be|possible|"
    r"potential|likely|hopeful)\b",
    re.I,
)
_GONE_AFTER = re.compile(
    r"^(?:['’]s)?(?:,[^,]{0,60},)?\s*(?:who\s+|has\s+|had\s+)?(?:resign(?:s|ed)?|stepped\s+down|"
    r"steps\s+down|quit|was\s+ousted|left\s+office)\b",
    re.I,
)


@dataclass(frozen=True)
class Holder:
    """A name a sentence gives the office to: where it stands, and how new the report is."""

    index: int  # the sentence's position among the candidates
    start: int
    end: int
    published: date | None
    distance: int = 0  # characters to the nearest mention of what the office is of


def _office_pattern(office: str) -> re.Pattern[str]:
    """ "Prime Minister Rishi Sunak", "Rishi Sunak, the UK's new prime minister",
    "Rishi Sunak became prime minister": the name in group 1 or 2 or 3."""
    words = r"(?i:" + r"\s+".join(re.escape(w) for w in office.split()) + ")"
    # "Liz Truss, the UK's new prime minister[,.]": a determiner or an owner, then the office
    # ending the apposition (not "Indonesia, a reporter asked President Joe Biden")
    owner = r"(?:(?i:the|a|an)|[A-Z][\w.]*['’]s?)\s+(?:[\w'’.-]+\s+){0,3}?"
    # "Rishi Sunak named British prime minister", "Sunak, 42, will be the fifth British prime
    # minister", "Liz Truss has become the United Kingdom's new prime minister"
    became = (
        r"(?i:became|becomes|has\s+become|will\s+become|will\s+be|is|is\s+now|named|"
        r"was\s+named|has\s+been\s+named|was\s+appointed|appointed|was\s+sworn\s+in\s+as|"
        r"sworn\s+in\s+as|took\s+office\s+as|was\s+selected(?:\s+as)?|was\s+chosen(?:\s+as)?|"
        r"was\s+elected|elected)"
    )
    return re.compile(
        rf"\b{words}\s+{_NAME}"
        rf"|{_NAME},\s+{owner}{words}(?=\s*(?:[,.;:)]|(?i:of)\b|$))"
        rf"|{_NAME}(?:,\s+\d+,)?\s+{became}\s+(?:(?i:the|a)\s+)?(?:[\w'’.-]+\s+){{0,3}}?{words}\b"
    )


def _places(word: str) -> tuple[str, ...]:
    """The forms a sentence may name a place or body by: "Britain's" -> uk, britain,
    british, ...; other words by their first four letters ("German" for "Germany")."""
    folded = re.sub(r"['’]s?$", "", fold(word)).replace(".", "")
    for group in _SAME_PLACE:
        if folded in group:
            return group
    return (folded[:4],)


def _spots(text: str, qualifiers: Sequence[str]) -> list[int]:
    """Where the sentence names what the office is of: a short form in capitals ("US",
    "U.K.", not the word "us"), a longer one in any case ("britain", "germ...")."""
    folded = fold(text)
    spots: list[int] = []
    for q in qualifiers:
        for form in _places(q):
            letters = form.replace(".", "")
            if len(letters) <= 3:
                short = r"\b" + r"\.?".join(re.escape(c.upper()) for c in letters) + r"\.?(?!\w)"
                spots += [m.start() for m in re.finditer(short, text)]
            else:
                spots += [m.start() for m in re.finditer(rf"\b{re.escape(form)}", folded)]
    return spots


def _qualified(text: str, qualifiers: Sequence[str]) -> bool:
    """Whether the sentence names what the office is of (any of the question's words for it)."""
    return bool(_spots(text, qualifiers))


def office_holder(question: str, sentences: Sequence[tuple[str, date | None]]) -> Holder | None:
    """The name the newest report gives the office the question asks about, with where it
    stands in `sentences` (text and its report's date, best first); None when the question
    asks for no office holder or no sentence names one."""
    office = held_office(question)
    if office is None:
        return None
    pattern = _office_pattern(office.noun)
    found: list[Holder] = []
    for index, (text, published) in enumerate(sentences):
        if "?" in text or not _qualified(text, office.qualifiers):
            continue  # ("Who is Britain's next prime minister?" names no one)
        for m in pattern.finditer(text):
            group = next(g for g in (1, 2, 3) if m.group(g))
            start, end = m.start(group), m.end(group)
            name = m.group(group)
            glued = re.search(r"\s+[A-Z][\w.-]*['’]s\s+\S", name)
            if glued:  # "Prime Minister Boris Johnson Britain's Queen ...": a caption after it
                name = name[: glued.start()]
                end = start + len(name)
            owner = re.search(r"['’]s?$", name)
            if owner:  # "President Joe Biden's campaign": the name without its possessive
                end -= len(owner.group())
                name = name[: -len(owner.group())]
            if fold(name.split()[0]) in ("the", "a", "an", "its", "his", "her", "their"):
                continue
            title = text[m.start() : m.end()]
            before = text[max(0, m.start() - 30) : m.start()]
            if _FORMER.search(title) or _FORMER.search(before) or _GONE_AFTER.match(text[end:]):
                continue  # "former Prime Minister Boris Johnson", "Jack Dorsey, who stepped down"
            if _other_place(before, office.qualifiers):
                continue  # "Russian President Vladimir Putin" for the US president
            near = _nearest_qualifier(text, start, office.qualifiers)
            found.append(Holder(index, start, end, published, near))
    if not found:
        return None
    # the newest report first; in it, the name nearest what the office is of, best-ranked
    return max(found, key=lambda h: (h.published or date.min, -h.distance, -h.index))


_PLACE_WORD = re.compile(r"([A-Z][\w.]*)(?:['’]s)?\s*$")


def _other_place(before: str, qualifiers: Sequence[str]) -> bool:
    """Whether the title right before the office names another country or body ("Russian
    President", "Brazil's president") than the question does."""
    m = _PLACE_WORD.search(before)
    if m is None or not qualifiers:
        return False
    word = fold(m.group(1)).replace(".", "")
    if word in ("the", "a", "an", "and", "of", "on", "former"):
        return False
    return not any(
        word.startswith(form.replace(".", "")[:4]) or word in group
        for q in qualifiers
        for group in [_places(q)]
        for form in group
    )


def _nearest_qualifier(text: str, at: int, qualifiers: Sequence[str]) -> int:
    """Characters from the name to the nearest mention of what the office is of."""
    return min((abs(s - at) for s in _spots(text, qualifiers)), default=0)
