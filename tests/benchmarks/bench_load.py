"""Load check of the web chat: concurrent `gradio_client` users asking dev questions.

    python -m tests.benchmarks.bench_load [--users 20] [--seconds 60] [--articles 300]
                                          [--index DIR] [--concurrency N] [--env K=V ...]

Serves the web app with ``newsdesk serve`` in its own process (so the server's memory
and CPU are its own, as in production) on an index of a slice of the dev articles (the
gold articles of the first answerable dev questions, `--articles` of them, built in a
temporary folder) or on a copy of a prepared index (``--index``, e.g. the whole-corpus
one ``make eval`` builds in /tmp/newsdesk-eval/full). Each simulated user asks dev
questions through the `/ask` endpoint (with the question's own date as "as of") in a
loop. A single user is measured first, in the same run, as the baseline. Prints a
Markdown table (throughput, p50/p95 latency, errors, CPU time of the server and of this
client process per answer) and the server's memory (its process and its answer
workers: resident memory (RSS) summed, and PSS, which counts the pages they share once)
at start, after the single-user warm-up, every tenth of the loaded run and at its end,
with the growth over the loaded run's second half.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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
    client_cpu: float = 0.0  # CPU seconds of this (client) process over the run
    server_cpu: float = 0.0  # CPU seconds of the server's processes over the run
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


def tree(pid: int) -> list[Any]:
    """The server process and its children (answer workers), as psutil processes."""
    import psutil

    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident memory (RSS) and proportional set size (PSS: shared pages divided among
    the processes sharing them) of the server's process tree in MB, summed (Linux)."""
    import psutil

    rss = pss = 0.0
    for process in tree(pid):
        try:
            info = process.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        rss += info.rss / 2**20
        pss += info.pss / 2**20
    return rss, pss


def process_lines(pid: int) -> list[str]:
    """Each process of the server's tree at the end of the loaded run: RSS, PSS, USS."""
    import psutil

    lines = [
        "| server process at the loaded run's end | RSS MB | PSS MB | USS MB |",
        "|---|---:|---:|---:|",
    ]
    for process in tree(pid):
        try:
            info = process.memory_full_info()
            command = " ".join(process.cmdline())
        except psutil.NoSuchProcess:
            continue
        name = "answer worker" if "assistant.answer.processes" in command else "newsdesk serve"
        lines.append(
            f"| {name} ({process.pid}) | {info.rss / 2**20:.0f} | {info.pss / 2**20:.0f} "
            f"| {info.uss / 2**20:.0f} |"
        )
    return lines


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the server's process tree has used so far."""
    import psutil

    total = 0.0
    for process in tree(pid):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


