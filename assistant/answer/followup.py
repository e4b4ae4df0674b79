"""Follow-up questions in a chat: resolved against the earlier turns only when they refer back.

A follow-up is a message that points at an earlier turn: a pronoun ("when was he
sentenced?"), "what about ...", "and in 2021?", a bare "why?". A self-contained
question is never rewritten with the previous topic, and neither is a message that is
no question at all ("hi", "thanks").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.matching import QUESTION_FILLER, STOPWORDS, analyse_question
from index.text.terms import capitalised_phrases, fold, words

# Words that point back at an earlier turn. "this"/"that" only count when they do not
# open a time phrase ("this week" is about time, not about the last answer).
_POINTERS = re.compile(
    r"\b(?:he|she|they|them|him|her|his|hers|their|theirs|it|its|there|then|"
    r"(?:that|this|those|these)(?!\s+(?:week|weekend|month|year|morning|afternoon|evening|"
    r"season|summer|winter|spring|fall|autumn|time|past|coming))|the same)\b",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    r"^(?:and|also|but|so|then|what about|how about|what else|why|how come|and why|"
    r"anything else|more)\b",
    re.IGNORECASE,
)


_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# A month or a weekday names a time, not the topic a follow-up points back to.
_TIME_NAME = re.compile(
    rf"(?:{_MONTH_NAMES}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_YEAR_OR_TIME = rf"(?:{_MONTH_NAMES}(?:\s+\d{{1,2}})?(?:,?\s+(?:19|20)\d\d)?|(?:19|20)\d\d)"
# "And in 2021?", "What about in September?": the previous question at another time.
_ANOTHER_TIME = re.compile(
    rf"^\s*(?:and|what about|how about)\s+(?:(?:in|on|during|for)\s+)?({_YEAR_OR_TIME})\s*\??\s*$",
    re.IGNORECASE,
)
_TIME_IN = re.compile(rf"\b(?:in|on|during|for)\s+{_YEAR_OR_TIME}\b")


def _with_new_time(previous: str, question: str) -> str | None:
    """The previous question asked at the follow-up's time ("What did the Fed do in
    November?" + "And in September?" -> "What did the Fed do in September?"), or None
    when the follow-up names no time of its own."""
    m = _ANOTHER_TIME.match(question)
    if m is None:
        return None
    when = f"in {m.group(1)}"
    base = previous.strip().rstrip("?").rstrip()
    if _TIME_IN.search(base):
        return _TIME_IN.sub(when, base, count=1) + "?"
    return f"{base} {when}?"


# One person pointed at ("he", "her"), and a who-question whose answer is its subject
# ("Who attacked Paul Pelosi?", "Who is the king?"; not "Who did Will Smith slap?", where
# "he" is still Will Smith).
_ONE_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_ASKS_SUBJECT = re.compile(
    r"who\s+(?!(?:did|does|do|has|have|had|will|would|can|could|should)\s)", re.IGNORECASE
)


def refers_back(question: str) -> bool:
    """Whether a message depends on an earlier turn (see the module docstring)."""
    stripped = question.strip()
    if _CONTINUATION.match(stripped):
        return True
    return bool(_POINTERS.search(stripped))


def condense_followup(history: Sequence[tuple[str, str]], question: str) -> str:
    """Carry the previous topic's key terms into a follow-up that refers back.

    Only messages that `refers_back` are rewritten: they get the named entities of the
    most recent earlier question that has any (else that question's rarer words)
    appended in parentheses; after a "who" question, a pronoun also brings the answer's
    first name ("Who won the World Series?" -> "Houston Astros": "Who did they beat?").
    Anything else is returned unchanged.
    """
    if not history or not refers_back(question):
        return question
    swapped = _with_new_time(history[-1][0], question)
    if swapped is not None:
        return swapped
    stripped = question.strip()
    q_fold = fold(question)
    carried: list[str] = []

    def carry(phrase: str) -> None:
        if _TIME_NAME.fullmatch(phrase):
            return  # "And in September?" after "... in November?": the follow-up's own time
        folded = fold(phrase)
        # (one name once: not "Elon Musk, Tesla CEO Elon Musk")
        if folded not in q_fold and all(
            folded not in fold(c) and fold(c) not in folded for c in carried
        ):
            carried.append(phrase)

    previous, previous_answer = history[-1]
    for earlier, _ in reversed(history):
        if capitalised_phrases(earlier):
            previous = earlier
            break
    names: list[str] = []
    if re.search(r"(?i)\b(he|she|him|her|his|hers|they|them|their)\b", question) and (
        analyse_question(history[-1][0]).answer_type == "person"
    ):
        asked = fold(history[-1][0])
        # The answer's first person-like name: skip "The Hague"-style places and
        # demonyms ("Belarusian"), which are capitalised but never the "he" asked about.
        names = [
            p
            for p in capitalised_phrases(previous_answer)
            if fold(p) not in asked
            and not p.startswith("The ")
            and not re.search(r"(ian|ese|ish)$", p)
        ]
    if names and _ONE_PERSON.search(question) and _ASKS_SUBJECT.match(history[-1][0].strip()):
        # "Who became king after the Queen died?" -> "King Charles": "How old is he?" asks
        # about the answer, not about the Queen the question named.
        carry(names[0])
    else:
        for phrase in capitalised_phrases(previous):
            carry(phrase)
        if names:
            carry(names[0])
    if not carried:
        # No named entities: carry the previous question's rarer content words.
        drop = STOPWORDS | QUESTION_FILLER
        for word in words(previous):
            if len(word) > 4 and word not in drop and word not in q_fold.split():
                carry(word)
        carried = carried[:4]
    if not carried:
        return question
    base = stripped.rstrip("?").rstrip()
    return f"{base} ({', '.join(carried)})?"
