"""Load check of the web chat: concurrent `gradio_client` users asking dev questions.

    python -m tests.benchmarks.bench_load [--users 20] [--seconds 60] [--articles 300]

Builds an index of a slice of the dev articles (the gold articles of the first
answerable dev questions, a few hundred) in a temporary folder, serves the web app on
a free loopback port, and has each simulated user ask dev questions through the `/ask`
endpoint (with the question's own date as "as of") in a loop. A single user is
measured first, in the same run, as the baseline. Prints a Markdown table:
throughput, p50/p95 latency, errors.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.benchmarks.common import DEV_ARTICLES, article_from_record, load_dev_questions

logger = logging.getLogger(__name__)


@dataclass
class Run:
    users: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    abstained: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, latency: float, answer: dict[str, Any] | None, error: str | None) -> None:
        with self.lock:
            if error is not None:
                self.errors.append(error)
                return
            self.latencies.append(latency)
            if answer and answer.get("abstained"):
                self.abstained += 1

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def pick_slice(n_articles: int) -> tuple[list[Any], list[dict[str, Any]]]:
    """Gold articles of answerable questions, in question order, up to `n_articles`."""
    questions = [q for q in load_dev_questions() if q.get("answerable")]
    wanted: list[str] = []
    chosen: list[dict[str, Any]] = []
    for q in questions:
        if not q.get("gold_article_ids"):
            continue
        gold = [a for a in q["gold_article_ids"] if a not in wanted]
        if len(wanted) + len(gold) > n_articles:
            break
        wanted.extend(gold)
        chosen.append(q)
    ids = set(wanted)
    articles = []
    with DEV_ARTICLES.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if record["id"] in ids:
                articles.append(article_from_record(record, path=f"{DEV_ARTICLES}:{line_no}"))
    return articles, chosen


def run_users(url: str, questions: list[dict[str, Any]], users: int, seconds: float) -> Run:
    from gradio_client import Client

    run = Run(users=users)
    clients = [
        Client(url, verbose=False, analytics_enabled=False, download_files=False)
        for _ in range(users)
    ]
    stop = time.monotonic() + seconds
    start_gate = threading.Barrier(users + 1)

    def user(number: int) -> None:
        client = clients[number]
        i = number * 7  # users start at different questions
        start_gate.wait()
        while time.monotonic() < stop:
            q = questions[i % len(questions)]
            i += 1
            began = time.perf_counter()
            try:
                answer = client.predict(
                    q["question"], None, None, None, q.get("question_date"), api_name="/ask"
                )
                run.record(time.perf_counter() - began, answer, None)
            except Exception as exc:  # an error is a result here, not a crash
                run.record(time.perf_counter() - began, None, f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - began
    for client in clients:
        client.close()
    return run


def table(rows: list[Run], baseline: Run) -> str:
    lines = [
        "| users | duration s | answers | throughput /s | vs 1 user | p50 s | p95 s | max s "
        "| abstained | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in rows:
        ratio = run.throughput / baseline.throughput if baseline.throughput else float("nan")
        lines.append(
            f"| {run.users} | {run.seconds:.1f} | {len(run.latencies)} | {run.throughput:.2f} "
            f"| {ratio:.2f}x | {run.pct(0.5):.2f} | {run.pct(0.95):.2f} "
            f"| {max(run.latencies, default=float('nan')):.2f} | {run.abstained} "
            f"| {len(run.errors)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline-seconds", type=float, default=15.0)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=None, help="answer workers")
    args = parser.parse_args()

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    logging.basicConfig(level=logging.WARNING)

    from assistant.core import Assistant
    from assistant.settings import AssistantSettings
    from index.pipeline import NewsIndex
    from tests.ui.live import serving
    from ui.app import build_app
    from ui.settings import UiSettings

    articles, questions = pick_slice(args.articles)
    with tempfile.TemporaryDirectory(prefix="newsdesk-load-") as tmp:
        settings = AssistantSettings(data_dir=Path(tmp) / "index")
        index = NewsIndex.open(settings)
        began = time.perf_counter()
        report = index.add_articles(articles)
        build_s = time.perf_counter() - began
        assistant = Assistant(index=index, settings=settings)
        ui_settings = UiSettings(
            **({"chat_concurrency": args.concurrency} if args.concurrency else {})
        )
        app = build_app(assistant, index, ui_settings)
        with serving(app, ui_settings) as url:
            assistant.ask(questions[0]["question"])  # warm-up (model load, caches)
            baseline = run_users(url, questions, 1, args.baseline_seconds)
            loaded = run_users(url, questions, args.users, args.seconds)
        index.close()

    print(
        f"\nIndex: {report.added} dev articles ({report.chunks_embedded} chunks) built in "
        f"{build_s:.1f} s; {len(questions)} answerable dev questions asked round-robin via "
        f"/ask with as_of = question date; answer workers = {ui_settings.chat_concurrency}; "
        f"{os.cpu_count()} CPUs.\n"
    )
    print(table([baseline, loaded], baseline))
    errors = baseline.errors + loaded.errors
    if errors:
        print("\nErrors (first 5):")
        for error in errors[:5]:
            print(f"- {error}")


if __name__ == "__main__":
    main()
