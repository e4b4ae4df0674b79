"""How clearly a name in a sentence is of the asked kind: a person, an organisation, a
place, or a named thing (a show, a product, a law), each with its strength.

`names_in` (`assistant.answer.name_runs`) finds the names; this module weighs each as the
kind the question asks for: "Ted Lindsay Award" is no person, "Highland Park" no one who did
something, "US restaurants" no company, "the Middle East country of Qatar" clearly a place,
"a bill called the Inflation Reduction Act" clearly a named thing. Quoted titles ("'CODA'
wins best picture") are read here too. `assistant.answer.spans.Asked` is the question it
reads (`NameQuestion` names what of it these rules use).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from assistant.answer.answer_span import Span
from assistant.answer.locating import locates, without_subject
from assistant.answer.matching import NAMED_TERM, asking_sentence
from assistant.answer.name_runs import (
    ACRONYM,
    DEMONYM_SUFFIX,
    DEMONYMS,
    NOT_PERSON,
    country_of_people,
    is_question_word,
    names_in,
    place_of_adjective,
)
from assistant.answer.name_words import PERSON_ROLES, mostly_modifier, word_set
from assistant.answer.places import PlaceKind, is_known_place, is_place_of_kind
from assistant.answer.targets import Target, title_family
from index.text.lexicon import lexicon
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.terms import fold


class NameQuestion(Protocol):
    """What the name rules read of the question (`assistant.answer.spans.Asked`)."""

    @property
    def question(self) -> str: ...
    @property
    def target(self) -> Target: ...
    @property
    def words(self) -> AbstractSet[str]: ...
    @property
    def place(self) -> PlaceKind | None: ...
    @property
    def named(self) -> bool: ...
    @property
    def titled(self) -> bool: ...
    @property
    def title_family(self) -> str: ...
    @property
    def source(self) -> bool: ...
    @property
    def noun(self) -> str: ...
    @property
    def phrase(self) -> tuple[str, ...]: ...
    @property
    def capitalised(self) -> frozenset[str]: ...
    @property
    def located(self) -> str: ...
    @property
    def head(self) -> str: ...
    @property
    def the_names(self) -> frozenset[str]: ...
    @property
    def owner(self) -> str: ...
    @property
    def by_person_noun(self) -> bool: ...


# A quoted title: "Squid Game", or in single quotes as headlines write them ('Squid Game':
# Netflix ...), where an apostrophe inside a word must not open or close it.
_QUOTED = re.compile(
    r"[“\"]([A-Z][^”\"]{1,60}?)[,.]?[”\"]|(?:^|(?<=[\s(:]))['‘]([A-Z][^'‘’\n]{1,60}?)[,.]?['’](?!\w)"
)


# Last words that make a name a role, not whoever holds it ("Iran's Interior Minister",
# "the Japanese Prime Minister").
_ROLES = word_set(
    """
    CEO Chairman Chairwoman President Minister Secretary Governor Senator Chancellor Mayor
    Chief Director Commissioner Speaker Leader Spokesman Spokeswoman Spokesperson Ambassador
    Premier Prosecutor PM MP VP COO CFO CTO
    """
)


_PLACE_CUE = re.compile(
    r"\b(?:in|at|from|near|across|outside|inside|into|to|of|toward|towards|throughout)\s+"
    r"(?:the\s+)?$",
    re.I,
)
# "Tokyo (CNN) Former Japanese Prime Minister ...": the dateline's place.
# (its place may be qualified: "London, UK (CNN)", "Kyiv, Ukraine (CNN)")
_DATELINE = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*\((?:CNN|AP|Reuters|AFP|CNN Business)\)"
)
# "the southern city of Nara", "the state of Kerala": the name after is a place's.
_PLACE_NAMED = re.compile(
    r"\b(?:city|town|village|state|province|region|county|capital|island|country|district|"
    r"port|prefecture)\s+of\s+(?:the\s+)?$",
    re.I,
)
# "paid tribute to Godard", "apologized to Chris Rock": "to" after these takes a person.
_TO_SOMEONE = re.compile(
    r"\b(?:tribute|homage|said|says|told|spoke|speaking|talked|talking|wrote|writing|"
    r"apologi[sz]ed|apologi[sz]es|apologi[sz]ing|thanks|gratitude|according|belonging|"
    r"married|engaged|lost|losing)\s+to\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the Middle East country of Qatar": the run before only qualifies the place it names.
_QUALIFIES_PLACE = re.compile(
    r"\s+(?:city|town|village|state|province|region|county|capital|island|country|district|"
    r"port|prefecture|nation)\s+of\s+(?:the\s+)?[A-Z]"
)
_OWNER_END = re.compile(r"\b[A-Z][\w.&-]*['’]s\s+$")  # "NASA's " before a name
_ORG_WORD = re.compile(
    r"\b(?:Inc|Corp|Co|LLC|Ltd|Group|Party|Company|University|College|Association|Union|"
    r"Institute|Foundation|Agency|Department|Ministry|Bank|Airlines?|Motors|Network|"
    r"News|Times|Post|Club|Team|League|Council|Commission|Committee|Court|Administration|"
    r"Service|Services|Systems|Technologies|Media|Entertainment|Studios|Records|Pharma\w*)\b"
)
# A word of three or more capitals: a person's name has none ("MTV VMAs", "HOT TIP").
_SHOUTED = re.compile(r"\b[A-Z]{3,}s?\b")
# Last words that make a name an event, never an organisation.
_EVENTS = word_set(
    """
    Award Awards Trophy Prize Cup Games Game Series Championship Championships Open Tour Bowl
    Gala Festival Olympics Euro Final Finals Marathon Classic Day Week Slam Slams Tournament
    Race Derby
    """
)
# A ceremony a headline names right after a person ("Will Smith apology video on Chris Rock
# Oscars slap").
_CEREMONIES = word_set("Oscars Emmys Grammys Tonys BAFTAs VMAs Globes")
# A name opening on a person's title is a person's ("Queen Elizabeth II died at Balmoral").
_PERSON_TITLED = re.compile(
    r"(?:King|Queen|Prince|Princess|Pope|President|Gov\.|Sen\.|Rep\.|Dr\.|Mr\.|Mrs\.|Ms\.)\s+[A-Z]"
)
# An ordinal alone names no one ("a July Fourth parade").
_ORDINALS = word_set("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth")
# What teams play in, not a team: "American League", "Big Ten Conference".
_LEAGUES = word_set(
    "League Leagues Conference Division Association Federation NBA WNBA NFL MLB NHL MLS NCAA "
    "FIFA UEFA"
)
# Nouns asking for a contest, which a contest's word names ("US Open", "World Cup").
_EVENT_NOUNS = word_set(
    """
    tournament tournaments competition competitions championship contest event events race
    """
)
_CONTESTS = word_set("Open Cup Championship Championships Classic Games Final Finals Marathon")
# A person's role right before a name or a list of names ("team owner Arte Moreno", "band
# members Mark Hoppus and Travis Barker", "original member, Tom DeLonge").
_ROLE_BEFORE = re.compile(
    rf"\b(?:{PERSON_ROLES}),?\s+"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:,\s+|\s+and\s+))?$"
)
# Places asked for that are never a country or a continent.
_TOWNS = word_set("city cities town towns village villages capital capitals suburb suburbs")
# Organisations a country's name can stand for (a national team).
_SIDES = frozenset({"team", "teams", "side", "squad", "nation", "nations"})
_TEAMS = frozenset({"team", "teams", "club", "clubs"})
# Last words of the grounds a team plays at, which no team is named after.
_VENUES = word_set("Park Stadium Arena Field Center Centre Garden Gardens Dome Coliseum Ballpark")
_NAMED = re.compile(r"\b(?:called|named|titled|dubbed|known as)\s+(?:the\s+)?[\"“‘']?$", re.I)


def _named_kind(name: str, phrase: tuple[str, ...], ordinary: frozenset[str] | None) -> bool:
    """Whether `name` is a name of the kind the question's which/what phrase asks for: it
    ends with one of its nouns ("which national park" -> "Yellowstone National Park",
    "which awards show" -> "Tony Awards") or starts with its head ("which hurricane" ->
    "Hurricane Fiona"), and its other words are not all ordinary words ("Borough Cost")."""
    parts = [fold(w) for w in name.split()]
    if any(parts[-1] in noun_forms(w) for w in phrase):
        rest = parts[:-1]
    elif phrase and parts[0] in noun_forms(phrase[-1]) and not _ORG_WORD.search(name):
        rest = parts[1:]  # (not "Drug Foundation" for "which drug": an organisation)
    else:
        return False
    return ordinary is None or any(w not in ordinary for w in rest)


# "the shape-shifting ": an article, then at most two words describing what it names
_THE_BEFORE = re.compile(r"\bthe\s+(?:[\w'’-]+\s+){0,2}$")


def _before_noun(sentence: str, end: int, noun: str) -> bool:
    """Whether the question's noun follows right after `end` ("... Test mission")."""
    forms = "|".join(re.escape(f) for f in noun_forms(fold(noun)))
    return bool(re.match(rf"\s+(?:{forms})\b", sentence[end:], re.I))


