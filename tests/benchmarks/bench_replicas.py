"""What replicas cost: `python -m tests.benchmarks.bench_replicas` (`make bench-replicas`).

In one run on the dev corpus (../shared/data/dev/articles.jsonl), each build in a fresh
process (its own peak RSS):
- the embedded on-disk build (the default, for reference);
- a build into a `chroma run` server with vectors only (the store as it was before
  replicas: `store.shared` switched off in that process);
- the same build with the article records published for replicas (what ships);
- a replica with an empty data dir catching up with the whole server (first sync), and
  its peak RSS;
- one more article: the indexer's update, and how long until the replica answers it.

Prints a Markdown table. Heavy (several minutes on 2 cores): run it once.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_index import MEASURE
from tests.benchmarks.common import DEV_ARTICLES, json_of_run
from tests.integration.chroma_server import running_chroma_server

BUILD = (
    MEASURE
    + r"""
from pathlib import Path
from index.pipeline import NewsIndex
from index.settings import IndexSettings

data_dir, articles, host, port, collection, publish = sys.argv[1:7]
extra = {"chroma_host": host, "chroma_port": int(port)} if host else {}
settings = IndexSettings(data_dir=Path(data_dir), collection=collection, **extra)
started = time.perf_counter()
index = NewsIndex.open(settings)
if publish == "no":
    index.store.shared = None  # vectors only, as before replicas
report = index.update([articles])
out = {"build_s": time.perf_counter() - started, "chunks": report.chunks_embedded,
       "articles": report.added, "rss_mb": peak_rss_mb()}
print(json.dumps(out))
"""
)

REPLICA = (
    MEASURE
    + r"""
from pathlib import Path
from index.pipeline import NewsIndex
from index.settings import IndexSettings

data_dir, host, port, collection, one_more, indexer_dir = sys.argv[1:7]
common = {"chroma_host": host, "chroma_port": int(port), "collection": collection}
started = time.perf_counter()
replica = NewsIndex.open(IndexSettings(data_dir=Path(data_dir), replica=True, **common))
replica.replica_sync().sync()
status = replica.status()
out = {"sync_s": time.perf_counter() - started, "articles": status.articles,
       "chunks": status.chunks, "vectors": status.vectors, "rss_mb": peak_rss_mb()}
started = time.perf_counter()
indexer = NewsIndex.open(IndexSettings(data_dir=Path(indexer_dir), **common))
indexer.update([one_more])
out["add_one_s"] = time.perf_counter() - started
added = time.perf_counter()
while replica.status().articles != status.articles + 1:
    time.sleep(0.05)
out["replica_follow_s"] = time.perf_counter() - added
print(json.dumps(out))
"""
)

ONE_MORE = (
    "Fooville council approves new river bridge\n\nPublished June 12, 2022\n\n"
    "The Fooville town council approved a new river bridge on Tuesday. The bridge will cost "
    "4.2 million euros, council treasurer Anna Lind said.\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEV_ARTICLES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-replicas-") as tmp_name:
        tmp = Path(tmp_name)
        one_more = tmp / "one-more"
        one_more.mkdir()
        (one_more / "fooville.txt").write_text(ONE_MORE, encoding="utf-8")
        src = str(args.articles)
        tmp_s = str(tmp)

        def build(name: str, host: str, port: str, collection: str, publish: str) -> Any:
            run = ["-c", BUILD, f"{tmp_s}/{name}", src, host, port, collection, publish]
            return json_of_run(run, f"{name} build")

        embedded = build("embedded", "", "0", "newsdesk", "yes")
        with running_chroma_server(tmp / "chroma") as server:
            host, port = server.host, str(server.port)
            plain = build("plain", host, port, "plain", "no")
            shared = build("shared", host, port, "shared", "yes")
            run = ["-c", REPLICA, f"{tmp_s}/replica", host, port, "shared", str(one_more)]
            replica = json_of_run([*run, f"{tmp_s}/shared"], "replica")
            server_bytes = sum(f.stat().st_size for f in server.path.rglob("*") if f.is_file())
    print(f"dev corpus: {shared['articles']:,} articles, {shared['chunks']:,} chunks\n")
    print("| | seconds | peak RSS MB |")
    print("|---|---|---|")
    print(
        f"| build, embedded Chroma on disk (default) | {embedded['build_s']:.1f} | "
        f"{embedded['rss_mb']:,.0f} |"
    )
    print(
        f"| build into a Chroma server, vectors only | {plain['build_s']:.1f} | "
        f"{plain['rss_mb']:,.0f} |"
    )
    print(
        f"| build into a Chroma server + article records for replicas | "
        f"{shared['build_s']:.1f} | {shared['rss_mb']:,.0f} |"
    )
    print(
        f"| replica, empty data dir: first sync ({replica['articles']:,} articles, "
        f"{replica['chunks']:,} chunks; server holds {replica['vectors']:,} vectors) | "
        f"{replica['sync_s']:.1f} | {replica['rss_mb']:,.0f} |"
    )
    print(f"| +1 article on the indexer (open + update + publish) | {replica['add_one_s']:.2f} | |")
    print(
        f"| ... until the replica has it (poll every 2 s) | {replica['replica_follow_s']:.2f} | |"
    )
    ratio = shared["build_s"] / plain["build_s"]
    print(
        f"\nrecords for replicas cost x{ratio:.2f} of the vectors-only server build; "
        f"server storage after both builds: {server_bytes / 1e6:,.0f} MB"
    )


if __name__ == "__main__":
    main()
