"""Filter columns: each BM25 row's outlet, publication time and state as numpy arrays.

A filtered query used to read the set of allowed chunk ids from SQLite every time
(~30,000 ids for an `as_of` filter on the dev corpus: 15-65 ms). The same facts, read
once per BM25 revision into arrays aligned with the BM25 rows, turn a filter into a
vectorised mask (well under a millisecond) and tell vector search how selective the
filter is before it asks Chroma.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from index.filters import NO_OUTLET, ChunkFilter

BoolArray = npt.NDArray[np.bool_]
_NO_DATE = np.iinfo(np.int64).min  # never inside a date bound: undated rows fail it
_NO_OUTLET = -1  # the outlet code of rows whose article names no outlet
MASKS_KEPT = 32  # filters remembered per revision (as_of dates repeat; memory stays small)


FilterRow = tuple[str, str | None, int | None, bool]  # chunk id, outlet, published, done


class FilterRows(Protocol):
    """Where the columns come from (`index.manifest.Manifest` provides it)."""

    def chunk_filter_rows(self, ids: Sequence[str] | None = None) -> list[FilterRow]:
        """The rows of these chunks (None: of every chunk)."""
        ...

    def unusable_chunk_ids(self) -> list[str]:
        """Chunks that may have rows but must not pass: retired ones, those of articles
        being repaired."""
        ...


class FilterColumns:
    """Per-row outlet codes, publication times and usability, aligned with `slot_ids`."""

    def __init__(self, slot_ids: Sequence[str], alive: Sequence[bool], rows: FilterRows) -> None:
        n = len(slot_ids)
        self._slot_ids = slot_ids  # the BM25 index's list: rows appended to it later are new
        self._live = np.asarray(alive, dtype=bool)
        self._slot_of: dict[str, int] = {}
        self._codes: dict[str, int] = {}
        self.source = np.full(n, _NO_OUTLET, dtype=np.int32)
        self.published = np.full(n, _NO_DATE, dtype=np.int64)
        self.usable = np.zeros(n, dtype=bool)  # live row of an article done in the manifest
        found = {row[0]: row for row in rows.chunk_filter_rows()}
        self._fill(np.flatnonzero(self._live), found)
        self._usable_count = int(self.usable.sum())
        self._masks: OrderedDict[ChunkFilter, BoolArray] = OrderedDict()
        self._lock = threading.Lock()

    def _fill(self, slots: npt.NDArray[np.intp], found: dict[str, FilterRow]) -> None:
        """Set these (live) rows from the manifest's rows; a chunk it lacks does not pass."""
        for slot in slots.tolist():
            cid = self._slot_ids[slot]
            row = found.get(cid)
            if row is None:
                self.usable[slot] = False
                if self._slot_of.get(cid) == slot:
                    del self._slot_of[cid]
                continue
            _, source, ts, done = row
            self._slot_of[cid] = slot
            code = self._codes.setdefault(source, len(self._codes)) if source else _NO_OUTLET
            self.source[slot] = code
            self.published[slot] = _NO_DATE if ts is None else ts
            self.usable[slot] = done

    def extended(self, alive: Sequence[bool], rows: FilterRows) -> FilterColumns:
        """The columns after this process's own writes, which only append BM25 rows (to
        the same list), delete some and commit or repair articles: new rows, rows that
        did not pass and the manifest's unusable chunks are read again, by id; not every
        chunk (1-2 s per 100k chunks)."""
        new = copy.copy(self)
        n_old, n = len(self._live), len(self._slot_ids)
        new._live = np.asarray(alive, dtype=bool)
        new._slot_of, new._codes = dict(self._slot_of), dict(self._codes)
        new.source = np.concatenate([self.source, np.full(n - n_old, _NO_OUTLET, np.int32)])
        new.published = np.concatenate([self.published, np.full(n - n_old, _NO_DATE, np.int64)])
        new.usable = np.concatenate([self.usable, np.zeros(n - n_old, dtype=bool)])
        died = np.flatnonzero(self._live & ~new._live[:n_old])
        new._fill(died, {})
        recheck = new._live.copy()
        recheck[:n_old] &= ~self.usable  # new rows, and old ones that did not pass
        unusable = [new._slot_of[c] for c in rows.unusable_chunk_ids() if c in new._slot_of]
        recheck[np.asarray(unusable, dtype=np.intp)] = True
        slots = np.flatnonzero(recheck)
        ids = [self._slot_ids[slot] for slot in slots.tolist()]
        new._fill(slots, {row[0]: row for row in rows.chunk_filter_rows(ids)})
        new._usable_count = int(new.usable.sum())
        new._masks, new._lock = OrderedDict(), threading.Lock()
        return new

    def mask(self, flt: ChunkFilter) -> BoolArray:
        """Rows that pass the filter (and whose article is done)."""
        with self._lock:
            cached = self._masks.get(flt)
            if cached is not None:
                self._masks.move_to_end(flt)
                return cached
        mask = self.usable.copy()
        if flt.sources:
            codes = [self._codes[s] for s in flt.sources if s in self._codes]
            if NO_OUTLET in flt.sources:
                codes.append(_NO_OUTLET)
            mask &= np.isin(self.source, np.asarray(codes, dtype=np.int32))
        lo, hi = flt.epoch_bounds()
        if lo is not None or hi is not None:
            mask &= self.published != _NO_DATE
            if lo is not None:
                mask &= self.published >= lo
            if hi is not None:
                mask &= self.published < hi
        with self._lock:
            self._masks[flt] = mask
            while len(self._masks) > MASKS_KEPT:
                self._masks.popitem(last=False)
        return mask

    @property
    def slot_list(self) -> Sequence[str]:
        """The BM25 index's own list of row ids these columns were built from."""
        return self._slot_ids

    @property
    def outlets(self) -> list[str]:
        """Every outlet named by a live row (and, after `extended`, by rows since deleted)."""
        return list(self._codes)

    @property
    def rows(self) -> int:
        """Live rows (chunks in the index, pending ones included)."""
        return len(self._slot_of)

    def passing(self, ids: Sequence[str], flt: ChunkFilter) -> list[bool]:
        """Whether each chunk id passes the filter (ids without a usable row do not)."""
        mask = self.mask(flt)
        slots = [self._slot_of.get(cid, -1) for cid in ids]
        return [slot >= 0 and bool(mask[slot]) for slot in slots]

    def ids(self, flt: ChunkFilter) -> list[str]:
        """The chunk ids that pass the filter."""
        slot_ids = self._slot_ids
        return [slot_ids[slot] for slot in np.flatnonzero(self.mask(flt)).tolist()]

    def view(self, flt: ChunkFilter) -> FilterView:
        return FilterView(self, flt)

    def share(self, flt: ChunkFilter) -> float:
        """The fraction of the usable rows that pass the filter."""
        if not self._usable_count:
            return 0.0
        return float(self.mask(flt).sum()) / self._usable_count


