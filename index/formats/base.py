"""What every format shares: a `Draft` of an article and its completion into an `Article`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from index.dates import parse_published
from index.ids import check_explicit_id, id_from_path, id_from_url, url_domain
from index.models import Article

MAX_TITLE_CHARS: Final = 150
MAX_AUTHOR_CHARS: Final = 100
_WHITESPACE: Final = re.compile(r"\s+")
_SENTENCE_END: Final = re.compile(r"[.!?…](?=\s|$)")
_AUTHOR_SPLIT: Final = re.compile(r"\s*(?:;|\||\band\b|&)\s*")
_BY_PREFIX: Final = re.compile(r"^by\s+", re.IGNORECASE)
_NO_ID: Final = object()


class ArticleError(ValueError):
    """This file or record cannot become an article; the message says why and how to fix it."""


@dataclass
class Draft:
    """An article as a format found it, before ids, dates and fallbacks are settled."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    published: object = None  # raw value, parsed by `finish_article`
    published_field: str = "published"  # named in the failure message
    explicit_id: object = _NO_ID


@dataclass(frozen=True)
class Origin:
    """Where a draft came from: `label` goes into Article.path, the rest into path-based ids."""

    label: str
    resolved: str
    record: str | None = None


def finish_article(draft: Draft, origin: Origin) -> Article:
    """Settle id, title, source and date of `draft`; raise ArticleError if it is unusable."""
    text = draft.text.strip()
    if not text:
        raise ArticleError("no article text; add the article's body text")
    url = (draft.url or "").strip() or None
    try:
        published = parse_published(draft.published)
    except ValueError as exc:
        raise ArticleError(f"field '{draft.published_field}': {exc}") from None
    if draft.explicit_id is not _NO_ID and draft.explicit_id is not None:
        try:
            article_id = check_explicit_id(draft.explicit_id)
        except ValueError as exc:
            raise ArticleError(str(exc)) from None
    elif url:
        article_id = id_from_url(url)
    else:
        article_id = id_from_path(origin.resolved, origin.record)
    title = clean_line(draft.title or "") or derive_title(text)
    source = clean_line(draft.source or "") or url_domain(url)
    return Article(
        id=article_id,
        title=title,
        text=text,
        url=url,
        source=source,
        authors=draft.authors,
        published=published,
        path=origin.label,
    )


def clean_line(value: str) -> str:
    return _WHITESPACE.sub(" ", value).strip()


def derive_title(text: str) -> str:
    """A title for an article that has none: its first line, cut at a sentence or word end."""
    lines = [clean_line(line) for line in text.splitlines() if line.strip()]
    # Skip a dateline stub like "CNN —" for a line that says something.
    first = next((line for line in lines if len(line.split()) >= 3), lines[0] if lines else "")
    if len(first) <= MAX_TITLE_CHARS:
        return first
    head = first[:MAX_TITLE_CHARS]
    end = _SENTENCE_END.search(head)
    if end and end.end() >= 40:
        return head[: end.end()]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(",;:-–— ") + "…"


def normalise_authors(values: object) -> tuple[str, ...]:
    """Authors from a string ("A; B", "A and B") or a list of strings / {"name": ...} objects."""
    items: list[object] = list(values) if isinstance(values, list | tuple) else [values]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for part in _AUTHOR_SPLIT.split(_BY_PREFIX.sub("", item.strip())):
            name = clean_line(part).strip(",")
            if name and len(name) <= MAX_AUTHOR_CHARS and name not in names:
                names.append(name)
    return tuple(names)


def normalise_newlines(text: str) -> str:
    """CRLF / CR line ends -> LF, and no BOM."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
