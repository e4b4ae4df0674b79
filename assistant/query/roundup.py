"""Questions for the news itself, with no topic: "What happened this week?", "What's the
news today?", "Any headlines?".

A search for the words "happened" or "news" finds nothing to quote, and the answer was
"the articles don't say". Such a question gets the newest headlines of its window instead
(the newest articles when the window holds none), each cited (`roundup`). A question that
names a topic ("What happened with FTX this week?") is searched as usual, and so is a bare
"What happened?", which in a chat usually refers back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from assistant.query.recency import parse_published
from index.filters import ChunkFilter, to_epoch
from index.text.headlines import bare_headline
from index.text.stopwords import ANSWER, QUESTION_FILLER
from index.text.terms import terms

# A word that asks for the news ("news", "headlines", "what's new", "happened").
_ASKS_NEWS = re.compile(
    r"\b(?:news|headlines?|stor(?:y|ies)|happen(?:ed|ing|s)?|going on|what(?:'s|’s|\s+is)\s+new)\b",
    re.IGNORECASE,
)
# Words of such a question that name no topic (beside the question filler and stopwords,
# which hold "news", "new", "happened", "going", "any").
_NO_TOPIC = frozenset(
    [
        "headline",
        "headlines",
        "story",
        "stories",
        "top",
        "main",
        "big",
        "biggest",
        "important",
        "world",
        "day",
        "days",
        "anything",
        "everything",
        "give",
        "show",
        "list",
        "summary",
        "brief",
        "briefing",
        "catch",
        "happens",
    ]
)
_DROP = ANSWER | QUESTION_FILLER | _NO_TOPIC
ROUNDUP_SIZE = 5  # headlines in a reply


def asks_roundup(question: str, search_text: str) -> bool:
    """Whether `question` asks what is in the news without naming a topic ("What happened
    this week?", "Any news?"). `search_text`: the question without its time words and
    request phrasing (`QueryPlan.search_text`). A bare "What happened?" names neither a
    topic, nor a time, nor the news: in a chat it refers back, so it is searched as asked."""
    if not _ASKS_NEWS.search(question) or _BARE_HAPPENED.match(question):
        return False
    return not terms(search_text, drop=_DROP)


_BARE_HAPPENED = re.compile(
    r"^\s*what(?:'s|’s|\s+is)?\s+(?:happened|happening)\s*[?!.]*\s*$", re.IGNORECASE
)


class _Summary(Protocol):
    id: str
    title: str
    source: str | None
    published: str | None
    group_id: str


def newest_headlines(
    articles: Sequence[_Summary], flt: ChunkFilter, n: int = ROUNDUP_SIZE
) -> list[_Summary]:
    """The `n` newest titled, dated articles that `flt` keeps (its outlets and dates, as
    retrieval reads them), one per story: syndicated copies (one group) and headlines
    sharing two content words with one met before count once; digests' lists of topics
    are left out."""
    dated = sorted(
        (a for a in articles if a.title and a.published),
        key=lambda a: a.published or "",
        reverse=True,
    )
    out: list[_Summary] = []
    groups: set[str] = set()
    seen: list[set[str]] = []  # the content terms of each headline met
    for article in dated:
        day = parse_published(article.published)
        if day is None or not flt.matches(article.source, to_epoch(day)):
            continue
        headline = bare_headline(article.title)
        if headline.count(",") >= 2:
            continue  # a digest's list of topics ("Camp Hale, Los Angeles City Council, ...")
        words = set(terms(headline))
        same_story = any(len(words & other) >= 2 for other in seen)
        seen.append(words)
        if article.group_id in groups or same_story:
            continue  # a copy, or another outlet's report of a story already listed
        groups.add(article.group_id)
        out.append(article)
        if len(out) >= n:
            break
    return out
