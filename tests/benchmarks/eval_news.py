"""News-aware measurements on the dev data: near-duplicate groups and time-aware BM25.

Run: ``python -m tests.benchmarks.eval_news [--pairs 30] [--seed 7] [--skip-dups]
[--skip-time]``. Prints Markdown tables.

1. Duplicates: every dev article goes through `index.duplicates.DuplicateFinder`
   (oldest published first, as ingest should feed it); reports groups, grouped
   articles and time, then prints a random sample of grouped pairs (for a manual
   precision check) and of "near misses" (pairs an LSH at 0.5 finds but the finder
   does not group) with an independent exact 5-shingle Jaccard/containment over the
   raw text.
2. Time: BM25 (bm25s) over the 256/32-token chunks of the whole corpus, the 520
   answerable questions, answer-recall@k, for: no date information; the hard filter
   published <= question_date; that filter plus a recency prior (grid of half-lives
   and strengths); the question's own time words (`assistant.timeparse`) as filter,
   cleaned query and recency preference.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from assistant.recency import boost, recency_weight
from assistant.timeparse import resolve_time
from index.chunking import chunk_article, indexed_text
from index.duplicates import DuplicateFinder, signature
from index.models import Article
from tests.benchmarks.common import answer_in, load_dev_articles, load_dev_questions

KS = (1, 3, 5, 10)
_WORD = re.compile(r"\w+")


# --- duplicates ------------------------------------------------------------------------


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def _exact_similarity(a: str, b: str) -> tuple[float, float]:
    """Jaccard and containment (of the smaller in the larger) of raw-text 5-shingles."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0, 0.0
    inter = len(sa & sb)
    return inter / len(sa | sb), inter / min(len(sa), len(sb))


def _pair_row(a: Article, b: Article, estimate: float) -> str:
    jac, cont = _exact_similarity(a.text, b.text)
    return (
        f"| {a.source} {a.published} — {a.title[:60]} | {b.source} {b.published} — "
        f"{b.title[:60]} | {estimate:.2f} | {jac:.2f} | {cont:.2f} |"
    )


def eval_duplicates(articles: list[Article], n_pairs: int, seed: int) -> None:
    ordered = sorted(articles, key=lambda a: (a.published or "9999", a.id))
    by_id = {a.id: a for a in ordered}
    # CPU time as well as wall time: the machine is shared, wall time varies with load.
    start, cpu_start = time.perf_counter(), time.process_time()
    sigs = [signature(a.text) for a in ordered]
    sig_cpu = time.process_time() - cpu_start
    finder = DuplicateFinder()
    for article, sig in zip(ordered, sigs, strict=True):
        finder.add(article.id, article.text, sig=sig)
    total_cpu = time.process_time() - cpu_start
    total_s = time.perf_counter() - start
    groups = finder.groups()
    grouped = sum(len(m) for m in groups.values())
    cross_outlet = sum(len({by_id[i].source for i in m}) > 1 for m in groups.values())

    print("## Near-duplicate groups (dev corpus)\n")
    print(
        "| articles | groups (≥2) | articles in groups | cross-outlet groups "
        "| sketch CPU s | total CPU s | total wall s |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {len(ordered)} | {len(groups)} | {grouped} | {cross_outlet} | {sig_cpu:.1f} "
        f"| {total_cpu:.1f} | {total_s:.1f} |\n"
    )

    sketch = {a.id: s.minhash for a, s in zip(ordered, sigs, strict=True)}

    def estimate(x: str, y: str) -> float:
        mx, my = sketch[x], sketch[y]
        return mx.jaccard(my) if mx is not None and my is not None else 1.0

    pairs = [(g, m) for g, members in groups.items() for m in members[1:]]
    rng = random.Random(seed)
    sample = rng.sample(pairs, min(n_pairs, len(pairs)))
    print(f"### Grouped pairs: {len(sample)} of {len(pairs)} (seed {seed})\n")
    print("| canonical | copy | est. Jaccard | exact Jaccard | containment |")
    print("|---|---|---|---|---|")
    for g, m in sample:
        print(_pair_row(by_id[g], by_id[m], estimate(g, m)))

    # Near misses: what a looser LSH would add, to show what the threshold leaves out.
    from datasketch import MinHashLSH

    loose = MinHashLSH(threshold=0.5, num_perm=finder.num_perm)
    misses: list[tuple[str, str, float]] = []
    for article in ordered:
        mh = sketch[article.id]
        if mh is None:
            continue
        for other in loose.query(mh):
            other_mh = sketch[other]
            assert other_mh is not None
            score = mh.jaccard(other_mh)
            if score >= 0.5 and finder.group_of(other) != finder.group_of(article.id):
                misses.append((other, article.id, score))
        loose.insert(article.id, mh)
    miss_sample = rng.sample(misses, min(n_pairs, len(misses)))
    print(f"\n### Near misses (est. Jaccard 0.5–threshold, not grouped): {len(misses)}\n")
    print("| earlier | later | est. Jaccard | exact Jaccard | containment |")
    print("|---|---|---|---|---|")
    for x, y, score in sorted(miss_sample, key=lambda t: -t[2]):
        print(_pair_row(by_id[x], by_id[y], score))
    print()


