"""Yes or No for a yes/no question, from the sentence that decides it.

The first line of a yes/no answer says "Yes" or "No" only when the deciding sentence is
clearly on the question's subject and states it plainly; a sentence that hedges (expects,
hopes, tries, doubts) decides nothing and its quote is left to speak.
"""

from __future__ import annotations

import re

from assistant.answer.relations import beaten_before
from index.text.terms import terms

# A sentence or a question that negates: "not", "never", "refused", "n't".
NEGATION = re.compile(
    r"\b(?:not|never|neither|nor|no longer|denied|denies|deny|rejected|rejects|refused|"
    r"refuses|declined|declines|failed|fails)\b|n['’]t\b",
    re.IGNORECASE,
)


_HEDGE = re.compile(
    r"\b(?:could|would|may|might|likely|unlikely|expected to|expects? to|try to|trying to|tries to|"
    r"attempt(?:s|ed|ing)? to|hopes? to|plans? to|if|whether|should|"
    # asking or working for it is not having it ("calling for action to get Griner released")
    r"call(?:s|ed|ing)? (?:for|on)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|push(?:es|ed|ing)? "
    r"for|seek(?:s|ing)?|sought|wants? to|wanted to|aim(?:s|ed|ing)? to|work(?:s|ed|ing)? to|"
    r"in order to)\b"
    r"|(?:\bnot|n['’]t|\bnever)\s+(?:\w+\s+)?(?:think|believe|know|expect|say|sure)\b",
    re.IGNORECASE,
)


def verdict(question: str, sentence: str, coverage: float) -> str:
    """ "Yes" or "No" for a yes/no question when the deciding sentence is clearly on it
    and states it plainly: a sentence that only expects, hopes, tries or doubts ("will
    likely force the Fed to raise rates", "to try to win her release", "doesn't think
    Trump will be the only one", "calling for action to get Griner released") decides
    nothing, and the quote is left to speak."""
    if coverage < 0.6 or _HEDGE.search(sentence) or not _subject_first(question, sentence):
        return ""
    asked_negative = bool(NEGATION.search(question))
    said_negative = bool(NEGATION.search(sentence))
    return "No" if said_negative != asked_negative else "Yes"


# The subject of a yes/no question: "Is [monkeypox] a pandemic?", "Did [Rishi Sunak] ...?",
# "Did the [Artemis] rocket launch?" (a capitalised run, else the first word).
_YESNO_SUBJECT = re.compile(
    r"^\W*(?i:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should)\s+"
    r"(?:(?i:the|a|an)\s+)?((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*|[\w'’-]+)"
)


def _subject_first(question: str, sentence: str) -> bool:
    """Whether the sentence names the question's subject before the rest of what the
    question asks about it, and not as the one beaten: "... built for the Covid-19 pandemic
    to respond to monkeypox outbreaks" does not say that monkeypox is a pandemic, nor "Liz
    Truss beat Rishi Sunak to become prime minister" that he became it. True when it cannot
    tell."""
    m = _YESNO_SUBJECT.match(question.strip())
    if m is None:
        return True
    subject = terms(m.group(1))
    if not subject:
        return True
    named = re.search(rf"\b{re.escape(m.group(1).split()[0])}\b", sentence, re.IGNORECASE)
    if named and beaten_before(sentence, named.start()):
        return False  # "Liz Truss beat Rishi Sunak to become ...": not said of Sunak
    rest = {t for t in terms(question[m.end() :]) if t not in subject}
    said = terms(sentence)
    at_subject = next((i for i, t in enumerate(said) if t.startswith(subject[-1])), None)
    at_rest = next((i for i, t in enumerate(said) if t in rest), None)
    return at_subject is None or at_rest is None or at_subject < at_rest
