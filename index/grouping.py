"""Near-duplicate groups of the indexed articles, kept in step with the manifest.

Wraps `index.duplicates.DuplicateFinder` for the pipeline: the finder is saved beside
the index and, when it may be stale (after an interrupted run, or for an index built
before groups existed), rebuilt from the article texts in the manifest, oldest
published first so that the canonical article of a group is the original.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from index.duplicates import DuplicateFinder
from index.manifest import Manifest
from index.models import Article

logger = logging.getLogger(__name__)

FILE_NAME = "duplicates.npz"


def oldest_first(articles: Iterable[Article]) -> list[Article]:
    """Articles by publication date (unknown last); the input order breaks ties."""
    return sorted(articles, key=lambda a: (a.published is None, a.published or ""))


class ArticleGroups:
    """Assigns each article a group id (the canonical article's id) as articles come and go."""

    def __init__(self, path: Path, finder: DuplicateFinder) -> None:
        self.path = path
        self._finder = finder

    @classmethod
    def load(cls, directory: Path) -> ArticleGroups:
        path = directory / FILE_NAME
        return cls(path, DuplicateFinder.load(path))

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
        regrouped: dict[str, str] = {}
        for article in articles:
            if article.id in self._finder:
                regrouped.update(self._finder.remove(article.id))
            groups[article.id] = self._finder.add(article.id, article.text)
        for article_id in groups:
            regrouped.pop(article_id, None)
        return groups, regrouped

    def remove(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Forget articles; returns the new group ids of the others that changed group."""
        regrouped: dict[str, str] = {}
        for article_id in article_ids:
            regrouped.update(self._finder.remove(article_id))
        for article_id in article_ids:
            regrouped.pop(article_id, None)
        return regrouped

    def save(self) -> None:
        self._finder.save(self.path)
