"""Filter columns: a ChunkFilter as a mask over BM25 rows, and BM25 search with a mask."""

from __future__ import annotations

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
        self.reads = 0

    def chunk_filter_rows(self) -> list[tuple[str, str | None, int | None, bool]]:
        self.reads += 1
        return list(self.rows)


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
