"""Vector search restricted by a filter, without Chroma's slow `where`.

Chroma answers a `where` query by filtering its metadata first: 50-230 ms on the dev
corpus for an `as_of` bound, against ~2-7 ms for up to 1,000 plain neighbours (ids and
distances only) and ~15 ms for a query restricted to a list of ids. So: plain neighbours
with the failing ones dropped, first ``k / share`` of them (plus a margin), then a wider
net (a question's neighbours cluster in time, so a date bound can reject more of them
than `share` predicts); when both fall short, the query restricted to the selection's
ids; `where` only for huge selections.

At 1M chunks (`make bench-scale`'s corpus) a `where` takes 2-6 s whatever it selects,
an id list 61 ms for 24k ids, 159 ms for 91k, 600 ms for 356k, and plain neighbours 18 ms
for 1,000, 43 ms for 4,000, ~100 ms for 8,000. A narrow filter ("this week": ~2 % of a
year's chunks) therefore takes one net of ``k / share`` neighbours when that is at most
`POSTFILTER_MAX`, then the id list; `where` only past `MAX_ID_LIST`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from index.store import ChromaStore

# Post-filtering plain neighbours pays while the filter keeps at least this share.
POSTFILTER_MIN_SHARE = 0.25
POSTFILTER_MARGIN = 1.3  # ask for 30 % more than the share predicts (clustered dates)
POSTFILTER_WIDE = 1000  # the wider net: still ~5 ms
POSTFILTER_MAX = 4000  # a narrow filter's one net: ~40 ms at 1M chunks
MAX_ID_LIST = 500_000  # an id list is ~10x faster than `where` at every size measured


class Selection(Protocol):
    """The chunks a filter lets through (`index.columns.FilterView` provides it)."""

    @property
    def share(self) -> float: ...

    @property
    def total(self) -> int:
        """How many vectors the collection holds (as far as the selection knows)."""
        ...

    @property
    def where(self) -> dict[str, Any] | None: ...

    def passing(self, ids: Sequence[str]) -> list[bool]: ...

    def ids(self) -> list[str]: ...


def query_filtered(
    store: ChromaStore, embedding: Sequence[float] | np.ndarray, k: int, selection: Selection
) -> list[tuple[str, float]]:
    """The k nearest chunks of `selection` with their cosine distance, nearest first."""
    share = selection.share
    if k <= 0 or share <= 0.0:
        return []
    total = selection.total  # (Chroma's own count() costs ~10 ms a call)
    first = math.ceil(k / share * POSTFILTER_MARGIN) + 16
    if share >= POSTFILTER_MIN_SHARE:
        nets: tuple[int, ...] = (first, max(4 * first, POSTFILTER_WIDE))
    else:
        nets = (first,) if first <= POSTFILTER_MAX else ()
    for n in dict.fromkeys(min(n, total) for n in nets):
        if n <= 0:
            continue
        found = store.query(embedding, n, None)
        verdicts = selection.passing([cid for cid, _ in found])
        kept = [hit for hit, ok in zip(found, verdicts, strict=True) if ok]
        if len(kept) >= k or len(found) < n or n >= total:
            return kept[:k]
    ids = selection.ids()
    if len(ids) <= MAX_ID_LIST:
        return store.query_in(embedding, k, ids)
    return store.query(embedding, k, selection.where)
