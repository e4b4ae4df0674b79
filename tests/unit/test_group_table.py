"""New articles grouped on the saved columns (index/group_table.py) get the groups the
finder gives them, and the saves of both read back as the same finder."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from index import record_log
from index.duplicates import signature
from index.group_table import GroupTable
from index.grouping import DELTA_NAME, TABLE_MAX_NEW, ArticleGroups, _base_id
from index.models import Article
from tests.unit.test_duplicates import random_text

pytestmark = pytest.mark.unit


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, title=article_id, text=text)


def _edited(rng: random.Random, text: str, words: int) -> str:
    """`text` with `words` of its words replaced: 0-10 edits straddle the 0.8 threshold."""
    tokens = text.split(" ")
    for _ in range(words):
        tokens[rng.randrange(len(tokens))] = f"edit{rng.randrange(10**6)}"
    return " ".join(tokens)


class Corpus:
    """Families of near and exact copies, short texts and unrelated stories."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.stories: list[str] = []
        self.n = 0

    def articles(self, count: int) -> list[Article]:
        out = []
        for _ in range(count):
            self.n += 1
            roll = self.rng.random()
            if self.stories and roll < 0.5:
                text = _edited(self.rng, self.rng.choice(self.stories), self.rng.randrange(11))
            elif self.stories and roll < 0.6:
                text = self.rng.choice(self.stories)  # an exact copy
            elif roll < 0.7:
                text = f"Short note {self.rng.randrange(3)}."  # too short to sketch
            else:
                text = random_text(self.rng)
                self.stories.append(text)
            out.append(_article(f"a{self.n:04d}", text))
        return out


def _state(groups: ArticleGroups) -> dict[str, tuple[str, int, list[str]]]:
    finder = groups.finder
    return {
        a: (finder.group_of(a), finder._seq[a], finder.members(finder.group_of(a)))
        for a in sorted(finder._group)
    }


def _records(directory: Path) -> list[dict[str, list[object]]]:
    records, _ = record_log.read(directory / DELTA_NAME, _base_id(directory / "duplicates.npz"))
    return [{k: np.asarray(v).tolist() for k, v in r.items()} for r in records]


def _history(directory: Path, corpus: Corpus) -> None:
    """Saved groups with a base and a delta holding adds, changes and removals."""
    groups = ArticleGroups.load(directory)
    groups.assign(corpus.articles(120))
    groups.save()
    rng = corpus.rng
    for _ in range(6):
        finder = groups.finder
        known = sorted(finder._group)
        canonical = [a for a in known if finder.group_of(a) == a and len(finder.members(a)) > 1]
        groups.remove(rng.sample(canonical, 2) + rng.sample(known, 2))
        changed = rng.sample(sorted(groups.finder._group), 3)
        groups.assign([_article(a, _edited(rng, random_text(rng), 0)) for a in changed])
        groups.assign(corpus.articles(10))
        groups.save()
    assert (directory / DELTA_NAME).exists()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_new_articles_get_the_finders_groups_and_save_the_same_rows(
    tmp_path: Path, seed: int
) -> None:
    corpus = Corpus(seed)
    table_dir, finder_dir = tmp_path / "table", tmp_path / "finder"
    _history(finder_dir, corpus)
    shutil.copytree(finder_dir, table_dir)
    for batch in (1, 1, 5, TABLE_MAX_NEW):
        new = corpus.articles(batch)
        by_table, by_finder = ArticleGroups.load(table_dir), ArticleGroups.load(finder_dir)
        by_finder.finder  # noqa: B018 (built now: the finder groups the batch)
        assert isinstance(by_table._source, GroupTable)
        assert by_table.assign(new) == by_finder.assign(new)
        assert isinstance(by_table._source, GroupTable)  # grouped without the finder
        by_table.save()
        by_finder.save()
        assert _records(table_dir) == _records(finder_dir)
        assert _state(by_table) == _state(by_finder)
        assert _state(ArticleGroups.load(table_dir)) == _state(by_finder)
    joined = sum(g != a for a, (g, _, _) in _state(by_finder).items())
    assert joined > 20  # the corpus did exercise matching


def test_a_change_or_a_big_batch_builds_the_finder(tmp_path: Path) -> None:
    corpus = Corpus(4)
    _history(tmp_path, corpus)
    groups = ArticleGroups.load(tmp_path)
    groups.assign(corpus.articles(2))
    assert isinstance(groups._source, GroupTable)
    known = sorted(groups.finder._group)[0]
    groups = ArticleGroups.load(tmp_path)
    groups.assign([_article(known, "An entirely new text for a known article, long enough.")])
    assert not isinstance(groups._source, GroupTable)
    groups = ArticleGroups.load(tmp_path)
    groups.assign(corpus.articles(TABLE_MAX_NEW + 1))
    assert not isinstance(groups._source, GroupTable)


def _edit(rng: random.Random, words: list[str], lo: int, hi: int) -> str:
    out = list(words)
    for at in rng.sample(range(lo, hi, 6), 4):
        out[at] = f"edit{rng.randrange(10**6)}"
    return " ".join(out)


def _tie(rng: random.Random) -> tuple[str, str, str]:
    """A story and two copies, each edited in another half, that score the same against
    it (>= 0.8) but not against each other: two groups the story ties between."""
    while True:
        story = random_text(rng)
        words = story.split(" ")
        half = len(words) // 2
        first, second = _edit(rng, words, 0, half), _edit(rng, words, half, len(words))
        story_sig, a, b = (signature(t) for t in (story, first, second))
        assert story_sig.minhash and a.minhash and b.minhash
        score = story_sig.minhash.jaccard(a.minhash)
        tied = score >= 0.8 and score == story_sig.minhash.jaccard(b.minhash)
        if tied and a.minhash.jaccard(b.minhash) < 0.8:
            return story, first, second


def test_a_tie_goes_to_the_article_added_first(tmp_path: Path) -> None:
    story, first, second = _tie(random.Random(5))
    groups = ArticleGroups.load(tmp_path)
    assert groups.assign([_article("a", first), _article("b", second)])[0] == {"a": "a", "b": "b"}
    groups.save()
    by_table, by_finder = ArticleGroups.load(tmp_path), ArticleGroups.load(tmp_path)
    by_finder.finder  # noqa: B018
    assert by_table.assign([_article("s", story)]) == ({"s": "a"}, {})
    assert by_finder.assign([_article("s", story)]) == ({"s": "a"}, {})
