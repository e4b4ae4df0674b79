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
from typing import Any

from assistant.types import Answer, DateRange
from ui.cards import copy_text, sources_html
from ui.markup import card_id, esc, format_date

MARKER = re.compile(r"\[(\d{1,3})\]")


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
    parts.append(actions_html(answer))
    parts.append(sources_html(answer.citations, turn))
    parts.append("</div>")
    return "".join(parts)


def actions_html(answer: Answer) -> str:
    """The Copy button and, hidden beside it, the answer and its sources as plain text.

    The text sits in an element (newlines as character references, so the message
    stays one line of HTML): the chat's sanitiser drops data attributes.
    """
    text = html.escape(copy_text(answer), quote=True).replace("\n", "&#10;")
    return (
        '<div class="nd-actions"><button type="button" class="nd-copy" '
        'title="Copy the answer and its sources">Copy</button>'
        f'<span class="nd-copy-text" aria-hidden="true">{text}</span></div>'
    )


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
