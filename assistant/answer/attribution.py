"""Who reported what, and when: the attribution that news answers carry."""

from __future__ import annotations

from assistant.news.outlets import outlet_name
from assistant.query.recency import human_date
from assistant.types import Passage


def attribution(passage: Passage) -> str:
    """A lead-in such as "As of 12 June 2022, CNN reported: " ("" when nothing is known).

    News answers depend on when something was reported; saying so lets a reader
    weigh an older figure against a newer one.
    """
    when = human_date(passage.published)
    who = outlet_name(passage.source) if passage.source else None
    if when and who:
        return f"As of {when}, {who} reported: "
    if when:
        return f"As of {when}: "
    if who:
        return f"{who} reported: "
    return ""


def attribution_note(passage: Passage) -> str:
    """Who and when for the end of a quoted line: "CNN, 12 June 2022" ("" when unknown)."""
    when = human_date(passage.published)
    who = outlet_name(passage.source) if passage.source else None
    return ", ".join(part for part in (who, when) if part)