def _defined_as(sentence: str, end: int, noun: str) -> bool:
    """Whether a phrase set beside the name right after `end` says it is the question's
    noun ("BA.5: The 'worst variant' is here", "BA.5, the most transmissible variant yet";
    not "Fiona, a Category 1 storm", which only classes it)."""
    forms = "|".join(re.escape(f) for f in noun_forms(fold(noun)))
    return bool(
        re.match(
            rf"\s*[:,]\s+the\s+(?:(?!(?:that|which|who)\b)[\w'’‘“\"-]+\s+){{0,3}}?(?:{forms})\b",
            sentence[end:],
            re.I,
        )
    )


def noun_forms(noun: str) -> tuple[str, ...]:
    return (noun, noun + "s", noun[:-1]) if noun.endswith("s") else (noun, noun + "s")


# "... Spirit Airlines. Fares could surge": a word after a sentence's end inside a headline
_SENTENCE_END_BEFORE = re.compile(r"[a-z]{2}[.!?]\s+$")
# The source of a statement, not its subject: "according to Realtor.com", "a report from
# Bank of America claims". (Not "X said": the one who says is often the one asked about,
# "Columbia University said that it relied on ...".)
# (also after the clause it attributes: "..., reported The Times")
_SOURCE_BEFORE = re.compile(
    r"(?:\b(?:according to|(?:report|study|survey|analysis|poll|data|statement|estimates?)"
    r" (?:from|by))|,\s+(?:reported|reports|wrote|writes))\s+(?:the\s+)?$",
    re.I,
)
# A question asking who said or found something, or which study, poll or paper did (not
# one that only names its source: "... in a poll of 31,000 motorists?", "according to a
# survey by Ofcom?").
_SAYS = (
    r"(?:said|say|says|told|tell|tells|claim\w*|report\w*|wrote|write|writes|tweet\w*|"
    r"estimat\w*|warn\w*)"
)
ASKS_SOURCE = re.compile(
    rf"\b(?:who|whom|(?:which|what)\s+[\w'’-]+)\s+(?:(?:has|have|had|did|does|do|was|is)\s+)?"
    rf"(?:{_SAYS}|(?:issu|publish|releas)\w*\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+)?"
    r"(?:statement|report|study|survey|poll|data))\b"
    r"|\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:stud(?:y|ies)|surveys?|polls?|reports?|"
    r"newspapers?|outlets?|papers?|analys[ie]s|data|statements?|sources?)\b"
    r"|\baccording\s+to\s+(?:which|whom|what|who)\b",
    re.I,
)
# A party label before a person's full name ("Democrat John Fetterman", "Leftist Luiz
# Inácio Lula da Silva"): not part of the name.
_PARTY_LABEL = re.compile(
    r"(?:Democrat|Democratic|Republican|GOP|Tory|Conservative|Labour|Liberal|Independent|"
    r"Socialist|Communist|Leftist|Left-leaning|Far-right|Right-wing|Leftwing|Rightwing)\s+"
    r"(?=\S+\s+\S)"
)
# A role before a person's full name inside one capitalised run ("Twitter CEO Parag
# Agrawal", "British Prime Minister Liz Truss", "Florida Gov. Ron DeSantis"): the person is
# the name after the last role word (kings, queens, princes and popes keep their title).
_ROLE_IN_NAME = re.compile(
    r"^(?:.*\s)?(?:CEO|Chairman|Chairwoman|President|Prime Minister|PM|Premier|Minister|"
    r"Secretary|Gov\.|Sen\.|Rep\.|Pres\.|Gen\.|Dr\.|Governor|Senator|Judge|Justice|"
    r"Chancellor|Mayor|Chief|Director|Founder|Coach|Commissioner|Speaker|Leader)\s+"
    r"(?=[A-Z][\w'’.-]*\s+\S*[A-Z])"
)


