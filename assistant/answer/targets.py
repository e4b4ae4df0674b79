"""What kind of answer a question asks for, read from the sentence that asks.

who -> a person or an organisation, how many/much -> a number with its noun, what
percentage -> a percent, when / what year -> a date, where / which country -> a place,
which company/team/party -> an organisation, which/what + noun -> a named thing,
is/did/will ... -> yes or no.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.answer.matching import (
    QuestionInfo,
    analyse_question,
    asking_sentence,
    named_subject,
    scene_sentence,
)
from index.text.lexicon import lexicon
from index.text.terms import fold

Target = Literal["person", "org", "number", "percent", "date", "place", "entity", "yesno", "other"]

_ORG_NOUNS = (
    "company|companies|firm|business|brand|retailer|airline|bank|network|team|club|party|"
    "agency|organi[sz]ation|group|union|university|college|school|department|ministry|"
    "network|channel|studio|publisher|newspaper|outlet|platform|app|automaker|carrier|"
    "league|court|committee|government|institution|charity|startup|maker|manufacturer|"
    "conglomerate|network|label|broadcaster|service|website|tech giant|giant|chain|band"
)
_PLACE_NOUNS = (
    "country|countries|city|cities|state|states|nation|nations|region|area|island|islands|town|"
    "county|province|capital|continent|neighborhood|village|territory|port|sea|river|"
    "mountain|lake|location|place|venue|airport|stadium|borough|district|suburb|municipality|"
    "prefecture|peninsula|parish|township|kingdom|republic"
)
_PERSON_NOUNS = (
    "person|man|woman|actor|actress|singer|rapper|player|star|senator|lawmaker|politician|"
    "president|leader|celebrity|musician|judge|athlete|author|ceo|governor|official|"
    "director|comedian|host|journalist|billionaire|artist|golfer|king|queen|prince|princess|"
    "coach|quarterback|pitcher|candidate|minister|chancellor|mayor|founder|executive|"
    "anchor|filmmaker|writer|members?|figure|legend|icon|pope|boxer|driver|swimmer|"
    "gymnast|skater|skier|cyclist|runner|tennis player|first lady|former|"
    # kin: "Which influential siblings ...?", "Which of Donald Trump's children ...?"
    "sibling|sister|brother|son|daughter|child|children\\b(?!['’])|wife|husband|spouse|twin|heir"
)


def _with_plurals(nouns: str) -> str:
    """The alternatives of `nouns` and their plurals ("Which bands ...?" asks for groups
    as "Which band ...?" does): -ies after a consonant's y, -es after a hiss, men for man;
    a plural followed by an apostrophe is not the noun asked for."""
    forms: list[str] = []
    for noun in nouns.split("|"):
        forms.append(noun)
        if noun.endswith(("?", "ies")):
            continue  # a plural already ("members?", "companies")
        if noun.endswith("man"):
            plural = noun[:-3] + "men"
        elif noun.endswith("y") and noun[-2:-1] not in "aeiou":
            plural = noun[:-1] + "ies"
        elif noun.endswith(("s", "x", "ch", "sh")):
            plural = noun + "es"
        else:
            plural = noun + "s"
        if f"|{plural}|" not in f"|{nouns}|":
            # (a plural's possessive qualifies the asked noun: "which women's sport";
            # a singular one is asked for: "which team's owner" asks for the team)
            forms.append(plural + r"\b(?!['’])")
    return "|".join(forms)


_ORG_NOUNS = _with_plurals(_ORG_NOUNS)
_PLACE_NOUNS = _with_plurals(_PLACE_NOUNS)
_PERSON_NOUNS = _with_plurals(_PERSON_NOUNS)
_YESNO = re.compile(
    r"^(?:is|are|was|were|did|does|do|will|would|can|could|has|have|had|should)\b", re.I
)


_ASKS_NAME = re.compile(
    r"\b(?:called|named|titled|dubbed|known as)\s*[?:]?\s*$"
    r"|\bwhat(?:'s| is| was) the (?:name|title) of\b"
)
# The words between "which" and its noun: "which Nobel Peace Prize-winning former world
# leader"; never a function word ("which property owned by former President ..." does not
# ask for a person).
_FUNCTION_WORDS = (
    r"by|of|the|a|an|to|in|on|at|for|with|from|as|and|or|that|who|which|did|does|do|is|was|"
    r"were|are|has|have|had|will|would|can|could|be|been"
)
_GAP = rf"(?:(?!(?:{_FUNCTION_WORDS})\b)[\w'’-]+ ){{0,4}}"
# "Which of the following cities ...?": the noun comes after the list phrase.
# "Which is the world’s best airline?": so is "Which is the ...".
_OF_LIST = re.compile(
    r"\b(which|what) (?:one )?of (?:the following|these|those|them)\b|\b(which) (?:is|was) the\b"
)


# "Which of Donald Trump's children ...?" asks as "Which children ...?" does.
_OF_OWNER = re.compile(r"\b(which|what) of (?:[\w.-]+ ){0,3}[\w.-]+['’]s? (?=[a-z])")


# Things known by a title, which articles quote: "Which show ...?", "What podcast ...?"
_TITLED_NOUNS = (
    "show|shows|series|sitcom|drama|comedy|film|films|movie|movies|documentary|episode|"
    "song|songs|single|album|track|record|book|books|novel|memoir|biography|poem|play|"
    "musical|opera|podcast|game|video game|painting|artwork|sculpture|exhibition|role|"
    "character|word|words|phrase|term|slogan|motto|hashtag|title|nickname|name|franchise|"
    "program|programme|anthem|ballet|cartoon|comic|newsletter|headline|sign|banner"
)


# Families of titled things: a quoted title labelled by a noun of one ("her latest single,
# "Break My Soul,"", "'Renaissance' album") titles a thing of that family, and no other.
_TITLE_FAMILIES = {
    word: family
    for family, members in {
        "song": "song songs single singles track tracks anthem ballad",
        "album": "album albums LP EP mixtape",
        "film": "film films movie movies documentary biopic blockbuster sequel",
        "show": "show shows series sitcom miniseries docuseries programme program",
        "book": "book books novel novels memoir biography autobiography",
        "painting": "painting paintings portrait artwork",
        "podcast": "podcast podcasts",
        "tour": "tour tours",
        "game": "game games",
    }.items()
    for word in members.split()
}


def title_family(word: str) -> str:
    """The family of titled things a noun names ("single" -> "song"), or ""."""
    return _TITLE_FAMILIES.get(word, _TITLE_FAMILIES.get(fold(word), ""))


def asked_title_family(question: str) -> str:
    """The family of titled thing the asking sentence asks for, when it names one family
    only ("What is Beyoncé's new song called?" -> "song"), else ""."""
    found = {title_family(w) for w in re.findall(r"[\w'’-]+", asking_sentence(question))}
    found.discard("")
    return found.pop() if len(found) == 1 else ""


def asks_title(question: str) -> bool:
    """Whether the question asks for something known by its title (a show, a song, a
    painting, a word): a quoted title can answer it; a quoted title cannot answer "Which
    treat ...?" or "What substance ...?"."""
    asking = asking_sentence(question)
    q = _wh_phrase(asking)
    return (
        asks_name(question)
        or bool(re.search(rf"\b(?:which|what) {_GAP}(?:{_TITLED_NOUNS})\b", q))
        or bool(_NAMED_AS_TITLED.search(fold(asking)))
    )


