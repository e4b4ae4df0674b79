"""Near-duplicate detection at ingest: wire copies and re-scrapes share one group.

Each article's body is reduced to word 5-shingles after dropping boilerplate lines
(bylines, "Share this", "N min read", photo credits, gallery captions, very short
lines such as captions' leftovers and datelines), sketched with a 128-permutation MinHash and
indexed in a `MinHashLSH`. A new article joins the group of the most similar
earlier article whose estimated Jaccard similarity is at least `threshold`
(0.8 by default: re-published copies score 0.85-1.0; on the dev corpus, updated
versions of a story and different stories sharing a photo gallery score up to
~0.8, different stories on one topic far less). Texts too short to shingle reliably
only match an identical (normalised) text.

The group id is the id of the canonical article: the first one added. Feed
articles oldest-published first if the canonical should be the original.

Removing an article: a non-canonical member just leaves its group. Removing a
canonical article dissolves its group and re-adds the remaining members in their
original order, so the earliest remaining member becomes the new canonical and
members that only resembled the removed article may split off. `remove` returns
the ids whose group changed so the caller can update stored metadata. A changed text
goes through `update` (or `add`): same text is a no-op; a changed canonical article
keeps its place and its group is regrouped, so it stays canonical while its copies
still match; `update` also returns the other ids whose group changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.minhash import MinHash, MinHashLSH

logger = logging.getLogger(__name__)

SHINGLE_WORDS = 5
MIN_SHINGLES = 8  # fewer than this: only an identical normalised text matches
_FORMAT_VERSION = 1
THRESHOLD = 0.8  # the defaults (and what a missing file loads with)
NUM_PERM = 128
_SEED = 1

_WORD = re.compile(r"\w+")
_BOILERPLATE_LINE = re.compile(
    r"""^\s*(?:
        by\s+[^.!?]{1,60}$                               # byline, not a sentence
      | (?:share|share\s+this(?:\s+article|\s+story)?|tweet|email|print|comments?)\s*$
      | \d+\s+min(?:ute)?s?\s+read\s*$
      | (?:read|see|watch)\s+more\b.*$
      | (?:sign\s+up|subscribe|follow\s+us|advertisement|related:?|copyright|©).*$
      | .*\b(?:ap|afp|getty|reuters|epa|shutterstock)\s*(?:photo|images?|/).*$
      | .*\((?:photo|image|credit)[^)]*\)\s*$
      | .*\ball\s+rights\s+reserved\b.*$
      | .*\bhide\s+caption\b.*$                           # photo-gallery captions
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_MIN_LINE_WORDS = 4
_MAX_BOILERPLATE_WORDS = 40
_POLY_BASE = 0x01000193  # odd; uint32 arithmetic wraps modulo 2**32
# Caches filled on first use (powers of the base; the permutation coefficients).
_POWERS: dict[str, np.ndarray] = {}
_PERMUTATIONS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


@dataclass(frozen=True)
class Signature:
    """What `DuplicateFinder.add` needs from a text; computable ahead of time."""

    minhash: MinHash | None  # None when the text has too few shingles
    exact: str  # digest of the normalised body ("" for a text without words)


def _body_tokens(text: str) -> list[str]:
    normalised = unicodedata.normalize("NFKC", text).casefold()
    tokens: list[str] = []
    for line in normalised.splitlines():
        words = _WORD.findall(line)
        # Boilerplate lines are short; long lines skip the (slower) pattern check.
        if len(words) >= _MIN_LINE_WORDS and (
            len(words) > _MAX_BOILERPLATE_WORDS or not _BOILERPLATE_LINE.match(line)
        ):
            tokens.extend(words)
    if len(tokens) < SHINGLE_WORDS + MIN_SHINGLES:  # everything looked like boilerplate
        tokens = _WORD.findall(normalised)
    return tokens


