"""The saved duplicate groups as columns: enough to group a few new articles.

Loading `DuplicateFinder` (index/duplicates.py) builds Python objects for every saved
article (a MinHash, its LSH band entries, member lists: ~0.2 s for the dev corpus's
3,900 articles) before one article is added. A write that only adds a few new articles
needs each one's best match and nothing else: this holds the saved rows as arrays (the
base, then each delta record: the last row of an id wins, removed ids go) and finds that
match by the finder's own rules, over all rows at once: the candidates are the articles
with the same exact digest or sharing one of the LSH bands (`optimal_bands`, as
`MinHashLSH`), scored by the estimated Jaccard similarity, ties going to the article
added first. It keeps the parts as read, so a write that needs more (a changed or
removed article, a new base) gets the finder `finder()` replays from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.duplicates import (
    NUM_PERM,
    THRESHOLD,
    DuplicateFinder,
    Signature,
    check_format,
    saved_rows,
)
from index.minhash import MinHash, optimal_bands

Part = tuple[list[str], Mapping[str, np.ndarray]]  # (ids removed, rows), in saved order
_COLUMNS = ("ids", "seq", "groups", "exact", "has_minhash", "hashvalues")


class GroupTable:
    """The live rows of saved duplicate groups, plus the new articles added to them."""

    def __init__(self, threshold: float, num_perm: int, parts: list[Part]) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._parts = parts
        self.base_rows = len(parts[0][1]["ids"]) if parts else 0
        self._bands = optimal_bands(threshold, num_perm)
        latest: dict[str, int] = {}  # id -> its last row among every part's rows
        seqs: list[np.ndarray] = []
        offset = 0
        for removed, rows in parts:
            for article_id in removed:
                latest.pop(article_id, None)
            ids = rows["ids"].tolist()
            latest.update(zip(ids, range(offset, offset + len(ids)), strict=True))
            seqs.append(rows["seq"])
            offset += len(ids)
        every = [np.concatenate([rows[c] for _, rows in parts]) for c in _COLUMNS] if parts else []
        keep = np.fromiter(latest.values(), dtype=np.int64, count=len(latest))
        self.ids: list[str] = list(latest)
        if parts:
            self._seq = every[1][keep].astype(np.int64)
            self._groups: list[str] = every[2][keep].tolist()
            self._exact = every[3][keep]
            self._has_minhash = every[4][keep].astype(bool)
            self._hashvalues = every[5][keep].astype(np.uint32)
        else:
            self._seq = np.zeros(0, dtype=np.int64)
            self._groups = []
            self._exact = np.zeros(0, dtype=str)
            self._has_minhash = np.zeros(0, dtype=bool)
            self._hashvalues = np.zeros((0, num_perm), dtype=np.uint32)
        self._row = {article_id: row for row, article_id in enumerate(self.ids)}
        # The finder's next sequence number: past every row ever read, removed ones too.
        self._next_seq = max((int(s.max()) for s in seqs if len(s)), default=0)
        self._added: list[str] = []

    @classmethod
    def read(cls, path: Path, records: list[dict[str, np.ndarray]]) -> GroupTable:
        """The base file's rows (none when it is missing) and the delta records after it."""
        if not path.exists():  # (then there are no records: they need a base's id)
            return cls(THRESHOLD, NUM_PERM, [])
        with np.load(path, allow_pickle=False) as data:
            check_format(path, data)
            threshold, num_perm = float(data["threshold"]), int(data["num_perm"])
            base = {column: data[column] for column in _COLUMNS}
        parts: list[Part] = [([], base)]
        parts += [(record["removed"].tolist(), record) for record in records]
        return cls(threshold, num_perm, parts)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row

    def __len__(self) -> int:
        return len(self.ids)

    def knows_any(self, article_ids: Iterable[str]) -> bool:
        return any(article_id in self._row for article_id in article_ids)

    def add(self, article_id: str, sig: Signature) -> str:
        """Register a new article (not known yet) as the finder would; its group id."""
        if article_id in self._row:
            raise ValueError(f"{article_id!r} is grouped already: change it through the finder")
        group = self._best_group(sig) or article_id
        self._next_seq += 1
        values = sig.minhash.hashvalues if sig.minhash is not None else 0
        self._row[article_id] = len(self.ids)
        self.ids.append(article_id)
        self._seq = np.append(self._seq, self._next_seq)
        self._groups.append(group)
        self._exact = np.append(self._exact, sig.exact)
        self._has_minhash = np.append(self._has_minhash, sig.minhash is not None)
        row = np.zeros((1, self.num_perm), dtype=np.uint32)
        row[0] = values
        self._hashvalues = np.concatenate([self._hashvalues, row])
        self._added.append(article_id)
        return group

    def _best_group(self, sig: Signature) -> str | None:
        """`DuplicateFinder._best_match`, over every row at once."""
        best: tuple[float, int, str] | None = None
        if sig.exact:
            for row in np.flatnonzero(self._exact == sig.exact).tolist():
                candidate = (1.0, -int(self._seq[row]), self.ids[row])
                best = max(best, candidate) if best else candidate
        if sig.minhash is not None and len(self.ids):
            bands, rows_per_band = self._bands
            same = self._hashvalues == sig.minhash.hashvalues
            banded = same[:, : bands * rows_per_band].reshape(len(same), bands, rows_per_band)
            shared = np.flatnonzero(banded.all(axis=2).any(axis=1) & self._has_minhash)
            scores = np.count_nonzero(same[shared], axis=1) / float(len(sig.minhash))
            for row, score in zip(shared.tolist(), scores.tolist(), strict=True):
                if score >= self.threshold:
                    candidate = (score, -int(self._seq[row]), self.ids[row])
                    best = max(best, candidate) if best else candidate
        return self._groups[self._row[best[2]]] if best else None

    def rows(self, ids: Sequence[str]) -> dict[str, Any]:
        """The saved form of these (known) articles, as `DuplicateFinder.rows` gives it."""
        at = [self._row[article_id] for article_id in ids]
        sigs = [
            Signature(MinHash(self._hashvalues[r]) if self._has_minhash[r] else None, str(e))
            for r, e in zip(at, self._exact[at].tolist(), strict=True)
        ]
        seqs = [int(self._seq[r]) for r in at]
        return saved_rows(list(ids), seqs, [self._groups[r] for r in at], sigs, self.num_perm)

    def finder(self) -> DuplicateFinder:
        """The finder these rows stand for: the saved parts replayed as
        `ArticleGroups.load` did, then the articles added here."""
        finder = DuplicateFinder(threshold=self.threshold, num_perm=self.num_perm)
        for removed, rows in self._parts:
            for article_id in removed:
                finder.forget(article_id)
            finder.restore_rows(rows)
        if self._added:
            finder.restore_rows(self.rows(self._added))
        return finder