# "Which of the following has been named Word of the Year?": what is named a word (a song,
# a show ...) is known by its title too.
_NAMED_AS_TITLED = re.compile(
    rf"\b(?:named|crowned|chosen as|picked as|voted)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?"
    rf"(?:{_TITLED_NOUNS})\b"
)


# "Which of these players did not play for him?": the one of its options the main verb
# denies ("which of the following figures has said they will not attend" denies nothing
# itself: reports say so of someone).
_DENIED_OPTION = re.compile(
    r"\bwhich\s+(?:one\s+)?of\s+(?:these|those|the\s+following|them)\b(?:\s+[\w'’-]+){0,3}?"
    r"\s+(?:(?:did|does|do|has|have|had|was|were|is|are|will|would|could|can)(?:n['’]t|\s+not"
    r"|\s+never)|never)\b"
    # "She appeared in all these films except:"
    r"|\ball\s+(?:of\s+)?(?:these|those|the\s+following)\b[^?:.]*\bexcept\b",
    re.IGNORECASE,
)
# Options written out after the question ("...: Irving, Harden or James?", "...? Irving,
# Harden or James").
_OPTIONS_LISTED = re.compile(r"[:?]\s*\S.*(?:,|\bor\b)", re.IGNORECASE)


def denies_unlisted_option(question: str) -> bool:
    """Whether the question asks which of options it does not list is *not* so: no report
    names the one that did not play, and without the options nothing can be checked."""
    denied = _DENIED_OPTION.search(question)
    return denied is not None and not _OPTIONS_LISTED.search(question, denied.end())


