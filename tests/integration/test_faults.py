"""Fault injection, end to end: what an operator does to Newsdesk, and what it must survive.

Each test breaks something for real (a rebuild from another process under a running
`newsdesk serve`, a damaged or missing manifest, a lost Chroma store, a stopped Chroma
server, special files and hostile links in the folder, a pathological .jsonl line)
and checks what the issue asks: nothing lost, nothing stuck, no tracebacks.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from gradio_client import Client, handle_file

from index.errors import StoreUnreachable
from index.pipeline import NewsIndex
from index.settings import IndexSettings
from tests.integration.chroma_server import running_chroma_server
from tests.integration.faults import (
    ARTICLES,
    fact,
    newsdesk,
    one_error_line,
    question,
    serve,
    write_article,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    for key in ARTICLES:
        write_article(folder, key)
    return folder


def indexed(folder: Path, data_dir: Path, **settings: Any) -> dict[str, Any]:
    """Index `folder` in-process (set-up only); returns the report as a dict."""
    with NewsIndex.open(IndexSettings(data_dir=data_dir, **settings)) as index:
        report = index.update([folder])
    assert report.ok, report.to_dict()
    return report.to_dict()


def status(data_dir: Path) -> dict[str, Any]:
    """`newsdesk status --json`, read in-process where the command is not what is tested
    (each CLI process costs seconds of start-up)."""
    with NewsIndex.open(IndexSettings(data_dir=data_dir), check=False) as index:
        return index.status().to_dict()


def cited_titles(answer: dict[str, Any]) -> list[str]:
    return [c["title"] for c in answer["citations"]]


# ----------------------------------------------------------- 1, 2, 9, 10: a running app


def test_running_app_follows_rebuild_update_prune_and_upload_by_others(
    tmp_path: Path,
) -> None:
    first, second, data = tmp_path / "first", tmp_path / "second", tmp_path / "data"
    write_article(first, "fooville")
    write_article(second, "barton")
    indexed(first, data)
    with serve(data, tmp_path) as url:
        client = Client(url, verbose=False)  # the default client of the README
        answer = client.predict(question("fooville"), None, None, None, None, api_name="/ask")
        assert fact("fooville") in answer["text"]

        rebuilt = newsdesk("index", first, "--rebuild", "--data-dir", data)
        assert rebuilt.returncode == 0, rebuilt.stderr
        answer = client.predict(question("fooville"), None, None, None, None, api_name="/ask")
        assert fact("fooville") in answer["text"]  # no "Collection ... does not exist"

        added = newsdesk("index", second, "--data-dir", data)
        assert added.returncode == 0, added.stderr
        answer = client.predict(question("barton"), None, None, None, None, api_name="/ask")
        assert fact("barton") in answer["text"]  # the other process's vectors are seen

        upload = write_article(tmp_path / "to-upload", "zebra")
        report, *_ = client.predict([handle_file(str(upload))], api_name="/upload_files")
        assert "<b>1</b> Added" in report
        answer = client.predict(question("zebra"), None, None, None, None, api_name="/ask")
        assert fact("zebra") in answer["text"]

        # 10: the default client (download_files=True) reads /articles as plain data.
        records = client.predict("", api_name="/articles")
        assert sorted(r["title"] for r in records) == sorted(
            ARTICLES[k][0] for k in ("fooville", "barton", "zebra")
        )
        assert all("path" not in r for r in records)
        assert str(tmp_path) not in json.dumps(records)  # no server paths

        (second / "barton.txt").unlink()
        pruned = newsdesk("index", second, "--prune", "--data-dir", data)
        assert pruned.returncode == 0, pruned.stderr
        answer = client.predict(question("barton"), None, None, None, None, api_name="/ask")
        assert ARTICLES["barton"][0] not in cited_titles(answer)
    after = status(data)
    assert after["articles"] == 2 and after["pending"] == 0 and after["agree"]


def test_same_file_name_uploaded_twice_keeps_both_articles(tmp_path: Path) -> None:
    from tests.ui.conftest import open_seed_assistant
    from ui import handlers

    assistant, index = open_seed_assistant(tmp_path / "data")
    services = handlers.Services(assistant=assistant, index=index)
    try:
        a = write_article(tmp_path / "a", "fooville", name="article.txt")
        b = write_article(tmp_path / "b", "barton", name="article.txt")
        first, *_ = handlers.upload_files(services, [str(a)])
        second, *_ = handlers.upload_files(services, [str(b)])
        again, *_ = handlers.upload_files(services, [str(b)])
        assert "<b>1</b> Added" in first and "<b>1</b> Added" in second
        assert "<b>1</b> Unchanged" in again and "<b>0</b> Updated" in again
        titles = {r["title"] for r in handlers.article_records(services)}
        assert {ARTICLES["fooville"][0], ARTICLES["barton"][0]} <= titles
        assert fact("fooville") in handlers.ask(services, question("fooville"))["text"]
    finally:
        index.close()


def test_questions_are_answered_while_an_upload_is_being_indexed(tmp_path: Path) -> None:
    from tests.ui.conftest import open_seed_assistant
    from ui import handlers

    assistant, index = open_seed_assistant(tmp_path / "data")
    services = handlers.Services(assistant=assistant, index=index)
    upload = write_article(tmp_path / "up", "zebra")
    in_update, answered = threading.Event(), threading.Event()
    answers: list[dict[str, Any]] = []
    answered_during_update: list[bool] = []

    def progress(fraction: float, desc: str = "") -> None:
        if desc.startswith("Indexing") and not in_update.is_set():
            # Inside the index write: hold it there until the question is answered (a
            # question that waits for the update would leave this wait timing out).
            in_update.set()
            answered_during_update.append(answered.wait(timeout=60))

    def ask() -> None:
        in_update.wait(timeout=120)
        answers.append(handlers.ask(services, "How many children were moved to Belarus?"))
        answered.set()

    asker = threading.Thread(target=ask)
    asker.start()
    try:
        handlers.upload_files(services, [str(upload)], progress=progress)
    finally:
        asker.join(timeout=120)
        index.close()
    assert answered_during_update == [True]  # answered while the update held its write
    assert answers and answers[0]["abstained"] is False


# ----------------------------------------------------------- 3: the manifest


def test_damaged_manifest_is_one_line_and_rebuild_recovers(tmp_path: Path, corpus: Path) -> None:
    data = tmp_path / "data"
    indexed(corpus, data)
    manifest = data / "manifest.sqlite3"
    with manifest.open("r+b") as handle:
        handle.write(os.urandom(64))  # garbage over the SQLite header
    commands: list[list[str | Path]] = [["status"], ["ask", question("barton")], ["index", corpus]]
    for args in commands:
        result = newsdesk(*args, "--data-dir", data)
        assert result.returncode == 2, (result.args, result.stderr)
        line = one_error_line(result)
        assert str(manifest) in line and "--rebuild" in line, line

    rebuilt = newsdesk("index", corpus, "--rebuild", "--data-dir", data)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "added 3" in rebuilt.stdout
    assert list(data.glob("manifest.sqlite3.damaged-*"))  # kept for inspection
    after = status(data)
    assert after["articles"] == 3 and after["vectors"] == after["chunks"]


def test_missing_manifest_beside_full_chroma_is_noticed_and_repaired(
    tmp_path: Path, corpus: Path
) -> None:
    data = tmp_path / "data"
    indexed(corpus, data)
    for part in data.glob("manifest.sqlite3*"):
        part.unlink()
    shown = newsdesk("status", "--data-dir", data)
    assert shown.returncode == 0
    assert "stores disagree" in shown.stdout and "Chroma holds 3 vectors for 0" in shown.stdout
    result = newsdesk("index", corpus, "--json", "--data-dir", data)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == 3 and report["repaired"] == 3  # the 3 orphans removed
    after = status(data)
    assert after["agree"] and after["vectors"] == after["chunks"] == 3


# ----------------------------------------------------------- 4: a lost Chroma store


def test_deleted_chroma_folder_is_re_embedded_by_the_next_update(
    tmp_path: Path, corpus: Path
) -> None:
    import shutil

    data = tmp_path / "data"
    # Indexed by another process: Chroma keeps a client per path inside a process, and one
    # left open here would still see the deleted folder's collection below.
    assert newsdesk("index", corpus, "--json", "--data-dir", data).returncode == 0
    shutil.rmtree(data / "chroma")
    shown = newsdesk("status", "--json", "--data-dir", data)
    before = json.loads(shown.stdout)
    assert before["vectors"] == 0 and before["chunks"] == 3 and not before["agree"]
    result = newsdesk("index", corpus, "--json", "--data-dir", data)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["unchanged"] == 3 and report["repaired"] == 3
    with NewsIndex.open(IndexSettings(data_dir=data)) as index:
        assert index.consistency()["consistent"] and index.status().vectors == 3
        hits = index.vector_search(question("fooville"), k=1)
        assert hits and hits[0].chunk.title == ARTICLES["fooville"][0]


def test_chroma_server_restarted_on_empty_storage_is_refilled(tmp_path: Path, corpus: Path) -> None:
    data = tmp_path / "data"
    with running_chroma_server(tmp_path / "chroma-a") as server:
        indexed(corpus, data, chroma_host=server.host, chroma_port=server.port)
    with running_chroma_server(tmp_path / "chroma-b") as empty:  # same index, empty server
        settings = IndexSettings(data_dir=data, chroma_host=empty.host, chroma_port=empty.port)
        with NewsIndex.open(settings) as index:
            assert not index.status().agree
            report = index.update([corpus])
            assert report.unchanged == 3 and report.repaired == 3
            assert index.consistency()["consistent"]


# ----------------------------------------------------------- 5: Chroma server errors


@pytest.fixture
def served_index(tmp_path: Path, corpus: Path) -> Iterator[tuple[Path, Any, ExitStack]]:
    """An index on a running Chroma server; close the ExitStack to stop the server."""
    stack = ExitStack()
    server = stack.enter_context(running_chroma_server(tmp_path / "chroma"))
    data = tmp_path / "data"
    indexed(corpus, data, chroma_host=server.host, chroma_port=server.port)
    with stack:
        yield data, server, stack


def test_stopped_chroma_server_is_one_line_and_exit_2(
    served_index: tuple[Path, Any, ExitStack], corpus: Path
) -> None:
    data, server, stack = served_index
    stack.close()  # stop the server
    env = {"NEWSDESK_CHROMA_HOST": server.host, "NEWSDESK_CHROMA_PORT": str(server.port)}
    commands: list[list[str | Path]] = [["status"], ["ask", question("barton")], ["index", corpus]]
    for args in commands:
        result = newsdesk(*args, "--data-dir", data, env=env)
        assert result.returncode == 2, (result.args, result.stderr)
        line = one_error_line(result)
        assert f"{server.host}:{server.port} is unreachable" in line, line


def test_chroma_server_stopped_mid_index_raises_store_unreachable(
    served_index: tuple[Path, Any, ExitStack], tmp_path: Path
) -> None:
    data, server, stack = served_index
    more = tmp_path / "more"
    write_article(more, "zebra", name="late.txt")
    settings = IndexSettings(data_dir=data, chroma_host=server.host, chroma_port=server.port)
    with (
        NewsIndex.open(settings) as index,
        pytest.raises(StoreUnreachable, match=f"{server.host}:{server.port}"),
    ):
        index.update([more], progress=lambda done, total: stack.close())
    # Nothing lost: with a server back on the same storage, the next run finishes it.
    with running_chroma_server(server.path) as again:
        moved = settings.model_copy(update={"chroma_port": again.port})
        with NewsIndex.open(moved) as index:
            report = index.update([more])
            assert report.recovered + report.unchanged + report.added >= 1
            assert index.status().pending == 0 and index.consistency()["consistent"]


def test_web_app_names_the_unreachable_store(
    served_index: tuple[Path, Any, ExitStack],
) -> None:
    from assistant.core import Assistant
    from assistant.settings import AssistantSettings
    from ui import handlers

    data, server, stack = served_index
    settings = AssistantSettings(
        index={"data_dir": data, "chroma_host": server.host, "chroma_port": server.port}
    )
    index = NewsIndex.open(settings.index)
    services = handlers.Services(assistant=Assistant(index=index, settings=settings), index=index)
    try:
        stack.close()
        with pytest.raises(gr.Error) as raised:
            handlers.ask(services, question("barton"))
        message = str(raised.value.message)
        assert f"article store (Chroma server) at {server.host}:{server.port}" in message
        assert "unreachable" in message and "Errno" not in message
    finally:
        index.close()


# ----------------------------------------------------------- 6, 7, 8, 12: hostile folders


def test_fifo_devices_outside_links_and_a_pathological_line_are_reported_not_followed(
    tmp_path: Path, corpus: Path
) -> None:
    os.mkfifo(corpus / "f.jsonl")  # opening it blindly would wait for a writer forever
    outside = tmp_path / "elsewhere" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text("Secret memo\n\nThe vault code is 1234, the memo says.\n", "utf-8")
    (corpus / "x.txt").symlink_to(outside)
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    lines = [
        json.dumps({"title": "First record", "text": "Alpha town opened a school."}),
        "[" * 5000 + "]" * 5000,
        json.dumps({"title": "Third record", "text": "Beta town closed a road."}),
    ]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = tmp_path / "data"
    result = newsdesk("index", corpus, "--json", "--data-dir", data)
    assert result.returncode == 1, result.stderr  # some files failed
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == 5  # 3 articles + the two good records around the bad line
    reasons = {(Path(f["path"]).name, f["line"]): f["reason"] for f in report["failed"]}
    assert "not a regular file" in reasons[("f.jsonl", None)]
    assert "outside the folder" in reasons[("x.txt", None)]
    assert "outside the folder" in reasons[("passwd.txt", None)]
    assert "nested too deeply" in reasons[("feed.jsonl", 2)]
    titles = {a["title"] for a in status_articles(data)}
    assert "Third record" in titles and "Secret memo" not in titles

    # Named on the command line, a link out is the user's choice; a device never is.
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    named = newsdesk(
        "index",
        corpus / "x.txt",
        tmp_path / "zero.txt",
        tmp_path / "nope.txt",
        "--json",
        "--data-dir",
        data,
    )
    assert named.returncode == 1
    report = json.loads(named.stdout)
    assert report["added"] == 1
    reasons = {Path(f["path"]).name: f["reason"] for f in report["failed"]}
    assert "not a regular file (a device)" in reasons["zero.txt"]
    assert reasons["nope.txt"].startswith("no such file")


def status_articles(data_dir: Path) -> list[dict[str, Any]]:
    with NewsIndex.open(IndexSettings(data_dir=data_dir)) as index:
        return [a.to_dict() for a in index.list_articles()]
