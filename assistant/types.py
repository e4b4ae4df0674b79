"""What the read side returns: passages, citations and answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Passage:
    """A retrieved piece of an article, ready to be quoted and cited.

    `start`/`end` are character offsets of `text` within the article's text.
    `also_in` lists other outlets that carried a near-identical copy.
    """

    text: str
    article_id: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    score: float
    chunk_id: str = ""
    start: int = 0
    end: int = 0
    also_in: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    """A verified `[number]` in an answer: the quote occurs in the cited article."""

    number: int
    article_id: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    quote: str
    start: int  # offsets of `quote` within the article text
    end: int
    score: float
    passage: str = ""  # the passage the quote was found in (for highlighting)
    also_in: tuple[str, ...] = ()
    in_title: bool = False  # the quote is (part of) the headline; offsets are in the title
    # The direct answer's span inside the quote, in the same coordinates as start/end
    # (-1 when the citation backs a whole sentence rather than a short answer).
    span_start: int = -1
    span_end: int = -1

    @classmethod
    def from_passage(
        cls,
        number: int,
        passage: Passage,
        quote: str,
        start: int,
        score: float,
        shown_in: str | None = None,
        **extra: Any,
    ) -> Citation:
        """A citation of `quote` found at article offset `start`, with the passage's metadata
        (`shown_in`: the text the quote is highlighted in, by default the passage's)."""
        return cls(
            number=number,
            article_id=passage.article_id,
            title=passage.title,
            source=passage.source,
            url=passage.url,
            published=passage.published,
            quote=quote,
            start=start,
            end=start + len(quote),
            score=round(score, 4),
            passage=passage.text if shown_in is None else shown_in,
            also_in=passage.also_in,
            **extra,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DateRange:
    """A resolved publication-date window (from filters or the question's wording)."""

    since: date | None = None
    until: date | None = None
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "label": self.label,
        }


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    question: str = ""
    standalone_question: str = ""  # after follow-up resolution in a chat
    date_range: DateRange | None = None
    notes: list[str] = field(default_factory=list)  # e.g. conflicting reports

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "abstained": self.abstained,
            "question": self.question,
            "standalone_question": self.standalone_question,
            "citations": [c.to_dict() for c in self.citations],
            "date_range": self.date_range.to_dict() if self.date_range else None,
            "notes": list(self.notes),
        }
