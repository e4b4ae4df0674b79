"""The figures and dates of a sentence as answers: a number with its noun ("2,100
children"), a percentage, an age, a date or a weekday, and what a question counts.

`number_spans` answers how-many/how-much questions, `date_spans` when/what-year ones; each
span keeps its offsets in the sentence. A figure is weighed by its noun against what the
question counts ("How many people ...?" is not answered by "25 years"), by whose it is (an
age in apposition to someone the question does not name), and by whether it says when
rather than how many ("this year").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from assistant.answer.answer_span import QUALIFIERS, Span
from assistant.answer.matching import QuestionInfo, asking_sentence
from assistant.answer.name_words import NOT_NAMES, mostly_modifier, word_set
from assistant.query.recency import RELATIVE_DAY
from index.text.lexicon import lexicon
from index.text.numbers import WORD_NUMBER
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.stopwords import CORE
from index.text.terms import fold, stem, words

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?"
)
_DAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DATE = re.compile(
    rf"\b(?:(?:{_DAY_NAMES}),?\s+)?(?:(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?|(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})"
    rf"|(?:1[89]|20)\d\d|{_DAY_NAMES})\b"
)
_QUALIFIER = rf"(?:(?:{QUALIFIERS})\s+)?"
_FIGURE = (
    r"(?:[$£€]\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s?(?:%|percent|million|billion|trillion|thousand|m\b|bn\b|k\b))?"
    rf"|(?<![\w-]){WORD_NUMBER}(?:\s+(?:million|billion|thousand|hundred))?"
)
# (not a clock time: "10:24 p.m." or "6 p.m." counts nothing)
_NUMBER = re.compile(
    rf"(?<![\w.$£€])(?<![A-Za-z]-)(?<!\d:){_QUALIFIER}(?P<fig>{_FIGURE})(?![\w%])(?!:\d)"
    r"(?!\s?[ap]\.m\.)",
    re.I,
)
_PERCENT = re.compile(
    r"(?<![\w.])(?:\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)|(?:half|a third|a quarter|"
    r"two-thirds|three-quarters)\b)",
    re.I,
)
_NOUN_WORD = re.compile(r"\s*(?:-\s*)?([A-Za-z][A-Za-z'-]*)")


_NOT_NOUNS = word_set(
    """
    may might will would could can should must has have had is are was were be been
    being per each a an the to in on at by for of and or as than from with into over
    under about after before since who which that percent next last this every
    despite amid among against through during without within between including while
    because via toward towards across until
    """
)


# A lower-case noun that counts as plural ("customers", "cases"), not "bus", "glass",
# "this", "is" or a verb in the third person that the figure's noun is unlikely to meet.
_PLURAL = re.compile(r"[a-z][a-z-]*[^suiy']s")
_SINGULAR_END = re.compile(r"^[A-Za-z][a-z-]*(?<![su])$")
# Plurals without an s: "10 people faces charges" counts people, not faces.
_IRREGULAR_PLURALS = word_set("people children men women police feet teeth mice geese cattle")


def function_word(word: str) -> bool:
    low = word.lower()
    return low in STOPWORDS or low in CORE or low in _NOT_NOUNS


def _noun_after(sentence: str, end: int, limit: int = 3) -> tuple[str, int]:
    """The few words after a number that say what it counts ("children", "years in prison")."""
    taken, pos = _words_after(sentence, end, limit)
    taken, pos = _noun_completed(sentence, end, taken, pos)
    while taken and taken[-1].lower() in {"of", "in", "and"}:
        taken.pop()
        pos = sentence.rfind(" ", end, pos)
    if taken and all(w[0].isupper() for w in taken) and not _PLURAL.fullmatch(taken[-1].lower()):
        taken = []  # "$10 billion James Webb Space Telescope": a name, not what it counts
    if not taken:
        return "", end
    stop = sentence.find(taken[-1], end) + len(taken[-1])
    return sentence[end:stop], stop


def _words_after(sentence: str, end: int, limit: int) -> tuple[list[str], int]:
    """Up to `limit` words after a number, as far as they can be its noun: not past a
    function word, a verb, or a word that ends a noun phrase; with where they stop."""
    taken: list[str] = []
    pos = end
    for _ in range(limit):
        m = _NOUN_WORD.match(sentence, pos)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if taken and low in STOPWORDS and low not in {"of"}:
            break
        if taken and taken[-1].lower() == "of" and word[:1].isupper():
            break  # "70 years of Queen Elizabeth II's reign": a name's, not the noun's
        if not taken and (low in CORE or low in _NOT_NOUNS or low.endswith("ly")):
            break  # "$19 million for", "10 seconds may": no noun follows
        if taken and (
            (low in _NOT_NOUNS and low not in {"of", "in"})
            or (len(low) > 4 and low.endswith(("ed", "ing")))
        ):
            break  # "10 seconds may predict", "218 seats needed": the noun ended at the verb
        taken.append(word)
        pos = m.end()
        if low == "old":
            break  # "the 19-year old Spanish tennis phenom": the age is all of it
        if low in {"of"}:
            continue
        if (
            len(taken) >= 1
            and not low.endswith(("s", "ion", "ment"))
            and low not in {"year", "old"}
            and not (len(taken) == 1 and word[0].isupper())  # "2 million MamaRoo swings"
        ):
            break
    return taken, pos


def _noun_completed(sentence: str, end: int, taken: list[str], pos: int) -> tuple[list[str], int]:
    """The words taken after a number, grown to the noun they only qualify ("2 million
    Florida utility | customers", "two young | children") or cut to what a figure can hold
    ("a nine-year | drug smuggling sentence")."""
    taken = list(taken)
    if taken and _SINGULAR_END.search(taken[-1]) and taken[-1].lower() not in _IRREGULAR_PLURALS:
        # "2 million Florida utility | customers", "10,000 monkeypox | cases": a word
        # that only qualifies the plural noun after it does not end the phrase.
        m = _NOUN_WORD.match(sentence, pos)
        if m is not None and _PLURAL.fullmatch(m.group(1)) and not function_word(m.group(1)):
            taken.append(m.group(1))
            pos = m.end()
        elif (
            len(taken) == 2
            and sentence[end : end + 1] == "-"
            and m is not None
            and m.group(1).islower()
            and not function_word(m.group(1))
        ):
            # "a nine-year drug | smuggling sentence": the compound goes on past what a
            # figure can hold; "nine-year" is the whole of what it says.
            taken.pop()
            pos = sentence.rfind(" ", end, pos)
    if len(taken) == 1 and taken[0].islower() and mostly_modifier(taken[0]):
        # "$1.50 hot | dog", "two young | children": an adjective is not what is counted,
        # the noun it goes with is
        m = _NOUN_WORD.match(sentence, pos)
        if (
            m is not None
            and m.group(1).islower()
            and not function_word(m.group(1))
            and not mostly_modifier(m.group(1))
        ):
            taken.append(m.group(1))
            pos = m.end()
    return taken, pos


# "the Fed's 2% target", "to its goal of 2%": an aim, not the figure reported.
_GOAL_AFTER = re.compile(r"\s+(?:target|goal|objective|aim)\b", re.IGNORECASE)
_GOAL_BEFORE = re.compile(r"\b(?:target|goal|objective|aim)\s+(?:of\s+)?$", re.IGNORECASE)
# "with 92% of the estimated vote counted", "with 95% reporting": how far a count has got,
# not a share anyone won.
_COUNT_PROGRESS_AFTER = re.compile(
    r"\s+(?:of\s+(?:the\s+)?(?:estimated\s+|expected\s+)?(?:votes?|ballots?|precincts?)\s+"
    r"(?:counted|reporting|tallied|tabulated|in(?=\s*(?:[,.;:)]|$)))|reporting|counted|tallied)\b",
    re.IGNORECASE,
)
_COUNT_PROGRESS_WORDS = frozenset({"counted", "count", "reporting", "tallied", "tabulated"})


# "How many baby swings and rockers were recalled ...": the words naming what is counted.
_HOW_MANY = re.compile(r"\bhow\s+many\s+([^?.,;:]+)", re.IGNORECASE)
COUNTED_WORDS = 5


def counted_noun(question: str) -> frozenset[str]:
    """Stems of what a how-many question counts ("baby swings and rockers"), up to its
    verb; empty for any other question."""
    m = _HOW_MANY.search(asking_sentence(question))
    if m is None:
        return frozenset()
    counted: list[str] = []
    for word in words(m.group(1)):
        if word in ("and", "or"):
            continue
        verb = bool(counted) and len(word) > 4 and word.endswith(("ed", "ing"))  # "people lined"
        if word in STOPWORDS or word in CORE or verb or len(counted) == COUNTED_WORDS:
            break
        counted.append(stem(word))
    return frozenset(counted)


def counts_people(question: str) -> bool:
    """Whether a how-many question counts people ("How many Russians ...?", "How many
    people ...?"): a figure of other people ("300,000 reservists") counts what it asks."""
    m = _HOW_MANY.search(asking_sentence(question))
    head = words(m.group(1))[:1] if m else []
    return bool(head) and _names_people(head[0])


def _names_people(noun: str) -> bool:
    lex = lexicon()
    return noun in ("people", "persons") or (lex is not None and lex.names_people(noun))


# "How much did Elon Musk pay for Twitter?", "How much did Disney buy it for?": a price paid.
_ASKS_PRICE = re.compile(
    r"\b(?:how\s+much|what)\b(?=.*\b(?:pa(?:y|id)\s+for|(?:buy|acquire|sell|purchase)\b.*\bfor)\b)"
    # "How much did Twitter cost Musk?": what it cost its buyer (not "cost to build")
    r"|\bhow\s+much\s+did\b[^?]*\bcost\s+(?!to\b|in\b|per\b|a\b|an\b|the\b)[\w'’]+",
    re.IGNORECASE,
)
# Before a figure, what makes it the price paid: "acquired Twitter for" (and two words at
# most: "sold for a jaw-dropping $12,600,000"), "paying", "a deal worth", "valued at" (and
# a qualifier at most: "paid a record $19 million", not "paying the higher $19.99 price").
_PRICE_BEFORE = re.compile(
    r"(?:\b(?:acquir|bought|buy|purchas|sold|sell|takeover|deal)\w*\b[^.;$£€]{0,60}?\bfor\s+"
    r"(?:[\w'’-]+\s+){0,2}|(?:\bpa(?:id|ying|ys?)|\bworth|\bvalued\s+at|\bprice\s+tag\s+of|"
    r"\bcost(?:s|ing)?\s+(?:him|her|them|(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,2}))\s+"
    r"(?:(?:an?|about|around|roughly|nearly|almost|some|over|more\s+than|record|estimated)\s+)*)$",
    re.IGNORECASE,
)
# Right after a figure, a rate or a charge, no price: "$8 a month", "$19.99 per year", "a $20
# monthly fee", "a $1 billion break-up fee".
_RATE_AFTER = re.compile(
    r"(?:\s+(?:a|an|per|each|every)\s+(?:month|year|week|day|hour|night)|\s+(?:monthly|"
    r"weekly|yearly|annual|hourly)|\s+(?:[\w-]+\s+)?(?:fees?|fines?|penalty|charges?|tax))\b",
    re.IGNORECASE,
)


_MONEY = re.compile(r"[$£€]\s?\d")


# A sum of money as written: "$1.3 billion", "$1.537 billion", "£375,000", "$10k".
_SUM = re.compile(
    r"([$£€])\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(million|billion|trillion|bn|m|k)\b)?", re.I
)
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "k": 1e3}
_CUT_OFF = re.compile(r"\s*(?:\.\.\.|…)")  # a headline's end where the page cut it
SAME_SUM = 0.05  # sums this close (relative) are one sum written two ways ("$1.34 billion")


def sums(text: str) -> list[tuple[str, float]]:
    """The sums of money a text writes, each as (currency sign, value); not one a headline
    cut off ("clinches ... LIV Golf championship and $18 ...": $18 million)."""
    found = []
    for m in _SUM.finditer(text):
        if _CUT_OFF.match(text, m.end()):
            continue
        value = float(m.group(2).replace(",", ""))
        found.append((m.group(1), value * _SCALE.get((m.group(3) or "").lower(), 1.0)))
    return found


def names_other_sum(asked: Sequence[tuple[str, float]], sentence: str) -> bool:
    """Whether a sentence writes a sum in the currency of one the question writes and none
    close to it: it tells of something else ("The largest ever Mega Millions jackpot of
    $1.537 billion was won ... in South Carolina in 2018" for "the $1.3 billion Mega
    Millions lottery ticket")."""
    if not asked:
        return False
    given = [(sign, v) for sign, v in sums(sentence) if any(sign == a for a, _ in asked)]
    return bool(given) and not any(
        sign == a and abs(v - w) <= SAME_SUM * w for sign, v in given for a, w in asked
    )


def _priced(sentence: str, start: int, end: int) -> bool:
    """Whether the figure at `start`:`end` is given as a price paid, not a rate or a fee."""
    return bool(_PRICE_BEFORE.search(sentence, 0, start)) and not _RATE_AFTER.match(sentence, end)


def tells_price(sentence: str) -> bool:
    """Whether a sentence gives a price paid ("Musk acquired Twitter for $44 billion")."""
    return any(
        _priced(sentence, m.start(), m.end())
        for m in _NUMBER.finditer(sentence)
        if _MONEY.match(m.group("fig"))
    )


def asks_price(question: str) -> bool:
    """Whether the question asks the price something was bought or sold for."""
    return bool(_ASKS_PRICE.search(asking_sentence(question)))


def number_spans(
    sentence: str,
    info: QuestionInfo,
    asked: AbstractSet[str],
    percent: bool,
    counted: AbstractSet[str] = frozenset(),
    names: AbstractSet[str] = frozenset(),
    when: AbstractSet[str] = frozenset(),
    people: bool = False,
    price: bool = False,
) -> list[Span]:
    """The figures of a sentence as answers to a how-many/how-much question (`asked`: the
    question's words; `when`: the stems of its relative time words, "this year", which
    place the question in time and say nothing of what a figure counts; `people`: it
    counts people; `price`: it asks the price something was bought for, `asks_price`)."""
    out: list[Span] = []
    nouns = asked - when
    needed_asked = "need" in asked or "requir" in asked
    date_spans = [m.span() for m in _DATE.finditer(sentence) if not m.group().isalpha()]
    progress_asked = percent and bool(_COUNT_PROGRESS_WORDS & asked)
    pattern = _PERCENT if percent else _NUMBER
    for m in pattern.finditer(sentence):
        start, end = m.span()
        figure = m.group("fig") if not percent else m.group()
        if any(a <= start < b for a, b in date_spans) and not percent:
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", figure) and not percent:
            continue  # a year is a date, not a count
        if fold(figure).replace(",", "") in asked:
            continue
        if percent:
            goal = _GOAL_AFTER.match(sentence, end) or _GOAL_BEFORE.search(sentence, 0, start)
            strength = 0.5 if goal else 1.0
            if not progress_asked and _COUNT_PROGRESS_AFTER.match(sentence, end):
                strength = 0.3  # "DeSantis ... with 92% of the estimated vote counted"
            out.append(Span(sentence[start:end], start, end, "percent", strength))
            continue
        if _SCORE_BEFORE.search(sentence, 0, start):
            # "a 2-1 victory", "103-90": the second half of a score or a range counts
            # nothing of its own ("1 victory" had answered "How many goals ...?")
            out.append(Span(sentence[start:end].strip(), start, end, "number", 0.4))
            continue
        noun, stop = _noun_after(sentence, end)
        if fold(sentence[start:stop]) == "one day" and _SOMEDAY.search(sentence, 0, start):
            continue  # "to one day return astronauts to the moon": some day, not a day
        noun_stems = {stem(w) for w in words(noun)}
        strength = 0.6
        if noun_stems & nouns or (
            info.unit is not None and noun_stems & _UNIT_WORDS.get(info.unit, frozenset())
        ):
            # "two reports of ..." for "How many baby swings were recalled due to reports
            # of ...?": another of the question's words, not what it counts
            strength = 0.8 if counted and not noun_stems & counted else 1.0
        elif people and noun and _names_people(words(noun)[-1]):
            strength = 0.8  # "300,000 reservists" for "How many Russians ...?": people too
        elif re.search(r"[$£€]|million|billion|percent|%", figure, re.I):
            strength = 0.8 if info.unit == "money" else 0.6
        if info.unit in ("duration", "distance") and not noun_stems & _UNIT_WORDS[info.unit]:
            strength = min(strength, 0.5)  # "How far did the home run travel?": not "62 home runs"
        if info.unit == "money":
            # "How much does it cost?": an amount of money, whatever noun the figure has.
            strength = 1.0 if re.search(r"[$£€]|dollars?|pounds?|euros?", m.group()) else 0.5
            if price and not _priced(sentence, start, end):
                # "How much did Musk pay for Twitter?": "acquired Twitter for $44 billion",
                # not "a $20 monthly fee" nor "a $1 billion break-up fee": no answer at all
                strength *= 0.5
        elif info.unit == "age":
            strength = _age_strength(sentence, start, stop, noun, strength)
            if "when" not in asked and (
                _WHEN_AFTER.match(sentence, stop) or _THEN_BEFORE.search(sentence, 0, start)
            ):
                strength *= 0.5  # "was 25 years old when she became queen": then, not now
            if names and _someone_elses(sentence, start, names):
                strength *= 0.5  # "Queen Elizabeth II dies at 96; King Charles III ..."
        elif counted and _AN_AGE.search(sentence[end:stop]):
            strength = 0.3  # "How many Russian soldiers have died?": not "the 28-year-old captain"
        elif counted and noun_stems & _MEASURES and not noun_stems & counted:
            strength = min(strength, 0.4)  # "How many Russians ...?": not "within 90 days"
        elif not noun:
            strength = 0.4
        if not needed_asked and (
            _NEEDED_AFTER.match(sentence, stop) or _NEEDED_BEFORE.search(sentence, 0, start)
        ):
            strength *= 0.5  # "needed a net gain of one seat", "218 seats needed": not had
        out.append(Span(sentence[start:stop].strip(), start, stop, "number", strength))
    return out


# "this year", "over the past week", "last season": when the question is set.
_RELATIVE_TIME = re.compile(
    r"\b(?:this|last|next|past|coming|previous|current|a|one)\s+"
    r"(year|month|week|weekend|day|decade|season|summer|winter|spring|fall|autumn)\b",
    re.IGNORECASE,
)


def relative_time_words(question: str) -> frozenset[str]:
    """Stems of the unit words of the question's relative time phrases ("year" in "How
    high will inflation climb this year?"), which say when, not what a figure counts; a
    word the question also writes elsewhere stays asked."""
    timed = [stem(fold(m.group(1))) for m in _RELATIVE_TIME.finditer(question)]
    if not timed:
        return frozenset()
    every = [stem(w) for w in words(question)]  # "How many years ... this year?" asks years
    return frozenset(w for w in timed if every.count(w) == timed.count(w))


_SCORE_BEFORE = re.compile(r"\d[-–]$")


# A figure a sentence says is needed or required: a threshold, not the count reached.
_NEEDED_AFTER = re.compile(r"\s+(?:needed|required)\b", re.IGNORECASE)
_NEEDED_BEFORE = re.compile(
    r"\b(?:needs?|needed|requires?|required|threshold\s+of|minimum\s+of)"
    r"(?:\s+(?:a|an|the|net|gain|of|at|least)){0,4}\s+$",
    re.IGNORECASE,
)


# "25 years old when she became queen", "then just 25": an age at another moment.
_WHEN_AFTER = re.compile(r"\s*,?\s*(?:when|at the time)\b", re.IGNORECASE)
_THEN_BEFORE = re.compile(r"\bthen\s+(?:just\s+|only\s+|aged\s+)?$", re.IGNORECASE)
_SOMEDAY = re.compile(r"\b(?:to|could|would|will|may|might|can|should|must)\s+$", re.IGNORECASE)
_AN_AGE = re.compile(r"^-year-old\b|^\s+years?\s+old\b", re.IGNORECASE)
# "died aged 96", "at the age of 96", "dies at 96": an age written without its noun.
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age of|age|(?:die[sd]?|dead|dying|retire[sd]?)\s+at|(?P<bare>at))\s+$",
    re.IGNORECASE,
)


