"""Finishing what an interrupted write left, and repairing stores that disagree.

Run at the start of every write, under its locks (see `index/writes.py`):

- ``retired_chunks`` rows: a commit happened, its old vectors were not all deleted.
  They are deleted from Chroma and BM25 now.
- Staged rows: an update was killed (or failed) before its commit. Its staged articles
  are complete in the staging tables, so their vectors (possibly partly written) are
  deleted by chunk id, embedded again from the staged rows, and the update is committed
  in one transaction, as it would have been ("recovered N").
- ``pending`` articles: a repair (or an older version's update) was interrupted; their
  vectors are deleted by article id and added again from their chunk rows. ``deleting``
  ones (older versions) are staged as removals and committed.

Then `_reconcile` makes Chroma and BM25 hold exactly the manifest's chunks.
"""

from __future__ import annotations

import logging

from index.manifest import DELETING, PENDING
from index.report import UpdateReport
from index.writes import IndexWrites

logger = logging.getLogger(__name__)


class IndexRecovery(IndexWrites):
    """Recovery and reconciliation (index/pipeline.py runs them in every write)."""

    def _recover(self, report: UpdateReport) -> None:
        self._retire()
        deleting = self.manifest.ids_in_state(DELETING)
        if deleting:
            logger.info("recovering interrupted removals articles=%d", len(deleting))
            self.manifest.stage_removals(deleting)
        pending = self.manifest.ids_in_state(PENDING)
        if pending:
            logger.info("recovering interrupted writes articles=%d", len(pending))
            self._reembed(pending, report)
            report.recovered += len(pending)
        if self.manifest.has_staged():
            self._finish_staged(report)

    def _finish_staged(self, report: UpdateReport) -> None:
        """Embed a killed update's staged articles again and commit it."""
        staged, removals = self.manifest.staged_counts()
        logger.info("finishing an interrupted update articles=%d removals=%d", staged, removals)
        partial = self.manifest.staged_chunk_ids()
        if partial:
            self.store.delete_ids(partial)
            self._lex_delete(partial)
        chunks = self.manifest.staged_chunks(self.manifest.staged_ids(), staging=True)
        writer = self._writer()
        try:
            step = self.embed_batch_chunks
            for lo in range(0, len(chunks), step):
                self._embed_into(chunks[lo : lo + step], writer, report)
        finally:
            writer.finish()
        self._commit()
        report.recovered += staged

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
            if len(self._require_lex()) != check.manifest_chunks:  # (repairs keep the count)
                logger.warning("bm25 disagrees with the manifest: rebuilding it")
                self._lex = self._rebuild_lexical()

    def _reembed(self, pending: list[str], report: UpdateReport) -> None:
        """Delete these (pending) articles' vectors and add them again from their chunk rows."""
        writer = self._writer()
        try:
            writer.delete(pending, self.manifest.chunk_ids_of(pending))
            staged = self.manifest.staged_chunks(pending)
            step = self.embed_batch_chunks
            for lo in range(0, len(staged), step):
                self._embed_into(staged[lo : lo + step], writer, report)
        finally:
            writer.finish()
        self.manifest.mark_done(pending)
