"""`NewsIndex`: the incremental, crash-safe index over Chroma, BM25 and the manifest.

Write protocol (every update, `add_articles` and `--rebuild`):

1. Bump the BM25 generation in the manifest to an odd number: until the write ends,
   the BM25 files on disk are known to be stale.
2. Finish whatever an interrupted run left: articles marked ``deleting`` are deleted,
   articles marked ``pending`` are deleted from Chroma by article id and re-added
   from their chunk rows.
3. For each batch of new/changed articles: write them and their chunks to the
   manifest as ``pending``, delete their old vectors by article id, embed, add the
   vectors (a writer thread overlaps Chroma inserts with the next embedding batch),
   then mark them ``done``. Chunk ids are deterministic (``article_id#i``).
4. Save BM25 with the next even generation and record it in the manifest.

A kill at any point leaves only ``pending``/``deleting`` rows and an odd generation;
the next write finishes those and rebuilds BM25 from the manifest's ``done`` chunks.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np

from index.columns import ColumnCache
from index.errors import IndexMismatchError, ManifestDamaged, rebuild_hint
from index.manifest import DELETING, PENDING, Manifest, StagedChunk, origin_of
from index.models import Article, Chunk, ParseFailure
from index.reads import IndexReads
from index.report import UpdateReport
from index.settings import IndexSettings
from index.store import ChromaStore, StoreWriter, chunk_metadata

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from index.grouping import ArticleGroups
    from index.lexical import LexicalIndex

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
GROUPS_FILE = "duplicates.npz"  # index.grouping.FILE_NAME (not imported: datasketch is slow)
EMBED_BATCH_CHUNKS = 2048  # chunks per manifest transaction / Chroma write
EMBED_CALL_TEXTS = 64  # texts per embedding-model call (bounds padding memory)
Progress = Callable[[int, int], None]


def embed_key(settings: IndexSettings) -> str:
    """How the embedding model is recorded in the index (and compared on open)."""
    if settings.embed_model:
        return f"{settings.embed_backend}:{settings.embed_model}"
    return settings.embed_backend


def _epoch(published: str | None) -> int | None:
    from index.dates import published_epoch

    try:
        return published_epoch(published)
    except ValueError:
        logger.warning("unparseable published date kept without epoch value=%r", published)
        return None


class NewsIndex(IndexReads):
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

    def _write_model(self) -> Any:
        """What writes embed with: the read-side embedding when built (or given), else a
        model without llama-index (`index.encoders`: a cold one-file update skips its
        import); `embedding` later wraps the same loaded model."""
        if self._embedding is not None:
            return self._embedding
        with self._embedding_lock:
            if self._embedding is not None:
                return self._embedding
            if self._encoder is None:
                from index.encoders import build_encoder

                self._encoder = build_encoder(self.settings)
            return self._encoder

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
            self._begin_groups(clean_gen)
            try:
                self._recover(report)
                self._reconcile(report)
                yield report
            except BaseException:
                with self._lex_lock:  # half-applied in memory: reload from the manifest
                    self._lex, self._lex_gen = None, -1
                    self._groups, self._groups_gen = None, -1
                raise
            self._end_lexical(self._require_lex())

    @contextlib.contextmanager
    def _file_lock(self) -> Iterator[None]:
        # One writer per data dir across processes (CLI, watch, web app).
        with (self.data_dir / "write.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

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
            (self.data_dir / GROUPS_FILE).unlink(missing_ok=True)
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

    def _recover(self, report: UpdateReport) -> None:
        deleting = self.manifest.ids_in_state(DELETING)
        if deleting:
            logger.info("recovering interrupted removals articles=%d", len(deleting))
            self._remove(deleting, report, count=False)
        pending = self.manifest.ids_in_state(PENDING)
        if not pending:
            return
        logger.info("recovering interrupted writes articles=%d", len(pending))
        self._reembed(pending, report)
        report.recovered += len(pending)

    def _reconcile(self, report: UpdateReport) -> None:
        """Make Chroma and BM25 hold exactly the manifest's chunks (a store lost or damaged
        behind our back: deleted folder, server restarted empty, lost manifest)."""
        from index.consistency import compare_stores

        check = compare_stores(self.manifest, self.store)
        if check.orphans:
            logger.warning(
                "removing vectors the manifest does not know count=%d", len(check.orphans)
            )
            self.store.delete_ids(check.orphans)
            report.repaired += len(check.orphans)
        if check.missing:
            articles = self.manifest.articles_of_chunks(check.missing)
            logger.warning(
                "re-embedding chunks missing from chroma chunks=%d articles=%d",
                len(check.missing),
                len(articles),
            )
            self.manifest.mark_pending(articles)
            self._reembed(articles, report)
            report.repaired += len(check.missing)
        with self._lex_lock:
            if len(self._require_lex()) != self.manifest.chunk_count():
                logger.warning("bm25 disagrees with the manifest: rebuilding it")
                self._lex = self._rebuild_lexical()

    def _reembed(self, pending: list[str], report: UpdateReport) -> None:
        """Delete these (pending) articles' vectors and add them again from their chunk rows."""
        writer = self._writer()
        try:
            writer.delete(pending, self.manifest.chunk_ids_of(pending))
            staged = self.manifest.staged_chunks(pending)
            for lo in range(0, len(staged), EMBED_BATCH_CHUNKS):
                self._embed_into(staged[lo : lo + EMBED_BATCH_CHUNKS], [], writer, report)
        finally:
            writer.finish()
        self.manifest.mark_done(pending)

    def _remove(self, article_ids: list[str], report: UpdateReport, *, count: bool = True) -> None:
        if not article_ids:
            return
        chunk_ids = self.manifest.chunk_ids_of(article_ids)
        self.manifest.mark_deleting(article_ids)
        self.store.delete_articles(article_ids)
        self._lex_delete(chunk_ids)
        regrouped = self._require_groups().remove(article_ids)
        self.manifest.remove(article_ids)
        self.manifest.set_groups(regrouped)
        if count:
            report.removed += len(article_ids)
        report.chunks_deleted += len(chunk_ids)

    def _upsert(
        self, articles: list[Article], report: UpdateReport, progress: Progress | None
    ) -> None:
        known = self.manifest.hashes()
        todo: list[Article] = []
        moved: list[Article] = []
        for article in articles:
            old = known.get(article.id)
            if old is None or old != article.content_hash():
                todo.append(article)
            else:
                moved.append(article)
        report.unchanged += len(moved)
        self.manifest.set_paths(moved)
        from index.grouping import oldest_first

        todo = oldest_first(todo)  # the first of near-duplicates becomes their group id
        total, done = len(articles), len(moved)
        if progress:
            progress(done, total)
        if not todo:
            return
        writer = self._writer()
        try:
            for batch in self._chunked_batches(todo):
                replaced = [a.id for a, _, _ in batch if a.id in known]
                old_chunks = self.manifest.chunk_ids_of(replaced)
                groups, regrouped = self._require_groups().assign([a for a, _, _ in batch])
                self.manifest.stage(batch, groups)
                self.manifest.set_groups(regrouped)
                if replaced:
                    writer.delete(replaced, old_chunks)
                    report.chunks_deleted += len(old_chunks)
                report.updated += len(replaced)
                report.added += len(batch) - len(replaced)
                staged = [
                    StagedChunk(c.id, a.id, c.text, a.title, a.source, ts)
                    for a, chunks, ts in batch
                    for c in chunks
                ]
                self._embed_into(staged, [a.id for a, _, _ in batch], writer, report)
                self.manifest.mark_done(writer.drain_done())
                done += len(batch)
                if progress:
                    progress(done, total)
        finally:
            finished = writer.finish()
        self.manifest.mark_done(finished)

    def _writer(self) -> StoreWriter:
        """A started background writer applying Chroma and BM25 changes in order."""
        writer = StoreWriter(self.store, self._lex_add, self._lex_delete)
        writer.start()
        return writer

    def _chunked_batches(
        self, articles: list[Article]
    ) -> Iterator[list[tuple[Article, list[Chunk], int | None]]]:
        from index.chunking import chunk_article

        batch: list[tuple[Article, list[Chunk], int | None]] = []
        n_chunks = 0
        for article in articles:
            chunks = chunk_article(
                article,
                max_tokens=self.settings.chunk_tokens,
                overlap=self.settings.chunk_overlap,
            )
            batch.append((article, chunks, _epoch(article.published)))
            n_chunks += len(chunks)
            if n_chunks >= EMBED_BATCH_CHUNKS:
                yield batch
                batch, n_chunks = [], 0
        if batch:
            yield batch

    @staticmethod
    def _indexed(chunk: StagedChunk) -> str:
        from index.chunking import indexed_text

        return indexed_text(chunk.title, chunk.text)

    def _embed_into(
        self,
        staged: list[StagedChunk],
        article_ids: list[str],
        writer: StoreWriter,
        report: UpdateReport,
    ) -> None:
        texts = [self._indexed(c) for c in staged]
        vectors = self.embed_texts(texts) if staged else None
        metas = [chunk_metadata(c.article_id, c.source, c.published_ts) for c in staged]
        writer.add([c.id for c in staged], vectors, metas, texts, article_ids)
        report.chunks_embedded += len(staged)

    def embed_texts(self, texts: list[str]) -> np.ndarray:
        """Embeddings as a float32 matrix (one row per text)."""
        model = self._write_model()
        if hasattr(model, "embed_array"):
            # Small calls: WordLlama pads each call to its longest text, so one call over a
            # whole batch peaked ~220 MB higher (2,048 texts) and was slower than 64 at a time.
            parts = [
                np.asarray(model.embed_array(texts[lo : lo + EMBED_CALL_TEXTS]), dtype=np.float32)
                for lo in range(0, len(texts), EMBED_CALL_TEXTS)
            ]
            vectors = np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)
        else:
            vectors = np.asarray(model.get_text_embedding_batch(texts), dtype=np.float32)
        self._check_dim(int(vectors.shape[1]))
        return vectors

    def _check_dim(self, dim: int) -> None:
        recorded = self.manifest.get_meta("embed_dim")
        if recorded is None:
            name = self._write_model().model_name
            self.manifest.set_meta(embed_dim=dim, embed_model_name=name)
        elif int(recorded) != dim:
            raise IndexMismatchError(
                f"the index in {self.data_dir} holds {recorded}-d vectors but the embedding "
                f"model gives {dim}-d ones; {rebuild_hint(self.data_dir)}"
            )


__all__ = ["IndexMismatchError", "NewsIndex", "ParseFailure", "embed_key"]
