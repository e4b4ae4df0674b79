"""BM25 index: add/replace/delete/search, persistence and generation, ranking sanity."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from index.lexical import FILE_NAME, LexicalIndex, analyze

pytestmark = pytest.mark.unit

DOCS = {
    "kyiv#0": "Ukrainian children were deported to camps in Belarus, officials said.",
    "kyiv#1": "The International Criminal Court in The Hague received the evidence.",
    "squid#0": "Netflix announced that Squid Game will return for a second season.",
    "squid#1": "The South Korean drama broke viewing records on the streaming service.",
    "fed#0": "The Federal Reserve raised interest rates by three quarters of a point.",
    "fed#1": "Inflation and rising interest rates worry investors and home buyers.",
}


def _index(directory: Path, docs: dict[str, str] = DOCS) -> LexicalIndex:
    index = LexicalIndex.open(directory)
    index.add(list(docs), list(docs.values()))
    return index


def _ids(hits: list[tuple[str, float]]) -> list[str]:
    return [cid for cid, _ in hits]


def test_analyze_folds_case_accents_stopwords_and_stems() -> None:
    assert analyze("The Café in São Paulo") == ["cafe", "sao", "paulo"]
    assert analyze("Elections were held; voters elected") == ["elect", "held", "voter", "elect"]
    assert analyze("2,100 children") == ["2100", "children"]
    assert analyze("children", stemming="none") == ["children"]
    assert analyze("cities", stemming="plural") == ["city"]
    assert analyze("") == []


def test_analyze_loses_no_words_when_another_thread_starts_the_cache_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A call that found its words in the term cache still reads them when another call
    (another thread of the web app) meanwhile finds the cache full and starts it over."""
    from index import lexical_terms

    monkeypatch.setattr(lexical_terms, "_TERM_CACHE", {})
    monkeypatch.setattr(lexical_terms, "_CACHE_LIMIT", 5)
    analyze("children were moved to belarus")  # known words
    plain_term = lexical_terms._term
    nested: list[list[str]] = []
    calls: list[str] = []

    def term(word: str, stemming: str) -> str:
        calls.append(word)
        if len(calls) == 2:  # the first new word is in: another call finds the cache full
            nested.append(analyze("seven dusty plains wandered zebras giraffes quietly"))
        return plain_term(word, stemming)

    monkeypatch.setattr(lexical_terms, "_term", term)
    assert analyze("children were moved to belarus yesterday evening") == [
        "children",
        "move",
        "belarus",
        "yesterday",
        "even",
    ]
    assert nested == [["seven", "dusti", "plain", "wander", "zebra", "giraff", "quiet"]]


def test_empty_index(tmp_path: Path) -> None:
    index = LexicalIndex.open(tmp_path / "bm25")
    assert len(index) == 0
    assert index.ids() == set()
    assert index.search("anything", 5) == []
    assert index.generation is None


def test_search_ranks_the_matching_chunk_first(tmp_path: Path) -> None:
    index = _index(tmp_path)
    assert _ids(index.search("Which show got a second season on Netflix?", 3))[0] == "squid#0"
    assert _ids(index.search("children deported to Belarus", 3))[0] == "kyiv#0"
    hits = index.search("interest rates", 10)
    assert set(_ids(hits)) == {"fed#0", "fed#1"}
    assert hits[0][1] >= hits[1][1] > 0
    assert index.search("zebra xylophone", 5) == []
    assert index.search("the of and", 5) == []  # stopwords only
    assert len(index.search("rates", 1)) == 1
    assert index.search("rates", 0) == []


def test_scores_match_lucene_bm25(tmp_path: Path) -> None:
    docs = {"a": "apple apple banana", "b": "banana cherry", "c": "cherry date elder fig"}
    index = _index(tmp_path, docs)
    n, df, tf, length = 3, 1, 2, 3
    avg = (3 + 2 + 4) / 3
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    expected = idf * tf * 2.5 / (tf + 1.5 * (1 - 0.75 + 0.75 * length / avg))
    ((cid, score),) = index.search("apple", 5)
    assert cid == "a"
    assert score == pytest.approx(expected, rel=1e-6)


def test_add_replaces_existing_ids(tmp_path: Path) -> None:
    index = _index(tmp_path)
    index.add(["squid#0"], ["A recipe for lemon cake with sugar."])
    assert len(index) == len(DOCS)
    assert "squid#0" not in _ids(index.search("Netflix second season", 5))
    assert _ids(index.search("lemon cake", 5)) == ["squid#0"]
    # Duplicate ids within one call: the last text wins.
    index.add(["x", "x"], ["first words", "second words"])
    assert _ids(index.search("second", 5)) == ["x"]
    assert index.search("first", 5) == []


