"""Scraped .txt articles: title line, bylines -> authors, captions and page chrome dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.articles import parse_file
from index.formats.text import byline_authors, is_caption, is_chrome, split_text
from tests.cases import yes_and_no

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


def test_seed_article_metadata_and_clean_body(seed_article_path: Path) -> None:
    result = parse_file(seed_article_path)
    assert result.failures == []
    [article] = result.articles
    assert article.title.startswith("Belarus’ Lukashenko implicated in mass kidnapping")
    assert article.title.endswith("‘re-education training’")
    assert article.authors == ("Thomas Brooke",)
    assert "Min Read" not in article.text
    assert "Share This Article" not in article.text
    assert "AP Photo" not in article.text
    assert "arrives to attend a meeting with foreign correspondents" not in article.text
    assert "By Thomas Brooke" not in article.text
    assert not article.text.startswith(article.title)
    # The body is intact: first and last paragraphs, paragraph breaks kept.
    assert article.text.startswith("Evidence implicating Belarusian President Alexander")
    assert article.text.endswith("just 361 of these individuals have been returned to Ukraine.")
    assert article.text.count("\n\n") == 10  # 11 paragraphs
    assert "“Our primary goals are: first is to stop the crimes;" in article.text
    # A .txt has no URL, date or outlet: unknown stays unknown.
    assert (article.url, article.source, article.published) == (None, None, None)
    assert article.path == str(seed_article_path.absolute())
    assert len(article.id) == 16 and int(article.id, 16) >= 0


def test_seed_article_id_is_stable(seed_article_path: Path) -> None:
    first = parse_file(seed_article_path).articles[0]
    again = parse_file(Path(str(seed_article_path))).articles[0]
    assert first.id == again.id
    assert first.content_hash() == again.content_hash()


def test_scraped_fixture_multi_author_byline_dateline_and_chrome() -> None:
    [article] = parse_file(FIXTURES / "good" / "scraped.txt").articles
    assert article.title == "City council approves new bike lanes after heated debate"
    assert article.authors == ("Maria Lopez", "John Smith", "Wei Chen")
    assert article.published == "2023-05-02T14:31:00+00:00"  # "Updated 10:31 AM EDT, ..."
    for chrome in ("Advertisement", "3 min read", "Read more", "Share This", "Getty Images"):
        assert chrome not in article.text
    # "By the end of ..." in the body is a sentence, not a byline.
    assert "By the end of next year, the first four miles" in article.text
    assert article.text.endswith("in front of their stores.")


def test_bom_and_crlf_are_fine() -> None:
    [article] = parse_file(FIXTURES / "good" / "crlf_bom.txt").articles
    assert article.title == "Storm closes ports along the coast"
    assert article.authors == ("Ann Lee",)
    assert "\r" not in article.text and "\ufeff" not in article.title
    assert article.text == (
        "Ports along the coast were closed on Monday as a storm moved in.\n"
        "Shipping companies said delays could last for days."
    )


_THREE = ("A. B. Smith", "Carla de la Cruz", "Li Wei")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Thomas Brooke", ("Thomas Brooke",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        (
            "By A. B. Smith, Carla de la Cruz and Li Wei",
            ("A. B. Smith", "Carla de la Cruz", "Li Wei"),
        ),
        ("By Ann O'Neil & Sean McAdam", ("Ann O'Neil", "Sean McAdam")),
        ("By Ramishah Maruf, CNN", ("Ramishah Maruf",)),
        ("BY: Kim Lee", ("Kim Lee",)),
        ("By Lindsay H. Jones, USA TODAY Sports", ("Lindsay H. Jones",)),
        ("By RANDALL CHASE AP Business Writer", ("Randall Chase",)),
        ("By Jane Doe, Staff Writer", ("Jane Doe",)),
        ("By The Associated Press", ("The Associated Press",)),
        ("By Reuters", ("Reuters",)),
        (
            "By Melissa Pérez-Carrillo and Laura Finaldi",
            ("Melissa Pérez-Carrillo", "Laura Finaldi"),
        ),
        ("By the end of the year, prices rose.", ()),
        ("By Monday officials had left", ()),
        ("By 2030, the city plans to be carbon neutral", ()),
        ("Byron Smith said", ()),
    ],
)
def test_byline_authors(line: str, authors: tuple[str, ...]) -> None:
    assert byline_authors(line) == authors


CHROME = [
    "4 Min Read",
    "12 min read",
    "Share This Article",
    "Share",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Read more",
    "Read More: Springfield budget passes",
    "Continue reading",
    "Sign up for our daily newsletter",
    "© 2023 Example News. All rights reserved.",
    "Getty Images",
]
# Body lines that share words with page chrome.
NOT_CHROME = [
    "The mayor said advertisement revenue fell by 12 percent last year.",
    "Read more about the plan in the council minutes, officials said.",
    "Share prices fell sharply on Monday.",
    "Sign up for Disney+ for $7.99/month or $79.99/year",
]


@pytest.mark.parametrize(("line", "chrome"), yes_and_no(CHROME, NOT_CHROME))
def test_chrome_lines(line: str, chrome: bool) -> None:
    assert is_chrome(line) is chrome


CAPTIONS = [
    "Lukashenko in Minsk on Thursday. (AP Photo/Alexander Zemlianichenko)",
    "Protesters gather outside parliament. Mario Tama/Getty Images",
    "A view of the harbour. SAUL LOEB/AFP via Getty Images",
    "Photo: Reuters",
    "The site after the blast (Reuters)",
    "Firefighters at the scene. (Photo by Jane Roe)",
    "A rally near the White House. (AP Photo/John Minchillo, File)",
    "Kim visits a pharmacy. (Korean Central News Agency/Korea News Service via AP, File)",
    "Iger has work to do at Disney. Jesse Grant/Getty Images for Disney",
    "Fans queue on Monday. Charles Krupa/AP Prev Next",
]
# Body lines mentioning agencies, and lines that end like a credit but are not one.
NOT_CAPTIONS = [
    "Getty Images, the photo agency, reported higher profits this quarter.",
    "He told Reuters that the talks would resume next week.",
    # Seen in the dev data: body lines that end like a credit but are not one.
    "(APPLAUSE)",
    'Jason Sudeikis, "Ted Lasso" (Apple TV+)',
    "groups such as the Environmental Protection Agency (EPA).",
    "the limit at less than 100 ppm (parts per million).",
    "guards in black vests, according to a photo by AFP photographer Kirill Kudryavstev.",
    "(Zuckerberg later admitted the image he shared was “pretty basic.”)",
]


@pytest.mark.parametrize(("line", "caption"), yes_and_no(CAPTIONS, NOT_CAPTIONS))
def test_caption_lines(line: str, caption: bool) -> None:
    assert is_caption(line) is caption


def test_long_first_line_is_body_and_title_is_derived() -> None:
    sentence = "The government announced a sweeping set of reforms on Monday. " * 5
    parts = split_text(sentence + "\n\nSecond paragraph.")
    assert parts.title is None  # finish_article derives it from the text
    assert parts.text.startswith("The government announced")


def test_single_short_line_is_the_text_not_a_lonely_title() -> None:
    parts = split_text("Markets closed higher on Friday.\n")
    assert parts.text == "Markets closed higher on Friday."


def _as_sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
_SENTENCE = st.lists(_WORDS, min_size=3, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


# No per-example deadline: a loaded 2-core CI machine is not a bug in the parser.
@settings(deadline=None)
@given(
    # A first line "By Aa" is a byline, rightly not a title (test_byline_authors).
    title=st.lists(_WORDS, min_size=1, max_size=8)
    .filter(lambda ws: ws[0] != "by")
    .map(lambda ws: " ".join(ws).title()),
    paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=6),
    chrome=st.lists(st.sampled_from(["Advertisement", "4 Min Read", "Share This Article"])),
)
def test_property_body_paragraphs_survive_and_chrome_goes(
    title: str, paragraphs: list[str], chrome: list[str]
) -> None:
    content = "\n\n".join([title, *chrome, *paragraphs, *chrome])
    parts = split_text(content)
    assert parts.title == title
    assert parts.text == "\n\n".join(paragraphs)


@settings(deadline=None)
@given(st.text(max_size=400))
def test_property_never_raises_and_text_is_empty_only_when_all_is_chrome(content: str) -> None:
    parts = split_text(content)
    assert parts.text == parts.text.strip()
    content_lines = [ln for ln in content.splitlines() if ln.strip() and not is_chrome(ln.strip())]
    assert (parts.text == "") == (not content_lines)


def test_byline_above_the_title_and_indented_lines() -> None:
    parts = split_text("By Ann Lee\n  Title here\n\n    Indented body line.\n")
    assert (parts.title, parts.authors, parts.text) == (
        "Title here",
        ("Ann Lee",),
        "Indented body line.",
    )