def _shingle_hashes(tokens: list[str]) -> np.ndarray:
    """32-bit hashes of every distinct run of SHINGLE_WORDS tokens.

    A polynomial hash mod 2**32 over the code points of the space-joined tokens,
    computed for all windows at once from prefix sums (P is odd, so invertible).
    """
    n = len(tokens) - SHINGLE_WORDS + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint32)
    chars = np.frombuffer(" ".join(tokens).encode("utf-32-le"), dtype=np.uint32)
    powers = _powers(len(chars) + 1)
    inverse_powers = _powers(len(chars) + 1, inverse=True)
    prefix = np.zeros(len(chars) + 1, dtype=np.uint32)
    np.cumsum(chars * inverse_powers[:-1], out=prefix[1:])
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    ends = starts + lengths
    first, last = starts[:n], ends[SHINGLE_WORDS - 1 :]
    hashes = powers[last - 1] * (prefix[last] - prefix[first])
    return np.unique(hashes)


def _powers(count: int, inverse: bool = False) -> np.ndarray:
    """[1, P, P**2, ...] (or powers of P's inverse) mod 2**32, grown and cached."""
    key = "inverse" if inverse else "forward"
    cached = _POWERS.get(key)
    if cached is None or len(cached) < count:
        base = pow(_POLY_BASE, -1, 1 << 32) if inverse else _POLY_BASE
        size = max(count, 2 * len(cached) if cached is not None else 1 << 16)
        factors = np.full(size, base, dtype=np.uint32)
        factors[0] = 1
        cached = _POWERS[key] = np.cumprod(factors, dtype=np.uint32)
    return cached[:count]


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    perms = _PERMUTATIONS.get(num_perm)
    if perms is None:
        rng = np.random.default_rng(_SEED)
        a = rng.integers(1, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32) | 1
        b = rng.integers(0, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32)
        perms = _PERMUTATIONS[num_perm] = (a, b)
    return perms


