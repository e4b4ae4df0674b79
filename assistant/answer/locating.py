""" "Where is X?": the place that holds X, written beside X in the sentence.

A question asking where a named place or thing is ("Where is Mariupol?", "Where is the
Azovstal plant?") is answered by a place the sentence puts X in — "Uvalde, Texas",
"Ukraine's Kherson region", "Mariupol, a port city in southeastern Ukraine", "the
Ukrainian city of ..." — not by any place the sentence happens to name ("Azovstal steel
plant in Mariupol" names a place inside it). General English ways of locating a place,
no list of places.
"""

from __future__ import annotations

import re

from assistant.answer.matching import asking_sentence

_WHERE_IS = re.compile(
    r"^[Ww]here(?:'s|’s|\s+(?:is|are|was|were))\s+(?:the\s+)?((?:[A-Z][\w.'’-]*\s*){1,4})\??$"
)
NEAR = 60  # characters between X and the place naming where it is
# After a name, another name that ends at a comma, an ellipsis or the end: a list goes on.
_LIST_GOES_ON = re.compile(r",\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s*(?:,|\.\.\.|…|$)")


def located_subject(question: str) -> str:
    """The name a "Where is X?" question asks about, or ""."""
    m = _WHERE_IS.match(asking_sentence(question).strip())
    return m.group(1).strip() if m else ""


def without_subject(text: str, start: int, subject: str) -> tuple[str, int]:
    """A run that starts with the subject's name ("Uvalde Texas") without it ("Texas")."""
    if subject and text.startswith(subject + " "):
        cut = len(subject) + 1
        return text[cut:], start + cut
    return text, start


def locates(sentence: str, start: int, end: int, subject: str) -> bool:
    """Whether the place at [start, end) is where the sentence puts `subject`: right after
    it ("Uvalde, Texas"), owning it ("Ukraine's Kherson region", "Ukraine’s city of
    Mariupol"), or after an "in" that follows it ("Mariupol, a port city in southeastern
    Ukraine", "Mariupol in Ukraine")."""
    name = re.escape(subject)
    before = sentence[max(0, start - NEAR) : start]
    if re.search(rf"\b{name},?\s+$", before):
        # "Uvalde, Texas", not a list of names: "Trump's Mar-a-Lago, Serena Williams, New
        # Mexico ..."
        return _LIST_GOES_ON.match(sentence, end) is None
    if re.search(rf"\b{name}\b[^.;:!?]*\b(?:in|of)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}$", before):
        inside = re.search(rf"\b(?:in|at|near)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}{name}\b", before)
        return inside is None  # (not "the Azovstal plant in Mariupol in ...")
    after = sentence[end : end + NEAR]
    return bool(re.match(rf"['’]s?\s+(?:[\w-]+\s+){{0,3}}{name}\b", after))
