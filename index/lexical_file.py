"""The BM25 index's files: a base (`bm25.npz`) and the changes appended since (`bm25.delta`).

The persistence half of index/lexical.py: the term-count rows, the vocabulary, the chunk
id of every row and which rows are alive, with the format version, the stemming mode and
the write generation that says whether the files are in step with the manifest.

A small update (one article) appends a record to the delta file: the new terms, the new
rows and which older rows died, with its generation; so it costs what it adds, not the
corpus. A larger one, or a delta grown past a share of the base, rewrites the base
(temp file + rename, after the delta file is removed) and starts an empty delta. Every
delta record carries the id of the base it extends; records of another base, and a
record cut short (a write killed mid-append), end the reading there, so the files read
back as the last complete write, whose generation the caller compares with the manifest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index import record_log

FILE_NAME = "bm25.npz"
DELTA_NAME = "bm25.delta"
FORMAT_VERSION = 1
DELTA_MIN_ROWS = 4096  # a delta may hold this many rows, or an eighth of the base if more
DELTA_MAX_RECORDS = 2048  # records read back on open: each is a small numpy archive
_KEY_ARRAYS = ("generation", "terms", "ids", "alive", "deleted")  # what `read_keys` reads


@dataclass(frozen=True)
class SavedRows:
    """What a BM25 file holds (rows in CSR form; `alive` is False for deleted rows)."""

    generation: int | None
    terms: list[str]
    slot_ids: list[str]
    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    data: npt.NDArray[np.float32]
    alive: npt.NDArray[np.bool_]

    def statistics(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
        """Each row's length (terms counted) and each term's document frequency (live rows)."""
        n = len(self.slot_ids)
        row_of_entry = np.repeat(np.arange(n), np.diff(self.indptr))
        lengths = np.bincount(row_of_entry, weights=self.data, minlength=n).astype(np.float64)
        live = self.alive[row_of_entry]
        df = np.bincount(self.indices[live], minlength=len(self.terms)).astype(np.int64)
        return lengths, df


@dataclass(frozen=True)
class SavedKeys:
    """A BM25 file's rows without their term counts: the vocabulary, each row's chunk id,
    which rows are alive (what `LexicalIndex.open(lazy=True)` reads)."""

    generation: int | None
    terms: list[str]
    slot_ids: list[str]
    alive: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class OnDisk:
    """What the files hold, so the next save can append to them instead of rewriting."""

    base_id: int
    slots: int  # rows in base + delta
    terms: int  # vocabulary size in base + delta
    base_slots: int
    delta_slots: int
    delta_records: int
    delta_bytes: int  # the delta file's length up to its last complete record

    def takes(self, new_slots: int) -> bool:
        """Whether a delta of `new_slots` more rows should be appended (else: new base;
        also for a base written before deltas existed, which has no id)."""
        fits = record_log.log_takes(
            self.base_id, self.base_slots, self.delta_slots, new_slots, DELTA_MIN_ROWS
        )
        return fits and self.delta_records < DELTA_MAX_RECORDS


@dataclass(frozen=True)
class Delta:
    """Rows added since the files were written (with the vocabulary's new terms), and
    older rows deleted since (slots below `OnDisk.slots`)."""

    rows: SavedRows
    deleted: npt.NDArray[np.int64]


def _delta_path(path: Path) -> Path:
    return path.with_name(DELTA_NAME)


def read_rows(path: Path, stemming: str) -> tuple[SavedRows, OnDisk]:
    """The saved rows (base and delta); ValueError for another format or stemming mode."""
    with np.load(path, allow_pickle=False) as saved:
        base_id = _checked_base(saved, stemming)
        rows = _rows(saved)
    base_slots = len(rows.slot_ids)
    records, end = record_log.read(_delta_path(path), base_id)
    deltas = [Delta(_rows(r), r["deleted"].astype(np.int64)) for r in records]
    if deltas:
        rows = _merged(rows, deltas)
    return rows, _on_disk(base_id, base_slots, rows.terms, rows.slot_ids, len(deltas), end)


def read_keys(path: Path, stemming: str) -> tuple[SavedKeys, OnDisk]:
    """What `read_rows` gives but the term counts: what a write that appends needs (the
    base's count arrays, most of the file, are not read)."""
    with np.load(path, allow_pickle=False) as saved:
        base_id = _checked_base(saved, stemming)
        keys = _keys(saved)
    base_slots = len(keys.slot_ids)
    records, end = record_log.read(_delta_path(path), base_id, _KEY_ARRAYS)
    parts = [keys, *(_keys(r) for r in records)]
    alive = np.concatenate([p.alive for p in parts])
    for record in records:
        alive[record["deleted"].astype(np.int64)] = False
    merged = SavedKeys(
        generation=parts[-1].generation,
        terms=[t for p in parts for t in p.terms],
        slot_ids=[c for p in parts for c in p.slot_ids],
        alive=alive,
    )
    disk = _on_disk(base_id, base_slots, merged.terms, merged.slot_ids, len(records), end)
    return merged, disk


def _checked_base(saved: Any, stemming: str) -> int:
    """The base's id, after checking its format version and stemming mode."""
    version = int(saved["version"])
    if version != FORMAT_VERSION:
        raise ValueError(f"format {version}, expected {FORMAT_VERSION}")
    built_with = str(saved["stemming"])
    if built_with != stemming:
        raise ValueError(f"built with stemming={built_with!r}, not {stemming!r}")
    return int(saved["base_id"]) if "base_id" in saved else 0


def _on_disk(
    base_id: int, base_slots: int, terms: list[str], slot_ids: list[str], records: int, end: int
) -> OnDisk:
    return OnDisk(
        base_id=base_id,
        slots=len(slot_ids),
        terms=len(terms),
        base_slots=base_slots,
        delta_slots=len(slot_ids) - base_slots,
        delta_records=records,
        delta_bytes=end,
    )


def _keys(saved: Any) -> SavedKeys:
    """The keys of a base or of a delta record (an open numpy archive)."""
    terms_blob, ids_blob = str(saved["terms"]), str(saved["ids"])
    generation = int(saved["generation"])
    return SavedKeys(
        generation=generation if generation >= 0 else None,
        terms=terms_blob.split("\n") if terms_blob else [],
        slot_ids=ids_blob.split("\n") if ids_blob else [],
        alive=saved["alive"].astype(bool),
    )


def _rows(saved: Any) -> SavedRows:
    """The rows of a base or of a delta record (an open numpy archive)."""
    keys = _keys(saved)
    return SavedRows(
        generation=keys.generation,
        terms=keys.terms,
        slot_ids=keys.slot_ids,
        indptr=saved["indptr"].astype(np.int64),
        indices=saved["indices"].astype(np.int32),
        data=saved["data"].astype(np.float32),
        alive=keys.alive,
    )


def _merged(base: SavedRows, deltas: list[Delta]) -> SavedRows:
    parts = [base, *(d.rows for d in deltas)]
    alive = np.concatenate([p.alive for p in parts])
    for delta in deltas:
        alive[delta.deleted] = False
    indptr, end = [base.indptr], base.indptr[-1]
    for part in parts[1:]:  # each delta's row offsets continue from the rows before it
        indptr.append(part.indptr[1:] + end)
        end += part.indptr[-1]
    return SavedRows(
        generation=parts[-1].generation,
        terms=[t for p in parts for t in p.terms],
        slot_ids=[c for p in parts for c in p.slot_ids],
        indptr=np.concatenate(indptr),
        indices=np.concatenate([p.indices for p in parts]),
        data=np.concatenate([p.data for p in parts]),
        alive=alive,
    )


def write_rows(path: Path, stemming: str, generation: int, rows: SavedRows) -> OnDisk:
    """Write `rows` as a new base (temp file + rename, no delta), recording `generation`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    base_id = record_log.new_base_id()
    with tmp.open("wb") as handle:
        np.savez(
            handle,
            version=np.int64(FORMAT_VERSION),
            stemming=np.str_(stemming),
            base_id=np.int64(base_id),
            **_arrays(rows, generation),
        )
    # The old delta goes first: a kill between the two leaves the old base alone, whose
    # generation is behind the manifest's (a rebuild), never an old delta on a new base.
    record_log.drop(_delta_path(path))
    os.replace(tmp, path)
    n = len(rows.slot_ids)
    return OnDisk(base_id, n, len(rows.terms), n, 0, 0, 0)


def append_rows(path: Path, generation: int, delta: Delta, disk: OnDisk) -> OnDisk | None:
    """Append `delta` to the files `disk` describes; None when they changed since (the
    caller then writes a new base)."""
    try:
        if record_log.base_id_of(path) != disk.base_id:
            return None
    except OSError:
        return None
    arrays = {"deleted": delta.deleted, **_arrays(delta.rows, generation)}
    end = record_log.append(_delta_path(path), disk.base_id, disk.delta_bytes, arrays)
    if end is None:
        return None
    return OnDisk(
        base_id=disk.base_id,
        slots=disk.slots + len(delta.rows.slot_ids),
        terms=disk.terms + len(delta.rows.terms),
        base_slots=disk.base_slots,
        delta_slots=disk.delta_slots + len(delta.rows.slot_ids),
        delta_records=disk.delta_records + 1,
        delta_bytes=end,
    )


def _arrays(rows: SavedRows, generation: int) -> dict[str, Any]:
    return {
        "generation": np.int64(generation),
        "terms": np.str_("\n".join(rows.terms)),
        "ids": np.str_("\n".join(rows.slot_ids)),
        "indptr": rows.indptr,
        "indices": rows.indices,
        "data": rows.data,
        "alive": rows.alive,
    }
