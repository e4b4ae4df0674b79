"""The `newsdesk` command: assembles each layer's commands and configures logging."""

from __future__ import annotations

import logging
import os

import typer

from assistant import cli as assistant_cli
from index import cli as index_cli


def build_cli() -> typer.Typer:
    app = typer.Typer(
        name="newsdesk",
        help="Ask questions about a collection of news articles, with verified citations.",
        no_args_is_help=True,
        add_completion=False,
    )
    index_cli.register(app)
    assistant_cli.register(app)
    from ui import serve_cli

    serve_cli.register(app)
    return app


def main() -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    level = os.environ.get("NEWSDESK_LOG_LEVEL", "WARNING").upper()
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    build_cli()()


if __name__ == "__main__":
    main()
