"""Shared helpers for benchmarks: the dev articles and questions, the answer normaliser.

The dev data lives in ``../shared/data/dev`` (see its README) and is read in place.
`normalize_answer` reproduces the questions' ``answer_norm`` field exactly (checked on
all 649 dev questions), and `answer_in` is the README's "occurs in" test.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.types import Answer
from index.models import Article
from index.text.terms import terms

REPO_ROOT = Path(__file__).resolve().parents[2]
DEV_DIR = REPO_ROOT.parent / "shared" / "data" / "dev"
DEV_ARTICLES = DEV_DIR / "articles.jsonl"
DEV_QUESTIONS = DEV_DIR / "questions.jsonl"

# Typographic quotes and dashes -> ASCII (4 single quotes, 4 double quotes, 7 dashes).
_QUOTES_DASHES = str.maketrans(
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    "'" * 4 + '"' * 4 + "-" * 7,
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# Currency signs and decimal points (between digits) survive: "$1.02 billion", "£7m".
_PUNCT = re.compile(r"[^\w\s.$£€¥]|_")
_NON_DECIMAL_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_SPACES = re.compile(r"\s+")
# The lead-ins answers carried before the answer-first shape ("As of …, CNN reported: ").
_LEAD_IN_RE = re.compile(
    r"(?:^|(?<=\] ))(?:As of [^,:]+(?:, [^:]+ reported)?|[^:\[\]]+ reported): "
)


def json_of_run(args: list[str], what: str) -> dict[str, Any]:
    """Run `python ARGS` in the repository; its last stdout line, a JSON object."""
    proc = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO_ROOT, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{what} subprocess failed ({proc.returncode}):\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def normalize_answer(text: str) -> str:
    """The dev data's answer normalisation (lower, accents, quotes, 1,000 -> 1000, % ...)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_QUOTES_DASHES)
    text = _THOUSANDS.sub("", text)
    text = text.replace("%", " percent ")
    text = _PUNCT.sub(" ", text)
    text = _NON_DECIMAL_DOT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def answer_in(answer_norm: str, text: str) -> bool:
    """Whether the normalised answer occurs, space-delimited, in the normalised text."""
    return f" {answer_norm} " in f" {normalize_answer(text)} "


def answer_nowhere(
    questions: Sequence[dict[str, Any]], articles: Sequence[Article]
) -> list[dict[str, Any]]:
    """The questions whose normalised answer occurs in no article (title or text): `answer_in`
    for many questions at once, each article normalised once."""
    texts = [f" {normalize_answer(a.title + chr(10) + a.text)} " for a in articles]
    return [q for q in questions if not any(f" {q['answer_norm']} " in t for t in texts)]


def has_own_evidence(question: dict[str, Any]) -> bool:
    """Whether the question's own search-result articles or quiz-linked article hold its answer.

    The dev set calls a question answerable when its normalised answer occurs in *any*
    article. For 124 of the 520 it occurs in none of the question's own articles, only in
    others, and those are mostly about something else ("10%" in an unrelated poll): a
    retriever finds them by coincidence, not by relevance.
    """
    return bool(question.get("answer_in_retrieved") or question.get("answer_in_gold"))


_ANSWER_FILLER = frozenset({"the", "a", "an", "of", "and", "in", "to", "for", "on", "at", "s"})


def answer_words_in(answer_norm: str, text: str) -> bool:
    """Looser than `answer_in`: every content word of the answer occurs in the text.

    Counts "Dallas, Texas" as found in "... The Dallas Independent School District ...
    Texas", which the strict measure misses; a diagnostic of the measure, not a target.
    """
    if answer_in(answer_norm, text):
        return True
    words = [w for w in answer_norm.split() if w not in _ANSWER_FILLER]
    padded = f" {normalize_answer(text)} "
    return bool(words) and all(f" {w} " in padded for w in words)


LOOSE_SHARE = 2 / 3


def answer_words_share(answer_norm: str, text: str) -> float:
    """Share of the answer's content words (stemmed) that occur in the text (0..1).

    "Activist Sacheen Littlefeather" is 2/3 in "Academy apologizes to Sacheen
    Littlefeather": the data's answer strings often carry words an article leaves out. With
    `LOOSE_SHARE` a diagnostic of the measure, not a target.
    """
    wanted = set(terms(answer_norm))
    if not wanted:
        return 1.0 if answer_in(answer_norm, text) else 0.0
    return len(wanted & set(terms(text))) / len(wanted)


def _records(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        raise FileNotFoundError(f"dev data not found: {path} (expected ../shared/data/dev)")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def article_from_record(record: dict[str, Any], path: str = "") -> Article:
    return Article(
        id=record["id"],
        title=record.get("title") or "",
        text=record.get("text") or "",
        url=record.get("url"),
        source=record.get("source"),
        authors=tuple(record.get("authors") or ()),
        published=record.get("published"),
        path=path,
    )


def load_dev_articles(limit: int | None = None) -> list[Article]:
    """The dev articles in file order (the first `limit` if given), ids kept as in the file."""
    articles: list[Article] = []
    for line_no, record in enumerate(_records(DEV_ARTICLES), start=1):
        if limit is not None and len(articles) >= limit:
            break
        articles.append(article_from_record(record, path=f"{DEV_ARTICLES}:{line_no}"))
    return articles


def load_dev_questions() -> list[dict[str, Any]]:
    """All dev questions as dicts (filter on ``q["answerable"]`` for the 520 answerable)."""
    return list(_records(DEV_QUESTIONS))


def answer_body(answer: Answer) -> str:
    """An answer's text without its attribution lead-ins ("As of …, CNN reported: ")."""
    return _LEAD_IN_RE.sub(" ", answer.text)
