"""Token budget for the generative answerer's prompt (tiktoken cl100k).

Servers count tokens with their own tokenizer, so the budget is an estimate: keep
`context_tokens` a little below the model's real context minus the answer length.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Sequence

from assistant.types import Passage
from index.tokens import count_tokens, encoding

logger = logging.getLogger(__name__)

# A passage is trimmed (rather than dropped) only if at least this much of it fits.
MIN_TRIMMED_TOKENS = 48
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")

__all__ = ["count_tokens", "fit_passages", "trim_to_tokens"]


def trim_to_tokens(text: str, max_tokens: int) -> str:
    """The longest prefix of `text` within `max_tokens`, cut at a sentence end if possible."""
    if max_tokens <= 0:
        return ""
    enc = encoding()
    tokens = enc.encode_ordinary(text)
    if len(tokens) <= max_tokens:
        return text
    prefix = enc.decode(tokens[:max_tokens])
    # Decoding a cut can split a multi-byte character; tiktoken replaces it with U+FFFD.
    prefix = prefix.rstrip("\ufffd")
    if not text.startswith(prefix):  # never expected; keeps offsets exact regardless
        prefix = text[: len(prefix)]
    ends = [m.end() for m in _SENTENCE_END.finditer(prefix)]
    if ends and ends[-1] >= len(prefix) // 3:
        return prefix[: ends[-1]].rstrip()
    return prefix.rstrip()


def fit_passages(
    passages: Sequence[Passage],
    budget: int,
    render: Callable[[int, Passage], str],
    *,
    max_passages: int | None = None,
) -> list[Passage]:
    """Passages (best first) whose rendered blocks fit in `budget` tokens together.

    `render(number, passage)` is the block as it appears in the prompt. Passages are
    taken in order; the first that does not fit is trimmed to the room left (when
    enough is left to be useful) and the rest are dropped. A trimmed passage keeps its
    `start`; its `text` and `end` shrink, so citation offsets stay valid.
    """
    chosen: list[Passage] = []
    used = 0
    limit = len(passages) if max_passages is None else max_passages
    for passage in passages[:limit]:
        number = len(chosen) + 1
        cost = count_tokens(render(number, passage))
        if used + cost <= budget:
            chosen.append(passage)
            used += cost
            continue
        overhead = count_tokens(render(number, dataclasses.replace(passage, text="")))
        room = budget - used - overhead
        if room >= MIN_TRIMMED_TOKENS:
            text = trim_to_tokens(passage.text, room)
            # Rendering strips and sanitises; shave further until the block really fits.
            while text and used + count_tokens(render(number, _with_text(passage, text))) > budget:
                text = trim_to_tokens(text, max(count_tokens(text) - 8, 0))
            if text:
                chosen.append(_with_text(passage, text))
                used += count_tokens(render(number, chosen[-1]))
        break
    dropped = len(passages) - len(chosen)
    if dropped or (chosen and chosen[-1].text != passages[len(chosen) - 1].text):
        logger.info(
            "prompt budget applied budget=%d used=%d kept=%d dropped=%d",
            budget,
            used,
            len(chosen),
            dropped,
        )
    return chosen


def _with_text(passage: Passage, text: str) -> Passage:
    return dataclasses.replace(passage, text=text, end=passage.start + len(text))
