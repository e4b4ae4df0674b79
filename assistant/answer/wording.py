"""Answers that are a sentence's own words, not a name or a figure.

- the words that complete a question left open ("... fracturing his wrist in:" -> "a
  bicycle accident"), or ending on "what" ("... crashed a spacecraft into what?");
- the words a sentence quotes after a verb of saying or writing ("... held a sign saying
  what?" -> "“Who voted for this?”");
- the words whose initials spell an acronym ("What does PSL stand for?" -> "Pumpkin Spice
  Latte").
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from assistant.answer.answer_span import Span
from assistant.answer.matching import JOINING_WORDS
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.terms import fold, stem

# A question that asks by leaving its sentence open ("... fracturing his wrist in:").
_OPEN_END = re.compile(r"[:…]\s*$|\.\.\.\s*$")
# ... or asks by ending on "what": "NASA crashed a spacecraft into what?"
_ENDS_WITH_WHAT = re.compile(r"(?<=\w)\s+what\s*\?\s*$", re.IGNORECASE)
_LAST_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])\s+(?=[A-Z])")  # the open end's own sentence
# (not the point of "18.83" nor of "Jan.")
_COMPLETION_END = re.compile(r"[;:!?]|(?<!\b[A-Z][a-z]{2})\.(?!\d)|,\s|\s[—–-]\s|\s\(")
COMPLETION_WORDS = 12  # at most this many words complete the question's sentence


def completion_tail(question: str) -> list[str]:
    """The last words of a question left open ("... fracturing his wrist in:" -> "wrist",
    "in"): up to three, ending the question, at least one of them a content word; [] for
    a question that asks otherwise."""
    ends_with_what = _ENDS_WITH_WHAT.search(question)
    if ends_with_what:
        question = question[: ends_with_what.start()]  # "... crashed a spacecraft into what?"
    elif not _OPEN_END.search(question):
        return []
    tail = re.findall(r"[\w'’-]+", _LAST_SENTENCE.split(question.strip())[-1])[-3:]
    while len(tail) > 1 and fold(tail[0]) in STOPWORDS:
        tail = tail[1:]  # "... was trying to" -> "trying to"
    return tail if any(fold(w) not in STOPWORDS for w in tail) else []


def _word_forms(word: str) -> str:
    """A pattern for a word in any of its forms ("measures": "measured", "measuring"); a
    function word or a short one only as written."""
    root = stem(fold(word))
    if fold(word) in STOPWORDS or len(root) < 4 or not fold(word).startswith(root):
        return re.escape(word)
    return re.escape(root) + r"\w*"


# A verb that introduces words written or said, right before their quotation marks: "a flag
# that read “Who voted for this?”", "tweeted: “...”".
_SAYS_BEFORE = re.compile(
    r"\b(?:read|reads|reading|say|says|said|saying|wrote|writes|written|tweeted|posted|"
    r"declared|chanted|stated|bearing|emblazoned with|the words)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"[“\"]([^”\"]{3,200}?)[”\"]")
QUOTE_STRENGTH = 0.9
MIN_QUOTE_WORDS = 2  # "over" alone quotes a word, not what was said


def words_quoted(sentence: str) -> list[Span]:
    """The words a sentence quotes right after a verb of saying or writing, as spans with
    their quotation marks: the answer to "... held a sign saying what?"."""
    return [
        Span(m.group(), m.start(), m.end(), "other", QUOTE_STRENGTH)
        for m in _QUOTATION.finditer(sentence)
        if len(m.group(1).split()) >= MIN_QUOTE_WORDS and _SAYS_BEFORE.search(sentence[: m.start()])
    ]


_RUN_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def spelt_out(sentence: str, acronym: str) -> list[Span]:
    """The runs of capitalised words whose initials spell `acronym` ("Pumpkin Spice Latte"
    for PSL; joining words such as "of" and "and" left out, as in "National Aeronautics and
    Space Administration"), as spans."""
    tokens = list(_RUN_WORD.finditer(sentence))
    letters = acronym.upper()
    out = []
    for i, first in enumerate(tokens):
        if first.group()[0] != letters[0]:
            continue
        matched, j = 0, i
        while j < len(tokens) and matched < len(letters):
            word = tokens[j].group()
            if word.lower() in JOINING_WORDS and matched:
                j += 1
                continue
            if word[0] != letters[matched] or (
                j > i and not _adjacent(sentence, tokens[j - 1], tokens[j])
            ):
                break
            matched, j = matched + 1, j + 1
        if matched == len(letters):
            start, end = first.start(), tokens[j - 1].end()
            out.append(Span(sentence[start:end], start, end, "other", QUOTE_STRENGTH))
    return out


def _adjacent(sentence: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether only spaces stand between two words (no comma, no full stop)."""
    return not sentence[a.end() : b.start()].strip()


def completion_spans(
    sentence: str, tail: list[str], names: AbstractSet[str] = frozenset()
) -> list[Span]:
    """What follows the question's open end in the sentence: "a bicycle accident" after
    "... fracturing his wrist in" — up to the clause's end, at most `COMPLETION_WORDS`,
    without the question's own names at its end ("special assistant to the Chief of Staff
    Cassidy Hutchinson" for "She was a former special assistant to:" -> "the Chief of
    Staff")."""
    pattern = r"\b" + r"\s+".join(_word_forms(w) for w in tail) + r"\s+"
    out = []
    for m in re.finditer(pattern, sentence, re.IGNORECASE):
        rest = sentence[m.end() :]
        stop = _COMPLETION_END.search(rest)
        piece = rest[: stop.start()] if stop else rest
        taken = piece.split()[:COMPLETION_WORDS]
        while taken and fold(taken[-1]).rstrip(".,") in names:
            taken.pop()
        if not taken:
            continue
        text = " ".join(taken).rstrip(".,")
        if not text or sentence[m.end() : m.end() + len(text)] != text:
            continue  # spacing differs: the span must be the sentence's own characters
        out.append(Span(text, m.end(), m.end() + len(text), "other", 0.9))
    return out
