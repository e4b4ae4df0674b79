"""Term helpers shared by the answerers: folding, tokens, stems, entities, question types.

Everything here is plain string work (no models), so it is cheap enough to run on every
sentence of every retrieved passage.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

AnswerType = Literal["person", "number", "date", "place", "entity", "other"]

_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours yourself
    yourselves s t don now said says say one ones this week recently according new last year
    years many much name called known
    """
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
# Quiz phrasing that says nothing about the topic ("Which of these ...", "this week").
_QUESTION_FILLER_TEXT = """
    which what who whom whose when where why how following these those this week weeks month
    recently reportedly announced announce according
    """
QUESTION_FILLER = frozenset(_QUESTION_FILLER_TEXT.split())

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'][A-Za-z0-9]+)*")
_NUMBER = re.compile(
    r"(?<![\w.])(?:[$£€]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|million|billion|trillion))?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens|million|billion)\b",
    re.IGNORECASE,
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})\b|"
    rf"(?:{_MONTHS})\s+\d{{4}}|(?:1[89]|20)\d\d\b|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9'’.-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9'’.-]*)*")
_QUOTED = re.compile(r"[“\"][A-Z][^”\"]{1,60}[”\"]")
_PLACE_CUE = re.compile(
    r"\b(?:in|at|from|near|across|outside|to)\s+(?:the\s+)?[A-Z][a-z]+", re.UNICODE
)
_PERSON_CUE = re.compile(
    r"\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b(?:,|\s+(?:said|says|told|who|was|is))"
)


def fold(text: str) -> str:
    """Lower-case, accents stripped, typographic quotes and dashes unified."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD).lower())
    return "".join(c for c in text if not unicodedata.combining(c))


_IRREGULAR_TEXT = """
fled:flee won:win held:hold left:leave sold:sell bought:buy paid:pay struck:strike took:take
taken:take gave:give given:give met:meet ran:run began:begin begun:begin shot:shoot sent:send
spent:spend built:build brought:bring told:tell found:find lost:lose chose:choose
chosen:choose fell:fall fallen:fall rose:rise risen:rise drew:draw drawn:draw wrote:write
written:write stole:steal stolen:steal caught:catch sought:seek became:become came:come
went:go gone:go saw:see seen:see knew:know known:know grew:grow grown:grow threw:throw
thrown:throw led:lead kept:keep hid:hide hidden:hide ate:eat eaten:eat swore:swear
sworn:swear broke:break broken:break spoke:speak spoken:speak froze:freeze frozen:freeze
sank:sink sunk:sink flew:fly flown:fly drove:drive driven:drive rode:ride ridden:ride
struck:strike fought:fight bit:bite bitten:bite shut:shut quit:quit died:die dying:die
children:child men:man women:woman people:person mice:mouse
"""
IRREGULAR = dict(pair.split(":") for pair in _IRREGULAR_TEXT.split())


def stem(word: str) -> str:
    """A light suffix stripper: good enough to match 'sentenced'/'sentence', 'towns'/'town'."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, keep in (
        ("ations", 3),
        ("ation", 3),
        ("ings", 3),
        ("ing", 3),
        ("ies", 3),
        ("ied", 3),
        ("ed", 3),
        ("es", 3),
        ("ly", 4),
        ("s", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return base + "e"
            return base
    return word


def match_credit(term: str, vocab: set[str]) -> float:
    """1 for an exact stem match, 0.7 for a shared prefix ('approv'/'approval',
    'lead'/'leader'), else 0. Terms shorter than 4 characters must match exactly."""
    if term in vocab:
        return 1.0
    if len(term) >= 5:
        prefix = term[:5]
        if any(len(word) >= 5 and word[:5] == prefix for word in vocab):
            return 0.7
    elif len(term) == 4 and any(word.startswith(term) and len(word) <= 7 for word in vocab):
        return 0.7
    return 0.0


def words(text: str) -> list[str]:
    """Folded word tokens (keeps '2,100' as '2100' and 'U.S.' as 'u.s')."""
    return [w.replace(",", "") for w in _WORD.findall(fold(text).replace(",", ""))]


def terms(text: str, *, drop: frozenset[str] = STOPWORDS) -> list[str]:
    """Stemmed content terms of a text, in order (duplicates kept)."""
    return [
        stem(w.replace(".", ""))
        for w in words(text)
        if (w not in drop and len(w) > 1) or w.isdigit()
    ]


def numbers(text: str) -> list[str]:
    return [m.group().strip() for m in _NUMBER.finditer(text)]


def quantities(text: str) -> list[tuple[str, str]]:
    """Numbers that are not part of a date, each with the few words that follow it."""
    date_spans = [m.span() for m in _DATE.finditer(text)]
    out = []
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in date_spans):
            continue
        out.append((m.group().strip(), text[m.end() : m.end() + 40]))
    return out


def dates(text: str) -> list[str]:
    return [m.group() for m in _DATE.finditer(text)]


def capitalised_phrases(text: str) -> list[str]:
    """Capitalised word runs that are not merely the first word of the sentence."""
    out = []
    for m in _CAPITALISED.finditer(text):
        phrase = m.group()
        if m.start() == 0 or text[: m.start()].rstrip().endswith((".", "“", '"', ":")):
            # Sentence-initial: only an entity when it has more than one capitalised word
            # or is not a common word.
            first, _, rest = phrase.partition(" ")
            if first.lower() in STOPWORDS or first.lower() in QUESTION_FILLER:
                if not rest:
                    continue
                phrase = rest
        out.append(phrase)
    return out


