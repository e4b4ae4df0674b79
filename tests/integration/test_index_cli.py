"""`newsdesk index`, `status` and `watch` end to end: real files, real Chroma, real exit codes."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO_ROOT, SEEDS_DIR, shared_data_path
from ui.cli import build_cli

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def dev_lines() -> list[str]:
    path = shared_data_path("dev", "articles.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [next(handle) for _ in range(8)]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_cli(), [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mixed_folder(tmp_path: Path, dev_lines: list[str]) -> Path:
    """Five good records, one good + one broken JSON line, an empty and a binary file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.jsonl").write_text("".join(dev_lines[:5]), encoding="utf-8")
    (folder / "broken.jsonl").write_text(dev_lines[5] + "{not json\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    return folder


def test_index_prints_summary_reports_each_failure_and_exits_1(
    mixed_folder: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    code, out, err = run("index", mixed_folder, "--data-dir", data)
    assert code == 1
    assert "added 6, updated 0, unchanged 0, removed 0, failed 3" in out
    failures = err.strip().splitlines()
    assert len(failures) == 3
    broken = (mixed_folder / "broken.jsonl").resolve()
    assert any(line.startswith(f"{broken}:2: ") for line in failures), failures
    for name in ("empty.txt", "binary.txt"):
        assert any(line.startswith(str((mixed_folder / name).resolve())) for line in failures)

    code, out, err = run("index", mixed_folder, "--data-dir", data, "--json")
    assert code == 1
    report = json.loads(out)
    assert {k: report[k] for k in ("added", "updated", "unchanged", "removed")} == {
        "added": 0,
        "updated": 0,
        "unchanged": 6,
        "removed": 0,
    }
    assert report["chunks_embedded"] == 0 and report["chunks_deleted"] == 0
    assert len(report["failed"]) == 3
    assert all(set(f) == {"path", "line", "reason"} and f["reason"] for f in report["failed"])
    assert {"path": str(broken), "line": 2} in [
        {"path": f["path"], "line": f["line"]} for f in report["failed"]
    ]

    for bad in ("broken.jsonl", "empty.txt", "binary.txt"):
        (mixed_folder / bad).unlink()
    code, out, err = run("index", mixed_folder, "--data-dir", data, "--prune", "--json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert (report["removed"], report["unchanged"], report["failed"]) == (1, 5, [])


def test_status_and_data_dir_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "from-env"
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(data))
    code, out, _ = run("index", SEEDS_DIR, "--json")
    assert code == 0 and json.loads(out)["added"] == 1

    code, out, _ = run("status", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["articles"] == 1 and status["chunks"] >= 1
    assert status["embed_model"].startswith("wordllama")
    assert status["data_dir"] == str(data.absolute())
    assert status["store"].startswith(str(data.absolute() / "chroma"))

    code, out, _ = run("status")
    assert code == 0 and "articles:   1" in out and "wordllama" in out

    # --data-dir wins over the environment.
    code, out, _ = run("status", "--json", "--data-dir", tmp_path / "other")
    assert code == 0 and json.loads(out)["articles"] == 0


def test_other_chunk_settings_exit_2_with_rebuild_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    assert run("index", SEEDS_DIR, "--data-dir", data)[0] == 0
    monkeypatch.setenv("NEWSDESK_CHUNK_TOKENS", "128")
    code, _, err = run("index", SEEDS_DIR, "--data-dir", data)
    assert code == 2
    assert "chunk_tokens" in err and f"--rebuild --data-dir {data}" in err
    code, out, _ = run("index", SEEDS_DIR, "--data-dir", data, "--rebuild", "--json")
    assert code == 0 and json.loads(out)["added"] == 1


def _reader(stream: object, lines: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line)


def _wait_for(lines: queue.Queue[str], text: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"{text!r} not printed within {timeout} s; got {seen}")


def test_watch_indexes_new_changed_and_deleted_files(tmp_path: Path, dev_lines: list[str]) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "first.jsonl").write_text(dev_lines[0], encoding="utf-8")
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "ui.cli", "watch", str(folder), "--data-dir", str(data), "--prune"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    try:
        _wait_for(lines, "added 1, updated 0")
        (folder / "second.jsonl").write_text(dev_lines[1], encoding="utf-8")
        _wait_for(lines, "added 1, updated 0")
        record = json.loads(dev_lines[0])
        record["text"] = "An update arrived.\n\n" + record["text"]
        (folder / "first.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
        _wait_for(lines, "added 0, updated 1")
        (folder / "second.jsonl").unlink()
        _wait_for(lines, "removed 1")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    code, out, _ = run("status", "--json", "--data-dir", data)
    assert code == 0 and json.loads(out)["articles"] == 1
