"""Extractive answerer on the dev questions: answer hit rate, length, abstention rates.

    python -m tests.benchmarks.eval_extractive [--pool own|corpus] [--limit N] [--calibrate]

Hit rate: the normalised gold answer occurs in the answer text, over the dev questions
whose own `retrieved_article_ids` articles contain the answer (375 of 649). Passages come
from a stand-in retriever, so this runs without the index: chunk the articles with
`index.chunking.chunk_article` (256/32) and rank with BM25 (bm25s) and wordllama, fused by
reciprocal rank. `--pool own` ranks each question's own retrieved articles; `--pool corpus`
ranks the whole dev corpus. The naive baseline of the issue (BM25 top-5 chunks, then the
single sentence with the best BM25 score) runs on the same chunks in the same run.

Abstention: two time slices of the corpus (the earliest and the latest weeks by the
articles' `first_week`, >= 1,200 articles each) are indexed the same way. Answerable
questions of a slice's weeks whose retrieved articles are all in it should be answered;
questions of other weeks none of whose retrieved or answer-bearing articles is in it
should abstain (also reported: only those whose answer is not in the top-5 passages,
and answerable ones whose answer is). `--calibrate` fits the logistic support model of
`assistant/abstain.py` on both slices and prints its coefficients and rates at several
thresholds (in-sample: the defaults were chosen this way).
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import bm25s
import numpy as np

from assistant.answer.abstain import AbstentionPolicy, SupportSignals, measure_support
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.types import Passage
from index.chunking import chunk_article, indexed_text
from index.embeddings import WordLlamaEmbedding
from index.models import Article, Chunk
from index.text.sentences import split_sentences
from tests.benchmarks.common import (
    DEV_ARTICLES,
    answer_body,
    answer_in,
    load_dev_articles,
    load_dev_questions,
)

TOP_K = 5
RRF_K = 60


@dataclass
class Pool:
    """Chunks of some articles with a BM25 index and dense vectors over them."""

    chunks: list[Chunk]
    articles: dict[str, Article]
    bm25: Any
    vectors: np.ndarray

    @classmethod
    def build(cls, articles: Sequence[Article], embedding: WordLlamaEmbedding) -> Pool:
        chunks = [c for a in articles for c in chunk_article(a)]
        by_id = {a.id: a for a in articles}
        texts = [indexed_text(by_id[c.article_id].title, c.text) for c in chunks]
        retriever = bm25s.BM25()
        retriever.index(
            bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False
        )
        vectors = np.asarray(embedding.embed_array(texts), dtype=np.float32)
        return cls(chunks, by_id, retriever, vectors)

    def bm25_ranking(self, question: str, k: int) -> list[tuple[int, float]]:
        tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
        k = min(k, len(self.chunks))
        docs, scores = self.bm25.retrieve(tokens, k=k, show_progress=False)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def dense_ranking(self, qvec: np.ndarray, k: int) -> list[tuple[int, float]]:
        sims = self.vectors @ qvec
        order = np.argsort(-sims)[:k]
        return [(int(i), float(sims[i])) for i in order]

    def passages(self, ranking: Sequence[tuple[int, float]]) -> list[Passage]:
        out = []
        for idx, score in ranking:
            chunk = self.chunks[idx]
            art = self.articles[chunk.article_id]
            out.append(
                Passage(
                    chunk.text,
                    art.id,
                    art.title,
                    art.source,
                    art.url,
                    art.published,
                    score,
                    chunk.id,
                    chunk.start,
                    chunk.end,
                )
            )
        return out


def rrf(*rankings: Sequence[tuple[int, float]], k: int = TOP_K) -> list[tuple[int, float]]:
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, (idx, _) in enumerate(ranking):
            fused[idx] = fused.get(idx, 0.0) + 1.0 / (RRF_K + rank + 1)
    return sorted(fused.items(), key=lambda kv: -kv[1])[:k]


def naive_answer(question: str, passages: Sequence[Passage]) -> str:
    """The issue's baseline: the single sentence of the passages with the best BM25 score."""
    sentences = [s.text for p in passages for s in split_sentences(p.text)]
    if not sentences:
        return ""
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(sentences, stopwords="en", show_progress=False), show_progress=False
    )
    docs, _ = retriever.retrieve(
        bm25s.tokenize([question], stopwords="en", show_progress=False),
        k=1,
        show_progress=False,
    )
    return sentences[int(docs[0][0])]


def retrieve(pool: Pool, embedding: WordLlamaEmbedding, question: str) -> dict[str, list]:
    qvec = np.asarray(embedding.embed_array([question]), dtype=np.float32)[0]
    bm = pool.bm25_ranking(question, 50)
    dense = pool.dense_ranking(qvec, 50)
    return {
        "bm25": pool.passages(bm[:TOP_K]),
        "hybrid": pool.passages(rrf(bm, dense)),
    }


