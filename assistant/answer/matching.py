"""What a question asks for, and how well a sentence answers it.

Question analysis (answer type, content terms, entities) and the sentence-level signals
the answerers and the abstention policy share. The word-level work lives in
`index.text`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from index.text.lexicon import lexicon
from index.text.numbers import dates, numbers, quantities
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.stopwords import QUESTION_FILLER
from index.text.terms import capitalised_phrases, fold, match_credit, stem, terms, words

AnswerType = Literal["person", "number", "date", "place", "entity", "other"]

_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


def question_word_hits(text: str, info: QuestionInfo) -> list[re.Match[str]]:
    """The words of `text` (ASCII runs, in order) whose stem is one of the question's terms
    or their relatives ("invasion" for "invade")."""
    asked = set(info.terms) | info.related
    return [m for m in _ASCII_WORD.finditer(text) if stem(fold(m.group())) in asked]


_QUOTED = re.compile(r"[“\"][A-Z][^”\"]{1,60}[”\"]")
# A phrase a question quotes as said: in lower case, after a verb of saying ("say is 'not
# a drug'", "described as an 'active Tory party agent'"); not a title ("The End is Nye") nor
# a record's name ("the world record for the 'longest journey by a pumpkin boat'"), which
# name the story rather than what was said in it. (Not ASCII single quotes, which are
# apostrophes as often: "Rodgers' use".)
_QUOTED_PHRASE = re.compile(r"[“\"‘]([a-z][^”\"’‘“]{2,79})[”\"’]")
_SAYING = re.compile(
    r"\b(?:say|says|said|saying|call|calls|called|describe|describes|described|accuse|"
    r"accuses|accused|tell|tells|told|urge|urges|urged|warn|warns|warned|tweet|tweets|"
    r"tweeted|brand|brands|branded|label|labels|labelled|labeled|admit|admits|admitted|"
    r"insist|insists|insisted)\b(?:\W+\w+){0,3}\W*$"
)
_FOLDED_WORD = re.compile(r"\w+")


def quoted_phrases(question: str) -> tuple[str, ...]:
    """The phrases of two words or more the question quotes as said, folded, words joined
    by a space ("What substance did Aaron Rodgers say is “not a drug”?" -> "not a drug")."""
    found = []
    for m in _QUOTED_PHRASE.finditer(question):
        words = _FOLDED_WORD.findall(fold(m.group(1)))
        if len(words) >= 2 and _SAYING.search(question[: m.start()].lower()):
            found.append(" ".join(words))
    return tuple(found)


def echoes(text: str, phrases: Sequence[str]) -> bool:
    """Whether `text` writes one of `phrases` (`quoted_phrases`) word for word: "“Ayahuasca
    is not a drug,” Rodgers said" for “not a drug”."""
    if not phrases:
        return False
    written = f" {' '.join(_FOLDED_WORD.findall(fold(text)))} "
    return any(f" {phrase} " in written for phrase in phrases)


# A term the sentence names in quotation marks, written in lower case: "named “permacrisis”
# as the word of the year", "a practice known as “quiet quitting”" (group 1: the term).
NAMED_TERM = re.compile(
    r"\b(?:called|named|titled|dubbed|known as|coined)\s+(?:the\s+)?[“\"‘']"
    r"([a-z][\w’'-]*(?: [\w’'-]+){0,2})[,.]?[”\"’'](?!\w)"
)
_PLACE_CUE = re.compile(
    r"\b(?:in|at|from|near|across|outside|to)\s+(?:the\s+)?[A-Z][a-z]+", re.UNICODE
)
_PERSON_CUE = re.compile(
    r"\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b(?:,|\s+(?:said|says|told|who|was|is))"
)


@dataclass(frozen=True)
class QuestionInfo:
    """What a question asks for and which of its words matter."""

    answer_type: AnswerType
    terms: tuple[str, ...]  # stemmed content terms, filler removed
    entities: frozenset[str]  # folded capitalised phrases/words of the question
    entity_words: frozenset[str]  # folded single words of those entities
    unit: str | None = None  # "how long" -> "duration", "how old" -> "age", ...
    related: frozenset[str] = frozenset()  # its terms' derivational relatives ("invasion")


# Words a wh-word asking the question may follow ("To whom ...?", "Since when ...?", "...
# and who ...?"); after any other word it starts a relative clause ("campaigners who
# disrupted ... saying what?", "passengers when their flights are canceled").
_BEFORE_ASKING_WH = re.compile(
    r"(?:to|with|by|for|from|of|about|and|or|but|so|then|than|exactly|guess|since|until)"
)