# A company's or a body's officer named after it inside one capitalised run ("Beyond Meat
# Chief Operating Officer Doug Ramsey", "Twitter CEO Parag Agrawal"): the body is the
# name before the role.
_OFFICER_IN_NAME = re.compile(
    r"\s(?:CEO|COO|CFO|Chief|President|Chairman|Chairwoman|Founder|Co-founder|Director|"
    r"Coach|Spokesman|Spokeswoman|Spokesperson)\s+(?=(?:[A-Z][\w'’.-]*\s+)+[A-Z])"
)


def own_name_start(run: str) -> int:
    """Where a person's own name begins in a capitalised run: after a role ("Twitter CEO
    Parag Agrawal", "Florida Gov. Ron DeSantis") and a party label ("Democrat John
    Fetterman") before it; 0 when the run is the name."""
    role = _ROLE_IN_NAME.match(run)
    start = role.end() if role else 0
    label = _PARTY_LABEL.match(run, start)
    if label is not None and not _ORG_WORD.search(run):
        start = label.end()
    return start


# A word labelling the person named after it ("Republican incumbent Brian Kemp", "Biden
# nominee Ketanji Brown Jackson"): the label, not the person.
_LABEL_OF_NAME = re.compile(
    r"\s+(?:(?:incumbent|candidate|challenger|nominee|former|rival|opponent|ally|allies|"
    r"lawmaker|congressman|congresswoman|activist|strategist|official|leader|senator|"
    r"governor|president|politician|star|rep\.|sen\.|gov\.)\s+)+[A-Z]"
)
_NEXT_LOWER = re.compile(r" ([a-z][a-z-]+)\b")


