"""The Articles tab: every indexed article page by page, one opened, one removed; outlets.

Pages hold PAGE_SIZE rows and say which ones they show ("1–100 of 3,885"); the ids
of the rows on screen travel with the page so that a click opens the right article.
Removing goes through `NewsIndex.remove` under the app's write lock, like an upload.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.query.filters import NO_OUTLET
from index.report import ArticleSummary
from ui import render
from ui.markup import esc, format_date, safe_url

if TYPE_CHECKING:
    from ui.handlers import Services

logger = logging.getLogger(__name__)

PAGE_SIZE = 100
UNKNOWN_OUTLET = NO_OUTLET  # the list's entry (and filter value) for articles with no outlet
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}")
# Second-level labels under which a country code's sites register (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu"}


@dataclass(frozen=True)
class Page:
    rows: list[list[Any]]
    ids: list[str]
    number: int  # 1-based, after clamping
    pages: int
    matches: int
    total: int

    def label(self) -> str:
        if not self.matches:
            return "No articles match." if self.total else "No articles yet."
        first = (self.number - 1) * PAGE_SIZE + 1
        last = first + len(self.rows) - 1
        of = f"{self.matches:,}" + (
            f" matching (of {self.total:,})" if self.matches != self.total else ""
        )
        return f"{first:,}–{last:,} of {of} · page {self.number} of {self.pages}"


def matching(articles: Iterable[ArticleSummary], query: Any) -> list[ArticleSummary]:
    """Articles whose title or outlet contains `query`, newest first."""
    needle = str(query or "").strip().lower()
    found = [
        a
        for a in articles
        if not needle or needle in a.title.lower() or needle in (a.source or "").lower()
    ]
    found.sort(key=lambda a: (a.published or "", a.title), reverse=True)
    return found


def page(articles: Sequence[ArticleSummary], query: Any, number: Any) -> Page:
    found = matching(articles, query)
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    try:
        n = int(number or 1)
    except (TypeError, ValueError):
        n = 1
    n = min(max(n, 1), pages)
    shown = found[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
    rows = [[a.title, a.source or "", format_date(a.published), a.n_chunks] for a in shown]
    return Page(rows, [a.id for a in shown], n, pages, len(found), len(articles))


def page_html(p: Page) -> str:
    return f'<div class="nd-page-label" aria-live="polite">{esc(p.label())}</div>'


def totals(articles: Sequence[ArticleSummary], matches: int) -> str:
    return render.totals_html(
        len(articles),
        sum(a.n_chunks for a in articles),
        (a.source for a in articles if a.source),
        matches,
    )


# ---------------------------------------------------------------- one article


def article_html(services: Services, article_id: str | None) -> str:
    """The opened article: metadata, other outlets with the same text, the full text."""
    if not article_id:
        return ""
    with services.lock.read():
        article = services.index.get_article(article_id)
    if article is None:
        return '<div class="nd-article nd-missing">This article is no longer in the index.</div>'
    listed = services.articles()
    group = next((a.group_id for a in listed if a.id == article_id), article_id)
    copies = [a for a in listed if a.group_id == group and a.id != article_id]
    meta = [
        ("Outlet", article.source or UNKNOWN_OUTLET),
        ("Published", format_date(article.published) or "unknown"),
        ("Authors", ", ".join(article.authors) or "—"),
        ("File", article.path.rsplit("/", 1)[-1] if article.path else "—"),
    ]
    url = safe_url(article.url)
    parts = [
        '<div class="nd-article">',
        f'<h3 class="nd-article-title">{esc(article.title or "Untitled article")}</h3>',
        '<dl class="nd-article-meta">',
        *(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in meta),
    ]
    if url:
        parts.append(
            f'<dt>URL</dt><dd><a href="{esc(url)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{esc(url)}</a></dd>'
        )
    parts.append("</dl>")
    if copies:
        parts.append(
            '<div class="nd-also">Same text also carried by: '
            + ", ".join(
                esc(f"{c.source or UNKNOWN_OUTLET} ({format_date(c.published) or 'undated'})")
                for c in copies
            )
            + "</div>"
        )
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", article.text) if p.strip()]
    parts.append(
        '<div class="nd-article-text">' + "".join(f"<p>{esc(p)}</p>" for p in paragraphs) + "</div>"
    )
    parts.append("</div>")
    return "".join(parts)


# ---------------------------------------------------------------- outlets


def registrable_domain(source: str) -> str:
    """'covid.cdc.gov' -> 'cdc.gov', 'news.bbc.co.uk' -> 'bbc.co.uk'; names stay as they are."""
    name = source.strip().lower().removeprefix("www.")
    if not _DOMAIN.fullmatch(name):
        return source.strip()
    labels = name.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def outlet_groups(
    articles: Iterable[ArticleSummary],
) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Dropdown choices (label with count, key) and each key's outlet names.

    Outlets group by registrable domain (e.newsletters.cnn.com joins cnn.com). Articles
    without an outlet are counted under "(unknown)", a filter value of its own.
    """
    counts: Counter[str] = Counter()
    members: dict[str, set[str]] = {}
    unknown = 0
    for a in articles:
        if not a.source:
            unknown += 1
            continue
        key = registrable_domain(a.source)
        counts[key] += 1
        members.setdefault(key, set()).add(a.source)
    keys = sorted(counts, key=lambda k: (-counts[k], k.lower()))
    choices = [(f"{k} · {counts[k]:,}", k) for k in keys]
    if unknown:
        choices.append((f"{UNKNOWN_OUTLET} · {unknown:,}", UNKNOWN_OUTLET))
    return choices, {k: sorted(v) for k, v in members.items()}


def remove(services: Services, article_id: str) -> str:
    """Remove one article from every store; the report as HTML."""
    title = next((a.title for a in services.articles() if a.id == article_id), article_id)
    try:
        with services.lock.write():
            report = services.index.remove([article_id])
    finally:
        services.invalidate()
    logger.info("ui removed article id=%s %s", article_id, report.summary())
    if not report.removed:  # e.g. removed meanwhile from another tab or by `newsdesk index`
        return '<div class="nd-removed">That article is no longer in the index.</div>'
    return (
        f'<div class="nd-removed">Removed “{esc(title)}” '
        f"({report.chunks_deleted} chunk(s)) from the index.</div>"
    )
