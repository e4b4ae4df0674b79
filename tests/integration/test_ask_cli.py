"""`newsdesk ask` / `newsdesk chat` through the real CLI app on an index of the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from index.pipeline import NewsIndex
from index.settings import IndexSettings
from tests.conftest import SEEDS_DIR
from ui.cli import build_cli

pytestmark = pytest.mark.integration

CITATION_FIELDS = {
    "number",
    "article_id",
    "title",
    "source",
    "url",
    "published",
    "quote",
    "start",
    "end",
    "score",
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ask-cli")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(root / "home"))
        with NewsIndex.open(IndexSettings(data_dir=root / "data")) as index:
            index.update([SEEDS_DIR])
    return root / "data"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_cli(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ask_json_shape(data_dir: Path) -> None:
    code, out, _ = run(
        "ask", "How long was Pavel Latushko sentenced to?", "--json", "--data-dir", str(data_dir)
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["abstained"] is False
    assert answer["question"] == "How long was Pavel Latushko sentenced to?"
    assert answer["citations"]
    for c in answer["citations"]:
        assert set(c) >= CITATION_FIELDS
        assert f"[{c['number']}]" in answer["text"]
    assert any("18 years" in c["quote"] for c in answer["citations"])


def test_ask_prints_answer_and_numbered_sources(data_dir: Path) -> None:
    code, out, _ = run(
        "ask",
        "How long was Pavel Latushko sentenced to?",
        "--data-dir",
        str(data_dir),
    )
    assert code == 0
    head, _, sources = out.partition("\nSources:\n")
    assert "18 years" in head
    assert sources.startswith("[1] Belarus")
    assert "“" in sources  # the quoted sentence


def test_ask_abstains_in_json(data_dir: Path) -> None:
    code, out, _ = run(
        "ask", "Who won the Eurovision song contest?", "--json", "--data-dir", str(data_dir)
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["abstained"] is True and answer["citations"] == []


def test_ask_filters_can_exclude_everything(data_dir: Path) -> None:
    # The seed article has no outlet: an outlet filter leaves nothing to answer from.
    code, out, _ = run(
        "ask",
        "How many children were moved to Belarus?",
        "--json",
        "--source",
        "cnn.com",
        "--as-of",
        "2024-01-01",
        "--data-dir",
        str(data_dir),
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["abstained"] is True
    assert answer["date_range"]["until"] == "2024-01-01"


def test_ask_source_unknown_keeps_the_articles_without_an_outlet(data_dir: Path) -> None:
    question = "How many children were moved to Belarus?"
    code, out, _ = run(
        "ask", question, "--json", "--source", "(unknown)", "--data-dir", str(data_dir)
    )
    assert code == 0
    answer = json.loads(out)
    assert not answer["abstained"] and "2,100" in answer["text"]
    assert {c["source"] for c in answer["citations"]} == {None}


def test_ask_rejects_bad_dates(data_dir: Path) -> None:
    code, _, err = run("ask", "anything", "--since", "June", "--data-dir", str(data_dir))
    assert code == 2
    assert "--since must be a date" in err


def test_ask_reads_data_dir_from_env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(data_dir))
    code, out, _ = run("ask", "How long was Pavel Latushko sentenced to?", "--json")
    assert code == 0 and json.loads(out)["abstained"] is False


def test_chat_follow_up_and_reset(data_dir: Path) -> None:
    result = CliRunner().invoke(
        build_cli(),
        ["chat", "--data-dir", str(data_dir)],
        input="Who is Pavel Latushko?\nWhen was he sentenced?\n/reset\n/quit\n",
    )
    assert result.exit_code == 0
    assert "(understood as:" in result.stdout
    assert "18 years" in result.stdout
    assert "(new conversation)" in result.stdout