class FilterView:
    """One filter applied to the columns (what `filtered_search.query_filtered` asks about)."""

    def __init__(self, columns: FilterColumns, flt: ChunkFilter) -> None:
        self._columns = columns
        self._flt = flt

    @property
    def share(self) -> float:
        return self._columns.share(self._flt)

    @property
    def total(self) -> int:
        return self._columns.rows

    @property
    def where(self) -> dict[str, Any] | None:
        return self._flt.chroma_where(self._columns.outlets)

    def passing(self, ids: Sequence[str]) -> list[bool]:
        return self._columns.passing(ids, self._flt)

    def ids(self) -> list[str]:
        return self._columns.ids(self._flt)


class ColumnCache:
    """The `FilterColumns` of one BM25 index object, brought up to date when it or the
    manifest moves: extended after this process's writes, read whole for another object."""

    def __init__(self, rows: FilterRows) -> None:
        self._rows = rows
        self._key: tuple[Any, int, int] | None = None
        self._columns: FilterColumns | None = None
        self._lock = threading.Lock()

    def columns(self, lexical: Any, generation: int) -> FilterColumns:
        """Columns for `lexical` (a `LexicalIndex`) at the manifest's write `generation`.

        The caller holds the BM25 lock, so rows cannot move while the columns are read.
        """
        key = (lexical, int(lexical.revision), generation)
        with self._lock:
            cached = self._columns
            if cached is not None and self._key is not None and _same(self._key, key):
                return cached
            slot_ids = lexical.slot_ids
            if cached is not None and cached.slot_list is slot_ids:
                # The same index object and row list (not renumbered): extend the columns.
                columns = cached.extended(lexical.alive, self._rows)
            else:
                columns = FilterColumns(slot_ids, lexical.alive, self._rows)
            self._key, self._columns = key, columns
            return columns


def _same(a: tuple[Any, int, int], b: tuple[Any, int, int]) -> bool:
    return a[0] is b[0] and a[1:] == b[1:]
