"""The manifest: a SQLite catalog of indexed articles, their chunks and their state.

It is the source of truth the vector store and the BM25 index are checked against.
An article row is written as ``pending`` (with its new chunks) before Chroma is
touched and marked ``done`` only after its vectors are in; removal marks it
``deleting`` first. A run killed at any point therefore leaves rows that say exactly
which articles the next run must finish (see `index/pipeline.py`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.connections import ThreadConnections
from index.errors import ManifestDamaged
from index.models import Article, Chunk, StoredChunk
from index.report import ArticleSummary

PENDING, DONE, DELETING = "pending", "done", "deleting"
_VARS = 500  # ids per `IN (...)`: far below SQLite's variable limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    url TEXT,
    source TEXT,
    authors TEXT NOT NULL,
    published TEXT,
    published_ts INTEGER,
    path TEXT NOT NULL,
    origin TEXT NOT NULL,
    group_id TEXT NOT NULL,
    n_chunks INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_state ON articles (state);
CREATE INDEX IF NOT EXISTS articles_origin ON articles (origin);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks (article_id, idx);
"""

_CHUNK_SELECT = """
SELECT c.id, c.article_id, c.idx, c.text, c.start_pos, c.end_pos,
       a.title, a.source, a.url, a.published, a.authors, a.group_id
FROM chunks c JOIN articles a ON a.id = c.article_id
"""


_RECORD_SUFFIX = re.compile(r"(?::\d+|\[\d+\])$")


def origin_of(path: str) -> str:
    """The file an article came from: ``/d/feed.jsonl:12`` or ``/d/list.json[3]`` -> the file.

    Paths that are not files (``<pasted>``) are kept as they are.
    """
    if not path or path.startswith("<"):
        return path
    return str(Path(_RECORD_SUFFIX.sub("", path)).absolute())


@dataclass(frozen=True)
class StagedChunk:
    """A chunk on its way into the stores, with what embedding and filters need."""

    id: str
    article_id: str
    text: str
    title: str
    source: str | None
    published_ts: int | None


