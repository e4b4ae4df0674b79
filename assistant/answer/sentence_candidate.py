"""A sentence of a retrieved passage considered as an answer: where it stands, its terms,
and the features the extractive answerer scores it by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Candidate:
    """One sentence of one passage with its features and final score."""

    passage_index: int
    text: str
    start: int  # offset in the passage text
    end: int
    terms: list[str]
    bm25: float = 0.0
    coverage: float = 0.0
    passage_coverage: float = 0.0
    proximity: float = 0.0
    similarity: float = 0.0
    answer_type: float = 0.0
    novelty: float = 0.0
    focus: float = 0.0
    echo: float = 0.0  # 1 when it writes a phrase the question quotes
    article_start: int = 0
    score: float = 0.0
    vector: Any = None
    in_title: bool = False  # the passage's headline (offsets are within the title)
