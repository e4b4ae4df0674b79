"""The own English Snowball stemmer gives NLTK's stems (the BM25 index stores them)."""

from __future__ import annotations

import json
import re

import pytest
from nltk.stem.snowball import EnglishStemmer

from index.lexical_terms import analyze
from index.text.snowball import stem
from tests.conftest import shared_data_path

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def dev_words() -> set[str]:
    """Every word the BM25 analyser stems in the dev articles, plus the tokens that carry
    apostrophes (the stemmer's own normalisation)."""
    words: set[str] = set()
    with shared_data_path("dev", "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            text = f"{article['title']}\n{article['text']}"
            words.update(re.findall(r"[^\W_]+", text.lower()))
            words.update(re.findall(r"[^\s'’‘‛]*['’‘‛]\S*", text.lower()))
    return words


def test_every_dev_word_stems_as_nltk_does(dev_words: set[str]) -> None:
    nltk_stem = EnglishStemmer().stem
    assert len(dev_words) > 80_000
    differ = {w: (nltk_stem(w), stem(w)) for w in dev_words if nltk_stem(w) != stem(w)}
    assert differ == {}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("added", "ad"),  # NLTK's stems, not today's Snowball ("add", "biolog", ...)
        ("biologists", "biologist"),
        ("emergency", "emerg"),
        ("evenings", "even"),
        ("generously", "generous"),
        ("communities", "communiti"),
        ("skies", "sky"),
        ("proceeding", "proceed"),
        ("hopefulness", "hope"),
        ("rationalization", "ration"),
        ("yelling", "yell"),
        ("saying", "say"),
        ("analogies", "analog"),
        ("an", "an"),
        ("Running", "run"),
        ("’tis", "tis"),
        ("dog's", "dog"),
    ],
)
def test_known_stems(word: str, expected: str) -> None:
    assert stem(word) == expected == EnglishStemmer().stem(word)


def test_analyzer_terms_are_the_snowball_stems() -> None:
    assert analyze("The biologists added 1,200 new evenings of hopeful work") == [
        "biologist",
        "ad",
        "1200",
        "new",
        "even",
        "hope",
        "work",
    ]
