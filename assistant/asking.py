"""What a question can be put to: `stream` it, or `ask` and wait for the final answer.

`Assistant` (one question) and `ChatSession` (a conversation) each say how they
stream an answer; waiting for it is the same for both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from typing_extensions import Unpack

from assistant.answer.base import AnswerStream
from assistant.query.filters import FilterArgs, Filters
from assistant.types import Answer


class Asks(ABC):
    @abstractmethod
    def stream(
        self, question: str, filters: Filters | None = None, **given: Unpack[FilterArgs]
    ) -> AnswerStream:
        """The answer as it is produced: iterate for text, then `.answer()` (verified)."""

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        **given: Unpack[FilterArgs],
    ) -> Answer:
        """The final answer (no streaming)."""
        return self.stream(question, filters, **given).answer()
