"""Conversations kept in the browser: a list to reopen, rename and delete, one per chat.

The whole store is one JSON value held in the browser's localStorage (a
`gr.BrowserState`), so a reload or a server restart keeps it and nothing about a
reader's questions is kept on the server. Each turn keeps the answer as data
(`Answer.to_dict()`), not its HTML: the chat is rendered again from it, and the
follow-up context of the server-side `ChatSession` is rebuilt from it.

All functions here take and return plain dicts (what the browser stores) and never
change their argument in place: Gradio compares old and new values to decide what to
send back.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from assistant.types import Answer, Citation, DateRange
from ui import render
from ui.cards import PASSAGE_WINDOW, PLAIN_PASSAGE_CHARS, find_quote

if TYPE_CHECKING:
    from assistant.chat import ChatSession
    from assistant.core import Assistant

Store = dict[str, Any]
Conversation = dict[str, Any]
Turn = dict[str, Any]
Message = dict[str, Any]

VERSION = 1
MAX_CONVERSATIONS = 50  # the oldest go first; localStorage holds a few MB per site
MAX_TURNS = 100
MAX_STORE_CHARS = 2_000_000  # well inside the ~5 MB localStorage gives a site
TITLE_CHARS = 60


def empty_store() -> Store:
    return {"v": VERSION, "active": None, "items": []}


def normalise(store: Any) -> Store:
    """A usable store from whatever the browser sent (nothing yet, an old or a damaged value)."""
    if not isinstance(store, dict) or store.get("v") != VERSION:
        return empty_store()
    items = [c for c in store.get("items") or [] if _valid(c)]
    active = store.get("active")
    if active not in {c["id"] for c in items}:
        active = None
    return {"v": VERSION, "active": active, "items": items}


def _valid(conv: Any) -> bool:
    return (
        isinstance(conv, dict)
        and isinstance(conv.get("id"), str)
        and isinstance(conv.get("turns"), list)
    )


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def find(store: Store, conv_id: str | None) -> Conversation | None:
    return next((c for c in store["items"] if c["id"] == conv_id), None)


def active(store: Store) -> Conversation | None:
    return find(store, store.get("active"))


def title_for(question: str) -> str:
    """The question, cut at a word boundary: the default name of a new conversation."""
    text = " ".join(question.split())
    if len(text) <= TITLE_CHARS:
        return text
    head = text[: TITLE_CHARS - 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut > TITLE_CHARS // 2 else head) + "…"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def make_turn(
    question: str,
    answer: Answer | None,
    *,
    turn_id: str,
    error: str | None = None,
    sources: list[str] | None = None,
) -> Turn:
    data = answer.to_dict() if answer is not None else None
    if data is not None:
        for citation in data["citations"]:
            citation["passage"] = _shown_passage(citation["passage"], citation["quote"])
    return {"id": turn_id, "q": question, "answer": data, "error": error, "sources": sources}


def _shown_passage(passage: str, quote: str) -> str:
    """Only the part of the passage a card shows around its quote (storage is small)."""
    span = find_quote(passage, quote)
    if span is None:
        return passage[: PLAIN_PASSAGE_CHARS + 40]
    margin = PASSAGE_WINDOW + 40  # a little more than shown, so the card still trims at words
    return passage[max(0, span[0] - margin) : span[1] + margin]


def add_turn(store: Store, turn: Turn) -> Store:
    """Append `turn` to the active conversation, starting one when there is none."""
    store = copy.deepcopy(normalise(store))
    conv = active(store)
    if conv is None:
        conv = {"id": new_id(), "title": title_for(turn["q"]), "turns": []}
        store["items"].insert(0, conv)
        store["active"] = conv["id"]
    conv["turns"] = [*conv["turns"], turn][-MAX_TURNS:]
    conv["updated"] = _now()
    # Most recently used first; the oldest beyond the limits are forgotten.
    store["items"] = [conv] + [c for c in store["items"] if c is not conv]
    store["items"] = store["items"][:MAX_CONVERSATIONS]
    while len(store["items"]) > 1 and len(json.dumps(store)) > MAX_STORE_CHARS:
        store["items"].pop()
    return store


def drop_last_turn(store: Store) -> tuple[Store, Turn | None]:
    """The store without the active conversation's last turn, and that turn (to regenerate)."""
    store = copy.deepcopy(normalise(store))
    conv = active(store)
    if conv is None or not conv["turns"]:
        return store, None
    last = conv["turns"][-1]
    conv["turns"] = conv["turns"][:-1]
    return store, last