def _answer_stats(
    answerer: ExtractiveAnswerer, question: str, passages: list[Passage], gold: str
) -> tuple[bool, int, int, bool, bool]:
    answer = answerer.answer(question, passages)
    n_sent = len(answer.citations)
    n_words = len(answer.text.split())
    cited_hit = any(answer_in(gold, c.quote) for c in answer.citations)
    # Hit = the answer's own text minus its "As of <date>, <outlet> reported:" lead-ins, so
    # attribution words (dates, outlet names) never count as an answer.
    return answer_in(gold, answer_body(answer)), n_sent, n_words, answer.abstained, cited_hit


def eval_hit_rate(args: argparse.Namespace, embedding: WordLlamaEmbedding) -> None:
    articles = load_dev_articles()
    by_id = {a.id: a for a in articles}
    questions = [q for q in load_dev_questions() if q["answer_in_retrieved"]]
    if args.limit:
        questions = questions[: args.limit]
    # Answer with abstention disabled: hit rate measures the sentence choice.
    answerer = ExtractiveAnswerer(embedding, policy=AbstentionPolicy(threshold=0.0))
    shorter = {
        n: ExtractiveAnswerer(embedding, max_sentences=n, policy=AbstentionPolicy(threshold=0.0))
        for n in (1, 2)
    }
    corpus_pool = Pool.build(articles, embedding) if args.pool == "corpus" else None
    rows: dict[str, list[tuple[bool, int, int, bool, bool]]] = {}
    recall: dict[str, list[bool]] = {"bm25": [], "hybrid": []}
    started = time.perf_counter()
    answer_ms: list[float] = []
    for q in questions:
        pool = corpus_pool or Pool.build(
            [by_id[i] for i in q["retrieved_article_ids"] if i in by_id], embedding
        )
        ranked = retrieve(pool, embedding, q["question"])
        gold = q["answer_norm"]
        naive = naive_answer(q["question"], ranked["bm25"])
        rows.setdefault("naive: BM25 top-5, best BM25 sentence", []).append(
            (answer_in(gold, naive), 1, len(naive.split()), False, answer_in(gold, naive))
        )
        for name, passages in ranked.items():
            recall[name].append(any(answer_in(gold, p.text) for p in passages))
            t0 = time.perf_counter()
            stats = _answer_stats(answerer, q["question"], passages, gold)
            answer_ms.append((time.perf_counter() - t0) * 1000)
            rows.setdefault(f"extractive on {name} top-5", []).append(stats)
        for limit, short in shorter.items():
            stats = _answer_stats(short, q["question"], ranked["hybrid"], gold)
            rows.setdefault(f"extractive on hybrid top-5, max {limit} sentence(s)", []).append(
                stats
            )
    elapsed = time.perf_counter() - started
    n = len(questions)
    print(
        f"\n### Extractive answer hit rate ({n} dev questions, pool={args.pool}, {elapsed:.0f} s)\n"
    )
    print("| answerer | hit rate | cited quote has answer | sentences | words |")
    print("|---|---|---|---|---|")
    for name, stats in rows.items():
        print(
            f"| {name} | {sum(s[0] for s in stats) / n:.3f} | {sum(s[4] for s in stats) / n:.3f} "
            f"| {statistics.mean(s[1] for s in stats):.2f} "
            f"| {statistics.mean(s[2] for s in stats):.1f} |"
        )
    print(
        f"\nanswer-recall@5 of the passages: bm25 {statistics.mean(recall['bm25']):.3f}, "
        f"hybrid {statistics.mean(recall['hybrid']):.3f}; extractive answer time p50 "
        f"{statistics.median(answer_ms):.1f} ms, p95 "
        f"{float(np.percentile(answer_ms, 95)):.1f} ms"
    )


