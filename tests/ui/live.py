"""Run a built web app on a free loopback port for the duration of a `with` block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import gradio as gr

from tests.processes import free_port
from ui.app import launch_options
from ui.settings import UiSettings


@contextmanager
def serving(app: gr.Blocks, settings: UiSettings, **overrides: Any) -> Iterator[str]:
    """Launch `app` without blocking; yield its URL; close it afterwards."""
    options = launch_options(settings)
    options.update(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True)
    options.update(overrides)
    _, local_url, _ = app.launch(**options)
    try:
        yield local_url
    finally:
        app.close()
