"""The chat tab's handlers: ask (streamed), regenerate, vote, and manage conversations.

The conversations live in the browser (`ui.conversations`); the server keeps only a
`Slot` per open page: the conversation it belongs to and the `ChatSession` that
resolves follow-ups, rebuilt from the stored turns after a reload or a switch.
Input problems (an empty or too long question, a bad filter) are warnings: the
chat stays as it is and the question stays in the box.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import gradio as gr
from gradio.components.chatbot import ExampleMessage

from assistant.types import Answer
from index.text.headlines import bare_headline
from ui import conversations as convs
from ui import feedback, filters, library, render
from ui.markup import esc

if TYPE_CHECKING:
    from assistant.chat import ChatSession
    from ui.handlers import Services

logger = logging.getLogger(__name__)

STREAM_INTERVAL = 0.05  # seconds between chat updates while an answer streams
N_EXAMPLES = 4
EXAMPLE_CHARS = 80

Message = dict[str, Any]
# chatbot, slot, question box, stored conversations, conversation list, filter note
ChatUpdate = tuple[Any, Any, Any, Any, Any, Any]


@dataclass
class Slot:
    conversation: str | None
    session: ChatSession


def slot_for(services: Services, slot: Slot | None, store: convs.Store) -> Slot:
    """The session for the active conversation, rebuilt when the page holds another one."""
    active = store.get("active")
    if slot is None or slot.conversation != active:
        conv = convs.find(store, active)
        slot = Slot(active, convs.session_for(services.assistant, conv))
    return slot


def conversation_list(store: convs.Store) -> Any:
    return gr.Radio(choices=convs.choices(store), value=store.get("active"))


def _unchanged(note: Any = None) -> ChatUpdate:
    s = gr.skip()
    return s, s, s, s, s, s if note is None else note


def chat(
    services: Services,
    message: Any,
    history: list[Message] | None,
    slot: Slot | None,
    store: Any,
    outlets: Any = None,
    since: Any = None,
    until: Any = None,
    as_of: Any = None,
) -> Iterator[ChatUpdate]:
    """Answer `message` in the active conversation, streaming."""
    question = str(message or "").strip()
    limit = services.settings.max_question_chars
    if not question:
        gr.Warning("Type a question first.", title="Nothing to ask")
        yield _unchanged()
        return
    if len(question) > limit:
        gr.Warning(
            f"The question is {len(question):,} characters long; the limit is {limit:,}. "
            "Shorten it and ask again.",
            title="Question too long",
        )
        yield _unchanged()
        return
    try:
        picked = _filters(services, outlets, since, until, as_of)
    except filters.FilterProblem as exc:
        yield _unchanged(filters.note_html(str(exc)))
        return
    yield from _answer(services, question, list(history or []), slot, store, picked)


def _filters(services: Services, outlets: Any, since: Any, until: Any, as_of: Any) -> Any:
    keys = [str(k) for k in (outlets or [])]
    _, groups = library.outlet_groups(services.articles())
    picked = filters.parse_filters(filters.expand(keys, groups), since, until, as_of)
    return picked, keys


def _answer(
    services: Services,
    question: str,
    messages: list[Message],
    slot: Slot | None,
    store: Any,
    picked: tuple[filters.Filters, list[str]],
) -> Iterator[ChatUpdate]:
    flt, shown_outlets = picked
    store = convs.normalise(store)
    slot = slot_for(services, slot, store)
    note = filters.note_html(None, flt)
    turn_id = uuid.uuid4().hex[:10]
    messages.append({"role": "user", "content": render.question_html(question)})
    messages.append({"role": "assistant", "content": render.streaming_html("")})
    skip = gr.skip()
    yield list(messages), slot, "", skip, skip, note

    text = ""
    final: Answer | None = None
    started = last = time.monotonic()
    try:
        stream = slot.session.stream(question, filters=flt)
        pieces = iter(stream)
        while True:
            # The lock is held while the answer is being computed, never across a yield:
            # a browser that goes away mid-answer must not block index updates.
            with services.lock.read():
                piece = next(pieces, None)
                if piece is None:
                    final = stream.answer()
            if piece is None:
                break
            text += piece
            if time.monotonic() - last >= STREAM_INTERVAL:
                last = time.monotonic()
                messages[-1] = {"role": "assistant", "content": render.streaming_html(text)}
                yield list(messages), slot, "", skip, skip, skip
    except Exception as exc:
        logger.exception("chat failed turn=%s error=%s", turn_id, type(exc).__name__)
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        turn = convs.make_turn(question, None, turn_id=turn_id, error="No answer: " + detail)
        store = convs.add_turn(store, turn)
        slot.conversation = store["active"]
        messages[-2:] = convs.turn_messages(turn)
        yield list(messages), slot, "", store, conversation_list(store), skip
        raise gr.Error(f"Answering failed: {detail}", title="Something went wrong") from exc
    if final is None:
        final = Answer(text=text, question=question)
    logger.info(
        "chat answered turn=%s citations=%d abstained=%s seconds=%.2f",
        turn_id,
        len(final.citations),
        final.abstained,
        time.monotonic() - started,
    )
    turn = convs.make_turn(question, final, turn_id=turn_id, sources=shown_outlets or None)
    store = convs.add_turn(store, turn)
    slot.conversation = store["active"]
    messages[-2:] = convs.turn_messages(turn)
    yield list(messages), slot, "", store, conversation_list(store), skip


def regenerate(
    services: Services,
    slot: Slot | None,
    store: Any,
    outlets: Any = None,
    since: Any = None,
    until: Any = None,
    as_of: Any = None,
) -> Iterator[ChatUpdate]:
    """Ask the active conversation's last question again, in place of its answer."""
    store = convs.normalise(store)
    slot = slot_for(services, slot, store)
    trimmed, last = convs.drop_last_turn(store)
    if last is None:
        yield _unchanged()
        return
    try:
        picked = _filters(services, outlets, since, until, as_of)
    except filters.FilterProblem as exc:
        yield _unchanged(filters.note_html(str(exc)))
        return
    history = slot.session.history
    if last.get("answer") is not None and history and history[-1][0] == last["q"]:
        history.pop()
    messages = convs.messages(convs.active(trimmed))
    yield from _answer(services, last["q"], messages, slot, trimmed, picked)


