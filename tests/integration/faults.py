"""Helpers for the fault-injection tests: small article folders, the real `newsdesk` CLI.

Everything here is real: article files on disk, the `newsdesk` command in a
subprocess (its exit status and stderr are what an operator sees), a `newsdesk serve`
process driven through the default `gradio_client`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.processes import answers, free_port, running, serve_command

# Three short articles with one distinctive fact each (the extractive answerer quotes it).
ARTICLES = {
    "fooville": (
        "Fooville council approves new river bridge",
        "The Fooville town council approved a new river bridge on Tuesday. The bridge will "
        "cost 4.2 million euros, council treasurer Anna Lind said, and construction starts "
        "in March.\n\nThe old wooden crossing, built in 1932, will be closed to cars.",
        "How much will the new river bridge in Fooville cost?",
        "4.2 million",
    ),
    "barton": (
        "Barton library reopens after flood repairs",
        "The Barton public library reopened on Monday after flood repairs that took "
        "eleven months. About 1,800 visitors came on the first day, head librarian "
        "Tom Okafor said.\n\nThe repairs cost the town 650,000 pounds.",
        "How many visitors came to the Barton library on its first day?",
        "1,800",
    ),
    "zebra": (
        "Ljubljana zebra festival draws record crowd",
        "The annual zebra-crossing festival in Ljubljana drew 4,300 visitors on Saturday, "
        "organisers said, a record for the event.\n\nMayor Zoran Jankovic opened the "
        "festival by walking across the longest painted crossing in Slovenia.",
        "How many visitors did the zebra festival in Ljubljana draw?",
        "4,300",
    ),
}


def write_article(folder: Path, key: str, name: str | None = None) -> Path:
    """Article `key` as a .txt file (title line, date line, body) in `folder`."""
    title, body, _, _ = ARTICLES[key]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{key}.txt")
    path.write_text(f"{title}\n\nPublished June 12, 2022\n\n{body}\n", encoding="utf-8")
    return path


def question(key: str) -> str:
    return ARTICLES[key][2]


def fact(key: str) -> str:
    return ARTICLES[key][3]


def newsdesk(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `newsdesk` command; a hang fails the test instead of blocking CI."""
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *[str(a) for a in args]],
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (no traceback), for assertions."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


@contextmanager
def serve(data_dir: Path, tmp: Path) -> Iterator[str]:
    """`newsdesk serve --data-dir DATA_DIR` on a free loopback port; yields its URL."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    url = f"http://127.0.0.1:{port}/"
    with running(
        serve_command(port, data_dir),
        ready=lambda: answers(url + "config"),
        timeout=120,  # start-up guard only (model load), not a measure
        log=log,
        cwd=REPO_ROOT,
        env={**os.environ, "GRADIO_TEMP_DIR": str(tmp / "gradio")},
    ):
        yield url