_CLAUSE_START = re.compile(r"[;:|—–]")
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


def _someone_elses(sentence: str, start: int, names: AbstractSet[str]) -> bool:
    """Whether an age belongs to someone the question does not name (`names`: its
    capitalised words): the name right before it in apposition ("William, 40,"), else its
    clause's first name ("Queen Elizabeth II dies at 96; King Charles III ..." for King
    Charles's age)."""
    cut = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)), default=0)
    runs = [
        run
        for m in _NAME_RUN.finditer(sentence, cut, start)
        if (run := [w for w in m.group().split() if fold(w) not in NOT_NAMES])
    ]
    if not runs:
        return False
    owner = runs[-1] if sentence[:start].endswith(", ") else runs[0]
    keys = {stem(fold(n)) for n in names}
    return not any(stem(fold(w)) in keys for w in owner)


# After "N years", words that make it a stretch of time: "70 years of her reign", "30 years
# in office", "10 years ago", "five years since".
_DURATION_AFTER = re.compile(
    r"\s+(?:of|on|in|at|since|after|ago|as|under|into|later|earlier|before|"
    r"behind|for|to)\b",
    re.IGNORECASE,
)


def _age_strength(sentence: str, start: int, stop: int, noun: str, strength: float) -> float:
    """How clearly a figure is someone's age: "96-year-old", "96 years old", "aged 96",
    "Elton John, 75, closed ..." are; "70 years on the throne" is a duration."""
    if re.search(r"\bold\b|year-old", noun, re.IGNORECASE):
        return 1.0
    if noun:
        if re.match(r"years?\b", noun.strip(), re.IGNORECASE):
            if _DURATION_AFTER.match(sentence, stop):
                return min(strength, 0.4)  # "more than 70 years of ... reign": how long
            return min(strength, 0.6)  # "70 years on the throne": a span of years, maybe not
        return min(strength, 0.4)  # "25 films", "the two final candidates": no age
    before, after = sentence[max(0, start - 12) : start], sentence[stop : stop + 2]
    cue = _AGE_BEFORE.search(before)
    if cue:
        return 0.8 if cue.group("bare") else 1.0  # "at 96" alone may be a time or a place
    if before.endswith(", ") and after.startswith(","):
        return 0.9  # "Elton John, 75, closed out ...": the age in apposition
    return 0.4


