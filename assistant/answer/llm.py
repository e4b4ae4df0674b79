"""Language models for the generative answerer, as llama-index `LLM` objects.

`build_llm(settings)` returns None when no model is configured (the extractive
answerer is used then), an `OpenAILike` client for any OpenAI-compatible server
(OpenAI, vLLM, llama.cpp's server, LM Studio) or an `Ollama` client. Imports are
lazy so a missing integration only fails when it is asked for, with an install hint.

Failures talking to the server are turned into `LLMUnavailable`, whose message
names the server URL and never the API key.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from llama_index.core.llms import LLM

from assistant.settings import LLMSettings

logger = logging.getLogger(__name__)

DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
# Local servers ignore the key, but the OpenAI client refuses to start without one.
_PLACEHOLDER_KEY = "not-needed"

T = TypeVar("T")


class LLMError(RuntimeError):
    """Base class for language-model problems the UI and CLI show to the user."""


class LLMConfigError(LLMError):
    """The language-model settings are incomplete or name an unknown backend."""


class LLMUnavailable(LLMError):
    """The model server could not be reached, timed out or sent a bad response."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


def _lazy(module: str, attr: str, install: str) -> Any:
    try:
        return getattr(importlib.import_module(module), attr)
    except ImportError as exc:
        raise LLMConfigError(f"{module} is not installed: pip install {install}") from exc


def build_llm(settings: LLMSettings) -> LLM | None:
    """The language model named by the settings, or None when the backend is "none"."""
    backend = (settings.backend or "none").lower()
    max_retries = settings.max_retries
    llm: LLM
    match backend:
        case "none":
            return None
        case "openai-like" | "openai":
            if not settings.api_base:
                raise LLMConfigError(
                    f"llm_backend {backend!r} needs NEWSDESK_LLM_API_BASE, the server's "
                    "OpenAI-compatible URL, e.g. http://127.0.0.1:8000/v1 "
                    "(llama-cpp-python, vLLM), http://127.0.0.1:1234/v1 (LM Studio) or "
                    "https://api.openai.com/v1"
                )
            if not settings.model:
                raise LLMConfigError(
                    f"llm_backend {backend!r} needs NEWSDESK_LLM_MODEL, the model name the "
                    "server expects (any name for a single-model llama.cpp server)"
                )
            cls = _lazy(
                "llama_index.llms.openai_like", "OpenAILike", "llama-index-llms-openai-like"
            )
            llm = cls(
                model=settings.model,
                api_base=settings.api_base,
                api_key=(
                    settings.api_key.get_secret_value() if settings.api_key else _PLACEHOLDER_KEY
                ),
                is_chat_model=True,
                context_window=settings.context_tokens + settings.max_answer_tokens,
                max_tokens=settings.max_answer_tokens,
                temperature=settings.temperature,
                timeout=settings.timeout,
                max_retries=max_retries,
            )
        case "ollama":
            if not settings.model:
                raise LLMConfigError(
                    "llm_backend 'ollama' needs NEWSDESK_LLM_MODEL, e.g. llama3.2 "
                    "(see `ollama list`)"
                )
            cls = _lazy("llama_index.llms.ollama", "Ollama", "llama-index-llms-ollama")
            # An explicit context window: the default (-1) asks the server at first use.
            llm = cls(
                model=settings.model,
                base_url=settings.api_base or DEFAULT_OLLAMA_URL,
                request_timeout=settings.timeout,
                temperature=settings.temperature,
                context_window=settings.context_tokens + settings.max_answer_tokens,
                additional_kwargs={"num_predict": settings.max_answer_tokens},
            )
        case _:
            raise LLMConfigError(
                f"unknown llm_backend {settings.backend!r}: use 'none', 'openai-like' "
                "or 'ollama' (NEWSDESK_LLM_BACKEND)"
            )
    logger.info(
        "llm configured backend=%s model=%s url=%s timeout=%s max_retries=%s",
        backend,
        settings.model,
        server_url(llm),
        settings.timeout,
        max_retries,
    )
    return llm


def backend_name(llm: LLM) -> str:
    """A short backend label for status lines: "openai-like", "ollama" or the class name."""
    match type(llm).__name__:
        case "OpenAILike" | "OpenAI":
            return "openai-like"
        case "Ollama":
            return "ollama"
        case other:
            return other


def model_name(llm: LLM) -> str:
    model = getattr(llm, "model", None) or getattr(llm.metadata, "model_name", None)
    return str(model or "unknown")


def server_url(llm: LLM) -> str | None:
    """Where the model is served (no credentials): `api_base` or `base_url`."""
    url = getattr(llm, "api_base", None) or getattr(llm, "base_url", None)
    return str(url) if url else None


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Exception types that mean "the server failed", not "our code is wrong"."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    for module, attr in (
        ("openai", "APIError"),
        ("openai", "OpenAIError"),
        ("httpx", "HTTPError"),
        ("httpx", "StreamError"),
        ("ollama", "ResponseError"),
        ("ollama", "RequestError"),
    ):
        try:
            errors.append(getattr(importlib.import_module(module), attr))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


def _redact(message: str, llm: LLM) -> str:
    key = getattr(llm, "api_key", None)
    if isinstance(key, str) and len(key) >= 4 and key != _PLACEHOLDER_KEY:
        message = message.replace(key, "***")
    return message


def unavailable(llm: LLM, exc: BaseException, action: str) -> LLMUnavailable:
    """An `LLMUnavailable` for a failed call: URL, error type and message, never the key."""
    url = server_url(llm)
    kind = type(exc).__name__
    detail = _redact(str(exc).strip() or kind, llm)
    where = f" at {url}" if url else ""
    text = f"language model {model_name(llm)!r}{where} failed while {action}: {kind}: {detail}"
    if "timeout" in kind.lower():
        text += f" (timeout {getattr(llm, 'timeout', getattr(llm, 'request_timeout', '?'))} s)"
    return LLMUnavailable(text, url=url)


@contextmanager
def translate_errors(llm: LLM, action: str) -> Iterator[None]:
    """Re-raise server/transport failures inside the block as `LLMUnavailable`."""
    try:
        yield
    except LLMUnavailable:
        raise
    except _transport_errors() as exc:
        error = unavailable(llm, exc, action)
        logger.warning(
            "llm call failed action=%s url=%s error=%s", action, error.url, type(exc).__name__
        )
        raise error from exc


def call(llm: LLM, action: str, fn: Callable[[], T]) -> T:
    """Run `fn()` (one request to the model) with errors translated."""
    with translate_errors(llm, action):
        return fn()
