"""Passages for tests: slices of the seed article with their real offsets, and made-up ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.types import Passage
from index.chunking import chunk_article
from index.models import Article
from tests.conftest import REPO_ROOT, SEEDS_DIR

NEWS = REPO_ROOT / "tests" / "fixtures" / "news"
SEED_TITLE = "Belarus’ Lukashenko implicated in mass kidnapping"


def seed_text() -> str:
    """The text of the seed sample's article (the one `seed_article_path` names)."""
    return next(SEEDS_DIR.glob("*.txt")).read_text(encoding="utf-8")


def passage(text: str, **fields: Any) -> Passage:
    """A made-up passage: `fields` over placeholder metadata (no source, url or date)."""
    values: dict[str, Any] = {
        "article_id": "a",
        "title": "T",
        "source": None,
        "url": None,
        "published": None,
        "score": 1.0,
    }
    return Passage(text=text, **{**values, **fields})


def passage_of(article: str, first: str, last: str, **fields: Any) -> Passage:
    """The seed article's slice from `first` to the end of `last`, with real offsets."""
    start = article.index(first)
    end = article.index(last, start) + len(last)
    values: dict[str, Any] = {
        "article_id": "seed",
        "title": SEED_TITLE,
        "source": "Brussels Signal",
        "url": "https://example.org/seed",
        "published": "2023-07-10",
        "start": start,
        "end": end,
    }
    return passage(article[start:end], **{**values, **fields})


def fixture_passages(*names: str) -> list[Passage]:
    """Articles of tests/fixtures/news parsed by the real parser, as whole-article passages."""
    from index.articles import parse_paths

    result = parse_paths([NEWS / name for name in names])
    assert not result.failures
    return [
        Passage(a.text, a.id, a.title, a.source, a.url, a.published, score=1.0)
        for a in result.articles
    ]


def chunk_passages(
    article: Article, max_tokens: int, score: Callable[[int], float] = lambda i: 1.0 / (1 + i)
) -> list[Passage]:
    """`article` chunked as the index chunks it (16 tokens of overlap), a passage a chunk with
    its offsets; `score(i)` scores the i-th chunk (by default the first scores best)."""
    about = (article.id, article.title, article.source, article.url, article.published)
    return [
        Passage(c.text, *about, score(c.index), c.id, c.start, c.end)
        for c in chunk_article(article, max_tokens=max_tokens, overlap=16)
    ]
