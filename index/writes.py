"""The write protocol of `NewsIndex`: an update is staged, then committed at once.

Every update (`update`, `add_articles`, `remove`, `--rebuild`) runs under the write
locks (a thread lock and a file lock per data dir) and goes:

1. Bump the BM25 generation in the manifest to an odd number: until the write ends,
   the BM25 files on disk are known to be stale.
2. Finish what an interrupted run left (`index/recovery.py`): retired chunks' vectors
   are deleted; a staged update is re-embedded from its staged rows and committed;
   articles marked ``pending`` (a repair) are re-embedded from their chunk rows.
   Then Chroma and BM25 are checked against the manifest (missing vectors re-embedded,
   unknown ones deleted).
3. For each batch of new/changed articles: write them and their chunks to the staging
   tables, embed, and add the vectors to Chroma and the rows to BM25 (a writer thread
   overlaps Chroma inserts with the next embedding batch; a big update is chunked and
   embedded by a helper process one batch ahead, index/preparation.py). A changed article's chunks
   get ids of a new revision (``article#i~rev``), so its old vectors stay in place and
   searchable. Removals (and the group changes they cause) are staged too.
4. Commit: one manifest transaction makes the staged articles the index's, moves the
   old chunks of replaced and removed articles to ``retired_chunks`` and bumps the
   generation (still odd: other processes reload BM25 and reopen Chroma). Then the
   retired vectors and BM25 rows are deleted and forgotten.
5. Save BM25 with the next even generation and record it in the manifest.

Readers see only the committed tables: a question asked during an update sees the
index as it was before it (staged vectors and BM25 rows are left out by the manifest
lookup and the BM25 mask), then all of it from the commit on. A kill at any point
leaves staged rows, retired chunk ids, ``pending`` rows and an odd generation; the
next write finishes them (a staged update is committed then, in one step too) and
rebuilds BM25 from the manifest's chunks.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
from collections.abc import Callable, Generator, Iterator, Sequence

import numpy as np

from index.errors import IndexMismatchError, rebuild_hint
from index.manifest import StagedChunk
from index.models import Article
from index.preparation import Prepared
from index.reads import IndexReads
from index.report import UpdateReport
from index.shared import APPLY_BATCH, ArticleRecord, SharedRecords
from index.store import StoreWriter, chunk_metadata

logger = logging.getLogger(__name__)

EMBED_BATCH_CHUNKS = 2048  # chunks per manifest transaction / Chroma write
# An update with this much article text is chunked and embedded by a helper process
# (index/preparation.py); below it, starting one (~2 s) costs more than the overlap gains.
HELPER_MIN_CHARS = 4_000_000
Progress = Callable[[int, int], None]


class IndexWrites(IndexReads):
    """Staging, embedding and committing (index/pipeline.py sets the attributes)."""

    embed_batch_chunks = EMBED_BATCH_CHUNKS  # per staging transaction (tests make it small)
    helper_min_chars = HELPER_MIN_CHARS  # tests make it small to run the helper process

    @contextlib.contextmanager
    def _file_lock(self) -> Iterator[None]:
        # One writer per data dir across processes (CLI, watch, web app).
        with (self.data_dir / "write.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def apply_shared(
        self, shared: SharedRecords, changed: Sequence[str], gone: Sequence[str]
    ) -> None:
        """A replica's write (index/replica.py): bring its manifest, BM25 and groups to the
        published records, staged, then committed in one transaction, as the indexer's own
        updates are."""
        from index.chunking import indexed_text
        from index.dates import published_epoch
        from index.grouping import oldest_first

        manifest = self.manifest
        # The file lock: a `newsdesk status` on this data dir may sync it at the same time.
        with self._write_lock, self._file_lock():
            clean_gen = self._generation()
            lex = self._begin_lexical()
            try:
                # What a killed apply left: staged rows are diffed again below, and retired
                # chunks are out of the manifest already (BM25 is rebuilt from it after a kill).
                manifest.discard_staged()
                self._retire(delete_vectors=False)
                self._begin_groups(clean_gen)
                groups = self._require_groups()
                if gone:
                    manifest.stage_removals(gone)
                    manifest.stage_groups(groups.remove(gone))
                records: list[ArticleRecord] = list(shared.records(changed))
                by_id = {r.article.id: r for r in records}
                ordered = oldest_first(r.article for r in records)
                for lo in range(0, len(ordered), APPLY_BATCH):
                    batch = [by_id[a.id] for a in ordered[lo : lo + APPLY_BATCH]]
                    assigned, regrouped = groups.assign([r.article for r in batch])
                    staged_items = []
                    for r in batch:
                        try:
                            ts = published_epoch(r.article.published)
                        except ValueError:
                            ts = None
                        staged_items.append((r.article, r.chunks, ts))
                    revs = {r.article.id: r.rev for r in batch}
                    staged = manifest.stage(staged_items, assigned, revs)
                    manifest.stage_groups(regrouped)
                    self._lex_add(
                        [c.id for c in staged], [indexed_text(c.title, c.text) for c in staged]
                    )
                # The replica never writes the server: the indexer deletes the old vectors.
                self._commit(delete_vectors=False)
            except BaseException:
                with self._lex_lock:  # half-applied in memory: reload from the manifest
                    self._lex, self._lex_gen = None, -1
                    self._groups, self._groups_gen = None, -1
                raise
            self._end_lexical(lex)

    def _remove(self, article_ids: list[str], report: UpdateReport) -> None:
        """Stage the removal of these articles (they leave the index at the commit)."""
        if not article_ids:
            return
        self.manifest.stage_removals(article_ids)
        self.manifest.stage_groups(self._require_groups().remove(article_ids))
        report.removed += len(article_ids)
        report.chunks_deleted += len(self.manifest.chunk_ids_of(article_ids))

    def _upsert(
        self, articles: list[Article], report: UpdateReport, progress: Progress | None
    ) -> None:
        known = self.manifest.versions([a.id for a in articles])
        todo: list[Article] = []
        moved: list[Article] = []
        for article in articles:
            old = known.get(article.id)
            if old is None or old[0] != article.content_hash():
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
            with contextlib.closing(self._prepared(todo)) as batches:  # stops a helper on error
                for prepared in batches:
                    batch = prepared.items
                    replaced = [a.id for a, _, _ in batch if a.id in known]
                    revs = {aid: known[aid][1] + 1 for aid in replaced}
                    groups, regrouped = self._require_groups().assign([a for a, _, _ in batch])
                    staged = self.manifest.stage(batch, groups, revs)
                    self.manifest.stage_groups(regrouped)
                    report.chunks_deleted += len(self.manifest.chunk_ids_of(replaced))
                    report.updated += len(replaced)
                    report.added += len(batch) - len(replaced)
                    self._embed_into(staged, writer, report, prepared)
                    done += len(batch)
                    if progress:
                        progress(done, total)
        finally:
            writer.finish()

    def _commit(self, *, delete_vectors: bool = True) -> None:
        """Make the staged update visible (one manifest transaction), then drop old vectors
        (a replica, `delete_vectors=False`, leaves them to the indexer)."""
        if self.manifest.has_staged():
            with self._lex_lock:  # in-process BM25 readers see the commit as one step
                generation = self._lex_gen + 2  # odd: the write goes on until BM25 is saved
                self.manifest.commit(lexical_generation=generation)
                self._lex_gen = generation
        self._retire(delete_vectors=delete_vectors)

    def _retire(self, *, delete_vectors: bool = True) -> None:
        """Delete the vectors and BM25 rows of chunks a commit took out of the index."""
        retired = self.manifest.retired_ids()
        if retired:
            if delete_vectors:
                self.store.delete_ids(retired)
            self._lex_delete(retired)
            self.manifest.clear_retired(retired)

    def _writer(self) -> StoreWriter:
        """A started background writer applying Chroma and BM25 changes in order."""
        writer = StoreWriter(self.store, self._lex_add, self._lex_delete)
        writer.start()
        return writer

    def _prepared(self, articles: list[Article]) -> Generator[Prepared, None, None]:
        """The articles' batches: chunked here, or chunked and embedded by a helper process
        (a big update with the default model, which the helper loads the same way)."""
        from index.encoders import WordLlamaEncoder
        from index.preparation import HelperBatches, local_batches

        model = self._embedding if self._embedding is not None else self._encoder
        wordllama = self.settings.embed_backend == "wordllama" and (
            model is None
            or isinstance(model, WordLlamaEncoder)
            or isinstance(getattr(model, "encoder", None), WordLlamaEncoder)
        )
        if wordllama and sum(len(a.text) for a in articles) >= self.helper_min_chars:
            with HelperBatches(articles, self.settings, self.embed_batch_chunks) as helper:
                from index.lexical import analyze

                analyze("warming")  # loads the stemmer while the helper starts
                yield from helper
            return
        for items in local_batches(articles, self.settings, self.embed_batch_chunks):
            yield Prepared(items)

    @staticmethod
    def _indexed(chunk: StagedChunk) -> str:
        from index.chunking import indexed_text

        return indexed_text(chunk.title, chunk.text)

    def _embed_into(
        self,
        staged: list[StagedChunk],
        writer: StoreWriter,
        report: UpdateReport,
        prepared: Prepared | None = None,
    ) -> None:
        """Hand the staged chunks with their vectors (embedded now unless `prepared` holds
        them) to the writer."""
        texts = [self._indexed(c) for c in staged]
        if prepared is not None and prepared.vectors is not None:
            vectors: np.ndarray | None = prepared.vectors
            if len(staged) != len(prepared.vectors):
                raise RuntimeError(
                    f"{len(prepared.vectors)} vectors prepared for {len(staged)} staged chunks"
                )
            if staged:
                self._check_dim(int(prepared.vectors.shape[1]), prepared.model_name)
        else:
            vectors = self.embed_texts(texts) if staged else None
        metas = [chunk_metadata(c.article_id, c.source, c.published_ts) for c in staged]
        writer.add([c.id for c in staged], vectors, metas, texts, [])
        report.chunks_embedded += len(staged)

    def embed_texts(self, texts: list[str]) -> np.ndarray:
        """Embeddings as a float32 matrix (one row per text)."""
        from index.preparation import embed_in_calls

        vectors = embed_in_calls(self.query_model, texts)
        self._check_dim(int(vectors.shape[1]))
        return vectors

    def _check_dim(self, dim: int, model_name: str | None = None) -> None:
        recorded = self.manifest.get_meta("embed_dim")
        if recorded is None:
            name = model_name or self.query_model.model_name
            self.manifest.set_meta(embed_dim=dim, embed_model_name=name)
        elif int(recorded) != dim:
            raise IndexMismatchError(
                f"the index in {self.data_dir} holds {recorded}-d vectors but the embedding "
                f"model gives {dim}-d ones; {rebuild_hint(self.data_dir)}"
            )