_UNIT_WORDS = {
    "duration": frozenset(
        stem(w)
        for w in ["years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades"]
    ),
    "age": frozenset(stem(w) for w in ["years", "old", "year-old"]),
    "distance": frozenset(
        stem(w) for w in ["miles", "kilometers", "km", "meters", "feet", "yards", "inches"]
    ),
    "money": frozenset(
        stem(w) for w in ["dollars", "million", "billion", "trillion", "pounds", "euros", "cents"]
    ),
}
# Units a figure measures time or distance in: a how-many question counting something else
# is not answered by them.
_MEASURES = _UNIT_WORDS["duration"] | _UNIT_WORDS["distance"]


def asks_year(question: str) -> bool:
    """Whether the question asks for a year ("What year did ...?", "in which year")."""
    return bool(re.search(r"\bwhat year\b|\bwhich year\b|\bin what year\b", fold(question)))


RELATIVE_STRENGTH = 0.65  # as clear as a weekday with no date beside it
# "27 years after ...", "40 years ago", "30 years since ...": a year counted back from now.
_YEARS_BACK = re.compile(r"\b(\d{1,3}) years (?:ago|after|since)\b")


def years_back(span_text: str, reported: int) -> int | None:
    """The year a span counting back from its report names ("27 years after" in a report of
    2022 -> 1995), or None for any other span."""
    m = _YEARS_BACK.fullmatch(span_text)
    return reported - int(m.group(1)) if m else None


