"""The answer-matching measures the evaluations report (tests/benchmarks)."""

from __future__ import annotations

from datetime import date

import pytest

from index.models import Article
from tests.benchmarks.common import (
    answer_in,
    answer_words_in,
    answer_words_share,
    has_own_evidence,
    load_dev_questions,
    normalize_answer,
)
from tests.benchmarks.eval_answers import on_topic, out_of_corpus
from tests.benchmarks.eval_assistant import HOLDOUT_FOLDS, _first_weeks, holdout_slice
from tests.conftest import shared_data_path

pytestmark = pytest.mark.unit


def test_strict_match_needs_the_whole_normalised_answer_word_delimited() -> None:
    text = "The Dallas Independent School District in Texas will require clear backpacks."
    assert not answer_in(normalize_answer("Dallas, Texas"), text)
    assert answer_in(normalize_answer("Dallas"), text)
    assert not answer_in(normalize_answer("Dall"), text)


def test_loose_match_accepts_all_content_words_anywhere() -> None:
    text = "The Dallas Independent School District in Texas will require clear backpacks."
    assert answer_words_in(normalize_answer("Dallas, Texas"), text)
    assert answer_words_in(normalize_answer("The Dallas ISD"), "dallas isd") is True
    assert not answer_words_in(normalize_answer("Dallas, Oklahoma"), text)
    # filler words alone never match
    assert not answer_words_in(normalize_answer("The"), "nothing here")


def test_word_share_counts_stemmed_content_words_of_the_answer() -> None:
    headline = "Academy apologizes to Sacheen Littlefeather, who refused an Oscar"
    share = answer_words_share(normalize_answer("Activist Sacheen Littlefeather"), headline)
    assert share == pytest.approx(2 / 3)
    found = "Raw sewage was dumped by water firms."
    assert answer_words_share(normalize_answer("Water companies dumped sewage"), found) == 0.75
    assert answer_words_share(normalize_answer("Yellowstone"), "Yosemite National Park") == 0
    # an answer of stopwords only is found only as itself
    assert answer_words_share(normalize_answer("All of the above"), "none of these") == 0


def test_own_evidence_splits_the_answerable_dev_questions() -> None:
    shared_data_path("dev", "questions.jsonl")  # fails under CI, skips elsewhere, if missing
    answerable = [q for q in load_dev_questions() if q["answerable"]]
    own = [q for q in answerable if has_own_evidence(q)]
    assert (len(answerable), len(own)) == (520, 396)
    assert has_own_evidence({"answer_in_retrieved": False, "answer_in_gold": True})
    assert not has_own_evidence({"answer_in_retrieved": False, "answer_in_gold": None})


def test_out_of_corpus_means_the_answer_occurs_in_no_article_of_the_slice() -> None:
    articles = [
        Article(id="a", title="Auston Matthews wins Hart Trophy", text="He won it on Tuesday."),
        Article(id="b", title="Storm", text="Hurricane Ian made landfall in Florida."),
    ]
    questions = [
        {"answer_norm": "auston matthews"},  # in a headline: in the corpus
        {"answer_norm": "ian"},  # in a text
        {"answer_norm": "connor mcdavid"},  # nowhere
        {"answer_norm": "12", "answer_uncheckable": True},  # not checkable by string
        {"answer_norm": "flor"},  # only inside a word: nowhere
    ]
    found = out_of_corpus(questions, articles)
    assert [q["answer_norm"] for q in found] == ["connor mcdavid", "flor"]


def test_fresh_evidence_is_on_topic_only_when_the_article_tells_the_story() -> None:
    story = Article(
        id="s",
        title="Poll: Britons and chimpanzees",
        text="A YouGov poll found 10% of Britons believe they could win a fight with a chimpanzee.",
        published="2022-09-28",
    )
    other = Article(
        id="o", title="Markets", text="Shares fell 10% on Monday.", published="2022-09-27"
    )
    question = {
        "question": "What percentage of Britons believe they could win a fight against a "
        "chimpanzee, according to a YouGov poll?",
        "question_date": "2022-09-30",
        "answer_norm": "10 percent",
    }
    assert on_topic(question, {date(2022, 9, 28): [story], date(2022, 9, 27): [other]})
    assert not on_topic(question, {date(2022, 9, 27): [other]})  # "10%" by coincidence
    old = {date(2022, 9, 1): [story]}  # the story, but not published in the week before
    assert not on_topic(question, old)


def test_the_holdout_indexes_each_lack_a_quarter_of_the_weeks() -> None:
    shared_data_path("dev", "articles.jsonl")  # fails under CI, skips elsewhere, if missing
    weeks = sorted(set(_first_weeks().values()))
    articles = [Article(id=i, title="t", text="x") for i in _first_weeks()]
    left_out: list[set[str]] = []
    for fold in range(HOLDOUT_FOLDS):
        members, kept = holdout_slice(articles, fold)
        assert {_first_weeks()[a.id] for a in members} == kept
        left_out.append(set(weeks) - kept)
    # every week is left out of exactly one index
    assert sorted(w for out in left_out for w in out) == weeks
    with pytest.raises(ValueError, match="fold"):
        holdout_slice(articles, HOLDOUT_FOLDS)
