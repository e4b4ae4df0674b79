"""Replicas on one Chroma server (issue 12, item 5).

A real `chroma run` server, a real indexer (`newsdesk index` with the server settings)
and real `newsdesk serve` replicas with empty data dirs, asked through the default
`gradio_client`; the in-process tests drive `NewsIndex` against the same kind of server.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from gradio_client import Client, handle_file

from index.errors import ReadOnlyReplica
from index.pipeline import NewsIndex
from index.replica import begin_publishing
from index.settings import IndexSettings
from tests.conftest import REPO_ROOT
from tests.integration.chroma_server import ChromaServer, running_chroma_server
from tests.integration.faults import ARTICLES, fact, newsdesk, question, write_article
from tests.processes import answers, free_port, running, serve_command

POLL = 0.5  # replica_poll_seconds in these tests (the default is 2 s)


def server_env(server: ChromaServer, **extra: str) -> dict[str, str]:
    return {
        "NEWSDESK_CHROMA_HOST": server.host,
        "NEWSDESK_CHROMA_PORT": str(server.port),
        **extra,
    }


def cited_titles(answer: dict[str, Any]) -> list[str]:
    return [c["title"] for c in answer["citations"]]


@contextmanager
def replicas(server: ChromaServer, tmp: Path, n: int) -> Iterator[list[str]]:
    """`n` `newsdesk serve` replicas (empty data dirs), started together; yields their URLs."""
    env = {
        **os.environ,
        **server_env(server, NEWSDESK_REPLICA="true", NEWSDESK_REPLICA_POLL_SECONDS=str(POLL)),
        "GRADIO_TEMP_DIR": str(tmp / "gradio"),
    }
    with ExitStack() as stack:
        urls, procs = [], []
        for i in range(n):
            port = free_port()
            command = serve_command(port, tmp / f"replica-{i}")
            log = tmp / f"replica-{i}.log"
            # Started at once (ready at once); waited for together below.
            procs.append(
                stack.enter_context(
                    running(command, ready=lambda: True, timeout=0, log=log, cwd=REPO_ROOT, env=env)
                )
            )
            urls.append(f"http://127.0.0.1:{port}/")
        deadline = time.monotonic() + 120  # start-up guard only (model load), not a measure
        for i, url in enumerate(urls):
            while not answers(url + "config"):
                log_tail = (tmp / f"replica-{i}.log").read_text(errors="replace")[-2000:]
                assert procs[i].poll() is None and time.monotonic() < deadline, log_tail
                time.sleep(0.3)
        yield urls


def test_two_replicas_answer_from_the_server_and_follow_the_indexer(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "indexer"
    write_article(corpus, "fooville")
    write_article(corpus, "barton")
    with running_chroma_server(tmp_path / "chroma") as server:
        env = server_env(server)
        built = newsdesk("index", corpus, "--data-dir", data, env=env)
        assert built.returncode == 0, built.stderr
        with replicas(server, tmp_path, 2) as urls:
            clients = [Client(url, verbose=False) for url in urls]
            for client in clients:
                for key in ("fooville", "barton"):
                    answer = client.predict(question(key), None, None, None, None, api_name="/ask")
                    assert fact(key) in answer["text"], answer
                    assert ARTICLES[key][0] in cited_titles(answer)
            # A replica refuses uploads and names the indexer.
            upload = write_article(tmp_path / "to-upload", "zebra")
            with pytest.raises(Exception, match="read-only replica"):
                clients[0].predict([handle_file(str(upload))], api_name="/upload_files")
            assert not (tmp_path / "replica-0" / "uploads").exists()  # refused before a copy

            write_article(corpus, "zebra")
            added = newsdesk("index", corpus, "--data-dir", data, env=env)
            assert added.returncode == 0, added.stderr
            indexed_at = time.monotonic()
            for client in clients:
                while True:
                    answer = client.predict(
                        question("zebra"), None, None, None, None, api_name="/ask"
                    )
                    if ARTICLES["zebra"][0] in cited_titles(answer):
                        break
                    assert time.monotonic() - indexed_at < 15, answer
                    time.sleep(0.5)
                assert fact("zebra") in answer["text"]
        status = newsdesk(
            "status", "--data-dir", tmp_path / "replica-0", env={**env, "NEWSDESK_REPLICA": "true"}
        )
        assert status.returncode == 0, status.stderr
        assert "read-only replica" in status.stdout
        assert "articles:   3" in status.stdout


def all_articles(corpus: Path) -> Path:
    for key in ARTICLES:
        write_article(corpus, key)
    return corpus


def indexer_settings(server: ChromaServer, data_dir: Path) -> IndexSettings:
    return IndexSettings(data_dir=data_dir, chroma_host=server.host, chroma_port=server.port)


def replica_settings(server: ChromaServer, data_dir: Path) -> IndexSettings:
    return IndexSettings(
        data_dir=data_dir,
        chroma_host=server.host,
        chroma_port=server.port,
        replica=True,
        replica_poll_seconds=POLL,
    )


def test_replica_follows_changes_removals_rebuilds_and_never_writes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_article(corpus, "fooville")
    write_article(corpus, "barton")
    with running_chroma_server(tmp_path / "chroma") as server:
        settings = indexer_settings(server, tmp_path / "indexer")
        with NewsIndex.open(settings) as indexer:
            indexer.update([corpus])
        replica = NewsIndex.open(replica_settings(server, tmp_path / "replica"))
        try:
            assert replica.status().articles == 2  # from an empty data dir
            assert replica.consistency()["consistent"]

            def synced() -> None:
                time.sleep(POLL)
                replica.status()  # reads check the marker at most every POLL seconds

            # A changed article is re-read; its old text is gone from BM25 too.
            path = corpus / "barton.txt"
            path.write_text(path.read_text().replace("1,800", "2,300"), encoding="utf-8")
            with NewsIndex.open(settings) as indexer:
                assert indexer.update([corpus]).updated == 1
            synced()
            hits = replica.lexical_search(question("barton"), 3)
            assert "2,300" in hits[0].chunk.text and "1,800" not in hits[0].chunk.text
            # Its chunks are of a new revision (article#i~1): the replica's ids are the
            # server's vector ids, so vector search finds the new version too.
            found = replica.vector_search(question("barton"), 1)
            assert found[0].chunk.id.endswith("~1") and "2,300" in found[0].chunk.text
            assert replica.consistency()["consistent"]

            # Removed and rebuilt on the indexer: the replica follows.
            path.unlink()
            with NewsIndex.open(settings) as indexer:
                assert indexer.update([corpus], prune=True).removed == 1
            synced()
            assert [a.title for a in replica.list_articles()] == [ARTICLES["fooville"][0]]
            write_article(corpus, "zebra")
            # Changed in the rebuild too: its chunk ids start again at revision 0, the ids
            # the replica already has for its old text (replaced, not retired, there).
            path = corpus / "fooville.txt"
            path.write_text(path.read_text().replace("4.2 million", "4.7 million"), "utf-8")
            with NewsIndex.open(settings) as indexer:
                indexer.update([corpus], rebuild=True)
            synced()
            assert replica.status().articles == 2
            hits = replica.lexical_search(question("fooville"), 3)
            assert "4.7 million" in hits[0].chunk.text and hits[0].chunk.id.endswith("#0")
            found = replica.vector_search(question("zebra"), 1)
            assert found[0].chunk.title == ARTICLES["zebra"][0]
            assert replica.consistency()["consistent"]

            # It says what it is: `newsdesk status` and the About panel.
            assert replica.status().store.endswith("read-only replica")
            from assistant.core import Assistant
            from assistant.settings import AssistantSettings

            about = Assistant(
                index=replica, settings=AssistantSettings(index=replica.settings)
            ).describe()
            assert "read-only replica" in about["index"]

            # Writes are refused before anything is touched.
            before = replica.status()
            with pytest.raises(ReadOnlyReplica, match="newsdesk index PATH"):
                replica.update([corpus])
            with pytest.raises(ReadOnlyReplica):
                replica.remove([a.id for a in replica.list_articles()])
            assert replica.status() == before
        finally:
            replica.close()


def test_a_write_that_died_before_publishing_is_published_by_the_next(tmp_path: Path) -> None:
    corpus = all_articles(tmp_path / "corpus")
    with running_chroma_server(tmp_path / "chroma") as server:
        settings = indexer_settings(server, tmp_path / "indexer")
        with NewsIndex.open(settings) as indexer:
            indexer.update([corpus])
            shared = indexer.store.shared
            assert shared is not None
            lost = sorted(shared.hashes())[0]
            shared.publish([], [lost])  # a record lost, and a write that never ended:
            begin_publishing(shared)
            assert shared.marker().writing
        replica = NewsIndex.open(replica_settings(server, tmp_path / "replica"))
        try:
            assert replica.status().articles == 0  # nothing is read while a write runs
            with NewsIndex.open(settings) as indexer:
                report = indexer.update([corpus])
            assert report.unchanged == 3 and report.added == 0
            time.sleep(POLL)
            assert replica.status().articles == 3
            assert lost in {a.id for a in replica.list_articles()}
        finally:
            replica.close()


def test_a_sync_killed_before_its_commit_is_diffed_again(tmp_path: Path) -> None:
    from index.models import Article

    corpus = all_articles(tmp_path / "corpus")
    with running_chroma_server(tmp_path / "chroma") as server:
        settings = indexer_settings(server, tmp_path / "indexer")
        with NewsIndex.open(settings) as indexer:
            indexer.update([corpus])
        replica = NewsIndex.open(replica_settings(server, tmp_path / "replica"))
        try:
            assert replica.status().articles == 3
            ids = sorted(a.id for a in replica.list_articles())
            # What a replica killed mid-sync leaves: staged rows, an odd generation.
            ghost = Article(id="ghost", title="Never published", text="Nothing to see here.")
            replica.manifest.stage([(ghost, [], None)])
            replica.manifest.stage_removals(ids[:1])
            replica.manifest.set_meta(lexical_generation=replica._generation() + 1)
            path = corpus / "barton.txt"
            path.write_text(path.read_text().replace("1,800", "2,300"), encoding="utf-8")
            with NewsIndex.open(settings) as indexer:
                assert indexer.update([corpus]).updated == 1
            time.sleep(POLL)
            assert replica.status().articles == 3  # synced: the leftovers were dropped
            assert sorted(a.id for a in replica.list_articles()) == ids
            assert not replica.manifest.has_staged()
            hits = replica.lexical_search(question("barton"), 1)
            assert "2,300" in hits[0].chunk.text
            assert replica.consistency()["consistent"]
        finally:
            replica.close()
