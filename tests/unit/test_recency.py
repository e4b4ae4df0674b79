"""Recency weights, priors and the "latest" question over a week of articles."""

from __future__ import annotations

from datetime import date

import bm25s
import pytest

from assistant.answer.report_age import stale_reports
from assistant.query.recency import (
    boost,
    combine_priors,
    event_prior,
    month_day_date,
    newest_first,
    parse_published,
    published_within,
    recency_prior,
    recency_weight,
    relative_day,
    rerank_by_recency,
    weekday_date,
    window_prior,
)
from assistant.query.timeparse import resolve_time
from assistant.types import Passage
from index.articles import parse_paths
from tests.passages import NEWS

pytestmark = pytest.mark.unit

AS_OF = date(2022, 6, 12)


def test_weight_halves_every_half_life() -> None:
    assert recency_weight("2022-06-12", AS_OF, 7) == 1.0
    assert recency_weight("2022-06-05", AS_OF, 7) == pytest.approx(0.5)
    assert recency_weight("2022-05-29T10:00:00+00:00", AS_OF, 7) == pytest.approx(0.25)
    assert recency_weight("2022-06-13", AS_OF, 7) == 0.0  # after as_of: never used
    assert recency_weight(None, AS_OF, 7) == 0.5
    assert recency_weight("not a date", AS_OF, 7, missing=0.2) == 0.2
    with pytest.raises(ValueError, match="half_life_days"):
        recency_weight("2022-06-12", AS_OF, 0)


def test_parse_published() -> None:
    assert parse_published("2022-06-12T23:59:00Z") == date(2022, 6, 12)
    assert parse_published("") is None
    assert parse_published("12/06/2022") is None


def test_prior_fits_anything_with_published() -> None:
    prior = recency_prior(AS_OF, 14)
    newer = Passage("t", "a", "T", "cnn.com", None, "2022-06-11", 1.0)
    older = Passage("t", "b", "T", "cnn.com", None, "2022-05-01", 1.0)
    assert 1.0 >= prior(newer) > prior(older) > 0.0


def test_boost_strength() -> None:
    assert boost(2.0, 0.25, 0.0) == 2.0
    assert boost(2.0, 0.25, 1.0) == 0.5
    assert boost(2.0, 0.25, 0.5) == pytest.approx(1.25)


def test_published_within() -> None:
    since, until = date(2022, 6, 1), date(2022, 6, 30)
    assert published_within("2022-06-01", since, until)
    assert published_within("2022-06-30T22:00:00", since, until)
    assert not published_within("2022-07-01", since, until)
    assert not published_within("2022-05-31", since, None)
    assert published_within("1999-01-01", None, None)
    assert not published_within(None, since, until)
    assert published_within(None, since, until, keep_undated=True)
    assert published_within(None, None, None)


