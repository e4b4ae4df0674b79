"""The own MinHash / LSH (index/minhash.py) behave as datasketch's, which they replace."""

from __future__ import annotations

import json

import numpy as np
import pytest
from datasketch import LeanMinHash
from datasketch import MinHashLSH as DatasketchLSH
from datasketch.lsh import _optimal_param

from index import duplicates
from index.duplicates import DuplicateFinder, Signature, signature
from index.minhash import MinHash, MinHashLSH, optimal_bands
from tests.conftest import shared_data_path

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
def test_bands_are_datasketchs(num_perm: int) -> None:
    for threshold in [0.05 * i for i in range(1, 20)] + [0.8]:
        assert optimal_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_default_bands() -> None:
    assert optimal_bands(0.8, 128) == (9, 13)
    assert (MinHashLSH(0.8, 128).b, MinHashLSH(0.8, 128).r) == (9, 13)


@pytest.fixture(scope="module")
def dev_signatures() -> list[tuple[str, Signature]]:
    """(id, signature) of every dev article, oldest published first (as the index adds)."""
    with shared_data_path("dev", "articles.jsonl").open(encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    articles.sort(key=lambda a: (a["published"] is None, a["published"] or ""))
    return [(a["id"], signature(a["text"])) for a in articles]


def _lean(minhash: MinHash) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=minhash.hashvalues, scheme="affine32")


@pytest.mark.parametrize(("threshold", "least_pairs"), [(0.8, 10), (0.3, 200)])
def test_queries_and_estimates_match_datasketch(
    dev_signatures: list[tuple[str, Signature]], threshold: float, least_pairs: int
) -> None:
    ours = MinHashLSH(threshold, 128)
    theirs = DatasketchLSH(threshold=threshold, num_perm=128)
    sketched = {aid: s.minhash for aid, s in dev_signatures if s.minhash is not None}
    for article_id, minhash in sketched.items():
        ours.insert(article_id, minhash)
        theirs.insert(article_id, _lean(minhash))
    pairs = 0
    for minhash in sketched.values():
        found = ours.query(minhash)
        assert set(found) == set(theirs.query(_lean(minhash)))
        for other in found:
            other_hash = sketched[other]
            assert minhash.jaccard(other_hash) == _lean(minhash).jaccard(_lean(other_hash))
        pairs += len(found) - 1
    assert pairs > least_pairs  # the queries found other articles
    for article_id in list(sketched)[::2]:
        ours.remove(article_id)
        theirs.remove(article_id)
    for minhash in list(sketched.values())[1::2]:
        assert set(ours.query(minhash)) == set(theirs.query(_lean(minhash)))


def _groups(signatures: list[tuple[str, Signature]]) -> dict[str, str]:
    finder = DuplicateFinder()
    for article_id, sig in signatures:
        finder.add(article_id, "", sig)
    return {article_id: finder.group_of(article_id) for article_id, _ in signatures}


def test_dev_duplicate_groups_are_the_same_as_with_datasketch(
    dev_signatures: list[tuple[str, Signature]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = _groups(dev_signatures)
    monkeypatch.setattr(duplicates, "MinHashLSH", DatasketchLSH)
    lean = [
        (aid, Signature(_lean(s.minhash) if s.minhash is not None else None, s.exact))  # type: ignore[arg-type]
        for aid, s in dev_signatures
    ]
    assert _groups(lean) == ours
    assert sum(1 for aid, group in ours.items() if aid != group) >= 5  # dev has a few


def test_remove_and_duplicate_keys() -> None:
    lsh = MinHashLSH(0.8, 128)
    sketch = MinHash(np.arange(128, dtype=np.uint32))
    lsh.insert("a", sketch)
    with pytest.raises(ValueError, match="already exists"):
        lsh.insert("a", sketch)
    assert lsh.query(sketch) == ["a"] and "a" in lsh
    lsh.remove("a")
    assert lsh.query(sketch) == [] and len(lsh) == 0
    with pytest.raises(ValueError, match="does not exist"):
        lsh.remove("a")
    with pytest.raises(ValueError, match="length 128"):
        lsh.query(MinHash(np.arange(64, dtype=np.uint32)))
