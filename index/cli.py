"""Command-line commands of this layer, registered on the `newsdesk` app by ui/cli.py."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this layer's commands to `app`."""
