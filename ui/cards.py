"""Source cards: one per cited article, holding each of its quoted sentences.

An answer often quotes two sentences of one article; `Answer.citations` then holds
two entries with the same `article_id`. The card groups them: the article's title,
outlet, date and URL once, then one highlighted passage per `[n]`. Each passage
carries the id that its `[n]` marker links to, so a click lands on that quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from assistant.types import Answer, Citation
from ui.markup import card_id, esc, format_date, safe_url

PASSAGE_WINDOW = 320  # characters of context kept on each side of a highlighted quote
PLAIN_PASSAGE_CHARS = 600
_SPACE = re.compile(r"\s+")


def group_by_article(citations: Sequence[Citation]) -> list[list[Citation]]:
    """Citations grouped by article, in the order each article is first cited."""
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.article_id, []).append(c)
    return list(groups.values())


def sources_html(citations: Sequence[Citation], turn: str) -> str:
    if not citations:
        return ""
    cards = "".join(card_html(group, turn) for group in group_by_article(citations))
    return f'<div class="nd-sources"><div class="nd-sources-label">Sources</div>{cards}</div>'


def card_html(citations: Citation | Sequence[Citation], turn: str) -> str:
    """One card for one article: title, outlet, date, URL, then each quote in its passage."""
    group = [citations] if isinstance(citations, Citation) else list(citations)
    first = group[0]
    url = safe_url(first.url)
    title = esc(first.title or "Untitled article")
    if url:
        title_html = (
            f'<a class="nd-title" href="{esc(url)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{title}</a>'
        )
    else:
        title_html = f'<span class="nd-title">{title}</span>'
    meta = []
    if first.source:
        meta.append(f'<span class="nd-outlet">{esc(first.source)}</span>')
    if first.published:
        meta.append(
            f'<time class="nd-date" datetime="{esc(first.published)}">'
            f"{esc(format_date(first.published))}</time>"
        )
    else:
        meta.append('<span class="nd-date nd-unknown">date unknown</span>')
    url_line = ""
    if first.url:
        shown = esc(_short_url(first.url))
        url_line = (
            f'<div class="nd-url"><a href="{esc(url)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{shown}</a></div>'
            if url
            else f'<div class="nd-url">{shown}</div>'
        )
    also = ""
    if first.also_in:
        also = (
            '<div class="nd-also">Also carried by: '
            + ", ".join(esc(o) for o in first.also_in)
            + "</div>"
        )
    numbers = "".join(f'<span class="nd-num">{c.number}</span>' for c in group)
    quotes = "".join(
        f'<blockquote class="nd-passage" id="{card_id(turn, c.number)}" '
        f'data-number="{c.number}"><span class="nd-num nd-num-quote">{c.number}</span>'
        f"{highlight(c.passage, c.quote, _answer_in_quote(c))}</blockquote>"
        for c in group
    )
    return (
        f'<div class="nd-card" data-numbers="{" ".join(str(c.number) for c in group)}">'
        f'<div class="nd-card-head"><span class="nd-nums">{numbers}</span>{title_html}</div>'
        f'<div class="nd-meta">{" · ".join(meta)}</div>'
        f"{url_line}{quotes}{also}</div>"
    )


def copy_text(answer: Answer) -> str:
    """The answer as plain text with its sources listed after it (for the Copy button)."""
    lines = [answer.text.strip()]
    groups = group_by_article(answer.citations)
    if groups:
        lines.append("")
        lines.append("Sources:")
    for group in groups:
        first = group[0]
        marks = "".join(f"[{c.number}]" for c in group)
        details = ", ".join(
            x for x in (first.source, format_date(first.published), safe_url(first.url)) if x
        )
        lines.append(
            f"{marks} {first.title or 'Untitled article'}" + (f" ({details})" if details else "")
        )
        lines.extend(f"    “{' '.join(c.quote.split())}”" for c in group)
    return "\n".join(lines)


def _short_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    shown = (parts.netloc + parts.path).removeprefix("www.")
    return shown if len(shown) <= 80 else shown[:77] + "…"


def find_quote(passage: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` occurs in `passage`, ignoring case and whitespace differences."""
    quote = quote.strip()
    if not quote or not passage:
        return None
    start = passage.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = _SPACE.split(quote)
    pattern = r"\s+".join(re.escape(w) for w in words if w)
    match = re.search(pattern, passage, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _answer_in_quote(c: Citation) -> tuple[int, int] | None:
    """Offsets of the direct answer inside the quote, when the citation carries one."""
    if c.span_start < 0 or not c.start <= c.span_start < c.span_end <= c.end:
        return None
    return c.span_start - c.start, c.span_end - c.start


def _marked(quote: str, answer: tuple[int, int] | None) -> str:
    """The escaped quote in <mark>, with the direct answer inside it in <strong>."""
    if answer is None:
        return f'<mark class="nd-quote">{esc(quote)}</mark>'
    a, b = answer
    return (
        f'<mark class="nd-quote">{esc(quote[:a])}<strong class="nd-answer-span">{esc(quote[a:b])}'
        f"</strong>{esc(quote[b:])}</mark>"
    )


def highlight(passage: str, quote: str, answer: tuple[int, int] | None = None) -> str:
    """Escaped passage with the quote in <mark> (and the answer span inside it in
    <strong>); the passage is trimmed around it."""
    passage = passage or ""
    span = find_quote(passage, quote)
    if span is None:
        if not passage.strip():
            return _marked(quote, answer)
        excerpt = _trim_end(passage, PLAIN_PASSAGE_CHARS)
        return f"{_marked(quote, answer)}<br><span>{esc(excerpt)}</span>"
    start, end = span
    before = passage[:start]
    after = passage[end:]
    if len(before) > PASSAGE_WINDOW:
        before = "…" + _trim_start(before, PASSAGE_WINDOW)
    if len(after) > PASSAGE_WINDOW:
        after = _trim_end(after, PASSAGE_WINDOW) + "…"
    exact = passage[start:end] == quote
    return f"{esc(before)}{_marked(passage[start:end], answer if exact else None)}{esc(after)}"


def _trim_start(text: str, keep: int) -> str:
    tail = text[-keep:]
    cut = tail.find(" ")
    return tail[cut + 1 :] if 0 <= cut < 40 else tail


def _trim_end(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    head = text[:keep]
    cut = head.rfind(" ")
    return head[:cut] if cut > keep - 40 else head