# --- time-aware BM25 -------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    titles: list[str]
    published: list[str | None]
    days: np.ndarray  # publication day ordinal per chunk (0 = unknown)


def build_corpus(articles: list[Article]) -> Corpus:
    texts: list[str] = []
    titles: list[str] = []
    published: list[str | None] = []
    for article in articles:
        for chunk in chunk_article(article, max_tokens=256, overlap=32):
            texts.append(chunk.text)
            titles.append(article.title)
            published.append(article.published)
    days = np.array(
        [date.fromisoformat(p[:10]).toordinal() if p else 0 for p in published], dtype=np.int64
    )
    return Corpus(texts, titles, published, days)


def _tokenize(text: str) -> list[str]:
    import bm25s

    tokens = bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)
    return list(tokens[0]) if tokens else []


def _scores(retriever: Any, query: str) -> np.ndarray:
    tokens = _tokenize(query)
    if not any(t in retriever.vocab_dict for t in tokens):
        return np.zeros(retriever.scores["num_docs"], dtype=np.float32)
    return np.asarray(retriever.get_scores(tokens), dtype=np.float64)


def _weights(corpus: Corpus, as_of: date, half_life: float) -> np.ndarray:
    """`assistant.recency.recency_weight` for every chunk at once."""
    age = as_of.toordinal() - corpus.days
    weights = np.power(0.5, np.maximum(age, 0) / half_life)
    weights[age < 0] = 0.0
    weights[corpus.days == 0] = 0.5
    return weights


