"""Server processes for tests: a free port, a process that is stopped however the test
ends, waiting until it answers, and the `newsdesk serve` command line."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether a GET of `url` is answered with 200 (a server that is up and ready)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def serve_command(port: int, data_dir: Path, *options: str) -> list[str]:
    """`newsdesk serve --port PORT --data-dir DATA_DIR [options]` as a subprocess argv."""
    return [
        sys.executable, "-m", "ui.cli", "serve",
        "--port", str(port),
        "--data-dir", str(data_dir),
        *options,
    ]  # fmt: skip


@contextmanager
def running(
    command: list[str],
    *,
    ready: Callable[[], bool],
    timeout: float,
    log: Path | None = None,
    stop_timeout: float = 20.0,
    **popen: Any,
) -> Iterator[subprocess.Popen[Any]]:
    """Start `command` (output to `log` when given), wait until `ready()`, yield the process;
    terminate it afterwards (killed when it does not stop in `stop_timeout` seconds).

    A process that exits or is not ready within `timeout` seconds raises RuntimeError
    with the end of its log.
    """
    if log is not None:
        with log.open("wb") as out:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **popen)
    else:
        proc = subprocess.Popen(command, **popen)
    try:
        deadline = time.monotonic() + timeout
        while not ready():
            exited = proc.poll() is not None
            if exited or time.monotonic() > deadline:
                state = f"exited ({proc.returncode})" if exited else f"not ready after {timeout} s"
                tail = log.read_text(errors="replace")[-2000:] if log is not None else ""
                raise RuntimeError(f"{' '.join(command[:4])} ...: {state}\n{tail}")
            time.sleep(0.25)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=stop_timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