# "... held a sign saying what?", "What did the banner read?", "What did he write?"
_ASKS_WORDS = re.compile(
    r"\b(?:saying|reading|that (?:said|says|read|reads))\s+what\b"
    r"|\bwhat (?:did|does|do|was|were|is) (?:[\w'’-]+ ){1,4}?"
    r"(?:say|read|write|tweet|post|chant|written|said)\b"
)


def asks_words(question: str) -> bool:
    """Whether the question asks for the words something said or read."""
    return bool(_ASKS_WORDS.search(fold(asking_sentence(question))))


def asks_name(question: str) -> bool:
    """Whether the question asks what something is called ("What is the measure called?")."""
    return bool(_ASKS_NAME.search(fold(asking_sentence(question)).strip()))


_ASKED_NOUN = re.compile(rf"\b(?:which|what) {_GAP}({_ORG_NOUNS}|{_PLACE_NOUNS}|{_PERSON_NOUNS})\b")


def asked_noun(question: str) -> str:
    """The organisation, place or person noun a "which/what X" question asks for ("Which
    well-known pizza chain ...?" -> "chain"), or ""."""
    m = _ASKED_NOUN.search(_wh_phrase(asking_sentence(question)))
    return m.group(1) if m else ""


PHRASE_WORDS = 5  # at most this many words of a which/what phrase


def asked_phrase(question: str) -> tuple[str, ...]:
    """The lower-case words of the noun phrase a "which/what X" question asks with ("Which
    US national park was ...?" -> national, park; "which London borough" -> borough),
    whatever the noun, or (). The phrase ends at punctuation, a function word or a verb
    form ("which condiment, sparking outrage" -> condiment; "Which country debuted ...")."""
    written = wh_phrase_words(question)
    return tuple(w for w in written if re.search(rf"\b{re.escape(w)}\b", question))


def wh_phrase_words(question: str) -> tuple[str, ...]:
    """The words of a "which/what X" phrase folded, names too ("Which MLB team's owner"
    -> mlb, team's, owner), or ()."""
    wh, rest = _asking_wh(_wh_phrase(asking_sentence(question)))
    phrase: list[str] = []
    for word in re.findall(r"[\w'’-]+", rest)[:PHRASE_WORDS]:
        if _PHRASE_END.match(word):
            break
        if len(word) > 4 and word.endswith(("ed", "ing")) and not _adjective(word, phrase, wh):
            break
        phrase.append(word)
    return tuple(phrase)


# "What type of loans ...?", "Which breed of dog ...?": the kind is the noun after "of".
_KIND_OF = re.compile(
    r"\b(?:which|what) (?:[\w'’-]+ )?(?:types?|kinds?|sorts?|forms?|variety|varieties|"
    r"breeds?|species) of ([\w'’-]+)"
)
# "What was the name of the mission?": the kind is what is named.
_NAME_OF = re.compile(
    r"\bwhat(?:'s| is| was) the name of (?:the |this |that |its |his |her |their )?"
    r"(?:(?:[\w.-]+ ){0,2}[\w.-]+['’]s )?([\w'’-]+)"  # "... of Elon Musk's company"
)
# Words that end a which/what phrase before its noun could: "this", "these", ...
_PHRASE_END = re.compile(rf"^(?:{_FUNCTION_WORDS}|this|that|these|those|it|its)$")


def asks_type_of(question: str) -> bool:
    """Whether a which/what phrase asks for a type of its noun ("What type of loans will be
    forgiven?"), which a compound ending on the noun names ("federal student loans")."""
    return bool(_KIND_OF.search(_wh_phrase(asking_sentence(question))))


