"""The Articles tab: the paged list, one article opened, removal, uploads; their events.

Uploads and pasted texts are handled by `ui.handlers`; after one the list is shown
again through the search box and page the reader had.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import gradio as gr

from ui import handlers, library
from ui.handlers import Services
from ui.markup import esc
from ui.settings import UiSettings


def refresh(services: Services, query: Any, number: Any) -> tuple[Any, ...]:
    """The list as the search box and page say: rows, ids, page, label, totals, outlets."""
    articles = services.articles()
    page = library.page(articles, query, number)
    choices, _ = library.outlet_groups(articles)
    return (
        page.rows,
        page.ids,
        page.number,
        library.page_html(page),
        library.totals(articles, page.matches),
        gr.Dropdown(choices=choices),
    )


def step(services: Services, query: Any, number: Any, delta: int) -> tuple[Any, ...]:
    return refresh(services, query, int(number or 1) + delta)


def open_article(services: Services, ids: list[str], evt: gr.SelectData) -> tuple[Any, ...]:
    row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
    article_id = ids[row] if isinstance(row, int) and 0 <= row < len(ids) else None
    shown = library.article_html(services, article_id)
    removable = article_id is not None and handlers.replica_problem(services) is None
    return article_id, shown, gr.Button(visible=removable), gr.Column(visible=False)


def confirm_text(services: Services, article_id: str | None) -> tuple[Any, ...]:
    title = next((a.title for a in services.articles() if a.id == article_id), "this article")
    text = (
        f'<div class="nd-confirm-text">Remove “{esc(title)}” from the index? '
        "It will no longer be used in answers. Its file, if any, is kept.</div>"
    )
    return gr.Column(visible=article_id is not None), text


def remove(services: Services, article_id: str | None, query: Any, number: Any) -> tuple[Any, ...]:
    if not article_id:
        return (*(gr.skip(),) * 4, *refresh(services, query, number), gr.skip())
    if (refused := handlers.replica_problem(services)) is not None:
        gr.Warning(str(refused), title=refused.title)
        return (*(gr.skip(),) * 4, *refresh(services, query, number), gr.skip())
    message = library.remove(services, article_id)
    closed = (None, "", gr.Column(visible=False), gr.Button(visible=False))
    return (*closed, *refresh(services, query, number), message)


@dataclass
class _ArticleList:
    totals: gr.HTML
    search: gr.Textbox
    prev: gr.Button
    label: gr.HTML  # "Page 2 of 5"
    nxt: gr.Button
    table: gr.Dataframe


@dataclass
class _ArticleView:
    article: gr.HTML
    remove_btn: gr.Button
    confirm_row: gr.Column  # "Remove …?" with its two buttons, shown on "Remove from index…"
    confirm_msg: gr.HTML
    confirm: gr.Button
    cancel: gr.Button


@dataclass
class _AddPanel:
    files: gr.File
    upload: gr.Button
    paste_title: gr.Textbox
    paste_source: gr.Textbox
    paste_date: gr.DateTime
    paste_text: gr.Textbox
    paste: gr.Button


def build_articles_tab(services: Services, settings: UiSettings, outlets: gr.Dropdown) -> Any:
    """Lay out the Articles tab (inside an open `gr.Tab`); returns the list's outputs."""
    update_group: dict[str, Any] = {"concurrency_limit": 1, "concurrency_id": "update"}
    ids = gr.State([])
    number = gr.State(1)
    selected = gr.State(None)
    listed, view = _browse_panels()
    read_only = handlers.replica_problem(services)
    if read_only is not None:  # a replica: the indexer adds and removes articles
        gr.HTML(f'<div class="nd-hint" id="nd-read-only">{esc(str(read_only))}</div>')
    with gr.Row(equal_height=False, visible=read_only is None):
        adding = _add_panel(settings)
    report = gr.HTML(elem_id="nd-report", min_height=56)

    list_outputs = [listed.table, ids, number, listed.label, listed.totals, outlets]
    _wire_list(services, listed, number, list_outputs)
    _wire_view(services, listed, view, ids, number, selected, list_outputs, report, update_group)
    _wire_adding(services, adding, listed, number, list_outputs, report, outlets, update_group)
    return list_outputs