def _batches(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for lo in range(0, len(items), _VARS):
        yield items[lo : lo + _VARS]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _stored(row: sqlite3.Row | tuple[Any, ...]) -> StoredChunk:
    cid, aid, idx, text, start, end, title, source, url, published, authors, group = row
    return StoredChunk(
        id=cid,
        article_id=aid,
        index=idx,
        text=text,
        start=start,
        end=end,
        title=title,
        source=source,
        url=url,
        published=published,
        authors=tuple(json.loads(authors)),
        group_id=group,
    )


class Manifest:
    """SQLite file in the data dir; one connection per thread (WAL: readers never block)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connections = ThreadConnections(path)
        try:
            with self.conn:
                self.conn.executescript(_SCHEMA)
            self.conn.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise ManifestDamaged(
                f"the manifest {path} is damaged ({exc}); rebuild the index from the article "
                f"files with: newsdesk index PATH... --rebuild --data-dir {path.parent}"
            ) from exc

    @staticmethod
    def set_aside(path: Path) -> Path:
        """Move a damaged manifest (and its WAL files) out of the way; returns the new name."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = path.with_name(path.name + suffix)
            if part.exists():
                part.rename(target.with_name(target.name + suffix))
        return target

    @property
    def conn(self) -> sqlite3.Connection:
        return self._connections.get()

    @property
    def open_connections(self) -> int:
        return len(self._connections)

    def close(self) -> None:
        self._connections.close()

    # -- meta ---------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, **values: object) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [(k, str(v)) for k, v in values.items()],
            )

    # -- writes -------------------------------------------------------------------------

    def stage(
        self,
        items: Sequence[tuple[Article, Sequence[Chunk], int | None]],
        group_ids: dict[str, str] | None = None,
    ) -> None:
        """Write articles as pending with their new chunks (replacing any old ones)."""
        groups = group_ids or {}
        ids = [a.id for a, _, _ in items]
        with self.conn as conn:
            for part in _batches(ids):
                conn.execute(f"DELETE FROM chunks WHERE article_id IN ({_marks(len(part))})", part)
            conn.executemany(
                "INSERT OR REPLACE INTO articles (id, hash, state, title, text, url, source, "
                "authors, published, published_ts, path, origin, group_id, n_chunks) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.content_hash(),
                        PENDING,
                        a.title,
                        a.text,
                        a.url,
                        a.source,
                        json.dumps(list(a.authors)),
                        a.published,
                        ts,
                        a.path,
                        origin_of(a.path),
                        groups.get(a.id, a.id),
                        len(chunks),
                    )
                    for a, chunks, ts in items
                ],
            )
            conn.executemany(
                "INSERT INTO chunks (id, article_id, idx, start_pos, end_pos, text) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (c.id, c.article_id, c.index, c.start, c.end, c.text)
                    for _, chunks, _ in items
                    for c in chunks
                ],
            )

    def _set_state(self, ids: Sequence[str], state: str) -> None:
        with self.conn as conn:
            for part in _batches(ids):
                conn.execute(
                    f"UPDATE articles SET state = ? WHERE id IN ({_marks(len(part))})",
                    [state, *part],
                )

    def mark_done(self, ids: Sequence[str]) -> None:
        self._set_state(ids, DONE)

    def mark_pending(self, ids: Sequence[str]) -> None:
        self._set_state(ids, PENDING)

    def mark_deleting(self, ids: Sequence[str]) -> None:
        self._set_state(ids, DELETING)

    def remove(self, ids: Sequence[str]) -> None:
        with self.conn as conn:
            for part in _batches(ids):
                marks = _marks(len(part))
                conn.execute(f"DELETE FROM chunks WHERE article_id IN ({marks})", part)
                conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", part)

    def set_paths(self, articles: Iterable[Article]) -> None:
        """Record a new origin for articles whose content did not change (moved files)."""
        with self.conn as conn:
            conn.executemany(
                "UPDATE articles SET path = ?, origin = ? WHERE id = ? AND path != ?",
                [(a.path, origin_of(a.path), a.id, a.path) for a in articles],
            )

    def set_groups(self, groups: dict[str, str]) -> None:
        """Near-duplicate groups: article id -> canonical article id."""
        with self.conn as conn:
            conn.executemany(
                "UPDATE articles SET group_id = ? WHERE id = ?",
                [(g, aid) for aid, g in groups.items()],
            )

    def reset(self) -> None:
        with self.conn as conn:
            conn.execute("DELETE FROM chunks")
            conn.execute("DELETE FROM articles")
            conn.execute("DELETE FROM meta WHERE key != 'lexical_generation'")

    # -- reads --------------------------------------------------------------------------

    def hashes(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, hash FROM articles").fetchall())

    def ids_in_state(self, state: str) -> list[str]:
        rows = self.conn.execute("SELECT id FROM articles WHERE state = ?", (state,))
        return [r[0] for r in rows]

    def ids_under(self, roots: Sequence[Path]) -> list[tuple[str, str]]:
        """(article id, origin file) of articles whose file is one of / inside `roots`."""
        out: list[tuple[str, str]] = []
        for root in roots:
            base = str(root.absolute())
            rows = self.conn.execute(
                "SELECT id, origin FROM articles WHERE origin = ? OR substr(origin, 1, ?) = ?",
                (base, len(base) + 1, base.rstrip("/") + "/"),
            )
            out.extend((r[0], r[1]) for r in rows)
        return out

    def chunk_ids_of(self, article_ids: Sequence[str]) -> list[str]:
        out: list[str] = []
        for part in _batches(article_ids):
            rows = self.conn.execute(
                f"SELECT id FROM chunks WHERE article_id IN ({_marks(len(part))})", part
            )
            out.extend(r[0] for r in rows)
        return out

    def staged_chunks(self, article_ids: Sequence[str]) -> list[StagedChunk]:
        out: list[StagedChunk] = []
        for part in _batches(article_ids):
            rows = self.conn.execute(
                "SELECT c.id, c.article_id, c.text, a.title, a.source, a.published_ts "
                "FROM chunks c JOIN articles a ON a.id = c.article_id "
                f"WHERE c.article_id IN ({_marks(len(part))}) ORDER BY c.article_id, c.idx",
                part,
            )
            out.extend(StagedChunk(*r) for r in rows)
        return out

    def iter_indexed(self, state: str = DONE) -> Iterator[tuple[str, str, str]]:
        """(chunk id, title, chunk text) of every chunk of articles in `state`."""
        rows = self.conn.execute(
            "SELECT c.id, a.title, c.text FROM chunks c JOIN articles a ON a.id = c.article_id "
            "WHERE a.state = ?",
            (state,),
        )
        yield from rows

    def iter_texts_oldest_first(self) -> Iterator[tuple[str, str, str]]:
        """(id, text, group id) of every article, oldest published first (unknown last)."""
        yield from self.conn.execute(
            "SELECT id, text, group_id FROM articles ORDER BY published IS NULL, published, rowid"
        )

    def chunk_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM chunks")]

    def chunk_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM chunks").fetchone()[0])

    def articles_of_chunks(self, chunk_ids: Sequence[str]) -> list[str]:
        """The distinct article ids these chunks belong to."""
        out: set[str] = set()
        for part in _batches(list(chunk_ids)):
            rows = self.conn.execute(
                f"SELECT DISTINCT article_id FROM chunks WHERE id IN ({_marks(len(part))})", part
            )
            out.update(r[0] for r in rows)
        return sorted(out)

    def get_chunks(self, ids: Sequence[str], *, done: bool = False) -> list[StoredChunk]:
        """Chunks in the order of `ids`; unknown ids are left out, and with `done` also
        chunks of articles an update is writing right now (search results show each
        article as it was or as it is after the update, never half-written)."""
        found: dict[str, StoredChunk] = {}
        # `+` keeps SQLite on the chunk-id lookup: on `a.state` it chose the state index and
        # walked every done article (143 ms per search on the dev corpus, 1.2 ms this way).
        state = " AND +a.state = 'done'" if done else ""
        for part in _batches(list(ids)):
            rows = self.conn.execute(
                f"{_CHUNK_SELECT} WHERE c.id IN ({_marks(len(part))}){state}", part
            )
            for row in rows:
                found[row[0]] = _stored(row)
        return [found[i] for i in ids if i in found]

    def chunks_of(self, article_id: str) -> list[StoredChunk]:
        rows = self.conn.execute(
            f"{_CHUNK_SELECT} WHERE c.article_id = ? ORDER BY c.idx", (article_id,)
        )
        return [_stored(r) for r in rows]

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            "SELECT id, title, text, url, source, authors, published, path "
            "FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        aid, title, text, url, source, authors, published, path = row
        return Article(
            id=aid,
            title=title,
            text=text,
            url=url,
            source=source,
            authors=tuple(json.loads(authors)),
            published=published,
            path=path,
        )

    def list_articles(self) -> list[ArticleSummary]:
        rows = self.conn.execute(
            "SELECT id, title, source, published, url, path, n_chunks, group_id "
            "FROM articles ORDER BY published DESC, title"
        )
        return [ArticleSummary(*r) for r in rows]

    def counts(self) -> dict[str, Any]:
        conn = self.conn
        articles, pending, undated, earliest, latest = conn.execute(
            "SELECT count(*), sum(state != 'done'), sum(published IS NULL), "
            "min(published), max(published) FROM articles"
        ).fetchone()
        chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        sources = conn.execute(
            "SELECT coalesce(source, '(unknown)'), count(*) FROM articles "
            "GROUP BY source ORDER BY count(*) DESC, source"
        ).fetchall()
        return {
            "articles": articles,
            "chunks": chunks,
            "pending": pending or 0,
            "undated": undated or 0,
            "earliest": earliest,
            "latest": latest,
            "sources": dict(sources),
        }

    def chunk_filter_rows(self) -> list[tuple[str, str | None, int | None, bool]]:
        """(chunk id, source, published_ts, article done) of every chunk, for filter masks."""
        rows = self.conn.execute(
            "SELECT c.id, a.source, a.published_ts, a.state = 'done' "
            "FROM chunks c JOIN articles a ON a.id = c.article_id"
        )
        return [(cid, source, ts, bool(done)) for cid, source, ts, done in rows]
