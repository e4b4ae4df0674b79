"""Do Chroma and the manifest hold the same chunks? Counts first, ids only when they differ.

The manifest is the source of truth: a vector it does not know is an orphan (a lost
manifest, a crash before it was written), a chunk it lists without a vector is missing
(a deleted `chroma/` folder, a server restarted on empty storage).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.manifest import Manifest
    from index.store import ChromaStore


@dataclass(frozen=True)
class StoreCheck:
    manifest_chunks: int
    vectors: int
    orphans: list[str] = field(default_factory=list)  # in Chroma, unknown to the manifest
    missing: list[str] = field(default_factory=list)  # in the manifest, not in Chroma

    @property
    def agree(self) -> bool:
        return not self.orphans and not self.missing


def compare_stores(manifest: Manifest, store: ChromaStore) -> StoreCheck:
    """Counts always; the id sets only when the counts differ (listing ids costs a scan)."""
    expected, vectors = manifest.chunk_count(), store.count()
    if expected == vectors:
        return StoreCheck(expected, vectors)
    known = set(manifest.chunk_ids())
    stored = set(store.ids())
    return StoreCheck(
        expected, vectors, orphans=sorted(stored - known), missing=sorted(known - stored)
    )
