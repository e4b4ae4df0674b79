"""The web chat's handlers, called in-process on a real index of the seed sample."""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import pytest

from tests.ui.conftest import (
    NEW_ARTICLE_QUESTION,
    NEW_ARTICLE_TEXT,
    NEW_ARTICLE_TITLE,
    SAMPLE_QUESTION,
    write_new_article,
)
from ui import handlers
from ui.handlers import Services

pytestmark = pytest.mark.ui


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
        handlers.ask(services, "   ")
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


def test_pasted_article_is_answerable_right_away(own_services: Services) -> None:
    calls: list[tuple[float, str]] = []
    report, rows, _totals, _ = handlers.add_text(
        own_services,
        NEW_ARTICLE_TITLE,
        NEW_ARTICLE_TEXT,
        "Ljubljana Times",
        "2023-09-02",
        progress=lambda value, desc="": calls.append((value, desc)),
    )
    assert "<b>1</b> Added" in report and "<b>0</b> Failed" in report
    assert len(rows) == 2 and calls
    answer = handlers.ask(own_services, NEW_ARTICLE_QUESTION)
    assert "4,300" in answer["text"]
    assert answer["citations"][0]["title"] == NEW_ARTICLE_TITLE


def test_as_of_hides_articles_published_later(own_services: Services) -> None:
    handlers.add_text(own_services, NEW_ARTICLE_TITLE, NEW_ARTICLE_TEXT, "", "2023-09-02")
    before = handlers.ask(own_services, NEW_ARTICLE_QUESTION, as_of="2023-09-01")
    assert before["abstained"] is True
    assert before["date_range"]["until"] == "2023-09-01"
    after = handlers.ask(own_services, NEW_ARTICLE_QUESTION, as_of="2023-09-05")
    assert after["abstained"] is False and "4,300" in after["text"]


def test_upload_reports_added_and_failed_files(own_services: Services, tmp_path: Path) -> None:
    good = write_new_article(tmp_path)
    bad = tmp_path / "broken.json"
    bad.write_text('{"title": "no text field"', encoding="utf-8")
    report, rows, _, choices = handlers.upload_files(own_services, [str(good), str(bad)])
    assert "<b>1</b> Added" in report and "<b>1</b> Failed" in report
    assert "broken.json" in report
    assert any(r[0] == NEW_ARTICLE_TITLE for r in rows)
    assert "Ljubljana Times" in [c[0] if isinstance(c, tuple) else c for c in choices.choices]
    kept = list((Path(own_services.index.data_dir) / "uploads").glob("*/zebra.md"))
    assert len(kept) == 1  # outlives Gradio's temp folder
    answer = handlers.ask(own_services, NEW_ARTICLE_QUESTION)
    assert "4,300" in answer["text"]


def test_upload_limits(
    own_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ordinary input problems are warnings that leave the tab as it was, not red errors.
    warned: list[str] = []
    monkeypatch.setattr(gr, "Warning", lambda message, **_: warned.append(message))
    untouched = (gr.skip(),) * 4
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    assert handlers.upload_files(own_services, [str(exe)]) == untouched
    big = tmp_path / "big.txt"
    big.write_text("word " * 2_000, encoding="utf-8")
    assert handlers.upload_files(own_services, [str(big)]) == untouched
    assert handlers.upload_files(own_services, []) == untouched
    assert "unsupported file type" in warned[0] and "limit is" in warned[1]
    assert "Choose one or more files" in warned[2]


def test_paste_needs_a_title_and_text(
    own_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(gr, "Warning", lambda message, **_: warned.append(message))
    assert handlers.add_text(own_services, "", "some text") == (gr.skip(),) * 4
    assert handlers.add_text(own_services, "A title", "  ") == (gr.skip(),) * 4
    assert "title" in warned[0] and "Paste the article" in warned[1]
