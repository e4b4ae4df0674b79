"""Replicas on one Chroma server: the indexer publishes, replicas follow.

The indexer (a `newsdesk index`/`watch`/app on a data dir, pointed at a Chroma server)
marks the shared store's generation odd when a write starts and, once the write has
committed (index/writes.py), publishes the records (index/shared.py) of the articles it
touched from the committed manifest, with their chunk ids' revision, deletes the records
of removed articles and makes the generation even. A write that died before its end
leaves it odd, so the next write checks every record against the manifest.

A replica (``NEWSDESK_REPLICA=true``) keeps a local copy in its own data dir: manifest,
BM25 index and duplicate groups, derived from the records. `ReplicaSync` polls the
marker (one small request every ``replica_poll_seconds``); when it changed and no write
is running, it diffs the records' content hashes against its manifest, reads the new and
changed records and applies them the way the indexer's own updates are applied: staged
(under the records' revisions, so the chunk ids are the server's vector ids), then
committed in one manifest transaction. The chunks a commit retires are forgotten locally
(BM25, manifest); their vectors are the indexer's to delete: a replica never writes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Protocol

from index.errors import IndexMismatchError
from index.manifest import Manifest
from index.settings import IndexSettings, embed_key
from index.shared import APPLY_BATCH, Marker, Published, SharedRecords

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- the indexer's side


def begin_publishing(shared: SharedRecords) -> bool:
    """Mark a write as running; True when every record must be checked at the end
    (nothing published yet, or the last write died before it published)."""
    marker = shared.marker()
    generation = marker.key[1]
    full = marker.writing or not marker.key[0]
    shared.set_generation(generation + (2 if marker.writing else 1), marker.settings)
    return full


def publish_articles(shared: SharedRecords, manifest: Manifest, article_ids: Sequence[str]) -> None:
    """Publish the records of these articles as the manifest has them committed, with the
    revision of their chunk ids (deleting the records of those it no longer has)."""
    removed: list[str] = []
    for lo in range(0, len(article_ids), APPLY_BATCH):
        part = article_ids[lo : lo + APPLY_BATCH]
        revs = manifest.revs(part)
        batch: list[Published] = []
        for aid in part:
            article = manifest.get_article(aid)
            if article is None:  # removed by this write
                removed.append(aid)
                continue
            spans = [(c.start, c.end) for c in manifest.chunks_of(aid)]
            batch.append((article, article.content_hash(), spans, revs.get(aid, 0)))
        shared.publish(batch, [])
    shared.publish([], removed)


def end_publishing(
    shared: SharedRecords, manifest: Manifest, touched: set[str], full: bool
) -> None:
    """Publish the records of the articles this write changed, then the even generation.

    Called after the write's commit (index/writes.py), so every record is of committed
    state: an article staged by the write goes out as its new version, never as the old
    one or as removed (records are not published while the write runs).
    """
    if full:
        local = manifest.hashes()
        remote = shared.hashes()
        changed = [aid for aid, h in local.items() if remote.get(aid) != h]
        removed = [aid for aid in remote if aid not in local]
        shared.publish([], removed)
    else:
        changed = sorted(touched)
    publish_articles(shared, manifest, changed)
    marker = shared.marker()
    meta = manifest.meta()
    generation = marker.key[1] + 1 if marker.writing else marker.key[1] + 2
    shared.set_generation(generation, meta)
    logger.info(
        "published for replicas articles=%d generation=%d full=%s",
        len(changed),
        generation,
        full,
    )


# ---------------------------------------------------------------- the replica's side


class FollowingIndex(Protocol):
    """What a replica's follower needs of its `NewsIndex`: the manifest it diffs against,
    the settings it checks, and the write that applies the published records."""

    manifest: Manifest
    settings: IndexSettings

    def apply_shared(
        self, shared: SharedRecords, changed: Sequence[str], gone: Sequence[str]
    ) -> None: ...


class ReplicaSync:
    """Keeps a replica's data dir in step with the shared store (see the module docstring)."""

    def __init__(self, index: FollowingIndex, shared: SharedRecords, poll_seconds: float) -> None:
        self._index = index
        self._shared = shared
        self.poll_seconds = poll_seconds
        self._synced: tuple[str, int] | None = None
        self._checked = float("-inf")
        self._busy = threading.Lock()
        self._thread: threading.Thread | None = None

    def due(self) -> bool:
        return time.monotonic() - self._checked >= self.poll_seconds

    def sync(self) -> bool:
        """Apply what changed on the server since the last sync; True if anything did.

        Returns False at once when another thread is syncing or the indexer is writing
        (the next poll picks it up).
        """
        if not self._busy.acquire(blocking=False):
            return False
        try:
            self._checked = time.monotonic()
            marker = self._shared.marker()
            if marker.writing or marker.key == self._synced:
                return False
            self._check_settings(marker)
            started = time.perf_counter()
            manifest = self._index.manifest
            remote = self._shared.hashes()
            local = manifest.hashes()
            gone = [aid for aid in local if aid not in remote]
            changed = [aid for aid, h in remote.items() if local.get(aid) != h]
            if changed or gone:
                self._index.apply_shared(self._shared, changed, gone)
            manifest.set_meta(**marker.settings)
            if self._shared.marker().key == marker.key:  # else written meanwhile: next poll
                self._synced = marker.key
            logger.info(
                "replica synced changed=%d removed=%d generation=%s seconds=%.2f",
                len(changed),
                len(gone),
                marker.key[1],
                time.perf_counter() - started,
            )
            return bool(changed or gone)
        finally:
            self._busy.release()

    def _check_settings(self, marker: Marker) -> None:
        theirs = marker.settings.get("embed_model")
        ours = embed_key(self._index.settings)
        if theirs is not None and theirs != ours:
            raise IndexMismatchError(
                f"the index on the Chroma server was built with the embedding model "
                f"{theirs!r}; this replica uses {ours!r}: set NEWSDESK_EMBED_BACKEND (and "
                "NEWSDESK_EMBED_MODEL) to what the indexer uses"
            )

    def start(self) -> threading.Thread:
        """Poll in the background (a daemon thread) until the process ends."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._follow, name="newsdesk-replica-sync", daemon=True
            )
            self._thread.start()
        return self._thread

    def _follow(self) -> None:
        while True:
            time.sleep(max(0.0, self.poll_seconds - (time.monotonic() - self._checked)))
            try:
                self.sync()
            except Exception as exc:  # the server may be down for a while: keep polling
                self._checked = time.monotonic()
                logger.warning("replica sync failed, retrying error=%s", exc)
