"""One filter type for every read call: outlets, a publication-date window, an as-of date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TypedDict

from typing_extensions import Unpack

from index.filters import NO_OUTLET

__all__ = ["NO_OUTLET", "FilterArgs", "Filters", "filters_from"]


def _as_date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"{name} must be an ISO date like 2022-06-12, got {value!r}") from exc


@dataclass(frozen=True)
class Filters:
    """Which articles a question may use.

    `sources`: outlets (domains) to keep, none = all; `NO_OUTLET` ("(unknown)") keeps
    the articles that name no outlet, alone or with other outlets; `since`/`until`: the
    publication window (inclusive); `as_of`: the date the question is asked from — later
    articles are never used and "this week" means the week before it.
    """

    sources: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    as_of: date | None = None

    @classmethod
    def of(
        cls,
        sources: Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        as_of: date | str | None = None,
    ) -> Filters:
        """Filters from plain values (ISO date strings accepted); a reversed window is an error."""
        made = cls(
            sources=tuple(s for s in (sources or ()) if s),
            since=_as_date(since, "since"),
            until=_as_date(until, "until"),
            as_of=_as_date(as_of, "as_of"),
        )
        if made.since and made.until and made.since > made.until:
            raise ValueError(f"since ({made.since}) is after until ({made.until})")
        return made

    def over(self, base: Filters) -> Filters:
        """These filters where set, `base`'s elsewhere (a chat turn over its session's)."""
        return replace(
            base, **{f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        )


class FilterArgs(TypedDict, total=False):
    """The filters as keyword arguments (`ask(question, since="2022-06-01")`)."""

    sources: Iterable[str] | None
    since: date | str | None
    until: date | str | None
    as_of: date | str | None


def filters_from(filters: Filters | None, **given: Unpack[FilterArgs]) -> Filters:
    """`filters`, with keyword values (the older call style) taking precedence."""
    extra = Filters.of(**given)
    return extra.over(filters) if filters is not None else extra
