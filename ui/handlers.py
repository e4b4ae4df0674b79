"""The web chat's event handlers, as plain functions testable without a server.

Each handler takes a `Services` (the assistant, the index, the UI settings and a
read/write lock; index updates no longer take it, see `_write`) and
the values of the components it reads. Bad input and failures raise `gr.Error`
with a readable message; the traceback goes to the log, never to the page.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from index.articles import parse_pasted_text
from index.errors import ReadOnlyReplica
from index.locks import ReadWriteLock
from index.report import ArticleSummary, UpdateReport
from ui import filters, render
from ui.settings import UiSettings

if TYPE_CHECKING:
    from assistant.core import Assistant
    from assistant.query.filters import Filters
    from index.pipeline import NewsIndex

logger = logging.getLogger(__name__)

Message = dict[str, Any]
ProgressFn = Callable[..., Any]
MAX_TABLE_ROWS = 500
ARTICLES_TTL = 30.0  # seconds the article list is reused before asking the index again
TABLE_HEADERS = ["Title", "Outlet", "Published", "Chunks"]


@dataclass
class Services:
    """What the handlers work with; built by the entry point, shared by all sessions."""

    assistant: Assistant
    index: NewsIndex
    settings: UiSettings = field(default_factory=UiSettings)
    lock: ReadWriteLock = field(default_factory=ReadWriteLock)
    _articles: list[ArticleSummary] | None = field(default=None, repr=False)
    _listed_at: float = field(default=0.0, repr=False)

    def articles(self) -> list[ArticleSummary]:
        """What is indexed: cached until our next update, and at most ARTICLES_TTL seconds
        (the index may also be updated by `newsdesk index`/`watch` in another process)."""
        cached = self._articles
        if cached is None or time.monotonic() - self._listed_at > ARTICLES_TTL:
            with self.lock.read():
                cached = list(self.index.list_articles())
            self._articles, self._listed_at = cached, time.monotonic()
        return cached

    def invalidate(self) -> None:
        self._articles = None


# ---------------------------------------------------------------- inputs


def parse_day(value: Any, field_name: str) -> date | None:
    """A date from a date picker (string, timestamp or datetime); None when empty."""
    text = filters.day_or_text(value)
    if not isinstance(text, str):
        return text
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise gr.Error(
            f"{field_name}: '{text}' is not a date; use YYYY-MM-DD, e.g. 2022-06-12.",
            title="Invalid date",
        ) from None


def parse_filters(sources: Any, since: Any, until: Any, as_of: Any) -> Filters:
    """The filters as `ui.filters` reads them; a problem is an error for API callers."""
    try:
        return filters.parse_filters(sources, since, until, as_of)
    except filters.FilterProblem as exc:
        raise gr.Error(str(exc), title="Invalid filter") from None


def check_question(settings: UiSettings, message: Any) -> str:
    question = str(message or "").strip()
    if not question:
        raise gr.Error("Type a question first.", title="Empty question")
    if len(question) > settings.max_question_chars:
        raise gr.Error(
            f"The question is {len(question):,} characters long; the limit is "
            f"{settings.max_question_chars:,}.",
            title="Question too long",
        )
    return question


def _failure(action: str, exc: Exception) -> gr.Error:
    logger.exception("ui action failed action=%s error=%s", action, type(exc).__name__)
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return gr.Error(f"{action} failed: {detail}", title="Something went wrong")


# ---------------------------------------------------------------- chat
# The chat tab's handlers live in ui.chatting; this is the one-shot data API.


def ask(
    services: Services,
    question: str,
    sources: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
) -> dict[str, Any]:
    """Answer one question from the indexed articles.

    Returns {text, abstained, question, standalone_question, date_range, notes,
    citations: [{number, article_id, title, source, url, published, quote,
    start, end, score, passage, also_in}]}. Dates are YYYY-MM-DD.
    """
    text = check_question(services.settings, question)
    filters = parse_filters(sources, since, until, as_of)
    try:
        with services.lock.read():
            answer = services.assistant.ask(text, filters=filters)
    except gr.Error:
        raise
    except Exception as exc:
        raise _failure("Answering", exc) from exc
    return answer.to_dict()


# ---------------------------------------------------------------- articles


def article_rows(services: Services, query: Any = "") -> tuple[list[list[Any]], str]:
    """The articles table (filtered by `query` over title and outlet) and the totals line."""
    articles = services.articles()
    needle = str(query or "").strip().lower()
    matches = [
        a
        for a in articles
        if not needle or needle in a.title.lower() or needle in (a.source or "").lower()
    ]
    matches.sort(key=lambda a: (a.published or "", a.title), reverse=True)
    rows = [
        [a.title, a.source or "", render.format_date(a.published), a.n_chunks]
        for a in matches[:MAX_TABLE_ROWS]
    ]
    totals = render.totals_html(
        len(articles),
        sum(a.n_chunks for a in articles),
        (a.source for a in articles if a.source),
        len(matches),
    )
    return rows, totals


def article_records(services: Services, query: Any = "") -> list[dict[str, Any]]:
    """The `/articles` API: plain data, no server paths.

    A record with a ``path`` key is taken for a file by `gradio_client`, which then
    tries to download it (403); and where a file lives on the server is nobody's
    business. `file` is the file's name only (with its line or record number).
    """
    needle = str(query or "").strip().lower()
    return [
        {
            "id": a.id,
            "title": a.title,
            "source": a.source,
            "published": a.published,
            "url": a.url,
            "file": Path(a.path).name if a.path and not a.path.startswith("<") else None,
            "n_chunks": a.n_chunks,
            "group_id": a.group_id,
        }
        for a in services.articles()
        if not needle or needle in a.title.lower() or needle in (a.source or "").lower()
    ]


def outlet_choices(services: Services) -> list[str]:
    return sorted({a.source for a in services.articles() if a.source}, key=str.lower)


def status(services: Services) -> str:
    try:
        described = services.assistant.describe()
    except Exception:  # the status line must never break the page
        logger.exception("describe failed")
        described = {}
    return render.status_html(described, len(services.articles()))


class InputProblem(ValueError):
    """An ordinary input problem (no file chosen, too large, no title): a warning, not an error."""

    def __init__(self, message: str, title: str) -> None:
        super().__init__(message)
        self.title = title


def _warned(problem: InputProblem) -> tuple[Any, Any, Any, Any]:
    """Show the problem as a warning and leave the Articles tab as it was."""
    gr.Warning(str(problem), title=problem.title)
    return gr.skip(), gr.skip(), gr.skip(), gr.skip()


def _check_uploads(settings: UiSettings, paths: Sequence[str]) -> None:
    if len(paths) > settings.max_upload_files:
        raise InputProblem(
            f"{len(paths)} files at once; the limit is {settings.max_upload_files}.",
            title="Too many files",
        )
    for path in paths:
        p = Path(path)
        if p.suffix.lower() not in settings.upload_types:
            raise InputProblem(
                f"{p.name}: unsupported file type '{p.suffix or '(none)'}'; "
                f"upload {', '.join(settings.upload_types)}.",
                title="Unsupported file",
            )
        size = p.stat().st_size
        if size > settings.max_upload_bytes:
            raise InputProblem(
                f"{p.name} is {size / 1e6:.1f} MB; the limit is "
                f"{settings.max_upload_bytes / 1e6:.1f} MB.",
                title="File too large",
            )


def _keep_uploads(services: Services, paths: Sequence[str]) -> tuple[list[Path], dict[str, str]]:
    """Copy uploads out of Gradio's temp folder into the data dir, so they outlive it.

    Each goes to ``uploads/<content hash>/<name>``: the article id hashes that path, so
    another file with the same name is a new article (never a silent replacement of the
    first), and the same file uploaded again is "unchanged".
    """
    folder = Path(services.index.data_dir) / "uploads"
    kept: list[Path] = []
    names: dict[str, str] = {}
    for path in paths:
        source = Path(path)
        digest = hashlib.sha256()
        with source.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        target = folder / digest.hexdigest()[:16] / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(source, target)
        kept.append(target)
        names[str(target)] = source.name
    return kept, names


def replica_problem(services: Services) -> InputProblem | None:
    """Why this app cannot add or remove articles (a read-only replica), or None."""
    if not services.index.is_replica:
        return None
    try:
        services.index.store.check_writable()
    except ReadOnlyReplica as exc:
        return InputProblem(f"{exc}.", title="Read-only replica")
    return None


def upload_files(
    services: Services, files: Any, progress: ProgressFn | None = None
) -> tuple[str, list[list[Any]], str, Any]:
    """Index uploaded files: (report HTML, table rows, totals, outlet choices update)."""
    if (refused := replica_problem(services)) is not None:  # before anything is copied
        raise gr.Error(str(refused), title=refused.title)
    paths = [str(getattr(f, "name", f)) for f in (files or [])]
    if not paths:
        return _warned(InputProblem("Choose one or more files to upload first.", "No files"))
    try:
        _check_uploads(services.settings, paths)
    except InputProblem as problem:
        return _warned(problem)
    kept, names = _keep_uploads(services, paths)
    report = _write(
        services,
        lambda tick: services.index.update(kept, prune=False, progress=tick),
        progress,
        f"Reading {len(kept)} file(s)",
    )
    return _after_update(services, report, names)


def add_text(
    services: Services,
    title: Any,
    text: Any,
    source: Any = "",
    published: Any = "",
    progress: ProgressFn | None = None,
) -> tuple[str, list[list[Any]], str, Any]:
    """Index a pasted article (no URL needed): same outputs as `upload_files`."""
    if (refused := replica_problem(services)) is not None:
        raise gr.Error(str(refused), title=refused.title)
    title_s, text_s = str(title or "").strip(), str(text or "").strip()
    if not title_s:
        return _warned(InputProblem("Give the pasted article a title.", "Missing title"))
    if not text_s:
        return _warned(InputProblem("Paste the article's text first.", "Missing text"))
    if len(text_s) > services.settings.max_paste_chars:
        return _warned(
            InputProblem(
                f"The text is {len(text_s):,} characters; the limit is "
                f"{services.settings.max_paste_chars:,}.",
                "Text too long",
            )
        )
    day = parse_day(published, "Published")
    try:
        article = parse_pasted_text(
            text_s,
            title=title_s,
            source=str(source or "").strip() or None,
            published=day.isoformat() if day else None,
        )
    except ValueError as exc:
        raise gr.Error(str(exc), title="Cannot add this text") from exc
    report = _write(
        services, lambda _tick: services.index.add_articles([article]), progress, "Indexing"
    )
    return _after_update(services, report, {})


def _write(
    services: Services,
    run: Callable[[Callable[[int, int], None]], UpdateReport],
    progress: ProgressFn | None,
    what: str,
) -> UpdateReport:
    """Run an index update; questions keep being answered meanwhile.

    No lock here: the index serialises writers itself, and a search shows each article
    as it was before the update or as it is after it (its rows are `done`), never half
    of it; holding questions back made every question wait for the whole upload.
    """

    def tick(done: int, total: int) -> None:
        if progress is not None and total:
            progress(done / total, desc=f"Indexing {done}/{total} article(s)")

    if progress is not None:
        progress(0.0, desc=what)
    try:
        report = run(tick)
    except Exception as exc:
        raise _failure("Indexing", exc) from exc
    finally:
        services.invalidate()
    logger.info("ui update %s", report.summary())
    return report


def _after_update(
    services: Services, report: UpdateReport, names: dict[str, str]
) -> tuple[str, list[list[Any]], str, Any]:
    rows, totals = article_rows(services)
    choices = gr.Dropdown(choices=outlet_choices(services))
    return render.report_html(report.to_dict(), names=names), rows, totals, choices
