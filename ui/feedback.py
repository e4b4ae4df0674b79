"""Thumbs up/down on answers: one JSON line per vote in `<data dir>/feedback.jsonl`.

Each line holds what an editor needs to judge the answer without the app: the
question, the answer text, its citations (title, outlet, date, URL, quote) and the
filters it ran with. `newsdesk feedback` prints a summary.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from index.cli import DataDirOption, JsonOption, build_settings

logger = logging.getLogger(__name__)

FEEDBACK_FILE = "feedback.jsonl"
CITATION_FIELDS = ("number", "title", "source", "published", "url", "quote")
_append_lock = threading.Lock()  # one line per vote, never interleaved within this process


def feedback_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / FEEDBACK_FILE


def make_record(
    rating: str, turn: Mapping[str, Any], *, conversation: str | None = None
) -> dict[str, Any]:
    """A vote on one stored turn (see ui.conversations) as a self-contained record."""
    answer = turn.get("answer") or {}
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "rating": rating,
        "question": turn.get("q", ""),
        "understood_as": answer.get("standalone_question") or None,
        "answer": answer.get("text") if answer else turn.get("error"),
        "abstained": bool(answer.get("abstained")),
        "citations": [
            {k: c.get(k) for k in CITATION_FIELDS} for c in answer.get("citations") or []
        ],
        "sources_filter": turn.get("sources"),
        "conversation": conversation,
        "turn": turn.get("id"),
    }


def append(data_dir: Path | str, record: Mapping[str, Any]) -> Path:
    path = feedback_path(data_dir)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _append_lock, path.open("a", encoding="utf-8") as handle:
        handle.write(line)
    logger.info("feedback recorded rating=%s turn=%s", record.get("rating"), record.get("turn"))
    return path


def read(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The records in `path` and how many lines could not be read (hand edits, cut lines)."""
    records: list[dict[str, Any]] = []
    bad = 0
    if not path.exists():
        return records, bad
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if isinstance(record, dict):
            records.append(record)
        else:
            bad += 1
    return records, bad


def summarise(records: Iterable[Mapping[str, Any]], *, last: int = 5) -> dict[str, Any]:
    """Counts by rating, the outlets cited in disliked answers, the latest disliked ones."""
    items = list(records)
    ratings = Counter(str(r.get("rating")) for r in items)
    down = [r for r in items if r.get("rating") == "down"]
    outlets = Counter(
        str(c.get("source") or "(unknown)") for r in down for c in r.get("citations") or []
    )
    return {
        "total": len(items),
        "up": ratings.get("up", 0),
        "down": ratings.get("down", 0),
        "abstained_down": sum(1 for r in down if r.get("abstained")),
        "first": min((str(r.get("time")) for r in items), default=None),
        "last": max((str(r.get("time")) for r in items), default=None),
        "down_outlets": outlets.most_common(5),
        "recent_down": [
            {"time": r.get("time"), "question": r.get("question"), "answer": r.get("answer")}
            for r in sorted(down, key=lambda r: str(r.get("time")))[-last:][::-1]
        ],
    }


def summary_text(summary: Mapping[str, Any], path: Path, bad: int) -> str:
    if not summary["total"]:
        return f"No feedback yet ({path})."
    lines = [
        f"{summary['total']} votes in {path}: {summary['up']} up, {summary['down']} down "
        f"({summary['first'][:10]} – {summary['last'][:10]})",
    ]
    if summary["down"]:
        lines.append(f"Disliked abstentions: {summary['abstained_down']}")
    if summary["down_outlets"]:
        cited = ", ".join(f"{name} ({n})" for name, n in summary["down_outlets"])
        lines.append(f"Outlets cited in disliked answers: {cited}")
    if summary["recent_down"]:
        lines.append("Latest disliked:")
        for r in summary["recent_down"]:
            answer = " ".join(str(r["answer"] or "").split())
            answer = answer if len(answer) <= 100 else answer[:99] + "…"
            lines.append(f"  {str(r['time'])[:16]}  Q: {r['question']}")
            lines.append(f"                    A: {answer}")
    if bad:
        lines.append(f"({bad} unreadable line(s) skipped)")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add `newsdesk feedback` to `app`."""

    @app.command("feedback")
    def feedback_command(
        as_json: JsonOption = False,
        last: Annotated[int, typer.Option(min=0, help="Disliked answers to list.")] = 5,
        data_dir: DataDirOption = None,
    ) -> None:
        """Summarise the thumbs up/down given in the web chat (feedback.jsonl)."""
        path = feedback_path(build_settings(data_dir).data_dir)
        records, bad = read(path)
        summary = summarise(records, last=last)
        if as_json:
            typer.echo(json.dumps({**summary, "path": str(path), "unreadable": bad}))
        else:
            typer.echo(summary_text(summary, path, bad))
