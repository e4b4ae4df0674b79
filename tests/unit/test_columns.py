"""Filter columns: a ChunkFilter as a mask over BM25 rows, and BM25 search with a mask."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from index.columns import ColumnCache, FilterColumns
from index.filters import NO_OUTLET, ChunkFilter, to_epoch
from index.lexical import LexicalIndex

pytestmark = pytest.mark.unit

JUNE_10 = to_epoch(date(2022, 6, 10))
JULY_1 = to_epoch(date(2022, 7, 1))
JUNE = date(2022, 6, 1)


class Rows:
    """The manifest's `chunk_filter_rows`, from a list (our own interface)."""

    def __init__(self, rows: list[tuple[str, str | None, int | None, bool]]) -> None:
        self.rows = rows
        self.unusable: list[str] = []
        self.reads = 0
        self.asked: list[str] = []  # the ids asked for by id

    def chunk_filter_rows(
        self, ids: Sequence[str] | None = None
    ) -> list[tuple[str, str | None, int | None, bool]]:
        self.reads += 1
        if ids is None:
            return list(self.rows)
        self.asked.extend(ids)
        return [row for row in self.rows if row[0] in set(ids)]

    def unusable_chunk_ids(self) -> list[str]:
        return list(self.unusable)


ROWS = Rows(
    [
        ("a#0", "cnn.com", JUNE_10, True),
        ("a#1", "cnn.com", JUNE_10, True),
        ("b#0", "usatoday.com", JULY_1, True),
        ("c#0", None, None, True),  # unknown outlet and date
        ("d#0", "cnn.com", JULY_1, False),  # still pending
    ]
)
SLOTS = ["a#0", "a#1", "b#0", "c#0", "d#0", "gone#0", "b#0"]  # gone#0: not in the manifest
ALIVE = [True, True, False, True, True, True, True]  # b#0 was replaced: its first row is dead


def passing(flt: ChunkFilter) -> list[str]:
    mask = FilterColumns(SLOTS, ALIVE, ROWS).mask(flt)
    return [cid for cid, ok in zip(SLOTS, mask, strict=True) if ok]


def test_mask_agrees_with_chunk_filter_matches() -> None:
    assert passing(ChunkFilter(sources=("cnn.com",))) == ["a#0", "a#1"]
    assert passing(ChunkFilter(sources=("cnn.com", "nowhere.org"))) == ["a#0", "a#1"]
    assert passing(ChunkFilter(sources=("nowhere.org",))) == []
    # until is inclusive of the whole day; undated rows fail any date bound
    assert passing(ChunkFilter(until=date(2022, 6, 10))) == ["a#0", "a#1"]
    assert passing(ChunkFilter(since=date(2022, 6, 11))) == ["b#0"]
    assert passing(ChunkFilter(since=date(2022, 6, 1), until=date(2022, 7, 1))) == [
        "a#0",
        "a#1",
        "b#0",
    ]
    columns = FilterColumns(SLOTS, ALIVE, ROWS)
    assert columns.passing(["b#0", "d#0", "gone#0", "new#0"], ChunkFilter(since=JUNE)) == [
        True,
        False,
        False,
        False,
    ]
    filters = (
        ChunkFilter(until=date(2022, 6, 10)),
        ChunkFilter(sources=("cnn.com",)),
        ChunkFilter(sources=(NO_OUTLET,)),
        ChunkFilter(sources=("usatoday.com", NO_OUTLET)),
    )
    for flt in filters:
        for cid, source, ts, done in ROWS.rows:
            assert (cid in passing(flt)) == (done and flt.matches(source, ts))
    assert passing(ChunkFilter(until=date(2022, 7, 1))).count("b#0") == 1  # the live row


def test_unknown_outlet_is_the_rows_without_one() -> None:
    assert passing(ChunkFilter(sources=(NO_OUTLET,))) == ["c#0"]
    assert passing(ChunkFilter(sources=("cnn.com", NO_OUTLET))) == ["a#0", "a#1", "c#0"]
    assert passing(ChunkFilter(sources=(NO_OUTLET,), since=JUNE)) == []  # c#0 is undated
    empty = Rows([("e#0", "", JUNE_10, True), ("f#0", "cnn.com", JUNE_10, True)])
    columns = FilterColumns(["e#0", "f#0"], [True, True], empty)
    assert columns.mask(ChunkFilter(sources=(NO_OUTLET,))).tolist() == [True, False]
    assert columns.outlets == ["cnn.com"]


def test_chroma_where_names_the_outlets_not_picked_for_unknown() -> None:
    outlets = ["cnn.com", "usatoday.com", "bbc.co.uk"]
    assert ChunkFilter(sources=("cnn.com",)).chroma_where(outlets) == {
        "source": {"$in": ["cnn.com"]}
    }
    where = ChunkFilter(sources=("cnn.com", NO_OUTLET), since=JUNE).chroma_where(outlets)
    assert where == {
        "$and": [
            {"source": {"$nin": ["bbc.co.uk", "usatoday.com"]}},
            {"published_ts": {"$gte": to_epoch(JUNE)}},
        ]
    }
    with pytest.raises(ValueError, match="needs the index's outlets"):
        ChunkFilter(sources=(NO_OUTLET,)).chroma_where()
    # every outlet picked, and "(unknown)": no outlet clause at all
    assert ChunkFilter(sources=(NO_OUTLET, *outlets)).chroma_where(outlets) is None
    view = FilterColumns(SLOTS, ALIVE, ROWS).view(ChunkFilter(sources=(NO_OUTLET,)))
    assert view.where == {"source": {"$nin": ["cnn.com", "usatoday.com"]}}


