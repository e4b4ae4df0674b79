"""Conversations as the browser stores them: plain data, never changed in place."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from assistant.types import Answer, Citation, DateRange
from ui import conversations as convs

pytestmark = pytest.mark.unit


def answer() -> Answer:
    cite = Citation(
        1, "a1", "Title", "cnn.com", None, "2022-06-01", "quote", 0, 5, 0.5, "quote.", ("BBC",)
    )
    return Answer(
        "Text [1].", [cite], question="q", date_range=DateRange(None, date(2022, 6, 30), "June")
    )


def test_answers_round_trip_through_the_stored_dict() -> None:
    original = answer()
    assert convs.answer_from_dict(original.to_dict()) == original


def test_turns_start_a_conversation_and_the_newest_comes_first() -> None:
    store = convs.normalise(None)
    frozen = copy.deepcopy(store)
    one = convs.add_turn(store, convs.make_turn("First question " * 10, answer(), turn_id="t1"))
    assert store == frozen  # not changed in place
    assert convs.active(one)["title"].endswith("…") and len(convs.active(one)["title"]) <= 60
    two = convs.add_turn(
        convs.select(one, None), convs.make_turn("Second", None, turn_id="t2", error="x")
    )
    assert [label for label, _ in convs.choices(two)] == [
        "Second · 1 question",
        convs.active(one)["title"] + " · 1 question",
    ]
    trimmed, last = convs.drop_last_turn(two)
    assert last is not None and last["id"] == "t2" and convs.active(trimmed)["turns"] == []


def test_damaged_or_foreign_values_become_an_empty_store() -> None:
    assert convs.normalise("test") == convs.empty_store()
    assert convs.normalise({"v": 1, "active": "gone", "items": [{"id": 3}]}) == convs.empty_store()


def test_old_conversations_are_forgotten_beyond_the_limit() -> None:
    store = convs.empty_store()
    for i in range(convs.MAX_CONVERSATIONS + 5):
        store = convs.add_turn(
            convs.select(store, None), convs.make_turn(f"q{i}", None, turn_id=str(i))
        )
    assert len(store["items"]) == convs.MAX_CONVERSATIONS
    assert convs.active(store)["title"] == f"q{convs.MAX_CONVERSATIONS + 4}"


def test_stored_passages_keep_only_what_a_card_shows() -> None:
    long = answer()
    cite = long.citations[0]
    passage = "word " * 500 + "the quoted words" + " tail" * 500
    long.citations[0] = Citation(
        **{**cite.to_dict(), "passage": passage, "quote": "the quoted words"}
    )
    stored = convs.make_turn("q", long, turn_id="t")["answer"]["citations"][0]["passage"]
    assert "the quoted words" in stored and len(stored) < 800
    again = convs.answer_from_dict(convs.make_turn("q", long, turn_id="t")["answer"])
    assert render_card(again) == render_card(long)


def render_card(a: Answer) -> str:
    from ui import cards

    return cards.highlight(a.citations[0].passage, a.citations[0].quote)


def test_the_store_stays_under_its_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convs, "MAX_STORE_CHARS", 5_000)
    store = convs.empty_store()
    for i in range(40):
        store = convs.add_turn(
            convs.select(store, None), convs.make_turn("q" * 200, answer(), turn_id=str(i))
        )
    assert 1 < len(store["items"]) < 40
    assert len(json.dumps(store)) <= 5_000
