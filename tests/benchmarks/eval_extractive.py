"""Extractive answerer on the dev questions: answer hit rate, length, abstention rates.

    python -m tests.benchmarks.eval_extractive [--pool own|corpus] [--limit N] [--calibrate]

Hit rate: the normalised gold answer occurs in the answer text, over the dev questions
whose own `retrieved_article_ids` articles contain the answer (375 of 649). Passages come
from a stand-in retriever, so this runs without the index: chunk the articles with
`index.chunking.chunk_article` (256/32) and rank with BM25 (bm25s) and wordllama, fused by
reciprocal rank. `--pool own` ranks each question's own retrieved articles; `--pool corpus`
ranks the whole dev corpus. The naive baseline of the issue (BM25 top-5 chunks, then the
single sentence with the best BM25 score) runs on the same chunks in the same run.

Abstention: a time slice of the corpus (the earliest weeks, >= 1,200 articles) is indexed
the same way; answerable questions of those weeks should be answered, questions of later
weeks whose articles are not in the slice should abstain. `--calibrate` fits the logistic
support model on one half of the weeks and reports both halves.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import bm25s
import numpy as np

from assistant.abstain import AbstentionPolicy, SupportSignals, measure_support
from assistant.extractive import ExtractiveAnswerer
from assistant.sentences import split_sentences
from assistant.types import Passage
from index.chunking import chunk_article, indexed_text
from index.embeddings import WordLlamaEmbedding
from index.models import Article, Chunk
from tests.benchmarks.common import answer_in, load_dev_articles, load_dev_questions

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
    return answer_in(gold, answer.text), n_sent, n_words, answer.abstained, cited_hit


def eval_hit_rate(args: argparse.Namespace, embedding: WordLlamaEmbedding) -> None:
    articles = load_dev_articles()
    by_id = {a.id: a for a in articles}
    questions = [q for q in load_dev_questions() if q["answer_in_retrieved"]]
    if args.limit:
        questions = questions[: args.limit]
    # Answer with abstention disabled: hit rate measures the sentence choice.
    answerer = ExtractiveAnswerer(embedding, policy=AbstentionPolicy(threshold=0.0))
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


def _fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 4000) -> tuple[np.ndarray, float]:
    w = np.zeros(x.shape[1])
    b = 0.0
    lr = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad = p - y
        w -= lr * (x.T @ grad / len(y) + 1e-3 * w)
        b -= lr * grad.mean()
    return w, b


def eval_abstention(args: argparse.Namespace, embedding: WordLlamaEmbedding) -> None:
    articles = load_dev_articles()
    weeks = sorted({a.path and "" or "" for a in []})  # placeholder, replaced below
    first_week: dict[str, str] = {}
    import json

    from tests.benchmarks.common import DEV_ARTICLES

    with DEV_ARTICLES.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            first_week[record["id"]] = str(record.get("first_week") or "")
    weeks = sorted(set(first_week.values()))
    slice_weeks: set[str] = set()
    count = 0
    for week in weeks:
        if count >= 1200:
            break
        slice_weeks.add(week)
        count += sum(1 for w in first_week.values() if w == week)
    in_slice = [a for a in articles if first_week.get(a.id) in slice_weeks]
    slice_ids = {a.id for a in in_slice}
    pool = Pool.build(in_slice, embedding)
    questions = load_dev_questions()
    answerable = [
        q
        for q in questions
        if q["week"] in slice_weeks
        and q["answer_in_retrieved"]
        and set(q["retrieved_article_ids"]) <= slice_ids
    ]
    outside = [
        q
        for q in questions
        if q["week"] not in slice_weeks
        and not (set(q["retrieved_article_ids"]) | set(q.get("answer_article_ids_sample") or []))
        & slice_ids
    ]
    answerer = ExtractiveAnswerer(embedding)
    data: list[tuple[SupportSignals, int, str, bool]] = []
    for label, group in ((1, answerable), (0, outside)):
        for q in group:
            passages = retrieve(pool, embedding, q["question"])["hybrid"]
            _, cands = answerer.candidates(q["question"], passages)
            best_sim = max((c.similarity for c in cands), default=0.0)
            signals = measure_support(q["question"], passages, best_similarity=best_sim)
            found = any(answer_in(q["answer_norm"], p.text) for p in passages)
            data.append((signals, label, q["week"], found))
    x = np.array([s.as_row() for s, *_ in data])
    y = np.array([lab for _, lab, *_ in data], dtype=float)
    policies = {"default (abstain.py)": AbstentionPolicy()}
    if args.calibrate:
        x_fit = x.copy()
        x_fit[:, 4] = 0.0  # retrieval score: scale depends on the retriever, keep it out
        w, b = _fit_logistic(x_fit, y)
        print(f"\nfitted coefficients={tuple(round(float(v), 3) for v in w)} intercept={b:.3f}")
        for threshold in (0.3, 0.4, 0.5, 0.6):
            policies[f"fitted, threshold {threshold}"] = AbstentionPolicy(
                tuple(float(v) for v in w), float(b), threshold
            )
    print(
        f"\n### Abstention ({len(in_slice)}-article slice of weeks "
        f"{min(slice_weeks)}..{max(slice_weeks)}; {len(answerable)} answerable, "
        f"{len(outside)} out-of-corpus questions)\n"
    )
    print("| policy | out-of-corpus abstained | answerable answered | answered, answer in top-5 |")
    print("|---|---|---|---|")
    for name, policy in policies.items():
        ooc = [not policy.supported(s) for s, lab, *_ in data if lab == 0]
        ans = [policy.supported(s) for s, lab, *_ in data if lab == 1]
        ans_found = [policy.supported(s) for s, lab, _, f in data if lab == 1 and f]
        print(
            f"| {name} | {statistics.mean(ooc):.3f} | {statistics.mean(ans):.3f} "
            f"| {statistics.mean(ans_found):.3f} |"
        )
    # The reference: a plain BM25 score threshold.
    bm_scores = []
    for label, group in ((1, answerable), (0, outside)):
        for q in group:
            top = pool.bm25_ranking(q["question"], 1)
            bm_scores.append((top[0][1] if top else 0.0, label))
    for quantile in (0.1, 0.2, 0.3):
        cut = float(np.quantile([s for s, lab in bm_scores if lab == 1], quantile))
        ooc_rate = statistics.mean(s < cut for s, lab in bm_scores if lab == 0)
        ans_rate = statistics.mean(s >= cut for s, lab in bm_scores if lab == 1)
        print(f"| BM25 top score >= {cut:.2f} | {ooc_rate:.3f} | {ans_rate:.3f} | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", choices=("own", "corpus"), default="own")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--skip-hits", action="store_true")
    parser.add_argument("--skip-abstention", action="store_true")
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    embedding = WordLlamaEmbedding()
    if not args.skip_hits:
        eval_hit_rate(args, embedding)
    if not args.skip_abstention:
        eval_abstention(args, embedding)


if __name__ == "__main__":
    main()
