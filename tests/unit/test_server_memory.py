"""What keeps a long-running server's memory bounded: connections, arenas, sessions."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from index.manifest import Manifest
from ui.memory import limit_malloc_arenas

pytestmark = pytest.mark.unit


def test_connections_of_finished_threads_are_closed(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.sqlite3")

    def read() -> None:
        manifest.meta()

    for _ in range(12):  # worker threads come and go, as in a web server's pool
        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
    # the main thread's connection, at most one of an ended thread not yet reaped
    assert manifest.open_connections <= 2
    manifest.meta()
    manifest.close()
    assert manifest.open_connections == 0


def test_malloc_arenas_are_limited_unless_the_environment_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False  # the operator's value stands
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    assert limit_malloc_arenas() is True  # glibc (Debian, this project's platform)
