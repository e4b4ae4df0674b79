"""Notes under an answer on conflicting reports among its cited articles."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.news.conflicts import describe, find_conflicts
from assistant.news.entity_conflicts import describe_entity_conflict, find_entity_conflicts
from assistant.types import Answer, Passage


def conflict_notes(answer: Answer, passages: Sequence[Passage] | None = None) -> list[str]:
    """`describe` lines for the conflicts that concern an answer's cited articles.

    With `passages` (what the answerer was given), conflicts are looked for among all
    of them and kept when at least one side is a cited article; without, only among
    the cited passages themselves (`Citation.passage`, else its quote). Figures first,
    then named entities.
    """
    cited = {c.article_id for c in answer.citations}
    if not cited:
        return []
    if passages is None:
        seen: dict[tuple[str, str], Passage] = {}
        for c in answer.citations:
            text = c.passage or c.quote
            seen.setdefault(
                (c.article_id, text),
                Passage(text, c.article_id, c.title, c.source, c.url, c.published, c.score),
            )
        passages = list(seen.values())
    notes = [
        describe(conflict)
        for conflict in find_conflicts(passages)
        if any(claim.article_id in cited for claim in conflict.claims)
    ]
    return notes + [
        describe_entity_conflict(conflict)
        for conflict in find_entity_conflicts(passages)
        if any(claim.article_id in cited for claim in conflict.claims)
    ]
