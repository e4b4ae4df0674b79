"""What an index update did, what the index holds, and one line per article."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from index.models import ParseFailure


@dataclass
class UpdateReport:
    """The result of `NewsIndex.update` / `add_articles` (and of `newsdesk index --json`)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[ParseFailure] = field(default_factory=list)
    notes: list[ParseFailure] = field(default_factory=list)  # indexed, but said (dates)
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    # Articles left half-written by an interrupted run and finished by this one.
    recovered: int = 0
    # Vectors re-embedded or removed so that Chroma holds exactly the manifest's chunks.
    repaired: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "failed": [{"path": f.path, "line": f.line, "reason": f.reason} for f in self.failed],
            "notes": [{"path": f.path, "line": f.line, "note": f.reason} for f in self.notes],
            "chunks_embedded": self.chunks_embedded,
            "chunks_deleted": self.chunks_deleted,
            "recovered": self.recovered,
            "repaired": self.repaired,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        text = (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"removed {self.removed}, failed {len(self.failed)} "
            f"(chunks embedded {self.chunks_embedded}, deleted {self.chunks_deleted}"
        )
        if self.recovered:
            text += f", recovered {self.recovered} from an interrupted run"
        if self.repaired:
            text += f", repaired {self.repaired} vectors the store had lost or kept wrongly"
        return text + f"; {self.seconds:.1f} s)"

    def merge(self, other: UpdateReport) -> None:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.failed.extend(other.failed)
        self.notes.extend(other.notes)
        self.chunks_embedded += other.chunks_embedded
        self.chunks_deleted += other.chunks_deleted
        self.recovered += other.recovered
        self.repaired += other.repaired
        self.seconds += other.seconds


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    path: str
    n_chunks: int
    group_id: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class IndexStatus:
    articles: int
    chunks: int
    sources: dict[str, int]
    earliest: str | None
    latest: str | None
    undated: int
    embed_model: str | None
    chunk_tokens: int | None
    chunk_overlap: int | None
    store: str
    data_dir: str
    pending: int = 0
    vectors: int | None = None  # what Chroma holds; equals `chunks` when the stores agree
    replica: bool = False  # a read-only replica of a Chroma server (the indexer writes it)

    @property
    def agree(self) -> bool:
        return self.vectors is None or self.vectors == self.chunks

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "agree": self.agree}

    def lines(self) -> list[str]:
        sources = ", ".join(f"{name} ({n})" for name, n in self.sources.items()) or "-"
        date_range = f"{self.earliest} .. {self.latest}" if self.earliest else "-"
        out = [
            f"articles:   {self.articles}",
            f"chunks:     {self.chunks}",
            f"sources:    {sources}",
            f"dates:      {date_range} ({self.undated} undated)",
            f"embedding:  {self.embed_model or '-'}",
            f"chunking:   {self.chunk_tokens} tokens, overlap {self.chunk_overlap}",
            f"store:      {self.store}",
            f"data dir:   {self.data_dir}",
        ]
        if self.pending:
            out.append(f"pending:    {self.pending} (interrupted run: re-run `newsdesk index`)")
        if not self.agree and self.replica:
            # The server moved since this replica's last sync (or an indexer's write is
            # running); running `newsdesk index` here would be refused anyway.
            out.append(
                f"note:       the server holds {self.vectors} vectors for this replica's "
                f"{self.chunks} chunks: it catches up at its next sync (an indexer's write may "
                "be running)"
            )
        elif not self.agree:
            out.append(
                f"warning:    the stores disagree: Chroma holds {self.vectors} vectors for "
                f"{self.chunks} chunks; `newsdesk index PATH... --data-dir {self.data_dir}` "
                "repairs it"
            )
        return out
