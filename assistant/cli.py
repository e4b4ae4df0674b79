"""`newsdesk ask` and `newsdesk chat`, registered on the `newsdesk` app by ui/cli.py.

Both open the index exactly as `newsdesk index` does (`--data-dir`,
`NEWSDESK_DATA_DIR`, newsdesk.toml) and answer with verified citations.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.query.filters import Filters
from index.cli import DataDirOption

if TYPE_CHECKING:
    from assistant.core import Assistant
    from assistant.types import Answer

logger = logging.getLogger(__name__)

SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        help='Only this outlet (e.g. cnn.com; "(unknown)": no outlet); repeat for several.',
    ),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only articles published on or after DATE.")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only articles published on or before DATE.")
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Reference date for 'latest', 'last week' ...; later articles are not used.",
    ),
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _date_option(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        _err(f"error: {flag} must be a date like 2022-06-12, got {value!r}")
        raise typer.Exit(2) from exc


def open_assistant(data_dir: Path | None) -> Assistant:
    """The assistant over the index in `data_dir` (or the configured one); exit 2 on errors."""
    from assistant.core import Assistant
    from assistant.settings import assistant_settings
    from index.cli import settings_or_exit
    from index.embeddings import EmbeddingUnavailable
    from index.pipeline import IndexMismatchError, NewsIndex

    settings = settings_or_exit(lambda: assistant_settings(data_dir))
    try:
        index = NewsIndex.open(settings.index)
    except (IndexMismatchError, EmbeddingUnavailable) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc
    if index.status().articles == 0:
        _err(
            f"note: the index in {settings.index.data_dir} is empty; "
            f"run `newsdesk index PATH --data-dir {settings.index.data_dir}` first."
        )
    return Assistant(index=index, settings=settings)


def format_answer(answer: Answer) -> str:
    """The answer, then a numbered source list (title, outlet, date, URL, quoted sentence)."""
    lines = [answer.text]
    if answer.date_range is not None and answer.date_range.label:
        lines.append(f"({answer.date_range.label})")
    for note in answer.notes:
        lines.append(f"Note: {note}")
    if answer.citations:
        lines += ["", "Sources:"]
        for c in sorted(answer.citations, key=lambda c: c.number):
            meta = ", ".join(x for x in (c.source, (c.published or "")[:10]) if x)
            lines.append(f"[{c.number}] {c.title}" + (f" — {meta}" if meta else ""))
            if c.also_in:
                lines.append(f"    also carried by: {', '.join(c.also_in)}")
            if c.url:
                lines.append(f"    {c.url}")
            lines.append(f"    “{c.quote.strip()}”")
    return "\n".join(lines)


def _filters(
    source: list[str] | None, since: str | None, until: str | None, as_of: str | None
) -> Filters:
    """The filter options as one Filters; exit 2 on a malformed date or a reversed window."""
    try:
        return Filters.of(
            source,
            _date_option(since, "--since"),
            _date_option(until, "--until"),
            _date_option(as_of, "--as-of"),
        )
    except ValueError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc


def _answer_or_exit(assistant: Assistant, question: str, filters: Filters) -> Answer:
    from assistant.answer.llm import LLMError

    try:
        return assistant.ask(question, filters)
    except (LLMError, ValueError) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc


def ask_command(
    question: Annotated[str, typer.Argument(help="The question to answer.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
    source: SourceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_of: AsOfOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Answer a question from the indexed articles, citing the supporting sentences."""
    filters = _filters(source, since, until, as_of)
    if not question.strip():
        _err("error: the question is empty")
        raise typer.Exit(2)
    assistant = open_assistant(data_dir)
    answer = _answer_or_exit(assistant, question, filters)
    if as_json:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_answer(answer))


def chat_command(
    source: SourceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_of: AsOfOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A terminal chat: follow-up questions understand the earlier ones. /reset, /quit."""
    from assistant.answer.llm import LLMError

    filters = _filters(source, since, until, as_of)
    session = open_assistant(data_dir).chat(filters)
    typer.echo("Ask about the indexed articles. /reset starts over, /quit (or Ctrl-D) ends.")
    while True:
        try:
            question = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if not question:
            continue
        if question in {"/quit", "/exit"}:
            return
        if question == "/reset":
            session.reset()
            typer.echo("(new conversation)")
            continue
        try:
            answer = session.ask(question)
        except (LLMError, ValueError) as exc:
            _err(f"error: {exc}")
            continue
        if answer.standalone_question:
            typer.echo(f"(understood as: {answer.standalone_question})")
        typer.echo(format_answer(answer) + "\n")


def register(app: typer.Typer) -> None:
    """Add this layer's commands to `app`."""
    app.command("ask")(ask_command)
    app.command("chat")(chat_command)