def _modifies_next(sentence: str, end: int) -> bool:
    """Whether the word right after `end` is a lower-case adjective or noun, no verb, that
    the name before it qualifies ("Republican presidential", "Trump supporters"; not
    "Lukashenko approved", "Musk tweeted")."""
    m = _NEXT_LOWER.match(sentence, end)
    lex = lexicon()
    if m is None or lex is None or m.group(1) in STOPWORDS:
        return False
    word = m.group(1)
    return lex.verb_lemma(word) is None and (
        lex.mostly_modifier(word) or lex.lemma(word) is not None
    )


# A name standing inside quotation marks is a title ("titled “Edging,”"), not a person,
# an organisation or a place.
_IN_QUOTES_BEFORE = re.compile(r"[“\"‘]$")
_IN_QUOTES_AFTER = re.compile(r"^[,.]?[”\"’]")


# Words inside a capitalised run that a person's name does not hold ("Control of
# Congress", "Bank of America", "Church of the Holy Sepulchre").
_LINKED_NAME = re.compile(r"\s(?:of|for|the|on|at)\s")


def _qualifies_modifier(sentence: str, end: int, phrase: tuple[str, ...]) -> bool:
    """Whether a name ending at `end` is followed by a noun of its own and then the noun
    of the asked phrase ("the US monkeypox outbreak" for "which virus outbreak"): it
    qualifies the noun that says which one, it is not that noun. The phrase's own words
    ("the Marburg virus outbreak") and adjectives ("the Moderna bivalent vaccine") between
    them do not count."""
    if not phrase:
        return False
    forms = "|".join(re.escape(f) for f in noun_forms(phrase[-1]))
    m = re.match(rf"\s+([a-z][\w-]*)\s+(?:{forms})\b", sentence[end:])
    if m is None:
        return False
    word = m.group(1)
    return word not in phrase and word not in STOPWORDS and not mostly_modifier(word)


# "Where is the spacecraft headed?", "Where are many Americans moving?": a destination.
_DESTINATION = re.compile(
    r"\bwhere\b.*\b(?:headed|heading|bound|going|moving|travel(?:l)?ing|flying|sailing|"
    r"relocating|sent|deployed)\b",
    re.IGNORECASE,
)


