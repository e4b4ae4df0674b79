"""A real Chroma server process for integration tests (`chroma run` from the venv).

Use the `chroma_server` fixture (import it into a test module) or the
`running_chroma_server` context manager. The server listens on a free loopback port
and stores its data in a temporary folder; it is stopped when the session ends.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMA = Path(sys.executable).parent / "chroma"


@dataclass(frozen=True)
class ChromaServer:
    host: str
    port: int
    path: Path
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1) as r:
            return bool(r.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def running_chroma_server(path: Path, timeout: float = 60.0) -> Iterator[ChromaServer]:
    """Start `chroma run --path PATH --host 127.0.0.1 --port FREE`, wait until it answers."""
    if not CHROMA.exists():
        raise RuntimeError(f"chroma CLI not found at {CHROMA}: pip install chromadb in the venv")
    path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = path.parent / f"chroma-{port}.log"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + timeout
        while not _ready(port):
            if proc.poll() is not None:
                raise RuntimeError(f"chroma server exited ({proc.returncode}): {log.read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"chroma server not ready after {timeout} s: {log.read_text()}")
            time.sleep(0.2)
        yield ChromaServer("127.0.0.1", port, path, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    with running_chroma_server(tmp_path_factory.mktemp("chroma-server") / "data") as server:
        yield server
