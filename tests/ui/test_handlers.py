"""The web chat's handlers, called in-process on a real index of the seed sample."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
import pytest

from assistant.answer.base import AnswerStream
from assistant.types import Answer
from tests.ui.conftest import (
    NEW_ARTICLE_QUESTION,
    NEW_ARTICLE_TEXT,
    NEW_ARTICLE_TITLE,
    SAMPLE_QUESTION,
    open_seed_assistant,
    write_new_article,
)
from ui import handlers
from ui.handlers import Services
from ui.settings import UiSettings

if TYPE_CHECKING:
    from assistant.core import Assistant
    from index.pipeline import NewsIndex

pytestmark = pytest.mark.ui


@pytest.fixture(scope="module")
def services(seed_assistant: tuple[Assistant, NewsIndex]) -> Services:
    assistant, index = seed_assistant
    return Services(assistant=assistant, index=index, settings=UiSettings())


@pytest.fixture
def fresh_services(tmp_path: Path) -> Iterator[Services]:
    """Its own index, for tests that add articles."""
    assistant, index = open_seed_assistant(tmp_path / "index")
    yield Services(assistant=assistant, index=index, settings=UiSettings(max_upload_bytes=5_000))
    index.close()


def run_chat(
    services: Services,
    question: str,
    history: Sequence[dict[str, Any]] | None = None,
    session: Any = None,
    **filters: Any,
) -> list[tuple[list[dict[str, Any]], Any, str]]:
    return list(
        handlers.chat(
            services,
            question,
            history,
            session,
            filters.get("sources"),
            filters.get("since"),
            filters.get("until"),
            filters.get("as_of"),
        )
    )


def test_chat_streams_then_shows_a_cited_answer(services: Services) -> None:
    steps = run_chat(services, SAMPLE_QUESTION)
    first_history, session, box = steps[0]
    assert box == ""
    assert [m["role"] for m in first_history] == ["user", "assistant"]
    assert "How many children" in first_history[0]["content"]
    assert "nd-streaming" in first_history[1]["content"]
    final = steps[-1][0][-1]["content"]
    assert "2,100" in final
    assert 'class="nd-cite" href="#nd-' in final
    assert 'class="nd-card"' in final and '<mark class="nd-quote">' in final
    assert "nd-abstained" not in final
    assert session is not None


def test_follow_up_keeps_the_conversation(services: Services) -> None:
    history, session, _ = run_chat(services, SAMPLE_QUESTION)[-1]
    steps = run_chat(services, "How many have been returned?", history, session)
    history2, session2, _ = steps[-1]
    assert session2 is session
    assert len(history2) == 4
    assert "361" in history2[-1]["content"]  # "how many" of the children, from the context


def test_new_conversation_clears_everything(services: Services) -> None:
    history, session, _ = run_chat(services, SAMPLE_QUESTION)[-1]
    assert history
    cleared, state, box = handlers.new_conversation(session)
    assert cleared == [] and state is None and box == ""


def test_unanswerable_question_is_an_abstention_not_an_error(services: Services) -> None:
    final = run_chat(services, "What was the score of the 1998 World Cup final?")[-1][0][-1]
    assert "nd-abstained" in final["content"]
    assert "nd-failed" not in final["content"]


def test_outlet_filter_is_applied(services: Services) -> None:
    answer = handlers.ask(services, SAMPLE_QUESTION, sources=["No Such Outlet"])
    assert answer["abstained"] is True
    assert answer["citations"] == []


def test_date_filters_are_applied(services: Services) -> None:
    before = handlers.ask(services, SAMPLE_QUESTION, until="2001-01-01")
    assert before["abstained"] is True


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": "yesterday-ish"}, "not a date"),
        ({"since": "2023-05-01", "until": "2023-01-01"}, "date range is empty"),
        ({"as_of": "32/13/2020"}, "not a date"),
    ],
)
def test_bad_filters_are_readable_errors(
    services: Services, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(gr.Error, match=message):
        handlers.ask(services, SAMPLE_QUESTION, **kwargs)


def test_empty_and_oversized_questions_are_rejected(services: Services) -> None:
    with pytest.raises(gr.Error, match="Type a question"):
        run_chat(services, "   ")
    with pytest.raises(gr.Error, match="limit is"):
        handlers.ask(services, "x" * (services.settings.max_question_chars + 1))


def test_ask_returns_the_answer_as_json_data(services: Services) -> None:
    answer = handlers.ask(services, SAMPLE_QUESTION)
    json.dumps(answer)  # plain data, ready for gradio_client
    assert "2,100" in answer["text"] and answer["abstained"] is False
    first = answer["citations"][0]
    assert first["number"] == 1 and "2,100" in first["quote"]
    assert first["title"].startswith("Belarus")


def test_articles_table_and_search(services: Services) -> None:
    rows, totals = handlers.article_rows(services)
    assert len(rows) == 1 and rows[0][0].startswith("Belarus")
    assert "<b>1</b> articles" in totals
    rows, totals = handlers.article_rows(services, "no such words")
    assert rows == [] and "showing 0" in totals


def test_status_names_the_answerer_and_embedding(services: Services) -> None:
    html = handlers.status(services)
    described = services.assistant.describe()
    assert str(described["answerer"]) in html
    assert "Articles" in html


def test_pasted_article_is_answerable_right_away(fresh_services: Services) -> None:
    calls: list[tuple[float, str]] = []
    report, rows, _totals, _ = handlers.add_text(
        fresh_services,
        NEW_ARTICLE_TITLE,
        NEW_ARTICLE_TEXT,
        "Ljubljana Times",
        "2023-09-02",
        progress=lambda value, desc="": calls.append((value, desc)),
    )
    assert "<b>1</b> Added" in report and "<b>0</b> Failed" in report
    assert len(rows) == 2 and calls
    answer = handlers.ask(fresh_services, NEW_ARTICLE_QUESTION)
    assert "4,300" in answer["text"]
    assert answer["citations"][0]["title"] == NEW_ARTICLE_TITLE


def test_as_of_hides_articles_published_later(fresh_services: Services) -> None:
    handlers.add_text(fresh_services, NEW_ARTICLE_TITLE, NEW_ARTICLE_TEXT, "", "2023-09-02")
    before = handlers.ask(fresh_services, NEW_ARTICLE_QUESTION, as_of="2023-09-01")
    assert before["abstained"] is True
    assert before["date_range"]["until"] == "2023-09-01"
    after = handlers.ask(fresh_services, NEW_ARTICLE_QUESTION, as_of="2023-09-05")
    assert after["abstained"] is False and "4,300" in after["text"]


def test_upload_reports_added_and_failed_files(fresh_services: Services, tmp_path: Path) -> None:
    good = write_new_article(tmp_path)
    bad = tmp_path / "broken.json"
    bad.write_text('{"title": "no text field"', encoding="utf-8")
    report, rows, _, choices = handlers.upload_files(fresh_services, [str(good), str(bad)])
    assert "<b>1</b> Added" in report and "<b>1</b> Failed" in report
    assert "broken.json" in report
    assert any(r[0] == NEW_ARTICLE_TITLE for r in rows)
    assert "Ljubljana Times" in [c[0] if isinstance(c, tuple) else c for c in choices.choices]
    kept = list((Path(fresh_services.index.data_dir) / "uploads").glob("*/zebra.md"))
    assert len(kept) == 1  # outlives Gradio's temp folder
    answer = handlers.ask(fresh_services, NEW_ARTICLE_QUESTION)
    assert "4,300" in answer["text"]


def test_upload_limits(fresh_services: Services, tmp_path: Path) -> None:
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(gr.Error, match="unsupported file type"):
        handlers.upload_files(fresh_services, [str(exe)])
    big = tmp_path / "big.txt"
    big.write_text("word " * 2_000, encoding="utf-8")
    with pytest.raises(gr.Error, match="limit is"):
        handlers.upload_files(fresh_services, [str(big)])
    with pytest.raises(gr.Error, match="Choose one or more files"):
        handlers.upload_files(fresh_services, [])


def test_paste_needs_a_title_and_text(fresh_services: Services) -> None:
    with pytest.raises(gr.Error, match="title"):
        handlers.add_text(fresh_services, "", "some text")
    with pytest.raises(gr.Error, match="Paste the article"):
        handlers.add_text(fresh_services, "A title", "  ")


class _BrokenSession:
    """A chat session whose answerer fails mid-answer (e.g. the LLM server went away)."""

    def stream(self, question: str, **_: Any) -> AnswerStream:
        def pieces() -> Iterator[str | Answer]:
            yield "Partial "
            raise ConnectionError("LLM server at http://127.0.0.1:9 refused the connection")

        return AnswerStream(pieces())

    def reset(self) -> None:
        pass


def test_failures_become_readable_errors_without_traceback(services: Services) -> None:
    steps: list[Any] = []
    with pytest.raises(gr.Error) as caught:
        for step in handlers.chat(services, "Anything?", [], _BrokenSession()):
            steps.append(step)
    message = str(caught.value)
    assert "Answering failed: LLM server at http://127.0.0.1:9 refused" in message
    assert "Traceback" not in message
    shown = steps[-1][0][-1]["content"]
    assert "nd-failed" in shown and "refused the connection" in shown


class _ScriptedSession:
    """Yields a few text pieces, then its Answer (a double at our ChatSession interface)."""

    def stream(self, question: str, **_: Any) -> AnswerStream:
        pieces = ["The answer ", "is 42.", Answer(text="The answer is 42.", question=question)]
        return AnswerStream(pieces)

    def reset(self) -> None:
        pass


def test_a_suspended_answer_does_not_block_index_updates(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(handlers, "STREAM_INTERVAL", 0.0)
    steps = handlers.chat(services, "Anything?", [], _ScriptedSession())
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
