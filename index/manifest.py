"""The manifest: a SQLite catalog of indexed articles, their chunks and their state.

It is the source of truth the vector store and the BM25 index are checked against.
Readers see the ``articles`` and ``chunks`` tables (`index.manifest_queries`); an update
writes to staging tables first and swaps them in with one transaction at its end
(`index.staging`), so a run killed at any point leaves rows that say exactly what the
next run must finish (see `index/writes.py`). ``pending``/``deleting`` article states
remain for repairs (vectors gone missing) and for indexes written by older versions.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from index.connections import ThreadConnections
from index.errors import ManifestBusy, ManifestDamaged
from index.manifest_queries import DELETING, DONE, PENDING, batches, marks
from index.models import Article
from index.staging import ManifestStaging, StagedChunk, origin_of
from index.text.lowerwords import joined_words

_ARTICLES = """(
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
    n_chunks INTEGER NOT NULL,
    rev INTEGER NOT NULL DEFAULT 0
)"""
_CHUNKS = """(
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    words TEXT
)"""
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles {_ARTICLES};
CREATE INDEX IF NOT EXISTS articles_state ON articles (state);
CREATE INDEX IF NOT EXISTS articles_origin ON articles (origin);
-- what a chunk lookup reads of its article: the rows hold the whole article text first
CREATE INDEX IF NOT EXISTS articles_chunk_meta
    ON articles (id, state, title, source, url, published, authors, group_id);
CREATE TABLE IF NOT EXISTS chunks {_CHUNKS};
CREATE INDEX IF NOT EXISTS chunks_article ON chunks (article_id, idx);
CREATE TABLE IF NOT EXISTS staged_articles {_ARTICLES};
CREATE TABLE IF NOT EXISTS staged_chunks {_CHUNKS};
CREATE INDEX IF NOT EXISTS staged_chunks_article ON staged_chunks (article_id, idx);
CREATE TABLE IF NOT EXISTS staged_removals (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS staged_groups (id TEXT PRIMARY KEY, group_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS retired_chunks (id TEXT PRIMARY KEY);
"""
_TABLES = (
    "articles",
    "chunks",
    "staged_articles",
    "staged_chunks",
    "staged_removals",
    "staged_groups",
    "retired_chunks",
)


def _busy(exc: sqlite3.OperationalError) -> bool:
    """SQLite gave up waiting for another connection's lock ("database is locked")."""
    return "locked" in str(exc) or "busy" in str(exc)


def _damaged(path: Path, exc: sqlite3.DatabaseError) -> ManifestDamaged:
    return ManifestDamaged(
        f"the manifest {path} is damaged ({exc}); rebuild the index from the article "
        f"files with: newsdesk index PATH... --rebuild --data-dir {path.parent}"
    )


class Manifest(ManifestStaging):
    """SQLite file in the data dir; one connection per thread (WAL: readers never block)."""

    def __init__(self, path: Path, busy_timeout: float = 60.0) -> None:
        self.path = path
        self._connections = ThreadConnections(path, busy_timeout)
        try:
            with self.conn:
                self.conn.executescript(_SCHEMA)
                self._migrate()
            self.conn.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.OperationalError as exc:
            self.close()
            if not _busy(exc):
                raise _damaged(path, exc) from exc
            # Not damage: never set aside (a rebuild would move a healthy file away).
            raise ManifestBusy(
                f"the manifest {path} is busy: another process has held its write lock for "
                f"over {busy_timeout:g} s (an index update, or a first open upgrading an "
                "index written by an older version); try again when it has finished"
            ) from exc
        except sqlite3.DatabaseError as exc:
            self.close()
            raise _damaged(path, exc) from exc

    def _migrate(self) -> None:
        """Manifests written before chunk revisions existed lack ``articles.rev`` (all 0);
        those written before chunk words lack ``words``: added and filled once (~3 s for
        36,000 chunks). One process upgrades at a time: another one opening the same old
        manifest waits for it and then finds the columns there, filled."""
        if not self._missing_columns():
            return
        self.conn.execute("BEGIN IMMEDIATE")  # committed by the caller's `with self.conn`
        for table, definition in self._missing_columns():
            self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {definition}")
            if definition.startswith("words"):
                self._fill_words(table)

    def _missing_columns(self) -> list[tuple[str, str]]:
        wanted = [
            ("articles", "rev INTEGER NOT NULL DEFAULT 0"),
            ("chunks", "words TEXT"),
            ("staged_chunks", "words TEXT"),
        ]
        present = {
            table: {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            for table in {t for t, _ in wanted}
        }
        return [(t, d) for t, d in wanted if d.split()[0] not in present[t]]

    def _fill_words(self, table: str) -> None:
        rows = self.conn.execute(f"SELECT id, text FROM {table}")
        while part := rows.fetchmany(1000):
            self.conn.executemany(
                f"UPDATE {table} SET words = ? WHERE id = ?",
                [(joined_words(text), cid) for cid, text in part],
            )

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

    # -- direct writes (repairs, moved files, groups, reset) ------------------------------

    def _set_state(self, ids: Sequence[str], state: str) -> None:
        with self.conn as conn:
            for part in batches(ids):
                conn.execute(
                    f"UPDATE articles SET state = ? WHERE id IN ({marks(len(part))})",
                    [state, *part],
                )

    def mark_done(self, ids: Sequence[str]) -> None:
        self._set_state(ids, DONE)

    def mark_pending(self, ids: Sequence[str]) -> None:
        self._set_state(ids, PENDING)

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
            for table in _TABLES:
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM meta WHERE key != 'lexical_generation'")


__all__ = ["DELETING", "DONE", "PENDING", "Manifest", "StagedChunk", "origin_of"]
