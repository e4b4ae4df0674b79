"""Chunk words written at index time: the same split, terms and copy key as from the text.

Retrieval rescoring and the copy check read a chunk's words from the manifest
(`StoredChunk.words`) instead of splitting its text each search; every figure they give
must be the one the text gives, for new manifests and for old ones (filled when opened).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.retrieval import features
from assistant.retrieval.candidates import chunk_key, text_key
from assistant.retrieval.features import chunk_terms, chunk_words, text_terms
from index.errors import ManifestBusy, ManifestDamaged
from index.manifest import Manifest
from index.models import Article, Chunk, StoredChunk
from index.text.lowerwords import joined_words, lower_words

pytestmark = pytest.mark.unit

TEXTS = [
    "Ohio’s 2,100 senators VOTED; the bill's passes passed (again).",
    "  Rock'n'roll\tstudents' o''neil 90's\n\nİstanbul  café ſtreet — don’t  ",
    "",
    "...",
]
# Letters, digits, apostrophes, every kind of space and a few non-ASCII characters.
_TEXTS = st.text(alphabet=st.sampled_from(list("aZ0'’ \t\n\u00a0\u2009-.,é\u0130\u017fKx")))


def _chunk(text: str, words: str | None) -> StoredChunk:
    return StoredChunk(
        id="a#0", article_id="a", index=0, text=text, start=0, end=len(text),
        title="T", source=None, url=None, published=None, words=words,
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_joined_words_split_back_into_the_words(text: str) -> None:
    assert joined_words(text).split() == lower_words(text) == features.words(text)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("stored", [True, False], ids=["stored", "old-manifest"])
def test_a_chunks_terms_and_key_are_its_texts(text: str, stored: bool) -> None:
    for cached in (text_terms, features.text_words, text_key):
        cached.cache_clear()
    chunk = _chunk(text, joined_words(text) if stored else None)
    assert list(chunk_words(chunk)) == features.words(text)
    assert chunk_terms(chunk) == text_terms(text) == tuple(features.terms(text))
    assert chunk_key(chunk) == text_key(text)


def test_stored_words_do_not_change_chunk_equality() -> None:
    assert _chunk("A b.", "a b") == _chunk("A b.", None)


def _articles() -> list[tuple[Article, list[Chunk], int]]:
    items = []
    for i, text in enumerate(TEXTS[:2]):
        article = Article(id=f"a{i}", title=f"Story {i}", text=text, published="2022-05-01")
        items.append((article, [Chunk(article.id, 0, text, 0, len(text))], 1651363200))
    return items


def test_the_manifest_stores_each_chunks_words(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite3")
    manifest.stage(_articles())
    manifest.commit()
    for chunk in manifest.get_chunks(["a0#0", "a1#0"]) + manifest.chunks_of("a1"):
        assert chunk.words == joined_words(chunk.text)
    manifest.close()


def _old_manifest(path: Path) -> None:
    """A manifest as written before chunk words existed: no `words` in either chunk table."""
    path.unlink(missing_ok=True)
    manifest = Manifest(path)
    manifest.stage(_articles())
    manifest.commit()
    manifest.close()
    conn = sqlite3.connect(path)
    for table in ("chunks", "staged_chunks"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN words")
    conn.commit()
    conn.close()


def test_an_old_manifest_gets_its_chunk_words_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "manifest.sqlite3"
    _old_manifest(path)
    reopened = Manifest(path)
    chunks = reopened.get_chunks(["a0#0", "a1#0"])
    assert [c.words for c in chunks] == [joined_words(t) for t in TEXTS[:2]]
    reopened.stage(_articles()[:1])  # and it takes new chunks with their words
    reopened.commit()
    assert reopened.get_chunks(["a0#0"])[0].words == joined_words(TEXTS[0])
    reopened.close()


def _open_and_count(path: str, start: float) -> int:
    """In a fresh process: open the manifest at `start` (wall clock), count chunk words."""
    import time

    time.sleep(max(0.0, start - time.time()))
    manifest = Manifest(Path(path))
    try:
        return sum(c.words is not None for c in manifest.get_chunks(["a0#0", "a1#0"]))
    finally:
        manifest.close()


def test_processes_opening_an_old_manifest_at_once_all_open_it(tmp_path: Path) -> None:
    # `serve` and `index` started together after an upgrade: each finds the column missing,
    # one adds and fills it; the others must neither take its "duplicate column" for damage
    # nor read its chunks before their words are there.
    import multiprocessing
    import time

    path = tmp_path / "manifest.sqlite3"
    context = multiprocessing.get_context("spawn")
    for _ in range(3):
        _old_manifest(path)
        with context.Pool(4) as pool:
            start = time.time() + 2.0  # past the workers' start-up
            counts = pool.starmap(_open_and_count, [(str(path), start)] * 4)
        assert counts == [2, 2, 2, 2]


def test_an_upgrade_that_cannot_get_the_lock_says_busy_not_damaged(tmp_path: Path) -> None:
    # Another process holds the write lock past the wait (a long update, or a first open
    # upgrading a big old index): "damaged" would send `--rebuild` to set a healthy file aside.
    path = tmp_path / "manifest.sqlite3"
    _old_manifest(path)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ManifestBusy, match="busy") as caught:
            Manifest(path, busy_timeout=0.2)
        assert not isinstance(caught.value, ManifestDamaged)
    finally:
        holder.rollback()
        holder.close()
    manifest = Manifest(path)  # the lock gone, the same file opens and upgrades
    assert [c.words for c in manifest.get_chunks(["a0#0"])] == [joined_words(TEXTS[0])]
    manifest.close()
