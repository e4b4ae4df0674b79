"""A conversation with the assistant: follow-ups resolved, citations numbered per session.

Each follow-up is rewritten into a standalone question by the answerer's
`condense` (an LLM rewrites it; the extractive answerer carries the previous
topic's key terms) before retrieval. Citation numbers are kept consistent for the
whole session: the same sentence of the same article keeps its number in every
later answer, and new sources continue the count.
"""

from __future__ import annotations

import re
from dataclasses import replace

from typing_extensions import Unpack

from assistant.answer.base import AnswerStream
from assistant.asking import Asks, Plans
from assistant.query.filters import FilterArgs, Filters, filters_from
from assistant.types import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")


class ChatSession(Asks):
    """One conversation. `history` holds the last `max_turns` (question as asked, final
    Answer) pairs."""

    def __init__(
        self,
        assistant: Plans,
        filters: Filters | None = None,
        *,
        max_turns: int = 6,
    ) -> None:
        self.assistant = assistant
        self.filters = filters or Filters()
        self.max_turns = max_turns
        self.history: list[tuple[str, Answer]] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def reset(self) -> None:
        """Forget the conversation (and the citation numbering)."""
        self.history.clear()
        self._numbers.clear()

    def standalone(self, question: str) -> str:
        """The follow-up rewritten against the recent turns (unchanged on the first turn)."""
        if not self.history:
            return question
        # Each turn as it was understood (its standalone form carries the names a pronoun
        # pointed at), and an abstention's text names nothing ("None of the retrieved ...").
        turns = [
            (a.standalone_question or q, "" if a.abstained else a.text)
            for q, a in self.history[-self.max_turns :]
        ]
        rewritten = self.assistant.answerer.condense(turns, question).strip()
        return rewritten or question

    def stream(
        self,
        question: str,
        filters: Filters | None = None,
        **given: Unpack[FilterArgs],
    ) -> AnswerStream:
        """The turn's answer as it is produced (renumbered for the session at the end).

        Filters given here apply to this turn; those not given fall back to the
        session's own (set when it was created).
        """
        if not question.strip():
            raise ValueError("the question is empty")
        turn = filters_from(filters, **given)
        standalone = self.standalone(question)
        plan = self.assistant.plan(standalone, turn.over(self.filters))

        def finish(answer: Answer) -> Answer:
            answer = self._renumber(answer)
            if standalone == question:
                answer = replace(answer, standalone_question="")
            self.history.append((question, answer))
            # Only the last turns are ever read (to resolve follow-ups); a long conversation
            # must not keep every answer, with its passages, for the session's lifetime.
            del self.history[: -self.max_turns]
            return answer

        return AnswerStream(self.assistant.stream_plan(plan, asked=question), finish)

    def _renumber(self, answer: Answer) -> Answer:
        """Map the answer's local [n] to session-wide numbers, keyed by the quoted span."""
        if not answer.citations:
            return answer
        mapping: dict[int, int] = {}
        citations: list[Citation] = []
        for cit in answer.citations:
            key = (cit.article_id, cit.start, cit.end)
            number = self._numbers.setdefault(key, len(self._numbers) + 1)
            mapping[cit.number] = number
            citations.append(replace(cit, number=number))

        def sub(m: re.Match[str]) -> str:
            old = int(m.group(1))
            return f"[{mapping[old]}]" if old in mapping else m.group(0)

        return replace(answer, text=_MARKER.sub(sub, answer.text), citations=citations)
