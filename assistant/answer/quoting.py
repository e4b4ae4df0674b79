"""Quotes as cited: a sentence cut to its answering clause, with exact offsets."""

from __future__ import annotations

import re

from assistant.answer.answer_span import Span
from assistant.answer.direct import MAX_QUOTE_WORDS, clause_around
from assistant.answer.matching import QuestionInfo, description_at, question_word_hits
from assistant.answer.sentence_candidate import Candidate
from assistant.types import Citation, Passage

# A page's label glued to the headline of a link after it ("Background:", "RIP:", "You may
# like:"): no space after its colon, a capital or a quote mark next.
_GLUED_LABEL = re.compile(r"[A-Z][^\n:.!?]{0,40}:(?=[A-Z“\"‘'])")


def cite(
    number: int,
    cand: Candidate,
    passage: Passage,
    span: Span | None,
    info: QuestionInfo,
    subject: str = "",
) -> Citation:
    """The citation for a sentence (cut to its answering clause) and the span inside it.
    `subject`: what a "What is X?" question asks about; a quote without a span keeps the
    words that say what it is."""
    if span is not None:
        cut_start, cut_end = clause_around(cand.text, span.start, span.end)
        hits = question_word_hits(cand.text, info)
        if hits and not any(cut_start <= m.start() and m.end() <= cut_end for m in hits):
            # The clause around the span names nothing the question asked about: grown to
            # the nearest such word ("… in Highland Park, Illinois", not "… Illinois, ...").
            lo, hi = with_nearest_match(cand.text, span, hits)
            cut_start, cut_end = clause_around(cand.text, lo, hi)
    else:
        described = description_at(cand.text, subject) if subject else None
        region = described or matched_region(cand.text, info)
        cut_start, cut_end = clause_around(cand.text, *region)
    label = _GLUED_LABEL.match(cand.text) if cut_start == 0 else None
    if (
        label is not None
        and (span is None or span.start >= label.end())
        and not any(m.end() <= label.end() for m in question_word_hits(cand.text, info))
    ):
        cut_start = label.end()  # "Background:My Chemical Romance announces ...": the label
        # of a page's link says nothing the question asked
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


def with_nearest_match(text: str, span: Span, hits: list[re.Match[str]]) -> tuple[int, int]:
    """The span's offsets grown to the nearest of `hits` (words matching the question),
    one before the span first, when both fit in one quote."""
    before = [m for m in hits if m.end() <= span.start]
    near = before[-1] if before else min(hits, key=lambda m: m.start() - span.end)
    lo, hi = min(span.start, near.start()), max(span.end, near.end())
    if len(text[lo:hi].split()) > MAX_QUOTE_WORDS:
        return span.start, span.end
    return lo, hi


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
