"""The shared text toolkit: one stopword module, numbers read whole."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.text import stopwords, terms
from index.text.headlines import bare_headline
from index.text.numbers import word_number_value

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "value"),
    [("Fifty-two", 52), ("fifty two", 52), ("two", 2), ("Twenty", 20), ("nineteen", 19)],
)
def test_spelled_out_numbers(text: str, value: int) -> None:
    assert word_number_value(text) == value


@pytest.mark.parametrize("text", ["fifty-fifty", "cat", "", "two hundred"])
def test_not_a_number(text: str) -> None:
    assert word_number_value(text) is None


def test_every_list_extends_the_core() -> None:
    for name in ("LEXICAL", "ANSWER", "RETRIEVAL", "CLAIM", "CONFLICT_CONTEXT"):
        assert getattr(stopwords, name) >= stopwords.CORE, name
    # Claim checking keeps negations: "not" flips a claim.
    assert "not" not in stopwords.CLAIM
    assert "not" in stopwords.LEXICAL


_TOKENS = st.lists(
    st.sampled_from(["the", "a", "U.S", "2100", "7", "x", "senators", "voted", "was", "ran"]),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_TOKENS)
def test_terms_of_words_with_the_token_cache_are_the_plain_rule(tokens: list[str]) -> None:
    def plain(drop: frozenset[str]) -> list[str]:
        keep = [w for w in tokens if (w not in drop and len(w) > 1) or w.isdigit()]
        return [terms.stem(w.replace(".", "")) for w in keep]

    assert terms.terms_of_words(tokens) == plain(stopwords.ANSWER)
    assert terms.terms_of_words(tokens) == plain(stopwords.ANSWER)  # from the cache
    assert terms.terms_of_words(tokens, drop=stopwords.CLAIM) == plain(stopwords.CLAIM)


def test_the_token_cache_starts_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "_TERM_OF", {})
    monkeypatch.setattr(terms, "TERMS_CACHED", 2)  # cleared again and again mid-text
    assert terms.terms("Senators voted, the senators ran.") == ["senator", "vot", "senator", "run"]
    assert len(terms._TERM_OF) <= 2


def test_a_text_with_new_tokens_maps_only_those() -> None:
    asked: list[str] = []

    def term_of(word: str) -> str:
        asked.append(word)
        return "" if word == "the" else word.upper()

    table = {"a": "A", "the": ""}
    tokens = ["a", "new", "the", "new", "b", "a"]
    assert terms.mapped_terms(tokens, table, 100, term_of) == ["A", "NEW", "NEW", "B", "A"]
    assert sorted(asked) == ["b", "new"]
    assert terms.mapped_terms(tokens, table, 4, term_of) == ["A", "NEW", "NEW", "B", "A"]
    assert len(asked) == 2  # all known now: no call
    # a table that cannot take the new tokens starts over, a token at a time
    assert terms.mapped_terms(["c", "d", "a"], table, 4, term_of) == ["C", "D", "A"]
    assert len(table) <= 4


@pytest.mark.parametrize("text", ["Plain ASCII, Text.", "Café “Quoted” – dash’s", "ÀÉÎ"])
def test_fold_and_words(text: str) -> None:
    folded = text.translate(terms._FOLD).lower()
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    assert terms.fold(text) == folded
    assert terms.words(text) == [
        w.replace(",", "") for w in terms._WORD.findall(folded.replace(",", ""))
    ]


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        (
            "Qatar 2022: What it's like at a 'dry' World Cup | CNN",
            "Qatar 2022: What it's like at a 'dry' World Cup",
        ),
        ("Rental prices in London | The Week UK", "Rental prices in London"),
        ("NASA's DART mission - CNN", "NASA's DART mission"),
        ("Spider-Man - the musical review", "Spider-Man - the musical review"),  # not a site
        ("  Belarus’ Lukashenko implicated  ", "Belarus’ Lukashenko implicated"),
    ],
)
def test_a_headline_loses_the_sites_name_only(title: str, bare: str) -> None:
    assert bare_headline(title) == bare


def test_a_possessive_or_contracted_is_is_the_word_itself() -> None:
    # "Biden's" had stemmed to "biden'", which matches no "Biden"; "What's" to "what'".
    assert terms.terms("Biden's plan") == ["biden", "plan"]
    assert terms.terms("What’s the company's view? It's Musk's") == ["company", "view", "musk"]
    assert terms.terms("don't") == ["don't"]  # other contractions are left as they are
