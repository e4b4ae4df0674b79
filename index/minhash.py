"""MinHash sketches and the banded LSH index that finds candidate near-duplicates.

What index/duplicates.py used from datasketch (`LeanMinHash`, `MinHashLSH` with its
in-memory storage), in numpy and plain dicts: importing datasketch loads
`scipy.integrate` (~0.8 s of CPU in every process that indexes an article). The
behaviour is datasketch's: the same Jaccard estimate, the same bands (b, r) chosen for
a threshold (the weighted sum of false-positive and false-negative probability,
minimised over every b * r <= num_perm), and a query returns every key sharing a band.
tests/unit/test_minhash.py compares both with datasketch.
"""

from __future__ import annotations

from functools import cache

import numpy as np


class MinHash:
    """A frozen MinHash sketch: its hash values (one per permutation)."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: np.ndarray) -> None:
        self.hashvalues = np.asarray(hashvalues, dtype=np.uint32)

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: MinHash) -> float:
        """The estimated Jaccard similarity: the share of equal hash values."""
        if len(self) != len(other):
            raise ValueError("MinHash sketches of different numbers of permutations")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self))


@cache
def optimal_bands(
    threshold: float, num_perm: int, false_positive_weight: float = 0.5
) -> tuple[int, int]:
    """(bands, rows per band) minimising the weighted false-positive and false-negative
    probability at `threshold`: datasketch's grid search over b * r <= num_perm.

    The integrands are polynomials of degree b * r <= num_perm, so Gauss-Legendre with
    num_perm // 2 + 1 nodes integrates them exactly (datasketch calls scipy's `quad`).
    """
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands = np.array([b for b, _ in pairs], dtype=np.float64)[:, None]
    rows = np.array([r for _, r in pairs], dtype=np.float64)[:, None]
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(lo: float, hi: float, negative: bool) -> np.ndarray:
        s = (hi - lo) / 2 * nodes[None, :] + (hi + lo) / 2
        candidate = 1 - (1 - s**rows) ** bands  # P(a pair at similarity s shares a band)
        values = 1 - candidate if negative else candidate
        result: np.ndarray = (hi - lo) / 2 * (values @ weights)
        return result

    false_positive = integral(0.0, threshold, negative=False)
    false_negative = integral(threshold, 1.0, negative=True)
    error = false_positive * false_positive_weight + false_negative * (1 - false_positive_weight)
    return pairs[int(np.argmin(error))]


class MinHashLSH:
    """Keys by band: a query returns every key whose sketch equals the query's in at
    least one band of `r` consecutive hash values."""

    def __init__(self, threshold: float = 0.9, num_perm: int = 128) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold must be in [0.0, 1.0]")
        if num_perm < 2:
            raise ValueError("Too few permutation functions")
        self.num_perm = num_perm
        self.b, self.r = optimal_bands(threshold, num_perm)
        if self.b < 2:
            raise ValueError("The number of bands are too small (b < 2)")
        self._tables: list[dict[bytes, set[str]]] = [{} for _ in range(self.b)]
        self._keys: dict[str, list[bytes]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def _bands(self, minhash: MinHash) -> list[bytes]:
        if len(minhash) != self.num_perm:
            raise ValueError(f"Expecting minhash with length {self.num_perm}, got {len(minhash)}")
        raw, step = minhash.hashvalues.tobytes(), 4 * self.r  # 4 bytes per uint32 value
        return [raw[i * step : (i + 1) * step] for i in range(self.b)]

    def insert(self, key: str, minhash: MinHash) -> None:
        if key in self._keys:
            raise ValueError("The given key already exists")
        bands = self._keys[key] = self._bands(minhash)
        for band, table in zip(bands, self._tables, strict=True):
            table.setdefault(band, set()).add(key)

    def remove(self, key: str) -> None:
        if key not in self._keys:
            raise ValueError("The given key does not exist")
        for band, table in zip(self._keys.pop(key), self._tables, strict=True):
            bucket = table[band]
            bucket.discard(key)
            if not bucket:
                del table[band]

    def query(self, minhash: MinHash) -> list[str]:
        """The keys sharing at least one band with `minhash` (in no particular order)."""
        found: set[str] = set()
        for band, table in zip(self._bands(minhash), self._tables, strict=True):
            found.update(table.get(band, ()))
        return list(found)