def _check_weights(corpus: Corpus) -> None:
    """The vectorised weights must be the library's (so the numbers measure it)."""
    as_of = date(2022, 9, 1)
    weights = _weights(corpus, as_of, 30.0)
    for i in range(0, len(corpus.texts), max(1, len(corpus.texts) // 50)):
        expected = boost(1.0, recency_weight(corpus.published[i], as_of, 30.0), 0.3)
        assert abs(expected - (0.7 + 0.3 * weights[i])) < 1e-9, i


def run_condition(
    name: str,
    questions: Sequence[dict[str, Any]],
    retriever: Any,
    corpus: Corpus,
    *,
    cutoff: bool = False,
    half_life: float | None = None,
    strength: float = 0.0,
    use_timeparse: bool = False,
    recent_half_life: float = 14.0,
    recent_strength: float = 0.5,
) -> dict[int, float]:
    hits = dict.fromkeys(KS, 0)
    for q in questions:
        as_of = date.fromisoformat(q["question_date"])
        query = q["question"]
        mask = np.ones(len(corpus.texts), dtype=bool)
        factor = np.ones(len(corpus.texts))
        if use_timeparse:
            intent = resolve_time(query, as_of)
            query = intent.cleaned_question or query
            if intent.since is not None:
                mask &= corpus.days >= intent.since.toordinal()
            if intent.until is not None and intent.until < as_of:
                mask &= corpus.days <= intent.until.toordinal()
            if intent.prefer_recent:
                w = _weights(corpus, as_of, recent_half_life)
                factor *= (1 - recent_strength) + recent_strength * w
        if cutoff:
            mask &= (corpus.days <= as_of.toordinal()) | (corpus.days == 0)
        if half_life is not None and strength > 0:
            factor *= (1 - strength) + strength * _weights(corpus, as_of, half_life)
        scores = _scores(retriever, query) * factor
        scores[~mask] = -1.0
        ranked = np.argsort(-scores, kind="stable")[: max(KS)]
        top = [int(i) for i in ranked if scores[i] > 0]
        first = next(
            (r for r, i in enumerate(top) if answer_in(q["answer_norm"], corpus.texts[i])), None
        )
        for k in KS:
            hits[k] += first is not None and first < k
    return {k: hits[k] / len(questions) for k in KS}


def eval_time(articles: list[Article]) -> None:
    import bm25s

    start = time.perf_counter()
    corpus = build_corpus(articles)
    chunk_s = time.perf_counter() - start
    # Chunks are indexed as the index does it: title line + chunk text.
    tokens = bm25s.tokenize(
        [indexed_text(t, x) for t, x in zip(corpus.titles, corpus.texts, strict=True)],
        stopwords="en",
        show_progress=False,
    )
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    build_s = time.perf_counter() - start
    _check_weights(corpus)
    questions = [q for q in load_dev_questions() if q["answerable"]]
    with_words = sum(
        1
        for q in questions
        if (i := resolve_time(q["question"], date.fromisoformat(q["question_date"]))).since
        or i.prefer_recent
        or (i.until and i.until < date.fromisoformat(q["question_date"]))
    )
    print("## Time-aware BM25 (dev corpus, answerable questions)\n")
    print(
        f"{len(corpus.texts)} chunks from {len(articles)} articles (chunking {chunk_s:.0f} s, "
        f"BM25 built at {build_s:.0f} s); {len(questions)} questions, {with_words} with time "
        "words that timeparse resolves.\n"
    )
    print("| condition | @1 | @3 | @5 | @10 | Δ@5 vs BM25 |")
    print("|---|---|---|---|---|---|")
    conditions: list[tuple[str, dict[str, Any]]] = [
        ("BM25, no dates", {}),
        ("+ filter published ≤ question_date", {"cutoff": True}),
    ]
    for half_life in (7.0, 30.0, 90.0, 365.0):
        for strength in (0.1, 0.3, 0.5):
            conditions.append(
                (
                    f"+ filter + recency prior h={half_life:g}d s={strength:g}",
                    {"cutoff": True, "half_life": half_life, "strength": strength},
                )
            )
    conditions += [
        ("timeparse only (window, cleaned query, prefer_recent)", {"use_timeparse": True}),
        ("+ filter + timeparse", {"cutoff": True, "use_timeparse": True}),
        (
            "+ filter + timeparse + prior h=30d s=0.3",
            {"cutoff": True, "use_timeparse": True, "half_life": 30.0, "strength": 0.3},
        ),
    ]
    baseline: float | None = None
    for name, kwargs in conditions:
        recall = run_condition(name, questions, retriever, corpus, **kwargs)
        baseline = recall[5] if baseline is None else baseline
        print(
            f"| {name} | {recall[1]:.3f} | {recall[3]:.3f} | {recall[5]:.3f} | "
            f"{recall[10]:.3f} | {recall[5] - baseline:+.3f} |",
            flush=True,
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-dups", action="store_true")
    parser.add_argument("--skip-time", action="store_true")
    args = parser.parse_args()
    articles = load_dev_articles()
    if not args.skip_dups:
        eval_duplicates(articles, args.pairs, args.seed)
    if not args.skip_time:
        eval_time(articles)


if __name__ == "__main__":
    main()
