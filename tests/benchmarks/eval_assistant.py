"""The assistant on the dev questions: recall, answer hits, citations, abstention, latency.

    python -m tests.benchmarks.eval_assistant [--limit N] [--cache DIR] [--skip-baseline]

Builds (or reuses, under ``--cache``, default /tmp/newsdesk-eval) a NewsIndex of the
whole dev corpus with the default settings (wordllama, 256/32 chunks), and two of
time slices (the earliest and the latest weeks, >= 1,200 articles each). Then prints
Markdown:

- answer-recall@1/3/5/10 on the answerable questions: the normalised answer occurs in
  one of the top-k chunks, for a plain llama-index `VectorStoreIndex` retriever over
  the same chunks and embedding (baseline), our vector search, BM25, plain RRF and the
  default hybrid (rescored, capped, deduplicated), without and with the question's
  date as `as_of`; and for the merged passages the answerer is given;
- the answer hit rate of `Assistant.ask` (extractive by default) over the questions
  whose own `retrieved_article_ids` contain the answer, its citation precision (when the
  answer is right: some cited quote contains it / share of cited quotes that do), and
  the p50/p95 latency of `ask`;
- abstention on each slice index: questions of the slice's weeks whose articles are in
  it should be answered; questions of the other weeks (none of their articles in the
  slice) should abstain.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import shutil
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from assistant.core import Assistant
from assistant.retrieval.hybrid import HybridRetriever
from assistant.settings import AssistantSettings, RetrievalSettings
from index.filters import ChunkFilter
from index.models import Article
from index.pipeline import NewsIndex
from index.settings import IndexSettings
from tests.benchmarks.common import (
    DEV_ARTICLES,
    answer_body,
    answer_in,
    answer_nowhere,
    answer_words_in,
    has_own_evidence,
    load_dev_articles,
    load_dev_questions,
)

logger = logging.getLogger(__name__)

KS = (1, 3, 5, 10)
SLICE_SIZE = 1200


def open_index(root: Path, articles: Sequence[Article]) -> NewsIndex:
    """The index in `root`, built first unless a finished build of these articles is there.

    Decided before Chroma opens the folder: Chroma keeps one client per path in a
    process, so a folder must not be deleted under an open one.
    """
    marker = root / "eval-built.json"
    wanted = {"articles": len(articles), "first": articles[0].id, "last": articles[-1].id}
    settings = IndexSettings(data_dir=root)
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return NewsIndex.open(settings)
    t0 = time.perf_counter()
    print(f"building index of {len(articles)} articles in {root} ...", flush=True)
    shutil.rmtree(root, ignore_errors=True)  # our own cache folder: start clean
    index = NewsIndex.open(settings)
    report = index.add_articles(list(articles))
    marker.write_text(json.dumps(wanted))
    print(f"  {report.summary()} in {time.perf_counter() - t0:.0f} s", flush=True)
    return index


def recall_row(
    name: str,
    questions: Sequence[dict[str, Any]],
    search: Callable[[dict[str, Any]], list[str]],
) -> str:
    hits = dict.fromkeys(KS, 0)
    t0 = time.perf_counter()
    for q in questions:
        texts = search(q)
        for k in KS:
            if any(answer_in(q["answer_norm"], t) for t in texts[:k]):
                hits[k] += 1
    ms = 1000 * (time.perf_counter() - t0) / max(len(questions), 1)
    n = max(len(questions), 1)
    cells = " | ".join(f"{hits[k] / n:.3f}" for k in KS)
    row = f"| {name} | {cells} | {ms:.0f} |"
    print(row, flush=True)
    return row


def as_of(q: dict[str, Any]) -> date:
    return date.fromisoformat(q["question_date"])


def llama_index_baseline(index: NewsIndex, articles: Sequence[Article]) -> Any:
    """A plain `VectorStoreIndex` on an in-memory Chroma, same chunks and embedding.

    (llama-index's default SimpleVectorStore takes > 1 s per query at this size.)
    """
    import chromadb
    from chromadb.config import Settings
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from index.chunking import indexed_text

    chunks = [c for a in articles for c in index.chunks_of(a.id)]
    # Embedded exactly as the index embeds them (title + text); retrieved text = chunk text.
    vectors = index.embed_texts([indexed_text(c.title, c.text) for c in chunks])
    nodes = [
        TextNode(id_=c.id, text=c.text, embedding=[float(x) for x in v])
        for c, v in zip(chunks, vectors, strict=True)
    ]
    client = chromadb.EphemeralClient(Settings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("baseline", metadata={"hnsw:space": "cosine"})
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(collection))
    vsi = VectorStoreIndex(
        nodes, storage_context=storage, embed_model=index.embedding, show_progress=False
    )
    return vsi.as_retriever(similarity_top_k=max(KS))


def retrieval_table(
    index: NewsIndex, articles: Sequence[Article], questions: Sequence[dict[str, Any]], base: bool
) -> list[str]:
    rows = [
        f"### answer-recall@k, {len(questions)} answerable dev questions, whole corpus "
        f"({len(articles)} articles)",
        "",
        "| retriever | @1 | @3 | @5 | @10 | ms/query |",
        "|---|---|---|---|---|---|",
    ]
    if base:
        t0 = time.perf_counter()
        baseline = llama_index_baseline(index, articles)
        print(f"(llama-index baseline built in {time.perf_counter() - t0:.0f} s)")
        rows.append(
            recall_row(
                "llama-index VectorStoreIndex (baseline)",
                questions,
                lambda q: [n.node.get_content() for n in baseline.retrieve(q["question"])],
            )
        )
    rows.append(
        recall_row(
            "vector (Chroma)",
            questions,
            lambda q: [h.chunk.text for h in index.vector_search(q["question"], 10)],
        )
    )
    rows.append(
        recall_row(
            "BM25",
            questions,
            lambda q: [h.chunk.text for h in index.lexical_search(q["question"], 10)],
        )
    )
    chunks_cfg = RetrievalSettings(merge_adjacent=False)
    plain = HybridRetriever(
        index,
        chunks_cfg.model_copy(
            update={"rescore_top": 0, "per_article_cap": 99, "candidate_pool": 50}
        ),
    )
    rows.append(
        recall_row(
            "RRF vector + BM25",
            questions,
            lambda q: [p.text for p in plain.retrieve(q["question"], 10)],
        )
    )
    hybrid = HybridRetriever(index, chunks_cfg)
    rows.append(
        recall_row(
            "hybrid (rescored, capped, deduped)",
            questions,
            lambda q: [p.text for p in hybrid.retrieve(q["question"], 10)],
        )
    )
    chunk_bot = Assistant(
        index=index,
        settings=AssistantSettings(
            index={"data_dir": index.data_dir}, retrieval={"merge_adjacent": False}
        ),
    )
    rows.append(
        recall_row(
            "hybrid + question date as as_of",
            questions,
            lambda q: [p.text for p in chunk_bot.retrieve(q["question"], 10, as_of=as_of(q))],
        )
    )
    rows.append(
        recall_row(
            "hybrid + as_of, merged passages (what the answerer sees)",
            questions,
            lambda q: [
                p.text for p in chunk_bot_merged(index).retrieve(q["question"], 10, as_of=as_of(q))
            ],
        )
    )
    # Time words only filter when they come with a date: the same, hard until = as_of only.
    rows.append(
        recall_row(
            "hybrid, until = question date (no time words, no prior)",
            questions,
            lambda q: [
                p.text for p in hybrid.retrieve(q["question"], 10, flt=ChunkFilter(until=as_of(q)))
            ],
        )
    )
    return rows


def headroom_table(
    index: NewsIndex, articles: Sequence[Article], questions: Sequence[dict[str, Any]]
) -> list[str]:
    """Where answer-recall@5 of the default (hybrid, as_of = question date) is lost.

    - the answer's words (not the exact string) in the top-5 passages;
    - the answer anywhere in the *whole articles* of the top-5 passages (what perfect
      passage choice inside the chosen articles could reach);
    - the answer in any chunk of the rescored candidate pool (vector + BM25 top-50).
    """
    bot = Assistant(
        index=index,
        settings=AssistantSettings(
            index={"data_dir": index.data_dir}, retrieval={"merge_adjacent": False}
        ),
    )
    full_text = {a.id: f"{a.title}\n{a.text}" for a in articles}
    loose = in_articles = in_pool = 0
    hits: dict[bool, list[bool]] = {True: [], False: []}  # own evidence -> hit@5 per question
    for q in questions:
        answer = q["answer_norm"]
        plan = bot.plan(q["question"], as_of=as_of(q))
        pool = bot.retriever.candidates(plan.search_text, plan.flt, plan.date_prior)
        top = bot.retriever.select(pool, 10)[:5]  # = bot.retrieve(question, 10, as_of)[:5]
        hits[has_own_evidence(q)].append(any(answer_in(answer, p.text) for p in top))
        loose += any(answer_words_in(answer, p.text) for p in top)
        in_articles += any(answer_in(answer, full_text.get(p.article_id, "")) for p in top)
        in_pool += any(answer_in(answer, c.chunk.text) for c in pool)
    strict = sum(hits[True]) + sum(hits[False])
    n = max(len(questions), 1)
    rows = [
        "### Where answer-recall@5 is lost (default hybrid, as_of = question date)",
        "",
        "| top-5 passages hold the exact answer | ... all its words | their whole articles "
        "hold it | any candidate (vector + BM25 top-50) holds it |",
        "|---|---|---|---|",
        f"| {strict / n:.3f} | {loose / n:.3f} | {in_articles / n:.3f} | {in_pool / n:.3f} |",
    ]
    split = ["", "| questions | n | answer-recall@5 |", "|---|---|---|"]
    for own, label in (
        (True, "the answer is in the question's own search results or quiz-linked article"),
        (False, "it is only in other articles (related ones, or a coincidental match)"),
    ):
        group = hits[own]
        split.append(f"| {label} | {len(group)} | {sum(group) / max(len(group), 1):.3f} |")
    print("\n".join([rows[-1], *split]), flush=True)
    return rows + split


_MERGED: dict[str, Assistant] = {}


def chunk_bot_merged(index: NewsIndex) -> Assistant:
    key = str(index.data_dir)
    if key not in _MERGED:
        _MERGED[key] = Assistant(
            index=index, settings=AssistantSettings(index={"data_dir": index.data_dir})
        )
    return _MERGED[key]


def answer_table(index: NewsIndex, questions: Sequence[dict[str, Any]]) -> list[str]:
    bot = chunk_bot_merged(index)
    bot.ask("warm-up question about anything")
    latencies: list[float] = []
    hits = abstained = cite_any = 0
    cite_share: list[float] = []
    sentences: list[int] = []
    for q in questions:
        t0 = time.perf_counter()
        answer = bot.ask(q["question"], as_of=as_of(q))
        latencies.append(time.perf_counter() - t0)
        if answer.abstained:
            abstained += 1
            continue
        sentences.append(len(answer.citations))
        if answer_in(q["answer_norm"], answer_body(answer)):
            hits += 1
            good = [answer_in(q["answer_norm"], c.quote) for c in answer.citations]
            cite_any += any(good)
            cite_share.append(sum(good) / max(len(good), 1))
    n = max(len(questions), 1)
    lat = sorted(latencies)
    p50 = statistics.median(lat) * 1000
    p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000
    rows = [
        f"### Answers ({bot.answerer.name}), {len(questions)} questions whose own retrieved "
        "articles contain the answer, whole corpus, as_of = question date",
        "",
        "| answer hit rate | abstained | citations/answer | citation precision (any quote / "
        "share of quotes) | ask p50 ms | ask p95 ms |",
        "|---|---|---|---|---|---|",
        f"| {hits / n:.3f} | {abstained / n:.3f} | "
        f"{statistics.mean(sentences) if sentences else 0:.1f} | "
        f"{cite_any / max(hits, 1):.3f} / "
        f"{statistics.mean(cite_share) if cite_share else 0:.3f} | {p50:.0f} | {p95:.0f} |",
    ]
    for row in rows[-1:]:
        print(row, flush=True)
    return rows


@functools.cache
def _first_weeks() -> dict[str, str]:
    """Article id -> the dev week it first appeared in (not part of `Article`)."""
    first_week: dict[str, str] = {}
    with DEV_ARTICLES.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            first_week[record["id"]] = str(record.get("first_week") or "")
    return first_week


def time_slice(articles: Sequence[Article], *, latest: bool) -> tuple[list[Article], set[str]]:
    """The articles of the earliest (or latest) weeks by `first_week` until >= SLICE_SIZE."""
    first_week = _first_weeks()
    weeks: set[str] = set()
    count = 0
    for week in sorted(set(first_week.values()), reverse=latest):
        if count >= SLICE_SIZE:
            break
        weeks.add(week)
        count += sum(1 for w in first_week.values() if w == week)
    return [a for a in articles if first_week.get(a.id) in weeks], weeks


HOLDOUT_FOLDS = 4


def holdout_slice(articles: Sequence[Article], fold: int) -> tuple[list[Article], set[str]]:
    """The articles of all weeks but every `HOLDOUT_FOLDS`-th one from week `fold` on (by
    `first_week`): an index nearly the whole corpus's size that lacks a quarter of the
    weeks' stories, so their questions measure abstention where the index is large."""
    if not 0 <= fold < HOLDOUT_FOLDS:
        raise ValueError(f"fold must be in 0..{HOLDOUT_FOLDS - 1}, got {fold}")
    first_week = _first_weeks()
    weeks = sorted(set(first_week.values()))
    kept = set(weeks) - set(weeks[fold::HOLDOUT_FOLDS])
    return [a for a in articles if first_week.get(a.id) in kept], kept


def other_weeks(
    questions: Sequence[dict[str, Any]], members: Sequence[Article], weeks: set[str]
) -> list[dict[str, Any]]:
    """The questions of the weeks outside a slice (`time_slice`) none of whose own articles
    (`retrieved_article_ids`) the slice holds."""
    ids = {a.id for a in members}
    return [
        q for q in questions if q["week"] not in weeks and not set(q["retrieved_article_ids"]) & ids
    ]


def abstention_row(
    root: Path,
    articles: Sequence[Article],
    questions: Sequence[dict[str, Any]],
    limit: int,
    *,
    latest: bool,
) -> str:
    """Questions of the slice's weeks (their articles all inside) should be answered;
    questions of the other weeks (none of their articles inside, the answer in no article
    of the slice) should abstain."""
    members, weeks = time_slice(articles, latest=latest)
    ids = {a.id for a in members}
    index = open_index(root, members)
    inside = [
        q
        for q in questions
        if q["week"] in weeks
        and q["answer_in_retrieved"]
        and set(q["retrieved_article_ids"]) <= ids
    ][:limit]
    # Out-of-corpus for real: the answer occurs in no article of the slice.
    outside = answer_nowhere(other_weeks(questions, members, weeks), members)[:limit]
    bot = Assistant(index=index, settings=AssistantSettings(index={"data_dir": root}))
    answered = sum(not bot.ask(q["question"], as_of=as_of(q)).abstained for q in inside)
    abstained = sum(bot.ask(q["question"], as_of=as_of(q)).abstained for q in outside)
    index.close()
    name = "latest" if latest else "earliest"
    row = (
        f"| {name} {len(weeks)} weeks ({len(members)} articles) | "
        f"{abstained / max(len(outside), 1):.3f} ({abstained}/{len(outside)}) | "
        f"{answered / max(len(inside), 1):.3f} ({answered}/{len(inside)}) |"
    )
    print(row, flush=True)
    return row


def abstention_table(
    cache: Path, articles: Sequence[Article], questions: Sequence[dict[str, Any]], limit: int
) -> list[str]:
    return [
        "### Abstention (default answerer via `Assistant.ask`, question date as as_of), "
        "two time slices of the dev corpus",
        "",
        "| index | out-of-corpus questions that abstain | in-corpus questions answered |",
        "|---|---|---|",
        abstention_row(cache / "slice", articles, questions, limit, latest=False),
        abstention_row(cache / "late", articles, questions, limit, latest=True),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Use the first N questions.")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsdesk-eval"))
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--abstain-limit", type=int, default=150)
    parser.add_argument(
        "--skip-retrieval", action="store_true", help="Only the answer and abstention tables."
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    articles = load_dev_articles()
    questions = load_dev_questions()
    answerable = [q for q in questions if q["answerable"]][: args.limit]
    own = [q for q in questions if q["answer_in_retrieved"]][: args.limit]
    index = open_index(args.cache / "full", articles)
    out: list[str] = []
    if not args.skip_retrieval:
        out += retrieval_table(index, articles, answerable, base=not args.skip_baseline)
        out += ["", *headroom_table(index, articles, answerable), ""]
    out += answer_table(index, own)
    index.close()
    limit = min(args.abstain_limit, args.limit or args.abstain_limit)
    out += ["", *abstention_table(args.cache, articles, questions, limit)]
    print("\n" + "\n".join(out))


if __name__ == "__main__":
    main()
