"""The interface every answerer implements (extractive default, LLM-backed option)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from assistant.types import Answer, Passage


class Answerer(Protocol):
    """Turns a question and retrieved passages into an answer with verified citations."""

    name: str  # shown in the UI status line, e.g. "extractive" or "llm: qwen2.5 (openai-like)"

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str | Answer]:
        """Yield text pieces as they are produced, then exactly one final `Answer`.

        The final Answer's text carries only verified `[n]` markers, numbered 1..m in
        order of first use, with `citations[i].number == i + 1`; `abstained` is True
        (and the text says so plainly) when the passages do not answer the question.
        """
        ...

    def condense(self, history: Sequence[tuple[str, str]], question: str) -> str:
        """Rewrite a follow-up into a standalone question, given (question, answer) turns."""
        ...


def final_answer(pieces: Iterable[str | Answer]) -> Answer:
    """Drain a stream of text pieces and return its final `Answer`."""
    final: Answer | None = None
    for piece in pieces:
        if isinstance(piece, Answer):
            final = piece
    if final is None:  # a stream broke the protocol; say so rather than return nothing
        raise RuntimeError("the answer stream ended without a final Answer")
    return final
