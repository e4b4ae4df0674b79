"""The web chat as a product, in chromium: lasting conversations, the article library,
filters that explain themselves, and the page's layout (seed sample + a dev slice)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import DEV_SLICE
from tests.browser.test_chat_browser import FRAME_ON_QUESTION, ask, last_answer
from tests.ui.conftest import SAMPLE_QUESTION

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

N_ARTICLES = DEV_SLICE + 1  # the slice and the seed article

# Scrolls the chat so that the last question sits at the top of the chat window.
FRAME_LAST_QUESTION = FRAME_ON_QUESTION.replace(
    "document.querySelector('#nd-chat .nd-question')",
    "[...document.querySelectorAll('#nd-chat .nd-question')].pop()",
)


@pytest.fixture
def page(chromium: Browser, dev_app: tuple[str, Path]) -> Iterator[Page]:
    url, _ = dev_app
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(url)
    loaded(tab)
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def loaded(page: Page) -> None:
    """The page is up and its load event (stored conversations, article list) has run."""
    page.wait_for_selector("#nd-question textarea", timeout=30_000)
    page.wait_for_selector("html[data-nd-loaded='1']", state="attached", timeout=30_000)


def answers(page: Page) -> int:
    return page.locator("#nd-chat .nd-answer:not(.nd-streaming)").count()


def wait_answers(page: Page, n: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('#nd-chat .nd-answer:not(.nd-streaming)').length == {n}",
        timeout=60_000,
    )


def field(page: Page, elem_id: str) -> Locator:
    return page.locator(f"#{elem_id} textarea, #{elem_id} input").first


# ---------------------------------------------------------------- 1. conversations


def test_a_reload_keeps_the_conversation_and_the_list_reopens_renames_deletes(
    page: Page,
) -> None:
    ask(page, SAMPLE_QUESTION)
    assert "2,100" in last_answer(page)
    ask(page, "Who approved the financing of the operation?")
    wait_answers(page, 2)

    page.reload()
    loaded(page)
    wait_answers(page, 2)
    expect(page.locator("#nd-chat .nd-question").first).to_contain_text("How many children")
    conversations = page.locator("#nd-conversations label")
    expect(conversations).to_have_count(1)
    expect(conversations.first).to_contain_text("How many children were moved")
    expect(conversations.first).to_contain_text("2 questions")

    # A follow-up after the reload still knows what the conversation is about.
    ask(page, "How long was Latushko sentenced to?")
    wait_answers(page, 3)
    assert "18 years" in last_answer(page)

    page.locator("#nd-new").click()
    expect(page.locator("#nd-chat .nd-answer")).to_have_count(0)
    ask(page, "How many children have been returned to Ukraine?")
    wait_answers(page, 1)
    expect(conversations).to_have_count(2)

    conversations.filter(has_text="How many children were moved").click()
    wait_answers(page, 3)
    title = field(page, "nd-conv-title")
    title.fill("Belarus children")
    page.locator("#nd-rename").click()
    expect(conversations.filter(has_text="Belarus children")).to_have_count(1)
    page.reload()
    loaded(page)
    expect(conversations.filter(has_text="Belarus children")).to_have_count(1)
    wait_answers(page, 3)

    # Delete asks first; Cancel keeps the conversation, Delete in the question removes it.
    confirm = page.locator("#nd-delete-confirm")
    page.locator("#nd-delete").click()
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Delete “Belarus children” (3 questions)?")
    page.locator("#nd-delete-no").click()
    expect(confirm).to_be_hidden()
    expect(conversations).to_have_count(2)
    wait_answers(page, 3)
    page.locator("#nd-delete").click()
    page.locator("#nd-delete-yes").click()
    expect(confirm).to_be_hidden()
    expect(conversations).to_have_count(1)
    expect(conversations.filter(has_text="Belarus children")).to_have_count(0)
    expect(page.locator("#nd-chat .nd-answer")).to_have_count(0)


def test_copy_regenerate_and_feedback(page: Page, dev_app: tuple[str, Path]) -> None:
    _, data_dir = dev_app
    page.locator("#nd-new").click()
    ask(page, SAMPLE_QUESTION)
    wait_answers(page, 1)

    page.locator("#nd-chat .nd-copy").last.click()
    expect(page.locator("#nd-chat .nd-copy").last).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "2,100" in copied and "Sources:" in copied and "<" not in copied

    page.get_by_role("button", name="Retry").last.click()
    page.wait_for_timeout(300)
    wait_answers(page, 1)
    expect(page.locator("#nd-chat .nd-question")).to_have_count(1)
    assert "2,100" in last_answer(page)

    feedback_file = data_dir / "feedback.jsonl"
    before = feedback_file.read_text().count("\n") if feedback_file.exists() else 0
    page.get_by_role("button", name="Dislike").last.click()
    expect(page.get_by_text("feedback was saved")).to_be_visible()
    lines = feedback_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == before + 1
    record = json.loads(lines[-1])
    assert record["rating"] == "down" and record["question"] == SAMPLE_QUESTION
    assert "2,100" in record["answer"] and record["citations"][0]["quote"]
    page.reload()  # the thumbs stay as the reader left them
    loaded(page)
    wait_answers(page, 1)
    expect(page.get_by_role("button", name="Disliked")).to_have_count(1)

    shown = subprocess.run(
        [str(Path(sys.executable).parent / "newsdesk"), "feedback", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"{before + 1} votes" in shown and SAMPLE_QUESTION in shown


# ---------------------------------------------------------------- 2. the article library


def test_the_article_list_pages_through_everything(page: Page) -> None:
    page.get_by_role("tab", name="Articles").click()
    label = page.locator("#nd-page")
    table = page.locator("#nd-articles")
    expect(label).to_contain_text(f"1–100 of {N_ARTICLES}")
    newest = table.get_by_role("gridcell").first.inner_text()
    assert newest.strip()
    page.locator("#nd-next").click()
    expect(label).to_contain_text(f"101–{N_ARTICLES} of {N_ARTICLES} · page 2 of 2")
    expect(table).not_to_contain_text(newest)
    page.locator("#nd-next").click()  # past the end: stays on the last page
    expect(label).to_contain_text("page 2 of 2")
    page.locator("#nd-prev").click()
    expect(table).to_contain_text(newest)
    expect(label).to_contain_text(f"1–100 of {N_ARTICLES}")


def test_open_and_remove_an_article(page: Page) -> None:
    page.get_by_role("tab", name="Articles").click()
    field(page, "nd-search").fill("Squid Game")
    expect(page.locator("#nd-page")).to_contain_text("1–1 of 1 matching")
    page.locator("#nd-articles").get_by_role("gridcell", name="Squid Game").first.click()
    opened = page.locator("#nd-article .nd-article")
    expect(opened.locator(".nd-article-title")).to_contain_text("Squid Game")
    expect(opened).to_contain_text("Outlet")
    expect(opened.locator(".nd-article-text")).to_contain_text("Netflix")

    page.locator("#nd-remove").click()
    expect(page.locator("#nd-confirm")).to_contain_text("Remove “'Squid Game'")
    page.locator("#nd-remove-no").click()
    expect(page.locator("#nd-confirm")).to_be_hidden()
    page.locator("#nd-remove").click()
    page.locator("#nd-remove-yes").click()
    expect(page.locator("#nd-report")).to_contain_text("Removed", timeout=30_000)
    expect(page.locator("#nd-page")).to_contain_text("No articles match")
    expect(page.locator("#nd-totals")).to_contain_text(f"{N_ARTICLES - 1} articles")

    page.get_by_role("tab", name="Chat").click()
    ask(page, "Is Netflix making a second season of Squid Game?")
    last_answer(page)
    expect(page.locator("#nd-chat .nd-card .nd-title", has_text="Squid Game")).to_have_count(0)


# ---------------------------------------------------------------- 3. filters


def test_dates_in_words_are_parsed_and_bad_ones_refused_beside_the_fields(page: Page) -> None:
    since = field(page, "nd-since")
    since.fill("June 2022")
    since.press("Enter")
    note = page.locator("#nd-filter-note")
    expect(note).to_contain_text("Dates in force: from 01 Jun 2022")

    since.fill("sometime soon")
    since.press("Enter")
    expect(note.locator(".nd-warn")).to_contain_text("is not a date")
    ask(page, SAMPLE_QUESTION)
    expect(note.locator(".nd-warn")).to_contain_text("sometime soon")
    expect(page.locator("#nd-chat .nd-question")).to_have_count(0)  # the chat is left alone
    expect(page.locator(".toast-body")).to_have_count(0)
    expect(page.locator("#nd-question textarea")).to_have_value(SAMPLE_QUESTION)


def test_a_reversed_range_is_explained_and_the_chat_stays(page: Page) -> None:
    page.locator("#nd-new").click()
    ask(page, SAMPLE_QUESTION)
    wait_answers(page, 1)
    field(page, "nd-since").fill("2023-05-01")
    until = field(page, "nd-until")
    until.fill("2023-01-01")
    until.press("Enter")
    ask(page, "Who approved the financing of the operation?")
    expect(page.locator("#nd-filter-note .nd-warn")).to_contain_text("The date range is empty")
    assert answers(page) == 1
    expect(page.locator(".nd-badge-error")).to_have_count(0)


# ---------------------------------------------------------------- 4, 5, 7, 8. the page


def test_header_shows_no_server_path_and_about_has_the_details(
    page: Page, dev_app: tuple[str, Path]
) -> None:
    url, data_dir = dev_app
    body = page.locator("body").inner_text()
    assert str(data_dir) not in body and "Embedding" not in body and "INDEX" not in body
    page.get_by_role("tab", name="About").click()
    expect(page.locator("#nd-about")).to_contain_text("Embedding model")
    page.get_by_role("tab", name="API").click()
    expect(page.locator("#nd-api")).to_contain_text(url.rstrip("/"))
    assert "7860" not in page.locator("#nd-api").inner_text() or ":7860" in url


def test_long_questions_are_counted_and_refused_not_cut(page: Page) -> None:
    question = "How many children were moved? " * 70  # 2,100 characters
    box = page.locator("#nd-question textarea")
    box.fill(question)
    expect(page.locator("#nd-counter .nd-counter")).to_contain_text("2,100 / 2,000")
    expect(page.locator("#nd-counter .nd-over")).to_have_count(1)
    box.press("Enter")
    expect(page.get_by_text("the limit is 2,000")).to_be_visible()
    expect(box).to_have_value(question)
    expect(page.locator("#nd-chat .nd-question")).to_have_count(0)


def test_outlets_are_grouped_with_counts(page: Page) -> None:
    page.locator("#nd-outlets input").first.click()
    options = page.get_by_role("option")
    expect(options.filter(has_text="usatoday.com · ")).to_have_count(1)
    expect(options.filter(has_text="cnn.com · ")).to_have_count(1)


def test_the_unknown_outlet_answers_from_articles_without_one(page: Page) -> None:
    page.locator("#nd-outlets input").first.click()
    page.get_by_role("option").filter(has_text="(unknown) · 1").click()
    page.keyboard.press("Escape")
    ask(page, SAMPLE_QUESTION)  # answered by the seed article, which names no outlet
    wait_answers(page, 1)
    answer = page.locator("#nd-chat .nd-answer").last
    expect(answer).to_contain_text("2,100")
    expect(answer).to_contain_text("Only from: (unknown)")
    expect(answer.locator(".nd-card").first).to_contain_text("Lukashenko")
    expect(answer.locator(".nd-card .nd-outlet")).to_have_count(0)
    expect(page.locator(".nd-filter-note.nd-warn")).to_have_count(0)
    # Asked about the dev slice's articles (all with an outlet): none of them is used ...
    yellowstone = "When could Yellowstone National Park partially reopen after the flooding?"
    ask(page, yellowstone)
    wait_answers(page, 2)
    answer = page.locator("#nd-chat .nd-answer").last
    expect(answer.locator(".nd-card", has_text="Yellowstone")).to_have_count(0)
    expect(answer.locator(".nd-card .nd-outlet")).to_have_count(0)
    expect(page.locator("#nd-outlets")).to_contain_text("(unknown)")
    page.get_by_role("button", name="Clear filters").click()  # ... and without it, they are
    # (the filters are cleared by a server round trip: asking before it ends would still
    # send the outlet, as a CI run on a loaded machine once did)
    expect(page.locator("#nd-outlets")).not_to_contain_text("(unknown)")
    ask(page, yellowstone)
    wait_answers(page, 3)
    answer = page.locator("#nd-chat .nd-answer").last
    expect(answer.locator(".nd-card", has_text="Yellowstone").first).to_be_visible()
    expect(answer.locator(".nd-card .nd-outlet").first).to_be_visible()


def test_layout_is_centred_and_labels_are_plain_text(page: Page) -> None:
    box = page.locator(".gradio-container").bounding_box()
    assert box is not None
    left, right = box["x"], 1440 - (box["x"] + box["width"])
    assert abs(left - right) <= 24, (left, right)
    page.get_by_role("tab", name="Articles").click()  # a narrower tab keeps the page's width
    expect(page.locator("#nd-articles")).to_be_visible()
    wide = page.locator(".gradio-container").bounding_box()
    assert wide is not None and (wide["x"], wide["width"]) == (box["x"], box["width"])
    page.get_by_role("tab", name="Chat").click()
    ask(page, SAMPLE_QUESTION)
    last_answer(page)
    page.wait_for_timeout(300)  # labels are rewritten on the next animation frame
    labels = page.eval_on_selector_all(
        "#nd-chat [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert labels and not [label for label in labels if "<" in label]


def test_screenshots_of_the_chat_wide_and_on_a_phone(
    page: Page, chromium: Browser, dev_app: tuple[str, Path], artifacts: Path
) -> None:
    """The README's screenshot: a conversation on the seed + dev slice, a source opened."""
    page.locator("#nd-new").click()
    ask(page, SAMPLE_QUESTION)
    wait_answers(page, 1)
    ask(page, "Who approved the financing of the operation?")
    wait_answers(page, 2)
    page.locator("#nd-chat .nd-answer").last.locator("a.nd-cite").first.click()
    expect(page.locator("#nd-chat .nd-card.nd-active")).to_have_count(1)
    page.wait_for_timeout(500)  # smooth scroll settles
    page.evaluate(FRAME_LAST_QUESTION)  # the screenshot shows the question, answer, card
    page.wait_for_timeout(200)
    page.screenshot(path=str(artifacts / "screenshot-chat.png"))

    url, _ = dev_app
    phone = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = phone.new_page()
    tab.goto(url)
    loaded(tab)
    width = tab.evaluate("document.documentElement.scrollWidth")
    tab.screenshot(path=str(artifacts / "screenshot-phone.png"), full_page=True)
    phone.close()
    assert width <= 390 + 1  # nothing runs off the side of the screen
