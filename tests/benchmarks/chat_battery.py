"""Questions a user types, asked over the whole dev corpus: answers to read, not a score.

    python -m tests.benchmarks.chat_battery [--file FILE] [--chars N] > answers.txt

Each line of the battery (`chat_battery.txt` beside this file) is ``question|as_of`` (the
date optional). The answers are printed one block per question, cut to ``--chars``, so two
versions' outputs can be compared with ``diff``. These are not quiz questions: they are
the chat phrasings that found defects the dev measures do not count (a physics laureate
for "Who won the Nobel Peace Prize?", "US Capitol" for who was arrested), kept here so
each later change can be read against them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.core import Assistant
from assistant.settings import AssistantSettings
from tests.benchmarks.common import load_dev_articles
from tests.benchmarks.eval_assistant import open_index

BATTERY = Path(__file__).with_name("chat_battery.txt")


def read_battery(path: Path) -> list[tuple[str, str | None]]:
    """(question, as_of or None) of each non-empty line that is no comment."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        question, _, as_of = line.partition("|")
        rows.append((question.strip(), as_of.strip() or None))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=BATTERY)
    parser.add_argument("--chars", type=int, default=400)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsdesk-eval"))
    args = parser.parse_args()
    index = open_index(args.cache / "full", load_dev_articles())
    bot = Assistant(index=index, settings=AssistantSettings(index={"data_dir": index.data_dir}))
    for question, as_of in read_battery(args.file):
        answer = bot.ask(question, as_of=as_of)
        text = " ".join(answer.text.split())
        print(f"Q: {question} (as of {as_of or 'today'})")
        print(f"   {text[: args.chars]}\n", flush=True)


if __name__ == "__main__":
    main()
