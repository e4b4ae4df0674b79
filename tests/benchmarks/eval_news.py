"""News-aware measurements on the dev data: duplicates, time-aware BM25, conflicts.

Run: ``python -m tests.benchmarks.eval_news [--pairs 30] [--conflicts 20] [--seed 7]
[--skip-dups] [--skip-time] [--skip-conflicts]``. Prints Markdown tables. ~1 CPU-minute.

1. Duplicates: every dev article goes through `index.duplicates.DuplicateFinder`
   (oldest published first, as ingest should feed it); reports groups, grouped
   articles and time, then prints a random sample of grouped pairs (for a manual
   precision check) and of "near misses" (pairs an LSH at 0.5 finds but the finder
   does not group) with an independent exact 5-shingle Jaccard/containment over the
   raw text.
2. Time: BM25 (bm25s) over the 256/32-token chunks of the whole corpus, the 520
   answerable questions, answer-recall@k, for: no date information; the hard filter
   published <= question_date; that filter plus a recency prior (grid of half-lives
   and strengths); the question's own time words (`assistant.query.timeparse`) as hard or
   soft windows, recency preference and cleaned query.
3. Conflicts: `assistant.news.conflicts.find_conflicts` over each dev question's top-10
   passages (filtered BM25); prints a random sample with the claim sentences for a
   manual precision check.
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

from assistant.news.conflicts import describe, find_conflicts
from assistant.query.recency import boost, newest_first, recency_weight
from assistant.query.timeparse import resolve_time
from assistant.types import Passage
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
    from index.minhash import MinHashLSH

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
    article_ids: list[str]
    sources: list[str | None]
    published: list[str | None]
    days: np.ndarray  # publication day ordinal per chunk (0 = unknown)


def build_corpus(articles: list[Article]) -> Corpus:
    texts: list[str] = []
    titles: list[str] = []
    ids: list[str] = []
    sources: list[str | None] = []
    published: list[str | None] = []
    for article in articles:
        for chunk in chunk_article(article, max_tokens=256, overlap=32):
            texts.append(chunk.text)
            titles.append(article.title)
            ids.append(article.id)
            sources.append(article.source)
            published.append(article.published)
    days = np.array(
        [date.fromisoformat(p[:10]).toordinal() if p else 0 for p in published], dtype=np.int64
    )
    return Corpus(texts, titles, ids, sources, published, days)


def _tokenize(text: str) -> list[str]:
    import bm25s

    tokens = bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)
    return list(tokens[0]) if tokens else []


def _scores(retriever: Any, query: str) -> np.ndarray:
    tokens = _tokenize(query)
    if not any(t in retriever.vocab_dict for t in tokens):
        return np.zeros(retriever.scores["num_docs"], dtype=np.float64)
    return np.asarray(retriever.get_scores(tokens), dtype=np.float64)


def _weights(corpus: Corpus, as_of: date, half_life: float) -> np.ndarray:
    """`assistant.query.recency.recency_weight` for every chunk at once."""
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


@dataclass(frozen=True)
class Condition:
    """One way of using dates. Windows: "none", "hard" (every window from the question
    filters), "strict" (explicit calendar windows filter; relative ones only multiply
    out-of-window scores by `soft`)."""

    name: str
    cutoff: bool = False  # published <= question_date
    half_life: float | None = None  # mild recency prior for every question
    strength: float = 0.0
    windows: str = "none"
    soft: float = 0.8
    prefer_recent: bool = False  # "latest"/"recently": a stronger prior (14 d, 0.5)
    newest_first: bool = False  # "latest"/"recently": recency.newest_first over the top 10
    cleaned: bool = False  # query = TimeIntent.cleaned_question


class Searcher:
    def __init__(self, retriever: Any, corpus: Corpus) -> None:
        self.retriever = retriever
        self.corpus = corpus
        self._cache: dict[str, np.ndarray] = {}

    def scores(self, query: str) -> np.ndarray:
        if query not in self._cache:
            self._cache[query] = _scores(self.retriever, query)
        return self._cache[query].copy()

    def top(self, q: dict[str, Any], cond: Condition, k: int = max(KS)) -> list[int]:
        corpus = self.corpus
        as_of = date.fromisoformat(q["question_date"])
        intent = resolve_time(q["question"], as_of)
        factor = np.ones(len(corpus.texts))
        mask = np.ones(len(corpus.texts), dtype=bool)
        if cond.cutoff:
            mask &= (corpus.days <= as_of.toordinal()) | (corpus.days == 0)
        if cond.half_life is not None and cond.strength > 0:
            factor *= (1 - cond.strength) + cond.strength * _weights(corpus, as_of, cond.half_life)
        if cond.windows != "none" and (intent.since is not None or intent.until != as_of):
            inside = np.ones(len(corpus.texts), dtype=bool)
            if intent.since is not None:
                inside &= corpus.days >= intent.since.toordinal()
            if intent.until is not None:
                inside &= corpus.days <= intent.until.toordinal()
            if cond.windows == "hard" or intent.strict:
                mask &= inside
            else:
                factor *= np.where(inside, 1.0, cond.soft)
        if cond.prefer_recent and intent.prefer_recent:
            factor *= 0.5 + 0.5 * _weights(corpus, as_of, 14.0)
        query = intent.cleaned_question if cond.cleaned and intent.cleaned_question else None
        scores = self.scores(query or q["question"]) * factor
        scores[~mask] = -1.0
        ranked = [int(i) for i in np.argsort(-scores, kind="stable")[:k] if scores[i] > 0]
        if cond.newest_first and intent.prefer_recent:
            order = newest_first([self.passage(i, float(scores[i])) for i in ranked])
            ranked = [int(p.chunk_id) for p in order]
        return ranked

    def passage(self, i: int, score: float = 1.0) -> Passage:
        c = self.corpus
        return Passage(
            c.texts[i],
            c.article_ids[i],
            c.titles[i],
            c.sources[i],
            None,
            c.published[i],
            score=score,
            chunk_id=str(i),
        )


def recall(
    searcher: Searcher, questions: Sequence[dict[str, Any]], cond: Condition
) -> dict[int, float]:
    hits = dict.fromkeys(KS, 0)
    for q in questions:
        top = searcher.top(q, cond)
        texts = searcher.corpus.texts
        first = next((r for r, i in enumerate(top) if answer_in(q["answer_norm"], texts[i])), None)
        for k in KS:
            hits[k] += first is not None and first < k
    return {k: hits[k] / len(questions) for k in KS}


CONDITIONS = [
    Condition("BM25, no dates"),
    Condition("+ filter published ≤ question_date (the as_of rule)", cutoff=True),
    *[
        Condition(f"+ filter + recency prior h={h:g}d s={st:g}", True, h, st)
        for h in (7.0, 30.0, 90.0, 365.0)
        for st in (0.1, 0.3, 0.5)
    ],
    Condition("+ filter + prior 30d/0.3 + question windows, all hard", True, 30.0, 0.3, "hard"),
    Condition(
        "+ filter + prior 30d/0.3 + strict windows hard, relative ×0.8", True, 30.0, 0.3, "strict"
    ),
    Condition("… + 'latest/recently' prior 14d/0.5", True, 30.0, 0.3, "strict", prefer_recent=True),
    Condition(
        "… but 'latest/recently': newest_first over the top 10 instead",
        True,
        30.0,
        0.3,
        "strict",
        newest_first=True,
    ),
    Condition(
        "… + query = cleaned_question",
        True,
        30.0,
        0.3,
        "strict",
        prefer_recent=True,
        cleaned=True,
    ),
]


def eval_time(searcher: Searcher, build_note: str) -> None:
    questions = [q for q in load_dev_questions() if q["answerable"]]
    with_words = 0
    strict = 0
    for q in questions:
        as_of = date.fromisoformat(q["question_date"])
        intent = resolve_time(q["question"], as_of)
        with_words += bool(intent.since or intent.prefer_recent or intent.until != as_of)
        strict += intent.strict
    print("## Time-aware BM25 (dev corpus, answerable questions)\n")
    print(
        f"{build_note}; {len(questions)} questions, {with_words} with time words that "
        f"timeparse resolves ({strict} of them explicit calendar windows).\n"
    )
    print("| condition | @1 | @3 | @5 | @10 | Δ@5 vs BM25 | Δ@5 vs filter |")
    print("|---|---|---|---|---|---|---|")
    results: list[dict[int, float]] = []
    for cond in CONDITIONS:
        r = recall(searcher, questions, cond)
        results.append(r)
        print(
            f"| {cond.name} | {r[1]:.3f} | {r[3]:.3f} | {r[5]:.3f} | {r[10]:.3f} "
            f"| {r[5] - results[0][5]:+.3f} | "
            + (f"{r[5] - results[1][5]:+.3f} |" if len(results) > 1 else "|"),
            flush=True,
        )
    print()


def eval_conflicts(searcher: Searcher, n_show: int, seed: int) -> None:
    """Conflicts reported among each question's top-10 passages (for a precision check)."""
    cond = CONDITIONS[1]
    reports: list[tuple[str, str, list[str]]] = []
    questions = load_dev_questions()
    for q in questions:
        passages = [searcher.passage(i) for i in searcher.top(q, cond, k=10)]
        for conflict in find_conflicts(passages):
            sentences = [f"{c.source} {c.published}: {c.sentence[:160]}" for c in conflict.claims]
            reports.append((q["question"], describe(conflict), sentences))
    print("## Conflicting figures among top-10 BM25 passages (all dev questions)\n")
    n_with = len({r[0] for r in reports})
    print(f"{len(reports)} conflicts reported for {n_with} of {len(questions)} questions.\n")
    rng = random.Random(seed)
    for question, text, sentences in rng.sample(reports, min(n_show, len(reports))):
        print(f"- **Q:** {question}\n  **→** {text}")
        for sentence in sentences:
            print(f"    - {sentence}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--conflicts", type=int, default=20, help="conflicts to print")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-dups", action="store_true")
    parser.add_argument("--skip-time", action="store_true")
    parser.add_argument("--skip-conflicts", action="store_true")
    args = parser.parse_args()
    articles = load_dev_articles()
    if not args.skip_dups:
        eval_duplicates(articles, args.pairs, args.seed)
    if args.skip_time and args.skip_conflicts:
        return
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
    _check_weights(corpus)
    note = (
        f"{len(corpus.texts)} chunks (256/32 tokens) from {len(articles)} articles, chunked in "
        f"{chunk_s:.0f} s, BM25 ready at {time.perf_counter() - start:.0f} s"
    )
    searcher = Searcher(retriever, corpus)
    if not args.skip_time:
        eval_time(searcher, note)
    if not args.skip_conflicts:
        eval_conflicts(searcher, args.conflicts, args.seed)


if __name__ == "__main__":
    main()