def asked_kind(question: str) -> str:
    """The noun a "which/what X" question names the kind of its answer with ("Which insect
    ...?" -> "insect", "which favourite superhero protagonist" -> "protagonist", "What type
    of loans ...?" -> "loans", "What was the name of the mission?" -> "mission"), or "".
    The phrase ends at punctuation, a function word or a verb form ("which condiment,
    sparking outrage" -> "condiment")."""
    q = _wh_phrase(asking_sentence(question))
    m = _KIND_OF.search(q)
    if m:
        return _noun_after_of(q, m.start(1))
    m = _NAME_OF.search(q)
    if m:
        return m.group(1)
    m = _CALLED.search(q)
    if m:
        # "What is the new variant called?" -> "variant"; "What is it called?" -> the thing
        # the sentence before it names
        return m.group(2) or _named_before(question)
    phrase = asked_phrase(question)
    return phrase[-1] if phrase else ""


KIND_OF_WORDS = 3  # words of the noun phrase after "type of" ("extreme weather")

# "What is the mission called?", "What is it now called?": group 2 names what is called.
_CALLED = re.compile(
    r"\bwhat(?:'s| is| was| are| were) (?:(it|they)|(?:the|this|that|its|his|her|their) "
    r"(?:[\w'’-]+ ){0,2}?([\w'’-]+)) (?:now |officially )?called\b"
)
# A noun phrase opening on an article (group 2), and the word before it (group 1).
_ARTICLE_PHRASE = re.compile(
    r"(?:(\w+)\s+)?\b(?:the|a|an)\s+((?:[\w'’.-]+\s+){0,5}[\w'’.-]+)", re.I
)
_PREPOSITIONS = frozenset(
    {"of", "in", "on", "at", "to", "for", "with", "from", "by", "since", "after", "before"}
    | {"about", "into", "over", "under", "during", "than", "like", "as", "through"}
)
PHRASE_NOUN_WORDS = 6  # words of a noun phrase read for its noun ("the most infectious ...")


def _named_before(question: str) -> str:
    """The noun of the thing a question's scene-setting sentence names, which "it" asks the
    name of: its first noun phrase opening on an article that no preposition governs ("A new
    perfume – with a peculiar name." -> "perfume"; "... since the Covid-19 pandemic began,
    the most infectious and transmissible variant yet has arrived." -> "variant")."""
    scene = scene_sentence(question)
    lex = lexicon()
    if not scene or lex is None:
        return ""
    for m in _ARTICLE_PHRASE.finditer(scene):
        if m.group(1) and fold(m.group(1)) in _PREPOSITIONS:
            continue
        head = ""
        for word in re.findall(r"[\w'’.-]+|[^\w\s]", m.group(2))[:PHRASE_NOUN_WORDS]:
            folded = fold(word).strip(".")
            if not word[0].isalnum() or (
                folded != "and" and (_PHRASE_END.match(folded) or lex.mostly_verb(folded))
            ):
                break
            if lex.kind(folded) is not None and not lex.mostly_modifier(folded):
                head = folded
        if head:
            return head
    return ""


def _noun_after_of(q: str, at: int) -> str:
    """The noun a "type of" phrase names, its head past the words that describe it ("What
    type of extreme weather swept ...?" -> "weather", "type of loans will" -> "loans"): the
    last word WordNet knows as a noun before a function word or a verb."""
    words = re.findall(r"[\w'’-]+", q[at:])[:KIND_OF_WORDS]
    lex = lexicon()
    head = words[0] if words else ""
    for word in words[1:]:
        if lex is None or _PHRASE_END.match(word) or lex.mostly_verb(word):
            break
        if lex.kind(word) is None:
            break
        head = word
    return head


def _asking_wh(folded: str) -> tuple[str, str]:
    """The wh-word ("which"/"what") that asks and the words after it up to punctuation:
    a "which" first ("began what could be her final act ... by playing in which
    tournament?"), not one opening a relative clause after a comma unless no other asks;
    else the first."""
    found = [(m.group(1), m.start(), m.end()) for m in re.finditer(r"\b(which|what)\s+", folded)]
    plain = [f for f in found if not folded[: f[1]].rstrip().endswith(",")]
    found = plain or found  # ("According to a new study, which of these ...?" asks)
    if not found:
        return "", ""
    wh, _, end = next((f for f in found if f[0] == "which"), found[0])
    rest = re.match(r"[^,;:?!.()]*", folded[end:])
    return wh, rest.group() if rest else ""