def _minhash_values(shingles: np.ndarray, num_perm: int) -> np.ndarray:
    """Min over shingles of an odd-multiplier affine map mod 2**32 of the mixed hash.

    The same scheme as datasketch's "affine32" (a murmur3 fmix pre-mix, then
    a*h+b with wrapping uint32 arithmetic), computed for all permutations at once.
    """
    h = shingles ^ (shingles >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    h = h ^ (h >> np.uint32(16))
    a, b = _permutations(num_perm)
    values: np.ndarray = (a[:, None] * h[None, :] + b[:, None]).min(axis=1)
    return values


def _minhash(values: np.ndarray, num_perm: int) -> MinHash:
    if len(values) != num_perm:
        raise ValueError(f"expected {num_perm} hash values, got {len(values)}")
    return MinHash(values)


def signature(text: str, num_perm: int = 128) -> Signature:
    """The MinHash sketch (and exact digest) of an article body."""
    tokens = _body_tokens(text)
    exact = hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest() if tokens else ""
    shingles = _shingle_hashes(tokens)
    if len(shingles) < MIN_SHINGLES:
        return Signature(minhash=None, exact=exact)
    return Signature(minhash=_minhash(_minhash_values(shingles, num_perm), num_perm), exact=exact)


class DuplicateFinder:
    """Groups near-duplicate articles; the group id is the canonical article's id."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh: MinHashLSH = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, Signature] = {}
        self._seq: dict[str, int] = {}  # insertion order, kept across save/load
        self._group: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._exact: dict[str, list[str]] = {}
        self._next_seq = 0

    def __len__(self) -> int:
        return len(self._group)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._group

    def group_of(self, article_id: str) -> str:
        """The canonical id of the article's group (its own id if it has no copies)."""
        return self._group[article_id]

    def members(self, group_id: str) -> list[str]:
        """Ids in a group, canonical first, in the order they were added."""
        others = [m for m in self._members.get(group_id, []) if m != group_id]
        if group_id not in self._group:
            return []
        return [group_id, *sorted(others, key=self._seq.__getitem__)]

    def groups(self) -> dict[str, list[str]]:
        """Every group with at least two members."""
        return {g: list(m) for g, m in self._members.items() if len(m) > 1}

    def add(self, article_id: str, text: str, sig: Signature | None = None) -> str:
        """Register an article (or re-register a changed one) and return its group id.

        See `update` for re-adds; this drops the report of other articles' changes.
        """
        return self.update(article_id, text, sig)[0]

    def update(
        self, article_id: str, text: str, sig: Signature | None = None
    ) -> tuple[str, dict[str, str]]:
        """Add or re-add an article: (its group id, {other id: new group id} that changed).

        Re-adding the same text is a no-op. A changed text keeps the article's place in
        time: a changed member may move to another group; a changed canonical article
        has its group regrouped oldest first, so it stays canonical while its copies
        still match it, and copies that no longer match it move (the map says where).
        """
        sig = sig or signature(text, self.num_perm)
        old = self._sigs.get(article_id)
        if old is None:
            return self._insert(article_id, sig, self._take_seq()), {}
        if old.exact == sig.exact:
            return self._group[article_id], {}
        seq, group = self._seq[article_id], self._group[article_id]
        if group != article_id:
            self._drop(article_id)
            return self._insert(article_id, sig, seq), {}
        changed = self._regroup(group, replace={article_id: sig})
        new_group = changed.pop(article_id)
        return new_group, {m: g for m, g in changed.items() if g != group}

    def remove(self, article_id: str) -> dict[str, str]:
        """Forget an article; returns {id: new group id} for members whose group changed."""
        if article_id not in self._group:
            return {}
        group = self._group[article_id]
        if group != article_id:
            self._drop(article_id)
            return {}
        # The canonical leaves: regroup the rest from scratch, oldest first.
        self._drop(article_id)
        changed = self._regroup(group)
        logger.info("canonical removed article_id=%s regrouped=%d", article_id, len(changed))
        return changed

    def _regroup(self, group: str, replace: dict[str, Signature] | None = None) -> dict[str, str]:
        """Re-insert a group's members oldest first (with new signatures where given)."""
        members = sorted(self._members.get(group, []), key=self._seq.__getitem__)
        saved = [(m, (replace or {}).get(m, self._sigs[m]), self._seq[m]) for m in members]
        for member in members:
            self._drop(member)
        return {member: self._insert(member, sig, seq) for member, sig, seq in saved}

    def _take_seq(self) -> int:
        self._next_seq += 1
        return self._next_seq

    def _insert(self, article_id: str, sig: Signature, seq: int) -> str:
        group = self._best_match(sig) or article_id  # matched before it is registered
        self._restore(article_id, sig, seq, group)
        if group != article_id:
            logger.debug("near-duplicate article_id=%s group=%s", article_id, group)
        return group

    def _best_match(self, sig: Signature) -> str | None:
        best: tuple[float, int, str] | None = None
        for other in self._exact.get(sig.exact, []) if sig.exact else []:
            candidate = (1.0, -self._seq[other], other)
            best = max(best, candidate) if best else candidate
        if sig.minhash is not None:
            for other in self._lsh.query(sig.minhash):
                other_hash = self._sigs[other].minhash
                assert other_hash is not None  # only sketched texts are in the LSH
                score = sig.minhash.jaccard(other_hash)
                if score >= self.threshold:
                    candidate = (score, -self._seq[other], other)
                    best = max(best, candidate) if best else candidate
        return self._group[best[2]] if best else None

    def _drop(self, article_id: str) -> None:
        sig = self._sigs.pop(article_id)
        self._seq.pop(article_id)
        group = self._group.pop(article_id)
        if sig.minhash is not None:
            self._lsh.remove(article_id)
        same = self._exact[sig.exact]
        same.remove(article_id)
        if not same:
            del self._exact[sig.exact]
        members = self._members[group]
        members.remove(article_id)
        if not members:
            del self._members[group]

    # -- persistence -------------------------------------------------------------

    def save(self, path: Path, base_id: int = 0) -> None:
        """Write atomically (temp file + rename) so a crash never leaves half a file;
        uncompressed (compressing was most of a one-article update's time)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(
                    fh,
                    version=np.array(_FORMAT_VERSION),
                    threshold=np.array(self.threshold),
                    num_perm=np.array(self.num_perm),
                    base_id=np.int64(base_id),
                    **self.rows(sorted(self._group, key=self._seq.__getitem__)),
                )
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def rows(self, ids: list[str]) -> dict[str, Any]:
        """The saved form of these articles (all known): what `restore_rows` reads."""
        return saved_rows(
            ids,
            [self._seq[i] for i in ids],
            [self._group[i] for i in ids],
            [self._sigs[i] for i in ids],
            self.num_perm,
        )

    def restore_rows(self, data: Mapping[str, np.ndarray]) -> None:
        """Register saved articles as they were (replacing ones already known)."""
        rows = zip(
            data["ids"].tolist(),
            data["seq"].tolist(),
            data["groups"].tolist(),
            data["exact"].tolist(),
            data["has_minhash"].tolist(),
            data["hashvalues"],
            strict=True,
        )
        for article_id, seq, group, exact, has_minhash, values in rows:
            self.forget(article_id)
            minhash = _minhash(values, self.num_perm) if has_minhash else None
            self._restore(article_id, Signature(minhash, exact), int(seq), group)

    def forget(self, article_id: str) -> None:
        """Drop an article as it is, other articles untouched (replaying saved changes)."""
        if article_id in self._group:
            self._drop(article_id)

    @classmethod
    def load(
        cls, path: Path, threshold: float = THRESHOLD, num_perm: int = NUM_PERM
    ) -> DuplicateFinder:
        """Read a saved finder; a missing file gives an empty one with the given settings."""
        path = Path(path)
        if not path.exists():
            return cls(threshold=threshold, num_perm=num_perm)
        with np.load(path, allow_pickle=False) as data:
            check_format(path, data)
            finder = cls(threshold=float(data["threshold"]), num_perm=int(data["num_perm"]))
            finder.restore_rows(data)
        return finder

    def _restore(self, article_id: str, sig: Signature, seq: int, group: str) -> None:
        self._sigs[article_id] = sig
        self._seq[article_id] = seq
        self._next_seq = max(self._next_seq, seq)
        self._exact.setdefault(sig.exact, []).append(article_id)
        if sig.minhash is not None:
            self._lsh.insert(article_id, sig.minhash)
        self._group[article_id] = group
        self._members.setdefault(group, []).append(article_id)


def check_format(path: Path, data: Mapping[str, np.ndarray]) -> None:
    """Raise ValueError, naming the fix, for a saved finder of another format version."""
    if int(data["version"]) != _FORMAT_VERSION:
        raise ValueError(
            f"{path}: duplicate index format {int(data['version'])} is not "
            f"{_FORMAT_VERSION}; delete the file and re-index to rebuild it"
        )


def saved_rows(
    ids: list[str], seqs: list[int], groups: list[str], sigs: list[Signature], num_perm: int
) -> dict[str, Any]:
    """Articles in their saved form (`DuplicateFinder.restore_rows` reads it back)."""
    hashvalues = np.zeros((len(ids), num_perm), dtype=np.uint32)
    has_minhash = np.zeros(len(ids), dtype=bool)
    for row, sig in enumerate(sigs):
        if sig.minhash is not None:
            hashvalues[row] = sig.minhash.hashvalues
            has_minhash[row] = True
    return {
        "ids": np.array(ids, dtype=str),
        "seq": np.array(seqs, dtype=np.int64),
        "groups": np.array(groups, dtype=str),
        "exact": np.array([sig.exact for sig in sigs], dtype=str),
        "has_minhash": has_minhash,
        "hashvalues": hashvalues,
    }
