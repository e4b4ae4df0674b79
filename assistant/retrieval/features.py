"""Second-stage features of retrieval: query cleanup, term coverage and proximity, density.

Run on every candidate of every question (50 chunks), so the per-word work is a dict
lookup (`terms` caches the word -> term mapping, bounded), a chunk's words come split with
it from the index (`chunk_words`; split here and kept by the text only for chunks without
them), and the cosine is one numpy product over the candidates' stored vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any

import numpy as np

from index.models import StoredChunk
from index.text.lowerwords import lower_words
from index.text.stopwords import RETRIEVAL as STOPWORDS
from index.text.terms import mapped_terms, query_positions

# --- query cleanup --------------------------------------------------------------------

_QUIZ_PATTERNS = [
    r"\b(?:which|what) (?:one )?of the following\b",
    r"\baccording to (?:a |the )?(?:new |recent )?(?:reports?|study|survey|officials)\b",
    r"\b(?:this|last|past) (?:week|month|weekend|year)(?:['’]s)?\b",
    r"\b(?:recently|reportedly|officially|newly)\b",
    r"\bis not one of (?:those|these|them)\b",
]
_QUIZ_RE = re.compile("|".join(_QUIZ_PATTERNS), re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def clean_query(question: str) -> str:
    """Drop quiz and time phrasing that matches everything and nothing in particular."""
    cleaned = _SPACES.sub(" ", _QUIZ_RE.sub(" ", question)).strip()
    return cleaned or question


# --- tokens for the rescoring features -------------------------------------------------

# word -> term ("" for a dropped word). Words repeat heavily across candidates, so this
# turns the per-word string work into one lookup. Bounded: a long-running server sees
# new words (names, typos) forever; when full it starts over rather than grow.
_TERM_OF: dict[str, str] = {}
TERM_CACHE_LIMIT = 200_000
TEXTS_CACHED = 2048  # chunk texts and headlines (~50 candidates an ask): ~8 MB at most
WORDS_CACHED = 256  # the split words of an ask's ~100 candidate texts: ~3 MB at most


def words(text: str) -> list[str]:
    """Lower-cased word tokens, stopwords kept (for comparing texts)."""
    return lower_words(text)


def _term(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in STOPWORDS or len(word) < 2:
        return ""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Lower-cased content words (stopwords dropped), with a crude plural fold."""
    return terms_of_words(lower_words(text))


def terms_of_words(found: Sequence[str]) -> list[str]:
    """`terms` of a text already split by `words`."""
    return mapped_terms(found, _TERM_OF, TERM_CACHE_LIMIT, _term)


@lru_cache(maxsize=TEXTS_CACHED)
def text_terms(text: str) -> tuple[str, ...]:
    """`terms` of a chunk text or headline, cached by the text (the same chunks come back)."""
    return tuple(terms_of_words(text_words(text)))


@lru_cache(maxsize=WORDS_CACHED)
def text_words(text: str) -> tuple[str, ...]:
    """`words` of a chunk text, kept for the rest of an ask: rescoring takes its terms and
    the duplicate check its key from the same split."""
    return tuple(words(text))


def chunk_words(chunk: StoredChunk) -> Sequence[str]:
    """`words` of a chunk's text: the index's split when it has one (`StoredChunk.words`),
    else `text_words`."""
    if chunk.words is None:
        return text_words(chunk.text)
    return chunk.words.split()


def chunk_terms(chunk: StoredChunk) -> tuple[str, ...]:
    """`text_terms` of a chunk's text, from `chunk_words` (kept by the text when the index
    stored no words with it)."""
    if chunk.words is None:
        return text_terms(chunk.text)
    return tuple(terms_of_words(chunk_words(chunk)))


def coverage_and_proximity(
    query_terms: Sequence[str], idf: dict[str, float], text: str
) -> tuple[float, float]:
    """IDF-weighted share of query terms in `text`, and how tightly they cluster.

    Proximity is the best IDF share found inside any window of 30 words, so a chunk
    where the rare query words sit together beats one where they are scattered.
    """
    return coverage_of_terms(query_terms, idf, terms(text))


def coverage_of_terms(
    query_terms: Sequence[str], idf: dict[str, float], words: Sequence[str]
) -> tuple[float, float]:
    """`coverage_and_proximity` of a text already split by `terms`."""
    return TermCoverage(query_terms, idf)(words)


class TermCoverage:
    """`coverage_of_terms` of one query against many texts: the query's term set and
    total IDF are taken once, not once per text."""

    def __init__(self, query_terms: Sequence[str], idf: dict[str, float]) -> None:
        self.qset = set(query_terms)
        self.idf = idf
        self.total = sum(idf.get(t, 1.0) for t in self.qset)

    def __call__(self, words: Sequence[str]) -> tuple[float, float]:
        qset, idf, total = self.qset, self.idf, self.total
        if not total:
            return 0.0, 0.0
        present = qset.intersection(words)
        if not present:
            return 0.0, 0.0
        coverage = sum(idf.get(t, 1.0) for t in present) / total
        return coverage, best_window(query_positions(qset, words), idf, 30) / total


def best_window(positions: Sequence[tuple[int, str]], idf: dict[str, float], window: int) -> float:
    """The largest IDF sum (`idf`, 1.0 for a term it lacks) of the distinct terms inside
    any `window` consecutive positions. A window's sum is taken again only when its set of
    terms changed (the same terms in the same order give the same sum)."""
    best = 0.0
    left = 0
    counts: dict[str, int] = {}
    weight = idf.get
    changed = False
    for pos, word in positions:
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
            changed = True
        while pos - positions[left][0] >= window:
            w = positions[left][1]
            counts[w] -= 1
            if not counts[w]:
                del counts[w]
                changed = True
            left += 1
        if changed:
            best = max(best, sum(map(weight, counts, repeat(1.0))))
            changed = False
    return best


def query_terms_in(qset: set[str], *texts: Sequence[str]) -> set[str]:
    """The terms of `qset` that occur in any of `texts` (all an IDF count asks of a
    document, without building the set of all its terms)."""
    found: set[str] = set()
    for text in texts:
        found |= qset.intersection(text)
    return found


# --- dense similarity -------------------------------------------------------------------


def cosine_rows(query_vec: Sequence[float] | np.ndarray, rows: Any) -> np.ndarray:
    """Cosine of the query against each row (rows: a matrix or a sequence of vectors)."""
    matrix = np.asarray(rows, dtype=np.float32)
    if matrix.size == 0:
        return np.zeros(0, dtype=np.float32)
    query = np.asarray(query_vec, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
    norms[norms == 0] = 1.0
    sims: np.ndarray = (matrix @ query) / norms
    return sims
