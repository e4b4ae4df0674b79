"""Value types shared by the write side (and read by the assistant).

These are the contracts between modules: parsing produces `Article`s and
`ParseFailure`s, chunking produces `Chunk`s, the store returns `StoredChunk`s.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article with its metadata.

    `published` is an ISO-8601 date (``2022-06-12``) or datetime string, or None when
    unknown (never "today"). `path` is where it came from (``file.jsonl:12`` for a
    record on line 12).
    """

    id: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    path: str = ""

    def content_hash(self) -> str:
        """Hash of everything that ends up in the index; a change means re-embed."""
        h = hashlib.sha256()
        for part in (
            self.title,
            self.text,
            self.url or "",
            self.source or "",
            "\x1f".join(self.authors),
            self.published or "",
        ):
            h.update(part.encode("utf-8"))
            h.update(b"\x1e")
        return h.hexdigest()[:32]


@dataclass(frozen=True)
class ParseFailure:
    """A file (or one record of it) that could not be turned into an article."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class ParseResult:
    articles: list[Article] = field(default_factory=list)
    failures: list[ParseFailure] = field(default_factory=list)
    # Indexed, but worth a word to the user (e.g. an ambiguous date): same shape as failures.
    notes: list[ParseFailure] = field(default_factory=list)

    def extend(self, other: ParseResult) -> None:
        self.articles.extend(other.articles)
        self.failures.extend(other.failures)
        self.notes.extend(other.notes)


@dataclass(frozen=True)
class Chunk:
    """A token-bounded, sentence-aligned span of one article's text.

    `start`/`end` are character offsets into `Article.text`, so
    ``article.text[start:end] == text``.
    """

    article_id: str
    index: int
    text: str
    start: int
    end: int

    @property
    def id(self) -> str:
        return chunk_id(self.article_id, self.index)


def chunk_id(article_id: str, index: int, rev: int = 0) -> str:
    """``article#index``; a changed article's chunks get ``article#index~rev`` (its revision),
    so its new vectors sit beside the old ones until the update commits."""
    return f"{article_id}#{index}~{rev}" if rev else f"{article_id}#{index}"


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as the read side sees it: text plus its article's metadata."""

    id: str
    article_id: str
    index: int
    text: str
    start: int
    end: int
    title: str
    source: str | None
    url: str | None
    published: str | None
    authors: tuple[str, ...] = ()
    group_id: str | None = None  # near-duplicate group (canonical article id)
    # The text's `index.text.lowerwords.joined_words`, written at index time (None when
    # the chunk was not read from a manifest): retrieval compares chunks by these words.
    words: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ChunkHit:
    chunk: StoredChunk
    score: float
