"""The Gradio web chat: layout and event wiring (the logic lives in `ui.handlers`).

`build_app` returns the Blocks without starting anything; the entry point launches
it with `launch_options(settings)` (theme, CSS, the `[n]` click script, auth, upload
limits), e.g. ``app.launch(**launch_options(settings))``.

API for `gradio_client` users (see the "API" tab in the app):
``/ask`` (question, sources, since, until, as_of) -> {text, abstained, citations[...]},
``/articles`` (query) -> [{id, title, source, published, url, n_chunks, ...}],
``/chat`` (streamed, HTML), ``/upload_files``, ``/add_text``, ``/search_articles``.
"""

from __future__ import annotations

from functools import partial
from importlib import resources
from typing import TYPE_CHECKING, Any

import gradio as gr
from gradio.themes.utils import colors, fonts

from ui import handlers
from ui.handlers import Services
from ui.settings import UiSettings

if TYPE_CHECKING:
    from assistant.core import Assistant
    from index.pipeline import NewsIndex

EXAMPLES = (
    "How many children were moved to Belarus?",
    "Who approved the financing of the operation?",
    "How long was Pavel Latushko sentenced to?",
    "How many children have been returned to Ukraine?",
)

HEADER = (
    '<div class="nd-header"><div class="nd-brand">'
    '<span class="nd-logo" aria-hidden="true">N</span>'
    '<div><div class="nd-name">Newsdesk</div>'
    '<div class="nd-tagline">Ask the news. Every claim carries a verified citation.</div>'
    "</div></div></div>"
)

CHAT_PLACEHOLDER = (
    "<div class='nd-empty'><h3>What would you like to know?</h3>"
    "<p>Answers are built only from the indexed articles. Each <span class='nd-cite'>1</span> "
    "marker opens the article it comes from, with the sentence that supports it.</p></div>"
)

API_DOC = """
### Use Newsdesk from Python

Every answer shown in the chat is also available as data through
[`gradio_client`](https://www.gradio.app/guides/getting-started-with-the-python-client):

```python
from gradio_client import Client

client = Client("http://127.0.0.1:7860/")          # add auth=("user", "pass") if set
answer = client.predict(
    "How many children were moved to Belarus?",    # question
    None,                                          # sources: list of outlets, or None
    None, None,                                    # since, until: "YYYY-MM-DD" or None
    None,                                          # as_of: "YYYY-MM-DD" or None (today)
    api_name="/ask",
)
answer["text"]        # "... more than 2,100 children from 15 Ukrainian towns [1]."
answer["abstained"]   # True when the articles do not answer the question
answer["citations"]   # [{"number": 1, "title", "source", "url", "published",
                      #   "quote", "start", "end", "passage", "also_in", ...}]
```

| Endpoint | Inputs | Returns |
|---|---|---|
| `/ask` | question, sources, since, until, as_of | the answer as JSON (above) |
| `/articles` | query (substring of title/outlet, "" for all) | list of indexed articles |
| `/upload_files` | list of files (`handle_file(path)`) | update report (HTML), table, totals |
| `/add_text` | title, text, outlet, published | update report (HTML), table, totals |
| `/chat` | message, history, sources, since, until, as_of | streamed chat (HTML messages) |

Dates are ISO `YYYY-MM-DD`. `as_of` answers as if it were that day: articles published
later are ignored and "last week" counts back from it.
"""


def _asset(name: str) -> str:
    return resources.files("ui").joinpath("static", name).read_text(encoding="utf-8")


def theme() -> gr.themes.Base:
    return gr.themes.Default(
        primary_hue=colors.indigo,
        secondary_hue=colors.amber,
        neutral_hue=colors.slate,
        radius_size=gr.themes.sizes.radius_md,
        font=[fonts.LocalFont("Source Sans 3"), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=[fonts.LocalFont("IBM Plex Mono"), "ui-monospace", "monospace"],
    )


def launch_options(settings: UiSettings) -> dict[str, Any]:
    """Keyword arguments for `Blocks.launch` that follow from the settings."""
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "share": settings.share,
        "auth": settings.auth_pairs(),
        "auth_message": "Newsdesk: sign in to continue." if settings.auth else None,
        "max_file_size": settings.max_upload_bytes,
        "theme": theme(),
        "css": _asset("newsdesk.css"),
        "head": "<script>" + _asset("newsdesk.js") + "</script>",
        "footer_links": ["api", "settings"],
        "show_error": False,  # gr.Error messages are always shown; anything else stays in the log
        "quiet": True,
        "ssr_mode": False,
    }


