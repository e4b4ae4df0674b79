"""Quotes as cited: a sentence cut to its answering clause, with exact offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer.direct import clause_around
from assistant.answer.matching import QuestionInfo, question_word_hits
from assistant.answer.spans import Span
from assistant.types import Citation, Passage

if TYPE_CHECKING:
    from assistant.answer.extractive import Candidate


def cite(
    number: int, cand: Candidate, passage: Passage, span: Span | None, info: QuestionInfo
) -> Citation:
    """The citation for a sentence (cut to its answering clause) and the span inside it."""
    if span is not None:
        lo, hi = span.start, span.end
    else:
        lo, hi = matched_region(cand.text, info)
    cut_start, cut_end = clause_around(cand.text, lo, hi)
    quote = cand.text[cut_start:cut_end]
    base = (0 if cand.in_title else passage.start) + cand.start + cut_start
    span_start = span_end = -1
    if span is not None and cut_start <= span.start and span.end <= cut_end:
        span_start, span_end = base + span.start - cut_start, base + span.end - cut_start
    return Citation.from_passage(
        number,
        passage,
        quote,
        base,
        cand.score,
        shown_in=passage.title if cand.in_title else passage.text,
        in_title=cand.in_title,
        span_start=span_start,
        span_end=span_end,
    )


def matched_region(text: str, info: QuestionInfo) -> tuple[int, int]:
    """Offsets from the first to the last word of `text` that matches a question term."""
    hits = question_word_hits(text, info)
    if not hits:
        return 0, min(len(text), 1)
    return hits[0].start(), hits[-1].end()


def shown(citation: Citation, cand: Candidate) -> str:
    """The quote as printed: an ellipsis says where the sentence was cut."""
    head = "" if cand.text.startswith(citation.quote) else "… "
    tail = "" if cand.text.endswith(citation.quote) else " …"
    return f"{head}{citation.quote}{tail}"