_ASKS_PAST_DAY = re.compile(r"\bwhen\s+(?:did|was|were|had)\b", re.IGNORECASE)
# "When will it be available?", "When are loan payments set to restart?": a day to come.
_ASKS_FUTURE_DAY = re.compile(
    r"\bwhen\s+(?:will|would|shall)\b|\bwhen\s+(?:is|are)\b[^?]*?\b(?:set|expected|"
    r"scheduled|due|slated|poised|going|planned)\s+to\b",
    re.IGNORECASE,
)
# ... which a time to come answers, though it names no date: "available next month", "in a
# few weeks", "later this year", "this fall".
_TIME_TO_COME = re.compile(
    r"\b(?:(?:early|late|later|mid-?)\s+)?next\s+(?:week|month|year|spring|summer|fall|"
    r"autumn|winter)\b|\blater\s+this\s+(?:week|month|year)\b|\bthis\s+(?:coming\s+)?"
    r"(?:spring|summer|fall|autumn|winter)\b|\bin\s+(?:a\s+few|two|three|four|several|"
    r"the\s+coming|the\s+next\s+few)\s+(?:days|weeks|months)\b",
    re.IGNORECASE,
)


def asks_future_day(question: str) -> bool:
    """Whether the question asks when something is to happen."""
    return bool(_ASKS_FUTURE_DAY.search(question))


