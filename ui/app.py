"""The Gradio web chat: the page and its tabs (each tab's layout and events live in
`ui.app_chat` and `ui.app_articles`, the logic in `ui.chatting`, `ui.library`, `ui.handlers`).

`build_app` returns the Blocks without starting anything; the entry point launches
it with `launch_options(settings)` (theme, CSS, the page script, auth, upload limits),
e.g. ``app.launch(**launch_options(settings))``.

API for `gradio_client` users (see the "API" tab in the app):
``/ask`` (question, sources, since, until, as_of) -> {text, abstained, citations[...]},
``/articles`` (query) -> [{id, title, source, published, url, n_chunks, ...}],
``/chat`` (streamed, HTML), ``/upload_files``, ``/add_text``, ``/search_articles``.
"""

from __future__ import annotations

from importlib import resources
from types import MethodType
from typing import TYPE_CHECKING, Any

import gradio as gr
from gradio.themes.utils import colors, fonts

from ui import about, chatting, handlers
from ui.app_articles import build_articles_tab, refresh
from ui.app_chat import build_chat_tab
from ui.handlers import Services
from ui.settings import UiSettings

if TYPE_CHECKING:
    from assistant.core import Assistant
    from index.pipeline import NewsIndex

HEADER = (
    '<div class="nd-header"><div class="nd-brand">'
    '<span class="nd-logo" aria-hidden="true">N</span>'
    '<div><div class="nd-name">Newsdesk</div>'
    '<div class="nd-tagline">Ask the news. Every claim carries a verified citation.</div>'
    "</div></div></div>"
)
QUEUE_STATUS_SECONDS = 1.0


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
        "state_session_capacity": settings.max_sessions,  # bounds per-session memory
    }


# Answers at once: the built-in answerer is Python work under one GIL (two threads let one
# wait on Chroma's query while the other scores; 20 users over the dev corpus got 5-21 %
# more answers a second with 2 than with 4); a language model is waited on, not computed.
# With answer worker processes, one thread more than workers: while each worker scores an
# answer, a thread retrieves the next question's passages (20 users: 33 answers/s with 3
# threads for 2 workers, 28 with 2, 31 with 4).
BUILT_IN_ANSWER_WORKERS = 2
MODEL_ANSWER_WORKERS = 4


def answer_workers(assistant: Assistant, settings: UiSettings) -> int:
    """Queue workers for questions: the setting, else a default for the answerer in use."""
    if settings.chat_concurrency is not None:
        return settings.chat_concurrency
    if assistant.answers_with_model:
        return MODEL_ANSWER_WORKERS
    processes = getattr(assistant.answerer, "workers", 0)
    return processes + 1 if processes else BUILT_IN_ANSWER_WORKERS


def build_app(
    assistant: Assistant, index: NewsIndex, settings: UiSettings | None = None
) -> gr.Blocks:
    """The web chat over `assistant` (answers) and `index` (listing and adding articles)."""
    settings = settings or UiSettings()
    services = Services(assistant=assistant, index=index, settings=settings)
    answer_group: dict[str, Any] = {
        "concurrency_limit": answer_workers(assistant, settings),
        "concurrency_id": "answer",
    }

    with gr.Blocks(title=settings.title, analytics_enabled=False, fill_width=True) as app:
        gr.HTML(HEADER, elem_classes="nd-top")
        with gr.Tabs(elem_id="nd-tabs"):
            with gr.Tab("Chat", id="chat", elem_id="nd-tab-chat"):
                chat_tab = build_chat_tab(services, answer_group)
            with gr.Tab("Articles", id="articles", elem_id="nd-tab-articles"):
                list_outputs = build_articles_tab(services, settings, chat_tab.outlets)
            with gr.Tab("API", id="api", elem_id="nd-tab-api"):
                api_doc = gr.Markdown(elem_id="nd-api")
            with gr.Tab("About", id="about", elem_id="nd-tab-about"):
                about_panel = gr.HTML(elem_id="nd-about")

        def load(store: Any, request: gr.Request) -> tuple[Any, ...]:
            chat = chatting.load(services, store)
            listing = refresh(services, "", 1)
            return (*chat, *listing, about.api_doc(request), about_text())

        def about_text() -> str:
            try:
                described = services.assistant.describe()
            except Exception:  # the About panel must never break the page
                handlers.logger.exception("describe failed")
                described = {}
            return about.about_html(
                described, len(services.articles()), str(services.index.data_dir)
            )

        app.load(
            load,
            inputs=[chat_tab.store],
            outputs=[
                chat_tab.chatbot,
                chat_tab.store,
                chat_tab.conv_list,
                chat_tab.conv_title,
                *list_outputs,
                api_doc,
                about_panel,
            ],
            api_name="load",
            api_visibility="private",
        ).then(  # marks the page as restored (stored conversations shown), for tests and scripts
            None, js="() => { document.documentElement.dataset.ndLoaded = '1'; }"
        )

        # ------------------------------------------------------------ data API
        def articles(query: str = "") -> list[dict[str, Any]]:
            """The indexed articles whose title or outlet contains `query` ("" for all)."""
            return handlers.article_records(services, query)

        # handlers.ask bound to this app's services: Gradio reads the endpoint's parameters,
        # types and description from handlers.ask's own signature and docstring.
        gr.api(MethodType(handlers.ask, services), api_name="ask", **answer_group)
        gr.api(articles, api_name="articles")
    # Queue positions every QUEUE_STATUS_SECONDS, not at every answer's start: "auto" sends
    # each waiting event a message whenever one starts (~16 per answer with 20 users).
    app.queue(status_update_rate=QUEUE_STATUS_SECONDS)
    return app
