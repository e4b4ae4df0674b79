"""Question latency while the web app indexes an upload (issue 11, item 9).

Indexes the first `--articles` dev articles, then uploads the next ones as one .jsonl of
about `--upload-mb` MB through the app's upload handler on a thread, asking dev questions
through the `/ask` handler the whole time. Prints the question latency alone and during
the upload (median / max) and how long the upload took. Questions must not wait for it.

    .venv/bin/python -m tests.benchmarks.bench_upload [--articles 300] [--upload-mb 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from tests.benchmarks.common import DEV_ARTICLES, DEV_QUESTIONS


def _lines(count: int, skip: int = 0) -> list[str]:
    out: list[str] = []
    with DEV_ARTICLES.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= skip + count:
                break
            if n >= skip:
                out.append(line)
    return out


def _upload_lines(skip: int, megabytes: float) -> list[str]:
    out: list[str] = []
    size = 0
    with DEV_ARTICLES.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n < skip:
                continue
            out.append(line)
            size += len(line.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
    return out


def _questions(limit: int) -> list[str]:
    with DEV_QUESTIONS.open(encoding="utf-8") as handle:
        return [json.loads(line)["question"] for _, line in zip(range(limit), handle, strict=False)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--upload-mb", type=float, default=5.0)
    args = parser.parse_args()

    from assistant.core import Assistant
    from assistant.settings import AssistantSettings
    from index.pipeline import NewsIndex
    from ui import handlers
    from ui.settings import UiSettings

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = root / "base.jsonl"
        base.write_text("".join(_lines(args.articles)), encoding="utf-8")
        upload = root / "upload.jsonl"
        upload.write_text("".join(_upload_lines(args.articles, args.upload_mb)), encoding="utf-8")
        size_mb = upload.stat().st_size / 1e6
        settings = AssistantSettings(index={"data_dir": root / "data"})
        index = NewsIndex.open(settings.index)
        index.update([base])
        services = handlers.Services(
            assistant=Assistant(index=index, settings=settings),
            index=index,
            settings=UiSettings(max_upload_bytes=int(args.upload_mb * 2e6)),
        )
        questions = _questions(200)

        def ask(q: str) -> float:
            started = time.perf_counter()
            handlers.ask(services, q)
            return time.perf_counter() - started

        for q in questions[:5]:  # warm-up: model, caches
            ask(q)
        alone = [ask(q) for q in questions[5:45]]

        done = threading.Event()
        upload_seconds: list[float] = []

        def run_upload() -> None:
            started = time.perf_counter()
            handlers.upload_files(services, [str(upload)])
            upload_seconds.append(time.perf_counter() - started)
            done.set()

        thread = threading.Thread(target=run_upload)
        thread.start()
        during: list[float] = []
        i = 45
        while not done.is_set():
            during.append(ask(questions[i % len(questions)]))
            i += 1
        thread.join()
        index.close()

    print(f"index: {args.articles} articles; upload: {size_mb:.1f} MB .jsonl")
    print(f"upload indexed in {upload_seconds[0]:.1f} s")
    for name, values in (("alone", alone), ("during upload", during)):
        print(
            f"question {name}: n={len(values)} median {statistics.median(values):.2f} s, "
            f"max {max(values):.2f} s"
        )


if __name__ == "__main__":
    main()