def build_app(
    assistant: Assistant, index: NewsIndex, settings: UiSettings | None = None
) -> gr.Blocks:
    """The web chat over `assistant` (answers) and `index` (listing and adding articles)."""
    settings = settings or UiSettings()
    services = Services(assistant=assistant, index=index, settings=settings)
    answer_group: dict[str, Any] = {
        "concurrency_limit": settings.chat_concurrency,
        "concurrency_id": "answer",
    }
    update_group: dict[str, Any] = {"concurrency_limit": 1, "concurrency_id": "update"}

    with gr.Blocks(title=settings.title, analytics_enabled=False) as app:
        session = gr.State(None, time_to_live=6 * 3600)
        with gr.Row(elem_classes="nd-top", equal_height=True):
            gr.HTML(HEADER, min_width=300)
            status = gr.HTML(elem_id="nd-status", min_width=300)

        with gr.Tabs(elem_id="nd-tabs"):
            with gr.Tab("Chat", id="chat", elem_id="nd-tab-chat"), gr.Row(equal_height=False):
                with gr.Column(scale=4, min_width=420):
                    chatbot = gr.Chatbot(
                        elem_id="nd-chat",
                        show_label=False,
                        height="62vh",
                        min_height=420,
                        placeholder=CHAT_PLACEHOLDER,
                        examples=[{"text": q} for q in EXAMPLES],
                        latex_delimiters=[],
                        feedback_options=None,
                        buttons=[],  # "copy" would copy the HTML source of a message
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
                            max_length=settings.max_question_chars,
                            scale=8,
                            autofocus=True,
                        )
                        send = gr.Button("Ask", variant="primary", scale=1, min_width=90)
                    with gr.Row(elem_classes="nd-chat-actions"):
                        new = gr.Button("New conversation", size="sm", variant="secondary", scale=0)
                with gr.Column(scale=1, min_width=280, elem_classes="nd-filters"):
                    gr.HTML('<div class="nd-panel-title">Filters</div>')
                    outlets = gr.Dropdown(
                        label="Outlets",
                        choices=[],
                        multiselect=True,
                        info="Only these outlets (empty: all).",
                        elem_id="nd-outlets",
                    )
                    since = gr.DateTime(
                        label="Published from",
                        include_time=False,
                        type="string",
                        elem_id="nd-since",
                    )
                    until = gr.DateTime(
                        label="Published to", include_time=False, type="string", elem_id="nd-until"
                    )
                    as_of = gr.DateTime(
                        label="As of", include_time=False, type="string", elem_id="nd-as-of"
                    )
                    gr.HTML(
                        '<div class="nd-hint">Answer as if it were this day: later '
                        "articles are ignored and “last week” counts back from it.</div>"
                    )
                    clear = gr.Button("Clear filters", size="sm", variant="secondary")

            with gr.Tab("Articles", id="articles", elem_id="nd-tab-articles"):
                totals = gr.HTML(elem_id="nd-totals")
                search = gr.Textbox(
                    placeholder="Search titles and outlets…",
                    show_label=False,
                    elem_id="nd-search",
                )
                table = gr.Dataframe(
                    headers=handlers.TABLE_HEADERS,
                    datatype=["str", "str", "str", "number"],
                    interactive=False,
                    wrap=True,
                    max_height=420,
                    column_widths=["56%", "20%", "14%", "10%"],
                    elem_id="nd-articles",
                )
                with gr.Row(equal_height=False):
                    with gr.Column(elem_classes="nd-add"):
                        gr.HTML('<div class="nd-panel-title">Upload files</div>')
                        files = gr.File(
                            file_count="multiple",
                            file_types=list(settings.upload_types),
                            type="filepath",
                            label=", ".join(t.lstrip(".") for t in settings.upload_types),
                            elem_id="nd-files",
                            height=150,
                        )
                        upload = gr.Button("Add files", variant="primary", elem_id="nd-upload")
                    with gr.Column(elem_classes="nd-add"):
                        gr.HTML('<div class="nd-panel-title">Paste an article</div>')
                        paste_title = gr.Textbox(label="Title", elem_id="nd-paste-title")
                        with gr.Row():
                            paste_source = gr.Textbox(label="Outlet (optional)")
                            paste_date = gr.DateTime(
                                label="Published (optional)", include_time=False, type="string"
                            )
                        paste_text = gr.Textbox(
                            label="Text",
                            lines=6,
                            max_lines=14,
                            max_length=settings.max_paste_chars,
                            elem_id="nd-paste-text",
                        )
                        paste = gr.Button("Add text", variant="primary", elem_id="nd-paste")
                report = gr.HTML(elem_id="nd-report", min_height=56)

            with gr.Tab("API", id="api", elem_id="nd-tab-api"):
                gr.Markdown(API_DOC)

        # ------------------------------------------------------------ events
        chat_inputs = [box, chatbot, session, outlets, since, until, as_of]
        chat_outputs = [chatbot, session, box]
        gr.on(
            [box.submit, send.click],
            partial(handlers.chat, services),
            inputs=chat_inputs,
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
            partial(handlers.chat, services),
            inputs=chat_inputs,
            outputs=chat_outputs,
            api_name="chat_example",
            api_visibility="private",
            show_progress="hidden",
            **answer_group,
        )
        new.click(
            handlers.new_conversation,
            inputs=[session],
            outputs=chat_outputs,
            api_name="new_conversation",
        )
        chatbot.clear(  # the chat's own trash button: forget the session too
            handlers.new_conversation,
            inputs=[session],
            outputs=chat_outputs,
            api_name="clear_chat",
            api_visibility="private",
        )
        clear.click(
            lambda: (None, None, None, None),
            outputs=[outlets, since, until, as_of],
            api_name="clear_filters",
            api_visibility="private",
        )

        def load() -> tuple[str, Any, list[list[Any]], str]:
            rows, totals_html = handlers.article_rows(services)
            choices = gr.Dropdown(choices=handlers.outlet_choices(services))
            return handlers.status(services), choices, rows, totals_html

        app.load(load, outputs=[status, outlets, table, totals], api_name="load")
        search.change(
            partial(handlers.article_rows, services),
            inputs=[search],
            outputs=[table, totals],
            api_name="search_articles",
            show_progress="hidden",
        )

        def upload_files(
            files_value: Any,
            progress: gr.Progress = gr.Progress(),  # noqa: B008
        ) -> Any:
            return handlers.upload_files(services, files_value, progress)

        def add_text(
            title: str,
            text: str,
            source: str,
            published: Any,
            progress: gr.Progress = gr.Progress(),  # noqa: B008,
        ) -> Any:
            return handlers.add_text(services, title, text, source, published, progress)

        update_outputs = [report, table, totals, outlets]
        upload.click(
            upload_files,
            inputs=[files],
            outputs=update_outputs,
            api_name="upload_files",
            show_progress_on=[report],
            **update_group,
        ).success(lambda: None, outputs=[files], api_name="clear_files", api_visibility="private")
        paste.click(
            add_text,
            inputs=[paste_title, paste_text, paste_source, paste_date],
            outputs=update_outputs,
            api_name="add_text",
            show_progress_on=[report],
            **update_group,
        ).success(
            lambda: ("", "", "", None),
            outputs=[paste_title, paste_text, paste_source, paste_date],
            api_name="clear_paste",
            api_visibility="private",
        )
        report.change(
            partial(handlers.status, services),
            outputs=[status],
            api_name="status",
            api_visibility="private",
        )

        # ------------------------------------------------------------ data API
        def ask(
            question: str,
            sources: list[str] | None = None,
            since: str | None = None,
            until: str | None = None,
            as_of: str | None = None,
        ) -> dict[str, Any]:
            """Answer one question from the indexed articles.

            Returns {text, abstained, question, standalone_question, date_range, notes,
            citations: [{number, article_id, title, source, url, published, quote,
            start, end, score, passage, also_in}]}. Dates are YYYY-MM-DD.
            """
            return handlers.ask(services, question, sources, since, until, as_of)

        def articles(query: str = "") -> list[dict[str, Any]]:
            """The indexed articles whose title or outlet contains `query` ("" for all)."""
            return handlers.article_records(services, query)

        gr.api(ask, api_name="ask", **answer_group)
        gr.api(articles, api_name="articles")
    return app