_TOWARD = re.compile(r"(?:to|toward|towards|into)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def asks_destination(question: str) -> bool:
    """Whether the question asks where something is going, not where it is or was."""
    return bool(_DESTINATION.search(asking_sentence(question)))


# A word and a number joined by a hyphen names a disease, a model, a mission ("Covid-19",
# "F-35", "Artemis-1"), not an organisation.
_DESIGNATION = re.compile(r"[A-Za-z]+-\d+$")
# ... when the question asks for a business (a band may be called so: "Blink-182")
_BUSINESSES = frozenset(
    {"company", "companies", "firm", "firms", "business", "maker", "manufacturer", "brand"}
    | {"automaker", "drugmaker", "corporation", "startup", "retailer", "chain", "airline"}
)


def _made_thing(word: str) -> bool:
    """Whether WordNet knows `word` first as a made thing ("SUV", "GPS")."""
    lex = lexicon()
    return lex is not None and lex.names_artifact(word)


# A label glued to what follows by a colon ("Graphics:Did ...", "ANALYSIS:The ..."): a page's
# section name before its headline.
_KICKER_AFTER = re.compile(r":(?=\S)")


@dataclass(frozen=True)
class _Name:
    """A name a sentence writes, as a candidate answer: its text and where it stands."""

    sentence: str
    text: str
    start: int
    end: int

    @property
    def n_words(self) -> int:
        return len(self.text.split())

    @property
    def last(self) -> str:
        """Its last word, folded."""
        return fold(self.text.split()[-1])

    @property
    def before(self) -> str:
        """The 20 characters before it."""
        return self.sentence[max(0, self.start - 20) : self.start]

    @property
    def possessive(self) -> bool:
        """Whether it owns the name right after it ("Maple Leafs' Auston Matthews")."""
        return bool(re.match(r"['’]s?\s+[A-Z]", self.sentence[self.end :]))


def _trimmed(sentence: str, text: str, start: int, end: int, asked: NameQuestion) -> _Name:
    """The name as the asked kind reads it: a place without the acronym after it ("Colorado
    LGBTQ club") or the place it is said to be in ("Uvalde Texas"), a person without the
    title or label before ("Twitter CEO Parag Agrawal", "Democrat John Fetterman") or the
    ceremony after ("Chris Rock Oscars slap"), a body without its officer after
    ("Twitter CEO Parag Agrawal": Twitter)."""
    target = asked.target
    parts = text.split()
    if target == "place" and len(parts) >= 2 and ACRONYM.match(parts[-1]):
        rest = " ".join(parts[:-1])
        if is_known_place(rest) and not is_known_place(parts[-1]):
            text, end = rest, start + len(rest)  # "Colorado LGBTQ club": the place
    if target == "person":
        own = own_name_start(text)
        text, start = text[own:], start + own
        parts = text.split()
        if len(parts) >= 3 and fold(parts[-1]) in _CEREMONIES:
            text = text[: text.rindex(parts[-1])].rstrip()  # "Chris Rock Oscars slap"
            end = start + len(text)
    if target == "org" and (officer := _OFFICER_IN_NAME.search(text)) is not None:
        text = text[: officer.start()]  # "Beyond Meat Chief Operating Officer Doug Ramsey"
        end = start + len(text)
    if target == "place":
        text, start = without_subject(text, start, asked.located)  # "Uvalde Texas"
    return _Name(sentence, text, start, end)


def _person_strength(name: _Name, by_noun: bool) -> float:
    """How clearly a name is a person's (`by_noun`: the question names the person asked
    for by a noun, "which of his children", so an organisation does not answer it)."""
    text, last, n_words, sentence = name.text, name.last, name.n_words, name.sentence
    if name.possessive and n_words >= 2:
        return 0.6  # "Maple Leafs' Auston Matthews": the owner, not the one
    if (
        last in NOT_PERSON
        or last in _ROLES
        or last in _EVENTS
        or (n_words == 1 and (last in _CEREMONIES or last in _ORDINALS))
        or last.isdigit()
    ):
        return 0.3  # "Ted Lindsay Award", "Highland Park", "Interior Minister"; "Day 1", "Game 4"
    if _LINKED_NAME.search(text):
        return 0.5  # "Control of Congress", "Bank of America": not a person's name
    if (
        is_known_place(text)
        or _PLACE_NAMED.search(name.before)
        or _DATELINE.match(sentence, name.end)
    ):
        return 0.35  # "Sweden", "London", "the southern city of Nara": a place, not the one
    if n_words == 1 and (
        _LABEL_OF_NAME.match(sentence, name.end) or _modifies_next(sentence, name.end)
    ):
        # "Republican incumbent Brian Kemp": a label of the person; "the Republican
        # presidential nomination", "Trump supporters": a word qualifying a thing
        return 0.35
    if n_words >= 2 and not _ORG_WORD.search(text) and not _SHOUTED.search(text):
        return 1.0
    if _ORG_WORD.search(text) or ACRONYM.match(text) or _SHOUTED.search(text):
        # "who" is often an organisation ("MTV VMAs"); "which of Trump's children" is not
        # answered by "GOP"
        return 0.3 if by_noun else 0.6
    return 0.7  # a surname alone: "Lukashenko approved ..."


# A town's name goes on with its country's or state's: "Tijuana, Mexico", "Austin, Texas".
_IN_A_PLACE = re.compile(r",\s+((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*)")


def _in_a_place(sentence: str, end: int) -> bool:
    """Whether the name ending at `end` goes on with a country's or a state's name."""
    m = _IN_A_PLACE.match(sentence, end)
    return m is not None and is_known_place(m.group(1).rstrip("."))


def _org_strength(name: _Name, asked: NameQuestion) -> float:
    """How clearly a name is an organisation's, of the asked kind (a team, a company)."""
    text, last, noun = name.text, name.last, fold(asked.noun)
    strength = 1.0 if (_ORG_WORD.search(text) or ACRONYM.match(text)) else 0.7
    if _OFFICER_IN_NAME.match(name.sentence, name.end):
        strength = 1.0  # "Beyond Meat Chief Operating Officer Doug Ramsey": it has officers
    if ACRONYM.match(text) and _made_thing(text):
        strength = 0.3  # "The concept SUV uses Sony sensors": a vehicle, no company
    elif _DESIGNATION.match(text) and noun in _BUSINESSES:
        strength = 0.3  # "Covid-19", "F-35": a disease's or a model's designation
    if noun not in _SIDES and is_known_place(text):
        strength *= 0.5  # a chain, a company, a party is not a country ("US restaurants")
    elif _in_a_place(name.sentence, name.end):
        strength *= 0.5  # "kicks off March 11 in Tijuana, Mexico": a town, no band
    if last in _EVENTS:
        strength *= 0.5  # "which team": not the "World Series" it played in
    elif (last in _LEAGUES or last in _VENUES) and noun in _TEAMS:
        # "What team does Aaron Judge play for?": not "American League", nor the
        # "Citizens Bank Park" it played at
        strength *= 0.5
    elif name.n_words >= 2 and strength < 1.0 and _ROLE_BEFORE.search(name.sentence[: name.start]):
        strength *= 0.5  # "team owner Arte Moreno", "coach Becky Hammon": a person
    return strength


PEOPLE_OF_COUNTRY = 0.8  # "Russians" for "which nation": its people, below its name
PLACE_ADJECTIVE = 0.65  # "European regulators" for "which continent": clear, below both


def _place_strength(name: _Name, asked: NameQuestion) -> float | Span:
    """How clearly a name is the place asked for; a span as it stands where nothing more of
    the sentence can change it (a titled person, a place the question locates)."""
    text, last, n_words, before = name.text, name.last, name.n_words, name.before
    start, sentence, kind = name.start, name.sentence, asked.place
    if (_PERSON_TITLED.match(text) and last not in NOT_PERSON) or (
        n_words == 1 and last in _ORDINALS
    ):
        # "Queen Elizabeth II" (not "Prince Edward Island"), "July Fourth"
        return Span(text, start, start + len(text), "place", 0.3)
    if asked.located:
        # "Where is Mariupol?": the place the sentence puts it in, no other place
        held = locates(sentence, start, start + len(text), asked.located)
        return Span(text, start, start + len(text), "place", 1.0 if held else 0.4)
    # "from NASA's Kennedy Space Center": the cue reaches past the owner's name.
    cue = _PLACE_CUE.search(before) or _PLACE_CUE.search(_OWNER_END.sub("", before))
    strength = (0.8 if cue.group().lower().startswith("of") else 1.0) if cue else 0.6
    if asks_destination(asked.question) and not (cue and _TOWARD.match(cue.group())):
        strength = min(strength, 0.5)  # "Where was the rocket headed?": not "from"
    if cue and _TO_SOMEONE.search(before):
        strength = 0.6  # "paid tribute to Godard", "said to reporters": someone
    if _PLACE_NAMED.search(before):
        strength = 1.0  # "the Middle East country of Qatar": the place named ...
    elif _QUALIFIES_PLACE.match(sentence, name.end):
        strength = min(strength, 0.5)  # ... of which "Middle East" only says where
    if _ORG_WORD.search(text) or (ACRONYM.match(text) and not is_known_place(text)):
        strength = 0.4  # "Harvard University", "FIFA": an organisation
    elif name.possessive and not is_known_place(text):
        strength = min(strength, 0.6)  # "NASA's Kennedy Space Center": the owner
    noun = fold(asked.noun)
    if kind is not None:  # "which country": a country is the clear answer
        strength = 1.0 if is_place_of_kind(text, kind) else min(strength, 0.5)
        if kind == "country" and n_words == 1 and country_of_people(text):
            strength = PEOPLE_OF_COUNTRY  # "tourist visas to Russians": Russia's people
        elif strength < 1.0 and place_of_adjective(text, kind):
            strength = PLACE_ADJECTIVE  # "the European Union" for "which continent"
    elif noun in _TOWNS and (
        is_place_of_kind(text, "country") or is_place_of_kind(text, "continent")
    ):
        strength = 0.3  # "which city": not "the United States"
    elif asked.noun and n_words >= 2 and last == noun.rstrip("s"):
        strength = 1.0  # "which city" -> "New York City", "which island" -> "... Island"
    elif asked.noun and re.search(
        rf"\b{re.escape(noun.rstrip('s'))}s? of\s+(?:the\s+)?$", fold(before)
    ):
        strength = 1.0  # "which island" -> "the island of Kyushu"
    return strength


def _thing_strength(name: _Name, asked: NameQuestion, ordinary: frozenset[str] | None) -> float:
    """How clearly a name is the named thing asked for. "Which show ...?" is rarely
    answered by whatever capitalised run comes up: only quoted titles (`_titled_spans`) and
    names the sentence introduces as names ("a bill called the Inflation Reduction Act")
    are clear enough to lead."""
    text, last, n_words, before = name.text, name.last, name.n_words, name.before
    if (asked.named and _NAMED.search(before)) or (
        n_words >= 2 and _named_kind(text, asked.phrase, ordinary)
    ):
        return 0.9
    if asked.owner and _owned_by(before, asked.owner):
        return 0.9  # "Elon Musk’s SpaceX" for "the name of Elon Musk's company"
    if n_words >= 2 and fold(asked.head) in _EVENT_NOUNS and last in _CONTESTS:
        return 0.9  # "which tournament" -> "US Open", "which race" -> "... Marathon"
    if (
        asked.head
        and _before_noun(name.sentence, name.end, asked.head)
        and (
            (n_words >= 2 and (text.startswith("The ") or fold(before).endswith("the ")))
            or _THE_BEFORE.search(fold(before))
        )
    ):
        # "the Double Asteroid Redirection Test mission", "the shape-shifting BA.5 variant"
        # name it; "a Category 1 storm" only classes it
        return 0.9
    if asked.head and _defined_as(name.sentence, name.end, asked.head):
        return 0.9  # "BA.5: The 'worst variant' is here"
    return 0.55 if n_words >= 2 else 0.4


def _in_context(
    strength: float,
    name: _Name,
    asked: NameQuestion,
    ordinary: frozenset[str] | None,
    at_start: bool,
) -> float:
    """`strength` as the words around the name leave it: the source of a statement, a
    quoted title, a qualifier of the asked-for noun, a capitalised word opening a sentence."""
    sentence, start, end, text = name.sentence, name.start, name.end, name.text
    if not asked.source and _SOURCE_BEFORE.search(sentence[:start]):
        strength *= 0.5  # who reports it, not what the question asks about
    if asked.target != "entity" and (
        _IN_QUOTES_BEFORE.search(sentence[:start]) and _IN_QUOTES_AFTER.match(sentence[end:])
    ):
        strength *= 0.5  # a quoted title
    if asked.noun and re.match(rf"\s+{re.escape(asked.noun)}\b", sentence[end:]):
        strength *= 0.5  # "the US chain": a qualifier of the asked-for noun
    elif asked.target == "entity" and _qualifies_modifier(sentence, end, asked.phrase):
        strength *= 0.5  # "the US monkeypox outbreak": where, not which outbreak
    if at_start and name.n_words == 1:
        if mostly_modifier(text):
            strength *= 0.5  # "Eventually, ...", "Violent details emerge": a word
        elif ordinary is None:
            strength *= 0.85  # a capitalised sentence opener may just be a word
        elif fold(text) in ordinary:
            strength *= 0.5  # it is: the same text writes it in lower case
    return strength


LABELLED_TITLE = 1.0  # a quoted title the sentence labels as a thing of the asked family
OTHER_TITLE = 0.45  # ... as a thing of another family: it titles something else
# The noun labelling a quoted title: right before it ("single, “", "the film “"), or right
# after it where the phrase ends there ("'Renaissance' album", not "'Renaissance' track
# list").
_LABEL_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)\s*,?\s*[“\"‘']$")  # (not "16-song 'X'")
_LABEL_AFTER = re.compile(
    r"[,.]?[”\"’']\s+([A-Za-z]+)\b(?=\s*(?:$|[^\w\s]|(?:by|from|of|that|which|is|was|will|"
    r"and|in|on|at|for|with|to|has|had|have)\b))"
)