@dataclass(frozen=True)
class QuestionInfo:
    """What a question asks for and which of its words matter."""

    answer_type: AnswerType
    terms: tuple[str, ...]  # stemmed content terms, filler removed
    entities: frozenset[str]  # folded capitalised phrases/words of the question
    entity_words: frozenset[str]  # folded single words of those entities
    unit: str | None = None  # "how long" -> "duration", "how old" -> "age", ...


def _answer_type(folded: str) -> AnswerType:
    head = folded.strip()
    if re.search(r"\bhow (many|much|old|long|far|big|high|tall|large|often)\b", head):
        return "number"
    if re.search(r"\bwhat (percentage|percent|number|amount|age|share|proportion)\b", head):
        return "number"
    if re.search(r"\b(when|what (year|date|day|month|time))\b", head):
        return "date"
    if re.search(
        r"\b(where|which (country|countries|city|cities|state|states|nation|"
        r"region|island|town|county|province|capital|continent)|"
        r"what (country|city|state|nation|region|island|town|county|province))\b",
        head,
    ):
        return "place"
    if re.search(
        r"\b(who|whom|whose|which (person|man|woman|actor|actress|singer|rapper|"
        r"player|star|senator|lawmaker|politician|president|leader|celebrity|"
        r"musician|judge|athlete|author|ceo|governor|official|director|comedian|"
        r"host|journalist|billionaire|artist|tennis|golfer|former|prime|king|queen))\b",
        head,
    ):
        return "person"
    if re.search(r"\b(which|what)\b", head):
        return "entity"
    return "other"


_UNITS_TEXT = {
    "duration": "year month week day hour minute second decade century term life",
    "age": "year old age",
    "distance": "mile kilometer km meter feet foot yard inch",
    "money": "dollar $ million billion trillion pound euro cent",
}
_UNITS = {unit: frozenset(text.split()) for unit, text in _UNITS_TEXT.items()}
_HOW = re.compile(r"\bhow (long|old|far|much|many|big|high|tall|large|often)\b")
_HOW_UNIT = {"long": "duration", "old": "age", "far": "distance", "much": "money"}


def analyse_question(question: str) -> QuestionInfo:
    folded = fold(question)
    how = _HOW.search(folded)
    # "long" in "how long" names the answer type, not the topic.
    drop = STOPWORDS | QUESTION_FILLER | ({how.group(1)} if how else set())
    q_terms = tuple(dict.fromkeys(terms(question, drop=drop)))
    ents = capitalised_phrases(question)
    ent_words = {w for e in ents for w in words(e) if w not in STOPWORDS}
    return QuestionInfo(
        answer_type=_answer_type(folded),
        terms=q_terms,
        entities=frozenset(fold(e) for e in ents),
        entity_words=frozenset(ent_words),
        unit=_HOW_UNIT.get(how.group(1)) if how else None,
    )


_NOT_ANSWERS_TEXT = (
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december jan feb mar apr jun "
    "jul aug sept sep oct nov dec cnn ap reuters usa today associated press getty images "
    "photo mr mrs ms dr"
)
_NOT_ANSWERS = frozenset(_NOT_ANSWERS_TEXT.split())


def new_entities(sentence: str, info: QuestionInfo) -> list[str]:
    """Capitalised phrases of a sentence that share no word with the question's entities."""
    out = []
    for phrase in capitalised_phrases(sentence):
        ws = [w for w in words(phrase) if w not in STOPWORDS and w not in _NOT_ANSWERS]
        if ws and not any(w in info.entity_words or stem(w) in info.terms for w in ws):
            out.append(phrase)
    return out


def answer_type_evidence(sentence: str, info: QuestionInfo) -> float:
    """0..1: how much the sentence contains something of the asked-for type that is new."""
    match info.answer_type:
        case "number":
            asked = set(info.terms)
            best = 0.0
            for number, after in quantities(sentence):
                if fold(number).replace(",", "") in asked:
                    continue
                following = [stem(w) for w in words(after)[:3]]
                if any(t in asked for t in following) or (
                    info.unit is not None and any(t in _UNITS[info.unit] for t in following)
                ):
                    return 1.0  # "2,100 children", "18 years"
                best = 0.7
            return best if best else (0.2 if dates(sentence) else 0.0)
        case "date":
            return 1.0 if dates(sentence) else 0.0
        case "place":
            ents = new_entities(sentence, info)
            if not ents:
                return 0.0
            return 1.0 if _PLACE_CUE.search(sentence) else 0.6
        case "person":
            ents = new_entities(sentence, info)
            if not ents:
                return 0.0
            multi = any(len(e.split()) >= 2 for e in ents)
            return 1.0 if multi or _PERSON_CUE.search(sentence) else 0.5
        case "entity":
            if new_entities(sentence, info) or _QUOTED.search(sentence):
                return 1.0
            return 0.3 if numbers(sentence) else 0.0
        case _:
            return 0.5


def idf_weights(
    q_terms: Sequence[str], docs: Sequence[set[str]], *, background: int = 0
) -> dict[str, float]:
    """BM25-style IDF of each question term within `docs` (absent terms weigh most).

    `background` adds that many notional documents without the term, so a tiny
    candidate set (one short article) does not make every missing word decisive.
    """
    n = len(docs) + background
    return {
        t: math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        for t in q_terms
        for df in [sum(1 for d in docs if t in d)]
    }


def coverage(q_terms: Sequence[str], idf: dict[str, float], vocab: set[str]) -> float:
    """IDF-weighted share of the question's terms that `vocab` matches."""
    total = sum(idf[t] for t in q_terms)
    if total <= 0:
        return 0.0
    return sum(idf[t] * match_credit(t, vocab) for t in q_terms) / total
