"""What a question can be put to: `stream` it, or `ask` and wait for the final answer.

`Assistant` (one question) and `ChatSession` (a conversation) each say how they
stream an answer; waiting for it is the same for both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from typing_extensions import Unpack

from assistant.answer.base import AnswerStream
from assistant.query.filters import FilterArgs, Filters
from assistant.types import Answer, Passage

if TYPE_CHECKING:
    from assistant.answer.base import Answerer
    from assistant.planning import QueryPlan


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


class Plans(Protocol):
    """What a conversation asks through (`Assistant`): it rewrites a follow-up with the
    answerer, plans the standalone question and answers the plan."""

    @property
    def answerer(self) -> Answerer: ...

    def plan(
        self, question: str, filters: Filters | None = None, **given: Unpack[FilterArgs]
    ) -> QueryPlan: ...

    def stream_plan(self, plan: QueryPlan, asked: str | None = None) -> Iterator[str | Answer]: ...


class RetrievesAndAsks(Protocol):
    """What the llama-index adapters wrap (`Assistant`): passages for a question, and the
    answer to it, whole or streamed."""

    def retrieve(
        self,
        question: str,
        k: int = 10,
        filters: Filters | None = None,
        **given: Unpack[FilterArgs],
    ) -> list[Passage]: ...

    def stream(
        self, question: str, filters: Filters | None = None, **given: Unpack[FilterArgs]
    ) -> AnswerStream: ...

    def ask(
        self, question: str, filters: Filters | None = None, **given: Unpack[FilterArgs]
    ) -> Answer: ...
