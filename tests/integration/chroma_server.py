"""A real Chroma server process for integration tests (`chroma run` from the venv).

Use the `chroma_server` fixture (import it into a test module) or the
`running_chroma_server` context manager. The server listens on a free loopback port
and stores its data in a temporary folder; it is stopped when the session ends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import answers, free_port, running

CHROMA = Path(sys.executable).parent / "chroma"


@dataclass(frozen=True)
class ChromaServer:
    host: str
    port: int
    path: Path
    log: Path


@contextmanager
def running_chroma_server(path: Path, timeout: float = 60.0) -> Iterator[ChromaServer]:
    """Start `chroma run --path PATH --host 127.0.0.1 --port FREE`, wait until it answers."""
    if not CHROMA.exists():
        raise RuntimeError(f"chroma CLI not found at {CHROMA}: pip install chromadb in the venv")
    path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = path.parent / f"chroma-{port}.log"
    with running(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        ready=lambda: answers(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1),
        timeout=timeout,
        log=log,
        stop_timeout=15,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    ):
        yield ChromaServer("127.0.0.1", port, path, log)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    with running_chroma_server(tmp_path_factory.mktemp("chroma-server") / "data") as server:
        yield server
