"""Stopword lists, one core and the extensions each job needs.

Every list is the same core of function words plus the words that carry nothing for that
job: the lexical index keeps NLTK's English list (contraction fragments included, since
its tokenizer splits "don't"); answer matching also drops reporting verbs and quiz words;
claim checking keeps negations ("no", "not", "never" flip a claim); conflict detection
drops the hedges and counting words around a figure.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CORE = _words(
    """
        a about after again against all an and any are as at be because been before
        being between both but by can did do does during each for from further had has
        have having he her here him his how i if in into is it its just me more most my
        of off on once only or other our out over own same she should so some such than
        that the their them then there these they this those through to too under until
        up very was we were what when where which while who whom why will with you your
    """
)

# NLTK's English list (as bundled with llama-index), contraction fragments included.
LEXICAL = CORE | _words(
    """
        above ain am aren below couldn d didn doesn doing don down few hadn hasn haven
        hers herself himself isn itself ll m ma mightn mustn myself needn no nor not now
        o ours ourselves re s shan shouldn t theirs themselves ve wasn weren won wouldn
        y yours yourself yourselves
    """
)

# Answer matching: the core plus reporting verbs and words every news question uses.
ANSWER = CORE | _words(
    """
        above according also am aren below called could doing don down few hers herself
        himself itself known last many much myself name new no nor not now one ones ours
        ourselves recently s said say says t theirs themselves week would year years
        yours yourself yourselves
    """
)

# Question phrasing that says nothing about the topic ("Which of these ...", "this week",
# "What's the latest news on ...", "Tell me about ...", "What happened to ...").
QUESTION_FILLER = _words(
    """
        according announce announced current currently describe explain following going happen
        happened happening how know latest lately month news newest recap recent recently
        reportedly summarise summarize tell these this those update updates week weeks what when
        where which who whom whose why
    """
)

# Query terms for rescoring retrieval candidates: answer matching plus counting words.
RETRIEVAL = ANSWER | _words(
    """
        month two weeks whose
    """
)

# Claim checking: negations are deliberately content terms (they flip a claim).
CLAIM = CORE | _words(
    """
        above according also am article articles below could doing hers itself reported
        reportedly source sources would
    """
)

# Conflict detection: the words around a figure that do not say which event it counts.
CONFLICT_CONTEXT = CORE | _words(
    """
        according almost also among another approximately around authorities could few
        including it's least nearly no nor not now official officials others people
        person roughly said say says there's told total would
    """
)
