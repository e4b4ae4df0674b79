"""Sentence splitting that keeps exact character offsets into the source text.

News text is messy: abbreviations ("U.S.", "Sen.", "Jan."), initials ("Joe R. Biden"),
decimals ("$1.5 billion"), quotes closing a sentence ('..." he said.') and photo captions
without end punctuation. The splitter is rule-based and conservative: a line break always
ends a sentence, and a `.`, `!` or `?` (plus closing quotes/brackets) ends one when the next
non-space character could start a sentence and the word before it is not a known
abbreviation or a single initial. `text[s.start:s.end] == s.text` always holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__ABBREVIATIONS_TEXT = """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj sgt capt cmdr adm gov sen rep rev hon pres
    supt det insp cpl pvt atty messrs mme mlle no nos vol v vs etc inc ltd co corp bros dept est
    approx fig figs op cit al jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed
    thu thur thurs fri sat sun ave blvd rd hwy ariz calif colo conn fla ga ill ind kan ky la md
    mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """
_ABBREVIATIONS = frozenset(__ABBREVIATIONS_TEXT.split())
# Words ending in a dotted acronym ("U.S.", "D.C.") end a sentence only before a capital
# that does not look like the continuation of a name; treat them as non-final when the
# next word is lower-case (handled by the "could start a sentence" test) -- and as final
# otherwise, since "in the U.S. The ..." is far more common than "U.S. Army" at a break.
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_END = re.compile(r"[.!?]+[\"'”’)\]]*")
_LINE_BREAK = re.compile(r"\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_TAIL = 40  # an end-anchored search tries every start: give it the end of the text only
_MIN_CHARS = 2
# "4:54 p.m. ET on Tuesday": a time zone after a time of day continues the sentence.
_TIME_OF_DAY = re.compile(r"\b[ap]\.m$", re.IGNORECASE)
_TIME_ZONE = re.compile(
    r"(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKT|HST|GMT|BST|UTC|CET|CEST|IST|JST|AEST"
    r"|AEDT)\b|local time\b"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: `text == source[start:end]` (trimmed of surrounding spaces)."""

    text: str
    start: int
    end: int


def _could_start(rest: str) -> bool:
    """Whether the text after a candidate break can begin a new sentence."""
    stripped = rest.lstrip(" \t")
    if not stripped:
        return True
    first = stripped[0]
    return first.isupper() or first.isdigit() or first in "\"'“‘([—–-•*"


def _is_abbreviation(before: str, mark: str, lettered: frozenset[str] = frozenset()) -> bool:
    """Whether a '.' ending `before` belongs to an abbreviation, an initial or an acronym.

    `lettered`: names ending on a single capital that the text writes elsewhere with no
    full stop after it ("Gen Z", "Club Q", "Malcolm X"): there the stop ends a sentence."""
    if not mark.startswith(".") or len(mark.rstrip("\"'”’)]")) > 1:
        return False
    match = _WORD_BEFORE.search(_tail(before))
    if match is None:
        return False
    word = match.group(1)
    bare = word.rstrip(".").rsplit(".", 1)[-1]
    if len(bare) == 1 and bare.isupper():
        # an initial: "Joe R. Biden", "J. K. Rowling"; not the end of "Gen Z" or "Club Q"
        named = _LETTERED_END.search(before)
        return named is None or f"{named.group(1)} {named.group(2)}" not in lettered
    return bare.lower() in _ABBREVIATIONS


def _tail(before: str) -> str:
    """The end of `before` that holds all of a `_WORD_BEFORE` match: its last `_TAIL`
    characters, unless the word run may reach further back (then all of it)."""
    tail = before[-_TAIL:]
    if len(tail) < len(before) and tail[0] in _WORD_CHARS:
        return before
    return tail


# A capitalised word and a single capital: "Gen Z", "Club Q", "World War I", "Joe R".
_LETTERED = re.compile(r"\b([A-Z][a-z]+) ([A-Z])(?![\w.’'-])")
_LETTERED_END = re.compile(r"\b([A-Z][a-z]+) ([A-Z])$")


def _split_line(
    text: str, offset: int, out: list[Sentence], lettered: frozenset[str] = frozenset()
) -> None:
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if end < len(text) and not text[end].isspace():
            continue  # "3.5", "e.g.x", "Yahoo!News"
        before = text[start : match.start()]
        if not _could_start(text[end:]):
            continue
        # (the pattern ends the text: its 3 characters and the one before them suffice)
        if _TIME_OF_DAY.search(before[-8:]) and _TIME_ZONE.match(text[end:].lstrip()):
            continue
        if _is_abbreviation(before, match.group(), lettered):
            rest = text[end:].lstrip()
            if not _ACRONYM.search(before + "."):
                continue
            # "U.S. officials" keeps going; "the U.S. The next" is ambiguous: keep going
            # unless the following word is a typical sentence opener.
            if not re.match(r"(?:The|This|That|These|It|He|She|They|We|I|But|And|In|A)\b", rest):
                continue
        _emit(text, start, end, offset, out)
        start = end
    _emit(text, start, len(text), offset, out)


def _emit(text: str, start: int, end: int, offset: int, out: list[Sentence]) -> None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right - left < _MIN_CHARS:
        return
    out.append(Sentence(piece[left:right], offset + start + left, offset + start + right))


# A photo credit glued to the caption or sentence after it ("Shaun Botterill/Getty Images
# England celebrates ..."): the credit is a piece of its own.
_CREDIT = re.compile(
    r"(?<=/)(?:Getty Images|AFP via Getty Images|AP|Reuters|AFP|USA TODAY|USA TODAY Sports|"
    r"Bloomberg|EPA|Shutterstock|NurPhoto|Sipa USA)\)?(?= +[A-Z“\"])"
)


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences with offsets; line breaks always end a sentence, and
    so does a photo credit ("Name/Getty Images"). A single capital after a capitalised
    word is an initial ("Robert E. Crimo III") unless the text writes that pair elsewhere
    with no full stop ("at Club Q, a gay nightclub" ... "opened fire Saturday night at
    Club Q. Fierro said ...")."""
    out: list[Sentence] = []
    lettered = frozenset(f"{m.group(1)} {m.group(2)}" for m in _LETTERED.finditer(text))
    pos = 0
    breaks = sorted(
        [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)]
        + [(m.end(), m.end()) for m in _CREDIT.finditer(text)]
    )
    for start, end in breaks:
        if start < pos:
            continue
        _split_line(text[pos:start], pos, out, lettered)
        pos = end
    _split_line(text[pos:], pos, out, lettered)
    return out
