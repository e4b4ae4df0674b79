"""The answers a reader sees, on the dev questions with fresh evidence (whole dev corpus).

    python -m tests.benchmarks.eval_answers [--limit N] [--weeks even|odd|all] [--show N]

The measures of ``../shared/data/README.md`` ("The questions that measure answers"):
a question has *fresh evidence* when an article published 0–7 days before its
``question_date`` holds the normalised answer (title or text); each is asked through
`Assistant.ask` with ``as_of = question_date`` against the index of the whole dev corpus.

- recall@5: the answer occurs in one of the five passages retrieved for it;
- answer-hit: it occurs anywhere in the answer (abstentions are misses);
- lead-hit: it occurs within the answer's first 30 words, citation markers removed;
- words: mean length of the answers given (markers removed);
- answered: share of these questions not abstained;
- out-of-corpus abstention: share abstained of the questions whose answer occurs in no
  article of the corpus (asked the same way); questions the data marks
  ``answer_uncheckable`` (small numbers, "All of the above") are not among them;
- citations verified: share of citations whose quote is exactly the cited article's text
  (or headline) at its offsets.

``--weeks even|odd`` keeps the questions of every other quiz week, so a rule written while
looking at one half can be checked on the other.

``--slice earliest|latest`` measures on a ~1,200-article slice instead, the size of the data
README's reference table: the articles of the earliest or the latest quiz weeks, as ``make
eval``'s abstention rows. The fresh questions are then those of the slice's weeks with fresh
evidence in it, and the out-of-corpus ones those of the other weeks whose own articles are
not in it and whose answer occurs in none of its articles: mostly stories the slice lacks,
where on the whole corpus they are answers phrased differently.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.matching import analyse_question
from assistant.core import Assistant
from assistant.settings import AssistantSettings
from assistant.types import Answer
from index.models import Article
from index.text.terms import terms
from tests.benchmarks.common import (
    LOOSE_SHARE,
    answer_in,
    answer_nowhere,
    answer_words_share,
    load_dev_articles,
    load_dev_questions,
)
from tests.benchmarks.eval_assistant import (
    HOLDOUT_FOLDS,
    holdout_slice,
    open_index,
    other_weeks,
    time_slice,
)

FRESH_DAYS = 7
LEAD_WORDS = 30
_MARKERS = re.compile(r"\s*\[\d+(?:[,\s\-–]+\d+)*\]")


def plain_text(answer: Answer) -> str:
    """What a reader reads: the answer without its citation markers and formatting marks."""
    return _MARKERS.sub("", answer.text).replace("**", "")


def lead(text: str, n: int = LEAD_WORDS) -> str:
    return " ".join(text.split()[:n])


def fresh_articles(q: dict[str, Any], by_day: dict[date, list[Article]]) -> list[Article]:
    """The articles published 0–7 days before the question that hold its answer."""
    asked = date.fromisoformat(q["question_date"])
    return [
        article
        for offset in range(FRESH_DAYS + 1)
        for article in by_day.get(asked - timedelta(days=offset), ())
        if answer_in(q["answer_norm"], f"{article.title}\n{article.text}")
    ]


def fresh_evidence(q: dict[str, Any], by_day: dict[date, list[Article]]) -> bool:
    return bool(fresh_articles(q, by_day))


ON_TOPIC_SHARE = 0.5


def on_topic(q: dict[str, Any], by_day: dict[date, list[Article]]) -> bool:
    """Whether a fresh article holding the answer also holds at least half of the question's
    content terms: the story itself, not the answer word turning up by coincidence ("10%"
    in that week's articles for "What percentage of Britons believe they could win a fight
    against a chimpanzee?", which no article reports)."""
    asked = set(analyse_question(q["question"]).terms)
    return any(
        len(asked & set(terms(f"{a.title}\n{a.text}"))) >= ON_TOPIC_SHARE * len(asked)
        for a in fresh_articles(q, by_day)
    )


def week_half(q: dict[str, Any], weeks: Sequence[str], which: str) -> bool:
    if which == "all":
        return True
    position = weeks.index(q["question_date"])
    return position % 2 == (0 if which == "even" else 1)


def citation_verified(answer: Answer, articles: dict[str, Article]) -> tuple[int, int]:
    ok = 0
    for c in answer.citations:
        article = articles.get(c.article_id)
        if article is None:
            continue
        source = article.title if getattr(c, "in_title", False) else article.text
        ok += source[c.start : c.end] == c.quote
    return ok, len(answer.citations)


def out_of_corpus(
    questions: Sequence[dict[str, Any]], articles: Sequence[Article]
) -> list[dict[str, Any]]:
    """Questions whose answer occurs in no article of `articles` (title or text).

    The data's "answerable" is false both for answers found in no article and for answers
    it could not check by string ("answer_uncheckable": a small number such as "12" that
    occurs everywhere, "All of the above"). Only the first kind is out of the corpus: "12
    years" is the right answer to the second kind, not a failure to abstain."""
    return answer_nowhere([q for q in questions if not q.get("answer_uncheckable")], articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsdesk-eval"))
    parser.add_argument("--limit", type=int, default=0, help="at most N questions of each kind")
    parser.add_argument("--weeks", choices=("all", "even", "odd"), default="all")
    parser.add_argument("--show", type=int, default=0, help="print N sample answers")
    parser.add_argument("--slice", choices=("earliest", "latest"), help="a ~1,200-article slice")
    parser.add_argument(
        "--holdout",
        type=int,
        choices=range(HOLDOUT_FOLDS),
        help="the corpus without every 4th week from this one (~2,900 articles); the "
        "out-of-corpus questions are the left-out weeks'",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        help="the support probability an extractive answer needs (default: the policy's own)",
    )
    args = parser.parse_args()

    corpus = load_dev_articles()
    by_id = {a.id: a for a in corpus}
    if args.slice and args.holdout is not None:
        parser.error("--slice and --holdout are different indexes: give one")
    if args.slice:
        articles, slice_weeks = time_slice(corpus, latest=args.slice == "latest")
    elif args.holdout is not None:
        articles, slice_weeks = holdout_slice(corpus, args.holdout)
    else:
        articles, slice_weeks = corpus, set()
    by_day: dict[date, list[Article]] = {}
    for a in articles:
        if a.published:
            by_day.setdefault(date.fromisoformat(a.published[:10]), []).append(a)
    questions = load_dev_questions()
    weeks = sorted({q["question_date"] for q in questions})
    questions = [q for q in questions if week_half(q, weeks, args.weeks)]
    fresh = [q for q in questions if q["answerable"] and fresh_evidence(q, by_day)]
    if slice_weeks:
        fresh = [q for q in fresh if q["week"] in slice_weeks]
        ooc = out_of_corpus(other_weeks(questions, articles, slice_weeks), articles)
        name = args.slice or f"holdout-{args.holdout}"
        where = f"the {name} weeks' slice ({len(articles)} articles)"
        root = args.cache / f"{name}-slice"
    else:
        # (the whole corpus: the data's own "answerable" flag says it, checked in full)
        ooc = [q for q in questions if not q["answerable"] and not q.get("answer_uncheckable")]
        where = f"whole dev corpus ({len(articles)} articles)"
        root = args.cache / "full"
    if args.limit:
        fresh, ooc = fresh[: args.limit], ooc[: args.limit]

    index = open_index(root, articles)
    bot = Assistant(index=index, settings=AssistantSettings(index={"data_dir": index.data_dir}))
    if args.threshold is not None:
        answerer = bot.answerer
        if not isinstance(answerer, ExtractiveAnswerer):
            parser.error("--threshold applies to the extractive answerer")
        answerer.policy = replace(answerer.policy, threshold=args.threshold)
    recall = hit = lead_hit = answered = 0
    loose_hit = loose_lead = 0  # >= 2/3 of the answer's content words: a diagnostic
    topical = [0, 0, 0]  # questions whose fresh evidence is the story itself: n, answered, lead
    # lead-hits and questions of the even and the odd quiz weeks (a rule written from one
    # half should hold on the other)
    halves = {0: [0, 0], 1: [0, 0]}
    lengths: list[int] = []
    verified = cited = 0
    latencies: list[float] = []
    samples: list[str] = []
    for q in fresh:
        as_of = q["question_date"]
        passages = bot.retrieve(q["question"], 5, as_of=as_of)
        recall += any(answer_in(q["answer_norm"], p.text) for p in passages)
        t0 = time.perf_counter()
        answer = bot.ask(q["question"], as_of=as_of)
        latencies.append(time.perf_counter() - t0)
        half = halves[weeks.index(q["question_date"]) % 2]
        half[1] += 1
        ok, n = citation_verified(answer, by_id)
        verified, cited = verified + ok, cited + n
        story = on_topic(q, by_day)
        topical[0] += story
        if answer.abstained:
            continue
        topical[1] += story
        answered += 1
        text = plain_text(answer)
        lengths.append(len(text.split()))
        hit += answer_in(q["answer_norm"], text)
        in_lead = answer_in(q["answer_norm"], lead(text))
        lead_hit += in_lead
        half[0] += in_lead
        topical[2] += story and in_lead
        loose_hit += answer_words_share(q["answer_norm"], text) >= LOOSE_SHARE
        loose_lead += answer_words_share(q["answer_norm"], lead(text)) >= LOOSE_SHARE
        if len(samples) < args.show:
            samples.append(f"Q: {q['question']}  [gold: {q['answer_text']}]\nA: {answer.text}\n")
    abstained = ooc_in_words = 0
    for q in ooc:
        answer = bot.ask(q["question"], as_of=q["question_date"])
        abstained += answer.abstained
        # An out-of-corpus question is one whose answer *string* occurs in no article; the
        # corpus may still answer it in other words ("after losing a bet").
        if not answer.abstained:
            share = answer_words_share(q["answer_norm"], plain_text(answer))
            ooc_in_words += share >= LOOSE_SHARE

    n = max(len(fresh), 1)
    print(
        f"### Answers on {len(fresh)} fresh-evidence dev questions ({args.weeks} weeks), "
        f"{where}, as_of = question date"
        + (f", support threshold {args.threshold}" if args.threshold is not None else "")
        + "\n"
    )
    print(
        "| recall@5 | answer-hit | lead-hit | words | answered | ooc abstain | cites verified "
        "| ask p50 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    words = statistics.mean(lengths) if lengths else 0.0
    print(
        f"| {recall / n:.3f} | {hit / n:.3f} | {lead_hit / n:.3f} | {words:.0f} | "
        f"{answered / n:.3f} | {abstained / max(len(ooc), 1):.3f} ({len(ooc)}) | "
        f"{verified / max(cited, 1):.3f} | {1000 * statistics.median(latencies or [0]):.0f} |"
    )
    even, odd = ((h / max(m, 1)) for h, m in (halves[0], halves[1]))
    print(
        f"\nlead-hit by quiz week: even {even:.3f} ({halves[0][1]}), "
        f"odd {odd:.3f} ({halves[1][1]})\n"
    )
    print(
        f"Diagnostics of the measure, not targets: with >= 2/3 of the answer's content words "
        f"(stemmed) counted as found, answer-hit {loose_hit / n:.3f}, lead-hit "
        f"{loose_lead / n:.3f}; of the {len(ooc) - abstained} out-of-corpus questions "
        f"answered, {ooc_in_words} answers carry >= 2/3 of the data's answer words. "
        f"Of the fresh questions, {topical[0]} have fresh evidence on topic (the article "
        f"holding the answer holds >= half of the question's terms): answered "
        f"{topical[1] / max(topical[0], 1):.3f}, lead-hit {topical[2] / max(topical[0], 1):.3f}; "
        f"the other {len(fresh) - topical[0]} hold the answer by coincidence: answered "
        f"{(answered - topical[1]) / max(len(fresh) - topical[0], 1):.3f}.\n"
    )
    for sample in samples:
        print(sample)


if __name__ == "__main__":
    main()