# The word right after a figure ("2022 midterm election": "midterm").
_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z][\w'’-]*)")


def _qualifies_asked(sentence: str, end: int, asked: AbstractSet[str]) -> bool:
    """Whether the word right after `end` is one of the question's own (`asked`: their
    stems): the figure before it only says which one ("the 2022 midterm election")."""
    m = _NEXT_WORD.match(sentence, end)
    return m is not None and stem(fold(m.group(1))) in asked


@lru_cache(maxsize=256)
def _own_stems(question: str) -> frozenset[str]:
    """The question's own words, by stem (read once per question, not per sentence)."""
    return frozenset(stem(w) for w in words(fold(question)) if w not in STOPWORDS and w not in CORE)


def date_spans(sentence: str, question: str) -> list[Span]:
    year_only = asks_year(question)
    q = fold(question)
    asked = _own_stems(question)  # (for a year that names which one it asks about)
    out = []
    for m in _DATE.finditer(sentence):
        text = m.group()
        if fold(text) in q:
            continue
        if not year_only and text.isdigit() and _qualifies_asked(sentence, m.end(), asked):
            # "When is the midterm election?": "2022 midterm election guide" names which
            # election, not when it is
            out.append(Span(text, m.start(), m.end(), "date", 0.3))
            continue
        full = bool(re.search(r"\d", text)) and not text.isdigit()
        if year_only:
            # "What year ...?" asks for a year: "Wednesday" or "June 14" is not one, and
            # "Aug. 24, 1991" answers with its year.
            year = re.search(r"\b\d{4}\b", text)
            if year and not text.isdigit():
                start = m.start() + year.start()
                out.append(Span(year.group(), start, start + 4, "date", 0.7))
                continue
            strength = 1.0 if text.isdigit() else 0.3
        elif re.fullmatch(_DAY_NAMES, text) and not any(
            re.search(r"\d", d.group()) for d in _DATE.finditer(sentence)
        ):
            # "died Thursday": the report's date tells which Thursday (a full date in the
            # same sentence says more: "on Monday they voted ... to begin on 5 September")
            strength = 0.65
        else:
            strength = 1.0 if full else (0.6 if text.isdigit() else 0.4)
        out.append(Span(text, m.start(), m.end(), "date", strength))
    if year_only and not any(s.strength >= 1.0 for s in out):
        # "What year did it debut?": "Some 27 years after the company first debuted the
        # browser" counts back from its report (`years_back`); a year written says more
        for m in _YEARS_BACK.finditer(sentence):
            out.append(Span(m.group(), m.start(), m.end(), "date", RELATIVE_STRENGTH))
    if not out and not year_only and _ASKS_PAST_DAY.search(question):
        # "When did FTX collapse?": "collapsed this week", the report's date tells when
        # (a past day does not answer "When does daylight saving time end?")
        for m in RELATIVE_DAY.finditer(sentence):  # "yesterday", "this week"
            if fold(m.group()) not in q:
                out.append(Span(m.group(), m.start(), m.end(), "date", RELATIVE_STRENGTH))
    if not year_only and asks_future_day(question):
        for m in _TIME_TO_COME.finditer(sentence):
            if fold(m.group()) not in q:
                out.append(Span(m.group(), m.start(), m.end(), "date", RELATIVE_STRENGTH))
    return out


# "Which of these grocery items has seen the biggest increase?": a superlative of a rise.
_ASKS_BIGGEST_RISE = re.compile(
    r"\b(?:biggest|largest|highest|steepest|sharpest|greatest)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:increases?|rises?|jumps?|spikes?|hikes?|gains?)\b",
    re.IGNORECASE,
)
# "prices for eggs soared 38%", "chicken jumped to 17.6%", "Egg prices soared 39.8%"
_ITEM_ROSE = re.compile(
    r"(?:\b(?:prices?|cost)\s+(?:for|of)\s+)?"
    r"\b(?P<item>(?!(?:and|or|but|while|the|its|their|as)\b)[A-Za-z][a-z-]+"
    r"(?:\s+(?!(?:has|have|is|are|was|were|prices?)\b)[a-z][a-z-]+)?)"
    r"(?:\s+prices?)?\s+(?:(?:has|have)\s+)?(?:soared|jumped|rose|climbed|surged|increased|"
    r"spiked|went\s+up|(?:is|are|was|were)\s+up)"
    r"(?:\s+(?:by|to))?\s+(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent\b)"
)
LISTED_RISES = 2  # a sentence comparing rises lists at least this many


def asks_biggest_rise(question: str) -> bool:
    """Whether the question asks which thing rose the most ("the biggest increase", "one
    of the largest price spikes")."""
    return bool(_ASKS_BIGGEST_RISE.search(question))


def biggest_rise(sentence: str) -> tuple[str, int, int] | None:
    """The thing a sentence listing several rises gives the largest one ("prices for eggs
    soared 38%, chicken jumped to 17.6% and ..." -> eggs), with its offsets, or None."""
    rises = [
        (float(m.group("pct")), m.group("item"), m.start("item"), m.end("item"))
        for m in _ITEM_ROSE.finditer(sentence)
        if fold(m.group("item").split()[0]) not in STOPWORDS
    ]
    if len(rises) < LISTED_RISES:
        return None
    _, item, start, end = max(rises)
    return item, start, end
