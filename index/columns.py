"""Filter columns: each BM25 row's outlet, publication time and state as numpy arrays.

A filtered query used to read the set of allowed chunk ids from SQLite every time
(~30,000 ids for an `as_of` filter on the dev corpus: 15-65 ms). The same facts, read
once per BM25 revision into arrays aligned with the BM25 rows, turn a filter into a
vectorised mask (well under a millisecond) and tell vector search how selective the
filter is before it asks Chroma.
"""

from __future__ import annotations

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


class FilterRows(Protocol):
    """Where the columns come from (`index.manifest.Manifest` provides it)."""

    def chunk_filter_rows(self) -> list[tuple[str, str | None, int | None, bool]]: ...


class FilterColumns:
    """Per-row outlet codes, publication times and usability, aligned with `slot_ids`."""

    def __init__(self, slot_ids: Sequence[str], alive: Sequence[bool], rows: FilterRows) -> None:
        by_id = {cid: (source, ts, done) for cid, source, ts, done in rows.chunk_filter_rows()}
        n = len(slot_ids)
        self._slot_ids = list(slot_ids)
        self._slot_of: dict[str, int] = {}
        self._codes: dict[str, int] = {}
        self.source = np.full(n, _NO_OUTLET, dtype=np.int32)
        self.published = np.full(n, _NO_DATE, dtype=np.int64)
        self.usable = np.zeros(n, dtype=bool)  # live row of an article done in the manifest
        for slot, cid in enumerate(slot_ids):
            found = by_id.get(cid)
            if found is None or not alive[slot]:
                continue
            self._slot_of[cid] = slot
            source, ts, done = found
            if source:
                self.source[slot] = self._codes.setdefault(source, len(self._codes))
            if ts is not None:
                self.published[slot] = ts
            self.usable[slot] = done
        self._usable_count = int(self.usable.sum())
        self._masks: OrderedDict[ChunkFilter, BoolArray] = OrderedDict()
        self._lock = threading.Lock()

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
    def outlets(self) -> list[str]:
        """Every outlet named by a live row."""
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
        return [slot_ids[slot] for slot in np.flatnonzero(self.mask(flt))]

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
    """The `FilterColumns` of one BM25 index object, rebuilt when it or the manifest moves."""

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
            columns = FilterColumns(lexical.slot_ids, lexical.alive, self._rows)
            self._key, self._columns = key, columns
            return columns


def _same(a: tuple[Any, int, int], b: tuple[Any, int, int]) -> bool:
    return a[0] is b[0] and a[1:] == b[1:]
