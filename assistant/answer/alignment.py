"""The question's own words around its gap, found around a span: a clear answer.

A question is a sentence with a gap where the answer goes: "A first edition of which Jane
Austen novel sold ...?" has "edition of" before the gap, "Who won the Hart Trophy?" has
"won the" after it. A sentence that writes the same words right next to a name or a figure
("The first edition of Emma ...", "Auston Matthews won the Hart Trophy") puts that name
in the gap. Two words on one side, at least one of them a content word, compared by stem
(articles skipped). The words after a name may follow a short phrase of its own
("Havering in east London is the cheapest"); a name right after a preposition ("The
Eiffel Tower in Paris is ...") is inside such a phrase, not the subject, so the words
after it do not count for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.matching import asking_sentence
from assistant.answer.targets import asked_phrase
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.terms import fold, stem

_TOKEN = re.compile(r"[\w'’.$£€,-]*\w")
_ARTICLES = frozenset({"the", "a", "an"})
_WH = re.compile(r"\b(which|what|who|whom|whose|where|when)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    {"in", "of", "at", "from", "for", "with", "on", "by", "to", "into", "near"}
)
_AUXILIARIES = frozenset(
    stem(w) for w in ("has", "have", "had", "was", "were", "is", "are", "will", "would", "did")
)
WIDTH = 2  # words compared on each side
# A question on the object of its last word: "Who does she replace?", "Whom did he beat?"
_ASKS_OBJECT = re.compile(
    r"^(?:who|whom|what)\s+(?:did|does|do|will|would|could|should|can)\s+[\w'’ -]+?\s+"
    r"([a-z]{3,})\s*\??$",
    re.IGNORECASE,
)


# After a which/what phrase: "did <someone> say is ...": the gap stands before the copula.
_SAID_IS = re.compile(
    r"\s+(?:did|does|do)\s+[^?]*?\b(?:say|claim|insist|argue|think|believe|declare)\s+"
    r"((?:is|was|are|were)\b)",
    re.IGNORECASE,
)


# A name's own apposition, between commas: "Prince William, King Charles' elder son and
# formerly the Duke of Cambridge, is next in line" (no clause break inside it).
_APPOSITION = re.compile(r",([^,;:.()“”\"]{3,120}),")


_AUXILIARY_VERB = re.compile(
    r"(?:has|have|had|was|were|is|are)\s+[a-z]+(?:ing|ed)\b", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[,;:—–]\s*$")


def _tokens(text: str) -> list[str]:
    return [stem(fold(t)) for t in _TOKEN.findall(text) if fold(t) not in _ARTICLES]


def _telling(words: list[str]) -> tuple[str, ...]:
    """The words if there are two and one of them says something (not "in which"; one
    word alone, "title", is too common to place a span)."""
    if len(words) < WIDTH or all(w in STOPWORDS for w in words):
        return ()
    return tuple(words)


def _asking_word(asking: str) -> re.Match[str] | None:
    """The wh-word that opens the gap: not a relative clause's ("Kanye West, who legally
    changed his name to Ye, announced he is acquiring which ...?") nor a free relative's
    ("began what could be her final act ... by playing in which tournament?"): a "which"
    first, else the first wh-word not right after a comma, else the first."""
    found = list(_WH.finditer(asking))
    plain = [m for m in found if not asking[: m.start()].rstrip().endswith(",")]
    which = [m for m in plain if m.group(1).lower() == "which"]
    chosen = which or plain or found
    return chosen[0] if chosen else None


@dataclass(frozen=True)
class Gap:
    """The words right before and right after the question's wh-phrase (stemmed)."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    # the words after past the question's auxiliary, as a headline writes them ("Which band
    # is reuniting with ...?": "Blink-182 reuniting with Tom DeLonge")
    bare_after: tuple[str, ...] = ()

    @classmethod
    def of(cls, question: str) -> Gap:
        asking = asking_sentence(question)
        m = _asking_word(asking)
        if m is None:
            return cls()
        rest = asking[m.end() :]
        if m.group(1).lower() in ("which", "what", "whose"):
            phrase = asked_phrase(question)  # "which Jane Austen novel": the gap's noun
            noun = re.search(rf"\b{re.escape(phrase[-1])}\b", rest) if phrase else None
            rest = rest[noun.end() :] if noun else rest
        object_verb = _ASKS_OBJECT.match(asking.strip())
        if object_verb and fold(object_verb.group(1)) not in STOPWORDS:
            # "Who does she replace?": the gap is what the verb takes ("to replace Boris
            # Johnson", "Truss replaces Boris Johnson")
            return cls(before=(stem(fold(object_verb.group(1))),))
        said = _SAID_IS.match(rest)
        if said:
            # "What substance did Aaron Rodgers say is "not a drug"?": what he said is
            # "Ayahuasca is not a drug"
            rest = rest[said.start(1) :]
        before = _tokens(asking[: m.start()])[-WIDTH:] if not said else []
        following = _tokens(rest)
        after = following[: WIDTH + 1 if said else WIDTH]  # (past "is not")
        if after[:1] and after[0] in ("of", "in"):
            after = []  # "What percentage of UK adults ...": still the wh-phrase, no predicate
        # (only before a verb's form: "is reuniting with", not "will soon be", "is the")
        verb_next = _AUXILIARY_VERB.match(rest.strip())
        bare = following[1 : WIDTH + 1] if after[:1] and verb_next else []
        return cls(_telling(before), _telling(after), _telling(bare) if not said else ())

    def fills(self, sentence: str, start: int, end: int) -> bool:
        """Whether the text at [start, end) stands where the question's gap is."""
        if not (self.before or self.after):
            return False
        preceding = _tokens(sentence[:start])
        if (
            self.before
            and tuple(preceding[-len(self.before) :]) == self.before
            and not _CLAUSE_END.search(sentence, 0, start)
        ):
            return True  # (not across a clause's end: "Will Smith ... slap, Jada Pinkett")
        if (
            len(self.before) == WIDTH
            and self.before[1] == "of"
            and _tokens(sentence[end:])[:1] == [self.before[0]]
        ):
            return True  # "the skeleton of which dinosaur" -> "the Gorgosaurus skeleton"
        if self.after:
            if preceding[-1:] and preceding[-1] in _PREPOSITIONS:
                return False  # "The Eiffel Tower in Paris is ...": Paris is not the subject
            following = _tokens(sentence[end:])
            if _opens_with(following, self.after, own_phrase=True):
                return True
            if self.bare_after and tuple(following[: len(self.bare_after)]) == self.bare_after:
                return True  # "Blink-182 reuniting with" for "... is reuniting with ...?"
            aside = _APPOSITION.match(sentence, end)
            if aside is not None:
                # "Prince William, King Charles' elder son ..., is next in line": past the
                # name's apposition (as far as an auxiliary)
                past = _tokens(sentence[aside.end() :])
                return _opens_with(past, self.after, own_phrase=False)
        return False


def _opens_with(tokens: list[str], words: tuple[str, ...], *, own_phrase: bool) -> bool:
    """Whether `tokens` open with `words`, also past an auxiliary ("Sri Lanka has plunged
    into chaos") or, with `own_phrase`, past a short phrase of the name's own that a
    preposition opens ("Havering in east London is the cheapest")."""
    skips: tuple[int, ...] = (0,)
    if own_phrase and tokens[:1] and tokens[0] in _PREPOSITIONS:
        skips = (0, 2, 3, 4)
    elif tokens[:1] and tokens[0] in _AUXILIARIES:
        skips = (0, 1)
    return any(tuple(tokens[k : k + len(words)]) == words for k in skips)
