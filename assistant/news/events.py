"""Whether two reports describe the same event: shared proper names and content words.

Both conflict detectors (figures, named entities) ask this before comparing what two
articles say, so that "52 people died" in one story is never set against another.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol, TypedDict, TypeVar

from assistant.query.recency import parse_published
from assistant.types import Passage
from index.text.numbers import NUMBER_WORDS
from index.text.stopwords import CONFLICT_CONTEXT


def _words(text: str) -> list[str]:
    return text.split()


# The counted subjects of a figure ("52 people", "12 children"), with their canonical label.
SUBJECTS = {
    "people": "people",
    "persons": "people",
    "individuals": "people",
    "civilians": "civilians",
    "children": "children",
    "kids": "children",
    "students": "students",
    "soldiers": "soldiers",
    "troops": "soldiers",
    "service members": "soldiers",
    "officers": "officers",
    "police officers": "officers",
    "firefighters": "firefighters",
    "migrants": "migrants",
    "passengers": "passengers",
    "residents": "residents",
    "workers": "workers",
    "miners": "miners",
    "protesters": "protesters",
    "journalists": "journalists",
    "fans": "fans",
    "patients": "patients",
}

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|[A-Z]{2,})\b")
NOT_NAMES = frozenset(
    _words(
        """
        The A An In On At By For From Of To And But Or As It He She They We I His Her Their
        Its This That These Those There Here When Where While After Before Since During
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
        April May June July August September October November December CNN AP USA Today
        Reuters BBC Photo Getty Images Read More Share Mr Mrs Ms Dr President Police
        Officials Authorities According
        """
    )
)


MAX_DAYS_APART = 30  # figures of one developing story, not last year's disaster
MIN_SHARED_WORDS = 3  # the two claim sentences must describe the same event
_CONTENT_WORD = re.compile(r"[a-z][a-z'-]+")
_FACT_WORDS = frozenset(
    _words(
        """
        killed killing dead died deaths death toll fatalities injured injuring injuries
        wounded wounding hurt missing unaccounted evacuated evacuating displaced displacing
        forced homes fled arrested arresting arrests detained detaining rose risen rises
        climbed stands reached million thousand
        """
    )
)
_SUBJECT_WORDS = frozenset(w for s in SUBJECTS for w in s.split())


def names(text: str) -> set[str]:
    return {n for n in _NAME.findall(text) if n not in NOT_NAMES}


def context_names(sentence: str, text: str, title: str) -> set[str]:
    """Proper names of `sentence`, plus title words its article's `text` uses as names.

    (Title words alone are unreliable: headlines are often in Title Case.)
    """
    title_words = set(re.findall(r"[A-Z][\w'-]+", title))
    return names(sentence) | (title_words & names(text))


def content_words(sentence: str) -> set[str]:
    """Crudely stemmed content words (5-letter prefixes) without numbers or fact words."""
    words = set()
    for word in _CONTENT_WORD.findall(sentence.lower()):
        if (
            word in CONFLICT_CONTEXT
            or word in _FACT_WORDS
            or word in NUMBER_WORDS
            or word in _SUBJECT_WORDS
        ):
            continue
        words.add(word[:5])
    return words


class ReadAt(TypedDict):
    """Where a claim was read: the fields every claim (a figure, a name) carries."""

    passage_index: int
    source: str | None
    published: str | None
    sentence: str
    article_id: str


def read_at(index: int, passage: Passage, sentence: str) -> ReadAt:
    """`sentence` of `passages[index]`, as the claim found in it records it."""
    return ReadAt(
        passage_index=index,
        source=passage.source,
        published=passage.published,
        sentence=sentence,
        article_id=passage.article_id,
    )


class Report(Protocol):
    """What both detectors' claims have: the sentence, its article and date."""

    @property
    def article_id(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def sentence(self) -> str: ...
    @property
    def passage_index(self) -> int: ...


R = TypeVar("R", bound=Report)


def could_be_same_event(a: Report, b: Report) -> bool:
    """Two articles published at most MAX_DAYS_APART days apart whose sentences share
    MIN_SHARED_WORDS content words (each detector then checks the names)."""
    if a.article_id == b.article_id:
        return False
    day_a, day_b = parse_published(a.published), parse_published(b.published)
    if day_a and day_b and abs((day_a - day_b).days) > MAX_DAYS_APART:
        return False
    return len(content_words(a.sentence) & content_words(b.sentence)) >= MIN_SHARED_WORDS


def newest_first(claims: list[R]) -> list[R]:
    def key(c: R) -> tuple[date, int]:
        return (parse_published(c.published) or date.min, -c.passage_index)

    return sorted(claims, key=key, reverse=True)


def is_newer(a: Report, b: Report) -> bool:
    day_a, day_b = parse_published(a.published), parse_published(b.published)
    return day_a is not None and (day_b is None or day_a > day_b)
