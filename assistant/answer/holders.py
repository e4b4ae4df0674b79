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

from assistant.answer.name_kinds import own_name_start
from assistant.query.latest import Office
from index.text.numbers import YEAR
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
    r"firing|incoming|future|would-be|possible|presumptive|"
    r"potential|likely|hopeful)\b",
    re.I,
)
_SHORT_TITLES = {"governor": r"Gov\.", "president": r"Pres\.", "chief executive": r"CEO"}
_CREDIT = re.compile(r"Getty Images|/Pool|AFP/|/AFP|/AP\b|Shutterstock|/Reuters|/Bloomberg")
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
    if office in _SHORT_TITLES:  # "Gov. Ron DeSantis"
        words = rf"(?:{words}|{_SHORT_TITLES[office]})"
    # "Liz Truss, the UK's new prime minister[,.]": a determiner or an owner, then the office
    # ending the apposition (not "Indonesia, a reporter asked President Joe Biden")
    owner = r"(?:(?i:the|a|an)|[A-Z][\w.]*['’]s?)\s+(?:[\w'’.-]+\s+){0,3}?"
    # "Rishi Sunak named British prime minister", "Sunak, 42, will be the fifth British prime
    # minister", "Liz Truss has become the United Kingdom's new prime minister", "Musk will
    # continue as CEO of Twitter"
    became = (
        r"(?i:became|becomes|has\s+become|will\s+become|will\s+be|is|is\s+now|named|"
        r"was\s+named|has\s+been\s+named|was\s+appointed|appointed|was\s+sworn\s+in\s+as|"
        r"sworn\s+in\s+as|took\s+office\s+as|was\s+selected(?:\s+as)?|was\s+chosen(?:\s+as)?|"
        r"was\s+elected|elected|(?:will\s+)?(?:continue|remain|stay|serve)s?(?:\s+on)?\s+as|"
        r"(?:will\s+)?remains?)"
    )
    return re.compile(
        rf"\b{words},?\s+{_NAME}"
        rf"|{_NAME},\s+{owner}{words}(?=\s*(?:[,.;:)]|(?i:of)\b|$))"
        rf"|{_NAME}(?:,\s+\d+,)?\s+{became}\s+(?:(?i:the|a)\s+)?(?:[\w'’.-]+\s+){{0,4}}?{words}\b"
    )


def _places(word: str) -> tuple[str, ...]:
    """The forms a sentence may name a place or body by: "Britain's" -> uk, britain,
    british, ...; other words by their first four letters ("German" for "Germany"), a name
    of several words whole ("New York")."""
    folded = re.sub(r"['’]s?$", "", fold(word)).replace(".", "")
    for group in _SAME_PLACE:
        if folded in group:
            return group
    return (folded if " " in folded else folded[:4],)  # ("New York" whole, not "new ")


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


def names_body(text: str, office: Office) -> bool:
    """Whether a sentence names what the office is of ("Britain's" for the UK)."""
    return bool(_spots(text, office.qualifiers))


_NOT_A_NAME = frozenset({"the", "a", "an", "its", "his", "her", "their", "she", "he", "they"})


def office_holder(office: Office, sentences: Sequence[tuple[str, date | None]]) -> Holder | None:
    """The name the newest report gives the office (`held_office` of the question), with
    where it stands in `sentences` (text and its report's date, best first); None when no
    sentence names one."""
    pattern = _office_pattern(office.noun)
    found: list[tuple[Holder, str]] = []
    gone: dict[str, date] = {}  # names a report says left the office, and when
    for index, (text, published) in enumerate(sentences):
        spots = _spots(text, office.qualifiers)  # where it names what the office is of
        if "?" in text or _CREDIT.search(text) or not spots:
            continue  # ("Who is Britain's next prime minister?", a photo credit: no one)
        if published is not None and any(int(y) < published.year for y in YEAR.findall(text)):
            continue  # "President Barack Obama honored Biden ... in January 2017": back then
        for m in pattern.finditer(text):
            group = next(g for g in (1, 2, 3) if m.group(g))
            start, end = m.start(group), m.end(group)
            name = m.group(group)
            glued = re.search(r"\s+[A-Z][\w.-]*['’]s\s+\S", name)
            if glued:  # "Prime Minister Boris Johnson Britain's Queen ...": a caption after it
                name = name[: glued.start()]
                end = start + len(name)
            own = own_name_start(name)  # "California Gov. Gavin Newsom", "Democrat Eric Adams"
            start, name = start + own, name[own:]
            owner = re.search(r"['’]s?$", name)
            if owner:  # "President Joe Biden's campaign": the name without its possessive
                end -= len(owner.group())
                name = name[: -len(owner.group())]
            if fold(name.split()[0]) in _NOT_A_NAME:
                continue  # ("She will remain UK prime minister until her successor ...")
            if any(fold(name) == fold(q) for q in office.qualifiers):
                continue  # "Iger as CEO, Disney said": the body itself, not its holder
            title = text[m.start() : m.end()]
            before = text[max(0, m.start() - 50) : m.start()]
            if _FORMER.search(title) or _FORMER.search(before) or _GONE_AFTER.match(text[end:]):
                # "former Prime Minister Boris Johnson", "Jack Dorsey, who stepped down": gone,
                # and older reports naming them in the office no longer count
                day = published or date.min
                gone[_surname(name)] = max(gone.get(_surname(name), date.min), day)
                continue
            if group == 1 and _other_place(before, office.qualifiers):
                continue  # "Russian President Vladimir Putin" for the US president
            if group != 1 and _of_other_place(text[m.end() :], office.qualifiers):
                continue  # "Michelle Wu became the first elected female mayor of Boston"
            near = min(abs(spot - start) for spot in spots)
            found.append((Holder(index, start, end, published, near), _surname(name)))
    current = [h for h, key in found if key not in gone or (h.published or date.min) > gone[key]]
    if not current:
        return None
    # the newest report first; in it, the name nearest what the office is of, best-ranked
    return max(current, key=lambda h: (h.published or date.min, -h.distance, -h.index))


def _surname(name: str) -> str:
    return fold(name.split()[-1]) if name.split() else ""


_PLACE_WORD = re.compile(r"([A-Z][\w.]*)(?:['’]s)?\s*$")


def _other_place(before: str, qualifiers: Sequence[str]) -> bool:
    """Whether the title right before the office names another country or body ("Russian
    President", "Brazil's president") than the question does ("New York City Mayor" is
    the question's "New York")."""
    m = _PLACE_WORD.search(before)
    if m is None or fold(m.group(1)) in ("the", "a", "an", "and", "of", "on"):
        return False
    return not any(spot >= len(before) - 25 for spot in _spots(before, qualifiers))


def _of_other_place(after: str, qualifiers: Sequence[str]) -> bool:
    """Whether the office is said to be of a place or body the question does not name."""
    m = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)", after)
    return m is not None and not _spots(m.group(1), qualifiers)