def _adjective(word: str, before: list[str], wh: str) -> bool:
    """Whether a word in -ed/-ing inside a which/what phrase describes its noun ("Which
    embattled celebrity", "What critically endangered bird", "which much-loved menu item")
    rather than being the question's verb ("Which country debuted ...", "What happened")."""
    first_after_which = not before and wh == "which"
    return first_after_which or "-" in word or bool(before and before[-1].endswith("ly"))


def asks_several(question: str) -> bool:
    """Whether the question asks for two or more things ("Which two countries ...?")."""
    asking = fold(asking_sentence(question))
    if re.search(r"\b(?:which|what) (?:two|three|four|five|both)\b", asking):
        return True
    # "Which countries joined NATO?": a plural noun asks for all of them ("Which of the
    # following cities saw the biggest rise?" picks one of a list).
    noun = asked_noun(question)
    return (
        noun.endswith("s")
        and not noun.endswith(("ss", "us", "series", "news"))
        and not _OF_LIST.search(asking)
    )


# A quiz's statement may name what it asks for as "this X" ("... linked frequent use of
# this drug to autism", "This superstar closed out their final tour ..."): where no wh-word
# asks (one after a comma opens a relative clause), "this X" asks as "which X" does.
_PERIOD_WORDS = (
    r"week|weekend|year|month|season|summer|fall|autumn|winter|spring|morning|afternoon|"
    r"evening|night|time|past|one|way|case"
)
_THIS_NOUN = re.compile(rf"\bthis (?!(?:{_FUNCTION_WORDS}|{_PERIOD_WORDS})\b)(?=[a-z])")
_WH_WORD = re.compile(r"\b(?:who|whom|whose|what|which|when|where|why|how)\b")


def _names_by_this(folded: str) -> bool:
    """Whether a statement asks with "this X": no wh-word asks and it is not a yes/no."""
    if _YESNO.match(folded):
        return False
    return not any(
        not folded[: m.start()].rstrip().endswith(",") for m in _WH_WORD.finditer(folded)
    )


def _wh_phrase(sentence: str) -> str:
    """The asking sentence folded, "which of the following X" read as "which X", and a
    statement's "this X" as "which X"."""
    folded = re.sub(r"[\"“”]", "", fold(sentence)).strip()  # which “Star Trek” character
    if _names_by_this(folded):
        folded = _THIS_NOUN.sub("which ", folded, count=1)
    folded = _OF_OWNER.sub(r"\1 ", folded)
    return _OF_LIST.sub(lambda m: m.group(1) or m.group(2), folded)


# "What was the magnitude of the quake?": a quantity asked by its name.
_MEASURE = re.compile(
    r"\bwhat (?:is|was|are|were|will be) the (?:[\w-]+ )?(?:magnitude|height|length|weight|"
    r"temperature|price|cost|score|speed|distance|death toll|toll|population|salary|budget|"
    r"depth|amount|margin)\b"
)


# "To which hourly amount ...?": a sum of money or a count is a number.
_AMOUNT_NOUNS = r"amount|sum|figure(?! skat)|fee|salary|wage|price|total|number"


# "What is the inflation rate?": a rate is given as a percent.
# ("the Fed's interest rate": a possessive among the words before it)
_RATE = re.compile(
    r"\bwhat (?:is|was|are|were|will be) (?:the|its|their) (?:[\w'’-]+ ){0,2}rates?\b"
)


def _no_body(before: str, noun: str) -> bool:
    """Whether "group" is the end of a compound naming no organisation nor body of people
    ("which age group", "which blood group"; not "which rock group"). Only "group" is read
    so: it names any set of things, while a compound of another organisation noun that
    names none is rarely what a question means ("which food chain" asks for a company)."""
    words = before.split()
    lex = lexicon()
    if not words or lex is None or noun not in ("group", "groups"):
        return False
    return lex.names_a_body(f"{words[-1]} {noun}") is False


def _asks_for_a_person(noun: str) -> bool:
    """Whether a which-noun asks for a person: WordNet reads it as people below "person"
    (`Lexicon.names_a_person`: "siblings", "philanthropist"; not "character", an imaginary
    being, whose names read as things': "the purple peanut M&M") and not mostly as an
    adjective ("which major trading partner")."""
    lex = lexicon()
    return (
        bool(noun)
        and lex is not None
        and lex.names_a_person(noun)
        and not lex.mostly_modifier(noun)
    )


