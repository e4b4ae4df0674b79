"""Who reported what, and when: the attribution that news answers carry."""

from __future__ import annotations

from assistant.outlets import outlet_name
from assistant.query.recency import human_date
from assistant.types import Passage


def attribution_note(passage: Passage) -> str:
    """Who and when for the end of a quoted line: "CNN, 12 June 2022" ("" when unknown)."""
    when = human_date(passage.published)
    who = outlet_name(passage.source) if passage.source else None
    return ", ".join(part for part in (who, when) if part)
