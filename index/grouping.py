"""Near-duplicate groups of the indexed articles, kept in step with the manifest.

Wraps `index.duplicates.DuplicateFinder` for the pipeline: the finder is saved beside
the index and, when it may be stale (after an interrupted run, or for an index built
before groups existed), rebuilt from the article texts in the manifest, oldest
published first so that the canonical article of a group is the original.
A save after a few changed articles appends their rows (and the ids removed) to
`duplicates.delta` (index/record_log.py) instead of rewriting `duplicates.npz`.
Loaded groups start as the saved rows' columns (index/group_table.py), which group a few
new articles; the finder itself is built from them when a write needs more.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import record_log
from index.duplicates import DuplicateFinder, signature
from index.group_table import GroupTable
from index.manifest import Manifest
from index.models import Article

logger = logging.getLogger(__name__)

FILE_NAME = "duplicates.npz"
DELTA_NAME = "duplicates.delta"
DELTA_MIN_ROWS = 512  # changed articles a delta may hold, or an eighth of the base if more
# New articles per write grouped on the saved columns; past this, building the finder
# (~0.1 s per 4,000 articles) costs less than matching each against every row.
TABLE_MAX_NEW = 64


def oldest_first(articles: Iterable[Article]) -> list[Article]:
    """Articles by publication date (unknown last); the input order breaks ties."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or ""))


class ArticleGroups:
    """Assigns each article a group id (the canonical article's id) as articles come and go."""

    def __init__(
        self, path: Path, source: DuplicateFinder | GroupTable, disk: _OnDisk | None = None
    ) -> None:
        self.path = path
        self._source = source  # the finder, or the saved columns until it is needed
        self._disk = disk  # what the files hold; None: a new base at the next save
        self._changed: set[str] = set()  # articles added, regrouped or removed since

    @classmethod
    def load(cls, directory: Path) -> ArticleGroups:
        """The saved groups: the base file, then the changes appended to it since."""
        path = directory / FILE_NAME
        base_id = _base_id(path)
        records, end = record_log.read(path.with_name(DELTA_NAME), base_id)
        table = GroupTable.read(path, records)
        delta_rows = sum(len(r["ids"]) + len(r["removed"]) for r in records)
        return cls(path, table, _OnDisk(base_id, table.base_rows, delta_rows, end))

    @property
    def finder(self) -> DuplicateFinder:
        """The finder of every article (built from the saved columns on first use)."""
        if isinstance(self._source, GroupTable):
            self._source = self._source.finder()
        return self._source

    @classmethod
    def rebuild(cls, directory: Path, manifest: Manifest) -> ArticleGroups:
        """Regroup every article in the manifest and store the groups there."""
        started = time.perf_counter()
        finder = DuplicateFinder()
        stored: dict[str, str] = {}
        for article_id, text, group_id in manifest.iter_texts_oldest_first():
            finder.add(article_id, text)
            stored[article_id] = group_id
        changed = {aid: finder.group_of(aid) for aid in stored}
        changed = {aid: g for aid, g in changed.items() if stored[aid] != g}
        manifest.set_groups(changed)
        logger.info(
            "duplicate groups rebuilt articles=%d regrouped=%d seconds=%.2f",
            len(stored),
            len(changed),
            time.perf_counter() - started,
        )
        return cls(directory / FILE_NAME, finder)

    def assign(self, articles: Sequence[Article]) -> tuple[dict[str, str], dict[str, str]]:
        """Add (or re-add, when changed) articles.

        Returns their group ids, and the new group ids of other articles whose group
        changed because a changed article had been the canonical one of its group.
        """
        groups: dict[str, str] = {}
        table = self._source
        ids = [a.id for a in articles]
        if (
            isinstance(table, GroupTable)
            and len(set(ids)) == len(ids) <= TABLE_MAX_NEW
            and not table.knows_any(ids)
        ):
            for article in articles:  # new articles only: no other article changes group
                groups[article.id] = table.add(article.id, signature(article.text, table.num_perm))
            self._changed.update(groups)
            return groups, {}
        regrouped: dict[str, str] = {}
        finder = self.finder
        for article in articles:
            if article.id in finder:
                regrouped.update(finder.remove(article.id))
            groups[article.id] = finder.add(article.id, article.text)
        for article_id in groups:
            regrouped.pop(article_id, None)
        self._changed.update(groups, regrouped)
        return groups, regrouped

    def remove(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Forget articles; returns the new group ids of the others that changed group."""
        regrouped: dict[str, str] = {}
        for article_id in article_ids:
            regrouped.update(self.finder.remove(article_id))
        for article_id in article_ids:
            regrouped.pop(article_id, None)
        self._changed.update(article_ids, regrouped)
        return regrouped

    def save(self) -> None:
        """The changes since the last save appended to `duplicates.delta` when they are few
        (index/record_log.py), else everything written as a new base."""
        disk, changed, source = self._disk, sorted(self._changed), self._source
        if disk is not None and disk.takes(len(changed)) and _base_id(self.path) == disk.base_id:
            kept = [a for a in changed if a in source]
            arrays = {
                "removed": np.array([a for a in changed if a not in source], dtype=str),
                **source.rows(kept),
            }
            delta = self.path.with_name(DELTA_NAME)
            end = record_log.append(delta, disk.base_id, disk.delta_bytes, arrays)
            if end is not None:
                self._disk = disk.grown(len(changed), end)
                self._changed.clear()
                return
        finder = self.finder
        base_id = record_log.new_base_id()
        record_log.drop(self.path.with_name(DELTA_NAME))
        finder.save(self.path, base_id)
        self._disk = _OnDisk(base_id, len(finder), 0, 0)
        self._changed.clear()


@dataclass(frozen=True)
class _OnDisk:
    """What the group files hold: the base's id and size, the delta appended to it."""

    base_id: int
    base_rows: int
    delta_rows: int
    delta_bytes: int

    def takes(self, rows: int) -> bool:
        return record_log.log_takes(
            self.base_id, self.base_rows, self.delta_rows, rows, DELTA_MIN_ROWS
        )

    def grown(self, rows: int, end: int) -> _OnDisk:
        return _OnDisk(self.base_id, self.base_rows, self.delta_rows + rows, end)


def _base_id(path: Path) -> int:
    """The id of the saved base (0: none saved, or saved before deltas existed)."""
    try:
        return record_log.base_id_of(path)
    except (OSError, ValueError):
        return 0
