"""NewsIndex on a real Chroma: on disk and as a server process, same tests for both."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from index.chunking import chunk_article, indexed_text
from index.embeddings import WordLlamaEmbedding
from index.filters import ChunkFilter
from index.models import Article
from index.pipeline import IndexMismatchError, NewsIndex
from index.settings import IndexSettings
from tests.conftest import shared_data_path
from tests.integration.chroma_server import ChromaServer, chroma_server  # noqa: F401

pytestmark = pytest.mark.integration

N_ARTICLES = 40


class CountingEmbedding(WordLlamaEmbedding):
    """The real default model, counting the texts it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self._count = 0

    def embed_array(self, texts: list[str]) -> Any:
        self._count += len(texts)
        return super().embed_array(texts)

    @property
    def count(self) -> int:
        return self._count


@pytest.fixture(scope="module")
def embedding() -> CountingEmbedding:
    return CountingEmbedding()


@pytest.fixture(scope="module")
def dev_lines() -> list[str]:
    path = shared_data_path("dev", "articles.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [next(handle) for _ in range(N_ARTICLES)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(params=["disk", "server"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> IndexSettings:
    values: dict[str, Any] = {"data_dir": tmp_path / "data"}
    if request.param == "server":
        server: ChromaServer = request.getfixturevalue("chroma_server")
        values |= {
            "chroma_host": server.host,
            "chroma_port": server.port,
            "collection": f"t{uuid.uuid4().hex[:12]}",
        }
    return IndexSettings(**values)


def open_index(settings: IndexSettings, embedding: CountingEmbedding, **kw: Any) -> NewsIndex:
    return NewsIndex.open(settings, embedding=embedding, **kw)


def assert_consistent(index: NewsIndex) -> dict[str, Any]:
    state = index.consistency()
    assert not state["pending"]
    assert len(state["chroma"]) == len(set(state["chroma"]))
    assert len(state["bm25"]) == len(set(state["bm25"]))
    assert sorted(state["chroma"]) == sorted(state["manifest"]) == sorted(state["bm25"])
    return state


def test_build_then_rerun_embeds_nothing(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "in" / "feed.jsonl", dev_lines)
    with open_index(settings, embedding) as index:
        report = index.update([feed])
        assert report.ok, report.failed
        assert (report.added, report.updated, report.unchanged) == (N_ARTICLES, 0, 0)
        articles = [index.get_article(a.id) for a in index.list_articles()]
        expected = sum(
            len(chunk_article(a, max_tokens=settings.chunk_tokens, overlap=settings.chunk_overlap))
            for a in articles
            if a is not None
        )
        assert report.chunks_embedded == expected == index.status().chunks
        state = assert_consistent(index)
        assert len(state["chroma"]) == expected

    before = embedding.count
    with open_index(settings, embedding) as index:
        again = index.update([feed])
        assert (again.added, again.updated, again.unchanged) == (0, 0, N_ARTICLES)
        assert again.chunks_embedded == 0 and again.chunks_deleted == 0
        assert embedding.count == before  # no embedding work at all
        assert len(assert_consistent(index)["chroma"]) == expected


def test_changed_article_is_reembedded_and_old_chunks_go(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "in" / "feed.jsonl", dev_lines)
    with open_index(settings, embedding) as index:
        index.update([feed])
        record = json.loads(dev_lines[3])
        old_chunks = index.chunks_of(record["id"])
        assert old_chunks
        record["text"] = (
            "Zanzibar quokkas unionised the harbour on Tuesday.\n\n" + record["text"][:300]
        )
        write_jsonl(feed, [*dev_lines[:3], json.dumps(record) + "\n", *dev_lines[4:]])

        report = index.update([feed])
        new_chunks = index.chunks_of(record["id"])
        assert (report.added, report.updated, report.unchanged) == (0, 1, N_ARTICLES - 1)
        assert report.chunks_deleted == len(old_chunks)
        assert report.chunks_embedded == len(new_chunks) < len(old_chunks)
        assert_consistent(index)
        hits = index.lexical_search("quokkas unionised harbour", 3)
        assert hits and hits[0].chunk.article_id == record["id"]
        query = indexed_text(new_chunks[0].title, new_chunks[0].text)
        top = index.vector_search(query, 1)[0]
        assert top.chunk.id == new_chunks[0].id and top.score > 0.99


def test_prune_removes_only_gone_articles_under_the_given_paths(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    first = write_jsonl(folder / "a.jsonl", dev_lines[:10])
    second = write_jsonl(folder / "sub" / "b.jsonl", dev_lines[10:20])
    other = write_jsonl(tmp_path / "elsewhere" / "c.jsonl", dev_lines[20:25])
    with open_index(settings, embedding) as index:
        assert index.update([folder, other]).added == 25
        second.unlink()
        write_jsonl(first, dev_lines[:8])  # two records dropped from a file that remains

        kept = index.update([folder])
        assert (kept.removed, kept.unchanged) == (0, 8)
        assert index.status().articles == 25

        pruned = index.update([folder], prune=True)
        assert (pruned.removed, pruned.unchanged) == (12, 8)
        assert pruned.chunks_deleted > 0
        ids = {a.id for a in index.list_articles()}
        assert ids == {json.loads(line)["id"] for line in dev_lines[:8] + dev_lines[20:25]}
        assert_consistent(index)


def test_remove_by_id_clears_every_store(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "in" / "feed.jsonl", dev_lines[:6])
    records = [json.loads(line) for line in dev_lines[:6]]
    gone, kept = records[0], records[1:]
    with open_index(settings, embedding) as index:
        index.update([feed])
        n_chunks = len(index.chunks_of(gone["id"]))
        report = index.remove([gone["id"], gone["id"], "no-such-article"])
        assert (report.removed, report.chunks_deleted) == (1, n_chunks)
        assert index.get_article(gone["id"]) is None
        assert {a.id for a in index.list_articles()} == {r["id"] for r in kept}
        words = " ".join(gone["title"].split()[:8])
        assert gone["id"] not in {h.chunk.article_id for h in index.lexical_search(words, 20)}
        assert gone["id"] not in {h.chunk.article_id for h in index.vector_search(words, 20)}
        assert_consistent(index)


def test_search_results_are_full_chunks_and_filters_apply(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "in" / "feed.jsonl", dev_lines)
    records = [json.loads(line) for line in dev_lines]
    with open_index(settings, embedding) as index:
        index.update([feed])
        hits = index.vector_search("Netflix Squid Game second season", 5)
        assert len(hits) == 5
        assert hits[0].chunk.title.startswith("'Squid Game'")
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        for hit in hits:
            article = index.get_article(hit.chunk.article_id)
            assert article is not None
            assert article.text[hit.chunk.start : hit.chunk.end] == hit.chunk.text
            assert hit.chunk.group_id == hit.chunk.article_id
        # A vector query given as an embedding works too.
        vector = embedding.get_query_embedding("Netflix Squid Game second season")
        assert index.vector_search(vector, 1)[0].chunk.id == hits[0].chunk.id

        source = "usatoday.com"
        assert any(r["source"] == source for r in records)
        only = ChunkFilter(sources=(source,))
        for search in (index.vector_search, index.lexical_search):
            found = search("Netflix season", 10, only)
            assert found and all(h.chunk.source == source for h in found)

        day = min(r["published"] for r in records)
        on_day = ChunkFilter(since=date.fromisoformat(day), until=date.fromisoformat(day))
        expected = {r["id"] for r in records if r["published"] == day}
        title = next(r["title"] for r in records if r["published"] == day)
        for search in (index.vector_search, index.lexical_search):
            found = search(title, 50, on_day)
            assert found and {h.chunk.article_id for h in found} <= expected
        future = ChunkFilter(since=date(2100, 1, 1))
        assert index.vector_search("news", 5, future) == []
        assert index.lexical_search("news", 5, future) == []


def test_other_model_or_chunking_is_an_error_until_rebuilt(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "in" / "feed.jsonl", dev_lines[:5])
    with open_index(settings, embedding) as index:
        index.update([feed])
    other_model = settings.model_copy(update={"embed_backend": "minilm"})
    with pytest.raises(IndexMismatchError, match=r"minilm.*--rebuild"):
        NewsIndex.open(other_model)
    other_chunks = settings.model_copy(update={"chunk_tokens": 128})
    with pytest.raises(IndexMismatchError, match=r"chunk_tokens '256' \(now '128'\).*--rebuild"):
        NewsIndex.open(other_chunks, embedding=embedding)

    with NewsIndex.open(other_chunks, embedding=embedding, check=False) as index:
        with pytest.raises(IndexMismatchError):
            index.update([feed])
        report = index.update([feed], rebuild=True)
        assert report.added == 5
        assert index.status().chunk_tokens == 128
        assert_consistent(index)
    NewsIndex.open(other_chunks, embedding=embedding).close()


def test_add_articles_while_other_threads_search(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "in" / "feed.jsonl", dev_lines[:10])
    errors: list[BaseException] = []
    stop = threading.Event()
    with open_index(settings, embedding) as index:
        index.update([feed])

        def search() -> None:
            try:
                while not stop.is_set():
                    assert index.vector_search("election results", 3)
                    assert index.lexical_search("election results", 3)
                    index.status()
            except BaseException as exc:
                errors.append(exc)

        readers = [threading.Thread(target=search) for _ in range(3)]
        for reader in readers:
            reader.start()
        try:
            for i in range(3):
                article = Article(
                    id=f"pasted-{i}",
                    title=f"Pasted note {i}",
                    text=f"Marmalade comet number {i} crossed the observatory sky. " * 20,
                    source="example.org",
                    published=f"2022-07-0{i + 1}",
                    path="<pasted>",
                )
                report = index.add_articles([article])
                assert report.added == 1 and report.chunks_embedded >= 1
        finally:
            stop.set()
            for reader in readers:
                reader.join()
        assert not errors, errors
        assert index.get_article("pasted-2") is not None
        hits = index.lexical_search("marmalade comet observatory", 5)
        assert {h.chunk.article_id for h in hits} == {"pasted-0", "pasted-1", "pasted-2"}
        assert index.status().articles == 13
        assert_consistent(index)

    with open_index(settings, embedding) as reopened:  # BM25 was saved in step
        hits = reopened.lexical_search("marmalade comet", 10)
        assert {h.chunk.article_id for h in hits} == {"pasted-0", "pasted-1", "pasted-2"}
        assert reopened.vector_search("marmalade comet", 1)[0].chunk.article_id.startswith("pasted")


def test_near_duplicates_share_a_group_that_follows_removals(
    settings: IndexSettings, embedding: CountingEmbedding, dev_lines: list[str], tmp_path: Path
) -> None:
    original = json.loads(dev_lines[0])
    copy = dict(original)
    copy.update(
        id="wire-copy-1",
        url="https://example.org/wire/squid-game",
        source="example.org",
        published="2022-06-14",
        text="Share This Article\n\n" + original["text"] + "\n\nAll rights reserved.",
    )
    folder = tmp_path / "in"
    write_jsonl(folder / "original.jsonl", [dev_lines[0]])
    # The copy comes first in file order; the earlier-published original still leads.
    write_jsonl(folder / "a-copy.jsonl", [json.dumps(copy) + "\n", *dev_lines[1:6]])
    with open_index(settings, embedding) as index:
        index.update([folder])
        groups = {a.id: a.group_id for a in index.list_articles()}
        assert groups["wire-copy-1"] == original["id"] == groups[original["id"]]
        assert sum(1 for aid, g in groups.items() if aid != g) == 1
        hit = index.lexical_search("Squid Game green lit second season", 20)
        assert {h.chunk.group_id for h in hit if h.chunk.article_id == "wire-copy-1"} == {
            original["id"]
        }

        (folder / "original.jsonl").unlink()
        index.update([folder], prune=True)
        assert {a.id: a.group_id for a in index.list_articles()}["wire-copy-1"] == "wire-copy-1"
        assert all(c.group_id == "wire-copy-1" for c in index.chunks_of("wire-copy-1"))

    with open_index(settings, embedding) as reopened:  # groups were saved with the index
        write_jsonl(folder / "original.jsonl", [dev_lines[0]])
        reopened.update([folder])
        groups = {a.id: a.group_id for a in reopened.list_articles()}
        # Now the copy was there first: the original joins the copy's group.
        assert groups[original["id"]] == "wire-copy-1" == groups["wire-copy-1"]
