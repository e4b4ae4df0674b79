"""The interface every answerer implements (extractive default, LLM-backed option)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
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


class AnswerStream:
    """An answer as it is produced: iterate it for text pieces, then `.answer()`.

    `.answer()` drains whatever is left and returns the verified `Answer`; `.revised`
    says whether verification changed the text that was streamed (e.g. a model's
    unsupported `[n]` was dropped), so a UI can replace what it showed.
    """

    def __init__(
        self,
        pieces: Iterable[str | Answer],
        finish: Callable[[Answer], Answer] | None = None,
    ) -> None:
        self._pieces = iter(pieces)
        self._finish = finish
        self._final: Answer | None = None
        self._streamed: list[str] = []

    def __iter__(self) -> Iterator[str]:
        for piece in self._pieces:
            if isinstance(piece, Answer):
                self._final = self._finish(piece) if self._finish else piece
            else:
                self._streamed.append(piece)
                yield piece

    def answer(self) -> Answer:
        for _ in self:
            pass
        if self._final is None:  # a stream broke the protocol; say so rather than hang
            raise RuntimeError("the answer stream ended without a final Answer")
        return self._final

    @property
    def streamed(self) -> str:
        """The text streamed so far."""
        return "".join(self._streamed)

    @property
    def revised(self) -> bool:
        return self.answer().text != self.streamed