def _asks_wh(folded: str, wh: str) -> bool:
    """Whether the question asks with one of the wh-words `wh` (a pattern: "who|whom"),
    not with a relative clause's."""
    for m in re.finditer(rf"\b(?:{wh})\b", folded):
        before = re.search(r"([a-z0-9’']+)\W*$", folded[: m.start()])
        if before is None or not folded[: m.start()].rstrip().endswith(before.group(1)):
            return True  # the question's start, or after punctuation
        if re.fullmatch(r"\s*\?\s*", folded[m.end() :]):
            return True  # asking at its end: "... which is being held where?"
        if _BEFORE_ASKING_WH.fullmatch(before.group(1)):
            return True
    return False


def _answer_type(folded: str) -> AnswerType:
    head = folded.strip()
    if re.search(r"\bhow (many|much|old|long|far|big|high|tall|large|often)\b", head):
        return "number"
    if re.search(r"\bwhat (percentage|percent|number|amount|age|share|proportion)\b", head):
        return "number"
    if _asks_wh(head, "when") or re.search(
        r"\b((?:what|which) (year|date|day|month|time))\b", head
    ):
        return "date"
    if _asks_wh(head, "where") or re.search(
        r"\b(which (country|countries|city|cities|state|states|nation|"
        r"region|island|town|county|province|capital|continent)|"
        r"what (country|city|state|nation|region|island|town|county|province))\b",
        head,
    ):
        return "place"
    if _asks_wh(head, "who|whom|whose") or re.search(
        r"\b(which (person|man|woman|actor|actress|singer|rapper|"
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
# "What is the price of gas?", "What was the estimated cost of the damage?": an amount of money.
# "What did Elon Musk pay for Twitter?", "What did the painting sell for?": so does a verb of
# paying asked with "what" ("pay tribute", "pay attention" are no payments).
_ASKS_MONEY = re.compile(
    r"\bwhat (?:is|was|are|were|will be) the (?:[\w-]+ )?(?:price|cost|salary|budget|fee|fine|"
    r"value|worth|prize|jackpot)\b"
    r"|\bwhat (?:did|does|do|will|would) (?:[\w'.-]+ ){1,6}?(?:pay|spend|cost|charge|"
    r"sell for|sold for|go for|fetch)\b(?! (?:tribute|attention|respects?|homage|off)\b)"
)
_HOW = re.compile(r"\bhow (long|old|far|much|many|big|high|tall|large|often)\b")
_HOW_UNIT = {"long": "duration", "old": "age", "far": "distance", "much": "money"}


# A sentence ends at . ! ? before a capital, not after an initial or an abbreviation
# ("the U.S. Open", "J. K. Rowling", "the Jan. 6 attack", "Sen. Warnock").
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|No|vs)\.)"
    r"(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Jan|Feb|Mar|Apr|Aug|Oct|Nov|Dec|Inc)\.)(?<!\bSept\.)\s+(?=[A-Z])"
)
_ASKING = re.compile(r"\b(?:who|whom|whose|what|which|when|where|why|how)\b|[?:]\s*$", re.I)


def _sentences(question: str) -> list[str]:
    return [p for p in _SENTENCE_END.split(question.strip()) if p]


def asking_sentence(question: str) -> str:
    """The sentence of a question that asks (quiz questions set the scene first):
    "Afghanistan was rocked by an earthquake. What was its magnitude?" -> the second."""
    asking = [p for p in _sentences(question) if _ASKING.search(p)]
    return asking[-1] if asking else question


def scene_sentence(question: str) -> str:
    """The sentence right before the one that asks: the scene a quiz question sets ("A new
    perfume – with a peculiar name." before "What is it called?"), or ""."""
    parts = _sentences(question)
    asking = [i for i, p in enumerate(parts) if _ASKING.search(p)]
    return parts[asking[-1] - 1] if asking and asking[-1] > 0 else ""


# The words an acronym skips in the name it spells out ("National Aeronautics and Space
# Administration": NASA).
JOINING_WORDS = frozenset({"of", "and", "the", "for", "&"})
# "What does “PSL” stand for?": asks the words an acronym (group 1) is made of.
ASKS_EXPANSION = re.compile(
    r"\bwhat (?:does|do|did) (?:the )?[“\"'‘]?([A-Z]{2,8})[”\"'’]? (?:stand for|mean)\b",
    re.IGNORECASE,
)


