"""Index build benchmark on the dev corpus: `python -m tests.benchmarks.bench_index`.

Measures, in one run on ../shared/data/dev/articles.jsonl:
- each stage alone (parse, chunk, embed, Chroma insert, BM25 build), in this process;
- Chroma insert variants on the same 10,000 vectors: our 3 metadata keys, the 9-key
  chunk metadata, and 9 keys + chunk text as documents (the measurement behind keeping
  text and bulky metadata out of Chroma);
- the full `NewsIndex.update` build, a no-change re-run and adding one article, in a
  subprocess (its own peak RSS), plus `newsdesk index ONE_FILE` from a cold process;
- a plain llama-index `VectorStoreIndex.from_documents` + `ChromaVectorStore` build of
  the same articles with the same embedding model and chunk sizes, in a subprocess.

Prints a Markdown table. Heavy (a few minutes on 2 cores): run it once, not in a loop.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import DEV_ARTICLES, REPO_ROOT, json_of_run

VARIANT_VECTORS = 10_000

# The start of both build scripts: CPU seconds (the script's and its finished child
# processes': our build's helper, index/preparation.py) and peak RSS of each.
MEASURE = r"""
import json, resource, sys, time
def cpu_s():
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)

def child_peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

def peak_rss_mb():
    # VmHWM belongs to this process image; ru_maxrss would carry the parent's peak over exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
"""

NEWSDESK_BUILD = (
    MEASURE
    + r"""
from pathlib import Path
from index.models import Article
from index.pipeline import NewsIndex

data_dir, articles = Path(sys.argv[1]), Path(sys.argv[2])
out = {}
t, c = time.perf_counter(), cpu_s()
index = NewsIndex.open(data_dir=data_dir)
report = index.update([articles])
out["build_s"] = time.perf_counter() - t
out["build_cpu_s"] = cpu_s() - c
out["chunks"] = report.chunks_embedded
out["articles"] = report.added
out["failed"] = len(report.failed)
out["build_rss_mb"] = peak_rss_mb()
out["helper_rss_mb"] = child_peak_rss_mb()
t = time.perf_counter()
again = index.update([articles])
out["rerun_s"] = time.perf_counter() - t
out["rerun_embedded"] = again.chunks_embedded
out["rerun_unchanged"] = again.unchanged
article = Article(
    id="bench-new-article",
    title="Benchmark desk: a new article arrives",
    text=("The city council approved the new harbour budget on Monday after a long debate. "
          "Officials said construction would start next spring. ") * 12,
    source="example.org",
    published="2022-11-26",
    path="<bench>",
)
t = time.perf_counter()
added = index.add_articles([article])
out["add_one_s"] = time.perf_counter() - t
out["add_one_chunks"] = added.chunks_embedded
state = index.consistency()
out["consistent"] = state["consistent"]
out["chroma_count"] = len(state["chroma"])
index.close()
out["peak_rss_mb"] = peak_rss_mb()
print(json.dumps(out))
"""
)

LLAMA_INDEX_BUILD = (
    MEASURE
    + r"""
import chromadb
from chromadb.config import Settings
from llama_index.core import Document, StorageContext, VectorStoreIndex
from llama_index.core.node_parser import SentenceSplitter
from llama_index.vector_stores.chroma import ChromaVectorStore
from index.embeddings import WordLlamaEmbedding

data_dir, articles = sys.argv[1], sys.argv[2]
t0, c0 = time.perf_counter(), cpu_s()
docs = []
with open(articles, encoding="utf-8") as handle:
    for line in handle:
        r = json.loads(line)
        docs.append(Document(
            text=r["text"], id_=r["id"],
            metadata={"title": r["title"], "source": r["source"] or "",
                      "published": r["published"] or "", "url": r["url"] or ""},
            excluded_embed_metadata_keys=["url"], excluded_llm_metadata_keys=["url"],
        ))
client = chromadb.PersistentClient(data_dir, settings=Settings(anonymized_telemetry=False))
collection = client.get_or_create_collection("baseline", embedding_function=None)
storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
VectorStoreIndex.from_documents(
    docs, storage_context=storage, embed_model=WordLlamaEmbedding(),
    transformations=[SentenceSplitter(chunk_size=256, chunk_overlap=32)],
)
out = {"build_s": time.perf_counter() - t0, "build_cpu_s": cpu_s() - c0,
       "chunks": collection.count(), "peak_rss_mb": peak_rss_mb()}
