"""An update's articles -> batches of chunks and their vectors, ahead of the writes.

A batch is consecutive articles (oldest first) with their chunks, up to about
`batch_chunks` chunks: what one manifest transaction stages and one Chroma write adds.
Small updates chunk in this process and embed after staging (`local_batches`). A big
one (a full build) is prepared by a helper process (`HelperBatches`): it chunks and
embeds batch after batch while this process stages, groups and writes the previous
ones, so the two halves of the build run on two cores. Chunking is pure Python and the
GIL serialises it across threads, hence a process. The helper loads the same model from
site-packages, cuts the same batches and embeds them in the same calls, so its chunks and
vectors equal what this process would compute (tests/integration/test_build_helper.py).

The helper is ``python -m index.preparation``: articles and settings arrive pickled on its
stdin, batches leave pickled on its stdout. A pipe blocks its writer when full, so the
helper is at most a batch or two ahead; if this process dies, the helper's next write
fails (broken pipe) and it exits.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import numpy as np

from index.helper_process import child_env, claim_stdout
from index.models import Article, Chunk
from index.settings import IndexSettings

logger = logging.getLogger(__name__)

EMBED_CALL_TEXTS = 64  # texts per embedding-model call (bounds padding memory)
Item = tuple[Article, list[Chunk], int | None]  # an article, its chunks, its epoch


@dataclass
class Prepared:
    """One batch: its articles with their chunks, and (from the helper) their vectors."""

    items: list[Item]
    vectors: np.ndarray | None = None  # one row per chunk in order; None: embed later
    model_name: str | None = None


def epoch(published: str | None) -> int | None:
    from index.dates import published_epoch

    try:
        return published_epoch(published)
    except ValueError:
        logger.warning("unparseable published date kept without epoch value=%r", published)
        return None


def local_batches(
    articles: list[Article], settings: IndexSettings, batch_chunks: int
) -> Iterator[list[Item]]:
    """Chunk the articles in this process, a batch at a time."""
    from index.chunking import chunk_article

    batch: list[Item] = []
    n_chunks = 0
    for article in articles:
        chunks = chunk_article(
            article, max_tokens=settings.chunk_tokens, overlap=settings.chunk_overlap
        )
        batch.append((article, chunks, epoch(article.published)))
        n_chunks += len(chunks)
        if n_chunks >= batch_chunks:
            yield batch
            batch, n_chunks = [], 0
    if batch:
        yield batch


def batch_texts(items: list[Item]) -> list[str]:
    """What gets embedded and BM25-indexed for each chunk of a batch, in order."""
    from index.chunking import indexed_text

    return [indexed_text(a.title, c.text) for a, chunks, _ in items for c in chunks]


def embed_in_calls(model: Any, texts: list[str]) -> np.ndarray:
    """Embeddings as a float32 matrix (one row per text)."""
    if hasattr(model, "embed_array"):
        # Small calls: WordLlama pads each call to its longest text, so one call over a
        # whole batch peaked ~220 MB higher (2,048 texts) and was slower than 64 at a time.
        parts = [
            np.asarray(model.embed_array(texts[lo : lo + EMBED_CALL_TEXTS]), dtype=np.float32)
            for lo in range(0, len(texts), EMBED_CALL_TEXTS)
        ]
        return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)
    return np.asarray(model.get_text_embedding_batch(texts), dtype=np.float32)


class HelperBatches:
    """The batches of `local_batches`, chunked and embedded by a helper process.

    Iterate once; `close` (or leaving the `with` block) stops the helper if it still runs.
    """

    def __init__(self, articles: list[Article], settings: IndexSettings, batch_chunks: int):
        self._articles = articles
        self._process = subprocess.Popen(
            [sys.executable, "-m", "index.preparation"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=child_env(),
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._stdout: IO[bytes] = self._process.stdout
        # Sent from a thread: the helper reads them once it has started (~1 s of imports),
        # and this process meanwhile gets on with its own start.
        update = (settings, batch_chunks, articles)
        threading.Thread(
            target=_send, args=(update, self._process.stdin), name="newsdesk-helper-input"
        ).start()

    def __enter__(self) -> HelperBatches:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Prepared]:
        done = 0
        while done < len(self._articles):
            try:
                message = pickle.load(self._stdout)
            except (EOFError, pickle.UnpicklingError):  # it died, maybe in the middle of one
                code = self._process.wait()
                raise RuntimeError(
                    f"the build's helper process (python -m index.preparation) ended with exit "
                    f"code {code} before it prepared every article (its errors are above)"
                ) from None
            if isinstance(message, BaseException):
                raise message
            chunk_lists, epochs, vectors, model_name = message
            articles = self._articles[done : done + len(chunk_lists)]
            done += len(articles)
            items = list(zip(articles, chunk_lists, epochs, strict=True))
            yield Prepared(items, vectors, model_name)

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._stdout.close()


def _send(update: object, sink: IO[bytes]) -> None:
    try:
        with sink:
            pickle.dump(update, sink, protocol=5)
    except (BrokenPipeError, ValueError):
        pass  # the helper died or was stopped: reading its output says why


def _serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """The helper's loop: read the update, write its batches (or the error that stopped it)."""
    from index.write_encoder import build_encoder

    settings, batch_chunks, articles = pickle.load(source)
    try:
        model = build_encoder(settings)
        for items in local_batches(articles, settings, batch_chunks):
            vectors = embed_in_calls(model, batch_texts(items))
            message = ([c for _, c, _ in items], [e for _, _, e in items], vectors)
            pickle.dump((*message, model.model_name), sink, protocol=5)
            sink.flush()
    except BrokenPipeError:
        raise
    except Exception as exc:  # handed to the parent, which raises it
        try:
            data = pickle.dumps(exc, protocol=5)
        except Exception:  # an exception that does not pickle: its message does
            data = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"), protocol=5)
        sink.write(data)
        sink.flush()


def main() -> None:
    # The batches go out on the original stdout; anything printed goes to stderr.
    sink = os.fdopen(claim_stdout(), "wb")
    logging.basicConfig(level=logging.WARNING)
    try:
        _serve(sys.stdin.buffer, sink)
        sink.close()
    except BrokenPipeError:  # the parent is gone: nobody to tell
        os._exit(1)


if __name__ == "__main__":
    main()
