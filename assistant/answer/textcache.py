"""What the answerer reads off a passage, computed once: sentences, their terms, vectors.

The extractive answerer and the abstention check both split every retrieved passage into
sentences and take each sentence's terms; the answerer embeds the sentences and the
abstention check the passages, each time with the question again. The same chunks come
back for related questions (and for the same question with and without filters), so the
text analysis is cached by the passage text itself (`passage_text`, `title_text`: bounded
LRUs, a text always gets the same answer) and embeddings by the embedded text
(`VectorCache`, bounded, one per answerer and embedding model).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from index.text.sentences import Sentence, split_sentences
from index.text.terms import terms, terms_of_words, words

PASSAGES_CACHED = 512  # ~8 passages an ask: the last ~60 asks, some 15 MB at most
VECTORS_CACHED = 4096  # 256 float32 each: 4 MB (+ the texts)

_MARKER = re.compile(r"\[\d+\]")


def clear_text_caches() -> None:
    """Forget every passage and headline analysed (benchmarks measure a cold ask with it)."""
    sentences_of.cache_clear()
    passage_text.cache_clear()
    title_text.cache_clear()


@dataclass(frozen=True)
class SentenceText:
    """One sentence of a passage: offsets in the passage text, folded words, terms."""

    text: str
    start: int
    end: int
    folded: str  # " ".join(words(text)): syndicated copies fold alike
    terms: tuple[str, ...]
    vocab: frozenset[str]
    has_marker: bool  # "[9]" in the text would read as one of our citations


@dataclass(frozen=True)
class PassageText:
    sentences: tuple[SentenceText, ...]
    vocab: frozenset[str]  # terms of the whole text


@dataclass(frozen=True)
class TitleText:
    folded: str
    terms: tuple[str, ...]
    vocab: frozenset[str]
    has_marker: bool


@lru_cache(maxsize=PASSAGES_CACHED)
def sentences_of(text: str) -> tuple[Sentence, ...]:
    """`split_sentences` of a passage text, cached by the text: the answerer and the
    conflict readers (`assistant.news`) split the same passages in one ask."""
    return tuple(split_sentences(text))


@lru_cache(maxsize=PASSAGES_CACHED)
def passage_text(text: str) -> PassageText:
    """The sentences of a passage text with their terms (cached by the text)."""
    sentences = []
    pos = 0
    apart = True  # only white space before, between and after the sentences
    for sent in sentences_of(text):
        gap = text[pos : sent.start]
        apart = apart and (gap.isspace() or (not gap and pos == 0))
        pos = sent.end
        sent_words = words(sent.text)
        sent_terms = tuple(terms_of_words(sent_words))
        sentences.append(
            SentenceText(
                sent.text,
                sent.start,
                sent.end,
                " ".join(sent_words),
                sent_terms,
                frozenset(sent_terms),
                bool(_MARKER.search(sent.text)),
            )
        )
    tail = text[pos:]
    if apart and sentences and (not tail or tail.isspace()):
        # No word crosses white space, so the text's terms are its sentences' terms.
        vocab = frozenset().union(*(s.vocab for s in sentences))
    else:
        vocab = frozenset(terms(text))
    return PassageText(tuple(sentences), vocab)


@lru_cache(maxsize=PASSAGES_CACHED)
def title_text(title: str) -> TitleText:
    """A headline's folded words and terms (cached by the headline)."""
    title_words = words(title)
    title_terms = tuple(terms_of_words(title_words))
    return TitleText(
        " ".join(title_words),
        title_terms,
        frozenset(title_terms),
        bool(_MARKER.search(title)),
    )


def _embed(embedding: Any, texts: list[str]) -> np.ndarray:
    if hasattr(embedding, "embed_array"):
        return np.asarray(embedding.embed_array(texts), dtype=np.float32)
    return np.asarray(embedding.get_text_embedding_batch(texts), dtype=np.float32)


class VectorCache:
    """Unit-length embeddings of texts, bounded (least recently used go first).

    Each row is exactly what embedding the text in any batch gives (the local models
    embed every text on its own), normalised the way the answerer always has.
    """

    def __init__(self, embedding: Any, capacity: int = VECTORS_CACHED) -> None:
        self.embedding = embedding
        self.capacity = capacity
        self._rows: OrderedDict[str, np.ndarray] = OrderedDict()
        # The web app answers on several threads at once: another ask may evict a row
        # between our lookup and our read, so rows are taken out under the lock and the
        # embedding (the slow part) runs outside it.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()

    def rows(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), dim) float32 matrix of unit rows, in the order given."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                row = self._rows.get(text)
                if row is not None:
                    found[text] = row
                    self._rows.move_to_end(text)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            matrix = _embed(self.embedding, missing)
            matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
            # copies: a view would keep its whole batch alive in the cache
            fresh = {text: row.copy() for text, row in zip(missing, matrix, strict=True)}
            with self._lock:
                self._rows.update(fresh)
                while len(self._rows) > self.capacity:
                    self._rows.popitem(last=False)
            found.update(fresh)
        out = [found[text] for text in texts]
        return np.stack(out) if out else np.zeros((0, 0), dtype=np.float32)

    def cosines(self, question: str, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Cosine of the question against each text, and the texts' unit rows."""
        matrix = self.rows([question, *texts])
        return matrix[1:] @ matrix[0], matrix[1:]