def _fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 3000) -> tuple[list[float], float]:
    """Plain L2-regularised logistic regression (standardised features, gradient descent)."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = (x - mu) / sd
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(steps):
        grad = 1 / (1 + np.exp(-(z @ w + b))) - y
        w -= 0.3 * (z.T @ grad / len(y) + 1e-3 * w)
        b -= 0.3 * grad.mean()
    coefs = w / sd
    return [round(float(c), 3) for c in coefs], round(float(b - coefs @ mu), 3)


def _time_slices(articles: Sequence[Article], size: int) -> dict[str, set[str]]:
    """The earliest and the latest weeks holding >= `size` articles (by `first_week`)."""
    first_week: dict[str, str] = {}
    with DEV_ARTICLES.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            first_week[record["id"]] = str(record.get("first_week") or "")
    per_week: dict[str, int] = {}
    for week in first_week.values():
        per_week[week] = per_week.get(week, 0) + 1
    slices = {}
    for name, weeks in (("early", sorted(per_week)), ("late", sorted(per_week)[::-1])):
        chosen: set[str] = set()
        count = 0
        for week in weeks:
            if count >= size:
                break
            chosen.add(week)
            count += per_week[week]
        slices[name] = chosen
    return {
        name: {a.id for a in articles if first_week.get(a.id) in weeks}
        | {"week:" + w for w in weeks}
        for name, weeks in slices.items()
    }


@dataclass
class Case:
    slice: str
    answerable: bool
    found: bool  # the normalised answer occurs in the top-5 passages
    signals: SupportSignals
    bm25_top: float  # the best BM25 chunk score (the plain-threshold baseline)


def eval_abstention(args: argparse.Namespace, embedding: WordLlamaEmbedding) -> None:
    articles = load_dev_articles()
    questions = load_dev_questions()
    cases: list[Case] = []
    for name, members in _time_slices(articles, 1200).items():
        pool = Pool.build([a for a in articles if a.id in members], embedding)
        answerable = [
            q
            for q in questions
            if "week:" + q["week"] in members
            and q["answer_in_retrieved"]
            and set(q["retrieved_article_ids"]) <= members
        ]
        outside = [
            q
            for q in questions
            if "week:" + q["week"] not in members
            and not (
                set(q["retrieved_article_ids"]) | set(q.get("answer_article_ids_sample") or [])
            )
            & members
        ]
        for label, group in ((True, answerable), (False, outside)):
            for q in group:
                passages = retrieve(pool, embedding, q["question"])["hybrid"]
                signals = measure_support(q["question"], passages, embedding=embedding)
                found = any(answer_in(q["answer_norm"], p.text) for p in passages)
                top = pool.bm25_ranking(q["question"], 1)
                cases.append(Case(name, label, found, signals, top[0][1] if top else 0.0))
    policies = {"default (abstain.py)": AbstentionPolicy()}
    if args.calibrate:
        y = np.array([c.answerable for c in cases], dtype=float)
        sem_w, sem_b = _fit_logistic(np.array([c.signals.as_row() for c in cases]), y)
        lex_w, lex_b = _fit_logistic(np.array([c.signals.lexical_row() for c in cases]), y)
        print(f"\nfitted semantic coefficients={tuple(sem_w)} intercept={sem_b}")
        print(f"fitted lexical coefficients={tuple(lex_w)} intercept={lex_b}")
        for threshold in (0.25, 0.3, 0.35, 0.4, 0.5):
            policies[f"fitted, threshold {threshold}"] = AbstentionPolicy(
                tuple(sem_w), sem_b, tuple(lex_w), lex_b, threshold
            )
    lexical = [replace(c, signals=replace(c.signals, passage_similarity=None)) for c in cases]
    policies_rows = [(name, policy, cases) for name, policy in policies.items()]
    policies_rows.append(("default, lexical only (no embedding)", AbstentionPolicy(), lexical))
    n_ans = sum(c.answerable for c in cases)
    print(
        f"\n### Abstention (two 1,200-article time slices, early and late weeks; "
        f"{n_ans} answerable, {len(cases) - n_ans} out-of-corpus questions)\n"
    )
    print(
        "| policy | out-of-corpus abstained | ... answer not in top-5 | answerable answered "
        "| ... answer in top-5 | early slice abst/ans | late slice abst/ans |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, policy, group in policies_rows:

        def rate(pred: Any, group: list[Case] = group, policy: AbstentionPolicy = policy) -> str:
            chosen = [c for c in group if pred(c)]
            if not chosen:
                return "-"
            want_answer = chosen[0].answerable
            return (
                f"{statistics.mean(policy.supported(c.signals) == want_answer for c in chosen):.3f}"
            )

        print(
            f"| {name} | {rate(lambda c: not c.answerable)} "
            f"| {rate(lambda c: not c.answerable and not c.found)} "
            f"| {rate(lambda c: c.answerable)} | {rate(lambda c: c.answerable and c.found)} "
            f"| {rate(lambda c: c.slice == 'early' and not c.answerable)}/"
            f"{rate(lambda c: c.slice == 'early' and c.answerable)} "
            f"| {rate(lambda c: c.slice == 'late' and not c.answerable)}/"
            f"{rate(lambda c: c.slice == 'late' and c.answerable)} |"
        )
    _print_bm25_baseline(cases)


def _print_bm25_baseline(cases: Sequence[Case]) -> None:
    """The issue's reference: abstain when the best BM25 score is below a threshold."""
    answerable = [c.bm25_top for c in cases if c.answerable]
    for quantile in (0.05, 0.1, 0.2, 0.3):
        cut = float(np.quantile(answerable, quantile))
        abstained = statistics.mean(c.bm25_top < cut for c in cases if not c.answerable)
        strict = statistics.mean(
            c.bm25_top < cut for c in cases if not c.answerable and not c.found
        )
        answered = statistics.mean(c.bm25_top >= cut for c in cases if c.answerable)
        found = statistics.mean(c.bm25_top >= cut for c in cases if c.answerable and c.found)
        print(
            f"| baseline: BM25 top score >= {cut:.2f} | {abstained:.3f} | {strict:.3f} "
            f"| {answered:.3f} | {found:.3f} | | |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", choices=("own", "corpus"), default="own")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--skip-hits", action="store_true")
    parser.add_argument("--skip-abstention", action="store_true")
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build
    embedding = WordLlamaEmbedding()
    if not args.skip_hits:
        eval_hit_rate(args, embedding)
    if not args.skip_abstention:
        eval_abstention(args, embedding)


if __name__ == "__main__":
    main()
