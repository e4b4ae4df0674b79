"""The scale curve: `python -m tests.benchmarks.bench_scale --chunks 10000,100000 --out /tmp/scale`.

For each size, a synthetic corpus made from the dev articles (paragraph runs of three
different articles recombined into a new article with a new id, title and date, seeded, so
near-duplicate grouping keeps them apart; ~9-10 chunks each like the dev articles) is
written as one ``.jsonl`` file, then:

- a build subprocess: `NewsIndex.update` over the file into a fresh data dir (wall time,
  chunks/s, peak RSS), a no-change re-run of the same `update`, and adding one new article
  to the open index (median of 3, each a new article), then the data dir's size on disk;
- a serving subprocess: open the index, one cold `Assistant.ask`, then warm asks of ~50 dev
  questions with ``as_of`` = the question's date (p50/p95), and the process RSS after them.

Prints a Markdown table, one row per measured size, the growth per 10× between the two
largest measured sizes, and rows for larger sizes (1M, 10M by default) extrapolated along
that growth, labelled as such. Sizes are in chunks; the built count is reported as measured.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.common import DEV_ARTICLES, json_of_run

SEED = 20261202
DEV_CHUNKS = 36_450  # the dev corpus built with default settings (README, bench-index)
FIRST_DAY, LAST_DAY = date(2022, 1, 1), date(2022, 12, 4)  # spans the dev questions' dates
QUESTIONS = 50
ADDS = 3
TARGETS = {"ask_p95_ms": 300.0, "add_one_s": 1.0, "serve_rss_mb": 4096.0}


# -- the synthetic corpus ------------------------------------------------------------------


def _dev_records() -> list[dict[str, Any]]:
    with DEV_ARTICLES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def synthetic_article(i: int, dev: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Article `i` of the synthetic stream: a pure function of `i` (and the dev file).

    Three different dev articles each give a contiguous run of about a third of their
    paragraphs; so no two synthetic articles (nor one and its sources) share more than a
    fraction of their 5-shingles, far below the 0.8 near-duplicate threshold.
    """
    rng = random.Random(SEED * 1_000_003 + i)
    picks = rng.sample(range(len(dev)), 3)
    parts: list[str] = []
    for pick in picks:
        paras = _paragraphs(dev[pick].get("text") or "")
        if not paras:
            continue
        run = max(1, round(len(paras) / 3))
        start = rng.randrange(0, len(paras) - run + 1)
        parts.extend(paras[start : start + run])
    a_words = (dev[picks[0]].get("title") or "News").split(" - ")[0].split()
    b_words = (dev[picks[1]].get("title") or "update").split(" - ")[0].split()
    title = " ".join(a_words[: max(1, len(a_words) // 2)] + b_words[len(b_words) // 2 :])
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    return {
        "id": f"scale-{i:08d}",
        "url": None,
        "title": f"{title} ({i})",
        "text": "\n\n".join(parts),
        "source": dev[picks[0]].get("source"),
        "authors": [],
        "published": day.isoformat(),
    }


def _chars_per_chunk(dev: Sequence[dict[str, Any]]) -> float:
    return sum(len(r.get("text") or "") for r in dev) / DEV_CHUNKS


def synthetic_corpus(chunks: int, dev: Sequence[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Articles 0, 1, ... until their text is worth about `chunks` chunks (a prefix stream)."""
    per_chunk = _chars_per_chunk(dev)
    total, i = 0.0, 0
    while total < chunks:
        article = synthetic_article(i, dev)
        total += len(article["text"]) / per_chunk
        i += 1
        yield article


def write_corpus(path: Path, chunks: int, dev: Sequence[dict[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in synthetic_corpus(chunks, dev):
            handle.write(json.dumps(article) + "\n")
            n += 1
    return n


# -- the measured subprocesses ---------------------------------------------------------


def _rss_mb(key: str) -> float:
    """VmHWM (peak) or VmRSS (now) of this process image, in MB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _disk_mb(root: Path) -> float:
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) / 2**20


def run_build(data_dir: Path, corpus: Path) -> dict[str, Any]:
    from index.models import Article
    from index.pipeline import NewsIndex

    out: dict[str, Any] = {}
    shutil.rmtree(data_dir, ignore_errors=True)
    t = time.perf_counter()
    index = NewsIndex.open(data_dir=data_dir)
    report = index.update([corpus])
    out["build_s"] = time.perf_counter() - t
    out["chunks"] = report.chunks_embedded
    out["articles"] = report.added
    out["failed"] = len(report.failed)
    out["build_rss_mb"] = _rss_mb("VmHWM")
    t = time.perf_counter()
    again = index.update([corpus])
    out["rerun_s"] = time.perf_counter() - t
    out["rerun_embedded"] = again.chunks_embedded
    dev = _dev_records()
    adds: list[float] = []
    for k in range(ADDS):
        record = synthetic_article(10**7 + k, dev)  # beyond any corpus prefix: new each time
        article = Article(
            id=f"scale-new-{k}",
            title=record["title"],
            text=record["text"],
            source=record["source"],
            published="2022-12-04",
            path="<bench-scale>",
        )
        t = time.perf_counter()
        added = index.add_articles([article])
        adds.append(time.perf_counter() - t)
        out["add_one_chunks"] = added.chunks_embedded
    out["add_one_s"] = statistics.median(adds)
    out["add_one_all_s"] = adds
    index.close()
    out["disk_mb"] = _disk_mb(data_dir)
    out["disk_parts_mb"] = {
        p.name: _disk_mb(p) if p.is_dir() else p.stat().st_size / 2**20
        for p in sorted(data_dir.iterdir())
    }
    return out


def run_serve(data_dir: Path) -> dict[str, Any]:
    from assistant.core import Assistant
    from assistant.settings import AssistantSettings
    from index.pipeline import NewsIndex
    from tests.benchmarks.common import load_dev_questions

    questions = [q for q in load_dev_questions() if q["answerable"]]
    step = max(1, len(questions) // QUESTIONS)
    questions = questions[::step][:QUESTIONS]
    out: dict[str, Any] = {}
    t = time.perf_counter()
    settings = AssistantSettings(index={"data_dir": data_dir})
    bot = Assistant(index=NewsIndex.open(settings.index), settings=settings)
    bot.ask(questions[0]["question"], as_of=questions[0]["question_date"])
    out["first_ask_s"] = time.perf_counter() - t  # open + model + BM25 load + one answer
    for q in questions[:3]:  # warm-up
        bot.ask(q["question"], as_of=q["question_date"])
    latencies: list[float] = []
    for q in questions:
        t = time.perf_counter()
        bot.ask(q["question"], as_of=q["question_date"])
        latencies.append(1000 * (time.perf_counter() - t))
    latencies.sort()
    out["asks"] = len(latencies)
    out["ask_p50_ms"] = statistics.median(latencies)
    out["ask_p95_ms"] = latencies[min(len(latencies) - 1, math.ceil(0.95 * len(latencies)) - 1)]
    out["serve_rss_mb"] = _rss_mb("VmRSS")
    out["serve_peak_rss_mb"] = _rss_mb("VmHWM")
    return out


def _subprocess(*args: str) -> dict[str, Any]:
    return json_of_run(["-m", "tests.benchmarks.bench_scale", *args], "bench-scale")


# -- the table -------------------------------------------------------------------------

COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("build_s", "build s", "{:,.0f}"),
    ("chunks_per_s", "chunks/s", "{:,.0f}"),
    ("build_rss_mb", "build peak RSS MB", "{:,.0f}"),
    ("add_one_s", "+1 article s", "{:.2f}"),
    ("rerun_s", "no-change re-run s", "{:.1f}"),
    ("first_ask_s", "open + first ask s", "{:.1f}"),
    ("ask_p50_ms", "ask p50 ms", "{:,.0f}"),
    ("ask_p95_ms", "ask p95 ms", "{:,.0f}"),
    ("serve_rss_mb", "serving RSS MB", "{:,.0f}"),
    ("disk_mb", "disk MB", "{:,.0f}"),
)


def growth_per_10x(small: dict[str, Any], large: dict[str, Any], key: str) -> float:
    """The factor `key` grows by per 10× chunks, assuming a power law between two sizes."""
    decades = math.log10(large["chunks"] / small["chunks"])
    if small[key] <= 0 or large[key] <= 0 or decades <= 0:
        return float("nan")
    return float((large[key] / small[key]) ** (1 / decades))


def extrapolate(base: dict[str, Any], growth: dict[str, float], chunks: int) -> dict[str, Any]:
    decades = math.log10(chunks / base["chunks"])
    row = {"chunks": chunks, "extrapolated": True}
    for key, _, _ in COLUMNS:
        row[key] = base[key] * growth[key] ** decades
    return row


def table(rows: Sequence[dict[str, Any]], growth: dict[str, float] | None) -> str:
    head = ["chunks (articles)", *(name for _, name, _ in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        if row.get("extrapolated"):
            label = f"{row['chunks']:,} *extrapolated*"
        else:
            label = f"{row['chunks']:,} ({row['articles']:,})"
        cells = [fmt.format(row[key]) for key, _, fmt in COLUMNS]
        lines.append("| " + " | ".join([label, *cells]) + " |")
    if growth:
        cells = [f"×{growth[key]:.2f}" for key, _, _ in COLUMNS]
        lines.append("| **growth per 10×** | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdicts(rows: Sequence[dict[str, Any]], at: int = 1_000_000) -> list[str]:
    row = next((r for r in rows if r["chunks"] == at), None)
    if row is None:
        return []
    how = "extrapolated" if row.get("extrapolated") else "measured"
    names = {"ask_p95_ms": "ask p95", "add_one_s": "+1 article", "serve_rss_mb": "serving RSS"}
    units = {
        "ask_p95_ms": ("ms", "{:,.0f}"),
        "add_one_s": ("s", "{:.2f}"),
        "serve_rss_mb": ("MB", "{:,.0f}"),
    }
    return [
        f"- {names[k]} at {at:,} chunks ({how}): {units[k][1].format(row[k])} {units[k][0]}"
        f" vs target ≤ {v:,.0f} {units[k][0]} — " + ("met" if row[k] <= v else "**not met**")
        for k, v in TARGETS.items()
    ]


def measure(chunks: int, out: Path, dev: Sequence[dict[str, Any]]) -> dict[str, Any]:
    corpus = out / f"corpus-{chunks}.jsonl"
    data_dir = out / f"index-{chunks}"
    t = time.perf_counter()
    n = write_corpus(corpus, chunks, dev)
    print(
        f"{chunks:,} chunks: {n:,} articles written in {time.perf_counter() - t:.0f} s",
        file=sys.stderr,
        flush=True,
    )
    build = _subprocess("--build", str(data_dir), str(corpus))
    print(f"  built: {json.dumps(build)}", file=sys.stderr, flush=True)
    serve = _subprocess("--serve", str(data_dir))
    print(f"  served: {json.dumps(serve)}", file=sys.stderr, flush=True)
    row = {**build, **serve}
    row["chunks_per_s"] = row["chunks"] / row["build_s"]
    row["load_avg_1m"] = os.getloadavg()[0]  # the machine is shared: say how busy it was
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--chunks", default="10000,100000", help="sizes to measure, comma-separated"
    )
    parser.add_argument("--extrapolate", default="1000000,10000000", help="sizes to extrapolate to")
    parser.add_argument("--out", type=Path, default=Path("/tmp/scale"), help="scratch folder")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and indexes")
    parser.add_argument(
        "--from-rows", type=Path, help="print the table from a saved rows.json (no measuring)"
    )
    parser.add_argument("--build", nargs=2, metavar=("DATA_DIR", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--serve", metavar="DATA_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(run_build(Path(args.build[0]), Path(args.build[1]))))
        return
    if args.serve:
        print(json.dumps(run_serve(Path(args.serve))))
        return
    rows: list[dict[str, Any]] = []
    if args.from_rows:
        rows = json.loads(args.from_rows.read_text())
    else:
        if not DEV_ARTICLES.exists():
            raise SystemExit(f"dev data not found: {DEV_ARTICLES}")
        dev = _dev_records()
        sizes = sorted(int(s) for s in args.chunks.split(",") if s)
        try:
            for size in sizes:
                rows.append(measure(size, args.out, dev))
                # A row at a time: an interrupted run still leaves the sizes it finished.
                (args.out / "rows.json").write_text(json.dumps(rows, indent=1))
        finally:
            if not args.keep:
                for size in sizes:
                    shutil.rmtree(args.out / f"index-{size}", ignore_errors=True)
                    (args.out / f"corpus-{size}.jsonl").unlink(missing_ok=True)
    growth = None
    if len(rows) >= 2:
        growth = {key: growth_per_10x(rows[-2], rows[-1], key) for key, _, _ in COLUMNS}
        last = rows[-1]
        for size in sorted(int(s) for s in args.extrapolate.split(",") if s):
            if size > last["chunks"]:
                rows.append(extrapolate(last, growth, size))
    print(table(rows, growth))
    print()
    print("\n".join(verdicts(rows)))


if __name__ == "__main__":
    main()