def rate(store: Store, turn_index: int, rating: str) -> Store:
    """Remember the reader's vote on a turn of the active conversation (shown after reload)."""
    store = copy.deepcopy(normalise(store))
    conv = active(store)
    if conv is not None and 0 <= turn_index < len(conv["turns"]):
        conv["turns"][turn_index]["rating"] = rating
    return store


def feedback_values(conv: Conversation | None) -> list[str | None]:
    """The chat's thumbs state, one entry per answer."""
    names = {"up": "Like", "down": "Dislike"}
    return [names.get(str(t.get("rating"))) for t in (conv or {}).get("turns", [])]


def select(store: Store, conv_id: str | None) -> Store:
    store = copy.deepcopy(normalise(store))
    store["active"] = conv_id if find(store, conv_id) is not None else None
    return store


def rename(store: Store, conv_id: str | None, title: str) -> Store:
    store = copy.deepcopy(normalise(store))
    conv = find(store, conv_id)
    name = " ".join(str(title or "").split())[:120]
    if conv is not None and name:
        conv["title"] = name
    return store


def delete(store: Store, conv_id: str | None) -> Store:
    store = copy.deepcopy(normalise(store))
    store["items"] = [c for c in store["items"] if c["id"] != conv_id]
    if store["active"] == conv_id:
        store["active"] = None
    return store


def choices(store: Store) -> list[tuple[str, str]]:
    """(label, id) pairs for the conversation list, most recent first."""
    out = []
    for conv in normalise(store)["items"]:
        n = len(conv["turns"])
        label = f"{conv.get('title') or 'Untitled'} · {n} question{'s' if n != 1 else ''}"
        out.append((label, conv["id"]))
    return out


# ---------------------------------------------------------------- answers as data


def answer_from_dict(data: dict[str, Any]) -> Answer:
    """The inverse of `Answer.to_dict()` (what the browser stored)."""
    fields = Citation.__dataclass_fields__
    citations = [
        Citation(
            **{
                **{k: v for k, v in c.items() if k in fields},
                "also_in": tuple(c.get("also_in") or ()),
            }
        )
        for c in data.get("citations") or []
    ]
    rng = data.get("date_range")
    date_range = None
    if isinstance(rng, dict):
        date_range = DateRange(
            since=date.fromisoformat(rng["since"]) if rng.get("since") else None,
            until=date.fromisoformat(rng["until"]) if rng.get("until") else None,
            label=str(rng.get("label") or ""),
        )
    return Answer(
        text=str(data.get("text") or ""),
        citations=citations,
        abstained=bool(data.get("abstained")),
        question=str(data.get("question") or ""),
        standalone_question=str(data.get("standalone_question") or ""),
        date_range=date_range,
        notes=[str(n) for n in data.get("notes") or []],
    )


def turn_messages(turn: Turn) -> list[Message]:
    """The user's message and the answer (or the failure) as chat messages."""
    answer = turn.get("answer")
    if answer is not None:
        shown = render.answer_html(
            answer_from_dict(answer), turn["id"], sources=turn.get("sources")
        )
    else:
        shown = render.error_html(turn.get("error") or "No answer.")
    return [
        {"role": "user", "content": render.question_html(turn["q"])},
        {"role": "assistant", "content": shown},
    ]


def messages(conv: Conversation | None) -> list[Message]:
    if conv is None:
        return []
    return [m for turn in conv["turns"] for m in turn_messages(turn)]


def session_for(assistant: Assistant, conv: Conversation | None) -> ChatSession:
    """A chat session that remembers `conv`'s answered turns (for follow-up questions)."""
    session = assistant.chat()
    for turn in (conv or {}).get("turns", []):
        if turn.get("answer") is not None:
            session.history.append((turn["q"], answer_from_dict(turn["answer"])))
    return session