def asks_by_person_noun(question: str) -> bool:
    """Whether the asking sentence names the person asked for by a noun ("Which of Donald
    Trump's children ...?", "Which singer ...?"), not by "who", which an organisation may
    answer ("Who bought Twitter?")."""
    return _by_person_noun(_wh_phrase(asking_sentence(question)), question)


# A which-phrase ending on a capitalised noun, a verb in the past or a function word next:
# "Which high-profile Republican announced ...?", "Which senior Conservative MP was ...?"
# (not a relative clause's "to which the Duke and Duchess ...", nor "which John Constable
# painting").
_CAPITALISED_HEAD = re.compile(
    rf"\b[Ww]hich\s+(?:(?!(?:{_FUNCTION_WORDS})\b)[a-z][\w'’-]*\s+){{0,2}}"
    r"(?:[A-Z][\w'’.-]*\s+){0,3}([A-Z][\w'’.-]*)"
    rf"(?=\s+(?:(?:{_FUNCTION_WORDS}|this|these)\b|[a-z]\w+ed\b)|\s*[?,]|\s*$)"
)


def _by_person_noun(q: str, question: str) -> bool:
    """`asks_by_person_noun` over the question's wh-phrase `q` (`_wh_phrase`): a person noun
    listed ("which singer") or one WordNet reads as people ("Which philanthropist ...?",
    "Which influential siblings ...?"), capitalised too ("Which high-profile Republican
    ...?", "Which Conservative MP ...?")."""
    head = _CAPITALISED_HEAD.search(asking_sentence(question))
    return (
        bool(re.search(rf"\b(?:which|what) {_GAP}(?:{_PERSON_NOUNS})\b", q))
        or _asks_for_a_person(asked_kind(question))
        or (head is not None and _asks_for_a_person(head.group(1)))
    )


def target_of(question: str, info: QuestionInfo) -> Target:
    """The kind of span the question asks for (read from the sentence that asks)."""
    focus = asking_sentence(question)
    q = _wh_phrase(focus)
    kind = analyse_question(focus).answer_type if focus != question else info.answer_type
    if named_subject(focus):
        return "other"  # "Who is Pavel Latushko?" asks about the person it names
    if re.search(r"\bwhat (?:percentage|percent|share|proportion)\b", q) or _RATE.search(q):
        return "percent"
    if kind in ("number", "date"):
        return kind
    if info.unit == "money":
        return "number"  # "What did Elon Musk pay for Twitter?"
    if _MEASURE.search(q) or re.search(rf"\b(?:which|what) {_GAP}(?:{_AMOUNT_NOUNS})\b", q):
        return "number"
    org = re.search(rf"\b(?:which|what) ({_GAP})({_ORG_NOUNS})\b", q)
    if org and not _no_body(org.group(1), org.group(2)):
        return "org"
    if re.search(r"\b(?:which|what) (?:[\w'’-]+ )?head of (?:state|government)\b", q):
        return "person"
    if re.search(rf"\b(?:which|what) {_GAP}(?:{_PLACE_NOUNS})\b", q) or re.search(
        r"^where\b|\bwhere (?:is|was|did|does|do|will|are|were|has|have)\b", q
    ):
        return "place"
    # a person noun ("which singer", "Which influential siblings ...?"), or "who" that
    # asks: at the start of the asking sentence or after a preposition, not a relative
    # pronoun ("a man who was trying to:")
    if _by_person_noun(q, question) or re.search(
        r"^(?:\w+ ){0,3}(?:who|whom|whose)\b(?!.*\b(?:what|which|where|when|how)\b)"
        r"|\b(?:to|by|for|with|of) whom\b|\b(?:for|to) who to\b",
        q,
    ):
        return "person"
    if _YESNO.match(q) and "which" not in q and " or " not in q:
        return "yesno"
    if re.search(
        r"\b(?:which|what) (?!(?:did|does|do|is|was|are|were|has|have|will)(?:n['’]t)?\b)['’]?\w+",
        q,
    ):
        return "entity"
    if _ASKS_NAME.search(q):
        return "entity"  # "What is the measure called?", "What was the name of the storm?"
    if re.search(r"\bwhich (?:one )?of (?:the following|these)\b", fold(focus)) and not re.search(
        r"\bnot\b", q
    ):
        return "entity"  # "Which of the following has been named Word of the Year?"
    return "other"
