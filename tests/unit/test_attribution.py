"""Answers say who reported what, and when."""

from __future__ import annotations

import pytest

from assistant.answer.attribution import attribution_note
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.query.recency import human_date
from assistant.types import Passage

pytestmark = pytest.mark.unit


def _passage(text: str, **kw: object) -> Passage:
    base: dict[str, object] = {
        "text": text,
        "article_id": "a1",
        "title": "Flood toll rises",
        "source": "cnn.com",
        "url": None,
        "published": "2022-06-12",
        "score": 1.0,
        "start": 0,
        "end": len(text),
    }
    base.update(kw)
    return Passage(**base)  # type: ignore[arg-type]


def test_attribution_names_outlet_and_date() -> None:
    assert attribution_note(_passage("x")) == "CNN, 12 June 2022"
    assert attribution_note(_passage("x", published=None)) == "CNN"
    assert attribution_note(_passage("x", source=None)) == "12 June 2022"
    assert attribution_note(_passage("x", source=None, published=None)) == ""
    assert human_date("2022-06-12T08:00:00+00:00") == "12 June 2022"
    assert human_date("not a date") is None


def test_extractive_answer_is_attributed_once_per_article() -> None:
    text = (
        "Heavy rain hit the valley on Friday. At least 40 people were killed in the floods "
        "in the Kanto valley, officials said. Rescue teams searched for 12 missing people "
        "in the Kanto valley floods."
    )
    answer = ExtractiveAnswerer(semantic=False).answer(
        "How many people were killed in the Kanto valley floods?", [_passage(text)]
    )
    assert not answer.abstained
    assert answer.text.startswith("At least 40 people [1]")
    assert answer.text.count("(CNN, 12 June 2022)") == 1
    # The quote itself stays verbatim: attribution is outside the cited sentence.
    for c in answer.citations:
        assert text[c.start : c.end] == c.quote
