"""Append-only logs of numpy records beside a base file (BM25 rows, duplicate groups).

A write that changes a few rows appends one record (a small numpy archive) instead of
rewriting the base, so it costs what it changed. Each record carries the id of the base
it extends; reading stops at the first record of another base or one cut short (a write
killed mid-append), so what reads back is the last complete write. The owner of a log
rewrites its base (with a new id, the old log removed first: `new_base_id`, `drop`) when
the log has grown, and appends only while the log is exactly as long as it last saw.
"""

from __future__ import annotations

import io
import secrets
import struct
from collections.abc import Collection
from pathlib import Path
from typing import Any

import numpy as np

_HEADER = struct.Struct("<qq")  # base id, record length


def new_base_id() -> int:
    """A fresh nonzero id for a base file (0 stands for a base without one)."""
    return secrets.randbits(62) + 1


def log_takes(base_id: int, base_rows: int, log_rows: int, new_rows: int, minimum: int) -> bool:
    """Whether `new_rows` more rows go in the log (else the owner writes a new base): while
    the log stays within an eighth of its base, or `minimum` rows for a small base. A base
    saved without an id (0) has no log."""
    return bool(base_id) and log_rows + new_rows <= max(minimum, base_rows // 8)


def base_id_of(path: Path) -> int:
    """The id a base file (a numpy archive) was saved with; 0 for one saved before ids."""
    with np.load(path, allow_pickle=False) as saved:
        return int(saved["base_id"]) if "base_id" in saved else 0


def read(
    path: Path, base_id: int, keys: Collection[str] | None = None
) -> tuple[list[dict[str, np.ndarray]], int]:
    """The complete records of `base_id` in `path` (only their arrays named in `keys`, when
    given), and the length they take."""
    if not base_id:
        return [], 0
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    out: list[dict[str, np.ndarray]] = []
    pos = 0
    while pos + _HEADER.size <= len(blob):
        owner, length = _HEADER.unpack_from(blob, pos)
        start = pos + _HEADER.size
        if owner != base_id or length <= 0 or start + length > len(blob):
            break  # another base's leftovers, or a record cut short
        with np.load(io.BytesIO(blob[start : start + length]), allow_pickle=False) as saved:
            names = saved.files if keys is None else [k for k in saved.files if k in keys]
            out.append({key: saved[key] for key in names})
        pos = start + length
    return out, pos


def append(path: Path, base_id: int, expected: int, arrays: dict[str, Any]) -> int | None:
    """Append one record; the log's new length, or None when it is not `expected` bytes
    long (another writer's records, a torn tail) and nothing was written."""
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    record = buffer.getvalue()
    try:
        with path.open("ab") as handle:
            if not base_id or handle.tell() != expected:
                return None
            handle.write(_HEADER.pack(base_id, len(record)) + record)  # whole or cut short
    except OSError:
        return None
    return expected + _HEADER.size + len(record)


def drop(path: Path) -> None:
    """Remove the log (before its base is replaced: never an old log on a new base)."""
    path.unlink(missing_ok=True)