def vote(services: Services, store: Any, data: gr.LikeData) -> Any:
    """Store a thumbs up/down with the question, the answer and its citations.

    Returns the conversations with the vote noted on the turn (the thumbs show again
    after a reload); `gr.skip()` when there is nothing to record.
    """
    if data.liked is True:
        rating = "up"
    elif data.liked is False:
        rating = "down"
    else:
        return gr.skip()
    store = convs.normalise(store)
    conv = convs.active(store)
    index = data.index[0] if isinstance(data.index, tuple | list) else data.index
    turns = conv["turns"] if conv else []
    if conv is None or not isinstance(index, int) or not 0 <= index // 2 < len(turns):
        return gr.skip()
    turn = turns[index // 2]
    record = feedback.make_record(rating, turn, conversation=conv["id"])
    feedback.append(services.index.data_dir, record)
    gr.Info("Thanks, your feedback was saved.", duration=3)
    return convs.rate(store, index // 2, rating)


def shown_chat(conv: convs.Conversation | None, **extra: Any) -> Any:
    """The chat showing `conv`, with its answers' thumbs as the reader left them."""
    messages: Any = convs.messages(conv)  # message dicts, as Gradio accepts them
    return gr.Chatbot(value=messages, feedback_value=convs.feedback_values(conv), **extra)


# ---------------------------------------------------------------- conversations


def open_conversation(services: Services, conv_id: Any, store: Any) -> tuple[Any, Slot, Any, str]:
    store = convs.select(store, str(conv_id) if conv_id else None)
    conv = convs.active(store)
    slot = Slot(store["active"], convs.session_for(services.assistant, conv))
    return shown_chat(conv), slot, store, (conv or {}).get("title", "")


def new_conversation(services: Services, store: Any) -> tuple[list[Message], Slot, Any, Any, str]:
    store = convs.select(store, None)
    slot = Slot(None, services.assistant.chat())
    return [], slot, store, conversation_list(store), ""


def rename_conversation(store: Any, title: Any) -> tuple[Any, Any]:
    store = convs.normalise(store)
    if not str(title or "").strip() or store.get("active") is None:
        gr.Warning("Open a conversation and type its new name first.", title="Nothing to rename")
        return gr.skip(), gr.skip()
    store = convs.rename(store, store["active"], str(title))
    return store, conversation_list(store)


def confirm_delete(store: Any) -> tuple[Any, str]:
    """The question asked before the open conversation is deleted (hidden when none is open)."""
    conv = convs.active(convs.normalise(store))
    if conv is None:
        gr.Warning("Open a conversation to delete first.", title="Nothing to delete")
        return gr.Column(visible=False), ""
    n = len(conv["turns"])
    text = (
        f'<div class="nd-confirm-text">Delete “{esc(conv.get("title") or "Untitled")}” '
        f"({n} question{'s' if n != 1 else ''})? It cannot be undone.</div>"
    )
    return gr.Column(visible=True), text


def delete_conversation(
    services: Services, store: Any
) -> tuple[list[Message], Slot, Any, Any, str, Any]:
    """Delete the open conversation (after `confirm_delete`) and close the question."""
    store = convs.normalise(store)
    store = convs.delete(store, store.get("active"))
    slot = Slot(None, services.assistant.chat())
    return [], slot, store, conversation_list(store), "", gr.Column(visible=False)


def load(services: Services, store: Any) -> tuple[Any, Any, Any, str]:
    """On page load: the stored conversations, the active one in the chat, fresh examples."""
    store = convs.normalise(store)
    conv = convs.active(store)
    chatbot = shown_chat(conv, examples=examples(services) or None)
    return chatbot, store, conversation_list(store), (conv or {}).get("title", "")


def examples(services: Services) -> list[ExampleMessage]:
    """Recent headlines from the index (the newest dated articles first), as questions to try.

    A long headline is shown shortened; clicking it asks the whole headline.
    """
    seen: set[str] = set()
    out: list[ExampleMessage] = []
    for article in library.matching(services.articles(), ""):
        title = " ".join(bare_headline(article.title).split())  # not "... | CNN"
        if len(title) < 12 or title.lower() in seen:
            continue
        seen.add(title.lower())
        shown = title if len(title) <= EXAMPLE_CHARS else title[: EXAMPLE_CHARS - 1].rstrip() + "…"
        out.append({"text": title, "display_text": shown})
        if len(out) == N_EXAMPLES:
            break
    return out
