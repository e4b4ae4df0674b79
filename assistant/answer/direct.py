"""The first line of an answer: the span that answers the question, chosen across sentences.

Candidates come from the best-scoring sentences of the retrieved passages (headlines
included: they often hold the crispest statement). Each span of the asked-for kind
(`assistant.answer.spans`) scores by the sentence it stands in (relative to the best
sentence) and by how clearly it is of that kind; the same answer carried by several
articles scores higher. When no span is clear enough, the answer is the best sentence,
cut to the clause that answers when it is long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.answer.matching import QuestionInfo, asking_sentence, question_word_hits
from assistant.answer.spans import POSSESSIVE, Asked, Span, joined, span_key
from assistant.answer.targets import asks_several
from index.text.terms import words

POOL = 8  # sentences (best first) whose spans compete
MIN_RELATIVE = 0.6  # a sentence must score at least this share of the best one
MIN_STRENGTH = 0.6  # a span must be at least this clearly of the asked-for kind
MIN_VALUE = 1.15  # relative sentence score + 0.5 x strength of the winning span
SUPPORT_BONUS = 0.15  # per further article carrying the same answer (at most 3)
HEADLINE_DISCOUNT = 0.05  # a headline stands just below its article's best sentence
MAX_QUOTE_WORDS = 32  # longer sentences are cut to the clause around the answer
POLARITY_PENALTY = 0.2  # a question that negates wants a sentence that negates too


@dataclass
class Choice:
    """The direct answer: a span (or None) and the sentence that holds it."""

    index: int  # position of the sentence in the candidate list
    span: Span | None
    articles: set[str] = field(default_factory=set)
    value: float = 0.0


def choose_span(
    asked: Asked,
    sentences: Sequence[tuple[str, float, str, bool]],
    ordinary: frozenset[str],
) -> Choice | None:
    """The best span among `sentences` (text, score, article id, is headline; best first).

    `ordinary`: the words these sentences write in lower case (`ordinary_words`).
    An article's headline competes with the article's best sentence in the pool (at a
    slightly lower standing): the text often says "he" where the headline names him.
    """
    question, info, target = asked.question, asked.info, asked.target
    if not sentences or target == "yesno" or (target == "other" and not asked.tail):
        return None
    top = sentences[0][1]
    if top <= 0:
        return None
    titles = {article: i for i, (_, _, article, is_title) in enumerate(sentences) if is_title}
    pool: list[tuple[int, float]] = []
    for index, (_, score, article_id, _) in enumerate(sentences[:POOL]):
        relative = score / top
        if relative < MIN_RELATIVE:
            break
        pool.append((index, relative))
        title = titles.get(article_id)
        if title is not None and title >= POOL:
            pool.append((title, relative - HEADLINE_DISCOUNT))
    negated = bool(_NEGATION.search(asking_sentence(question)))
    # (only a place or an organisation can be mistaken for a person named with a title)
    people = people_named(t for t, *_ in sentences) if target in ("place", "org") else frozenset()
    best: dict[str, Choice] = {}
    seen: set[int] = set()
    for index, relative in pool:
        if index in seen:
            continue
        seen.add(index)
        text, _, article_id, _ = sentences[index]
        for span in asked.spans(text, ordinary):
            key = span_key(span.text)
            strength = span.strength * (0.5 if key in people else 1.0)  # "Abbott", a person
            if strength < MIN_STRENGTH:
                continue
            value = relative + 0.5 * strength + _nearness(text, span, info)
            if negated and not _NEGATION.search(text):
                value -= POLARITY_PENALTY  # "won't play" is not answered by "will play"
            choice = best.get(key)
            if choice is None:
                best[key] = Choice(index, span, {article_id}, value)
                continue
            choice.articles.add(article_id)
            if value > choice.value:
                choice.index, choice.span, choice.value = index, span, value
    if not best:
        return None
    _merge_short_forms(best, ordinary)

    def total(choice: Choice) -> float:
        return choice.value + SUPPORT_BONUS * min(len(choice.articles) - 1, 3)

    winner = max(best.values(), key=total)
    if winner.value < MIN_VALUE:
        return None
    if asks_several(question) and winner.span is not None:
        text = sentences[winner.index][0]
        winner.span = joined(text, winner.span, asked.spans(text, ordinary))
    return winner


def _merge_short_forms(best: dict[str, Choice], lowercase: frozenset[str]) -> None:
    """Fold a short form into the one fuller name that ends with it ("Avalanche" into
    "Colorado Avalanche", "Matthews" into "Auston Matthews"): one answer, its support
    counted once, shown in full. A short form that ends several names stays apart, and
    so does a "name" whose extra words the same sentences also write in lower case
    ("Average US" in a headline beside "the average price"): those are ordinary words."""
    for key in sorted(best, key=len):
        longer = [
            k
            for k in best
            if k != key
            and k.endswith(" " + key)
            and not any(w in lowercase for w in k[: -len(key)].split())
        ]
        if len(longer) != 1:
            continue
        full, short = best[longer[0]], best.pop(key)
        full.articles |= short.articles
        full.value = max(full.value, short.value)


_WORD = re.compile(r"[A-Za-z0-9]+")
_NAME = r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]*[a-z])"
# A person's title right before a name: "Texas Gov. Greg Abbott", "Mayor Eric Adams".
_TITLED = re.compile(
    rf"\b(?:(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Capt|Rev)\.|President|Mayor|Governor|"
    rf"Senator|Judge|Justice|Coach|Prime Minister|Chancellor|King|Queen|Prince|Princess|Pope|"
    rf"Secretary)\s+{_NAME}"
)


def people_named(texts: Iterable[str]) -> frozenset[str]:
    """Names these texts give a person's title ("Gov. Greg Abbott"), whole and by surname
    (span keys): a person, whatever else the name might look like."""
    people: set[str] = set()
    for text in texts:
        for m in _TITLED.finditer(text):
            name = POSSESSIVE.sub("", m.group(1))
            people.add(span_key(name))
            people.add(span_key(name.split()[-1]))
    return frozenset(people)


def ordinary_words(sentences: Sequence[tuple[str, float, str, bool]]) -> frozenset[str]:
    """Words these sentences write in lower case: ordinary words, not names."""
    return frozenset(w for text, *_ in sentences for w in _WORD.findall(text) if w.islower())


def _nearness(text: str, span: Span, info: QuestionInfo) -> float:
    """Up to 0.2 when the span stands close to the question's own words in the sentence."""
    hits = {m.start() for m in question_word_hits(text, info)}
    positions = [i for i, m in enumerate(_WORD.finditer(text)) if m.start() in hits]
    if not positions:
        return 0.0
    at = len(_WORD.findall(text[: span.start]))
    width = len(_WORD.findall(span.text))
    gap = min(min(abs(p - at), abs(p - (at + width - 1))) for p in positions)
    return 0.2 if gap <= 6 else 0.1 if gap <= 12 else 0.0


