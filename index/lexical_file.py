"""The BM25 index's file (`bm25.npz`): written atomically, read back whole or rejected.

The persistence half of index/lexical.py: the term-count rows, the vocabulary, the chunk
id of every row and which rows are alive, with the format version, the stemming mode and
the write generation that says whether the file is in step with the manifest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

FILE_NAME = "bm25.npz"
FORMAT_VERSION = 1


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


def read_rows(path: Path, stemming: str) -> SavedRows:
    """The saved rows; ValueError for another format version or stemming mode."""
    with np.load(path, allow_pickle=False) as saved:
        version = int(saved["version"])
        if version != FORMAT_VERSION:
            raise ValueError(f"format {version}, expected {FORMAT_VERSION}")
        built_with = str(saved["stemming"])
        if built_with != stemming:
            raise ValueError(f"built with stemming={built_with!r}, not {stemming!r}")
        terms_blob = str(saved["terms"])
        ids_blob = str(saved["ids"])
        generation = int(saved["generation"])
        return SavedRows(
            generation=generation if generation >= 0 else None,
            terms=terms_blob.split("\n") if terms_blob else [],
            slot_ids=ids_blob.split("\n") if ids_blob else [],
            indptr=saved["indptr"].astype(np.int64),
            indices=saved["indices"].astype(np.int32),
            data=saved["data"].astype(np.float32),
            alive=saved["alive"].astype(bool),
        )


def write_rows(path: Path, stemming: str, generation: int, rows: SavedRows) -> None:
    """Write `rows` atomically (temp file + rename), recording `generation`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        np.savez(
            handle,
            version=np.int64(FORMAT_VERSION),
            generation=np.int64(generation),
            stemming=np.str_(stemming),
            terms=np.str_("\n".join(rows.terms)),
            ids=np.str_("\n".join(rows.slot_ids)),
            indptr=rows.indptr,
            indices=rows.indices,
            data=rows.data,
            alive=rows.alive,
        )
    os.replace(tmp, path)
