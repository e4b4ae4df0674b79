"""Conflicting named entities across reports: who won, was elected, named or appointed.

A companion to `assistant.news.conflicts` (figures). Given retrieved passages, this module
pulls out claims of the form "<Name> won the Ohio primary" / "<Name> was elected mayor
of Kessel" / "<Name> was named CEO of Acme" and reports an `EntityConflict` when
different articles name different people for the same role in the same story.

Precision over recall (a wrong "conflict" is worse than a missed one), so:
- only exclusive roles: "won" needs an election-like object (primary, election, race,
  runoff, nomination, ...); "elected/named/appointed" need a definite role ("mayor of
  Kessel", "the new CEO of Acme"), never "a finalist", "one of", "to the board";
- the role must carry a specific proper name ("the Ohio primary", not "the Republican
  primary"), so two states' primaries on one day are two facts;
- the subject is the capitalized name right before the verb; coordinated subjects
  ("Smith and Jones won") and conditional or historical sentences ("if", "would",
  "projected", a year other than the article's, "last year", "previously") are skipped;
- one entity per article and role (an article naming two winners is ambiguous);
- the same event rule as for figures (different articles, at most 30 days apart, at
  least 3 shared content words and a shared proper name);
- names where one contains the other ("Smith" / "John Smith") are the same person;
- a newer report that names the earlier person in a succession ("replacing Smith",
  "Smith resigned") describes a change, not a disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from assistant.answer.textcache import sentences_of
from assistant.news.events import (
    NOT_NAMES,
    context_names,
    could_be_same_event,
    is_newer,
    newest_first,
    read_at,
)
from assistant.outlets import outlet_name
from assistant.query.recency import human_date, parse_published
from assistant.types import Passage
from index.text.numbers import YEAR


def _words(text: str) -> list[str]:
    return text.split()


_TOKEN = r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*|[A-Z]\.|Mc[A-Z][a-z]+)"
_ENTITY = rf"(?P<entity>{_TOKEN}(?:\s+{_TOKEN}){{0,3}})"
_ADVERB = r"(?:[a-z]+ly\s+)?"
_VERBS = (
    r"(?P<verb>won(?!')|has\s+won|had\s+won"
    r"|(?:was|has\s+been|had\s+been)\s+(?:elected|named|appointed))"
)
_STOP_OBJECT = (
    r"on|after|with|by|at|last|this|despite|when|while|as|over|against|beating|defeating|"
    r"ahead|earlier|and|but|following|amid|since|during|until|because|from|who|which|that|"
    r"replacing|succeeding|late|early|tonight|today|yesterday|in(?!\s+[A-Z])|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_WORD = r"[\w'’-]+(?:\.[\w'’-]+)*(?:(?<=\b[A-Z])\.|(?<=\.[A-Z])\.)?"  # "U.S." whole
_OBJECT = (
    rf"(?:as\s+)?(?P<obj>(?!(?:a|an|one|to|among|in|for|by|after|{_STOP_OBJECT})\b){_WORD}"
    rf"(?:\s+(?!(?:{_STOP_OBJECT})\b){_WORD}){{0,9}})"
    r"(?=\s*[,;:!?()]|\.(?:\s|$)|\s*$|\s+(?:" + _STOP_OBJECT + r")\b)"
)
_PATTERN = re.compile(rf"(?<![\w,])(?<!\band\s)(?<!&\s)\b{_ENTITY}\s+{_ADVERB}{_VERBS}\s+{_OBJECT}")
_WON_HEADS = frozenset(
    _words(
        """primary primaries election elections race runoff nomination presidency governorship
    leadership contest caucus caucuses mayoralty referendum"""
    )
)
_GENERIC_CAPS = frozenset(
    _words(
        """Republican Republicans Democratic Democrat Democrats GOP Senate House Labour
    Conservative Conservatives Party Liberal Liberals National Congress Congressional
    State Presidential General Special New Prime Minister President Chief Executive CEO
    Officer Director Head Mayor Governor Leader Chair Chairman Chairwoman Secretary
    The Of Black White First Latino Latina Hispanic Asian Native American African
    Jewish Muslim Catholic Christian Indigenous Openly Gay Woman Female"""
    )
)
_TITLES = frozenset(
    _words(
        """President Vice Prime Minister Sen Senator Rep Representative Gov Governor Mayor Mr
    Mrs Ms Dr Judge Justice Gen General Former Candidate Incumbent Challenger
    Democrat Republican Councilman Councilwoman Sir Dame Lord Lady State"""
    )
)
_HEDGED = re.compile(
    r"\b(?:if|whether|would|could|might|may|expected|projected|likely|predicted|poll|polls|"
    r"last\s+year|previously|once|in\s+the\s+past|back\s+in|unless|hopes?|bid|seeking)\b",
    re.IGNORECASE,
)
_SUCCESSION = re.compile(
    r"\b(?:replac\w*|succeed\w*|successor|resign\w*|stepped\s+down|steps\s+down|ousted|"
    r"fired|interim|outgoing|predecessor)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EntityClaim:
    entity: str  # "John Smith"
    passage_index: int
    source: str | None
    published: str | None
    sentence: str
    article_id: str = ""


@dataclass(frozen=True)
class EntityConflict:
    fact: str  # e.g. "won the Ohio primary"
    claims: list[EntityClaim]  # newest first; at least two different entities


def _clean_entity(raw: str) -> str | None:
    tokens = raw.split()
    while tokens and (
        tokens[0] in NOT_NAMES
        or tokens[0].rstrip(".") in _TITLES
        or re.search(r"['’]s$|-[a-z]", tokens[0])  # "Nashville's", "Trump-backed"
    ):
        tokens = tokens[1:]
    if not tokens or all(t.endswith(".") for t in tokens):
        return None
    return " ".join(tokens)


def _specific(word: str) -> bool:
    """A capitalized word that pins an event down ("Ohio"), not "Republican" or "June"."""
    word = re.sub(r"['’]s$", "", word)
    return word[:1].isupper() and word not in _GENERIC_CAPS and word not in NOT_NAMES


def _fact(verb: str, obj: str) -> str | None:
    """The role key ("won the Ohio primary"), or None when it is not exclusive/specific."""
    verb = verb.split()[-1]
    words = obj.split()
    if not any(_specific(w) for w in words):
        return None  # "the Republican primary": which one?
    if verb == "won" and (
        words[0].lower() != "the" or not any(w.lower() in _WON_HEADS for w in words)
    ):
        return None  # "won a seat", "won the game": not one exclusive role
    return f"{verb} {' '.join(words)}"


def _historical(sentence: str, published: str | None) -> bool:
    if _HEDGED.search(sentence):
        return True
    day = parse_published(published)
    return any(day is None or int(y) != day.year for y in YEAR.findall(sentence))


_VERB_WORDS = ("won", "elected", "named", "appointed")  # `_PATTERN` needs one of them
TEXTS_CACHED = 512  # passage texts whose claims are kept (the same chunks come back)


@lru_cache(maxsize=TEXTS_CACHED)
def roles_of(text: str, published: str | None) -> tuple[tuple[str, str, str], ...]:
    """(entity, fact, sentence) of each claim of a passage text, in reading order (cached)."""
    if not any(word in text for word in _VERB_WORDS):
        return ()
    found = []
    for sentence in sentences_of(text):  # (the answerer split the same text)
        if _historical(sentence.text, published):
            continue
        for m in _PATTERN.finditer(sentence.text):
            entity = _clean_entity(m["entity"])
            fact = _fact(m["verb"], m["obj"])
            if entity is not None and fact is not None:
                found.append((entity, fact, sentence.text))
    return tuple(found)


def extract_entity_claims(passages: Sequence[Passage]) -> dict[str, list[EntityClaim]]:
    """Entity claims per role; one claim per article and role (ambiguous ones dropped)."""
    per_article: dict[tuple[str, str], list[EntityClaim]] = {}
    labels: dict[str, str] = {}
    for index, passage in enumerate(passages):
        for entity, fact, sentence in roles_of(passage.text, passage.published):
            claim = EntityClaim(entity=entity, **read_at(index, passage, sentence))
            key = (fact.lower().replace(" the ", " "), passage.article_id)
            labels.setdefault(key[0], fact)
            per_article.setdefault(key, []).append(claim)
    claims: dict[str, list[EntityClaim]] = {}
    for (fact_key, _), found in per_article.items():
        if all(_same_entity(found[0].entity, c.entity) for c in found):
            claims.setdefault(labels[fact_key], []).append(found[0])
    return claims


def _same_entity(a: str, b: str) -> bool:
    """ "Smith" and "John Smith" are one person (token containment)."""
    ta, tb = a.lower().split(), b.lower().split()
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _context(claim: EntityClaim, passage: Passage, exclude: set[str]) -> set[str]:
    return context_names(claim.sentence, passage.text, passage.title) - exclude


def _mentions(text: str, entity: str) -> bool:
    return re.search(rf"\b{re.escape(entity.split()[-1])}\b", text) is not None


def same_event(a: EntityClaim, b: EntityClaim, passages: Sequence[Passage]) -> bool:
    """Whether two claims plausibly name the holder of the same role in the same story."""
    if not could_be_same_event(a, b):
        return False
    exclude = set(a.entity.split()) | set(b.entity.split())
    pa, pb = passages[a.passage_index], passages[b.passage_index]
    return bool(_context(a, pa, exclude) & _context(b, pb, exclude))


def _is_update(newer: EntityClaim, older: EntityClaim, passages: Sequence[Passage]) -> bool:
    """The newer report names the older person in a succession: a change, not a dispute."""
    text = passages[newer.passage_index].text
    return _mentions(text, older.entity) and _SUCCESSION.search(text) is not None


def find_entity_conflicts(passages: Sequence[Passage]) -> list[EntityConflict]:
    """Roles for which the passages' articles name different people (see module doc)."""
    conflicts = []
    for fact, claims in extract_entity_claims(passages).items():
        for a, b in combinations(claims, 2):
            if _same_entity(a.entity, b.entity) or not same_event(a, b, passages):
                continue
            newer, older = newest_first([a, b])
            if _is_update(newer, older, passages):
                continue
            conflicts.append(EntityConflict(fact=fact, claims=[newer, older]))
    return conflicts


def describe_entity_conflict(conflict: EntityConflict) -> str:
    """One sentence for the answer, newest report first.

    "Reports differ: USA Today reported on 5 June 2022 that Jones won the Ohio primary
    (newer); CNN reported on 3 June 2022 that Smith won the Ohio primary."
    """
    parts = []
    for i, claim in enumerate(conflict.claims):
        part = outlet_name(claim.source) + " reported"
        when = human_date(claim.published)
        if when:
            part += f" on {when}"
        part += f" that {claim.entity} {conflict.fact}"
        if i == 0 and is_newer(claim, conflict.claims[1]):
            part += " (newer)"
        parts.append(part)
    return f"Reports differ: {'; '.join(parts)}."
