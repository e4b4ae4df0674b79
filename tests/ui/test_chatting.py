"""The chat tab's handlers, in-process on a real index of the seed sample: streaming,
conversations kept as data, regenerate, feedback, and input problems as warnings."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from assistant.answer.base import AnswerStream
from assistant.types import Answer
from tests.ui.conftest import (
    NEW_ARTICLE_QUESTION,
    NEW_ARTICLE_TEXT,
    NEW_ARTICLE_TITLE,
    SAMPLE_QUESTION,
)
from ui import chatting, handlers
from ui import conversations as convs
from ui.chatting import Slot
from ui.handlers import Services

pytestmark = pytest.mark.ui


def run(
    services: Services,
    question: str,
    history: list[dict[str, Any]] | None = None,
    slot: Slot | None = None,
    store: Any = None,
    **filters: Any,
) -> list[tuple[Any, ...]]:
    return list(
        chatting.chat(
            services,
            question,
            history,
            slot,
            store,
            filters.get("outlets"),
            filters.get("since"),
            filters.get("until"),
            filters.get("as_of"),
        )
    )


def final(steps: list[tuple[Any, ...]]) -> tuple[list[dict[str, Any]], Slot, Any]:
    history, slot, _, store, _, _ = steps[-1]
    return history, slot, store


def test_chat_streams_then_stores_the_turn_as_data(services: Services) -> None:
    steps = run(services, SAMPLE_QUESTION)
    first_history, _, box, *_ = steps[0]
    assert box == ""
    assert [m["role"] for m in first_history] == ["user", "assistant"]
    assert "nd-streaming" in first_history[1]["content"]
    history, slot, store = final(steps)
    shown = history[-1]["content"]
    assert "2,100" in shown and 'class="nd-card"' in shown and "nd-copy" in shown
    conv = convs.active(store)
    assert conv is not None and conv["title"] == SAMPLE_QUESTION
    assert slot.conversation == conv["id"]
    (turn,) = conv["turns"]
    assert turn["q"] == SAMPLE_QUESTION and "2,100" in turn["answer"]["text"]
    # What the browser stored renders the same chat again (after a reload).
    assert convs.messages(conv) == history


def test_follow_up_after_a_reload_uses_the_stored_turns(services: Services) -> None:
    history, _, store = final(run(services, SAMPLE_QUESTION))
    # A reload: the page has the stored conversations but no server-side session.
    steps = run(services, "How many have been returned?", history, None, store)
    history2, slot2, store2 = final(steps)
    assert len(history2) == 4
    assert "361" in history2[-1]["content"]  # "how many" of the children, from the context
    assert len(convs.active(store2)["turns"]) == 2  # type: ignore[index]
    assert len(slot2.session.history) == 2


def test_regenerate_replaces_the_last_answer(services: Services) -> None:
    _, slot, store = final(run(services, SAMPLE_QUESTION))
    steps = list(chatting.regenerate(services, slot, store))
    history, slot2, _, store2, _, _ = steps[-1]
    assert len(history) == 2 and "2,100" in history[-1]["content"]
    assert len(convs.active(store2)["turns"]) == 1  # type: ignore[index]
    assert len(slot2.session.history) == 1


def test_input_problems_leave_the_chat_alone(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(gr, "Warning", lambda message, **_: warned.append(message))
    skipped = gr.skip()
    for question in ("   ", "x" * (services.settings.max_question_chars + 1)):
        (step,) = run(services, question)
        assert step[:5] == (skipped,) * 5
    assert warned[0] == "Type a question first." and "limit is 2,000" in warned[1]

    (step,) = run(services, SAMPLE_QUESTION, since="2023-05-01", until="2023-01-01")
    assert step[:5] == (skipped,) * 5 and "The date range is empty" in step[5]
    (step,) = run(services, SAMPLE_QUESTION, since="June-ish")
    assert "“June-ish” is not a date" in step[5] and "nd-warn" in step[5]


def test_outlet_groups_and_dates_in_words_are_applied(services: Services) -> None:
    history, _, store = final(run(services, SAMPLE_QUESTION, until="December 2000"))
    assert "nd-abstained" in history[-1]["content"]
    assert convs.active(store)["turns"][0]["answer"]["abstained"] is True  # type: ignore[index]


def test_an_outlet_group_and_unknown_filter_by_their_member_outlets(
    own_services: Services,
) -> None:
    handlers.add_text(
        own_services, NEW_ARTICLE_TITLE, NEW_ARTICLE_TEXT, "news.ljubljana-times.si", ""
    )

    def shown(question: str, outlets: list[str]) -> str:
        history, _, _ = final(run(own_services, question, outlets=outlets))
        return str(history[-1]["content"])

    answer = shown(NEW_ARTICLE_QUESTION, ["ljubljana-times.si"])
    assert "4,300" in answer and "Only from: ljubljana-times.si" in answer
    assert "2,100" not in shown(SAMPLE_QUESTION, ["ljubljana-times.si"])
    # "(unknown)": the seed article names no outlet; the pasted one does.
    answer = shown(SAMPLE_QUESTION, ["(unknown)"])
    assert "2,100" in answer and "Only from: (unknown)" in answer
    assert "4,300" not in shown(NEW_ARTICLE_QUESTION, ["(unknown)"])
    assert "4,300" in shown(NEW_ARTICLE_QUESTION, ["(unknown)", "ljubljana-times.si"])


def test_feedback_is_a_readable_jsonl_line(own_services: Services) -> None:
    _, _, store = final(run(own_services, SAMPLE_QUESTION))
    data = gr.LikeData(None, {"index": 1, "value": "", "liked": False})
    disliked = chatting.vote(own_services, store, data)
    assert convs.feedback_values(convs.active(disliked)) == ["Dislike"]
    data = gr.LikeData(None, {"index": 1, "value": "", "liked": True})
    liked = chatting.vote(own_services, disliked, data)
    assert convs.active(liked)["turns"][0]["rating"] == "up"  # type: ignore[index]
    shown = chatting.shown_chat(convs.active(liked))
    assert shown.feedback_value == ["Like"]
    path = Path(own_services.index.data_dir) / "feedback.jsonl"
    down, up = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    assert (down["rating"], up["rating"]) == ("down", "up")
    assert down["question"] == SAMPLE_QUESTION and "2,100" in down["answer"]
    assert down["citations"][0]["quote"] and down["citations"][0]["title"]
    assert down["conversation"] == store["active"]


def test_conversations_open_rename_delete(services: Services) -> None:
    _, _, store = final(run(services, SAMPLE_QUESTION))
    first = store["active"]
    _, _, store, _, _ = chatting.new_conversation(services, store)
    _, _, store = final(
        run(services, "Who approved the financing of the operation?", [], None, store)
    )
    assert [label for label, _ in convs.choices(store)][1].startswith(SAMPLE_QUESTION)
    chat, slot, store, title = chatting.open_conversation(services, first, store)
    assert title == SAMPLE_QUESTION and slot.conversation == first
    assert len(convs.messages(convs.active(store))) == 2 and chat.feedback_value == [None]
    store, _ = chatting.rename_conversation(store, "  Belarus   children ")
    assert convs.active(store)["title"] == "Belarus children"  # type: ignore[index]
    shown, question = chatting.confirm_delete(store)
    assert shown.visible is True and "Delete “Belarus children” (1 question)?" in question
    cleared, _, store, _, _, hidden = chatting.delete_conversation(services, store)
    assert cleared == [] and store["active"] is None and len(store["items"]) == 1
    assert hidden.visible is False
    with pytest.warns(UserWarning, match="Open a conversation to delete first"):
        shown, question = chatting.confirm_delete(store)  # none open: nothing to ask about
    assert shown.visible is False and question == ""


class _BrokenSession:
    """A chat session whose answerer fails mid-answer (e.g. the LLM server went away)."""

    def __init__(self) -> None:
        self.history: list[Any] = []

    def stream(self, question: str, **_: Any) -> AnswerStream:
        def pieces() -> Iterator[str | Answer]:
            yield "Partial "
            raise ConnectionError("LLM server at http://127.0.0.1:9 refused the connection")

        return AnswerStream(pieces())


def test_failures_become_readable_errors_and_are_kept_in_the_conversation(
    services: Services,
) -> None:
    steps: list[Any] = []
    with pytest.raises(gr.Error) as caught:
        slot = Slot(None, _BrokenSession())  # type: ignore[arg-type]
        for step in chatting.chat(services, "Anything?", [], slot, None):
            steps.append(step)
    message = str(caught.value)
    assert "Answering failed: LLM server at http://127.0.0.1:9 refused" in message
    assert "Traceback" not in message
    history, _, _, store, _, _ = steps[-1]
    assert "nd-failed" in history[-1]["content"]
    assert "refused the connection" in convs.active(store)["turns"][0]["error"]  # type: ignore[index]


class _ScriptedSession:
    """Yields a few text pieces, then its Answer (a double at our ChatSession interface)."""

    def __init__(self) -> None:
        self.history: list[Any] = []

    def stream(self, question: str, **_: Any) -> AnswerStream:
        pieces = ["The answer ", "is 42.", Answer(text="The answer is 42.", question=question)]
        return AnswerStream(pieces)


def test_a_suspended_answer_does_not_block_index_updates(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chatting, "STREAM_INTERVAL", 0.0)
    slot = Slot(None, _ScriptedSession())  # type: ignore[arg-type]
    steps = chatting.chat(services, "Anything?", [], slot, None)
    next(steps)  # the question and an empty answer
    partial = next(steps)  # the first piece of the answer; the browser went away here
    assert "The answer" in partial[0][-1]["content"]
    acquired = threading.Event()

    def update() -> None:
        with services.lock.write():
            acquired.set()

    writer = threading.Thread(target=update)
    writer.start()
    writer.join(timeout=5)
    assert acquired.is_set()
    *_, last = steps
    assert "is 42." in last[0][-1]["content"]


def test_example_cards_are_headlines_without_the_sites_name(own_services: Services) -> None:
    from index.models import Article

    article = Article(
        id="qatar-dry-cup",
        title="Qatar 2022: What it's like at a 'dry' World Cup | CNN",
        text="Fans at the World Cup in Qatar found beer hard to come by at the stadiums.",
        source="cnn.com",
        published="2022-12-01",
    )
    own_services.index.add_articles([article])
    own_services.invalidate()
    shown = [example["text"] for example in chatting.examples(own_services)]
    assert "Qatar 2022: What it's like at a 'dry' World Cup" in shown
    assert not any(text.endswith("| CNN") for text in shown)