def test_delete_removes_from_results_and_statistics(tmp_path: Path) -> None:
    index = _index(tmp_path)
    before = dict(index.search("interest rates", 5))
    index.delete(["fed#0", "missing#9"])
    assert len(index) == len(DOCS) - 1
    assert "fed#0" not in index.ids()
    after = dict(index.search("interest rates", 5))
    assert list(after) == ["fed#1"]
    assert after["fed#1"] != before["fed#1"]  # idf and average length changed
    index.delete(["kyiv#0", "kyiv#1", "squid#0", "squid#1", "fed#1"])
    assert len(index) == 0
    assert index.search("interest rates", 5) == []


def test_allowed_filters_results(tmp_path: Path) -> None:
    index = _index(tmp_path)
    hits = index.search("interest rates Netflix", 10, allowed=lambda cid: cid.startswith("fed"))
    assert set(_ids(hits)) == {"fed#0", "fed#1"}
    hits = index.search("interest rates Netflix", 10, allowed={"squid#0", "nope"})
    assert _ids(hits) == ["squid#0"]
    assert index.search("interest rates", 10, allowed=set()) == []


def test_save_and_open_round_trip(tmp_path: Path) -> None:
    directory = tmp_path / "bm25"
    index = _index(directory)
    index.delete(["kyiv#1"])
    expected = index.search("interest rates Netflix children", 10)
    index.save(generation=7)
    assert index.generation == 7
    assert (directory / FILE_NAME).exists()
    assert not [p for p in directory.iterdir() if p.name != FILE_NAME]  # no temp files left

    reopened = LexicalIndex.open(directory)
    assert reopened.generation == 7
    assert reopened.ids() == set(DOCS) - {"kyiv#1"}
    assert reopened.search("interest rates Netflix children", 10) == expected

    reopened.add(["new#0"], ["Brand new chunk about volcanoes."])
    reopened.save(generation=8)
    again = LexicalIndex.open(directory)
    assert again.generation == 8
    assert _ids(again.search("volcano", 5)) == ["new#0"]
    assert len(again) == len(DOCS)
    # `empty` ignores what is on disk.
    assert len(LexicalIndex.empty(directory)) == 0


def test_a_reopened_index_searches_its_column_form_with_32_bit_offsets(tmp_path: Path) -> None:
    directory = tmp_path / "bm25"
    _index(directory).save(generation=1)
    reopened = LexicalIndex.open(directory)
    assert _ids(reopened.search("Netflix", 5))
    column = reopened._main_csc()  # the array a serving process keeps (memory)
    assert column is not None
    assert column.indices.dtype == np.int32 and column.indptr.dtype == np.int32


def test_incremental_updates_match_a_fresh_build(tmp_path: Path) -> None:
    bulk = {f"doc{i}#0": f"topic{i % 7} words number{i} shared text" for i in range(600)}
    incremental = LexicalIndex.open(tmp_path / "inc")
    incremental.add(list(bulk), list(bulk.values()))  # bulk path
    for i in range(0, 600, 3):
        incremental.delete([f"doc{i}#0"])
    for i in range(600, 650):  # small adds go to pending rows
        incremental.add([f"doc{i}#0"], [f"topic{i % 7} words number{i} shared text"])
    incremental.save(generation=1)
    incremental = LexicalIndex.open(tmp_path / "inc")

    live = {
        f"doc{i}#0": f"topic{i % 7} words number{i} shared text"
        for i in range(650)
        if i % 3 or i >= 600
    }
    fresh = LexicalIndex.open(tmp_path / "fresh")
    for cid, text in live.items():
        fresh.add([cid], [text])
    assert incremental.ids() == fresh.ids() == set(live)
    for query in ("topic3 words", "number601", "shared", "number4"):
        got = dict(incremental.search(query, 1000))
        assert got
        assert got == pytest.approx(dict(fresh.search(query, 1000)))


def test_unusable_file_opens_empty_so_the_caller_rebuilds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    index = _index(tmp_path)
    index.save(generation=1)
    other = LexicalIndex.open(tmp_path, stemming="none")
    assert (len(other), other.generation) == (0, None)
    assert "stemming" in caplog.text
    (tmp_path / FILE_NAME).write_bytes(b"not a numpy file")
    broken = LexicalIndex.open(tmp_path)
    assert (len(broken), broken.generation) == (0, None)
    broken.add(["a"], ["fresh start"])
    broken.save(generation=2)
    assert LexicalIndex.open(tmp_path).generation == 2


def test_ids_with_newlines_are_rejected(tmp_path: Path) -> None:
    index = LexicalIndex.open(tmp_path)
    with pytest.raises(ValueError, match="newline"):
        index.add(["bad\nid"], ["text"])
    with pytest.raises(ValueError, match="ids"):
        index.add(["a", "b"], ["one text"])
