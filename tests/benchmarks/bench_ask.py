"""Warm `Assistant.ask` latency on the whole dev corpus: p50/p95 without and with filters.

    python -m tests.benchmarks.bench_ask [--questions 100] [--rounds 3] [--index DIR]
                                         [--profile FILE] [--cold]

Opens a copy of the whole-corpus index ``make eval`` builds (``--index``, default
/tmp/newsdesk-eval/full; built there first if missing), warms the assistant up (model
load, caches) and asks the first `--questions` answerable dev questions in three modes:
plain, with the question's date as ``as_of``, and with ``as_of`` plus an outlet filter.
The modes are interleaved question by question over `--rounds` rounds, so machine noise
hits them alike. Prints a Markdown table of p50/p95/mean in ms per mode, the p50 of the
process CPU time an ask used (on a loaded machine the wall figures mostly measure the
other jobs), and the share spent in retrieval (``Assistant.retrieve`` timed alone over
the same questions).

Retrieval, the answerer and the conflict notes keep what they read off a text (a chunk's
terms, a passage's sentences and embeddings, its figures) in bounded caches, so a passage
that comes back (the same question in the next mode, a related question) costs less.
``--cold`` empties those caches before every ask: the figures of an ask whose passages are
all new. (A chunk's word split is not among them: the index stores it with the chunk, and
an index written before it did gets it when first opened, here on the copy.)

``--profile FILE`` runs one round under cProfile instead and writes the stats to FILE
(``python -m pstats FILE`` to read; the top functions by cumulative time are printed).
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.common import load_dev_articles, load_dev_questions

DEFAULT_INDEX = Path("/tmp/newsdesk-eval/full")
OUTLETS = ("cnn.com",)  # the outlet of 40 % of the dev articles


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def modes() -> dict[str, Callable[[Any, dict[str, Any]], Any]]:
    return {
        "plain": lambda bot, q: bot.ask(q["question"]),
        "as_of": lambda bot, q: bot.ask(q["question"], as_of=q["question_date"]),
        "as_of + outlets": lambda bot, q: bot.ask(
            q["question"], as_of=q["question_date"], sources=list(OUTLETS)
        ),
    }


def clear_answer_caches(bot: Any) -> None:
    """Empty every cache kept by text (an ask whose passages are new): retrieval's chunk
    terms and duplicate keys, the answerer's passages and embeddings, the notes' figures."""
    from assistant.answer.textcache import clear_text_caches
    from assistant.news.conflicts import figures_of
    from assistant.news.entity_conflicts import roles_of
    from assistant.retrieval.candidates import text_key
    from assistant.retrieval.features import text_terms, text_words

    clear_text_caches()
    for cached in (figures_of, roles_of, text_key, text_terms, text_words):
        cached.cache_clear()
    vectors = getattr(bot.answerer, "_vectors", None)
    if vectors is not None:
        vectors.clear()


def open_copy(source: Path, workdir: Path) -> Any:
    """A NewsIndex on a private copy of `source` (built there first if missing)."""
    from index.pipeline import NewsIndex
    from index.settings import IndexSettings

    if not (source / "eval-built.json").exists():
        from tests.benchmarks.eval_assistant import open_index

        print(f"no index in {source}: building it (whole dev corpus, ~1-2 min) ...", flush=True)
        open_index(source, load_dev_articles()).close()
    target = workdir / "index"
    shutil.copytree(source, target)
    return NewsIndex.open(IndexSettings(data_dir=target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--cold", action="store_true", help="empty the text caches per ask")
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    logging.basicConfig(level=logging.WARNING)

    from assistant.core import Assistant
    from assistant.settings import AssistantSettings

    questions = [q for q in load_dev_questions() if q.get("answerable")][: args.questions]
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-ask-") as tmp:
        index = open_copy(args.index, Path(tmp))
        bot = Assistant(index=index, settings=AssistantSettings(index={"data_dir": index.data_dir}))
        for q in questions[:5]:  # warm-up: model load, BM25 load, first-use caches
            for run in modes().values():
                run(bot, q)

        if args.profile is not None:
            profiler = cProfile.Profile()
            profiler.enable()
            for q in questions:
                for run in modes().values():
                    run(bot, q)
            profiler.disable()
            profiler.dump_stats(args.profile)
            pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(40)
            index.close()
            return

        times: dict[str, list[float]] = {name: [] for name in modes()}
        cpu: dict[str, list[float]] = {name: [] for name in modes()}
        retrieve_ms: list[float] = []
        for _ in range(args.rounds):
            for q in questions:
                for name, run in modes().items():
                    if args.cold:
                        clear_answer_caches(bot)
                    t0, c0 = time.perf_counter(), time.process_time()
                    run(bot, q)
                    times[name].append(1000 * (time.perf_counter() - t0))
                    cpu[name].append(1000 * (time.process_time() - c0))
                t0 = time.perf_counter()
                bot.retrieve(
                    q["question"], k=bot.settings.retrieval.retrieval_k, as_of=q["question_date"]
                )
                retrieve_ms.append(1000 * (time.perf_counter() - t0))
        index.close()

    print(
        f"\n`Assistant.ask`, extractive, warm; {len(questions)} answerable dev questions x "
        f"{args.rounds} rounds, modes interleaved; whole dev corpus; {os.cpu_count()} CPUs"
        f"{'; text caches emptied before every ask' if args.cold else ''}.\n"
    )
    print("| mode | p50 ms | p95 ms | mean ms | CPU p50 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, values in times.items():
        print(
            f"| {name} | {statistics.median(values):.0f} | {percentile(values, 0.95):.0f} "
            f"| {statistics.mean(values):.0f} | {statistics.median(cpu[name]):.0f} |"
        )
    print(
        f"| (retrieval alone, as_of) | {statistics.median(retrieve_ms):.0f} "
        f"| {percentile(retrieve_ms, 0.95):.0f} | {statistics.mean(retrieve_ms):.0f} | |"
    )


if __name__ == "__main__":
    main()
