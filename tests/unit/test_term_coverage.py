"""`TermCoverage` gives the figures of the per-position loop it replaced, bit for bit."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import pytest

from assistant.retrieval.features import TermCoverage, coverage_of_terms, query_terms_in

pytestmark = pytest.mark.unit


def _reference(
    query_terms: Sequence[str], idf: dict[str, float], words: Sequence[str]
) -> tuple[float, float]:
    """The loop as it was: every position's window summed again."""
    qset = set(query_terms)
    total = sum(idf.get(t, 1.0) for t in qset)
    if not total:
        return 0.0, 0.0
    present = qset.intersection(words)
    if not present:
        return 0.0, 0.0
    coverage = sum(idf.get(t, 1.0) for t in present) / total
    best = 0.0
    positions = [(i, w) for i, w in enumerate(words) if w in qset]
    left = 0
    counts: dict[str, int] = {}
    for right in range(len(positions)):
        counts[positions[right][1]] = counts.get(positions[right][1], 0) + 1
        while positions[right][0] - positions[left][0] >= 30:
            w = positions[left][1]
            counts[w] -= 1
            if not counts[w]:
                del counts[w]
            left += 1
        best = max(best, sum(idf.get(t, 1.0) for t in counts))
    return coverage, best / total


def test_same_figures_as_the_reference_loop() -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(40)]
    for _ in range(2000):
        q_terms = rng.sample(vocab, rng.randint(0, 6))
        # IDFs with many digits: a different summation order would show in the last bits
        idf = {t: math.log(1.0 + rng.random() * 50) for t in q_terms if rng.random() < 0.9}
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 200))]
        expected = _reference(q_terms, idf, words)
        assert coverage_of_terms(q_terms, idf, words) == expected
        assert TermCoverage(q_terms, idf)(words) == expected


def test_query_terms_in_is_the_documents_share_of_the_query() -> None:
    qset = {"a", "b", "c"}
    assert query_terms_in(qset, ("a", "x"), ("c", "y", "a")) == {"a", "c"}
    assert query_terms_in(qset, (), ("z",)) == set()
