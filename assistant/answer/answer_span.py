"""A short answer found in a sentence: its text, where it stands, what kind it is.

`span_key` folds the ways one thing is written ("the Kremlin" / "Kremlin", "2,100" /
"2100") into one key, so spans from different sentences and reports count as one answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.targets import Target
from index.text.terms import fold


@dataclass(frozen=True)
class Span:
    text: str
    start: int  # offsets within the sentence
    end: int
    kind: Target
    strength: float  # 0..1: how clearly this is the kind asked for


# Words that hedge a figure ("more than 2,100"): part of the span, not of its key.
QUALIFIERS = (
    r"more than|less than|fewer than|at least|at most|about|around|nearly|almost|over|up to|"
    r"roughly|some|an estimated|approximately"
)


def span_key(text: str) -> str:
    """Spans that name the same thing share a key ("the Kremlin" / "Kremlin", "2,100" / "2100")."""
    folded = fold(text).replace(",", "").replace('"', "")  # (a nickname's quotes)
    folded = re.sub(r"^(?:the|a|an)\s+", "", folded)
    folded = re.sub(rf"^(?:{QUALIFIERS})\s+", "", folded)
    folded = re.sub(r"'s$", "", folded)
    return " ".join(folded.split())