def expanded_acronym(question: str) -> str:
    """The acronym a question asks the words of ("What does “PSL” stand for?" -> "PSL"),
    else "" ("What does it mean for renters?" asks no acronym)."""
    m = ASKS_EXPANSION.search(asking_sentence(question))
    return m.group(1) if m and m.group(1).isupper() else ""


def analyse_question(question: str) -> QuestionInfo:
    folded = fold(question)
    how = _HOW.search(folded)
    # "long" in "how long" names the answer type, not the topic; "stand for" asks for an
    # acronym's words and is none of them.
    drop = (
        STOPWORDS
        | QUESTION_FILLER
        | ({how.group(1)} if how else set())
        | ({"stand", "mean"} if expanded_acronym(question) else set())
    )
    q_terms = tuple(dict.fromkeys(terms(question, drop=drop)))
    ents = capitalised_phrases(question)
    ent_words = {w for e in ents for w in words(e) if w not in STOPWORDS}
    return QuestionInfo(
        answer_type=_answer_type(folded),
        terms=q_terms,
        entities=frozenset(fold(e) for e in ents),
        entity_words=frozenset(ent_words),
        unit=_HOW_UNIT.get(how.group(1))
        if how
        else ("money" if _ASKS_MONEY.search(folded) else None),
        related=frozenset().union(*relatives_of(question).values()),
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


# "Who is Pavel Latushko?", "What is Artemis I?", "What is the Inflation Reduction Act?",
# "What is monkeypox?": a question about something it names.
_ABOUT_NAMED = re.compile(
    r"^(?:[Ss]o\s+)?(?:[Ww]ho|[Ww]hat)(?:'s|’s|\s+(?:is|was|are|were))\s+(?:the\s+)?"
    r"((?:[A-Z][\w.'’-]*\s*){1,4}|[a-z][\w-]{3,})\s*\??$"
)


def named_subject(question: str) -> str:
    """The name a "Who is X?" / "What is X?" question asks about, or "" (one word in lower
    case names a thing: "monkeypox", not "happening" nor "this")."""
    m = _ABOUT_NAMED.match(asking_sentence(question).strip())
    name = m.group(1).strip() if m else ""
    if name.islower() and (name in STOPWORDS or name.endswith("ing")):
        return ""
    return name


def describes(sentence: str, name: str) -> bool:
    """Whether the sentence says what `name` is: an apposition after it ("Jackson, a
    Harvard-trained lawyer, ...", "Latushko, who ...") or a copula ("X is a ...", "X
    became the first ..."). A surname after another first name is someone else ("Cherelle
    Griner" for "Brittney Griner")."""
    return description_at(sentence, name) is not None


def description_at(sentence: str, name: str) -> tuple[int, int] | None:
    """Offsets of the first place the sentence says what `name` is (`describes`): from the
    name, or the title before it, to the words that start saying it ("Inflation Reduction
    Act, which"), so a quote cut around them keeps the description; None if it does not."""
    parts = name.split()
    flags = re.IGNORECASE if name.islower() else 0  # "Monkeypox is a viral disease"
    for m in re.finditer(rf"\b{re.escape(parts[-1])}\b", sentence, flags):
        before = sentence[: m.start()].split()
        if len(parts) > 1 and before and before[-1][:1].isupper() and before[-1] != parts[-2]:
            continue
        first = m.start() - (len(" ".join(parts[:-1])) + 1 if len(parts) > 1 else 0)
        described = _DESCRIPTION.match(sentence, m.end())
        if described:
            return max(0, first), described.end()
        title = _TITLE_BEFORE.search(sentence[max(0, first - 40) : max(0, first)])
        if title:
            return max(0, first - 40) + title.start(), m.end()
    return None


_DESCRIPTION = re.compile(
    r"(?:['’]s)?(?:,\s+(?:\d+,\s+)?(?:(?:a|an|the)\s+[a-z\d]|who\b|which\b|one of\b|now\b|"
    r"former\b|[a-z]+-(?:old|year-old|based)\b)|\s+(?:is|was|has been|had been|became|becomes|"
    r"will be|serves as|served as)\s+(?:(?!\w+ing\b|(?:in|on|at|to|for|from|with|by|over|into|"
    r"across|through|under|about|after|before)\b)[\w-]+\s+){0,3}?(?:a|an|the|one)\s)"
)
# A title or a role right before the name: "Florida Gov. Ron DeSantis", "former White
# House aide Cassidy Hutchinson", "Judge Ketanji Brown Jackson".
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Gov|Sen|Rep|Dr|Gen)\.|\b(?:Judge|Justice|President|Minister|Chancellor|"
    r"Secretary|Mayor|Governor|Senator|CEO|King|Queen|Prince|Princess|Pope|aide|star|founder|"
    r"chief|executive|player|singer|rapper|actor|actress|lawyer|attorney|official|leader|"
    r"spokesperson|spokeswoman|spokesman|author|host|coach|director|journalist|activist))"
    r"\s+$"
)


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
            if (
                new_entities(sentence, info)
                or _QUOTED.search(sentence)
                or NAMED_TERM.search(sentence)
            ):
                return 1.0
            return 0.3 if numbers(sentence) else 0.0
        case _:
            return 0.5


