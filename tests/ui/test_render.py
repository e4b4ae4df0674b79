"""Rendering of answers, source cards and reports: markers link, article text stays data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest

from assistant.types import Answer, Citation, DateRange
from ui import cards, markup, render

pytestmark = pytest.mark.unit

PASSAGE = (
    "NAM announced it had submitted documentation regarding the unlawful displacement of "
    "more than 2,100 children from 15 Ukrainian towns to camps in Belarus. It is now alleged "
    "that Lukashenko was involved in approving the financing of this operation."
)
QUOTE = "unlawful displacement of more than 2,100 children from 15 Ukrainian towns"


def citation(number: int = 1, **changes: object) -> Citation:
    fields: dict[str, object] = {
        "number": number,
        "article_id": "a1",
        "title": "Lukashenko implicated in kidnapping",
        "source": "The European Conservative",
        "url": "https://example.org/belarus",
        "published": "2023-08-01",
        "quote": QUOTE,
        "start": 10,
        "end": 80,
        "score": 0.9,
        "passage": PASSAGE,
        "also_in": (),
    }
    fields.update(changes)
    return Citation(**fields)  # type: ignore[arg-type]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def test_markers_link_to_their_cards_and_unknown_numbers_stay_text() -> None:
    answer = Answer(text="More than 2,100 children [1]. Also [7].", citations=[citation()])
    out = render.answer_html(answer, "t1")
    assert '<a class="nd-cite" href="#nd-t1-1"' in out
    assert 'id="nd-t1-1"' in out
    assert "[7]" in out and "#nd-t1-7" not in out
    assert "\n" not in out


def test_one_card_per_article_holding_each_of_its_quotes() -> None:
    answer = Answer(
        text="A [1]. B [2]. C [3].",
        citations=[
            citation(1),
            citation(2, article_id="a2", source="Other Outlet", title="Other story"),
            citation(3, quote="Lukashenko was involved in approving the financing"),
        ],
    )
    out = render.answer_html(answer, "t")
    assert out.count('class="nd-card"') == 2
    first_card = out.split('class="nd-card"')[1]
    assert 'id="nd-t-1"' in first_card and 'id="nd-t-3"' in first_card
    assert first_card.count("<mark") == 2
    assert first_card.count("The European Conservative") == 1
    assert 'id="nd-t-2"' in out.split('class="nd-card"')[2]
    assert "same article" not in out


def test_copy_button_carries_the_answer_and_its_sources_as_text() -> None:
    answer = Answer(
        text="More than 2,100 children [1]. Financing [2].",
        citations=[citation(1), citation(2, quote="approving the financing")],
    )
    text = cards.copy_text(answer)
    assert text.startswith("More than 2,100 children [1]. Financing [2].\n\nSources:\n")
    assert (
        "[1][2] Lukashenko implicated in kidnapping (The European Conservative, 1 Aug 2023, "
        in text
    )
    assert f"“{QUOTE}”" in text
    out = render.answer_html(answer, "t")
    assert "nd-copy-text" in out and "\n" not in out and "&#10;Sources:" in out


def test_quote_is_highlighted_inside_its_passage() -> None:
    out = cards.card_html(citation(), "t1")
    assert f'<mark class="nd-quote">{QUOTE}</mark>' in out
    assert "NAM announced" in out and "financing of this operation" in out
    assert "The European Conservative" in out and "1 Aug 2023" in out
    assert "example.org/belarus" in out


def test_quote_found_despite_whitespace_and_case_differences() -> None:
    quote = "UNLAWFUL   displacement\nof more than 2,100 children"
    span = cards.find_quote(PASSAGE, quote)
    assert span is not None
    assert PASSAGE[span[0] : span[1]].lower().startswith("unlawful displacement")
    assert "<mark" in cards.highlight(PASSAGE, quote)


def test_quote_missing_from_passage_is_still_shown() -> None:
    out = cards.highlight(PASSAGE, "a sentence that is elsewhere")
    assert '<mark class="nd-quote">a sentence that is elsewhere</mark>' in out


def test_long_passage_is_trimmed_around_the_quote() -> None:
    passage = "word " * 400 + QUOTE + " tail" * 400
    out = cards.highlight(passage, QUOTE)
    assert QUOTE in out
    assert out.startswith("…") and out.endswith("…")
    assert len(out) < 1200


def test_article_text_is_escaped_everywhere() -> None:
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    answer = Answer(
        text=f"Claim {evil} [1].",
        citations=[
            citation(
                title=evil,
                source=evil,
                quote=evil,
                passage=f"before {evil} after",
                url="javascript:alert(3)",
                published=evil,
                also_in=(evil,),
            )
        ],
        notes=[evil],
        standalone_question=evil,
        question="q",
    )
    out = render.answer_html(answer, "t1")
    tags = parse(out)
    assert "script" not in tags.tags and "img" not in tags.tags
    assert all(not name.startswith("on") for name, _ in tags.attrs)
    assert "javascript:" not in "".join(v or "" for _, v in tags.attrs)
    assert "&lt;script&gt;" in out


def test_only_http_urls_become_links() -> None:
    assert markup.safe_url("https://example.org/a") == "https://example.org/a"
    assert markup.safe_url("javascript:alert(1)") is None
    assert markup.safe_url("data:text/html,x") is None
    assert markup.safe_url("example.org/no-scheme") is None
    out = cards.card_html(citation(url="ftp://example.org/x"), "t")
    assert "href=" not in out.split('class="nd-passage"')[0].split("nd-card-head")[1]


def test_abstention_looks_like_an_abstention() -> None:
    answer = Answer(text="The indexed articles do not say.", abstained=True)
    out = render.answer_html(answer, "t1")
    assert "nd-abstained" in out and "Not found in the indexed articles" in out
    assert "nd-sources" not in out and "nd-failed" not in out


def test_date_range_and_notes_are_shown() -> None:
    answer = Answer(
        text="x",
        date_range=DateRange(date(2022, 6, 1), date(2022, 6, 12), "last week"),
        notes=["CNN reported 12, BBC 15."],
    )
    out = render.answer_html(answer, "t")
    assert "published 1 Jun 2022 – 12 Jun 2022 (last week)" in out
    assert "<li>CNN reported 12, BBC 15.</li>" in out


def test_date_range_label_that_restates_the_dates_is_dropped() -> None:
    plain = DateRange(None, date(2001, 1, 1), "until 2001-01-01")
    assert render.date_range_text(plain) == "Searched articles published up to 1 Jan 2001"


def test_outlet_restriction_is_shown() -> None:
    out = render.answer_html(Answer(text="x"), "t", sources=["CNN", "<b>BBC</b>"])
    assert "Only from: CNN, &lt;b&gt;BBC&lt;/b&gt;" in out


def test_also_carried_by_lists_other_outlets() -> None:
    out = cards.card_html(citation(also_in=("Kyiv Post", "Reuters")), "t")
    assert "Also carried by: Kyiv Post, Reuters" in out


def test_streaming_text_is_escaped_and_markers_are_not_links_yet() -> None:
    out = render.streaming_html("a <b> [1]\n\nnext")
    assert "&lt;b&gt;" in out and "<a " not in out and "nd-cursor" in out
    assert "\n" not in out


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2022-06-12", "12 Jun 2022"), ("2022-06-12T23:10:00+00:00", "12 Jun 2022"), ("", "")],
)
def test_format_date(value: str, shown: str) -> None:
    assert render.format_date(value) == shown


def test_report_counts_and_failures_with_original_names() -> None:
    report = {
        "added": 2,
        "updated": 1,
        "unchanged": 0,
        "removed": 0,
        "chunks_embedded": 9,
        "failed": [{"path": "/tmp/x/up/bad.json", "line": 3, "reason": "no <text> field"}],
    }
    out = render.report_html(report, names={"/tmp/x/up/bad.json": "bad.json"})
    assert "<b>2</b> Added" in out and "<b>1</b> Failed" in out
    assert "<code>bad.json:3</code>" in out and "no &lt;text&gt; field" in out


def test_status_line_shortens_long_paths_but_keeps_them_in_the_tooltip() -> None:
    path = "/tmp/pytest-of-root/pytest-159/browser-index0/data"
    out = render.status_html({"embedding": "wordllama", "answerer": "extractive", "index": path}, 3)
    assert ">…/browser-index0/data</span>" in out and f'title="{path}"' in out
    assert "extractive" in out


def test_the_direct_answer_is_highlighted_inside_its_quote() -> None:
    from ui.cards import card_html

    passage = "Officials said more than 2,100 children were taken to Belarus last year."
    quote = passage
    start = 100  # article offsets: the passage starts at 100 in its article
    answer_at = passage.index("more than 2,100 children")
    cited = Citation(
        number=1,
        article_id="a",
        title="T",
        source="cnn.com",
        url=None,
        published=None,
        quote=quote,
        start=start,
        end=start + len(quote),
        score=1.0,
        passage=passage,
        span_start=start + answer_at,
        span_end=start + answer_at + len("more than 2,100 children"),
    )
    html = card_html(cited, "t1")
    assert '<strong class="nd-answer-span">more than 2,100 children</strong>' in html
    plain = card_html(replace(cited, span_start=-1, span_end=-1), "t1")
    assert "nd-answer-span" not in plain and "more than 2,100 children" in plain
