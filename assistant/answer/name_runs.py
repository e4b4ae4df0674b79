"""Which capitalised runs of a sentence are names, and which of them the question names.

A run of capitalised words ("Luiz Inácio “Lula” da Silva", "Bank of America", "al
Qaeda") is split where it holds two names (after a possessive, after a sentence's end),
trimmed of the words no name opens or ends on, and dropped when it is only the question's
own words (`is_question_word`) or the question's own person behind a title ("British
Prime Minister Liz Truss"). `assistant.answer.spans` reads these names as the asked kind
of answer (a person, a place, an organisation, a title).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

from assistant.answer.figures import function_word
from assistant.answer.matching import JOINING_WORDS, QuestionInfo
from assistant.answer.name_words import NOT_NAMES, word_set
from assistant.answer.places import COUNTRIES, PlaceKind, is_place_of_kind, places_of_kind
from index.text.lexicon import lexicon
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.terms import fold, stem, words

# Arabic names keep their article: "al Qaeda", "Bashar al-Assad", "Abdel Fattah el-Sisi".
_ARTICLE = r"(?:al|el|ad)-[A-Z][\w'’-]*"
_PARTICLES = r"de|von|van|al|bin|ibn|la|du|di|da|dos|das|del|della|der"
# A nickname in quotes inside a name: Luiz Inácio “Lula” da Silva.
_NICKNAME = rf"\s+[“\"][A-Z][\w'’-]*[”\"](?=\s+(?:(?:{_PARTICLES})\s+)?[A-Z])"
_CAPS = re.compile(
    rf"(?<![\w'’])(?:al\s+(?=[A-Z]))?(?:{_ARTICLE}|[A-Z][\w'’.&-]*[\w.]|[A-Z])(?:{_NICKNAME}|"
    rf"(?:\s+(?:of|the|for|&|{_PARTICLES}|v\.|vs\.)"
    r"(?:\s+(?:der|den|la|los))?)?\s+(?:"
    rf"{_ARTICLE}|[A-Z][\w'’.&-]*[\w.]|[A-Z]\.|d['’][A-Z][\w'’-]*))*"
)
# Adjectives of nationality are not places, people or organisations ("South Korean show").
DEMONYMS = word_set(
    """
    American Korean African Mexican Cuban Saudi Israeli Iraqi Pakistani Afghan Thai Swiss
    Dutch French Greek Welsh Irish Scottish Filipino Chilean Iranian Kuwaiti Qatari Emirati
    Yemeni Somali Nepali Bangladeshi Sri Lankan Puerto Rican European Asian Latin Arab
    """
)
DEMONYM_SUFFIX = re.compile(r"(?:ian|ean|ese|ish)$")
# Last words that make a name an event, an award or a place, never a person.
NOT_PERSON = word_set(
    """
    Award Awards Trophy Prize Cup Act Law Day Park Center Centre Street Hall Museum Festival
    Games Series Championship Championships Open Tour Bowl Stadium Arena Gala Bridge River
    Island Mountain Lake County City State Court Building House Airport Station Road Avenue
    Square Bay Beach Coast Valley Canyon Forest Plan Program Report Fund Index Agreement Deal
    Summit Conference Convention Show Season Week Month Book Album Film Movie School Academy
    Hospital Church Cathedral Chapel Palace Castle Mall Zoo Library Prison Base Plaza Tower
    Slam Slams Tournament Race Derby Election Elections Runoff Primary District Division
    """
)


ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")

# "Vladimir Putin’s", "Maple Leafs'": the name without its possessive ending.
POSSESSIVE = re.compile(r"['’]s?$")  # "Truss’s", "Matthews'"


_INITIALS = re.compile(r"\b(?:[A-Za-z]\.\s*){2,}")


def question_words(info: QuestionInfo, question: str) -> set[str]:
    # "Liz Truss’s speech": the question names "Truss" as well as "Truss’s".
    question_words = words(question)
    bare = [POSSESSIVE.sub("", w) for w in question_words]
    folded = {fold(w) for w in bare if w}
    # "J. K. Rowling" in the question is "J.K. Rowling" in another outlet's text.
    initials = {w for m in _INITIALS.finditer(question) for w in words(re.sub(r"\s", "", m[0]))}
    return (
        {stem(w) for w in question_words}
        | {stem(w) for w in bare if w}
        | set(info.terms)
        | folded
        | initials
    )


def demonym_forms(word: str) -> tuple[str, ...]:
    """What a place's name becomes as an adjective: Russia -> Russian, Sri Lanka -> Sri
    Lankan, China -> Chinese, Ukraine -> Ukrainian, Mexico -> Mexican, Israel -> Israeli,
    Germany -> German."""
    cut = word[:-1]
    forms = (word + "n", word + "an", word + "ian", word + "ese", word + "i", word + "ish")
    return forms + (cut + "ian", cut + "an", cut + "ese") + ((cut,) if word.endswith("y") else ())


def _by_demonym(places: Iterable[str], ending: str = "") -> dict[str, str]:
    """Each regular form of the places' adjective (`demonym_forms`), with `ending` added
    ("s" for their people), -> the place's name; the longest place first ("Nigerians":
    Nigeria, not Niger), then by name, so a form two places of one length make ("iraan":
    Iran, Iraq) reads the same in every process."""
    found: dict[str, str] = {}
    for place in sorted(places, key=lambda p: (-len(p), p)):
        for form in demonym_forms(place):
            found.setdefault(form + ending, place.title())
    return found


@lru_cache(maxsize=1)
def _countries_by_people() -> dict[str, str]:
    """Each country's people as written in the plural ("russians") -> the country's name."""
    one_word = (c for c in COUNTRIES if " " not in c and "." not in c and len(c) >= 4)
    return _by_demonym(one_word, "s")


def country_of_people(word: str) -> str:
    """The country whose people a plural names ("Russians" -> "Russia", "Ukrainians" ->
    "Ukraine", "Israelis" -> "Israel"), or ""."""
    return _countries_by_people().get(fold(word), "") if word[:1].isupper() else ""


# The adjectives no regular ending makes of their place's name (`demonym_forms`).
_IRREGULAR_ADJECTIVES = {
    "american": "United States",
    "argentine": "Argentina",
    "belgian": "Belgium",
    "british": "Britain",
    "czech": "Czech Republic",
    "danish": "Denmark",
    "dutch": "Netherlands",
    "emirati": "United Arab Emirates",
    "english": "England",
    "filipino": "Philippines",
    "finnish": "Finland",
    "french": "France",
    "greek": "Greece",
    "icelandic": "Iceland",
    "irish": "Ireland",
    "lebanese": "Lebanon",
    "middle eastern": "Middle East",
    "norwegian": "Norway",
    "peruvian": "Peru",
    "polish": "Poland",
    "portuguese": "Portugal",
    "saudi": "Saudi Arabia",
    "scottish": "Scotland",
    "somali": "Somalia",
    "spanish": "Spain",
    "swedish": "Sweden",
    "swiss": "Switzerland",
    "thai": "Thailand",
    "turkish": "Turkey",
    "welsh": "Wales",
}


@cache
def _places_by_adjective(kind: PlaceKind) -> dict[str, str]:
    """Each adjective of a place of `kind` ("european", "south korean") -> its name."""
    regular = _by_demonym(
        p for p in places_of_kind(kind) if "." not in p and len(p) >= 4 and not p.startswith("the ")
    )
    irregular = {a: p for a, p in _IRREGULAR_ADJECTIVES.items() if is_place_of_kind(p, kind)}
    return regular | irregular  # (an irregular adjective over a regular form's reading)


def place_of_adjective(name: str, kind: PlaceKind) -> str:
    """The place of `kind` whose adjective is a name or opens a name of one more word
    ("European Union" -> "Europe" for a continent, "South Korean" -> "South Korea" for a
    country; not "British Prime Minister Liz Truss", a person), or ""."""
    written = name.split()
    table = _places_by_adjective(kind)
    for n in (2, 1):
        place = table.get(fold(" ".join(written[:n]))) if n <= len(written) <= n + 1 else None
        if place:
            return place
    return ""


def is_question_word(phrase: str, asked: AbstractSet[str]) -> bool:
    """True when every content word of `phrase` is already in the question (a place also
    when the question has its adjective: "Sri Lanka" for "Sri Lankan President ...")."""
    content = [w for w in words(phrase) if w not in STOPWORDS and fold(w) not in NOT_NAMES]
    return not content or all(
        stem(w) in asked
        or w in asked
        or (len(w) >= 4 and any(f in asked for f in demonym_forms(fold(w))))
        for w in content
    )


# "the Astros", "the Masters": a one-word name the question writes after "the".
_THE_NAME = re.compile(r"\bthe\s+([A-Z][\w'’-]+)\b(?![\w'’-]|\s+[A-Z])(?:\s+([a-z]+))?")


# "which Trump-backed Republican": the name of whoever backs, owns or leads what is asked.
_BACKER = re.compile(
    r"\b([A-Z][\w'’]+)-(?:backed|endorsed|appointed|nominated|owned|led|run|funded|"
    r"supported|aligned|allied|controlled|founded)\b"
)


def one_word_names(question: str) -> frozenset[str]:
    """The one-word names the question writes after "the" ("Who did the Astros beat?" ->
    astros), folded: a team's, an event's or a group's name, whose longer forms in a
    sentence ("Houston Astros", or a namesake's "Blake Masters") are the question's own.
    Not a name qualifying the noun after it ("the Biden administration": Jill Biden may
    answer). And a name backing or owning what is asked ("which Trump-backed Republican"
    -> trump: not "Donald Trump")."""
    lex = lexicon()
    found = {fold(m.group(1)) for m in _BACKER.finditer(question)}
    for m in _THE_NAME.finditer(question):
        after = m.group(2)
        if after and after not in STOPWORDS and not (lex is not None and lex.mostly_verb(after)):
            continue
        found.add(fold(m.group(1)))
    return frozenset(found)


# A possessive inside one name: "St. George's Chapel", "Macy's Thanksgiving Parade".
_PLACE_HEADS = NOT_PERSON | word_set(
    "Chapel Church Cathedral Abbey Palace Castle Hospital Parade Garden Gardens Store"
)
# Where a capitalised run holds two names: after a possessive ("Edmonton's | Connor
# McDavid") or after a word that ends a sentence ("Spirit Airlines. | Fares could surge");
# initials and abbreviations ("J.", "Rep.", "U.S.") end no sentence.
_RUN_BREAK = re.compile(
    r"(?<!Women)(?<!Men)(?<!Children)(?<!People)(?<=\w)['’]s\s+(?=[A-Z])"  # "Women's Euro"
    r"|(?<=[a-z]{4}\.)\s+(?=[A-Z])"
)


def _runs(sentence: str) -> list[tuple[str, int]]:
    """The capitalised runs of a sentence with their offsets, split where a run holds two."""
    out = []
    for m in _CAPS.finditer(sentence):
        at = m.start()
        for cut in _RUN_BREAK.finditer(m.group()):
            rest = m.group()[cut.end() :].split()
            if len(rest) == 1 and fold(rest[0].rstrip(".")) in _PLACE_HEADS:
                break  # "St. George's Chapel", "Macy's Parade": one name
            out.append((m.group()[at - m.start() : cut.start()], at))
            at = m.start() + cut.end()
        out.append((m.group()[at - m.start() :], at))
    return out


# A number that is part of the name before it ("Channel 4", "Title 42"), not a score, a
# decimal, a time, a range or a count of something ("Apple 14 days").
_NUMBERED = re.compile(r" \d{1,3}(?![\d,.:%–-]\d|\d|[-–%])(?:\s+([a-z]+))?")


def _number_of_name(sentence: str, at: int) -> str:
    m = _NUMBERED.match(sentence, at)
    if m is None:
        return ""
    after = m.group(1)
    if after and after.endswith("s") and not function_word(after):
        return ""  # "gave Apple 14 days": a count of days
    return " " + m.group().split()[0]


_GERUND = re.compile(r"^[A-Z][a-z]{2,}ing$")
# A name's short form or ticker in brackets right after it.
_ABBREVIATION_BEFORE = re.compile(r"[A-Z][\w.&'’-]*\s+\($")


# Words a name does not end with: no name's words, nor the joining words inside one
# ("Bank of", "Queen Elizabeth and").
_NAME_NOT_ENDING = NOT_NAMES | JOINING_WORDS


_OWNING = frozenset({"my", "our", "your"})


def _owned_name(parts: Sequence[str]) -> bool:
    """Whether a run opening on "My", "Our" or "Your" is a name of three or more words
    ("My Chemical Romance", "Our Lady of Guadalupe"), not a possessive before one ("My
    Twitter")."""
    return len(parts) >= 3 and fold(parts[0]) in _OWNING and parts[1][:1].isupper()


def names_in(
    sentence: str,
    asked: AbstractSet[str],
    capitalised: AbstractSet[str] | None = None,
    the_names: AbstractSet[str] = frozenset(),
) -> list[tuple[str, int, int]]:
    """Capitalised runs of a sentence that are not merely question words or a sentence opener.

    `capitalised`: the words the question writes capitalised (folded), which tell its own
    names ("Liz Truss") from its nouns ("national park"); None: not known. `the_names`: the
    one-word names the question writes after "the" ("the Astros", "the Masters"), whose
    longer forms are the question's own too."""
    out = []
    for run, start in _runs(sentence):
        text = run.rstrip(".")
        parts = text.split()
        while parts and fold(parts[0]) in NOT_NAMES and not _owned_name(parts):
            start = sentence.find(parts[1], start) if len(parts) > 1 else start
            parts = parts[1:]
        if len(parts) > 1 and _GERUND.match(parts[0]) and not sentence[:start].strip():
            # "Buying Parler could make West ...": a sentence opening on a verb, then the name
            start = sentence.find(parts[1], start)
            parts = parts[1:]
        while parts and fold(parts[-1]) in _NAME_NOT_ENDING:
            parts = parts[:-1]
        if not parts:
            continue
        text = " ".join(parts)
        if sentence[start : start + len(text)] != text:
            # Spacing differs (line breaks, double spaces): keep the raw run instead.
            text = sentence[start : start + len(parts[0])]
            if len(parts) > 1:
                continue
        # "Vladimir Putin’s invasion": the name is the answer, not its possessive.
        text = POSSESSIVE.sub("", text)
        if text == " ".join(parts):
            text += _number_of_name(sentence, start + len(text))  # "Channel 4", "Apollo 11"
        if not text or is_question_word(text, asked):
            continue
        end = start + len(text)
        if sentence[end : end + 1] == ")" and (
            _ABBREVIATION_BEFORE.search(sentence, 0, start)
            or (sentence[start - 1 : start] == "(" and ACRONYM.match(text))
        ):
            continue  # "Alphabet (GOOGL)", "World Health Organization (WHO)": the name again
        names = text.split()
        if len(names) >= 3 and _names_own(names[-2:], asked, capitalised):
            # "British Prime Minister Liz Truss": the question's own person; but a name
            # qualifying the question's own is one ("the 2022 Qatar World Cup" for "Where is
            # the World Cup being held?")
            owner = _qualifier(names[:-2])
            if owner and not is_question_word(owner, asked):
                out.append((owner, start, start + len(owner)))
            continue
        if len(names) >= 2 and the_names and fold(names[-1]) in the_names:
            continue  # "Houston Astros", "Blake Masters" for "Who did the Astros beat?"
        bare_name = [
            n for n in re.sub(r"\bPrime Minister\b", "", text).split() if not _title_word(n)
        ]
        if 0 < len(bare_name) < len(names) and _names_own(bare_name, asked, capitalised):
            continue  # "Ex-Japanese PM Abe", "Queen Elizabeth II": the question's own
        out.append((text, start, end))
    return out


# Words around a person's name that are not the name: titles, roles, regnal numbers.
_TITLE_WORDS = word_set(
    """
    PM Minister President Vice King Queen Prince Princess Duke Duchess Pope Gov Sen Rep
    Dr Mr Mrs Ms Lord Lady Sir Dame Judge Justice Chancellor Secretary General Gen Chief
    Former Ex Late Leader CEO Chairman Mayor II III IV V VI VII VIII Jr Sr Saint St
    """
)


def _qualifier(words_before: Sequence[str]) -> str:
    """The name among the words before a name of the question's (`_names_own`), without the
    titles and roles next to it ("Apple CEO" -> "Apple"; "British Prime Minister" -> "")."""
    kept = list(words_before)
    while kept and (_title_word(kept[-1]) or fold(kept[-1]) in _NAME_NOT_ENDING):
        kept.pop()
    if not kept or any(_title_word(w) for w in kept):
        return ""
    return " ".join(kept)


def _title_word(word: str) -> bool:
    """A title, a role, a regnal number or a nationality ("Ex-Japanese PM", "II")."""
    bare = fold(word).strip(".,").removeprefix("ex-").removeprefix("former-")
    return bare in _TITLE_WORDS or peoples_adjective(bare, shouted=word.isupper())


def peoples_adjective(bare: str, *, shouted: bool = False) -> bool:
    """Whether a folded word is a people's adjective ("british", "japanese", "european";
    not "brian"): listed, or ending as one does; a word written in capitals (`shouted`)
    only when listed."""
    return bare in DEMONYMS or (len(bare) > 5 and not shouted and bool(DEMONYM_SUFFIX.search(bare)))


def _names_own(
    name: Sequence[str], asked: AbstractSet[str], capitalised: AbstractSet[str] | None
) -> bool:
    """Whether the question names the words of `name` itself: they are the question's,
    one of them written as a name there ("Liz Truss"), not only as the noun it asks about
    ("which national park" does not make "Yellowstone National Park" the question's own)."""
    if not is_question_word(" ".join(name), asked):
        return False
    return capitalised is None or any(fold(n) in capitalised for n in name)


def capitalised_words(question: str) -> frozenset[str]:
    """The words (folded) a question writes with a capital letter."""
    # (a follow-up carries its topic in brackets: "Who replaced her (Liz Truss)?")
    words_ = (w.strip(".,;:?!\"'“”‘’()[]") for w in question.split())
    return frozenset(fold(w) for w in words_ if w[:1].isupper())
