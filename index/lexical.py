"""BM25 over chunk texts, updated in place and persisted beside the vector store.

bm25s cannot add or remove documents, so this is a small BM25 of our own: each
chunk's term counts are kept in a row-major sparse matrix (cheap to append, delete
and save); a column-major copy for search is derived lazily. Document frequencies
and lengths are maintained on every add/delete, so idf and the average length are
always current without re-indexing. Deleted rows are tombstoned and dropped when
the matrix is compacted. Scoring is Lucene's BM25 (the bm25s default).
Text analysis is in index/lexical_terms.py, the file format in index/lexical_file.py.

A write opens the index lazily: the vocabulary, the chunk ids and which rows are alive,
not the term counts (most of the file). Rows it adds are pending rows after the unread
ones, a save appends them to the delta file, and the unread rows are read, and their
statistics counted, only when something needs them (a search, a compaction, a new base).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy  # its submodules load when first used: scipy.sparse (~0.3 s) by a search

from index import lexical_file as files
from index.lexical_file import FILE_NAME, OnDisk, SavedRows
from index.lexical_terms import Stemming, analyze, term_rows

logger = logging.getLogger(__name__)

K1 = 1.5
B = 0.75

__all__ = ["FILE_NAME", "LexicalIndex", "Stemming", "analyze"]

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


class LexicalIndex:
    """An incrementally updated BM25 index of (chunk id, text) pairs."""

    def __init__(self, directory: Path, stemming: Stemming = "snowball") -> None:
        self._directory = Path(directory)
        self._stemming: Stemming = stemming
        self._generation: int | None = None
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._df = np.zeros(0, dtype=np.int64)
        # Compacted rows (CSR) followed by rows added since the last compaction.
        self._indptr = np.zeros(1, dtype=np.int64)
        self._indices = np.zeros(0, dtype=np.int32)
        self._data = np.zeros(0, dtype=np.float32)
        self._pending: list[tuple[npt.NDArray[np.int32], FloatArray]] = []
        self._slot_ids: list[str] = []
        self._slot_of: dict[str, int] = {}
        self._lengths: list[float] = []
        self._alive: list[bool] = []
        self._total_length = 0.0
        self._dead = 0
        self._csc: scipy.sparse.csc_array | None = None
        self._pending_csc: scipy.sparse.csc_array | None = None
        self._arrays: tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]] | None = None
        self._revision = 0
        # What the files hold (None: not these rows) and which of their rows died since.
        self._disk: OnDisk | None = None
        self._deleted_on_disk: list[int] = []
        # Slots 0 .. _unloaded - 1 are rows still only on disk (a lazy open). Until they
        # are read, `_df`, `_lengths` and `_total_length` are not kept (`_load_rows`).
        self._unloaded = 0

    # -- persistence ---------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._directory / FILE_NAME

    @classmethod
    def open(
        cls, directory: Path, stemming: Stemming = "snowball", *, lazy: bool = False
    ) -> LexicalIndex:
        """The index saved in `directory`, or an empty one if nothing usable was saved;
        `lazy`: without the term counts until they are needed (see the module docstring).

        The BM25 index is derived data: a file from another format version or stemming
        mode, or one that cannot be read, opens as empty with ``generation is None``, so
        the caller's generation check triggers a rebuild from its chunk records.
        """
        index = cls(directory, stemming)
        if not index.path.exists():
            return index
        try:
            index._load_keys() if lazy else index._load()
        except (OSError, ValueError, KeyError, EOFError) as exc:
            logger.warning("bm25 unusable, opening empty path=%s reason=%s", index.path, exc)
            return cls(directory, stemming)
        return index

    @classmethod
    def empty(cls, directory: Path, stemming: Stemming = "snowball") -> LexicalIndex:
        """A new empty index that will save into `directory` (ignores what is there)."""
        return cls(directory, stemming)

    def _load(self) -> None:
        saved, self._disk = files.read_rows(self.path, self._stemming)
        self._generation = saved.generation
        self._indptr, self._indices, self._data = saved.indptr, saved.indices, saved.data
        self._terms = saved.terms
        self._vocab = {t: i for i, t in enumerate(self._terms)}
        self._slot_ids = saved.slot_ids
        alive = saved.alive
        self._slot_of = {cid: i for i, cid in enumerate(self._slot_ids) if alive[i]}
        lengths, self._df = saved.statistics()
        self._lengths = lengths.tolist()
        self._alive = alive.tolist()
        self._dead = int((~alive).sum())
        self._total_length = float(lengths[alive].sum())
        logger.debug(
            "bm25 loaded path=%s chunks=%d terms=%d", self.path, len(self), len(self._terms)
        )

    def _load_keys(self) -> None:
        saved, self._disk = files.read_keys(self.path, self._stemming)
        self._generation = saved.generation
        self._terms = saved.terms
        self._vocab = {t: i for i, t in enumerate(self._terms)}
        self._slot_ids = saved.slot_ids
        self._alive = saved.alive.tolist()
        live = zip(saved.slot_ids, self._alive, strict=True)
        self._slot_of = {cid: i for i, (cid, alive) in enumerate(live) if alive}
        self._dead = len(self._alive) - len(self._slot_of)
        self._unloaded = len(self._slot_ids)

    @property
    def lazy(self) -> bool:
        """Whether rows opened lazily are still unread."""
        return bool(self._unloaded)

    def _load_rows(self) -> None:
        """Read the rows a lazy open left on disk and count every row's statistics."""
        n = self._unloaded
        saved, _ = files.read_rows(self.path, self._stemming)
        if saved.slot_ids[:n] != self._slot_ids[:n]:
            raise RuntimeError(f"{self.path} was rewritten since it was opened: reopen it")
        end = saved.indptr[n]
        self._indptr, self._indices, self._data = (
            saved.indptr[: n + 1],
            saved.indices[:end],
            saved.data[:end],
        )
        self._unloaded = 0
        alive = np.asarray(self._alive, dtype=bool)
        rows = SavedRows(None, self._terms, self._slot_ids, *self._all_rows(), alive)
        lengths, self._df = rows.statistics()
        self._lengths = lengths.tolist()
        self._total_length = float(lengths[alive].sum())
        self._csc = self._pending_csc = None
        self._arrays = None

    def save(self, generation: int) -> None:
        """Save, recording `generation`: the changes since the last save appended to the
        files when they are few (index/lexical_file.py), else the whole index rewritten
        atomically (temp file + rename)."""
        disk = self._disk
        if disk is not None and disk.takes(len(self._slot_ids) - disk.slots):
            deleted = np.asarray(self._deleted_on_disk, dtype=np.int64)
            delta = files.Delta(self._saved(disk.slots, disk.terms), deleted)
            disk = files.append_rows(self.path, generation, delta, disk)
        else:
            disk = None
        if disk is None:
            disk = files.write_rows(self.path, self._stemming, generation, self._saved(0, 0))
        self._disk, self._deleted_on_disk = disk, []
        self._generation = generation

    def _saved(self, first_slot: int, first_term: int) -> SavedRows:
        """The rows from `first_slot` on, and the vocabulary from `first_term` on."""
        indptr, indices, data = self._all_rows(first_slot)
        alive = np.asarray(self._alive[first_slot:], dtype=bool)
        ids, terms = self._slot_ids[first_slot:], self._terms[first_term:]
        return SavedRows(None, terms, ids, indptr, indices, data, alive)

    @property
    def generation(self) -> int | None:
        """The generation recorded by the last save (or found on open), None if never saved."""
        return self._generation

    # -- updates -------------------------------------------------------------------

    def add(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        """Index `texts` under `ids`; an id already present is replaced."""
        if len(ids) != len(texts):
            raise ValueError(f"add: {len(ids)} ids but {len(texts)} texts")
        latest = dict(zip(ids, texts, strict=True))
        if not latest:
            return
        for chunk_id in latest:
            if "\n" in chunk_id:
                raise ValueError(f"chunk id must not contain a newline: {chunk_id!r}")
        if self._unloaded and len(latest) >= 256:
            self._load_rows()  # a bulk load is compacted: it needs every row
        self.delete(latest)
        texts = list(latest.values())
        indptr, indices, data = term_rows(texts, self._stemming, self._vocab, self._terms)
        first_slot = len(self._slot_ids)
        for offset, chunk_id in enumerate(latest):
            self._slot_of[chunk_id] = first_slot + offset
        self._slot_ids.extend(latest)
        self._alive.extend([True] * len(latest))
        if not self._unloaded:
            if len(self._df) < len(self._terms):  # new terms: room for them, doubling
                self._df = np.concatenate([self._df, np.zeros(len(self._terms), np.int64)])
            np.add.at(self._df, indices, 1)
            lengths = np.add.reduceat(data, indptr[:-1]) if len(data) else np.zeros(0)
            lengths = np.where(np.diff(indptr) > 0, lengths, 0.0)
            self._lengths.extend(lengths.tolist())
            self._total_length += float(lengths.sum())
        if len(latest) >= 256:
            # A bulk load goes straight into the compacted rows.
            self._compact_if_needed(force=True, include_new=(indptr, indices, data))
        else:
            for row in range(len(latest)):
                lo, hi = indptr[row], indptr[row + 1]
                self._pending.append((indices[lo:hi], data[lo:hi]))
            self._pending_csc = None
            self._compact_if_needed()
        self._arrays = None
        self._revision += 1

    def delete(self, ids: Iterable[str]) -> None:
        """Remove chunks by id; unknown ids are ignored."""
        n_main = len(self._indptr) - 1
        for chunk_id in ids:
            slot = self._slot_of.pop(chunk_id, None)
            if slot is None:
                continue
            if not self._unloaded:
                if slot < n_main:
                    term_ids = self._indices[self._indptr[slot] : self._indptr[slot + 1]]
                else:
                    term_ids = self._pending[slot - n_main][0]
                self._df[term_ids] -= 1
                self._total_length -= self._lengths[slot]
            if self._disk is not None and slot < self._disk.slots:
                self._deleted_on_disk.append(slot)
            self._alive[slot] = False
            self._dead += 1
            self._arrays = None
            self._revision += 1

    def _all_rows(self, first: int = 0) -> tuple[IntArray, npt.NDArray[np.int32], FloatArray]:
        """The rows of slots `first`, `first` + 1, ... (compacted and pending) as one CSR."""
        if first < self._unloaded:
            self._load_rows()
        first -= self._unloaded  # the slots in memory start after the unread ones
        n_main = len(self._indptr) - 1
        start = self._indptr[min(first, n_main)]
        indptr = self._indptr[min(first, n_main) :] - start
        indices, data = self._indices[start:], self._data[start:]
        pending = self._pending[max(0, first - n_main) :]
        if not pending:
            return indptr, indices, data
        sizes = np.fromiter((len(t) for t, _ in pending), np.int64, len(pending))
        indptr = np.concatenate([indptr, indptr[-1] + np.cumsum(sizes)])
        indices = np.concatenate([indices, *(t for t, _ in pending)])
        data = np.concatenate([data, *(f for _, f in pending)])
        return indptr, indices, data

    def _compact_if_needed(
        self,
        force: bool = False,
        include_new: tuple[IntArray, npt.NDArray[np.int32], FloatArray] | None = None,
    ) -> None:
        """Fold pending (and `include_new`) rows into the CSR, dropping deleted rows."""
        n_main = len(self._indptr) - 1 + self._unloaded
        big_pending = len(self._pending) > max(2_000, n_main // 10)
        many_dead = self._dead > max(2_000, len(self._slot_ids) // 5)
        if not (force or big_pending or many_dead):
            return
        if self._unloaded:
            self._load_rows()
        indptr, indices, data = self._all_rows()
        if include_new is not None:
            new_indptr, new_indices, new_data = include_new
            indptr = np.concatenate([indptr, indptr[-1] + new_indptr[1:]])
            indices = np.concatenate([indices, new_indices])
            data = np.concatenate([data, new_data])
        if self._dead:
            keep = np.flatnonzero(np.asarray(self._alive, dtype=bool))
            matrix = scipy.sparse.csr_array(
                (data, indices, indptr), shape=(len(self._slot_ids), max(len(self._terms), 1))
            )[keep]
            indptr = matrix.indptr.astype(np.int64)
            indices = matrix.indices.astype(np.int32)
            data = matrix.data.astype(np.float32)
            self._slot_ids = [self._slot_ids[i] for i in keep]
            self._lengths = [self._lengths[i] for i in keep]
            self._slot_of = {cid: i for i, cid in enumerate(self._slot_ids)}
            self._alive = [True] * len(self._slot_ids)
            self._dead = 0
            self._disk = None  # rows renumbered: the files no longer match
        self._indptr, self._indices, self._data = indptr, indices, data
        self._pending = []
        self._csc = None
        self._pending_csc = None
        self._arrays = None
        self._revision += 1

    # -- queries -------------------------------------------------------------------

    def ids(self) -> set[str]:
        return set(self._slot_of)

    @property
    def revision(self) -> int:
        """Changes whenever rows are added, deleted or renumbered (for derived caches)."""
        return self._revision

    @property
    def slot_ids(self) -> Sequence[str]:
        """Chunk id of every row, deleted rows included: what a `search` mask is aligned to."""
        return self._slot_ids

    @property
    def alive(self) -> Sequence[bool]:
        """Per row of `slot_ids`: False for a deleted row."""
        return self._alive

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._slot_of

    def search(
        self,
        query: str,
        k: int,
        allowed: Callable[[str], bool] | Collection[str] | npt.NDArray[np.bool_] | None = None,
    ) -> list[tuple[str, float]]:
        """The `k` best (chunk id, BM25 score) pairs, best first.

        `allowed` restricts the result to some chunk ids: a predicate, a collection of
        ids, or (fastest) a boolean mask over `slot_ids` taken at the current `revision`.
        """
        if k <= 0 or not self._slot_of:
            return []
        if self._unloaded:
            self._load_rows()
        term_ids = sorted(
            {self._vocab[t] for t in analyze(query, self._stemming) if t in self._vocab}
        )
        term_ids = [t for t in term_ids if self._df[t] > 0]
        if not term_ids:
            return []
        scores = self._scores(term_ids)
        if isinstance(allowed, np.ndarray):
            if allowed.shape != scores.shape:
                raise ValueError(
                    f"allowed mask has {allowed.shape[0]} rows, the index {len(scores)}: "
                    "build it from slot_ids at the current revision"
                )
            scores[~allowed] = 0.0
            allowed = None
        elif allowed is not None and not callable(allowed):
            mask = np.zeros(len(scores), dtype=bool)
            slots = [self._slot_of[c] for c in allowed if c in self._slot_of]
            mask[np.asarray(slots, dtype=np.int64)] = True
            scores[~mask] = 0.0
            allowed = None
        candidates = np.flatnonzero(scores > 0)
        # With a filter, look at a generous prefix first and only sort everything if the
        # filter rejects most of it.
        prefix = k if allowed is None else 8 * k + 64
        results: list[tuple[str, float]] = []
        if len(candidates) > prefix:
            top = candidates[np.argpartition(-scores[candidates], prefix - 1)[:prefix]]
            results = self._take(top, scores, k, allowed)
            if len(results) == k or allowed is None:
                return results
        return self._take(candidates, scores, k, allowed)

    def _take(
        self,
        candidates: npt.NDArray[np.intp],
        scores: npt.NDArray[np.float64],
        k: int,
        allowed: Callable[[str], bool] | None,
    ) -> list[tuple[str, float]]:
        order = candidates[np.lexsort((candidates, -scores[candidates]))]
        results: list[tuple[str, float]] = []
        for slot in order:
            chunk_id = self._slot_ids[slot]
            if allowed is None or allowed(chunk_id):
                results.append((chunk_id, float(scores[slot])))
                if len(results) == k:
                    break
        return results

    def _scores(self, term_ids: list[int]) -> npt.NDArray[np.float64]:
        n_slots = len(self._slot_ids)
        n_docs = len(self._slot_of)
        avg_length = self._total_length / n_docs if n_docs else 1.0
        lengths, alive = self._slot_arrays()
        norm = K1 * (1.0 - B + B * lengths / max(avg_length, 1e-9))
        df = self._df[term_ids].astype(np.float64)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
        scores = np.zeros(n_slots, dtype=np.float64)
        n_main = len(self._indptr) - 1
        for part, offset in ((self._main_csc(), 0), (self._pending_matrix(), n_main)):
            if part is None:
                continue
            for weight, term in zip(idf, term_ids, strict=True):
                if term >= part.shape[1]:
                    continue
                lo, hi = part.indptr[term], part.indptr[term + 1]
                rows = part.indices[lo:hi] + offset
                tf = part.data[lo:hi].astype(np.float64)
                scores[rows] += weight * tf * (K1 + 1.0) / (tf + norm[rows])
        if self._dead:
            scores[~alive] = 0.0
        return scores

    def _slot_arrays(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """Per-slot lengths and liveness as arrays, cached until the next update."""
        if self._arrays is None or len(self._arrays[0]) != len(self._lengths):
            self._arrays = (
                np.asarray(self._lengths, dtype=np.float64),
                np.asarray(self._alive, dtype=bool),
            )
        return self._arrays

    def _main_csc(self) -> scipy.sparse.csc_array | None:
        n_main = len(self._indptr) - 1
        if n_main == 0:
            return None
        if self._csc is None:
            # 32-bit offsets while they fit: the column form is the biggest array a serving
            # process holds (int64 offsets made it 1.5x the size at the same content).
            small = len(self._data) < np.iinfo(np.int32).max
            indptr = self._indptr.astype(np.int32) if small else self._indptr
            self._csc = scipy.sparse.csr_array(
                (self._data, self._indices, indptr), shape=(n_main, len(self._terms))
            ).tocsc()
        return self._csc

    def _pending_matrix(self) -> scipy.sparse.csc_array | None:
        if not self._pending:
            return None
        if self._pending_csc is None:
            sizes = [len(t) for t, _ in self._pending]
            indptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
            self._pending_csc = scipy.sparse.csr_array(
                (
                    np.concatenate([f for _, f in self._pending]),
                    np.concatenate([t for t, _ in self._pending]),
                    indptr,
                ),
                shape=(len(self._pending), len(self._terms)),
            ).tocsc()
        return self._pending_csc