def test_share_counts_usable_rows_only() -> None:
    columns = FilterColumns(SLOTS, ALIVE, ROWS)
    assert columns.share(ChunkFilter(sources=("cnn.com",))) == pytest.approx(2 / 4)
    assert columns.share(ChunkFilter(since=date(2100, 1, 1))) == 0.0


def test_cache_rebuilds_when_rows_or_generation_move(tmp_path: Path) -> None:
    rows = Rows([("x#0", "cnn.com", JUNE_10, True)])
    lex = LexicalIndex.empty(tmp_path)
    lex.add(["x#0"], ["storm hits the coast"])
    cache = ColumnCache(rows)
    first = cache.columns(lex, 2)
    assert cache.columns(lex, 2) is first and rows.reads == 1
    assert cache.columns(lex, 3) is not first  # a write started or ended
    rows.rows.append(("y#0", "cnn.com", JULY_1, True))
    lex.add(["y#0"], ["storm season ends"])
    columns = cache.columns(lex, 3)
    assert rows.reads == 3
    assert columns.mask(ChunkFilter(since=date(2022, 6, 20))).tolist() == [False, True]


def test_lexical_search_with_a_mask(tmp_path: Path) -> None:
    lex = LexicalIndex.empty(tmp_path)
    lex.add(["a", "b", "c"], ["storm budget", "storm city", "storm storm storm"])
    everything = [cid for cid, _ in lex.search("storm", 3)]
    mask = np.array([cid != everything[0] for cid in lex.slot_ids])
    assert [cid for cid, _ in lex.search("storm", 3, allowed=mask)] == everything[1:]
    with pytest.raises(ValueError, match="rows"):
        lex.search("storm", 3, allowed=np.ones(2, dtype=bool))


def _arrays(columns: FilterColumns) -> list[object]:
    """Which rows pass at all, and the outlet and date of those (others are never read)."""
    usable = columns.usable.tolist()
    names = [columns.outlets[code] if code >= 0 else None for code in columns.source.tolist()]
    dates = columns.published.tolist()
    return [usable, [(n, d) for n, d, ok in zip(names, dates, usable, strict=True) if ok]]


def test_columns_extended_after_writes_match_columns_read_whole(tmp_path: Path) -> None:
    rng = random.Random(5)
    rows = Rows([])
    lex = LexicalIndex.empty(tmp_path)
    cache = ColumnCache(rows)
    outlets = ["cnn.com", "usatoday.com", None]
    extended = 0
    for step in range(60):
        for _ in range(rng.randrange(1, 4)):
            cid = f"a{rng.randrange(30)}#{rng.randrange(3)}"
            action = rng.random()
            known = [r for r in rows.rows if r[0] == cid]
            if action < 0.5:  # staged: in BM25, not yet in the manifest
                lex.add([cid], [f"story {step} about {cid}"])
            elif action < 0.75 and cid in lex:  # committed
                if known:  # the same id staged again with other facts (a replica's apply)
                    lex.add([cid], [f"story {step} again about {cid}"])
                rows.rows = [r for r in rows.rows if r[0] != cid]
                when = JUNE_10 if rng.random() < 0.5 else JULY_1
                rows.rows.append((cid, rng.choice(outlets), when, rng.random() < 0.8))
            elif action < 0.85 and known:  # retired by a commit: listed, still in BM25
                rows.rows = [r for r in rows.rows if r[0] != cid]
                rows.unusable.append(cid)
            else:  # gone from both
                lex.delete([cid])
                rows.rows = [r for r in rows.rows if r[0] != cid]
                rows.unusable = [u for u in rows.unusable if u != cid]
        same_list = cache._columns is not None and cache._columns.slot_list is lex.slot_ids
        columns = cache.columns(lex, step)
        extended += same_list
        whole = FilterColumns(lex.slot_ids, lex.alive, rows)
        assert _arrays(columns) == _arrays(whole), step
        for flt in (ChunkFilter(sources=("cnn.com",)), ChunkFilter(since=date(2022, 6, 20))):
            assert columns.mask(flt).tolist() == whole.mask(flt).tolist()
            ids = [f"a{i}#{j}" for i in range(30) for j in range(3)]
            assert columns.passing(ids, flt) == whole.passing(ids, flt)
    assert extended > 30  # most steps took the incremental path


def test_extending_reads_only_new_and_unusable_rows(tmp_path: Path) -> None:
    rows = Rows([(f"x{i}#0", "cnn.com", JUNE_10, True) for i in range(50)])
    lex = LexicalIndex.empty(tmp_path)
    lex.add([f"x{i}#0" for i in range(50)], [f"text {i}" for i in range(50)])
    cache = ColumnCache(rows)
    cache.columns(lex, 2)
    lex.add(["new#0"], ["a new chunk"])
    rows.rows.pop(3)  # x3#0 retired by a commit, its BM25 row not yet deleted
    rows.unusable = ["x3#0"]
    columns = cache.columns(lex, 4)
    assert sorted(rows.asked) == ["new#0", "x3#0"]
    assert columns.passing(["x3#0", "x4#0", "new#0"], ChunkFilter()) == [False, True, False]
