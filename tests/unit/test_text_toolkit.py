"""The shared text toolkit: one stopword module, numbers read whole."""

from __future__ import annotations

import pytest

from index.text import stopwords
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
