"""WordLlama's token ids and mean pooling, a word at a time, with the words' ids kept.

WordLlama's tokenizer (Llama's BPE: spaces become "▁", a "▁" goes in front, then BPE over
the whole text as one word) costs ~0.6 µs a character, and the answerer embeds ~20,000
characters of sentences and passages an ask. No token of its vocabulary has a "▁" after
another character, so no merge crosses the start of a word: the ids of a text are the ids
of its words ("▁the", "▁▁Next", "Tuesday." at the start of a headline) one after another.
Words repeat, so `PieceTokenizer` keeps each word's ids (bounded) and asks the BPE only
about new words. `mean_pool` averages each text's token rows without padding the batch to
its longest text (WordLlama multiplies the padding by a zero mask; the sums are the same).
`PieceTokenizer.usable` checks those facts about a tokenizer before it is used; the tests
compare ids and vectors with WordLlama's own on the dev articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np

SPACE = "\u2581"  # "▁"
WORDS_CACHED = 65_536  # words with their ids (~200 B each): starts over when full
_PIECE = re.compile(f"{SPACE}*[^{SPACE}]+|{SPACE}+")
# WordLlama's normalizer: "▁" in front of a non-empty text, every " " replaced by "▁".
_NORMALIZER = {
    "type": "Sequence",
    "normalizers": [
        {"type": "Prepend", "prepend": SPACE},
        {"type": "Replace", "pattern": {"String": " "}, "content": SPACE},
    ],
}


def _word_start_safe(tokenizer: Any) -> bool:
    """Whether ids can be taken a word at a time: the normalizer above, no pre-tokenizer,
    plain BPE, and no token with a "▁" after another character (no merge across a word
    start). Read from the tokenizer's parts (its whole JSON costs ~0.4 s to write out)."""
    model, normalizer = tokenizer.model, tokenizer.normalizer
    if normalizer is None or json.loads(normalizer.__getstate__()) != _NORMALIZER:
        return False
    if tokenizer.pre_tokenizer is not None or type(model).__name__ != "BPE":
        return False
    if model.dropout is not None or getattr(model, "ignore_merges", False):
        return False
    vocab = tokenizer.get_vocab(with_added_tokens=False)
    return not any(SPACE in token.lstrip(SPACE) for token in vocab)


class PieceTokenizer:
    """Token ids of texts as the given tokenizer gives them, a word at a time.

    Texts holding one of the tokenizer's added tokens ("<s>" in the raw text), or empty
    ones, go to the tokenizer whole, as does everything when `usable` is False.
    """

    def __init__(self, tokenizer: Any, capacity: int = WORDS_CACHED) -> None:
        from tokenizers import Tokenizer

        self._whole = tokenizer
        self.usable = _word_start_safe(tokenizer)
        self._added = tuple(t.content for t in tokenizer.get_added_tokens_decoder().values())
        # The same BPE model without the normalizer: the words come normalized.
        self._bare = Tokenizer(tokenizer.model)
        self._ids: dict[str, tuple[int, ...]] = {}
        self.capacity = capacity

    def _whole_ids(self, texts: list[str]) -> list[list[int]]:
        found = self._whole.encode_batch_fast(texts, add_special_tokens=False)
        # (WordLlama pads its tokenizer's batches: the mask says where a text ends)
        return [e.ids[: sum(e.attention_mask)] for e in found]

    def ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids (no special tokens, no padding)."""
        texts = list(texts)
        if not self.usable:
            return self._whole_ids(texts)
        out: list[list[int]] = [[] for _ in texts]
        pieces: list[list[str] | None] = []
        for text in texts:
            if not text or any(token in text for token in self._added):
                pieces.append(None)
            else:
                pieces.append(_PIECE.findall(SPACE + text.replace(" ", SPACE)))
        # The table only grows; when full it is replaced, never emptied in place: the web
        # app tokenizes on several threads, and a word this call found in the table must
        # still be there when it reads the ids (a clear() in between was a KeyError).
        known = ids_of = self._ids
        seen = set(chain.from_iterable(words for words in pieces if words))
        new = sorted(seen.difference(known))  # (sorted: each word is encoded on its own)
        if new:
            found = self._bare.encode_batch_fast(new, add_special_tokens=False)
            fresh = {w: tuple(e.ids) for w, e in zip(new, found, strict=True)}
            if len(known) + len(fresh) > self.capacity:
                # a long-running server meets new words forever: start a new table
                ids_of = {w: known[w] for w in seen if w in known}
                ids_of.update(fresh)
                self._ids = fresh
            else:
                known.update(fresh)
        whole = [i for i, words in enumerate(pieces) if words is None]
        if whole:
            for i, ids in zip(whole, self._whole_ids([texts[i] for i in whole]), strict=True):
                out[i] = ids
        for i, words in enumerate(pieces):
            if words is not None:
                out[i] = list(chain.from_iterable(map(ids_of.__getitem__, words)))
        return out


def mean_pool(table: np.ndarray, ids: Sequence[Sequence[int]], *, norm: bool) -> np.ndarray:
    """WordLlama's average of each text's token rows (ids clipped to the table), float32,
    optionally scaled to unit length; the same values its padded batch gives."""
    lengths = [len(row) for row in ids]
    sums = np.zeros((len(ids), table.shape[1]), dtype=np.float32)
    if any(lengths):
        flat = np.fromiter(chain.from_iterable(ids), dtype=np.int32, count=sum(lengths))
        np.clip(flat, 0, table.shape[0] - 1, out=flat)
        rows = table[flat]
        start = 0
        for i, length in enumerate(lengths):
            # A text's rows added one after another, as WordLlama's sum over its padded
            # batch adds them (np.add.reduceat sums in another order: other last bits).
            if length:
                sums[i] = rows[start : start + length].sum(axis=0, dtype=np.float32)
            start += length
    counts = np.maximum(np.asarray(lengths, dtype=np.float32), 1.0)[:, None]
    pooled: np.ndarray = sums / counts
    if norm:
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled
