"""Near-duplicate grouping: wire copies with different boilerplate, other stories apart."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from index.duplicates import DuplicateFinder, signature
from tests.passages import NEWS

pytestmark = pytest.mark.unit


def body(name: str) -> str:
    """The text of a fixture article (front matter dropped)."""
    _, meta, text = (NEWS / name).read_text(encoding="utf-8").split("---\n", 2)
    assert yaml.safe_load(meta)["title"]
    return text


ORIGINAL = "wire_original.md"
COPIES = ("wire_copy_usatoday.md", "wire_copy_herald.md")
OTHER = "same_topic_other_story.md"

WORDS = [f"w{i}" for i in range(400)]


def random_text(rng: random.Random, n_words: int = 250) -> str:
    sentences = []
    for _ in range(n_words // 12):
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + ".")
    return "\n\n".join(sentences)


def test_republished_copies_with_other_boilerplate_join_the_original() -> None:
    finder = DuplicateFinder()
    assert finder.add("orig", body(ORIGINAL)) == "orig"
    assert finder.add("usatoday", body(COPIES[0])) == "orig"
    assert finder.add("herald", body(COPIES[1])) == "orig"
    assert finder.members("orig") == ["orig", "usatoday", "herald"]
    assert finder.groups() == {"orig": ["orig", "usatoday", "herald"]}


def test_different_story_on_the_same_topic_stays_apart() -> None:
    finder = DuplicateFinder()
    finder.add("orig", body(ORIGINAL))
    finder.add("usatoday", body(COPIES[0]))
    assert finder.add("cnn", body(OTHER)) == "cnn"
    assert finder.group_of("cnn") == "cnn"
    assert finder.members("cnn") == ["cnn"]


def test_boilerplate_alone_does_not_decide_similarity() -> None:
    a, b = signature(body(ORIGINAL)), signature(body(COPIES[0]))
    assert a.minhash is not None and b.minhash is not None
    # Boilerplate lines are dropped before shingling: the bodies are identical.
    assert a.exact == b.exact
    assert a.minhash.jaccard(b.minhash) == 1.0
    other = signature(body(OTHER))
    assert other.minhash is not None
    assert a.minhash.jaccard(other.minhash) < 0.2


def test_first_seen_is_canonical() -> None:
    finder = DuplicateFinder()
    assert finder.add("herald", body(COPIES[1])) == "herald"
    assert finder.add("orig", body(ORIGINAL)) == "herald"


def test_copy_with_an_edited_sentence_still_matches() -> None:
    text = body(ORIGINAL)
    edited = text.replace("more than 3,000 people", "about 3,200 residents").replace(
        "Schools across the district", "All schools in the district"
    )
    assert edited != text
    finder = DuplicateFinder()
    finder.add("orig", text)
    assert finder.add("edited", edited) == "orig"


def test_story_sharing_only_half_its_text_does_not_match() -> None:
    rng = random.Random(3)
    shared, first_rest, second_rest = (random_text(rng, 200) for _ in range(3))
    finder = DuplicateFinder()
    finder.add("a", shared + "\n\n" + first_rest)
    assert finder.add("b", shared + "\n\n" + second_rest) == "b"


def test_readding_same_text_is_a_no_op_and_changed_text_regroups() -> None:
    finder = DuplicateFinder()
    finder.add("orig", body(ORIGINAL))
    finder.add("copy", body(COPIES[0]))
    assert finder.add("copy", body(COPIES[0])) == "orig"
    assert len(finder) == 2
    assert finder.add("copy", body(OTHER)) == "copy"
    assert finder.members("orig") == ["orig"]


def test_removing_a_copy_keeps_the_group() -> None:
    finder = DuplicateFinder()
    for article_id, name in [("orig", ORIGINAL), ("c1", COPIES[0]), ("c2", COPIES[1])]:
        finder.add(article_id, body(name))
    assert finder.remove("c1") == {}
    assert finder.members("orig") == ["orig", "c2"]
    assert "c1" not in finder
    with pytest.raises(KeyError):
        finder.group_of("c1")
    assert finder.remove("unknown") == {}


def test_removing_the_canonical_promotes_the_next_oldest() -> None:
    finder = DuplicateFinder()
    for article_id, name in [("orig", ORIGINAL), ("c1", COPIES[0]), ("c2", COPIES[1])]:
        finder.add(article_id, body(name))
    finder.add("cnn", body(OTHER))
    assert finder.remove("orig") == {"c1": "c1", "c2": "c1"}
    assert finder.group_of("c2") == "c1"
    assert finder.members("c1") == ["c1", "c2"]
    assert finder.group_of("cnn") == "cnn"
    # The original comes back: it is now a copy of the promoted canonical.
    assert finder.add("orig", body(ORIGINAL)) == "c1"


def test_short_texts_match_only_identical_text() -> None:
    finder = DuplicateFinder()
    assert finder.add("a", "Breaking: markets close higher.") == "a"
    assert finder.add("b", "BREAKING: Markets close higher!") == "a"
    assert finder.add("c", "Breaking: markets close lower.") == "c"
    assert finder.add("empty1", "") == "empty1"
    assert finder.add("empty2", "  \n ") == "empty2"


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "duplicates.npz"
    assert len(DuplicateFinder.load(path)) == 0
    finder = DuplicateFinder(threshold=0.75)
    finder.add("orig", body(ORIGINAL))
    finder.add("c1", body(COPIES[0]))
    finder.add("cnn", body(OTHER))
    finder.add("short", "Markets close higher.")
    finder.save(path)
    finder.save(path)  # overwriting an existing file works too
    assert sorted(p.name for p in path.parent.iterdir()) == ["duplicates.npz"]

    loaded = DuplicateFinder.load(path)
    assert loaded.threshold == 0.75
    assert len(loaded) == 4
    assert loaded.group_of("c1") == "orig"
    assert loaded.members("orig") == ["orig", "c1"]
    # Matching keeps working after a load, and order is preserved for removals.
    assert loaded.add("c2", body(COPIES[1])) == "orig"
    assert loaded.add("short2", "markets close HIGHER") == "short"
    assert loaded.remove("orig") == {"c1": "c1", "c2": "c1"}


def test_rejects_a_bad_threshold() -> None:
    with pytest.raises(ValueError, match="threshold"):
        DuplicateFinder(threshold=0)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n_boilerplate=st.integers(0, 6))
def test_random_copies_match_and_random_stories_do_not(seed: int, n_boilerplate: int) -> None:
    rng = random.Random(seed)
    text = random_text(rng)
    boilerplate = [
        "By Jane Doe",
        "Share this article",
        "4 min read",
        "Advertisement",
        "A man walks past a shop in the city (Photo: Getty Images)",
        "Read more: the week in pictures",
    ]
    lines = text.split("\n\n")
    for line in rng.sample(boilerplate, n_boilerplate):
        lines.insert(rng.randrange(len(lines) + 1), line)
    finder = DuplicateFinder()
    finder.add("orig", text)
    assert finder.add("copy", "\n\n".join(lines)) == "orig"
    assert finder.add("other", random_text(rng)) == "other"


def test_parsed_fixture_folder_has_exactly_the_wire_group() -> None:
    """Through the real parser (which already drops some boilerplate), oldest first."""
    from index.articles import parse_paths

    result = parse_paths([NEWS])
    assert not result.failures
    articles = sorted(result.articles, key=lambda a: (a.published or "", a.id))
    finder = DuplicateFinder()
    for article in articles:
        finder.add(article.id, article.text)
    (members,) = finder.groups().values()
    sources = [next(a.source or "" for a in articles if a.id == m) for m in members]
    assert sorted(sources) == ["apnews.com", "kesselherald.example", "usatoday.com"]
    assert sources[-1] == "kesselherald.example"  # published a day later: not canonical


def test_update_reports_what_changed() -> None:
    finder = DuplicateFinder()
    assert finder.update("orig", body(ORIGINAL)) == ("orig", {})
    assert finder.update("c1", body(COPIES[0])) == ("orig", {})
    assert finder.update("c2", body(COPIES[1])) == ("orig", {})
    assert finder.update("c1", body(COPIES[0])) == ("orig", {})  # unchanged
    # A corrected canonical that still matches its copies stays canonical.
    corrected = body(ORIGINAL).replace("more than 3,000", "about 3,200")
    assert finder.update("orig", corrected) == ("orig", {})
    assert finder.members("orig") == ["orig", "c1", "c2"]
    # Replaced by another story: its copies regroup under the oldest of them.
    assert finder.update("orig", body(OTHER)) == ("orig", {"c1": "c1", "c2": "c1"})
    assert finder.members("c1") == ["c1", "c2"]
    # A changed copy leaves its group without disturbing the others.
    assert finder.update("c2", random_text(random.Random(1))) == ("c2", {})
    assert finder.members("c1") == ["c1"]
