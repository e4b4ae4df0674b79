"""Who replaced whom: "Who replaced Liz Truss?" asks for the one on the other side of
"replaced" from her, "Who does she replace?" for the one she replaced.

A sentence with "replace" or "succeed" says which side a name stands on: before an active
verb it replaces ("Liz Truss to replace Boris Johnson"), after it it is replaced ("She had
replaced Boris Johnson"); a passive turns it round ("saw her replaced by Boris Johnson").
A name on the wrong side (opposite the question's name or a pronoun) is not the answer; one
on the right side, opposite a name of the question's, is a clear one.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from assistant.answer.answer_span import Span
from assistant.query.latest import Side
from index.text.terms import fold

_VERB = re.compile(
    r"\b(?:replac(?:e|es|ed|ing)|succeed(?:s|ed|ing)?|took\s+over\s+from|takes\s+over\s+from)\b",
    re.I,
)
_FROM = re.compile(r"\bfrom\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being|get|got|her|him|them)\s+$", re.I)


def succession_side(
    sentence: str, span: Span, question_names: AbstractSet[str]
) -> tuple[Side, bool] | None:
    """The side of the sentence's "replace" verb nearest the span that the span stands on,
    when the other side names one of the question's names (folded capitalised words: True)
    or holds a pronoun (False); None when the sentence has no such verb or says it of
    others."""
    verbs = list(_VERB.finditer(sentence))
    if not verbs:
        return None
    verb = min(verbs, key=lambda v: min(abs(v.start() - span.end), abs(span.start - v.end())))
    passive = bool(_PASSIVE.search(sentence[: verb.start()])) and bool(
        re.match(r"\s+by\b", sentence[verb.end() :])
    )
    before = span.end <= verb.start()
    if not before and _FROM.search(sentence, verb.end(), span.start):
        # "she will be replaced by another lawmaker from her ruling Conservative Party":
        # the span only says where the one on its side comes from
        return None
    side: Side = "replaced" if before == passive else "replacer"
    other = sentence[verb.end() :] if before else sentence[: verb.start()]
    own = sentence[: verb.start()] if before else sentence[verb.end() :]
    if {fold(w) for w in re.findall(r"[A-Z][\w'’-]*", own)} & question_names:
        # "Boris Johnson or Jeremy Hunt will replace Theresa May" for "Who replaced Boris
        # Johnson?": the question's name stands on the span's side, so the sentence says
        # nothing of who replaced him
        return ("replaced" if side == "replacer" else "replacer"), False
    other_words = {fold(w) for w in re.findall(r"[A-Z][\w'’-]*", other)}
    if other_words & question_names:
        return side, True
    if re.search(r"\b(?:she|he|her|him|they)\b", other, re.I):
        return side, False
    return None
