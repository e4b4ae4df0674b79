"""`newsdesk serve`: open the index, build the assistant, launch the web chat."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    import gradio as gr

    from assistant.answer.processes import ProcessAnswerer
    from assistant.settings import AssistantSettings
    from index.pipeline import NewsIndex
    from ui.settings import UiSettings

logger = logging.getLogger(__name__)

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Answers run on several threads: Chroma's vector queries release the GIL, our Python work
# holds it. At CPython's default 5 ms a thread back from a query (or the event loop, back
# from the network) waits up to 5 ms for its turn; at 1 ms the queries overlap the Python
# work more and the event loop answers sooner: x1.2-1.4 answers/s with 20 users (README).
GIL_SWITCH_SECONDS = 0.001
# Answers computed in worker processes (see assistant/answer/processes.py, README "Web
# load"): with 20 users, one worker took the server from ~22 to ~28 answers/s (two: ~32)
# for ~150 MB more memory (two: ~300 MB).
DEFAULT_ANSWER_PROCESSES = 1
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _err(message: str) -> None:
    typer.echo(message, err=True)


def parse_bool(value: str, option: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise typer.BadParameter(f"{option} takes true or false, not {value!r}")


def build_ui_settings(
    host: str | None, port: int | None, share: str | None, auth: str | None
) -> UiSettings:
    from pydantic import ValidationError

    from ui.settings import UiSettings

    overrides: dict[str, Any] = {}
    if host is not None:
        overrides["host"] = host
    if port is not None:
        overrides["port"] = port
    if share is not None:
        overrides["share"] = parse_bool(share, "--share")
    if auth is not None:
        overrides["auth"] = auth
    try:
        return UiSettings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in exc.errors()
        )
        _err(f"error: invalid web settings (options, NEWSDESK_* or newsdesk.toml): {problems}")
        raise typer.Exit(2) from exc


def build_web_app(data_dir: Path | None, ui_settings: UiSettings) -> gr.Blocks:
    """Open the index and the assistant the same way `newsdesk ask` does, then the app."""

    from assistant.core import Assistant
    from assistant.settings import assistant_settings
    from index.cli import settings_or_exit
    from index.encoders import EmbeddingUnavailable
    from index.errors import IndexUnavailable
    from index.pipeline import NewsIndex
    from ui.app import build_app

    settings = settings_or_exit(lambda: assistant_settings(data_dir))
    try:
        index = NewsIndex.open(settings.index)
        _ = index.query_model  # load the model now, not on the first question
        assistant = Assistant(
            index=index, settings=settings, answerer=process_answerer(index, settings, ui_settings)
        )
    except (IndexUnavailable, EmbeddingUnavailable, ValueError) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc
    try:
        if index.is_replica:  # answer about everything on the server from the start
            index.replica_sync().sync()
            index.replica_sync().start()
        n_articles = index.status().articles
    except IndexUnavailable as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc
    if index.is_replica:
        _err(
            f"note: read-only replica of the Chroma server at {index.store.server} "
            f"({n_articles} articles); uploads are refused: the indexer adds articles."
        )
    elif n_articles == 0:
        _err(
            f"note: the index in {settings.index.data_dir} is empty; add articles in the "
            "Articles tab or run `newsdesk index PATH` first."
        )
    logger.info("serve data_dir=%s articles=%d", settings.index.data_dir, n_articles)
    return build_app(assistant, index, ui_settings)


def answer_processes(settings: AssistantSettings, ui_settings: UiSettings) -> int:
    """Worker processes for answers: the setting, else 1 where it can help (two or more
    cores, the built-in answerer over the WordLlama embedding, which workers load too)."""
    if settings.uses_llm or settings.index.embed_backend != "wordllama":
        return 0
    if ui_settings.answer_processes is not None:
        return ui_settings.answer_processes
    return DEFAULT_ANSWER_PROCESSES if (os.cpu_count() or 1) >= 2 else 0


def process_answerer(
    index: NewsIndex, settings: AssistantSettings, ui_settings: UiSettings
) -> ProcessAnswerer | None:
    """The built-in answerer in worker processes, or None (answers in this process)."""
    workers = answer_processes(settings, ui_settings)
    if workers == 0:
        return None
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.answer.processes import ProcessAnswerer

    return ProcessAnswerer(workers, local=lambda: ExtractiveAnswerer(embedding=index.embedding))


def register(app: typer.Typer) -> None:
    """Add the `serve` command to `app`."""

    @app.command("serve")
    def serve(
        host: Annotated[
            str | None,
            typer.Option(help="Interface to bind (default 127.0.0.1; 0.0.0.0 = all)."),
        ] = None,
        port: Annotated[int | None, typer.Option(help="Port (default 7860).")] = None,
        share: Annotated[
            str | None,
            typer.Option(
                "--share", metavar="true|false", help="Gradio share link (default false)."
            ),
        ] = None,
        auth: Annotated[
            str | None,
            typer.Option(
                metavar="USER:PASS", help="Require this login (or NEWSDESK_AUTH); comma-separate."
            ),
        ] = None,
        data_dir: Annotated[
            Path | None,
            typer.Option(
                "--data-dir",
                help="Index folder (default: NEWSDESK_DATA_DIR or ./data).",
                file_okay=False,
            ),
        ] = None,
    ) -> None:
        """Serve the web chat (http://127.0.0.1:7860 by default)."""
        from ui.app import launch_options
        from ui.memory import limit_malloc_arenas

        limit_malloc_arenas()  # before any thread starts: keeps the RSS from creeping up
        sys.setswitchinterval(GIL_SWITCH_SECONDS)
        os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
        # Gradio's queue rebuilds a pandas summary of its last (up to 10,000) events after
        # every event, twice, for its monitoring page: a cost per answer that grows with
        # the events served. Once per 1,000 events over the last 1,000 is plenty.
        os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "1000")
        os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1000")
        ui_settings = build_ui_settings(host, port, share, auth)
        if ui_settings.host not in _LOOPBACK and not ui_settings.auth:
            _err(
                f"warning: serving on {ui_settings.host} without --auth: anyone who can "
                "reach this machine can use the chat and add articles."
            )
        web = build_web_app(data_dir, ui_settings)
        typer.echo(f"Newsdesk web chat: http://{ui_settings.host}:{ui_settings.port}/")
        try:
            web.launch(**launch_options(ui_settings))
        except OSError as exc:
            _err(f"error: cannot serve on {ui_settings.host}:{ui_settings.port}: {exc}")
            raise typer.Exit(2) from exc
