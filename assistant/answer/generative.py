"""The LLM-backed answerer: numbered sources in, streamed answer out, citations verified.

Whatever the model writes, the final `Answer` only carries `[n]` markers that
`citations.verify` could back with a quote from the cited passage. An answer in which
no citation survives is not shown as fact: it becomes an abstention, with a note.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from typing import Any

from llama_index.core.llms import LLM

from assistant.answer import prompts
from assistant.answer.abstain import AbstentionPolicy, abstention_text, measure_support
from assistant.answer.base import AnswerStream
from assistant.answer.budget import count_tokens, fit_passages, trim_to_tokens
from assistant.answer.citations import DEFAULT_MIN_SUPPORT, strip_markers, verify
from assistant.answer.llm import (
    LLMSettings,
    LLMUnavailable,
    backend_name,
    build_llm,
    call,
    model_name,
    server_url,
    translate_errors,
)
from assistant.types import Answer, Passage

logger = logging.getLogger(__name__)

# Chat-template tokens the server adds around each message (an estimate).
MESSAGE_OVERHEAD_TOKENS = 16
HISTORY_ANSWER_TOKENS = 120
_THINK_RE = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_CONDENSE_PREFIX_RE = re.compile(
    r"^\s*(?:standalone question|rewritten question|question)\s*:\s*", re.IGNORECASE
)

NOTE_WITHHELD = (
    "The model's answer was withheld: none of its citations could be verified against the sources."
)
NOTE_NO_PASSAGES = "No passages were retrieved for this question."
NOTE_NO_ROOM = "The question leaves no room for sources in the model's context."
DEFAULT_POLICY = AbstentionPolicy()
NOTE_UNSUPPORTED = "The retrieved passages do not support an answer (support {p:.2f} < {t:.2f})."
NOTE_UNMENTIONED = "No retrieved passage mentions {names}, which the question names."


class GenerativeAnswerer:
    """Implements the `Answerer` protocol with a llama-index `LLM`."""

    def __init__(
        self,
        llm: LLM,
        *,
        context_tokens: int = 3000,
        max_passages: int = 8,
        timeout: float | None = None,
        min_support: float = DEFAULT_MIN_SUPPORT,
        history_turns: int = 3,
        abstention: AbstentionPolicy | None = None,
        embedding: Any | None = None,
    ) -> None:
        """`context_tokens` bounds the prompt (instructions, sources, question), not the
        answer; `timeout` bounds one whole streamed answer in seconds (the client's own
        per-request timeout still applies). With an `abstention` policy (and ideally the
        index's `embedding`), passages that do not support an answer are not sent to the
        model at all: the answer abstains, as the extractive answerer does."""
        self.llm = llm
        self.context_tokens = context_tokens
        self.max_passages = max_passages
        self.timeout = timeout
        self.min_support = min_support
        self.history_turns = history_turns
        self.abstention = abstention
        self.embedding = embedding
        self.name = f"llm: {model_name(llm)} ({backend_name(llm)})"

    def select(self, question: str, passages: Sequence[Passage]) -> list[Passage]:
        """The passages (best first, maybe trimmed) that fit the prompt budget."""
        fixed = (
            count_tokens(prompts.SYSTEM_PROMPT)
            + count_tokens(prompts.render_question(question))
            + count_tokens("Sources:\n\n")
            + 2 * MESSAGE_OVERHEAD_TOKENS
        )
        return fit_passages(
            passages,
            self.context_tokens - fixed,
            lambda n, p: prompts.render_source(n, p) + "\n\n",
            max_passages=self.max_passages,
        )

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str | Answer]:
        if not passages:
            yield self._abstain(question, NOTE_NO_PASSAGES)
            return
        if self.abstention is not None:
            signals = measure_support(question, passages, embedding=self.embedding)
            if not self.abstention.supported(signals):
                p, t = self.abstention.probability(signals), self.abstention.threshold
                logger.info(
                    "llm gate abstained support=%.3f threshold=%.2f unmentioned=%d",
                    p,
                    t,
                    len(signals.unmentioned),
                )
                # (the support may pass while a name the question asks about is missing)
                note = (
                    NOTE_UNMENTIONED.format(names=" or ".join(signals.unmentioned))
                    if signals.unmentioned
                    else NOTE_UNSUPPORTED.format(p=p, t=t)
                )
                yield self._abstain(question, note, signals.unmentioned)
                return
        selected = self.select(question, passages)
        if not selected:
            yield self._abstain(question, NOTE_NO_ROOM)
            return
        messages = prompts.answer_messages(question, selected)
        started = time.monotonic()
        pieces: list[str] = []
        chunks = 0
        with translate_errors(self.llm, "answering"):
            for chunk in self.llm.stream_chat(messages):
                chunks += 1
                delta = chunk.delta
                if delta is None:  # some servers only send the running text
                    delta = (chunk.message.content or "")[len("".join(pieces)) :]
                if delta:
                    pieces.append(delta)
                    yield delta
                if self.timeout is not None and time.monotonic() - started > self.timeout:
                    raise LLMUnavailable(
                        f"language model {model_name(self.llm)!r} at {server_url(self.llm)} "
                        f"took longer than {self.timeout:g} s to answer",
                        url=server_url(self.llm),
                    )
        if not chunks:
            # llama.cpp's server answers a request it rejects (e.g. a prompt longer than
            # its context) with an empty 200 stream when streaming.
            raise LLMUnavailable(
                f"language model {model_name(self.llm)!r} at {server_url(self.llm)} sent an "
                "empty response; check that llm_context_tokens + llm_max_answer_tokens fit "
                "the server's context window",
                url=server_url(self.llm),
            )
        answer = self.finish(question, "".join(pieces), selected)
        logger.info(
            "llm answer model=%s passages=%d chars=%d citations=%d abstained=%s seconds=%.2f",
            model_name(self.llm),
            len(selected),
            len(answer.text),
            len(answer.citations),
            answer.abstained,
            time.monotonic() - started,
        )
        yield answer

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer:
        """The final `Answer` of `stream` (convenience for callers that do not stream)."""
        return AnswerStream(self.stream(question, passages)).answer()

    def finish(self, question: str, raw: str, passages: Sequence[Passage]) -> Answer:
        """Verify the model's full text against the passages it was shown."""
        cleaned = _THINK_RE.sub("", raw).strip()
        text, citations = verify(cleaned, passages, min_support=self.min_support)
        if citations:
            return Answer(text=text, citations=citations, question=question)
        if prompts.is_abstention(cleaned):
            return self._abstain(question)
        return self._abstain(question, NOTE_WITHHELD)

    def condense(self, history: Sequence[tuple[str, str]], question: str) -> str:
        if not history:
            return question
        turns = [
            (q, trim_to_tokens(strip_markers(a), HISTORY_ANSWER_TOKENS))
            for q, a in history[-self.history_turns :]
        ]
        messages = prompts.condense_messages(turns, question)
        response = call(self.llm, "condensing a follow-up", lambda: self.llm.chat(messages))
        standalone = _clean_condensed(response.message.content or "")
        if not standalone or len(standalone) > max(300, 4 * len(question)):
            logger.info("condense output unusable, keeping the question chars=%d", len(standalone))
            return question
        return standalone

    @staticmethod
    def _abstain(question: str, note: str | None = None, unmentioned: Sequence[str] = ()) -> Answer:
        return Answer(
            text=abstention_text(question, unmentioned),
            abstained=True,
            question=question,
            notes=[note] if note else [],
        )


def _clean_condensed(text: str) -> str:
    text = _THINK_RE.sub("", text).strip()
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = _CONDENSE_PREFIX_RE.sub("", line)
    return line.strip().strip("\"'“”").strip()


def build_generative(
    settings: LLMSettings,
    *,
    embedding: Any | None = None,
    abstention: AbstentionPolicy | None = DEFAULT_POLICY,
) -> GenerativeAnswerer | None:
    """The generative answerer the settings describe, or None when no model is configured.

    The retrieval-support gate is on by default (`abstention=None` turns it off); pass the
    index's `embedding` so it can use its semantic model.
    """
    llm = build_llm(settings)
    if llm is None:
        return None
    return GenerativeAnswerer(
        llm,
        context_tokens=settings.context_tokens,
        timeout=settings.timeout,
        abstention=abstention,
        embedding=embedding,
    )
