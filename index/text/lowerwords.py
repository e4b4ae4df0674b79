"""A text's lower-case word tokens: what retrieval's rescoring and copy check compare.

Not `index.text.terms.words` (folded, commas dropped, "U.S." one token): these are plain
``[a-z0-9]+`` runs with an apostrophe suffix ("don't", "police's"). Splitting a chunk's
~1,000 characters costs ~80 µs and a search rescores and dedupes ~100 chunks, so the
index writes them beside each chunk (manifest ``chunks.words``, space-joined: no token
holds a space) and a search reads them with the chunk.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def lower_words(text: str) -> list[str]:
    """Lower-cased word tokens, stopwords kept."""
    return _WORD.findall(text.lower())


def joined_words(text: str) -> str:
    """`lower_words` joined by single spaces (``joined_words(t).split() == lower_words(t)``)."""
    return " ".join(lower_words(text))
