"""`NewsIndex`: the incremental, crash-safe index over Chroma, BM25 and the manifest.

This module opens the index and runs each write under its locks; the write protocol
(staged, then committed at once) is in `index/writes.py`, recovery from interrupted
writes in `index/recovery.py`, the read side in `index/reads.py`.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from index.columns import ColumnCache
from index.errors import IndexMismatchError, ManifestDamaged, rebuild_hint
from index.manifest import Manifest, origin_of
from index.models import Article, ParseFailure
from index.recovery import IndexRecovery
from index.report import UpdateReport
from index.settings import IndexSettings, embed_key
from index.store import ChromaStore
from index.writes import Progress

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from index.grouping import ArticleGroups
    from index.lexical import LexicalIndex

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
# index.grouping.FILE_NAME, DELTA_NAME (grouping is imported only by writes that need it)
GROUPS_FILES = ("duplicates.npz", "duplicates.delta")


class NewsIndex(IndexRecovery):
    """Articles -> chunks -> embeddings in Chroma, BM25 beside them, a manifest over both."""

    def __init__(
        self,
        settings: IndexSettings,
        manifest: Manifest,
        store: ChromaStore,
        embedding: BaseEmbedding | None = None,
    ) -> None:
        self.settings = settings
        self.data_dir = Path(settings.data_dir)
        self.manifest = manifest
        self.store = store
        self._embedding = embedding
        self._encoder: Any = None  # the write side's model when `embedding` is not built
        self._embedding_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._lex_lock = threading.RLock()
        self._lex: LexicalIndex | None = None
        self._lex_gen = -1
        self._groups: ArticleGroups | None = None
        self._groups_gen = -1
        # The manifest generation our Chroma client has seen; another process's write
        # changes it, and then the (embedded) client must be reopened to see the change.
        self._store_gen = self._generation()
        self._columns = ColumnCache(manifest)

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        settings: IndexSettings | None = None,
        *,
        data_dir: Path | str | None = None,
        embedding: BaseEmbedding | None = None,
        check: bool = True,
        repair: bool = False,
    ) -> NewsIndex:
        """Open (or create) the index in the settings' data dir.

        Raises `IndexMismatchError` when the index was built with another embedding
        model or chunking settings (unless `check=False`, for `update(rebuild=True)`),
        `ManifestDamaged` when the manifest is not a readable database (unless
        `repair=True`, for a rebuild: the damaged file is set aside and a new one
        started) and `StoreUnreachable` when the Chroma server does not answer.
        """
        settings = settings or IndexSettings()
        if data_dir is not None:
            settings = settings.model_copy(update={"data_dir": Path(data_dir)})
        root = Path(settings.data_dir)
        root.mkdir(parents=True, exist_ok=True)
        path = root / "manifest.sqlite3"
        fresh = not path.exists()
        try:
            manifest = Manifest(path)
        except ManifestDamaged:
            if not repair:
                raise
            aside = Manifest.set_aside(path)
            logger.warning("damaged manifest set aside path=%s moved_to=%s", path, aside)
            manifest, fresh = Manifest(path), True
        try:
            store = ChromaStore.open(settings, root)
        except BaseException:
            manifest.close()
            raise
        index = cls(settings, manifest, store, embedding)
        if fresh and not repair and not store.read_only and (vectors := store.count()):
            # A lost manifest beside a full store: the next update removes what it
            # cannot account for; `status` shows the disagreement meanwhile.
            logger.warning(
                "new manifest beside %d vectors in %s: the next update removes them",
                vectors,
                store.location,
            )
        if check:
            try:
                index.check_settings()
            except BaseException:
                index.close()
                raise
        return index

    def check_settings(self) -> None:
        """Raise if the index was built with another embedding model or chunk settings."""
        meta = self.manifest.meta()
        if meta.get("reset_pending") or "embed_model" not in meta:
            return
        s = self.settings
        wanted = {
            "embed_model": embed_key(s),
            "chunk_tokens": str(s.chunk_tokens),
            "chunk_overlap": str(s.chunk_overlap),
        }
        diffs = [f"{k} {meta.get(k)!r} (now {v!r})" for k, v in wanted.items() if meta.get(k) != v]
        if diffs:
            raise IndexMismatchError(
                f"the index in {self.data_dir} was built with "
                + ", ".join(diffs)
                + f"; {rebuild_hint(self.data_dir)}"
            )

    def __enter__(self) -> NewsIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.manifest.close()

    # -- writing ----------------------------------------------------------------------

    def update(
        self,
        paths: Sequence[Path | str],
        *,
        prune: bool = False,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> UpdateReport:
        """Index the article files under `paths` incrementally.

        New articles are added, changed ones re-embedded, unchanged ones skipped with
        no embedding work. `prune` removes articles that came from files under `paths`
        and are no longer there; `rebuild` starts from an empty index.
        """
        from index.articles import parse_paths

        started = time.perf_counter()
        roots = [Path(p) for p in paths]
        with self._writing(rebuild=rebuild) as report:
            parsed = parse_paths(roots, max_file_bytes=self.settings.max_file_bytes)
            report.failed.extend(parsed.failures)
            report.notes.extend(parsed.notes)
            articles = self._dedupe(parsed.articles)
            seen = {a.id for a in articles}
            if prune:
                failed_files = {origin_of(f.path) for f in parsed.failures}
                gone = [
                    aid
                    for aid, origin in self.manifest.ids_under(roots)
                    if aid not in seen and origin not in failed_files
                ]
                self._remove(gone, report)
            self._upsert(articles, report, progress)
        report.seconds = time.perf_counter() - started
        logger.info("index update %s", report.summary())
        return report

    def add_articles(self, articles: Sequence[Article]) -> UpdateReport:
        """Append articles (uploads, pasted text); existing ones are updated if changed."""
        started = time.perf_counter()
        with self._writing(rebuild=False) as report:
            self._upsert(self._dedupe(list(articles)), report, None)
        report.seconds = time.perf_counter() - started
        logger.info("index add_articles %s", report.summary())
        return report

    def remove_files(self, paths: Sequence[Path | str]) -> UpdateReport:
        """Remove every article that came from files under `paths` (e.g. deleted files)."""
        started = time.perf_counter()
        with self._writing(rebuild=False) as report:
            ids = [aid for aid, _ in self.manifest.ids_under([Path(p) for p in paths])]
            self._remove(ids, report)
        report.seconds = time.perf_counter() - started
        return report

    def remove(self, article_ids: Sequence[str]) -> UpdateReport:
        """Remove these articles from every store (vectors, BM25, manifest, duplicate groups).

        Unknown ids are ignored. A file they came from is left alone: `update` on it
        adds them again.
        """
        started = time.perf_counter()
        with self._writing(rebuild=False) as report:
            known = [a for a in dict.fromkeys(article_ids) if self.manifest.get_article(a)]
            self._remove(known, report)
        report.seconds = time.perf_counter() - started
        logger.info("index remove %s", report.summary())
        return report

    @contextlib.contextmanager
    def _writing(self, *, rebuild: bool) -> Iterator[UpdateReport]:
        """Lock, recover, run the caller's writes, then save BM25 in step."""
        report = UpdateReport()
        self.store.check_writable()  # a replica never writes: the indexer does
        with self._write_lock, self._file_lock():
            if rebuild or self.manifest.get_meta("reset_pending"):
                self._reset()
            self.check_settings()
            self._record_settings()
            clean_gen = self._generation()
            if clean_gen != self._store_gen:
                self.store.refresh()  # another process wrote since we looked
            self._begin_lexical()
            try:
                self._recover(report)
                self._begin_groups(clean_gen)  # after recovery: it may have committed
                self._reconcile(report)
                yield report
                self._commit()
            except BaseException:
                with self._lex_lock:  # half-applied in memory: reload from the manifest
                    self._lex, self._lex_gen = None, -1
                    self._groups, self._groups_gen = None, -1
                raise
            self._end_lexical(self._require_lex())

    def _record_settings(self) -> None:
        if self.manifest.get_meta("embed_model") is None:
            s = self.settings
            self.manifest.set_meta(
                schema=SCHEMA_VERSION,
                embed_model=embed_key(s),
                chunk_tokens=s.chunk_tokens,
                chunk_overlap=s.chunk_overlap,
            )

    def _reset(self) -> None:
        logger.info("index reset data_dir=%s", self.data_dir)
        self.manifest.set_meta(reset_pending=1)
        self.store.reset()
        with self._lex_lock:
            shutil.rmtree(self._lexical_dir(), ignore_errors=True)
            self._lex = None
            self._lex_gen = -1
            self._groups, self._groups_gen = None, -1
            for name in GROUPS_FILES:
                (self.data_dir / name).unlink(missing_ok=True)
        self.manifest.reset()  # also drops reset_pending, in the same transaction

    @staticmethod
    def _dedupe(articles: list[Article]) -> list[Article]:
        unique: dict[str, Article] = {}
        for article in articles:
            if article.id in unique:
                logger.warning(
                    "duplicate article id skipped id=%s path=%s first=%s",
                    article.id,
                    article.path,
                    unique[article.id].path,
                )
                continue
            unique[article.id] = article
        return list(unique.values())


__all__ = ["IndexMismatchError", "NewsIndex", "ParseFailure", "embed_key"]
