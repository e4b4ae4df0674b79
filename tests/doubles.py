"""Test doubles at our own interfaces.

`ScriptedLLM` is a llama-index `LLM` (a `CustomLLM`) that replies from a queue, like
llm's `MockModel.enqueue`: tests script what "the model" says and then check what our
code does with it. Prompts are recorded so tests can inspect what the model was shown.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from llama_index.core.llms import (
    CompletionResponse,
    CompletionResponseGen,
    CustomLLM,
    LLMMetadata,
)
from llama_index.core.llms.callbacks import llm_completion_callback
from pydantic import Field, PrivateAttr

_PIECE = re.compile(r"\S+\s*|\s+")


class ScriptedLLM(CustomLLM):
    """Replies with enqueued texts in order; an enqueued exception is raised instead.

    Streaming yields the reply word by word. With `fail_after` set on `enqueue`, the
    stream raises the given error after that many pieces (a server dying mid-answer).
    """

    model: str = "scripted"
    context_window: int = 8192
    prompts: list[str] = Field(default_factory=list)

    _replies: deque[tuple[str | BaseException, int | None, BaseException | None]] = PrivateAttr(
        default_factory=deque
    )

    def enqueue(
        self,
        reply: str | BaseException,
        *,
        fail_after: int | None = None,
        error: BaseException | None = None,
    ) -> ScriptedLLM:
        self._replies.append((reply, fail_after, error))
        return self

    @property
    def pending(self) -> int:
        return len(self._replies)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            model_name=self.model, context_window=self.context_window, is_chat_model=False
        )

    def _next(self, prompt: str) -> tuple[str, int | None, BaseException | None]:
        self.prompts.append(prompt)
        if not self._replies:
            raise AssertionError("ScriptedLLM called with no reply enqueued")
        reply, fail_after, error = self._replies.popleft()
        if isinstance(reply, BaseException):
            raise reply
        return reply, fail_after, error

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        reply, _, error = self._next(prompt)
        if error is not None:
            raise error
        return CompletionResponse(text=reply)

    @llm_completion_callback()
    def stream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseGen:
        reply, fail_after, error = self._next(prompt)

        def gen() -> CompletionResponseGen:
            if not reply:  # llama-index's callbacks expect at least one response
                yield CompletionResponse(text="", delta="")
            text = ""
            for i, piece in enumerate(_PIECE.findall(reply)):
                if fail_after is not None and i >= fail_after:
                    raise error or ConnectionError("scripted stream failure")
                text += piece
                yield CompletionResponse(text=text, delta=piece)

        return gen()
