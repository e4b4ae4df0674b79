"""Metadata filters shared by vector search (Chroma `where`) and BM25."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

# The outlet filter value that stands for "no outlet": articles whose record named none
# (no source and no URL). `newsdesk status` lists them under the same name.
NO_OUTLET = "(unknown)"


def to_epoch(value: date | datetime) -> int:
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:
        dt = datetime(value.year, value.month, value.day, tzinfo=UTC)
    return int(dt.timestamp())


@dataclass(frozen=True)
class ChunkFilter:
    """Restrict retrieval to some outlets and/or a publication-date range.

    `sources` may hold `NO_OUTLET` for the articles without an outlet. `since` is
    inclusive, `until` is inclusive of the whole day. Articles with an unknown date are
    excluded as soon as a date bound is set.
    """

    sources: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.sources and self.since is None and self.until is None

    def epoch_bounds(self) -> tuple[int | None, int | None]:
        lo = to_epoch(self.since) if self.since else None
        hi = to_epoch(self.until) + 86_400 if self.until else None
        return lo, hi

    def chroma_where(self, outlets: Collection[str] | None = None) -> dict[str, Any] | None:
        """The Chroma `where` of this filter; `outlets`: every outlet the index holds.

        Chunks without an outlet carry no `source` key, which `$in` never matches. With
        `NO_OUTLET` the clause is "none of the outlets not picked" (`$nin`, which matches
        a missing key), so existing indexes need no new metadata; that needs `outlets`.
        """
        clauses: list[dict[str, Any]] = []
        if NO_OUTLET in self.sources:
            if outlets is None:
                raise ValueError(f"a {NO_OUTLET} outlet filter needs the index's outlets")
            others = sorted(set(outlets) - set(self.sources))
            if others:
                clauses.append({"source": {"$nin": others}})
        elif self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        lo, hi = self.epoch_bounds()
        if lo is not None:
            clauses.append({"published_ts": {"$gte": lo}})
        if hi is not None:
            clauses.append({"published_ts": {"$lt": hi}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, source: str | None, published_ts: int | None) -> bool:
        if self.sources and (source or NO_OUTLET) not in self.sources:
            return False
        lo, hi = self.epoch_bounds()
        if lo is not None or hi is not None:
            if published_ts is None:
                return False
            if lo is not None and published_ts < lo:
                return False
            if hi is not None and published_ts >= hi:
                return False
        return True
