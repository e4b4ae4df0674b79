"""index/wordpieces.py: token ids a word at a time, pooling without padding."""

from __future__ import annotations

import numpy as np
import pytest

from index.encoders import WordLlamaEncoder
from index.wordpieces import PieceTokenizer, mean_pool

pytestmark = pytest.mark.unit

TEXTS = [
    "Thousands of Ukrainian children were moved to Belarus, officials said on Tuesday.",
    "The  Fed raised rates by 0.75 points — its largest rise since 1994.",
    "",
    "<s> is a special token",
]


@pytest.fixture(scope="module")
def encoder() -> WordLlamaEncoder:
    return WordLlamaEncoder()


def whole_ids(tokenizer: object, texts: list[str]) -> list[list[int]]:
    found = tokenizer.encode_batch(texts, add_special_tokens=False)  # type: ignore[attr-defined]
    return [e.ids[: sum(e.attention_mask)] for e in found]


def test_wordllamas_tokenizer_allows_words_at_a_time(encoder: WordLlamaEncoder) -> None:
    pieces = PieceTokenizer(encoder.tokenizer)
    assert pieces.usable
    assert pieces.ids(TEXTS) == whole_ids(encoder.tokenizer, TEXTS)
    assert pieces.ids(TEXTS) == whole_ids(encoder.tokenizer, TEXTS)  # from the cache


def test_a_tokenizer_that_splits_words_itself_is_used_whole(encoder: WordLlamaEncoder) -> None:
    from tokenizers import Tokenizer
    from tokenizers.pre_tokenizers import Whitespace

    other = Tokenizer.from_str(encoder.tokenizer.to_str())
    other.pre_tokenizer = Whitespace()  # merges could then depend on what the words are
    pieces = PieceTokenizer(other)
    assert not pieces.usable
    assert pieces.ids(TEXTS) == whole_ids(other, TEXTS)


def test_the_word_cache_starts_over_when_full(encoder: WordLlamaEncoder) -> None:
    pieces = PieceTokenizer(encoder.tokenizer, capacity=8)
    first = pieces.ids(TEXTS[:1])  # 12 words: more than the capacity, all kept for now
    assert len(pieces._ids) == 12
    assert pieces.ids(TEXTS[1:2]) == whole_ids(encoder.tokenizer, TEXTS[1:2])
    assert len(pieces._ids) == 13  # the first text's words were dropped
    assert pieces.ids(TEXTS[:1]) == first


def test_a_full_cache_started_over_by_another_thread_loses_no_words(
    encoder: WordLlamaEncoder,
) -> None:
    """The web app tokenizes on several threads: a call that found its words in the table
    must still read them when another call, meanwhile, fills it and starts it over (a
    clear() in place made the first call fail with KeyError: '▁Connecticut')."""
    pieces = PieceTokenizer(encoder.tokenizer, capacity=20)
    pieces.ids(TEXTS[:1])  # its 12 words are in the table
    bare = pieces._bare

    class Interleaved:
        """The BPE, which meanwhile lets another call overflow the table."""

        def __init__(self) -> None:
            self.done = False

        def encode_batch_fast(self, words: list[str], **kwargs: object) -> object:
            if not self.done:
                self.done = True
                # 9 new words: with the 12 known ones, more than the capacity
                pieces.ids(["Zebras and giraffes wandered across seven dusty plains slowly"])
            return bare.encode_batch_fast(words, **kwargs)

    pieces._bare = Interleaved()  # type: ignore[assignment]
    # the first text's words (known) and one new word (the BPE call above runs in between)
    text = TEXTS[0] + " Connecticut"
    assert pieces.ids([text]) == whole_ids(encoder.tokenizer, [text])


def test_mean_pool_is_wordllamas_average(encoder: WordLlamaEncoder) -> None:
    table = encoder.table
    ids = [[5, 9, 9, 31999, 40000], [7], []]
    pooled = mean_pool(table, ids, norm=False)
    assert pooled.dtype == np.float32
    clipped = [5, 9, 9, 31999, table.shape[0] - 1]
    assert np.array_equal(pooled[0], table[clipped].sum(axis=0) / np.float32(5))
    assert np.array_equal(pooled[1], table[7])
    assert not pooled[2].any()
    unit = mean_pool(table, ids[:2], norm=True)
    assert np.allclose(np.linalg.norm(unit, axis=1), 1.0)
