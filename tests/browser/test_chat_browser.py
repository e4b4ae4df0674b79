"""What a user does in a real browser: ask, read the streamed answer, open sources, upload."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.ui.conftest import (
    NEW_ARTICLE_QUESTION,
    NEW_ARTICLE_TITLE,
    SAMPLE_QUESTION,
    write_new_article,
)

pytestmark = pytest.mark.browser

# Records whether a streaming (unfinished) answer was ever on screen, however briefly.
WATCH_STREAMING = """
() => {
  window.__ndSawStreaming = false;
  new MutationObserver(() => {
    if (document.querySelector('.nd-streaming')) window.__ndSawStreaming = true;
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


# Scrolls the chat so that the first question sits at the top of the chat window.
FRAME_ON_QUESTION = """
() => {
  const question = document.querySelector('#nd-chat .nd-question');
  let box = question.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 4
                  && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
    box = box.parentElement;
  }
  if (!box) return;
  const offset = question.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTop += offset - 24;
}
"""


def ask(ui_page: Page, question: str) -> None:
    box = ui_page.locator("#nd-question textarea")
    box.fill(question)
    box.press("Enter")


def last_answer(ui_page: Page, timeout: float = 60_000) -> str:
    answer = ui_page.locator("#nd-chat .nd-answer:not(.nd-streaming)").last
    answer.wait_for(timeout=timeout)
    return answer.inner_text()


def test_ask_read_streamed_answer_and_open_source_card(ui_page: Page, artifacts: Path) -> None:
    ui_page.evaluate(WATCH_STREAMING)
    ask(ui_page, SAMPLE_QUESTION)
    text = last_answer(ui_page)
    assert "2,100" in text
    assert ui_page.evaluate("window.__ndSawStreaming") is True
    expect(ui_page.locator("#nd-question textarea")).to_have_value("")

    marker = ui_page.locator("#nd-chat a.nd-cite").first
    expect(marker).to_have_text("1")
    marker.click()
    card = ui_page.locator("#nd-chat .nd-card.nd-active")
    expect(card).to_have_count(1)
    passage = card.locator("blockquote.nd-passage.nd-active")
    expect(passage).to_be_in_viewport()
    assert (passage.get_attribute("id") or "").endswith("-1")
    expect(card.locator(".nd-title")).to_contain_text("Lukashenko")
    expect(card.locator(".nd-date")).not_to_be_empty()
    expect(passage.locator("mark.nd-quote")).to_contain_text("2,100")
    # One card per article: the seed sample has one article, so one card however many quotes.
    expect(ui_page.locator("#nd-chat .nd-answer").last.locator(".nd-card")).to_have_count(1)
    ui_page.wait_for_timeout(400)  # smooth scroll settles before the screenshot
    ui_page.evaluate(FRAME_ON_QUESTION)  # the screenshot shows question, answer, first card
    ui_page.wait_for_timeout(200)
    ui_page.screenshot(path=str(artifacts / "screenshot-chat.png"))


def test_follow_up_and_new_conversation(ui_page: Page) -> None:
    ask(ui_page, "Who approved the financing of the operation?")
    assert "Lukashenko" in last_answer(ui_page)
    ask(ui_page, "How long was Latushko sentenced to?")
    ui_page.wait_for_function(
        "document.querySelectorAll('#nd-chat .nd-answer:not(.nd-streaming)').length == 2",
        timeout=60_000,
    )
    assert "18 years" in last_answer(ui_page)
    ui_page.get_by_role("button", name="New conversation").click()
    expect(ui_page.locator("#nd-chat .nd-answer")).to_have_count(0)


def test_example_questions_are_recent_headlines(ui_page: Page) -> None:
    example = ui_page.get_by_text("Belarus", exact=False).first
    expect(example).to_be_visible()
    example.click()
    expect(ui_page.locator("#nd-chat .nd-question")).to_have_count(1)
    assert "Lukashenko" in last_answer(ui_page)


def test_unanswerable_question_shows_an_abstention(ui_page: Page) -> None:
    ask(ui_page, "What was the score of the 1998 World Cup final?")
    last_answer(ui_page)
    expect(ui_page.locator("#nd-chat .nd-answer.nd-abstained")).to_have_count(1)
    expect(ui_page.locator(".toast-body")).to_have_count(0)


def test_as_of_date_limits_the_search(ui_page: Page) -> None:
    as_of = ui_page.locator("#nd-as-of textarea, #nd-as-of input").first
    as_of.fill("2001-01-01")
    as_of.press("Enter")
    ask(ui_page, SAMPLE_QUESTION)
    last_answer(ui_page)
    expect(ui_page.locator("#nd-chat .nd-range").last).to_contain_text("up to 1 Jan 2001")
    expect(ui_page.locator("#nd-chat .nd-answer.nd-abstained")).to_have_count(1)


def test_upload_an_article_and_ask_about_it(ui_page: Page, tmp_path: Path) -> None:
    good = write_new_article(tmp_path)
    hostile = tmp_path / "hostile.md"
    hostile.write_text(
        '---\ntitle: <img src=x onerror="window.__pwned=1">Hostile title\n'
        "source: Test Outlet\n---\n\nA harmless body about the hostile test article.\n",
        encoding="utf-8",
    )
    ui_page.get_by_role("tab", name="Articles").click()
    ui_page.locator("#nd-search textarea, #nd-search input").first.fill("zebra")
    expect(ui_page.locator("#nd-page")).to_contain_text("No articles match")
    ui_page.locator("#nd-files input[type=file]").set_input_files([str(good), str(hostile)])
    ui_page.locator("#nd-upload").click()
    report = ui_page.locator("#nd-report .nd-report")
    expect(report).to_contain_text("2 Added", timeout=60_000)
    # The list keeps honouring the search box: only the zebra article, not the others.
    expect(ui_page.locator("#nd-page")).to_contain_text("1–1 of 1 matching (of 3)")
    expect(ui_page.locator("#nd-articles")).to_contain_text(NEW_ARTICLE_TITLE)
    ui_page.locator("#nd-search textarea, #nd-search input").first.fill("hostile")
    expect(ui_page.locator("#nd-articles")).to_contain_text("<img src=x")  # shown, not rendered
    assert ui_page.evaluate("window.__pwned") is None
    expect(ui_page.locator("#nd-totals")).to_contain_text("3 articles")

    ui_page.get_by_role("tab", name="Chat").click()
    ask(ui_page, NEW_ARTICLE_QUESTION)
    assert "4,300" in last_answer(ui_page)
    expect(ui_page.locator("#nd-chat .nd-card .nd-title").first).to_have_text(NEW_ARTICLE_TITLE)