class RssSampler(threading.Thread):
    """Samples the server tree's memory once a second: (seconds since start, RSS, PSS)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[tuple[float, float, float]] = []
        self._stop = threading.Event()
        self._began = time.monotonic()

    def run(self) -> None:
        while not self._stop.wait(1.0):
            try:
                self.samples.append((time.monotonic() - self._began, *memory_mb(self.pid)))
            except (OSError, ImportError):
                return

    def now(self) -> float:
        return time.monotonic() - self._began

    def stop(self) -> None:
        self._stop.set()


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


class Server:
    """`newsdesk serve` on a free loopback port, in its own process."""

    def __init__(self, data_dir: Path, concurrency: int | None, env: dict[str, str]) -> None:
        from tests.ui.live import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        environ = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", ANONYMIZED_TELEMETRY="False")
        if concurrency:
            environ["NEWSDESK_CHAT_CONCURRENCY"] = str(concurrency)
        environ.update(env)
        newsdesk = Path(sys.executable).with_name("newsdesk")
        command = [str(newsdesk), "serve", "--data-dir", str(data_dir), "--port", str(self.port)]
        self.process = subprocess.Popen(command, env=environ, start_new_session=True)

    def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + "config", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"server not ready after {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run_users(
    url: str, questions: list[dict[str, Any]], users: int, seconds: float, at_least: int = 0
) -> Run:
    """`users` clients asking in a loop for `seconds` (each asks at least `at_least`)."""
    from gradio_client import Client

    run = Run(users=users)
    # ssl_verify=False on plain http to loopback: gradio_client opens a new httpx client per
    # request, and each one otherwise loads the CA bundle (~40 % of the client's CPU time,
    # taken from the 2 cores the server shares with it).
    plain_http = url.startswith("http://")
    clients = [
        Client(
            url,
            verbose=False,
            analytics_enabled=False,
            download_files=False,
            ssl_verify=not plain_http,
        )
        for _ in range(users)
    ]
    stop = time.monotonic() + seconds
    start_gate = threading.Barrier(users + 1)

    def user(number: int) -> None:
        client = clients[number]
        # Users start spread over the questions, so no two ask the same one at about the
        # same time (at 7 apart, as before, most questions were asked by several users
        # within seconds, each after the first with warm caches).
        i = number * len(questions) // users
        start_gate.wait()
        asked = 0
        while time.monotonic() < stop or asked < at_least:
            asked += 1
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
    began, cpu_began = time.monotonic(), time.process_time()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - began
    run.client_cpu = time.process_time() - cpu_began
    for client in clients:
        client.close()
    return run


def _per_answer(cpu: float, run: Run) -> str:
    return f"{1000 * cpu / len(run.latencies):.0f}" if run.latencies else "–"


def table(rows: list[Run], baseline: Run) -> str:
    lines = [
        "| users | duration s | answers | throughput /s | vs 1 user | p50 s | p95 s | max s "
        "| abstained | errors | server CPU ms/answer | client CPU ms/answer |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in rows:
        ratio = run.throughput / baseline.throughput if baseline.throughput else float("nan")
        lines.append(
            f"| {run.users} | {run.seconds:.1f} | {len(run.latencies)} | {run.throughput:.2f} "
            f"| {ratio:.2f}x | {run.pct(0.5):.2f} | {run.pct(0.95):.2f} "
            f"| {max(run.latencies, default=float('nan')):.2f} | {run.abstained} "
            f"| {len(run.errors)} | {_per_answer(run.server_cpu, run)} "
            f"| {_per_answer(run.client_cpu, run)} |"
        )
    return "\n".join(lines)


def memory_lines(sampler: RssSampler, marks: dict[str, float]) -> list[str]:
    """RSS at the marks, every tenth of the loaded run, and its growth in the second half."""
    samples = sampler.samples

    def at(t: float) -> tuple[float, float]:
        before = [(rss, pss) for when, rss, pss in samples if when <= t]
        return before[-1] if before else (float("nan"), float("nan"))

    lines = ["| moment | server RSS MB | server PSS MB |", "|---|---:|---:|"]
    began, ended = marks["loaded run starts"], marks["loaded run ends"]
    moments = dict(marks)
    for tenth in range(1, 10):
        moments[f"loaded run {tenth * 10} %"] = began + (ended - began) * tenth / 10
    for name, t in sorted(moments.items(), key=lambda item: item[1]):
        rss, pss = at(t)
        lines.append(f"| {name} ({t:.0f} s) | {rss:.0f} | {pss:.0f} |")
    half = began + (ended - began) / 2
    second = [s for s in samples if half <= s[0] <= ended]
    if len(second) >= 2:
        minutes = (second[-1][0] - second[0][0]) / 60
        rss_growth = (second[-1][1] - second[0][1]) / minutes
        pss_growth = (second[-1][2] - second[0][2]) / minutes
        lines.append(
            f"| growth over the loaded run's second half | {rss_growth:+.1f} MB/min "
            f"| {pss_growth:+.1f} MB/min |"
        )
    settled = [s for s in samples if began + (ended - began) / 10 <= s[0] <= ended]
    if settled:  # after the first tenth of the loaded run (pools and caches filled)
        rss_values, pss_values = [s[1] for s in settled], [s[2] for s in settled]
        lines.append(
            f"| range after the loaded run's first 10 % | {min(rss_values):.0f}–"
            f"{max(rss_values):.0f} | {min(pss_values):.0f}–{max(pss_values):.0f} |"
        )
    until_end = [s for s in samples if s[0] <= ended]
    peak_rss = max((s[1] for s in until_end), default=float("nan"))
    peak_pss = max((s[2] for s in until_end), default=float("nan"))
    lines.append(f"| peak | {peak_rss:.0f} | {peak_pss:.0f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline-seconds", type=float, default=15.0)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--index", type=Path, default=None, help="serve a copy of this index")
    parser.add_argument("--concurrency", type=int, default=None, help="answer workers")
    parser.add_argument(
        "--env", action="append", default=[], help="KEY=VALUE for the server process"
    )
    args = parser.parse_args()

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    logging.basicConfig(level=logging.WARNING)
    env = dict(item.split("=", 1) for item in args.env)

    from index.pipeline import NewsIndex
    from index.settings import IndexSettings

    with tempfile.TemporaryDirectory(prefix="newsdesk-load-") as tmp:
        data_dir = Path(tmp) / "index"
        if args.index is not None:
            shutil.copytree(args.index, data_dir)
            questions = [q for q in load_dev_questions() if q.get("answerable")]
            with NewsIndex.open(IndexSettings(data_dir=data_dir)) as index:
                status = index.status()
            what = f"a copy of {args.index} ({status.articles} articles, {status.chunks} chunks)"
        else:
            articles, questions = pick_slice(args.articles)
            with NewsIndex.open(IndexSettings(data_dir=data_dir)) as index:
                began = time.perf_counter()
                report = index.add_articles(articles)
                what = (
                    f"{report.added} dev articles ({report.chunks_embedded} chunks, built in "
                    f"{time.perf_counter() - began:.1f} s)"
                )
        server = Server(data_dir, args.concurrency, env)
        sampler = RssSampler(server.process.pid)
        marks: dict[str, float] = {}
        try:
            server.wait_ready()
            sampler.start()
            time.sleep(1.5)
            marks["server ready"] = sampler.now()
            run_users(server.url, questions[-5:], 1, 0.0, at_least=5)  # warm-up: first use
            marks["after warm-up (5 questions)"] = sampler.now()
            pid = server.process.pid
            cpu = cpu_seconds(pid)
            baseline = run_users(server.url, questions, 1, args.baseline_seconds)
            baseline.server_cpu, cpu = cpu_seconds(pid) - cpu, cpu_seconds(pid)
            marks["loaded run starts"] = sampler.now()
            loaded = run_users(server.url, questions, args.users, args.seconds)
            loaded.server_cpu = cpu_seconds(pid) - cpu
            marks["loaded run ends"] = sampler.now()
            processes = process_lines(pid)
            time.sleep(1.5)
        finally:
            sampler.stop()
            server.stop()

    settings = ", ".join(f"{k}={v}" for k, v in env.items()) or "defaults"
    print(
        f"\nIndex: {what}; {len(questions)} answerable dev questions asked round-robin via "
        f"/ask with as_of = question date; answer workers = "
        f"{args.concurrency or 'default'}; server env: {settings}; {os.cpu_count()} CPUs.\n"
    )
    print(table([baseline, loaded], baseline))
    print()
    print("\n".join(memory_lines(sampler, marks)))
    print()
    print("\n".join(processes))
    errors = baseline.errors + loaded.errors
    if errors:
        print("\nErrors (first 5):")
        for error in errors[:5]:
            print(f"- {error}")


if __name__ == "__main__":
    main()
