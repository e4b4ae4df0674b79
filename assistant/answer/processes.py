"""The built-in answerer in worker processes, so a server's answers use every core.

One Python process runs Python code on one core at a time (the GIL): the web app's
retrieval, its event loop and the extractive answerer's sentence scoring all took turns
on it, and a second core sat mostly idle (two separate processes asking the same
questions answered 2.2x as many a second as one). `ProcessAnswerer` keeps the
`Answerer` interface and sends each question with its retrieved passages to an idle
worker process, which runs the same `ExtractiveAnswerer` over the same WordLlama vectors
and sends the pieces back as it produces them; retrieval (Chroma, BM25) stays in the
server process.

Workers are new Python processes (`python -m assistant.answer.processes`: not forks of
the server, which runs Chroma's native threads) talking over their stdin and stdout; they
import no llama-index, gradio, Chroma or pydantic (~87 MB when started, ~145 MB with full
caches) and read WordLlama's files from site-packages as the server does. A worker that
dies is replaced, and the question it was answering is answered in the server process
instead, so a user never sees the failure; a worker that cannot start at all turns the
pool off (logged once) and every answer is computed in the server process as before.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from assistant.answer.base import Answerer
from assistant.answer.followup import condense_followup
from assistant.types import Answer, Passage
from index.helper_process import child_env, claim_stdout

logger = logging.getLogger(__name__)

_STOP = None  # sent to a worker: finish
WAIT_SECONDS = 0.5  # how often a question waiting for a worker checks that the pool is on


def worker_command(log_level: int) -> list[str]:
    """The command line of a worker process (`python -m assistant.answer.processes LEVEL`)."""
    return [sys.executable, "-m", "assistant.answer.processes", str(log_level)]


def _serve(reader: Connection, writer: Connection) -> None:
    """Answer (question, passages) requests until the server goes away."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from index.encoders import WordLlamaEncoder

    answerer = ExtractiveAnswerer(embedding=WordLlamaEncoder())  # type: ignore[arg-type]
    answerer._vector_cache()  # load the model before the first question
    writer.send(("ready", None))
    while True:
        try:
            request = reader.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if request is _STOP:
            return
        question, passages = request
        try:
            for piece in answerer.stream(question, passages):
                writer.send(("answer", piece) if isinstance(piece, Answer) else ("piece", piece))
        except Exception as exc:  # reported to the server, which answers it itself
            writer.send(("error", f"{type(exc).__name__}: {exc}"))


def main() -> None:
    """A worker process: requests on stdin, answers on stdout (anything printed goes to
    stderr), log records to stderr at the server's level (the first argument)."""
    level = int(sys.argv[1]) if len(sys.argv) > 1 else logging.WARNING
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s (answer worker) %(message)s"
    )
    reader = Connection(os.dup(0), writable=False)
    writer = Connection(claim_stdout(), readable=False)
    try:
        _serve(reader, writer)
    except BrokenPipeError:  # the server is gone: nobody to tell
        os._exit(1)


class WorkerFailed(RuntimeError):
    """A worker process stopped or failed while answering."""


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    writer: Connection
    reader: Connection
    ready: bool = False

    @classmethod
    def start(cls, command: list[str]) -> _Worker:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_env()
        )
        assert process.stdin is not None and process.stdout is not None
        writer = Connection(os.dup(process.stdin.fileno()), readable=False)
        reader = Connection(os.dup(process.stdout.fileno()), writable=False)
        process.stdin.close()
        process.stdout.close()
        return cls(process, writer, reader)

    def send(self, message: Any) -> None:
        try:
            self.writer.send(message)
        except (OSError, ValueError) as exc:
            raise WorkerFailed(f"answer worker {self.process.pid} stopped") from exc

    def receive(self) -> tuple[str, Any]:
        try:
            kind, payload = self.reader.recv()
        except (EOFError, OSError) as exc:
            raise WorkerFailed(f"answer worker {self.process.pid} stopped") from exc
        if kind == "ready":
            self.ready = True
            return self.receive()
        return kind, payload

    def close(self) -> None:
        self.writer.close()
        self.reader.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.writer.send(_STOP)
        self.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self.close()


class ProcessAnswerer:
    """`ExtractiveAnswerer` run in `workers` worker processes (see the module notes).

    `local` builds the in-process answerer used when a worker fails or none can start.
    Thread-safe: each question takes an idle worker for the time it is answered.
    """

    name = "extractive"

    def __init__(
        self,
        workers: int,
        local: Callable[[], Answerer],
        command: list[str] | None = None,
    ) -> None:
        """`command`: how a worker process is started (`worker_command`; tests give others)."""
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self._command = command or worker_command(logging.getLogger().getEffectiveLevel())
        self._local_factory = local
        self._local: Answerer | None = None
        self._lock = threading.Lock()
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: list[_Worker] = []
        self._broken = False
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker.start(self._command)
        with self._lock:
            self._all.append(worker)
        return worker

    @property
    def local(self) -> Answerer:
        with self._lock:
            if self._local is None:
                self._local = self._local_factory()
            return self._local

    @property
    def broken(self) -> bool:
        """Whether the workers could not start (answers are computed in this process)."""
        return self._broken

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (for measuring their memory)."""
        with self._lock:
            return [w.process.pid for w in self._all]

    def stream(
        self, question: str, passages: Sequence[Passage]
    ) -> Generator[str | Answer, None, None]:
        worker = self._take()
        if worker is None:
            yield from self.local.stream(question, passages)
            return
        passages = list(passages)
        finished = streamed = False
        try:
            worker.send((question, passages))
            while True:
                kind, payload = worker.receive()
                if kind == "piece":
                    streamed = True
                    yield payload
                    continue
                finished = True
                if kind == "answer":
                    yield payload
                    return
                break  # "error": the worker is fine, the question failed in it
            logger.warning("answer worker error, answering in the server: %s", payload)
        except WorkerFailed as exc:
            finished = True
            worker = self._replace(worker, exc)
            if streamed:  # pieces already shown cannot be taken back
                raise
            logger.warning("answer worker failed, answering in the server: %s", exc)
        finally:
            if worker is not None and not finished:
                worker = self._drain(worker)  # the caller stopped reading this answer
            if worker is not None:
                self._idle.put(worker)
        yield from self.local.stream(question, passages)

    def _take(self) -> _Worker | None:
        """An idle worker (waiting for one), or None when the pool is off."""
        while not (self._broken or self._closed):
            try:
                return self._idle.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                continue
        return None

    def _drain(self, worker: _Worker) -> _Worker | None:
        """Read the rest of an answer nobody reads any more, so the worker is free again."""
        try:
            while worker.receive()[0] == "piece":
                pass
            return worker
        except WorkerFailed as exc:
            return self._replace(worker, exc)

    def _replace(self, worker: _Worker, exc: Exception) -> _Worker | None:
        """A new worker instead of a failed one; None (and the pool off) when the failed
        one never started."""
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        worker.kill()
        if not worker.ready:
            if not self._broken:
                logger.error(
                    "answer workers cannot start (%s); answering in the server process", exc
                )
            self._broken = True
        if self._broken or self._closed:
            return None
        return self._start()

    def condense(self, history: Sequence[tuple[str, str]], question: str) -> str:
        return condense_followup(history, question)

    def close(self) -> None:
        """Stop the workers (answers after this are computed in this process)."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), []
        for worker in workers:
            worker.stop()


if __name__ == "__main__":
    main()