def week_passages(question: str) -> list[Passage]:
    """The week of strike articles scored by a real BM25 for the question."""
    articles = parse_paths(sorted(NEWS.glob("week_*.md"))).articles
    assert len(articles) == 7
    corpus = bm25s.tokenize([f"{a.title}\n{a.text}" for a in articles], show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    tokens = bm25s.tokenize([question], return_ids=False, show_progress=False)[0]
    scores = retriever.get_scores(list(tokens))
    return [
        Passage(a.text, a.id, a.title, a.source, a.url, a.published, float(score))
        for a, score in zip(articles, scores, strict=True)
    ]


def test_latest_question_over_a_week_of_articles() -> None:
    intent = resolve_time("What is the latest on the Lake Orm ferry strike?", AS_OF)
    assert intent.prefer_recent
    passages = week_passages(intent.cleaned_question)
    by_relevance = sorted(passages, key=lambda p: p.score, reverse=True)
    assert by_relevance[0].published != "2022-06-12"  # lexical match alone misses it
    ranked = newest_first(passages)
    assert ranked[0].published == "2022-06-12"
    assert "strike ends" in ranked[0].title
    assert [p.published or "" for p in ranked] == sorted(
        (p.published or "" for p in ranked), reverse=True
    )
    assert rerank_by_recency(passages, AS_OF)[0].published == "2022-06-12"


def test_latest_as_of_mid_week_never_sees_later_articles() -> None:
    as_of = date(2022, 6, 9)
    intent = resolve_time("What is the latest on the Lake Orm ferry strike?", as_of)
    visible = [
        p
        for p in week_passages(intent.cleaned_question)
        if published_within(p.published, intent.since, intent.until)
    ]
    assert sorted(p.published or "" for p in visible) == [
        "2022-06-06",
        "2022-06-07",
        "2022-06-08",
        "2022-06-09",
    ]
    assert newest_first(visible)[0].published == "2022-06-09"


def test_newest_first_keeps_weak_matches_behind() -> None:
    def p(article_id: str, published: str, score: float) -> Passage:
        return Passage("t", article_id, "T", "cnn.com", None, published, score)

    ranked = newest_first(
        [
            p("old", "2022-06-01", 10.0),
            p("new-weak", "2022-06-12", 2.0),
            p("mid", "2022-06-05", 6.0),
        ]
    )
    assert [x.article_id for x in ranked] == ["mid", "old", "new-weak"]
    assert newest_first([]) == []


def test_rerank_by_recency_trades_score_for_age() -> None:
    older = Passage("t", "a", "T", "cnn.com", None, "2022-05-29", 1.0)
    newer = Passage("t", "b", "T", "cnn.com", None, "2022-06-12", 0.8)
    assert [p.article_id for p in rerank_by_recency([older, newer], AS_OF, 14, 0.5)] == ["b", "a"]
    assert [p.article_id for p in rerank_by_recency([older, newer], AS_OF, 14, 0.1)] == ["a", "b"]


def test_rerank_validates_strength() -> None:
    with pytest.raises(ValueError, match="strength"):
        rerank_by_recency([], AS_OF, strength=2.0)


def test_window_prior_and_combination() -> None:
    def item(published: str | None) -> Passage:
        return Passage("t", "a", "T", "cnn.com", None, published, 1.0)

    soft = window_prior(date(2022, 6, 6), date(2022, 6, 12), outside=0.8)
    assert soft(item("2022-06-08")) == 1.0
    assert soft(item("2022-06-01")) == 0.8
    assert soft(item(None)) == 1.0
    both = combine_priors(soft, None, recency_prior(AS_OF, 7))
    assert both is not None
    assert both(item("2022-06-05")) == pytest.approx(0.8 * 0.5)
    assert combine_priors(None, None) is None


def test_event_prior_weighs_the_period_and_the_week_after_it_fully() -> None:
    """Coverage of "last year" from within the year and its first week after counts in
    full; later retrospectives still count, halving towards the floor."""
    prior = event_prior(date(2021, 1, 1), date(2021, 12, 31), half_life_days=60.0)

    def at(day: str) -> float:
        return prior(Passage("t", "a", "T", "cnn.com", None, day, 1.0))

    assert at("2021-03-15") == at("2021-12-31") == at("2022-01-07") == 1.0
    assert 0.5 < at("2022-02-01") < 1.0
    assert at("2022-08-12") == 0.5  # the floor: never excluded
    assert at("") == 0.75  # undated
    day_after = Passage("t", "a", "T", "cnn.com", None, "2021-01-20", 1.0)
    assert event_prior(date(2021, 1, 6))(day_after) < 1.0  # a day's event: its week only


@pytest.mark.parametrize(
    ("weekday", "published", "ahead", "day"),
    [
        ("Thursday", "2022-09-08", False, date(2022, 9, 8)),  # the day of the report
        ("Monday", "2022-09-08", False, date(2022, 9, 5)),  # earlier that week
        ("Friday", "2022-07-07", False, date(2022, 7, 8)),  # a day ahead: another time zone
        ("Saturday", "2022-09-08", True, date(2022, 9, 10)),  # "will be held Saturday"
        ("Thursday", "2022-09-08", True, date(2022, 9, 8)),
        ("Thursday", None, False, None),  # an undated report
        ("Yesterday", "2022-09-08", False, None),
    ],
)
def test_weekday_date(weekday: str, published: str | None, ahead: bool, day: date | None) -> None:
    assert weekday_date(weekday, published, ahead=ahead) == day


@pytest.mark.parametrize(
    ("phrase", "published", "named"),
    [
        ("yesterday", "2022-03-16", (date(2022, 3, 15), False)),
        ("Today", "2022-03-16", (date(2022, 3, 16), False)),
        ("last night", "2022-03-16", (date(2022, 3, 15), False)),
        ("this week", "2022-11-10", (date(2022, 11, 7), True)),  # its Monday
        ("earlier this week", "2022-11-13", (date(2022, 11, 7), True)),
        ("last week", "2022-11-10", (date(2022, 10, 31), True)),
        ("this week", None, None),  # an undated report
        ("Thursday", "2022-11-10", None),  # a weekday is weekday_date's
    ],
)
def test_relative_day(phrase: str, published: str | None, named: tuple[date, bool] | None) -> None:
    assert relative_day(phrase, published) == named


def test_a_report_a_year_older_than_the_storys_newest_is_stale() -> None:
    # "Which band is reuniting ...?" (dev, 14 Oct 2022): this week's reports and a 2019 one;
    # a newer report retrieved far below the best is another story and sets no "newest"
    passages = [
        Passage("Blink-182 ...", "a", "T", "cnn.com", None, "2022-10-11", 1.0),
        Passage("Alice Cooper ...", "b", "T", "usatoday.com", None, "2019-09-17", 0.9),
        Passage("undated", "c", "T", "cnn.com", None, None, 0.9),
    ]
    assert stale_reports(passages) == [False, True, False]
    older = [
        Passage("Alice Cooper ...", "b", "T", "usatoday.com", None, "2019-09-17", 1.0),
        Passage("a digest", "d", "T", "cnn.com", None, "2022-10-11", 0.3),
    ]
    assert stale_reports(older) == [False, False]


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("May 1", "2022-07-26", date(2022, 5, 1)),
        ("Aug. 31", "2022-07-26", date(2022, 8, 31)),
        ("5 September", "2022-08-29", date(2022, 9, 5)),
        ("Jan. 5", "2022-12-20", date(2023, 1, 5)),  # half a year back: next year's
        ("May 1, 2022", "2022-07-26", None),  # (a year written says it itself)
        ("Thursday", "2022-07-26", None),
        ("Feb. 30", "2022-07-26", None),
        ("May 1", None, None),
    ],
)
def test_the_day_a_month_and_day_name_in_a_report(
    text: str, published: str | None, day: date | None
) -> None:
    assert month_day_date(text, published) == day
