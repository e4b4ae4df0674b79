"""Chunking: offsets, token bound, sentence alignment, overlap, odd text, the seed article."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.chunking import chunk_article, indexed_text, sentence_spans
from index.models import Article
from index.tokens import count_tokens, encoding

pytestmark = pytest.mark.unit


def _article(text: str, title: str = "A title") -> Article:
    return Article(id="a1", title=title, text=text)


def _prose(n: int) -> str:
    return "\n\n".join(
        f"Sentence number {i} tells how the council voted on plan {i}. "
        f"Officials said the {i}th vote was close."
        for i in range(n)
    )


def test_tokens_load_offline_without_touching_the_environment() -> None:
    assert "TIKTOKEN_CACHE_DIR" not in os.environ  # conftest does not set it
    assert count_tokens("hello world") == 2
    assert encoding().name == "cl100k_base"
    assert "TIKTOKEN_CACHE_DIR" not in os.environ


def test_empty_and_blank_text_give_no_chunks() -> None:
    assert chunk_article(_article("")) == []
    assert chunk_article(_article(" \n\n\t ")) == []


def test_short_text_is_one_trimmed_chunk() -> None:
    text = "\n  Only one sentence here.  \n"
    (chunk,) = chunk_article(_article(text))
    assert chunk.text == "Only one sentence here."
    assert text[chunk.start : chunk.end] == chunk.text
    assert (chunk.article_id, chunk.index, chunk.id) == ("a1", 0, "a1#0")


def test_chunks_respect_the_token_bound_and_cover_the_text() -> None:
    text = _prose(80)
    chunks = chunk_article(_article(text), max_tokens=64, overlap=8)
    assert len(chunks) > 5
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert text[chunk.start : chunk.end] == chunk.text
        assert count_tokens(chunk.text) <= 64
    assert chunks[0].start == 0
    assert chunks[-1].end == len(text)
    # No gap between consecutive chunks apart from whitespace.
    for before, after in itertools.pairwise(chunks):
        assert after.start <= before.end or not text[before.end : after.start].strip()


def test_chunks_start_and_end_on_sentence_boundaries() -> None:
    text = _prose(40)
    bounds = sentence_spans(text)
    starts = {s for s, _ in bounds}
    ends = {e for _, e in bounds}
    for chunk in chunk_article(_article(text), max_tokens=50, overlap=10):
        assert chunk.start in starts
        assert chunk.end in ends


def test_overlap_repeats_whole_trailing_sentences() -> None:
    text = _prose(40)
    chunks = chunk_article(_article(text), max_tokens=60, overlap=20)
    overlapping = [(a, b) for a, b in itertools.pairwise(chunks) if b.start < a.end]
    assert overlapping, "expected sentence overlap between consecutive chunks"
    for before, after in overlapping:
        repeated = text[after.start : before.end]
        assert count_tokens(repeated) <= 20 + 2  # whole sentences plus their separators
        assert after.start in {s for s, _ in sentence_spans(text)}
    no_overlap = chunk_article(_article(text), max_tokens=60, overlap=0)
    for before, after in itertools.pairwise(no_overlap):
        assert after.start >= before.end


def test_overlong_sentence_is_split_by_tokens() -> None:
    text = "word " * 1000 + "end."
    chunks = chunk_article(_article(text), max_tokens=100, overlap=10)
    assert len(chunks) >= 10
    for chunk in chunks:
        assert count_tokens(chunk.text) <= 100
        assert text[chunk.start : chunk.end] == chunk.text


def test_unicode_text_keeps_character_offsets() -> None:
    text = (
        "Zürich’s café owners met in São Paulo. 東京では雨が降っています。"
        "Ça va très bien! 🙂🙂🙂 Emoji-heavy lines 👩‍👩‍👧 are fine.\n\n"
        "Αθήνα και Κρήτη. Кириллица тоже."
    ) * 20
    chunks = chunk_article(_article(text), max_tokens=40, overlap=8)
    assert len(chunks) > 1
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert count_tokens(chunk.text) <= 40


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Smith met Dr. Jones at 5 p.m. on Friday. J. K. Rowling was there. It rained."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == [
        "Mr. Smith met Dr. Jones at 5 p.m. on Friday.",
        "J. K. Rowling was there.",
        "It rained.",
    ]


def test_quotes_close_sentences() -> None:
    text = "“We will win,” he said. “Never.” She left."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["“We will win,” he said.", "“Never.”", "She left."]


def test_chunking_is_deterministic() -> None:
    text = _prose(30)
    assert chunk_article(_article(text), max_tokens=80, overlap=16) == chunk_article(
        _article(text), max_tokens=80, overlap=16
    )


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="overlap"):
        chunk_article(_article("Text."), max_tokens=32, overlap=32)
    with pytest.raises(ValueError, match="max_tokens"):
        chunk_article(_article("Text."), max_tokens=0, overlap=0)


def test_seed_article(seed_article_path: Path) -> None:
    text = seed_article_path.read_text(encoding="utf-8")
    chunks = chunk_article(_article(text), max_tokens=256, overlap=32)
    assert 2 <= len(chunks) <= 10
    joined = " ".join(c.text for c in chunks)
    assert "more than 2,100 children from 15 Ukrainian towns" in joined
    sentence = next(c for c in chunks if "18 years" in c.text)
    assert "sentenced in absentia to 18 years’ imprisonment" in sentence.text
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert count_tokens(chunk.text) <= 256


def test_indexed_text_prepends_the_title() -> None:
    assert indexed_text("Title", "Body.") == "Title\nBody."
    assert indexed_text("", "Body.") == "Body."


_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abc XYZ.!?\n\n\t“”’'\"-,0123456789")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=600,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, max_tokens=st.integers(4, 80), overlap_ratio=st.floats(0, 0.9))
def test_property_offsets_and_bound(text: str, max_tokens: int, overlap_ratio: float) -> None:
    overlap = min(int(max_tokens * overlap_ratio), max_tokens - 1)
    chunks = chunk_article(_article(text), max_tokens=max_tokens, overlap=overlap)
    if not text.strip():
        assert chunks == []
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.text == chunk.text.strip() and chunk.text
        assert count_tokens(chunk.text) <= max_tokens
    # Every non-space character of the text is in some chunk.
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    # Progress: starts strictly increase.
    assert all(a.start < b.start for a, b in itertools.pairwise(chunks))
