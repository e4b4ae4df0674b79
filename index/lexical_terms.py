"""Text -> BM25 index terms: lower-case, accent-folded, stopwords dropped, stemmed.

The analysis half of the BM25 index (index/lexical.py): the same function turns chunk
texts into terms when they are indexed and questions into terms when they are searched.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import numpy as np
import numpy.typing as npt

from index.text.snowball import stem
from index.text.stopwords import LEXICAL as STOPWORDS

Stemming = Literal["snowball", "plural", "none"]


_WORD = re.compile(r"[^\W_]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _fold(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem_plural(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _term(word: str, stemming: Stemming) -> str:
    """The index term for one lower-cased word; "" for a stopword."""
    word = _fold(word)
    if word in STOPWORDS:
        return ""
    if stemming == "snowball" and not word.isdigit():
        return stem(word)
    if stemming == "plural":
        return _stem_plural(word)
    return word


# word -> term, per stemming mode; words repeat heavily, so this makes analysis cheap.
_TERM_CACHE: dict[str, dict[str, str]] = {}
_CACHE_LIMIT = 2_000_000


def analyze(text: str, stemming: Stemming = "snowball") -> list[str]:
    """Index terms of `text`: lower-case, accent-folded, stopwords dropped, stemmed."""
    words = _WORD.findall(_THOUSANDS.sub("", text.lower()))
    cache = _TERM_CACHE.setdefault(stemming, {})
    missing = set(words).difference(cache)
    if missing:
        if len(cache) > _CACHE_LIMIT:
            # A new table, not clear(): another thread may be reading this one's words.
            cache = _TERM_CACHE[stemming] = {}
            missing = set(words)
        for word in missing:
            cache[word] = _term(word, stemming)
    return [term for term in map(cache.__getitem__, words) if term]


def term_rows(
    texts: list[str], stemming: Stemming, vocab: dict[str, int], terms: list[str]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """CSR term counts of `texts` (indptr, term ids, counts), adding new terms to the
    vocabulary (`vocab`: term -> id, `terms`: id -> term)."""
    analyzed = [analyze(text, stemming) for text in texts]
    for term in set().union(*analyzed) - vocab.keys():
        vocab[term] = len(terms)
        terms.append(term)
    flat = np.array([vocab[t] for words in analyzed for t in words], dtype=np.int64)
    sizes = np.array([len(words) for words in analyzed], dtype=np.int64)
    doc_of = np.repeat(np.arange(len(texts), dtype=np.int64), sizes)
    width = max(len(terms), 1)
    keys, counts = np.unique(doc_of * width + flat, return_counts=True)
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys // width, minlength=len(texts)), out=indptr[1:])
    return indptr, (keys % width).astype(np.int32), counts.astype(np.float32)
