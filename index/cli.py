"""`newsdesk index`, `newsdesk watch` and `newsdesk status`, registered on the app by ui/cli.py.

Each command is an entry point: it builds `IndexSettings` (env, newsdesk.toml,
`--data-dir`) and passes them to `NewsIndex.open`.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from index.pipeline import NewsIndex
    from index.report import UpdateReport
    from index.settings import IndexSettings

logger = logging.getLogger(__name__)
T = TypeVar("T")

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Index folder (default: NEWSDESK_DATA_DIR or ./data).",
        file_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def settings_or_exit(build: Callable[[], T]) -> T:
    """`build()` (settings from their sources); a bad value stops the command, exit 2."""
    from pydantic import ValidationError

    try:
        return build()
    except ValidationError as exc:
        _err(f"error: invalid settings (NEWSDESK_* variables or newsdesk.toml): {exc}")
        raise typer.Exit(2) from exc


def build_settings(data_dir: Path | None) -> IndexSettings:
    from index.settings import IndexSettings

    return settings_or_exit(
        lambda: IndexSettings(data_dir=data_dir) if data_dir else IndexSettings()
    )


def open_index(data_dir: Path | None, *, check: bool = True, repair: bool = False) -> NewsIndex:
    """The index in `data_dir`; `repair` (for --rebuild) sets a damaged manifest aside."""
    from index.pipeline import NewsIndex

    settings = build_settings(data_dir)
    with _fatal_errors():
        return NewsIndex.open(settings, check=check, repair=repair)


@contextmanager
def _fatal_errors() -> Iterator[None]:
    """Problems of the set-up, not of an article (other settings, a damaged manifest, an
    unreachable Chroma server): one line naming what and the fix, exit status 2."""
    from index.encoders import EmbeddingUnavailable  # (index.embeddings loads llama-index)
    from index.errors import IndexUnavailable

    try:
        yield
    except (IndexUnavailable, EmbeddingUnavailable) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("indexing articles", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _print_report(report: UpdateReport, as_json: bool) -> None:
    for failure in report.failed:
        _err(str(failure))
    for note in report.notes:
        _err(f"note: {note}")
    if as_json:
        typer.echo(json.dumps(report.to_dict()))
    else:
        typer.echo(report.summary())


def index_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove articles whose files under PATHS are gone.")
    ] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start from an empty index.")] = False,
    as_json: JsonOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Index article files: add new, re-embed changed, skip unchanged."""
    with _fatal_errors(), open_index(data_dir, check=not rebuild, repair=rebuild) as index:
        show_bar = sys.stdout.isatty() and not as_json
        with _progress_bar(show_bar) as progress:
            report = index.update(paths, prune=prune, rebuild=rebuild, progress=progress)
    _print_report(report, as_json)
    if not report.ok:
        raise typer.Exit(1)


def status_command(as_json: JsonOption = False, data_dir: DataDirOption = None) -> None:
    """Show what is indexed: articles, chunks, sources, dates, embedding model, store."""
    with _fatal_errors(), open_index(data_dir, check=False) as index:
        status = index.status()
    if as_json:
        typer.echo(json.dumps(status.to_dict()))
    else:
        typer.echo("\n".join(status.lines()))


def watch_command(
    directory: Annotated[
        Path, typer.Argument(help="Folder to watch.", exists=True, file_okay=False)
    ],
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove the articles of deleted files.")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Index DIR, then index new or changed files as they appear (Ctrl-C stops)."""
    directory = directory.absolute()
    with _fatal_errors(), open_index(data_dir) as index:
        try:
            watch_folder(index, directory, prune=prune, on_report=_watch_report)
        except KeyboardInterrupt:
            _err("stopped")


def watch_folder(
    index: NewsIndex,
    directory: Path,
    *,
    prune: bool,
    on_report: Callable[[UpdateReport], None],
    stop_event: Any = None,
) -> None:
    """Index `directory`, then each batch of created/changed (and deleted) article files."""
    from watchfiles import Change, watch

    from index.articles import SUPPORTED_SUFFIXES, link_out_of
    from index.report import UpdateReport

    def wanted(path: Path) -> bool:
        return path.suffix.lower() in SUPPORTED_SUFFIXES and not any(
            part.startswith(".") for part in path.relative_to(directory).parts
        )

    started = False
    # yield_on_timeout: the first (empty) batch arrives once the watcher is running, so
    # the initial full pass cannot miss a file written while it starts.
    for changes in watch(directory, stop_event=stop_event, yield_on_timeout=True, rust_timeout=500):
        if not started:
            started = True
            on_report(index.update([directory], prune=prune))
            continue
        if not changes:
            continue
        changed = sorted({Path(p) for kind, p in changes if kind != Change.deleted})
        deleted = sorted({Path(p) for kind, p in changes if kind == Change.deleted})
        changed = [p for p in changed if p.is_file() and wanted(p)]
        escaping = [f for p in changed if (f := link_out_of(p, directory)) is not None]
        if escaping:  # named one by one here, so the folder's link rule is applied here
            on_report(UpdateReport(failed=escaping))
            skipped = {f.path for f in escaping}
            changed = [p for p in changed if str(p.absolute()) not in skipped]
        deleted = [p for p in deleted if not p.exists() and wanted(p)]
        logger.info("watch batch changed=%d deleted=%d", len(changed), len(deleted))
        if changed:
            on_report(index.update(changed))
        if prune and deleted:
            on_report(index.remove_files(deleted))


def _watch_report(report: UpdateReport) -> None:
    for failure in report.failed:
        _err(str(failure))
    for note in report.notes:
        _err(f"note: {note}")
    typer.echo(report.summary(), nl=True)
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    """Add this layer's commands to `app`."""
    app.command("index")(index_command)
    app.command("watch")(watch_command)
    app.command("status")(status_command)