def _browse_panels() -> tuple[_ArticleList, _ArticleView]:
    """The totals, search box, pager and list; beside the list, the article opened with its
    remove button (asked to confirm)."""
    totals = gr.HTML(elem_id="nd-totals")
    search = gr.Textbox(
        placeholder="Search titles and outlets…", show_label=False, elem_id="nd-search"
    )
    with gr.Row(equal_height=True, elem_classes="nd-pager"):
        prev = gr.Button("‹ Previous", size="sm", scale=0, min_width=110, elem_id="nd-prev")
        label = gr.HTML(elem_id="nd-page")
        nxt = gr.Button("Next ›", size="sm", scale=0, min_width=110, elem_id="nd-next")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            table = gr.Dataframe(
                headers=handlers.TABLE_HEADERS,
                datatype=["str", "str", "str", "number"],
                interactive=False,
                wrap=True,
                max_height=520,
                column_widths=["56%", "20%", "14%", "10%"],
                elem_id="nd-articles",
            )
        with gr.Column(scale=2, elem_classes="nd-article-panel"):
            article = gr.HTML(
                '<div class="nd-hint">Click a row to open the article.</div>',
                elem_id="nd-article",
            )
            remove_btn = gr.Button(
                "Remove from index…", variant="stop", size="sm", visible=False, elem_id="nd-remove"
            )
            with gr.Column(visible=False, elem_id="nd-confirm") as confirm_row:
                confirm_msg = gr.HTML()  # the question above its buttons, not squeezed beside them
                with gr.Row():
                    confirm = gr.Button(
                        "Remove", variant="stop", size="sm", elem_id="nd-remove-yes"
                    )
                    cancel = gr.Button("Cancel", size="sm", elem_id="nd-remove-no")
    return (
        _ArticleList(totals, search, prev, label, nxt, table),
        _ArticleView(article, remove_btn, confirm_row, confirm_msg, confirm, cancel),
    )


def _add_panel(settings: UiSettings) -> _AddPanel:
    """Uploading files, and pasting an article's text."""
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
    return _AddPanel(files, upload, paste_title, paste_source, paste_date, paste_text, paste)


def _wire_list(
    services: Services, listed: _ArticleList, number: gr.State, list_outputs: list[Any]
) -> None:
    """Searching, and turning pages."""
    listed.search.change(
        partial(refresh, services),
        inputs=[listed.search, gr.State(1)],
        outputs=list_outputs,
        api_name="search_articles",
        show_progress="hidden",
    )
    for button, delta in ((listed.prev, -1), (listed.nxt, 1)):
        button.click(
            partial(step, services, delta=delta),
            inputs=[listed.search, number],
            outputs=list_outputs,
            api_visibility="private",
            show_progress="hidden",
        )


def _wire_view(
    services: Services,
    listed: _ArticleList,
    view: _ArticleView,
    ids: gr.State,
    number: gr.State,
    selected: gr.State,
    list_outputs: list[Any],
    report: gr.HTML,
    update_group: dict[str, Any],
) -> None:
    """Opening an article from the list, and removing it (once confirmed)."""

    def select_row(shown: list[str], evt: gr.SelectData) -> tuple[Any, ...]:
        return open_article(services, shown, evt)  # Gradio reads the hint: no partial

    listed.table.select(
        select_row,
        inputs=[ids],
        outputs=[selected, view.article, view.remove_btn, view.confirm_row],
        api_visibility="private",
    )
    view.remove_btn.click(
        partial(confirm_text, services),
        inputs=[selected],
        outputs=[view.confirm_row, view.confirm_msg],
        api_visibility="private",
    )
    view.cancel.click(
        lambda: gr.Column(visible=False), outputs=[view.confirm_row], api_visibility="private"
    )
    view.confirm.click(
        partial(remove, services),
        inputs=[selected, listed.search, number],
        outputs=[
            selected,
            view.article,
            view.confirm_row,
            view.remove_btn,
            *list_outputs,
            report,
        ],
        api_name="remove_article",
        api_visibility="private",
        **update_group,
    )


def _wire_adding(
    services: Services,
    adding: _AddPanel,
    listed: _ArticleList,
    number: gr.State,
    list_outputs: list[Any],
    report: gr.HTML,
    outlets: gr.Dropdown,
    update_group: dict[str, Any],
) -> None:
    """Adding uploaded files or a pasted text; after either, the list as the reader had it."""

    def upload_files(files_value: Any, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        return handlers.upload_files(services, files_value, progress)

    def add_text(
        title: str,
        text: str,
        source: str,
        published: Any,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> Any:
        return handlers.add_text(services, title, text, source, published, progress)

    update_outputs = [report, listed.table, listed.totals, outlets]
    uploaded = adding.upload.click(
        upload_files,
        inputs=[adding.files],
        outputs=update_outputs,
        api_name="upload_files",
        show_progress_on=[report],
        **update_group,
    )
    uploaded.success(
        lambda: None, outputs=[adding.files], api_name="clear_files", api_visibility="private"
    )
    pasted_fields = [adding.paste_title, adding.paste_text, adding.paste_source, adding.paste_date]
    pasted = adding.paste.click(
        add_text,
        inputs=pasted_fields,
        outputs=update_outputs,
        api_name="add_text",
        show_progress_on=[report],
        **update_group,
    )
    pasted.success(
        lambda: ("", "", "", None),
        outputs=pasted_fields,
        api_name="clear_paste",
        api_visibility="private",
    )
    for event in (uploaded, pasted):  # the list keeps honouring the search box and page
        event.success(
            partial(refresh, services),
            inputs=[listed.search, number],
            outputs=list_outputs,
            api_visibility="private",
            show_progress="hidden",
        )