def idf_weights(
    q_terms: Sequence[str], docs: Sequence[AbstractSet[str]], *, background: int = 0
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


@lru_cache(maxsize=1024)
def relatives_of(question: str) -> Mapping[str, frozenset[str]]:
    """Each question term's derivational relatives as terms, from WordNet ("invade" ->
    invasion, invader; "died" -> death): a sentence writing one of them says what the
    question asks about in another part of speech ("Russia's invasion" for "When did
    Russia invade Ukraine?"); only relatives spelt otherwise than the term. Empty without
    WordNet's files."""
    lex = lexicon()
    if lex is None:
        return {}
    found: dict[str, frozenset[str]] = {}
    for word in words(question):
        term = terms(word)
        if not term:
            continue
        # (a relative spelt like the term, "living" for "live", is a form of it already
        # matched as one; WordNet's rarer senses would add "liver")
        related = frozenset(
            t
            for r in lex.related(word)
            for t in terms(r)
            if not match_credit(term[0], {t}) and not term[0].startswith(t)
        )
        if related:
            found[term[0]] = found.get(term[0], frozenset()) | related
    return found


class TermMatcher:
    """`match_credit` of the question's terms against many vocabularies at once.

    `match_credit` scans every word of a vocabulary for a shared prefix, for every term
    and every sentence. Here each term's prefix matches are found once in the union of
    the vocabularies; a vocabulary then earns the prefix credit when it holds one of
    them (a set intersection test). Same credits, same order of summation.
    """

    def __init__(
        self,
        q_terms: Sequence[str],
        vocabs: Sequence[AbstractSet[str]],
        relatives: Mapping[str, AbstractSet[str]] | None = None,
    ) -> None:
        union: set[str] = set().union(*vocabs)
        fives = {t[:5] for t in q_terms if len(t) >= 5}
        fours = {t for t in q_terms if len(t) == 4}
        # One pass over the words: only those sharing a prefix with some term.
        near_words = [w for w in union if w[:5] in fives or w[:4] in fours]
        self._near: dict[str, AbstractSet[str]] = {}
        for t in q_terms:
            if len(t) >= 5:
                self._near[t] = {w for w in near_words if len(w) >= 5 and w[:5] == t[:5]}
            elif len(t) == 4:
                self._near[t] = {w for w in near_words if w.startswith(t) and len(w) <= 7}
            else:
                self._near[t] = frozenset()
            related = relatives.get(t) if relatives else None
            if related:
                self._near[t] = set(self._near[t]) | (related & union)

    def credit(self, term: str, vocab: AbstractSet[str]) -> float:
        if term in vocab:
            return 1.0
        near = self._near[term]
        return 0.7 if near and not near.isdisjoint(vocab) else 0.0


def coverages(
    q_terms: Sequence[str],
    idf: dict[str, float],
    vocabs: Sequence[AbstractSet[str]],
    matcher: TermMatcher | None = None,
) -> list[float]:
    """`coverage` of each vocabulary (the same figures, without rescanning every word).

    `matcher`: a `TermMatcher` of these `q_terms` built over vocabularies that include
    all of `vocabs` (one scan of the words serves several calls: a word's prefix match
    counts only where a vocabulary holds it, so a larger union gives the same credits).
    """
    total = sum(idf[t] for t in q_terms)
    if total <= 0:
        return [0.0] * len(vocabs)
    if matcher is None:
        matcher = TermMatcher(q_terms, vocabs)
    credit = matcher.credit
    return [sum(idf[t] * credit(t, vocab) for t in q_terms) / total for vocab in vocabs]