_CLAUSE_BREAK = re.compile(
    r"[;:]\s+|\s+[—–]\s+|,\s+(?=(?:and|but|while|which|who|where|after|"
    r"before|as|according|said|says|including|with)\b)|,\s+"
)


def clause_around(
    text: str, start: int, end: int, max_words: int = MAX_QUOTE_WORDS
) -> tuple[int, int]:
    """Offsets of the shortest run of clauses of `text` that holds [start, end) and, grown
    clause by clause while it stays within `max_words`, as much context as fits."""
    if len(text.split()) <= max_words:
        return 0, len(text)
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end)
    while True:
        grown = False
        earlier = [c for c in cuts if c < left]
        later = [c for c in cuts if c > right]
        if later and len(text[left : later[0]].split()) <= max_words:
            right, grown = later[0], True
        if earlier and len(text[earlier[-1] : right].split()) <= max_words:
            left, grown = earlier[-1], True
        if not grown:
            break
    piece = text[left:right]
    # Drop the separator the cut left at either end.
    lstrip = len(piece) - len(piece.lstrip(" ,;:—–"))
    rstrip = len(piece.rstrip(" ,;:—–"))
    return left + lstrip, left + rstrip


_NEGATION = re.compile(
    r"\b(?:not|never|no longer|denied|denies|deny|rejected|rejects|refused|refuses|declined|"
    r"declines|failed|fails)\b|n['’]t\b",
    re.IGNORECASE,
)


def verdict(question: str, sentence: str, coverage: float) -> str:
    """ "Yes" or "No" for a yes/no question when the deciding sentence is clearly on it."""
    if coverage < 0.6:
        return ""
    asked_negative = bool(_NEGATION.search(question))
    said_negative = bool(_NEGATION.search(sentence))
    return "No" if said_negative != asked_negative else "Yes"


FOLLOW_RATIO = 0.85  # a second report must score at least this share of the best sentence
CLOSE_RATIO = 0.95  # without a span, only a near-tie from another article is shown


def differing_report(
    asked: Asked,
    sentences: Sequence[tuple[str, float, str, bool]],
    ordinary: frozenset[str],
    chosen: int,
    span: Span | None,
) -> int | None:
    """Index of a sentence from another article that reports differently, or None.

    With a span: another article's sentence, close in score, that names a different
    answer of the asked kind and not the chosen one (two outlets disagree, or the
    question is genuinely ambiguous: the reader should see both). Without a span: only
    a near-tie from another article, since the first line is then a whole sentence.
    """
    if not sentences:
        return None
    top = sentences[0][1]
    chosen_text, _, chosen_article, _ = sentences[chosen]
    chosen_words = set(words(chosen_text))
    key = span_key(span.text) if span is not None else None
    for index, (text, score, article_id, _) in enumerate(sentences[:POOL]):
        if index == chosen or article_id == chosen_article:
            continue
        if score < (FOLLOW_RATIO if span is not None else CLOSE_RATIO) * top:
            break
        other = set(words(text))
        if len(other & chosen_words) / max(len(other | chosen_words), 1) >= 0.6:
            continue  # the same report in other words
        if key is None:
            return index
        keys = {span_key(s.text) for s in asked.spans(text, ordinary) if s.strength >= MIN_STRENGTH}
        if keys and key not in keys:
            return index
    return None
