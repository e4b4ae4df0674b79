"""What a reader sees first, end to end through `newsdesk ask --json`.

The index holds the seed article plus a few hundred real dev articles (those about the
Capitol attack, and the first ones of the file), so ranking, time words and abstention
meet real coverage.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from index.pipeline import NewsIndex
from index.settings import IndexSettings
from tests.conftest import SEEDS_DIR, shared_data_path
from ui.cli import build_cli

pytestmark = pytest.mark.integration

OTHER_ARTICLES = 250


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = shared_data_path("dev", "articles.jsonl")
    root = tmp_path_factory.mktemp("answer-shape")
    picked: list[str] = []
    others = 0
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record.get("text") or ""
            about_capitol = "Capitol" in text and re.search(r"\bJan(?:uary|\.)? 6\b", text)
            if about_capitol or others < OTHER_ARTICLES:
                picked.append(line)
                others += not about_capitol
    articles = root / "articles"
    articles.mkdir()
    (articles / "dev-slice.jsonl").write_text("".join(picked), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(root / "home"))
        with NewsIndex.open(IndexSettings(data_dir=root / "data")) as index:
            index.update([SEEDS_DIR, articles])
    return root / "data"


def ask(data_dir: Path, question: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        build_cli(), ["ask", question, "--json", "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def first_words(text: str, n: int = 30) -> str:
    return " ".join(re.sub(r"\[\d+\]", "", text).split()[:n])


def test_a_greeting_gets_a_reply_not_quotes(data_dir: Path) -> None:
    answer = ask(data_dir, "hi")
    assert answer["citations"] == [] and answer["abstained"] is False
    assert re.search(r"\b\d[\d,]* articles\b", answer["text"])  # says what is indexed
    assert answer["text"].count("What's the latest on") == 3  # three example questions


def test_an_event_date_does_not_hide_later_reporting(data_dir: Path) -> None:
    answer = ask(data_dir, "What happened at the Capitol on January 6, 2021?")
    assert answer["abstained"] is False
    assert any(c["published"] and c["published"] > "2021-01-07" for c in answer["citations"])


def test_the_number_comes_first(data_dir: Path) -> None:
    answer = ask(data_dir, "How many children were moved to Belarus?")
    assert "2,100" in first_words(answer["text"])
    assert len(answer["text"].split()) <= 60
    cited = answer["citations"][0]
    span = (cited["span_start"], cited["span_end"])
    assert span[0] >= cited["start"] and span[1] <= cited["end"]


def test_the_sentence_length_comes_first(data_dir: Path) -> None:
    answer = ask(data_dir, "How long was Pavel Latushko sentenced to?")
    assert "18 years" in first_words(answer["text"])


def test_a_future_event_abstains(data_dir: Path) -> None:
    answer = ask(data_dir, "Who won the 2031 World Cup?")
    assert answer["abstained"] is True and answer["citations"] == [], answer["text"]


def test_this_week_in_an_older_archive_says_so_and_answers_from_the_newest(
    data_dir: Path,
) -> None:
    answer = ask(data_dir, "What happened at the Capitol this week?")
    assert answer["text"].startswith("No articles from ")
    assert "the newest are from" in answer["text"].split("\n")[0]
    assert answer["abstained"] is False and answer["citations"]


def test_a_month_without_a_year_in_an_older_archive_is_its_latest_such_month(
    data_dir: Path,
) -> None:
    """ "in January" asked today of articles ending in November 2022: January 2022 (the
    archive's latest January), said in the first line, not this year's empty January."""
    answer = ask(data_dir, "What happened at the Capitol in January?")
    first = answer["text"].split("\n")[0]
    assert first.startswith("No articles from 1 January ")
    assert first.endswith("so the question's dates are read as of that day:")
    assert answer["abstained"] is False and answer["citations"]
    assert all(c["published"] >= "2022-01-01" for c in answer["citations"])


def test_a_question_for_the_news_gets_the_newest_headlines(data_dir: Path) -> None:
    """ "What happened this week?" names no topic: the newest headlines, each cited by its
    headline, after the line saying the archive is older than this week."""
    answer = ask(data_dir, "What happened this week?")
    assert answer["text"].startswith("No articles from ")
    assert answer["abstained"] is False
    citations = answer["citations"]
    assert 3 <= len(citations) <= 5
    assert all(c["in_title"] and c["quote"] in c["title"] for c in citations)
    assert "The newest headlines:" in answer["text"]
    days = [c["published"] for c in citations]
    assert days == sorted(days, reverse=True)  # newest first
    # a question naming its topic is searched as usual
    topic = ask(data_dir, "What happened at the Capitol this week?")
    assert "The newest headlines:" not in topic["text"]


def test_a_question_attributed_to_an_outlet_keeps_to_its_articles(data_dir: Path) -> None:
    answer = ask(
        data_dir, "According to USA Today, what happened at the Capitol on January 6, 2021?"
    )
    assert answer["abstained"] is False and answer["citations"]
    assert {c["source"] for c in answer["citations"]} == {"usatoday.com"}
    assert answer["question"].startswith("According to USA Today")
