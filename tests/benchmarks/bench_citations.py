"""How well `citations.verify` separates supported claims from wrong ones, on dev articles.

For every answerable dev question whose gold article has a sentence containing the
answer, a chunk-sized passage around that sentence is the cited source and four claims
cite it:

- verbatim: the supporting sentence itself (what the extractive answerer writes);
- condensed: that sentence with a third of its words removed (a model summarising);
- distractor: the condensed sentence with the answer replaced by one of the quiz's
  wrong choices (a plausible wrong fact);
- other article: a sentence from a different dev article (a wrong source number);
- question + answer: the quiz question restated with the right answer, worded like the
  question rather than the source ("Squid Game: wildly popular show ... new season"),
  and the same with a wrong choice: the claim a model writes when it picks wrong.

It prints the share of markers kept for the first two and dropped for the last two at
several `min_support` thresholds, next to no verification (every in-range marker kept).
Run: `python -m tests.benchmarks.bench_citations [--limit N]`.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.citations import DEFAULT_MIN_SUPPORT, verify
from assistant.types import Passage
from index.text.sentences import split_sentences
from tests.benchmarks.common import answer_in, load_dev_articles, load_dev_questions

THRESHOLDS = (0.3, 0.4, DEFAULT_MIN_SUPPORT, 0.6, 0.7)
WINDOW_CHARS = 1000
_QUOTES = "\"'“”‘’"
_WH = re.compile(r"^(?:which|what|who|whom|where|when|how many|how much|how)\b\s*", re.I)


@dataclass(frozen=True)
class Case:
    passage: Passage
    verbatim: str
    condensed: str
    distractor: str
    other: str
    question_right: str
    question_wrong: str


def _condense(sentence: str, rng: random.Random, keep: str) -> str:
    """Drop about a third of the words, never those of `keep`."""
    protected = set(keep.lower().split())
    words = sentence.split()
    kept = [w for w in words if w.lower().strip(_QUOTES + ".,") in protected or rng.random() > 0.33]
    return " ".join(kept)


def build_cases(limit: int | None, seed: int = 7) -> list[Case]:
    rng = random.Random(seed)
    articles = {a.id: a for a in load_dev_articles()}
    pool = list(articles.values())
    cases: list[Case] = []
    for q in load_dev_questions():
        if limit is not None and len(cases) >= limit:
            break
        if not q.get("answerable") or not q.get("gold_article_ids"):
            continue
        article = articles.get(q["gold_article_ids"][0])
        answer = q["answer_text"].strip(_QUOTES + " ")
        wrong = [
            c.strip(_QUOTES + " ") for i, c in enumerate(q["choices"]) if i != q["answer_index"]
        ]
        if article is None or not answer or not wrong:
            continue
        hit = next(
            (
                s
                for s in split_sentences(article.text)
                if answer_in(q["answer_norm"], s.text)
                and re.search(re.escape(answer), s.text, re.I)
            ),
            None,
        )
        if hit is None or len(hit.text.split()) < 6:
            continue
        start = max(0, hit.start - WINDOW_CHARS // 2)
        end = min(len(article.text), max(hit.end, start + WINDOW_CHARS))
        passage = Passage(
            text=article.text[start:end],
            article_id=article.id,
            title=article.title,
            source=article.source,
            url=article.url,
            published=article.published,
            score=1.0,
            start=start,
            end=end,
        )
        condensed = _condense(hit.text, rng, answer)
        distractor = re.sub(re.escape(answer), rng.choice(wrong), condensed, count=1, flags=re.I)
        other_article = rng.choice([a for a in pool if a.id != article.id and a.text])
        others = [s.text for s in split_sentences(other_article.text) if len(s.text.split()) >= 8]
        if distractor == condensed or not others:
            continue
        stem = _WH.sub("", q["question"].strip().rstrip("?"))
        cases.append(
            Case(
                passage,
                hit.text,
                condensed,
                distractor,
                rng.choice(others),
                f"{answer}: {stem}",
                f"{rng.choice(wrong)}: {stem}",
            )
        )
    return cases


def kept(claim: str, passages: Sequence[Passage], min_support: float) -> bool:
    return bool(verify(f"{claim.rstrip('.')} [1].", passages, min_support=min_support)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N questions")
    args = parser.parse_args()
    started = time.perf_counter()
    cases = build_cases(args.limit)
    built = time.perf_counter() - started
    print(f"{len(cases)} dev questions with a supporting sentence in the gold article\n")
    print(
        "| min_support | verbatim kept | condensed kept | question + answer kept "
        "| distractor dropped | other article dropped | question + wrong choice dropped |"
    )
    print("|---|---|---|---|---|---|---|")
    n = len(cases)
    print("| no verification | 1.00 | 1.00 | 1.00 | 0.00 | 0.00 | 0.00 |")
    timings: list[float] = []
    for threshold in THRESHOLDS:
        counts = [0] * 6
        t0 = time.perf_counter()
        for case in cases:
            ps = [case.passage]
            counts[0] += kept(case.verbatim, ps, threshold)
            counts[1] += kept(case.condensed, ps, threshold)
            counts[2] += kept(case.question_right, ps, threshold)
            counts[3] += not kept(case.distractor, ps, threshold)
            counts[4] += not kept(case.other, ps, threshold)
            counts[5] += not kept(case.question_wrong, ps, threshold)
        timings.append((time.perf_counter() - t0) / max(6 * n, 1))
        mark = " (default)" if threshold == DEFAULT_MIN_SUPPORT else ""
        print(
            f"| {threshold:.2f}{mark} | "
            + " | ".join(f"{c / max(n, 1):.2f}" for c in counts)
            + " |"
        )
    print(
        f"\nverify: {1000 * sum(timings) / len(timings):.2f} ms per one-marker claim "
        f"(mean over thresholds); case building {built:.1f} s"
    )


if __name__ == "__main__":
    main()
