"""The manifest's write transactions for one update: staged, then committed at once.

An update writes its new and changed articles (and their chunks, under chunk ids of a
new revision, so old and new vectors never collide) to the ``staged_*`` tables, its
removals to ``staged_removals`` and the group changes it causes to ``staged_groups``.
Readers never look at those tables. `commit` then swaps them in, in one transaction:
the old chunks of replaced and removed articles go to ``retired_chunks`` (their
vectors and BM25 rows are deleted after the commit, and by the next run if it is
killed before), the staged rows become the articles' rows. See `index/writes.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.manifest_queries import DONE, ManifestQueries, batches, marks
from index.models import Article, Chunk, chunk_id
from index.text.lowerwords import joined_words

ARTICLE_COLUMNS = (
    "id, hash, state, title, text, url, source, authors, published, published_ts, "
    "path, origin, group_id, n_chunks, rev"
)
CHUNK_COLUMNS = "id, article_id, idx, start_pos, end_pos, text, words"
_STAGED = "SELECT id FROM staged_articles UNION SELECT id FROM staged_removals"
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


class ManifestStaging(ManifestQueries):
    """Staging and committing one update (`Manifest` provides `conn`)."""

    def stage(
        self,
        items: Sequence[tuple[Article, Sequence[Chunk], int | None]],
        group_ids: dict[str, str] | None = None,
        revs: dict[str, int] | None = None,
    ) -> list[StagedChunk]:
        """Write articles and their new chunks as staged (invisible until `commit`).

        An article's chunk ids carry its revision (`revs`, 0 when absent), so a changed
        article's new chunks sit beside the old ones until the commit. Returns the chunks
        to embed.
        """
        groups, revs = group_ids or {}, revs or {}
        ids = [a.id for a, _, _ in items]
        staged = [
            StagedChunk(
                chunk_id(a.id, c.index, revs.get(a.id, 0)), a.id, c.text, a.title, a.source, ts
            )
            for a, chunks, ts in items
            for c in chunks
        ]
        every_chunk = [c for _, chunks, _ in items for c in chunks]
        with self.conn as conn:
            for part in batches(ids):
                conn.execute(
                    f"DELETE FROM staged_chunks WHERE article_id IN ({marks(len(part))})", part
                )
            conn.executemany(
                f"INSERT OR REPLACE INTO staged_articles ({ARTICLE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.content_hash(),
                        DONE,
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
                        revs.get(a.id, 0),
                    )
                    for a, chunks, ts in items
                ],
            )
            conn.executemany(
                f"INSERT INTO staged_chunks ({CHUNK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (s.id, c.article_id, c.index, c.start, c.end, c.text, joined_words(c.text))
                    for s, c in zip(staged, every_chunk, strict=True)
                ],
            )
        return staged

    def stage_removals(self, ids: Iterable[str]) -> None:
        with self.conn as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO staged_removals (id) VALUES (?)", [(i,) for i in ids]
            )

    def stage_groups(self, groups: dict[str, str]) -> None:
        """Group changes of other articles, applied at the commit."""
        with self.conn as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO staged_groups (id, group_id) VALUES (?, ?)",
                list(groups.items()),
            )

    def has_staged(self) -> bool:
        row = self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM staged_articles) OR EXISTS "
            "(SELECT 1 FROM staged_removals) OR EXISTS (SELECT 1 FROM staged_groups)"
        ).fetchone()
        return bool(row[0])

    def staged_counts(self) -> tuple[int, int]:
        """(staged articles, staged removals)."""
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM staged_articles), (SELECT count(*) FROM staged_removals)"
        ).fetchone()
        return int(row[0]), int(row[1])

    def staged_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM staged_articles")]

    def staged_chunk_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM staged_chunks")]

    def staged_chunks(
        self, article_ids: Sequence[str], *, staging: bool = False
    ) -> list[StagedChunk]:
        """The chunks to embed of these articles: their committed rows (a repair) or, with
        `staging`, their staged rows (finishing an update that was killed)."""
        chunks, articles = "chunks", "articles"
        if staging:
            chunks, articles = "staged_chunks", "staged_articles"
        out: list[StagedChunk] = []
        for part in batches(article_ids):
            rows = self.conn.execute(
                f"SELECT c.id, c.article_id, c.text, a.title, a.source, a.published_ts "
                f"FROM {chunks} c JOIN {articles} a ON a.id = c.article_id "
                f"WHERE c.article_id IN ({marks(len(part))}) ORDER BY c.article_id, c.idx",
                part,
            )
            out.extend(StagedChunk(*r) for r in rows)
        return out

    def commit(self, **meta: object) -> None:
        """Make the staged update the index, in one transaction (with these meta values).

        The chunks of replaced and removed articles move to ``retired_chunks`` (unless a
        staged chunk has the same id: a replica applying an article whose revision went back
        to 0 with a rebuild, index/replica.py).
        """
        with self.conn as conn:
            conn.execute(
                "INSERT OR IGNORE INTO retired_chunks (id) "
                f"SELECT id FROM chunks WHERE article_id IN ({_STAGED}) "
                "AND id NOT IN (SELECT id FROM staged_chunks)"  # a replica after a rebuild
            )
            conn.execute(f"DELETE FROM chunks WHERE article_id IN ({_STAGED})")
            conn.execute(f"DELETE FROM articles WHERE id IN ({_STAGED})")
            conn.execute("DELETE FROM staged_articles WHERE id IN (SELECT id FROM staged_removals)")
            conn.execute(
                "DELETE FROM staged_chunks WHERE article_id IN (SELECT id FROM staged_removals)"
            )
            conn.execute(
                f"INSERT INTO articles ({ARTICLE_COLUMNS}) "
                f"SELECT {ARTICLE_COLUMNS} FROM staged_articles"
            )
            conn.execute(
                f"INSERT INTO chunks ({CHUNK_COLUMNS}) SELECT {CHUNK_COLUMNS} FROM staged_chunks"
            )
            conn.execute(
                "UPDATE articles SET group_id = "
                "(SELECT g.group_id FROM staged_groups g WHERE g.id = articles.id) "
                "WHERE id IN (SELECT id FROM staged_groups)"
            )
            for table in ("staged_articles", "staged_chunks", "staged_removals", "staged_groups"):
                conn.execute(f"DELETE FROM {table}")
            conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [(k, str(v)) for k, v in meta.items()],
            )

    def discard_staged(self) -> None:
        """Forget staged rows (a replica's apply that was killed: it is diffed again)."""
        with self.conn as conn:
            for table in ("staged_articles", "staged_chunks", "staged_removals", "staged_groups"):
                conn.execute(f"DELETE FROM {table}")

    def retired_ids(self) -> list[str]:
        """Chunk ids a commit took out of the index whose vectors may still be stored."""
        return [r[0] for r in self.conn.execute("SELECT id FROM retired_chunks")]

    def clear_retired(self, ids: Sequence[str]) -> None:
        with self.conn as conn:
            for part in batches(ids):
                conn.execute(f"DELETE FROM retired_chunks WHERE id IN ({marks(len(part))})", part)