def title_label(sentence: str, start: int, end: int) -> str:
    """The family of titled things (`title_family`) the noun next to the quoted title at
    `start`:`end` names, or "" when no such noun labels it."""
    before = _LABEL_BEFORE.search(sentence[:start])
    if before is not None:
        family = title_family(before.group(1))
        if family:
            return family
    after = _LABEL_AFTER.match(sentence, end)
    return title_family(after.group(1)) if after else ""


def _titled_spans(sentence: str, asked: NameQuestion) -> list[Span]:
    """Quoted titles and terms a sentence names ("named “permacrisis” as the word of the
    year"), clear for a question asking for a titled thing (a show, a song, a word), not
    for "Which treat ...?" ("Mariah Menu") or "What substance?"."""
    out: list[Span] = []
    target = asked.target
    for title in quoted_titles(sentence):
        if not is_question_word(title.text, asked.words):
            clear = 0.9 if asked.titled else 0.5
            label = title_label(sentence, title.start, title.end) if asked.title_family else ""
            if label:
                # "her latest single, "Break My Soul,"" for "What is her new song called?";
                # not "the upcoming 'Renaissance' album"
                clear = LABELLED_TITLE if label == asked.title_family else OTHER_TITLE
            out.append(Span(title.text, title.start, title.end, target, clear))
    for m in NAMED_TERM.finditer(sentence):
        if not is_question_word(m.group(1), asked.words):
            clear = 0.9 if asked.titled else 0.6
            out.append(Span(m.group(1), m.start(1), m.end(1), target, clear))
    return out


