"""The `newsdesk` command: assembles each layer's commands and configures logging."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys

import typer

from assistant import cli as assistant_cli
from index import cli as index_cli
from ui.settings import AppSettings, LoggingSettings


def build_cli() -> typer.Typer:
    app = typer.Typer(
        name="newsdesk",
        help="Ask questions about a collection of news articles, with verified citations.",
        no_args_is_help=True,
        add_completion=False,
    )
    index_cli.register(app)
    assistant_cli.register(app)
    from ui import feedback, serve_cli

    serve_cli.register(app)
    feedback.register(app)
    return app


def main() -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    check_config()
    level = LoggingSettings().level
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from index.errors import IndexUnavailable

    try:
        build_cli()()
    except IndexUnavailable as exc:
        # Any command (ask, chat ...) meeting a damaged manifest or an unreachable store:
        # one line that names the problem and the fix, not a traceback.
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except sqlite3.DatabaseError as exc:
        logging.getLogger(__name__).debug("manifest error", exc_info=True)
        print(
            f"error: the index manifest (manifest.sqlite3 in the data dir) is damaged ({exc}); "
            "rebuild it with: newsdesk index PATH... --rebuild --data-dir DIR",
            file=sys.stderr,
        )
        sys.exit(2)


def check_config() -> None:
    """Stop on a setting no part of Newsdesk knows (a typo would silently use the default)."""
    from index.settings import config_problems

    errors, warnings = config_problems([cls for _, cls in AppSettings.section_classes()])
    for line in warnings:
        print(f"warning: {line}", file=sys.stderr)
    if errors:
        for line in errors:
            print(f"error: {line}", file=sys.stderr)
        raise SystemExit(2)


if __name__ == "__main__":
    main()
