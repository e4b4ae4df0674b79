"""`newsdesk serve`: option checking in-process, and the real command on a loopback port."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from typer.testing import CliRunner

from tests.conftest import REPO_ROOT
from tests.processes import answers, free_port, running, serve_command
from tests.ui.conftest import SAMPLE_QUESTION, open_seed_assistant
from ui.cli import build_cli
from ui.serve_cli import GIL_SWITCH_SECONDS

pytestmark = pytest.mark.ui


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--auth", "nopassword"], "user:password"),
        (["--share", "maybe"], "true or false"),
        (["--port", "70000"], "port"),
    ],
)
def test_bad_options_are_refused_before_anything_starts(args: list[str], message: str) -> None:
    result = CliRunner().invoke(build_cli(), ["serve", *args])
    assert result.exit_code == 2
    assert message in result.output


@pytest.fixture(autouse=True)
def _switch_interval_restored() -> Iterator[None]:
    """`serve` tunes the process (here: the test run's) before it checks its options."""
    default = sys.getswitchinterval()
    yield
    sys.setswitchinterval(default)


def test_serve_shortens_the_gil_switch_interval() -> None:
    sys.setswitchinterval(0.005)  # CPython's default
    result = CliRunner().invoke(build_cli(), ["serve", "--port", "70000"])
    assert result.exit_code == 2  # refused, after the process was tuned
    assert sys.getswitchinterval() == GIL_SWITCH_SECONDS


def _seed_server(tmp_path: Path) -> tuple[Path, int, str]:
    """A data dir holding the seed sample's index, a free port and the URL on it."""
    data_dir = tmp_path / "index"
    _, index = open_seed_assistant(data_dir)
    index.close()
    port = free_port()
    return data_dir, port, f"http://127.0.0.1:{port}/"


def test_serve_starts_on_loopback_with_auth(tmp_path: Path) -> None:
    data_dir, port, url = _seed_server(tmp_path)
    statuses: list[int] = []

    def ready() -> bool:
        try:
            statuses.append(httpx.get(url + "config", timeout=2).status_code)
        except httpx.TransportError:
            return False
        return True

    with running(
        serve_command(port, data_dir, "--auth", "ed:pw"),
        ready=ready,
        timeout=90,
        log=tmp_path / "serve.log",
        cwd=REPO_ROOT,
        env={**os.environ, "GRADIO_TEMP_DIR": str(tmp_path / "gradio")},
    ):
        assert statuses[-1] in (401, 403)  # auth is on
        login = httpx.post(url + "login", data={"username": "ed", "password": "pw"}, timeout=10)
        assert login.status_code == 200
        with pytest.raises(httpx.TransportError):  # bound to loopback only
            httpx.get(f"http://{_non_loopback_address()}:{port}/", timeout=2)


def _non_loopback_address() -> str:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))  # no packet is sent; picks the outward interface
            address = str(sock.getsockname()[0])
        except OSError:
            address = "127.0.0.1"
    if address.startswith("127."):
        pytest.skip("no non-loopback interface to check against")
    return address


def test_serve_spares_gradio_its_per_event_monitoring_summary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Gradio's queue rebuilds a pandas summary of up to 10,000 past events after every
    event (3 ms at 500 events, 17 ms at 10,000, twice an answer); `serve` asks for it once
    per 1,000 events, over the last 1,000."""
    import gradio as gr

    for name in ("GRADIO_ANALYTICS_CACHE_FREQUENCY", "GRADIO_ANALYTICS_MAX_EVENTS"):
        monkeypatch.setenv(name, "")  # recorded, so the test's end restores the original
        monkeypatch.delenv(name)
    result = CliRunner().invoke(build_cli(), ["serve", "--port", "70000"])
    assert result.exit_code == 2  # refused, after the process was tuned
    queue = gr.Blocks().queue()._queue  # what the app's queue reads from the environment
    assert queue.ANAYLTICS_CACHE_FREQUENCY == 1000
    assert queue.ANALYTICS_MAX_EVENTS == 1000


def _workers(server: psutil.Process) -> list[psutil.Process]:
    children = server.children(recursive=True)
    return [p for p in children if "assistant.answer.processes" in " ".join(p.cmdline())]


def test_serve_answers_in_a_worker_process_that_ends_with_it(tmp_path: Path) -> None:
    from tests.ui.test_client import client_for

    data_dir, port, url = _seed_server(tmp_path)
    env = {
        **os.environ,
        "GRADIO_TEMP_DIR": str(tmp_path / "gradio"),
        "NEWSDESK_ANSWER_PROCESSES": "1",
        "NEWSDESK_LOG_LEVEL": "INFO",  # the worker logs each answer, marked as its own
    }
    log = tmp_path / "serve.log"
    with running(
        serve_command(port, data_dir),
        ready=lambda: answers(url + "config"),
        timeout=90,
        log=log,
        cwd=REPO_ROOT,
        env=env,
    ) as proc:
        server = psutil.Process(proc.pid)
        (worker,) = _workers(server)
        client = client_for(url)
        questions = [SAMPLE_QUESTION, "How long was Pavel Latushko sentenced to?"]
        for question in questions:
            answer = client.predict(question, None, None, None, None, api_name="/ask")
            assert answer["citations"] and not answer["abstained"]
        assert "2,100" in client.predict(SAMPLE_QUESTION, api_name="/ask")["text"]
        assert _workers(server) == [worker]  # the same worker throughout
        time.sleep(0.5)  # (its log lines reach the file)
        answered = re.findall(r"\(answer worker\) extractive answered", log.read_text())
        assert len(answered) == 3  # each computed by the worker, none in the server
    _, alive = psutil.wait_procs([worker], timeout=15)
    assert not alive  # the worker does not outlive the server