def entity_spans(
    sentence: str, asked: NameQuestion, ordinary: frozenset[str] | None = None
) -> list[Span]:
    """Names (and, for a named thing, quoted titles) of the asked-for kind. A name the
    sentence introduces as a name ("a bill called ...") is clear for a question asking
    what something is called; the source of a statement is not the answer unless the
    question asks who said it; a name right before the asked-for noun only qualifies it
    ("the US chain" for "which pizza chain")."""
    target = asked.target
    out: list[Span] = []
    for found in names_in(sentence, asked.words, asked.capitalised, asked.the_names):
        name = _trimmed(sentence, *found, asked)
        adjective = name.last in DEMONYMS or (
            DEMONYM_SUFFIX.search(name.last) and name.n_words <= 2
        )
        if adjective and not (asked.place and place_of_adjective(name.text, asked.place)):
            continue  # "South Korean", "Saudi": adjectives, not the thing asked for (unless
            # it is a place's of the asked kind: "European regulators" for which continent)
        before = sentence[: name.start]
        # (a headline's part after its colon starts too: "recap: Sloppy defense proves ...")
        at_start = (
            not before.strip()
            or bool(_SENTENCE_END_BEFORE.search(before))
            or before.rstrip().endswith(":")
        )
        if at_start and _KICKER_AFTER.match(sentence, name.end):
            continue  # "Graphics:Did Elon Musk fire everyone at Twitter?": a section's label
        strength: float | Span
        if target == "person":
            strength = _person_strength(name, asked.by_person_noun)
        elif target == "org":
            strength = _org_strength(name, asked)
        elif target == "place":
            strength = _place_strength(name, asked)
            if isinstance(strength, Span):
                out.append(strength)
                continue
        else:
            strength = _thing_strength(name, asked, ordinary)
        strength = _in_context(strength, name, asked, ordinary, at_start)
        out.append(Span(name.text, name.start, name.end, target, strength))
    if target in ("entity", "other"):
        out += _titled_spans(sentence, asked)
    return out


def quoted_titles(sentence: str) -> list[Span]:
    """The titles a sentence quotes ("'CODA' wins best picture"), as spans of no kind yet
    (strength 0). A title is written in title case ("The Last Supper"); a quoted remark is
    not ('Republican outcast'), nor is a letter ('James Bond's boss, "M,"')."""
    found = []
    for m in _QUOTED.finditer(sentence):
        group = 1 if m.group(1) is not None else 2
        text = m.group(group).rstrip(",.")
        if re.search(r"[A-Za-z]{2}", text) and all(
            w[0].isupper() for w in re.findall(r"[A-Za-z]{4,}", text)
        ):
            start = m.start(group)
            found.append(Span(text, start, start + len(text), "entity", 0.0))
    return found


# ... and right before a name, one owning it ("Elon Musk’s SpaceX").
_OWNED_BEFORE = re.compile(r"\b([A-Z][\w.&-]*)['’]s\s+$")


def _owned_by(before: str, owner: str) -> bool:
    """Whether the words before a name end with `owner`'s possessive ("Elon Musk’s ")."""
    m = _OWNED_BEFORE.search(before)
    return m is not None and fold(m.group(1)) == owner
