"""The Chat tab: conversations, the chat itself, and the filters; their events.

Conversations are kept in the browser (`gr.BrowserState`) under a fixed key and a
secret stored in the data dir, so they survive a reload and a server restart.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr

from ui import chatting, conversations, filters
from ui.handlers import Services

STORAGE_KEY = "newsdesk-conversations"
SECRET_FILE = "browser-state.key"

CHAT_PLACEHOLDER = (
    "<div class='nd-empty'><h3>What would you like to know?</h3>"
    "<p>Answers are built only from the indexed articles. Each <span class='nd-cite'>1</span> "
    "marker opens the article it comes from, with the sentence that supports it.</p></div>"
)
DATE_HINT = "2022-06-12 or June 2022"


def browser_secret(data_dir: Path) -> str:
    """The key the browser's copy of the conversations is sealed with; made once per data dir.

    Gradio picks a random one per start by default, which would make every stored
    conversation unreadable after a server restart.
    """
    path = Path(data_dir) / SECRET_FILE
    try:
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        value = ""
    if not value:
        value = secrets.token_urlsafe(24)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(value + "\n", encoding="utf-8")
    return value


def counter_html(limit: int) -> str:
    return f'<div class="nd-counter" data-max="{limit}" aria-live="polite">0 / {limit:,}</div>'


@dataclass
class ChatTab:
    chatbot: gr.Chatbot
    store: gr.BrowserState
    conv_list: gr.Radio
    conv_title: gr.Textbox
    outlets: gr.Dropdown


@dataclass
class _ConversationsPanel:
    new: gr.Button
    conv_list: gr.Radio
    conv_title: gr.Textbox
    rename: gr.Button
    delete: gr.Button
    delete_confirm: gr.Column  # "Delete …?" with its two buttons, shown on "Delete…"
    delete_question: gr.HTML
    delete_yes: gr.Button
    delete_no: gr.Button


@dataclass
class _AskPanel:
    chatbot: gr.Chatbot
    box: gr.Textbox
    send: gr.Button


@dataclass
class _FiltersPanel:
    outlets: gr.Dropdown
    since: gr.Textbox
    until: gr.Textbox
    as_of: gr.Textbox
    note: gr.HTML
    clear: gr.Button

    @property
    def inputs(self) -> list[Any]:
        return [self.outlets, self.since, self.until, self.as_of]


def build_chat_tab(services: Services, answer_group: dict[str, Any]) -> ChatTab:
    """Lay out the Chat tab (inside an open `gr.Tab`) and wire its events."""
    store = gr.BrowserState(
        conversations.empty_store(),
        storage_key=STORAGE_KEY,
        secret=browser_secret(services.index.data_dir),
    )
    slot = gr.State(None, time_to_live=6 * 3600)
    with gr.Row(equal_height=False, elem_classes="nd-chat-row"):
        with gr.Column(scale=1, min_width=220, elem_classes="nd-conversations"):
            convs = _conversations_panel()
        with gr.Column(scale=4, min_width=420):
            ask = _ask_panel(services)
        with gr.Column(scale=1, min_width=260, elem_classes="nd-filters"):
            filt = _filters_panel()
    _wire_asking(services, answer_group, ask, filt, store, slot, convs.conv_list)
    _wire_conversations(services, ask.chatbot, convs, store, slot)
    _wire_filters(filt)
    return ChatTab(ask.chatbot, store, convs.conv_list, convs.conv_title, filt.outlets)


def _conversations_panel() -> _ConversationsPanel:
    """The conversations column: new, the list, rename and delete (asked to confirm)."""
    new = gr.Button("New conversation", size="sm", variant="secondary", elem_id="nd-new")
    conv_list = gr.Radio(
        label="Conversations",
        choices=[],
        elem_id="nd-conversations",
        container=True,
    )
    conv_title = gr.Textbox(
        label="Name", placeholder="Rename the open conversation", elem_id="nd-conv-title"
    )
    with gr.Row():
        rename = gr.Button("Rename", size="sm", elem_id="nd-rename", min_width=60)
        delete = gr.Button("Delete…", size="sm", variant="stop", elem_id="nd-delete", min_width=60)
    with gr.Column(visible=False, elem_id="nd-delete-confirm") as delete_confirm:
        delete_question = gr.HTML()
        with gr.Row():
            delete_yes = gr.Button(
                "Delete", size="sm", variant="stop", elem_id="nd-delete-yes", min_width=60
            )
            delete_no = gr.Button("Cancel", size="sm", elem_id="nd-delete-no", min_width=60)
    return _ConversationsPanel(
        new,
        conv_list,
        conv_title,
        rename,
        delete,
        delete_confirm,
        delete_question,
        delete_yes,
        delete_no,
    )


def _ask_panel(services: Services) -> _AskPanel:
    """The chat column: the conversation, the question box and its character counter."""
    chatbot = gr.Chatbot(
        elem_id="nd-chat",
        show_label=False,
        height="62vh",
        min_height=420,
        placeholder=CHAT_PLACEHOLDER,
        examples=chatting.examples(services) or None,  # refreshed on each page load
        latex_delimiters=[],
        feedback_options=("Like", "Dislike"),
        buttons=[],  # the answer's own Copy button copies text, not HTML
        group_consecutive_messages=False,
        autoscroll=True,
    )
    with gr.Row(elem_classes="nd-ask-row", equal_height=True):
        box = gr.Textbox(
            elem_id="nd-question",
            placeholder="Ask about the news…  (Enter to send)",
            show_label=False,
            lines=1,
            max_lines=6,
            scale=8,
            autofocus=True,
        )
        send = gr.Button("Ask", variant="primary", scale=1, min_width=90)
    gr.HTML(counter_html(services.settings.max_question_chars), elem_id="nd-counter")
    return _AskPanel(chatbot, box, send)


def _filters_panel() -> _FiltersPanel:
    """The filters column: outlets, published from / to, and the as-of day."""
    gr.HTML('<div class="nd-panel-title">Filters</div>')
    outlets = gr.Dropdown(
        label="Outlets",
        choices=[],
        multiselect=True,
        info="Only these outlets (empty: all).",
        elem_id="nd-outlets",
    )
    since = gr.Textbox(label="Published from", placeholder=DATE_HINT, elem_id="nd-since")
    until = gr.Textbox(label="Published to", placeholder=DATE_HINT, elem_id="nd-until")
    as_of = gr.Textbox(label="As of", placeholder=DATE_HINT, elem_id="nd-as-of")
    gr.HTML(
        '<div class="nd-hint">As of: answer as if it were this day; later '
        "articles are ignored and “last week” counts back from it.</div>"
    )
    note = gr.HTML(elem_id="nd-filter-note")
    clear = gr.Button("Clear filters", size="sm", variant="secondary")
    return _FiltersPanel(outlets, since, until, as_of, note, clear)


def _wire_asking(
    services: Services,
    answer_group: dict[str, Any],
    ask: _AskPanel,
    filt: _FiltersPanel,
    store: gr.BrowserState,
    slot: gr.State,
    conv_list: gr.Radio,
) -> None:
    """Asking, an example picked, regenerating, and a vote on an answer."""
    chatbot, box = ask.chatbot, ask.box
    chat_outputs = [chatbot, slot, box, store, conv_list, filt.note]
    gr.on(
        [box.submit, ask.send.click],
        partial(chatting.chat, services),
        inputs=[box, chatbot, slot, store, *filt.inputs],
        outputs=chat_outputs,
        api_name="chat",
        show_progress="hidden",
        **answer_group,
    )

    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return str(value.get("text", "") if isinstance(value, dict) else value)

    chatbot.example_select(
        pick_example, outputs=[box], api_name="pick_example", api_visibility="private"
    ).then(
        partial(chatting.chat, services),
        inputs=[box, chatbot, slot, store, *filt.inputs],
        outputs=chat_outputs,
        api_name="chat_example",
        api_visibility="private",
        show_progress="hidden",
        **answer_group,
    )
    chatbot.retry(
        partial(chatting.regenerate, services),
        inputs=[slot, store, *filt.inputs],
        outputs=chat_outputs,
        api_name="regenerate",
        api_visibility="private",
        show_progress="hidden",
        **answer_group,
    )

    def vote(store: Any, data: gr.LikeData) -> Any:  # Gradio reads the hint: no partial
        return chatting.vote(services, store, data)

    chatbot.like(
        vote,
        inputs=[store],
        outputs=[store],
        api_name="feedback",
        api_visibility="private",
    )


def _wire_conversations(
    services: Services,
    chatbot: gr.Chatbot,
    convs: _ConversationsPanel,
    store: gr.BrowserState,
    slot: gr.State,
) -> None:
    """Opening, starting, renaming and deleting conversations."""
    conv_list, conv_title = convs.conv_list, convs.conv_title
    conv_list.input(
        partial(chatting.open_conversation, services),
        inputs=[conv_list, store],
        outputs=[chatbot, slot, store, conv_title],
        api_name="open_conversation",
        api_visibility="private",
    )
    # Not the question box: a question typed meanwhile must not be wiped by a late reply.
    new_outputs = [chatbot, slot, store, conv_list, conv_title]
    convs.new.click(
        partial(chatting.new_conversation, services),
        inputs=[store],
        outputs=new_outputs,
        api_name="new_conversation",
        api_visibility="private",
    )
    chatbot.clear(  # the chat's own trash button: start afresh
        partial(chatting.new_conversation, services),
        inputs=[store],
        outputs=new_outputs,
        api_name="clear_chat",
        api_visibility="private",
    )
    gr.on(
        [convs.rename.click, conv_title.submit],
        chatting.rename_conversation,
        inputs=[store, conv_title],
        outputs=[store, conv_list],
        api_name="rename_conversation",
        api_visibility="private",
    )
    convs.delete.click(
        chatting.confirm_delete,
        inputs=[store],
        outputs=[convs.delete_confirm, convs.delete_question],
        api_name="confirm_delete",
        api_visibility="private",
    )
    convs.delete_yes.click(
        partial(chatting.delete_conversation, services),
        inputs=[store],
        outputs=[chatbot, slot, store, conv_list, conv_title, convs.delete_confirm],
        api_name="delete_conversation",
        api_visibility="private",
    )
    # Cancelling, or turning to another conversation, withdraws the question.
    gr.on(
        [convs.delete_no.click, conv_list.input, convs.new.click, chatbot.clear],
        lambda: gr.Column(visible=False),
        outputs=[convs.delete_confirm],
        api_visibility="private",
        show_progress="hidden",
    )


def _wire_filters(filt: _FiltersPanel) -> None:
    """Checking the dates as they are typed, and clearing the filters."""
    gr.on(
        [
            *(box.blur for box in (filt.since, filt.until, filt.as_of)),
            *(box.submit for box in (filt.since, filt.until, filt.as_of)),
        ],
        filters.check,
        inputs=filt.inputs,
        outputs=[filt.note],
        api_name="check_filters",
        api_visibility="private",
        show_progress="hidden",
    )
    filt.clear.click(
        lambda: (None, "", "", "", ""),
        outputs=[*filt.inputs, filt.note],
        api_name="clear_filters",
        api_visibility="private",
    )
