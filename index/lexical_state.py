"""BM25 and near-duplicate groups kept in step with the manifest, and other writers followed.

The manifest's ``lexical_generation`` counts writes: odd while one runs (the BM25 files
on disk are stale), even when it ended. A reader whose copy is of another generation
reloads BM25; one whose Chroma client saw another generation reopens it (an embedded
client never sees what another process wrote after it loaded the collection).
On a Chroma server, each write is also published for replicas once it has committed
(`_end_lexical`), and a replica follows the server instead of writing (index/replica.py).
`NewsIndex` (index/pipeline.py) inherits this; the attributes are set in its __init__.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, cast

from index.manifest import Manifest
from index.settings import IndexSettings
from index.store import ChromaStore

if TYPE_CHECKING:
    from index.grouping import ArticleGroups
    from index.lexical import LexicalIndex
    from index.replica import FollowingIndex, ReplicaSync

logger = logging.getLogger(__name__)


class LexicalState:
    """The BM25 / duplicate-groups half of `NewsIndex` (see the module docstring)."""

    settings: IndexSettings
    data_dir: Path
    manifest: Manifest
    store: ChromaStore
    _write_lock: threading.RLock
    _lex_lock: threading.RLock
    _lex: LexicalIndex | None
    _lex_gen: int
    _groups: ArticleGroups | None
    _groups_gen: int
    _store_gen: int

    def _lexical_dir(self) -> Path:
        return self.data_dir / "bm25"

    def _generation(self) -> int:
        return int(self.manifest.get_meta("lexical_generation") or 0)

    def _load_lexical(self, generation: int, *, lazy: bool = False) -> LexicalIndex:
        """The BM25 index in step with the manifest at `generation` (rebuilt if stale);
        `lazy` for a write, which may only append to it (index/lexical.py)."""
        from index.lexical import LexicalIndex

        directory = self._lexical_dir()
        if generation % 2 == 0:
            lex = LexicalIndex.open(directory, lazy=lazy)
            if lex.generation == generation:
                return lex
            logger.info(
                "bm25 stale, rebuilding disk_generation=%s manifest_generation=%s",
                lex.generation,
                generation,
            )
        return self._rebuild_lexical()

    def _rebuild_lexical(self) -> LexicalIndex:
        from index.lexical import LexicalIndex

        lex = LexicalIndex.empty(self._lexical_dir())
        ids: list[str] = []
        texts: list[str] = []
        from index.chunking import indexed_text

        for cid, title, text in self.manifest.iter_indexed():
            ids.append(cid)
            texts.append(indexed_text(title, text))
        lex.add(ids, texts)
        return lex

    def _begin_lexical(self) -> LexicalIndex:
        with self._lex_lock:
            gen = self._generation()
            if self._lex is None or self._lex_gen != gen:
                self._lex = self._load_lexical(gen, lazy=True)
            # Odd: the files on disk are stale until `_end_lexical` saves.
            self._lex_gen = gen + 1 if gen % 2 == 0 else gen + 2
            self.manifest.set_meta(lexical_generation=self._lex_gen)
            lex = self._lex
        if self._publishes():
            from index.replica import begin_publishing

            assert self.store.shared is not None
            self.store.take_touched()  # what an earlier failed write left
            self._publish_all = begin_publishing(self.store.shared)
        return lex

    def _end_lexical(self, lex: LexicalIndex) -> None:
        with self._lex_lock:
            gen = self._lex_gen + 1
            self._require_groups().save()
            lex.save(gen)
            self.manifest.set_meta(lexical_generation=gen, groups_generation=gen)
            self._lex_gen = self._groups_gen = self._store_gen = gen
        if self._publishes():
            from index.replica import end_publishing

            assert self.store.shared is not None
            touched = self.store.take_touched()
            end_publishing(self.store.shared, self.manifest, touched, self._publish_all)

    # -- replicas (index/replica.py) --------------------------------------------------

    _publish_all = False
    _replica: ReplicaSync | None = None

    def _publishes(self) -> bool:
        """Whether writes are published for replicas (the indexer on a Chroma server)."""
        return self.store.shared is not None and not self.store.read_only

    @property
    def is_replica(self) -> bool:
        return self.store.read_only

    def replica_sync(self) -> ReplicaSync:
        """The replica's follower (raises `ReadOnlyReplica` when this is no replica)."""
        if self._replica is None:
            from index.errors import ReadOnlyReplica
            from index.replica import ReplicaSync

            if not self.store.read_only or self.store.shared is None:
                raise ReadOnlyReplica("not a replica: set NEWSDESK_REPLICA=true")
            poll = self.settings.replica_poll_seconds
            # (LexicalState is only ever part of a NewsIndex, which applies the records)
            index = cast("FollowingIndex", self)
            self._replica = ReplicaSync(index, self.store.shared, poll)
        return self._replica

    def _follow_shared(self) -> None:
        """A replica checks the server's change marker (at most every poll interval)."""
        if self.store.read_only and self.replica_sync().due():
            self.replica_sync().sync()

    def _begin_groups(self, clean_gen: int) -> None:
        """Near-duplicate groups in step with the manifest (rebuilt from it if stale)."""
        from index.grouping import ArticleGroups

        if self._groups is None or self._groups_gen != clean_gen:
            saved = self.manifest.get_meta("groups_generation")
            if clean_gen % 2 == 0 and saved == str(clean_gen):
                self._groups = ArticleGroups.load(self.data_dir)
            else:
                self._groups = ArticleGroups.rebuild(self.data_dir, self.manifest)
        self._groups_gen = -1  # being changed until `_end_lexical` saves

    def _require_groups(self) -> ArticleGroups:
        if self._groups is None:
            raise RuntimeError("duplicate groups used outside a write")
        return self._groups

    def _require_lex(self) -> LexicalIndex:
        if self._lex is None:
            raise RuntimeError("BM25 index used outside a write")
        return self._lex

    def _lex_add(self, ids: list[str], texts: list[str]) -> None:
        if ids:
            with self._lex_lock:
                self._require_lex().add(ids, texts)

    def _lex_delete(self, ids: list[str]) -> None:
        if ids:
            with self._lex_lock:
                self._require_lex().delete(ids)

    def _lexical_for_read(self) -> LexicalIndex:
        self._follow_shared()
        with self._lex_lock:
            gen = self._generation()
            # A lazy copy left by a write is read whole again: its unread rows are read
            # in place only during our own write (when no other process can change them).
            stale = self._lex_gen != gen or (self._lex is not None and self._lex.lazy)
            if self._lex is None or (stale and not self._write_in_progress()):
                self._lex = self._load_lexical(gen)
                self._lex_gen = gen
            return self._lex

    def _follow_other_writers(self) -> None:
        """Reopen Chroma when another process changed the index since we last looked."""
        self._follow_shared()
        gen = self._generation()
        if gen == self._store_gen or self._write_in_progress():
            return
        with self._lex_lock:
            if gen == self._store_gen:
                return
            logger.info("index changed by another process: reopening the store gen=%s", gen)
            self.store.refresh()
            self._store_gen = gen

    def _write_in_progress(self) -> bool:
        # This process is writing (the live object is current) when the lock is held.
        acquired = self._write_lock.acquire(blocking=False)
        if acquired:
            self._write_lock.release()
        return not acquired
