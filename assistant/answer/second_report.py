"""The second quote: another report of the same story that reports it differently.

After the first line and its quote, a second quote follows only when another article,
published within a month of the first, gives a different answer of the asked kind (two
outlets disagree, or the question is genuinely ambiguous) or, with no span, nearly ties
with the first: never the same report in other words, nor one adding next to nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from assistant.answer.answer_span import Span, span_key
from assistant.answer.direct import MIN_STRENGTH, POOL, names_any
from assistant.answer.matching import asking_sentence
from assistant.answer.spans import Asked
from assistant.query.recency import parse_published
from index.text.terms import terms_of_words, words

FOLLOW_RATIO = 0.85  # a second report must score at least this share of the best sentence
CLOSE_RATIO = 0.95  # without a span, only a near-tie from another article is shown
NEW_TERMS = 3  # a second report saying no more than this many terms beyond the first adds nothing
SAME_STORY_DAYS = 31  # a second report published further from the first tells another story


def differing_report(
    asked: Asked,
    sentences: Sequence[tuple[str, float, str, bool]],
    ordinary: frozenset[str],
    chosen: int,
    span: Span | None,
    distant: AbstractSet[int] = frozenset(),
    published: Sequence[str | None] = (),
    headlines: Sequence[str] = (),
    rivals: AbstractSet[str] | None = None,
) -> int | None:
    """Index of a sentence from another article that reports differently, or None.

    With a span: another article's sentence, close in score, that names a different
    answer of the asked kind and not the chosen one (two outlets disagree, or the
    question is genuinely ambiguous: the reader should see both). Without a span: only
    a near-tie from another article, since the first line is then a whole sentence.
    Sentences in `distant` are off the question's subject and never follow, nor do those
    that, with their headline, write none of the names the question's asking sentence
    writes ("How many children died in Uvalde?" is not followed by a study of children who
    died of SIDS; a quiz's scene-setting sentence names more than a report on it repeats).
    `headlines`: each sentence's article headline. `rivals`: the answers the span chooser
    valued close to the chosen one (`Choice.rivals`); when given, the different answer
    must be one of them ("the president's son, Hunter" in a report of Republicans' plans
    does not differ on who announced a 2024 bid). `published`:
    each sentence's report date; a report published more than `SAME_STORY_DAYS` from the
    chosen one's reports another story ("... declare coronavirus ... a global health
    emergency", January 2020, under the June 2022 monkeypox report), not this one
    differently.
    """
    if not sentences:
        return None
    chosen_day = parse_published(published[chosen]) if chosen < len(published) else None
    top = sentences[0][1]
    chosen_text, _, chosen_article, _ = sentences[chosen]
    chosen_tokens = words(chosen_text)
    chosen_words = set(chosen_tokens)
    chosen_terms = set(terms_of_words(chosen_tokens))
    key = span_key(span.text) if span is not None else None
    asking = asking_sentence(asked.question)
    for index, (text, score, article_id, _) in enumerate(sentences[:POOL]):
        if index == chosen or article_id == chosen_article or index in distant:
            continue
        if score < (FOLLOW_RATIO if span is not None else CLOSE_RATIO) * top:
            break
        day = parse_published(published[index]) if index < len(published) else None
        if (
            chosen_day is not None
            and day is not None
            and abs((day - chosen_day).days) > SAME_STORY_DAYS
        ):
            continue
        headline = headlines[index] if index < len(headlines) else ""
        if not names_any(asking, f"{headline} {text}"):
            continue
        tokens = words(text)
        other = set(tokens)
        if len(other & chosen_words) / max(len(other | chosen_words), 1) >= 0.6:
            continue  # the same report in other words
        said = set(terms_of_words(tokens))
        if len(said - chosen_terms) <= NEW_TERMS:
            continue  # "Liz Truss resigns as Britain's Prime Minister after disastrous six ..."
        if key is None:
            return index
        keys = {span_key(s.text) for s in asked.spans(text, ordinary) if s.strength >= MIN_STRENGTH}
        if keys and key not in keys and (rivals is None or keys & rivals):
            return index
    return None
