"""Do the retrieved passages support an answer at all? (used by both answerers)

Retrieval always returns *something*; the question is whether it is about the question.
The signals, all cheap and computed from the question and the passages:
- `coverage`: the best sentence's IDF-weighted share of the question's content terms
  (IDF within the candidate sentences, so a term found nowhere weighs most), counting the
  sentence's article title as part of it since titles carry the topic;
- `passage_coverage`: the same over the best whole passage;
- `missing`: the share of the question's content terms found in none of the passages;
- `passage_similarity`: the best question–passage embedding cosine (title + text), when
  an embedding is given (the strongest single signal on the dev data);
- `sentence_similarity`, `retrieval`: recorded for callers, not weighted (sentence cosine
  added nothing next to the passage cosine; the retrieval score's scale depends on the
  retriever, RRF scores carry no absolute relevance);
- `unmentioned`: names the question writes that no passage mentions — rare names, those
  WordNet does not list as a word ("Paxlovid", "Uvalde"); passages that never name what
  the question is about cannot answer it, however well they match its other words
  ("Which company makes Paxlovid?" is not answered by a report on Sony's concept SUV);
  and years the question names that every passage predates and none mentions.
`AbstentionPolicy` combines them with a logistic model calibrated on the dev questions
(answerable questions against their own articles vs. questions against a slice lacking
their articles; see `tests/benchmarks/eval_extractive.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from assistant.answer.matching import (
    JOINING_WORDS,
    TermMatcher,
    analyse_question,
    coverages,
    idf_weights,
)
from assistant.answer.targets import wh_phrase_words
from assistant.answer.textcache import VectorCache, passage_text, title_text
from assistant.types import Passage
from index.text.lexicon import lexicon
from index.text.stopwords import CORE
from index.text.terms import fold


@dataclass(frozen=True)
class SupportSignals:
    coverage: float
    passage_coverage: float
    missing: float
    passage_similarity: float | None = None
    sentence_similarity: float | None = None
    retrieval: float = 0.0
    unmentioned: tuple[str, ...] = ()

    @property
    def semantic(self) -> bool:
        return self.passage_similarity is not None

    def as_row(self) -> list[float]:
        """Features of the semantic model (embedding available)."""
        return [self.coverage, self.passage_coverage, self.missing, self.passage_similarity or 0.0]

    def lexical_row(self) -> list[float]:
        """Features of the lexical fallback model (no embedding)."""
        return [self.coverage, self.passage_coverage, self.missing]


# Logistic coefficients fitted by `python -m tests.benchmarks.eval_extractive --calibrate`
# on the dev questions (two 1,200-article time slices, answerable vs out-of-corpus).
SEMANTIC_COEFFICIENTS = (4.061, 4.806, -0.613, 6.308)
SEMANTIC_INTERCEPT = -9.142
LEXICAL_COEFFICIENTS = (4.283, 6.357, -0.554)
LEXICAL_INTERCEPT = -6.566
# The targets: >= 85% of out-of-corpus questions abstain, >= 90% of answerable
# ones are answered. Measured through `Assistant.ask` (`make eval`: question date as
# as_of, the default retrieval) on an early and a late ~1,200-article slice, 0.25 gives
# 0.948 / 0.908 and 0.960 / 0.941 (at 0.3 the early slice answered only 0.890); on the
# answerer-only benchmark (`make eval-extractive`, plain top-5) 0.869 / 0.928.
DEFAULT_THRESHOLD = 0.25


@dataclass(frozen=True)
class AbstentionPolicy:
    """Supported when the calibrated probability reaches `threshold`.

    Uses the semantic model when the signals carry an embedding similarity, else the
    lexical one. `threshold=0` never abstains (useful to measure sentence choice alone).
    """

    semantic_coefficients: tuple[float, ...] = SEMANTIC_COEFFICIENTS
    semantic_intercept: float = SEMANTIC_INTERCEPT
    lexical_coefficients: tuple[float, ...] = LEXICAL_COEFFICIENTS
    lexical_intercept: float = LEXICAL_INTERCEPT
    threshold: float = DEFAULT_THRESHOLD

    def probability(self, signals: SupportSignals) -> float:
        if signals.semantic:
            coefs, z = self.semantic_coefficients, self.semantic_intercept
            row = signals.as_row()
        else:
            coefs, z = self.lexical_coefficients, self.lexical_intercept
            row = signals.lexical_row()
        z += sum(c * x for c, x in zip(coefs, row, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def supported(self, signals: SupportSignals) -> bool:
        return not signals.unmentioned and self.probability(signals) >= self.threshold


# Pseudo-count of background sentences lacking every term: with only a few retrieved
# sentences (one short article) the raw within-set IDF lets one missing word outweigh
# all the matched ones.
BACKGROUND_SENTENCES = 50


def measure_support(
    question: str,
    passages: Sequence[Passage],
    *,
    embedding: Any | None = None,
    vectors: VectorCache | None = None,
    sentence_similarity: float | None = None,
) -> SupportSignals:
    """The support signals of `passages` for `question`.

    With an `embedding` (a llama-index `BaseEmbedding`, ideally the index's) the best
    question–passage cosine is measured too and the semantic model applies.
    `vectors` caches embeddings across calls (the answerer's, for this `embedding`).
    `sentence_similarity` is informational (the extractive answerer passes its best).
    """
    info = analyse_question(question)
    q_terms = list(info.terms)
    retrieval = max((p.score for p in passages), default=0.0)
    if not passages or not q_terms:
        sim = 0.0 if embedding is not None and passages else None
        return SupportSignals(0.0, 0.0, 1.0, sim, sentence_similarity, retrieval)
    unmentioned = unmentioned_names(question, passages) + unreported_years(question, passages)
    sentence_vocabs: list[AbstractSet[str]] = []
    bare_vocabs: list[AbstractSet[str]] = []  # for IDF: titles repeat on every sentence
    passage_vocabs: list[AbstractSet[str]] = []
    for passage in passages:
        title_vocab = title_text(passage.title).vocab
        analysed = passage_text(passage.text)
        passage_vocabs.append(title_vocab | analysed.vocab)
        for sent in analysed.sentences:
            bare_vocabs.append(sent.vocab)
            sentence_vocabs.append(title_vocab | sent.vocab)
    idf = idf_weights(q_terms, bare_vocabs or passage_vocabs, background=BACKGROUND_SENTENCES)
    matcher = TermMatcher(q_terms, [*sentence_vocabs, *passage_vocabs])  # one scan for both
    best_sentence = max(coverages(q_terms, idf, sentence_vocabs, matcher), default=0.0)
    best_passage = max(coverages(q_terms, idf, passage_vocabs, matcher))
    union = set().union(*passage_vocabs)
    missing = sum(1 for t in q_terms if t not in union) / len(q_terms)
    passage_sim = None
    if embedding is not None:
        cache = vectors if vectors is not None else VectorCache(embedding)
        sims, _ = cache.cosines(question, [f"{p.title}\n{p.text}" for p in passages])
        passage_sim = float(np.max(sims))
    return SupportSignals(
        coverage=best_sentence,
        passage_coverage=best_passage,
        missing=missing,
        passage_similarity=passage_sim,
        sentence_similarity=sentence_similarity,
        retrieval=retrieval,
        unmentioned=unmentioned,
    )


_WORD = re.compile(r"\w+")
# A run of capitalised words within one sentence ("Health Secretary Thérèse Coffey").
_NAME_RUN = re.compile(
    r"[A-Z][\w'’.-]*(?:(?:[ \t]+(?:(?:de|da|del|van|von|al|bin)[ \t]+)?|[ \t]*d['’])[A-Z][\w'’-]*)*"
)
_ENDED = re.compile(r"[.!?:]\W*\s+$")
MIN_PREFIX = 4  # a name this long also matches as the start of a word ("Paxlovid's")


@dataclass(frozen=True)
class RareName:
    """A name of the question by the words that tell it apart: its rare words (ones WordNet
    does not list as words: "Tiafoe" of "Francis Tiafoe") and its acronyms WordNet does
    not list ("FTX"), both as written."""

    phrase: str
    rare: tuple[str, ...]  # folded
    acronyms: tuple[str, ...]


@lru_cache(maxsize=1024)
def rare_names(question: str) -> tuple[RareName, ...]:
    """The question's names (capitalised runs) that have rare words or acronyms; an acronym
    in the phrase asking for the answer only classes it and is left out ("Which MLB team's
    owner ...?": "Los Angeles Angels owner Arte Moreno"). Without WordNet, none."""
    lex = lexicon()
    if lex is None:
        return ()
    asked = wh_phrase_words(question)
    names = []
    for m in _NAME_RUN.finditer(question):
        phrase = m.group().rstrip(".")
        opens = not question[: m.start()].strip() or bool(_ENDED.search(question, 0, m.start()))
        if opens and " " not in phrase:
            continue  # "Beachgoers in Britain were warned ...": a sentence's first word
        found = re.findall(r"[^\W\d_]+", phrase)
        rare = tuple(
            fold(w)
            for w in found
            if w[0].isupper()
            and not w.isupper()
            and len(w) >= 3
            and fold(w) not in CORE
            and not lex.knows(w)
        )
        acronyms = tuple(
            w
            for w in found
            if w.isupper() and len(w) >= 2 and not lex.knows(w) and fold(w) not in asked
        )
        if rare or acronyms:
            names.append(RareName(phrase, rare, acronyms))
    return tuple(names)


def unmentioned_names(question: str, passages: Sequence[Passage]) -> tuple[str, ...]:
    """The names (capitalised runs) of the question that no passage mentions, each by its
    rare words or acronyms (`rare_names`). A name is mentioned when one of its rare words
    is ("Tiafoe" for "Francis Tiafoe"), an acronym when it or its words spelt out are
    ("FTX"; "Major League Baseball" for "MLB"); a name of known words ("Kentucky Derby",
    "Japan", "FBI") is never unmentioned, since its words are spelt many ways. Without
    WordNet, none is."""
    if not passages:
        return ()
    said: set[str] | None = None
    initials: set[str] | None = None
    missing: list[str] = []
    for name in rare_names(question):
        if said is None:
            said = {w for p in passages for w in _WORD.findall(fold(f"{p.title} {p.text}"))}
        if any(_said(word, said) for word in name.rare) or any(
            fold(a) in said for a in name.acronyms
        ):
            continue
        if name.acronyms:
            if initials is None:
                initials = _initials(passages)
            if any(a in initials for a in name.acronyms):
                continue
        missing.append(name.phrase if name.rare else " ".join(name.acronyms))
    return tuple(missing)


# A year as a question writes it ("the 2031 World Cup", "in 2024"), not a part of a figure
# ("$2,031", "2031.5") or of a longer number.
_YEAR = re.compile(r"(?<![\w$£€.,])(?:1[89]|2\d)\d\d(?![\w,]|\.\d)")


# Wording that looks ahead: a modal, a plan, hope, schedule or bid, a deadline ("by 2050"),
# a progressive ("are merging in 2024").
_LOOKS_AHEAD = re.compile(
    r"\b(?:will|would|shall|could|can|may|might|going\s+to|set\s+to|due|next|upcoming|"
    r"future|plan\w*|intend\w*|aim\w*|expect\w*|schedul\w*|hop(?:e|es|ed|ing)|target\w*|"
    r"bid\w*|(?:by|until|before|through)\s+(?:\w+\s+)?(?:1[89]|2\d)\d\d)\b"
    r"|\b(?:is|are|be|being)\s+\w+ing\b",
    re.IGNORECASE,
)


def unreported_years(question: str, passages: Sequence[Passage]) -> tuple[str, ...]:
    """The years the question names that no passage mentions, when every passage was
    published before that year: a report cannot tell what happened in a year still to
    come when it was written ("Who won the 2031 World Cup?" is not answered by "Lionel
    Messi, who has never won a World Cup" in 2022). A question that looks ahead ("Which
    supermarkets plan to merge in 2024?", "trees planted by 2050") asks what was planned
    or expected, which a report may tell without writing the year ("plans to merge"), so
    then none is; nor when a passage is undated (it may be from any year)."""
    years = dict.fromkeys(m.group() for m in _YEAR.finditer(question))
    if not years or not passages or any(not p.published for p in passages):
        return ()
    if _LOOKS_AHEAD.search(question):
        return ()
    newest = max(str(p.published)[:4] for p in passages)
    later = [y for y in years if y > newest]
    if not later:
        return ()
    said = {m.group() for p in passages for m in _YEAR.finditer(f"{p.title}\n{p.text}")}
    return tuple(y for y in later if y not in said)


# Two or more capitalised words, joining words between them: what an acronym spells out.
_JOINING = "|".join(map(re.escape, sorted(JOINING_WORDS)))
_SPELT_OUT = re.compile(rf"[A-Z][\w'’-]*(?:\s+(?:(?:{_JOINING})\s+)*[A-Z][\w'’-]*)+")


def _initials(passages: Sequence[Passage]) -> set[str]:
    """The initials of every capitalised run of the passages ("National Aeronautics and
    Space Administration" -> NASA), joining words left out."""
    found: set[str] = set()
    for p in passages:
        for run in _SPELT_OUT.finditer(f"{p.title}\n{p.text}"):
            found.add("".join(w[0] for w in run.group().split() if w.lower() not in JOINING_WORDS))
    return found


def _said(word: str, said: AbstractSet[str]) -> bool:
    if word in said:
        return True
    return len(word) >= MIN_PREFIX and any(w.startswith(word) for w in said)


def abstention_text(
    question: str, unmentioned: Sequence[str] = (), unspelt: str = "", *, unlisted: bool = False
) -> str:
    """The plain statement shown instead of an answer (naming what no passage mentions, or
    the acronym none spells out, or the options the question leaves out, when that is why)."""
    if unlisted:
        return (
            "The indexed articles can't settle this: the question asks which of some options "
            "is not so, and lists none. Ask about each one by name."
        )
    if unspelt:
        return (
            f"The indexed articles don't say. None of the retrieved passages spells out {unspelt}."
        )
    if unmentioned:
        names = " or ".join(unmentioned)
        return f"The indexed articles don't say. None of the retrieved passages mentions {names}."
    topic = question.strip().rstrip("?").strip()
    if topic:
        return f"The indexed articles don't say. None of the retrieved passages answers “{topic}?”"
    return "The indexed articles don't say."
