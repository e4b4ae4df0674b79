"""HTML for the web chat: answers with `[n]` links, source cards, update reports.

Everything that comes from an article (titles, outlets, quotes, passages, URLs) or
from a user is data: it is escaped here and never passed through as markup. The
output never contains a newline, so the chat's Markdown renderer sees one HTML
block and leaves its contents alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from assistant.types import Answer, Citation, DateRange

MARKER = re.compile(r"\[(\d{1,3})\]")
PASSAGE_WINDOW = 320  # characters of context kept on each side of a highlighted quote
PLAIN_PASSAGE_CHARS = 600
_SPACE = re.compile(r"\s+")


def esc(text: object) -> str:
    """Escape for HTML text and attribute values; newlines become spaces."""
    return html.escape(str(text), quote=True).replace("\r", "").replace("\n", " ")


def card_id(turn: str, number: int) -> str:
    return f"nd-{turn}-{number}"


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data: ...)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def format_date(value: str | date | None) -> str:
    """'2022-06-12' / '2022-06-12T10:00:00+00:00' -> '12 Jun 2022'; unknown stays as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return str(value)
    return f"{day.day} {day:%b %Y}"


def _paragraphs(escaped: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", escaped) if b.strip()]
    return "".join("<p>" + b.replace("\n", "<br>") + "</p>" for b in blocks)


def _link_markers(escaped: str, turn: str, numbers: set[int]) -> str:
    def repl(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in numbers:
            return match.group(0)
        target = card_id(turn, n)
        return (
            f'<a class="nd-cite" href="#{target}" data-card="{target}" '
            f'title="Show source {n}">{n}</a>'
        )

    return MARKER.sub(repl, escaped)


def question_html(question: str) -> str:
    """A user's message, shown verbatim."""
    return '<div class="nd-question">' + _paragraphs(html.escape(question)) + "</div>"


def streaming_html(text: str) -> str:
    """An answer still being written: plain text, markers not yet linked."""
    body = MARKER.sub(
        r'<span class="nd-cite nd-pending">\1</span>', html.escape(text.replace("\r", ""))
    )
    return (
        '<div class="nd-answer nd-streaming"><div class="nd-text">'
        + _paragraphs(body or "&#8203;").removesuffix("</p>")
        + '<span class="nd-cursor"></span></p></div></div>'
    )


def error_html(message: str) -> str:
    """A failed answer, shown in place of the answer (the details are in the log)."""
    return (
        '<div class="nd-answer nd-failed"><div class="nd-badge nd-badge-error" role="alert">'
        '<span class="nd-badge-icon">!</span> Something went wrong</div>'
        f'<div class="nd-text"><p>{esc(message)}</p></div></div>'
    )


def answer_html(answer: Answer, turn: str, *, sources: Sequence[str] | None = None) -> str:
    """A finished answer: linked markers, the date window, notes and source cards.

    `sources` are the outlets the question was restricted to, if any.
    """
    numbers = {c.number for c in answer.citations}
    text = _link_markers(html.escape(answer.text.replace("\r", "")), turn, numbers)
    classes = "nd-answer nd-abstained" if answer.abstained else "nd-answer"
    parts = [f'<div class="{classes}">']
    if answer.abstained:
        parts.append(
            '<div class="nd-badge" role="note">'
            '<span class="nd-badge-icon">?</span> Not found in the indexed articles</div>'
        )
    parts.append('<div class="nd-text">' + _paragraphs(text) + "</div>")
    if answer.standalone_question and answer.standalone_question.strip() != answer.question.strip():
        parts.append(
            '<div class="nd-meta-line">Understood as: <q>'
            + esc(answer.standalone_question)
            + "</q></div>"
        )
    if sources:
        parts.append(
            '<div class="nd-meta-line nd-only">Only from: '
            + ", ".join(esc(s) for s in sources)
            + "</div>"
        )
    range_text = date_range_text(answer.date_range)
    if range_text:
        parts.append(f'<div class="nd-meta-line nd-range">{esc(range_text)}</div>')
    if answer.notes:
        parts.append(
            '<ul class="nd-notes">'
            + "".join(f"<li>{esc(note)}</li>" for note in answer.notes)
            + "</ul>"
        )
    if answer.citations:
        parts.append('<div class="nd-sources"><div class="nd-sources-label">Sources</div>')
        first_card: dict[str, int] = {}
        for c in answer.citations:
            parts.append(card_html(c, turn, same_as=first_card.get(c.article_id)))
            first_card.setdefault(c.article_id, c.number)
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def date_range_text(date_range: DateRange | None) -> str:
    if date_range is None or (date_range.since is None and date_range.until is None):
        return ""
    since, until = format_date(date_range.since), format_date(date_range.until)
    if since and until:
        window = f"published {since} – {until}"
    elif since:
        window = f"published since {since}"
    else:
        window = f"published up to {until}"
    label = date_range.label.strip()
    # A label that only restates the dates ("until 2022-06-12") adds nothing.
    if any(d and d.isoformat() in label for d in (date_range.since, date_range.until)):
        label = ""
    return f"Searched articles {window}" + (f" ({label})" if label else "")


def card_html(citation: Citation, turn: str, *, same_as: int | None = None) -> str:
    """One source card: title, outlet, date, URL, and the quote highlighted in its passage.

    `same_as` is the number of an earlier card of the same article in this answer: the
    card then names it instead of repeating the outlet, date and URL.
    """
    url = safe_url(citation.url)
    title = esc(citation.title or "Untitled article")
    if url:
        title_html = (
            f'<a class="nd-title" href="{esc(url)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{title}</a>'
        )
    else:
        title_html = f'<span class="nd-title">{title}</span>'
    meta = []
    if citation.source:
        meta.append(f'<span class="nd-outlet">{esc(citation.source)}</span>')
    if citation.published:
        meta.append(
            f'<time class="nd-date" datetime="{esc(citation.published)}">'
            f"{esc(format_date(citation.published))}</time>"
        )
    else:
        meta.append('<span class="nd-date nd-unknown">date unknown</span>')
    url_line = ""
    if citation.url:
        shown = esc(_short_url(citation.url))
        url_line = (
            f'<div class="nd-url"><a href="{esc(url)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{shown}</a></div>'
            if url
            else f'<div class="nd-url">{shown}</div>'
        )
    also = ""
    if citation.also_in:
        also = (
            '<div class="nd-also">Also carried by: '
            + ", ".join(esc(o) for o in citation.also_in)
            + "</div>"
        )
    if same_as is not None:
        meta = [f'<span class="nd-same">same article as source {same_as}</span>']
        url_line = ""
    cid = card_id(turn, citation.number)
    return (
        f'<div class="nd-card" id="{cid}" data-number="{citation.number}">'
        f'<div class="nd-card-head"><span class="nd-num">{citation.number}</span>{title_html}</div>'
        f'<div class="nd-meta">{" · ".join(meta)}</div>'
        f"{url_line}"
        f'<blockquote class="nd-passage">{highlight(citation.passage, citation.quote)}</blockquote>'
        f"{also}</div>"
    )


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


def highlight(passage: str, quote: str) -> str:
    """Escaped passage with the quote in <mark>; the passage is trimmed around it."""
    passage = passage or ""
    span = find_quote(passage, quote)
    if span is None:
        if not passage.strip():
            return f'<mark class="nd-quote">{esc(quote)}</mark>'
        excerpt = _trim_end(passage, PLAIN_PASSAGE_CHARS)
        return f'<mark class="nd-quote">{esc(quote)}</mark><br><span>{esc(excerpt)}</span>'
    start, end = span
    before = passage[:start]
    after = passage[end:]
    if len(before) > PASSAGE_WINDOW:
        before = "…" + _trim_start(before, PASSAGE_WINDOW)
    if len(after) > PASSAGE_WINDOW:
        after = _trim_end(after, PASSAGE_WINDOW) + "…"
    return f'{esc(before)}<mark class="nd-quote">{esc(passage[start:end])}</mark>{esc(after)}'


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


def status_html(describe: Mapping[str, Any], n_articles: int | None) -> str:
    """The status line: embedding model, answerer, article count."""
    items = []
    embedding = describe.get("embedding_model") or describe.get("embedding")
    if embedding:
        items.append(("Embeddings", str(embedding)))
    answerer = describe.get("answerer")
    if answerer:
        items.append(("Answerer", str(answerer)))
    if n_articles is not None:
        items.append(("Articles", f"{n_articles:,}"))
    location = describe.get("index") or describe.get("index_location")
    if location:
        items.append(("Index", str(location)))
    return (
        '<div class="nd-status">'
        + "".join(
            f'<span class="nd-status-item" title="{esc(v)}">'
            f'<span class="nd-status-key">{esc(k)}</span>{esc(_short_path(v))}</span>'
            for k, v in items
        )
        + "</div>"
    )


def _short_path(value: str, limit: int = 36) -> str:
    """Long folder paths keep their last two parts (the full value is in the tooltip)."""
    if len(value) <= limit or "/" not in value or "://" in value:
        return value
    return "…/" + "/".join(value.rstrip("/").split("/")[-2:])


def report_html(report: Mapping[str, Any], *, names: Mapping[str, str] | None = None) -> str:
    """An update report: counts as pills, then each failure with its reason."""
    names = names or {}
    counts = [
        ("added", "Added"),
        ("updated", "Updated"),
        ("unchanged", "Unchanged"),
        ("removed", "Removed"),
        ("chunks_embedded", "Chunks embedded"),
    ]
    failed: Sequence[Mapping[str, Any]] = report.get("failed") or []
    pills = [
        f'<span class="nd-pill"><b>{int(report.get(key) or 0):,}</b> {label}</span>'
        for key, label in counts
        if key in report
    ]
    # Finished for an interrupted run / re-embedded after a store lost vectors: rare, so
    # shown only when they happened.
    for key, label in (("recovered", "Recovered"), ("repaired", "Repaired vectors")):
        if report.get(key):
            pills.append(f'<span class="nd-pill"><b>{int(report[key]):,}</b> {label}</span>')
    cls = "nd-pill nd-pill-bad" if failed else "nd-pill"
    pills.append(f'<span class="{cls}"><b>{len(failed)}</b> Failed</span>')
    parts = ['<div class="nd-report"><div class="nd-pills">', *pills, "</div>"]
    if failed:
        parts.append('<ul class="nd-failures">')
        for failure in failed:
            path = str(failure.get("path") or "")
            shown = names.get(path, path)
            line = failure.get("line")
            where = f"{shown}:{line}" if line not in (None, "") else shown
            parts.append(
                f"<li><code>{esc(where)}</code> — {esc(failure.get('reason') or 'failed')}</li>"
            )
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def totals_html(n_articles: int, n_chunks: int, outlets: Iterable[str], shown: int) -> str:
    n_outlets = len(set(outlets))
    filtered = f" · showing {shown:,}" if shown != n_articles else ""
    return (
        '<div class="nd-totals">'
        f"<span><b>{n_articles:,}</b> articles</span>"
        f"<span><b>{n_chunks:,}</b> chunks</span>"
        f"<span><b>{n_outlets:,}</b> outlets</span>"
        f"{esc(filtered)}</div>"
    )
