"""Do the retrieved passages support an answer at all? (used by both answerers)

Retrieval always returns *something*; the question is whether it is about the question.
The signals, all cheap and computed from the question and the passages:
- `coverage`: the best sentence's IDF-weighted share of the question's content terms
  (IDF within the candidate sentences, so a term found nowhere weighs most), counting the
  sentence's article title too since titles carry the topic;
- `passage_coverage`: the same over the best whole passage;
- `entity_coverage`: the share of the question's named-entity words found anywhere in the
  passages (a question about "Nichelle Nichols" needs her name somewhere);
- `similarity`: the best question–sentence embedding cosine (0 without an embedding);
- `retrieval`: the top passage's retrieval score (scale depends on the retriever; it gets
  no weight by default).
`AbstentionPolicy` combines them with a logistic model calibrated on the dev questions
(answerable questions against their own articles vs. questions against a slice lacking
their articles; see `tests/benchmarks/eval_extractive.py`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.sentences import split_sentences
from assistant.textmatch import analyse_question, terms, words
from assistant.types import Passage


@dataclass(frozen=True)
class SupportSignals:
    coverage: float
    passage_coverage: float
    entity_coverage: float
    similarity: float
    retrieval: float

    def as_row(self) -> list[float]:
        return [
            self.coverage,
            self.passage_coverage,
            self.entity_coverage,
            self.similarity,
            self.retrieval,
        ]


# Logistic coefficients for SupportSignals.as_row(), fitted by the extractive benchmark
# (`--calibrate`) on the dev questions.
DEFAULT_COEFFICIENTS = (6.0, 2.0, 2.0, 3.0, 0.0)
DEFAULT_INTERCEPT = -6.0
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class AbstentionPolicy:
    """Supported when the calibrated probability reaches `threshold`."""

    coefficients: tuple[float, ...] = DEFAULT_COEFFICIENTS
    intercept: float = DEFAULT_INTERCEPT
    threshold: float = DEFAULT_THRESHOLD

    def probability(self, signals: SupportSignals) -> float:
        z = self.intercept + sum(
            c * x for c, x in zip(self.coefficients, signals.as_row(), strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def supported(self, signals: SupportSignals) -> bool:
        return self.probability(signals) >= self.threshold


def _idf(q_terms: Sequence[str], docs: Sequence[set[str]]) -> dict[str, float]:
    n = len(docs)
    return {
        t: math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        for t in q_terms
        for df in [sum(1 for d in docs if t in d)]
    }


def _cover(q_terms: Sequence[str], idf: dict[str, float], vocab: set[str]) -> float:
    total = sum(idf[t] for t in q_terms)
    if total <= 0:
        return 0.0
    got = 0.0
    for t in q_terms:
        if t in vocab:
            got += idf[t]
        elif len(t) >= 5 and any(len(v) >= 5 and v[:5] == t[:5] for v in vocab):
            got += 0.7 * idf[t]
    return got / total


def measure_support(
    question: str,
    passages: Sequence[Passage],
    *,
    best_similarity: float | None = None,
) -> SupportSignals:
    """The support signals of `passages` for `question`.

    `best_similarity` is the best question–sentence cosine if the caller has computed
    it (the extractive answerer has); otherwise the similarity signal is 0.
    """
    info = analyse_question(question)
    q_terms = list(info.terms)
    if not passages or not q_terms:
        return SupportSignals(0.0, 0.0, 0.0, best_similarity or 0.0, 0.0)
    sentence_vocabs: list[set[str]] = []
    passage_vocabs: list[set[str]] = []
    for passage in passages:
        title_vocab = set(terms(passage.title))
        passage_vocabs.append(title_vocab | set(terms(passage.text)))
        for sent in split_sentences(passage.text):
            sentence_vocabs.append(title_vocab | set(terms(sent.text)))
    idf = _idf(q_terms, sentence_vocabs or passage_vocabs)
    best_sentence = max((_cover(q_terms, idf, v) for v in sentence_vocabs), default=0.0)
    best_passage = max(_cover(q_terms, idf, v) for v in passage_vocabs)
    if info.entity_words:
        everything = {w for p in passages for w in words(p.title + "\n" + p.text)}
        entity_cov = len(info.entity_words & everything) / len(info.entity_words)
    else:
        entity_cov = 1.0
    return SupportSignals(
        coverage=best_sentence,
        passage_coverage=best_passage,
        entity_coverage=entity_cov,
        similarity=best_similarity or 0.0,
        retrieval=max(p.score for p in passages),
    )


def abstention_text(question: str) -> str:
    """The plain statement shown instead of an answer."""
    topic = question.strip().rstrip("?").strip()
    if topic:
        return f"The indexed articles don't say. None of the retrieved passages answers “{topic}?”"
    return "The indexed articles don't say."