print(json.dumps(out))
"""
)


def _subprocess_json(code: str, *args: str) -> dict[str, Any]:
    return json_of_run(["-c", code, *args], "benchmark")


def _timed(fn: Any, *args: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - started


def measure_stages(tmp: Path, source: Path) -> dict[str, Any]:
    """Each stage of the build alone, in this process."""
    import numpy as np

    from index.articles import parse_paths
    from index.chunking import chunk_article, indexed_text
    from index.dates import published_epoch
    from index.embeddings import build_embedding
    from index.lexical import LexicalIndex
    from index.settings import IndexSettings
    from index.store import ChromaStore, chunk_metadata

    settings = IndexSettings(data_dir=tmp / "stages")
    parsed, parse_s = _timed(parse_paths, [source])
    articles = parsed.articles

    def chunk_all() -> list[tuple[Any, Any]]:
        return [
            (a, c)
            for a in articles
            for c in chunk_article(
                a, max_tokens=settings.chunk_tokens, overlap=settings.chunk_overlap
            )
        ]

    pairs, chunk_s = _timed(chunk_all)
    ids = [c.id for _, c in pairs]
    texts = [indexed_text(a.title, c.text) for a, c in pairs]
    model, load_s = _timed(build_embedding, settings)
    vectors, embed_s = _timed(model.embed_array, texts)
    vectors = np.asarray(vectors, dtype=np.float32)
    epochs = {a.id: published_epoch(a.published) for a in articles}
    ours = [chunk_metadata(a.id, a.source, epochs[a.id]) for a, _ in pairs]

    store = ChromaStore.open(settings, settings.data_dir)
    _, insert_s = _timed(store.add, ids, vectors, ours)

    from index.lexical import analyze

    _, nltk_s = _timed(analyze, "warm up the stemmer")  # one-off set-up, reported apart

    def bm25() -> None:
        lex = LexicalIndex.empty(tmp / "bm25")
        lex.add(ids, texts)
        lex.save(0)

    _, bm25_s = _timed(bm25)

    def duplicates() -> int:
        from index.duplicates import DuplicateFinder

        finder = DuplicateFinder()
        for article in articles:
            finder.add(article.id, article.text)
        return len(finder.groups())

    n_groups, dup_s = _timed(duplicates)

    # Insert variants on the same first vectors, each into a fresh collection.
    n = min(VARIANT_VECTORS, len(ids))
    full = [
        {
            **chunk_metadata(a.id, a.source, epochs[a.id]),
            "title": a.title,
            "published": a.published or "",
            "chunk_index": c.index,
            "start": c.start,
            "end": c.end,
            "group_id": a.id,
        }
        for a, c in pairs[:n]
    ]
    variants: dict[str, float] = {}
    for name, metas, docs in (
        ("3 metadata keys (ours)", ours[:n], None),
        ("9 metadata keys", full, None),
        ("9 metadata keys + chunk text", full, [c.text for _, c in pairs[:n]]),
    ):
        variant = IndexSettings(data_dir=tmp / f"variant-{len(variants)}")
        vstore = ChromaStore.open(variant, variant.data_dir)
        collection = vstore._collection
        started = time.perf_counter()
        for lo in range(0, n, vstore.max_batch):
            hi = min(n, lo + vstore.max_batch)
            collection.add(
                ids=ids[lo:hi],
                embeddings=vectors[lo:hi],
                metadatas=metas[lo:hi],
                documents=None if docs is None else docs[lo:hi],
            )
        variants[name] = n / (time.perf_counter() - started)

    return {
        "articles": len(articles),
        "chunks": len(ids),
        "parse_s": parse_s,
        "chunk_s": chunk_s,
        "model_load_s": load_s,
        "embed_s": embed_s,
        "insert_s": insert_s,
        "bm25_s": bm25_s,
        "nltk_s": nltk_s,
        "dup_s": dup_s,
        "dup_groups": n_groups,
        "variants": variants,
        "variant_n": n,
    }


def cold_cli_add_one(data_dir: Path, tmp: Path) -> float:
    """`newsdesk index ONE_FILE` from a fresh process against the full index (wall time)."""
    note = tmp / "late-news.txt"
    note.write_text(
        "Late news: the harbour reopens\n\nBy Bench Mark\n\n"
        + "Ferries resumed service to the old harbour on Tuesday after repairs. " * 15,
        encoding="utf-8",
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ui.cli", "index", str(note), "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
        cwd=REPO_ROOT,
    )
    return time.perf_counter() - started


def stage_rows(stages: dict[str, Any], build: float) -> list[tuple[str, str, str]]:
    n = stages["chunks"]
    stage_sum = sum(
        stages[k] for k in ("parse_s", "chunk_s", "embed_s", "insert_s", "bm25_s", "dup_s")
    )
    return [
        ("- stage alone: parse", f"{stages['parse_s']:.1f} s", ""),
        (
            "- stage alone: chunking",
            f"{stages['chunk_s']:.1f} s",
            f"{n / stages['chunk_s']:,.0f}/s",
        ),
        (
            "- stage alone: embedding (wordllama)",
            f"{stages['embed_s']:.1f} s",
            f"{n / stages['embed_s']:,.0f}/s (+{stages['model_load_s']:.1f} s load)",
        ),
        (
            "- stage alone: Chroma insert",
            f"{stages['insert_s']:.1f} s",
            f"{n / stages['insert_s']:,.0f}/s",
        ),
        (
            "- stage alone: BM25 build + save",
            f"{stages['bm25_s']:.1f} s",
            f"+{stages['nltk_s']:.1f} s one-off stemmer warm-up",
        ),
        (
            "- stage alone: near-duplicate grouping",
            f"{stages['dup_s']:.1f} s",
            f"{stages['dup_groups']} groups of ≥ 2",
        ),
        ("- sum of stages", f"{stage_sum:.1f} s", f"build / sum = {build / stage_sum:.2f}"),
    ]


def variant_rows(stages: dict[str, Any]) -> list[tuple[str, str, str]]:
    variants = stages["variants"]
    ref = variants["3 metadata keys (ours)"]
    return [
        (
            f"Chroma insert, {stages['variant_n']:,} vectors, {name}",
            f"{rate:,.0f}/s",
            f"{ref / rate:.2f}× slower than ours" if rate != ref else "",
        )
        for name, rate in variants.items()
    ]


def table(
    stages: dict[str, Any] | None, ours: dict[str, Any], base: dict[str, Any], cli: float
) -> str:
    build, chunks = ours["build_s"], ours["chunks"]
    rows = [
        ("Articles / chunks", f"{ours['articles']:,} / {chunks:,}", ""),
        ("**Full build (NewsIndex.update)**", f"{build:.1f} s", f"{chunks / build:,.0f} chunks/s"),
        *(stage_rows(stages, build) if stages else []),
        (
            "llama-index from_documents + ChromaVectorStore",
            f"{base['build_s']:.1f} s",
            f"{base['chunks']:,} chunks, {base['chunks'] / base['build_s']:,.0f} chunks/s",
        ),
        ("**Speed-up vs llama-index** (target ≥ 3×)", f"{base['build_s'] / build:.2f}×", ""),
        (
            "CPU time (user+sys), ours / llama-index",
            f"{ours['build_cpu_s']:.1f} s / {base['build_cpu_s']:.1f} s",
            f"llama-index / ours = {base['build_cpu_s'] / ours['build_cpu_s']:.2f}× (load-robust)",
        ),
        (
            "No-change re-run (target 0 embedded, < 2 %)",
            f"{ours['rerun_s']:.2f} s",
            f"{ours['rerun_embedded']} embedded, {100 * ours['rerun_s'] / build:.1f} % of build",
        ),
        (
            "Add one article, index open (target < 1 s)",
            f"{ours['add_one_s']:.3f} s",
            f"{ours['add_one_chunks']} chunks",
        ),
        ("`newsdesk index ONE_FILE`, cold process", f"{cli:.1f} s", "imports + model + BM25 load"),
        (
            "Peak RSS (VmHWM), our build (target well under 870 MB)",
            f"{ours['build_rss_mb']:.0f} MB",
            f"{ours['peak_rss_mb']:.0f} MB incl. re-run/add",
        ),
        (
            "Peak RSS (VmHWM), our build's helper process",
            f"{ours['helper_rss_mb']:.0f} MB",
            "chunks and embeds one batch ahead (index/preparation.py)",
        ),
        ("Peak RSS (VmHWM), llama-index build", f"{base['peak_rss_mb']:.0f} MB", ""),
        (
            "Stores consistent after all runs",
            str(ours["consistent"]),
            f"{ours['chroma_count']:,} vectors",
        ),
        *(variant_rows(stages) if stages else []),
    ]
    lines = ["| measurement | value | notes |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-baseline", action="store_true", help="no llama-index build")
    parser.add_argument(
        "--skip-stages", action="store_true", help="only the subprocess builds (no stage rows)"
    )
    parser.add_argument("--limit", type=int, help="only the first N articles (smoke test)")
    args = parser.parse_args()
    if not DEV_ARTICLES.exists():
        raise SystemExit(f"dev data not found: {DEV_ARTICLES}")
    with tempfile.TemporaryDirectory(prefix="bench-index-") as name:
        tmp = Path(name)
        source = DEV_ARTICLES
        if args.limit:
            source = tmp / "articles.jsonl"
            with DEV_ARTICLES.open(encoding="utf-8") as handle:
                source.write_text(
                    "".join(line for _, line in zip(range(args.limit), handle, strict=False))
                )
        print("stages alone ...", file=sys.stderr, flush=True)
        stages = None if args.skip_stages else measure_stages(tmp, source)
        print("full build (subprocess) ...", file=sys.stderr)
        ours = _subprocess_json(NEWSDESK_BUILD, str(tmp / "newsdesk"), str(source))
        print("cold CLI add ...", file=sys.stderr)
        cli = cold_cli_add_one(tmp / "newsdesk", tmp)
        if args.skip_baseline:
            nan = float("nan")
            base = {"build_s": nan, "build_cpu_s": nan, "chunks": 0, "peak_rss_mb": nan}
        else:
            print("llama-index baseline (subprocess) ...", file=sys.stderr)
            base = _subprocess_json(LLAMA_INDEX_BUILD, str(tmp / "baseline"), str(source))
    print(table(stages, ours, base, cli))


if __name__ == "__main__":
    main()
