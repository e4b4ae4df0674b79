"""What a sentence says of a name it holds: the one who won or lost, the suspect, the
holder of a title, whose something is, and which names are places or people whatever
they look like ("in San Francisco", "Gov. Greg Abbott"), or the asked person's relatives.

The span chooser (`assistant.answer.direct.choose_span`) weighs a span by these readings
of its sentence; each reads the words around the span, not the whole story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from assistant.answer.answer_span import Span, span_key
from assistant.answer.name_runs import POSSESSIVE
from assistant.answer.name_words import PERSON_ROLES
from assistant.answer.places import is_known_place
from index.text.lexicon import lexicon
from index.text.terms import capitalised_phrases, fold, terms

_NAME = r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]*[a-z])"
# A person's title right before a name: "Texas Gov. Greg Abbott", "Mayor Eric Adams".
_TITLED = re.compile(
    rf"\b(?:(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Capt|Rev)\.|President|Mayor|Governor|"
    rf"Senator|Judge|Justice|Coach|Prime Minister|Chancellor|King|Queen|Prince|Princess|Pope|"
    rf"Secretary)\s+{_NAME}"
)


# A person's role right before a name: "original member, Tom DeLonge", "coach Becky Hammon".
_ROLE_NAMED = re.compile(rf"\b(?:{PERSON_ROLES}),?\s+{_NAME}")


# The nouns of a person's closest kin, shared by a name's kin below and a question about
# someone's family (`_FAMILY`), each of which adds its own.
_KIN = r"wife|husband|sons?|daughters?|mother|father|mom|dad|brothers?|sisters?|widow|widower"
# A name whose kin the text tells of: "Cristian Javier's parents", "Biden's late wife".
_HAS_KIN = re.compile(
    rf"{_NAME}['’]s?\s+(?:late\s+)?(?:{_KIN}|parents|siblings|girlfriend|boyfriend|"
    r"fianc[eé]e?|grandmother|grandfather|grandparents)\b"
)


def people_named(texts: Iterable[str]) -> frozenset[str]:
    """Names these texts give a person's title or role ("Gov. Greg Abbott", "original
    member, Tom DeLonge") or kin ("Cristian Javier's parents"), whole and by surname (span
    keys): a person, whatever else the name might look like (not a country: "NATO member
    Poland")."""
    people: set[str] = set()
    for text in texts:
        for m in (*_TITLED.finditer(text), *_ROLE_NAMED.finditer(text), *_HAS_KIN.finditer(text)):
            name = POSSESSIVE.sub("", m.group(1))
            if is_known_place(name):
                continue
            people.add(span_key(name))
            people.add(span_key(name.split()[-1]))
    return frozenset(people)


# "in San Francisco", "near Kherson": a run a sentence says something is or happened in.
_IN_PLACE = re.compile(
    r"\b(?:in|near|outside|across|throughout)\s+(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)"
    r"(?!['’])"
)


def places_named(texts: Iterable[str]) -> frozenset[str]:
    """Names these texts say something is or happened in ("at the couple's home in San
    Francisco") as span keys: a place, however much it looks like a person's name. Not a
    country or a state, which can be the answer to "who" ("Who won the World Cup?")."""
    found: set[str] = set()
    for text in texts:
        for m in _IN_PLACE.finditer(text):
            name = m.group(1).rstrip(".")
            if POSSESSIVE.search(name):
                continue  # "in Trump's administration": whose, not where
            if not is_known_place(name):
                found.add(span_key(name))
    return frozenset(found)


# A question about someone's family asks for a relative, who may share their surname.
_FAMILY = re.compile(
    rf"\b(?:{_KIN}|spouse|married|marry|child|children|kids?|parents?|siblings?|family|"
    r"relatives?|grand\w+|niece|nephew|cousin|heir|in-laws?)\b",
    re.IGNORECASE,
)


def asks_family(question: str) -> bool:
    """Whether the question asks about someone's family ("Who is Paul Pelosi's wife?")."""
    return bool(_FAMILY.search(question))


def surnames_asked(question: str) -> dict[str, str]:
    """The surnames of the full names a question gives (span keys), each with its name:
    "Who attacked Paul Pelosi?" -> {"pelosi": "paul pelosi"}. Another name ending with
    one of them is a relative of the person asked about, not the answer."""
    names = (span_key(POSSESSIVE.sub("", run)) for run in capitalised_phrases(question))
    return {name.split()[-1]: name for name in names if len(name.split()) >= 2}


def titled_as(text: str, span: Span, title: str) -> bool:
    """Whether the sentence writes the span with `title` ("King Charles III", "Prime
    Minister Rishi Sunak"), the title inside the span or right before it."""
    words_of_title = _title_words(title)
    return bool(
        re.match(words_of_title + r"\s", span.text, re.IGNORECASE)
        or re.search(
            r"(?:^|\s)" + words_of_title + r"\s+$",
            text[max(0, span.start - 40) : span.start],
            re.IGNORECASE,
        )
    )


_OWN_BEFORE = re.compile(r"\b(?:his|her)\s+(?:the\s+)?$", re.IGNORECASE)


def written_as_own(text: str, span: Span) -> bool:
    """Whether the sentence writes the span as someone's own: "her Seattle Storm"."""
    return bool(_OWN_BEFORE.search(text, max(0, span.start - 12), span.start))


# "Ali Akbar Velayati, a top adviser to Iran's supreme leader": someone described by their
# tie to another person, who is the one the rest of the apposition names.
_TIED_TO = re.compile(
    r",\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+){0,3}?(?:advis[eo]rs?|aides?|"
    r"assistants?|deputy|deputies|spokes(?:man|woman|person)|lawyers?|attorneys?|sons?|"
    r"daughters?|wife|husband|widow|brother|sister|mother|father|friends?|ally|allies|critics?|"
    r"rivals?)\s+(?:to|of|for)\s+([^,;:.—–]{1,80})",
    re.IGNORECASE,
)


def tied_to(text: str, span: Span) -> str:
    """The one the sentence ties the span to in an apposition ("Iran's supreme leader" for
    "Ali Akbar Velayati, a top adviser to Iran's supreme leader"), or ""."""
    m = _TIED_TO.match(text, span.end)
    return m.group(1) if m else ""


def tied_to_holder(text: str, span: Span, title: str) -> bool:
    """Whether an apposition ties the span to the holder of `title` ("a top adviser to
    Iran's supreme leader" for "supreme leader"): someone else than the holder."""
    tie = tied_to(text, span)
    return bool(tie) and re.search(rf"\b{_title_words(title)}\b", tie, re.IGNORECASE) is not None


def _title_words(title: str) -> str:
    """A pattern of a title's words, any spacing between them ("prime  minister")."""
    return r"\s+".join(map(re.escape, title.split()))


_SUSPECT = (
    r"(?:suspect(?:ed)?|gunman|shooter|attacker|assailant|accused|alleged|killer|"
    r"perpetrator|charged|arrested|identified as|named as|person of interest)"
)
_SUSPECT_BEFORE = re.compile(rf"\b{_SUSPECT}\b\W?(?:\s+\S+){{0,6}}\s+$", re.IGNORECASE)
_SUSPECT_AFTER = re.compile(
    rf"^(?:,\s+(?:a\s+|an\s+|the\s+)?(?:\S+\s+){{0,3}}{_SUSPECT}\b|\s+(?:was|is|has been)"
    rf"\s+(?:\S+\s+)?{_SUSPECT}\b)",
    re.IGNORECASE,
)


_TELLS_SUSPECT = re.compile(rf"\b{_SUSPECT}\b", re.IGNORECASE)


def tells_of_suspect(text: str) -> bool:
    """Whether a sentence speaks of a suspect at all ("The suspect, Tetsuya Yamagami, ...")."""
    return bool(_TELLS_SUSPECT.search(text))


def names_as_suspect(text: str, span: Span) -> bool:
    """Whether the sentence names the span as the suspect: "identify suspect in Paul Pelosi
    attack as David DePape", "the gunman, Payton Gendron,", "DePape, 42, was charged"."""
    return bool(
        _SUSPECT_BEFORE.search(text, max(0, span.start - 60), span.start)
        or _SUSPECT_AFTER.match(text[span.end : span.end + 60])
    )


# The deed a culprit question asks about, by the stem of its verb ("shot" -> "shot",
# "shoots"; "attacked" -> "attacked", "attacks"), done by the one named right before it.
_DEEDS = {"shot": r"sho(?:t|ots)", "opened fire": r"open(?:ed|s)\s+fire"}
_DOER_GAP = (
    r"(?:,\s*(?:who|allegedly)\b|\s+(?:allegedly|who|had|has|then|also)\b|,[^,]{0,60},){0,2}\s+"
)
# "Abe shot and killed", "al-Zawahri killed in US drone strike": a headline's passive
_SUFFERED = re.compile(
    r"\s+(?:and\s+\w+|in|by|at|during|while|on|after|outside|near|dead)\b", re.IGNORECASE
)


def did_the_deed(text: str, span: Span, verb: str) -> bool:
    """Whether the sentence makes the span the doer of the question's deed `verb` ("a
    gunman shot Abe", "DePape, 42, allegedly attacked Paul Pelosi")."""
    key = " ".join(verb.lower().split())
    if key not in _DEEDS and " " in key:
        return True  # "Who is behind ...?", "Who carried out ...?": said too many ways
    # (a verb's past or present, not its bare form or -ing: "Paul Pelosi attack", "al-Zawahri
    # killing" name the deed done to them)
    deed = _DEEDS.get(key) or re.escape(re.sub(r"(?:ed|d)$", "", key)) + r"(?:ed|d|s)"
    m = re.match(rf"{_DOER_GAP}{deed}\b", text[span.end :], re.IGNORECASE)
    return m is not None and not _SUFFERED.match(text, span.end + m.end())


# "Who holds the record ...?", "Which company makes ...?": the verb its answer is the
# subject of (not an auxiliary: "Who is ...?", "Who was arrested?" ask otherwise).
_ASKS_SUBJECT = re.compile(
    r"^\s*(?i:who|(?:which|what)\s+(?!of\b)[\w'’-]+(?:\s+[\w'’-]+)??)\s+"
    r"(?i:(?:has|have|had|will|would|could|did|does|do)\s+)?([a-z]+)\b"
)
_AUXILIARIES = frozenset(
    {"is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can"}
    | {"could", "did", "does", "do", "should", "may", "might", "must", "shall", "s"}
)
_NEXT_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
_CONJUNCT = re.compile(r"^\s+and\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
# Between a subject and its verb: nothing, an aside in commas, a relative "who", an adverb.
_SUBJECT_GAPS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\s+",
        r",[^,]{0,60},\s+",
        r"\s+(?:allegedly|also|then|now|still|has|have|had|will)\s+",
        r"\s+(?:has|have|had)\s+(?:also|now|long|already)\s+",
    )
)


@dataclass(frozen=True)
class Deed:
    """What a who/which question asks the doer of: its verb's lemma and the terms of what
    follows the verb ("Who holds the record?": "hold", {"record"})."""

    verb: str
    objects: frozenset[str]


def subject_verb(question: str) -> Deed | None:
    """The deed a who/which question asks the subject of ("Who holds the record?"), or
    None ("Who is ...?", "Who was arrested?")."""
    lex = lexicon()
    m = _ASKS_SUBJECT.match(question)
    if lex is None or m is None or m.group(1) in _AUXILIARIES:
        return None
    lemma = lex.verb_lemma(m.group(1))
    return Deed(lemma, frozenset(terms(question[m.end() :]))) if lemma else None


def does_the_verb(text: str, span: Span, deed: Deed) -> bool:
    """Whether the span is the subject of a form of the deed's verb right after it, with
    something of what the question says it does after it ("Barry Bonds holds the major
    league record" for "Who holds the record?", not "Mary Peltola leads the House race" for
    "Who leads the Senate?"); an aside, a relative clause or a conjoined name may stand
    between ("Bonds, who played for the Giants, holds"; "Maryland and Missouri approved")."""
    lex = lexicon()
    if lex is None:
        return False
    after = _CONJUNCT.sub("", text[span.end :], count=1)
    for gap in _SUBJECT_GAPS:
        m = gap.match(after)
        word = _NEXT_WORD.match(after, m.end()) if m else None
        if word is not None and lex.verb_lemma(word.group().lower()) == deed.verb:
            return not deed.objects or bool(deed.objects & set(terms(after[word.end() :])))
    return False


_WIN_WORD = r"won|wins?|winning|winner|victory|victorious|beat|beats|defeat(?:ed|s|ing)"
_WIN_WORDS = re.compile(rf"\b(?:{_WIN_WORD})\b", re.I)
# Any word that tells of a win, in any form: the sentences that can say who won.
_MENTIONS_WIN = re.compile(
    rf"\b(?:{_WIN_WORD}|winners|victories|beating|defeat|took home|takes home|"
    r"clinch(?:ed|es|ing)?|captur(?:ed|es|ing)|claim(?:ed|s|ing)|crowned|(?:re-?)?elected|"
    r"champions?|awarded)\b",
    re.IGNORECASE,
)


def mentions_win(text: str) -> bool:
    """Whether the text tells of a win at all ("Lula da Silva defeats Bolsonaro", "wins
    Hart Trophy"), whoever won."""
    return bool(_MENTIONS_WIN.search(text))


_LOSE_WORDS = re.compile(r"\b(?:lost|loses?|losing|loser|conceded?|concedes|conceding)\b", re.I)
# "defeated incumbent Jair Bolsonaro", "a win over the Phillies", "the Netherlands knocked
# the United States out": the one who lost.
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)  # a passive's doer
_BEATEN_BEFORE = re.compile(
    r"\b(?:defeat(?:ed|ing|s)?|beat(?:en|ing|s)?|over|against|unseat(?:ed|ing|s)?|oust(?:ed|ing|s)?|"
    r"edg(?:ed|ing|es)(?: out)?|top(?:ped|ping|s)?|knock(?:ed|ing|s)?(?: out)?|"
    r"eliminat(?:ed|ing|es)|dump(?:ed|ing|s)?(?: out)?)\s+(?:[\w.'’-]+\s+){0,6}$",
    re.IGNORECASE,
)
_LOST_TO_BEFORE = re.compile(
    r"\b(?:lost|loses|losing|conceded|concedes|conceding|fell|falls) to\s+(?:[\w.'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "Bolsonaro, the incumbent, lost", "Perdue conceded", "X has never won", "The U.S. men have
# never won": not the winner.
_LOST_AFTER = re.compile(
    r"^(?:,[^,]{0,40},)?\s*(?:has |had |was |were |who )?(?:lost|loses|conceded|concedes|fell|"
    r"was defeated|was beaten|finished second|(?:was |were )?(?:knocked|crashed|bowed) out|"
    r"(?:was |were )?eliminated)\b"
    r"|^(?:,[^,]{0,40},)?\.?(?:['’]s)?\s*(?:[a-z][\w-]*\s+){0,2}(?:(?:has|have|had|did|does|do)"
    r"(?:n['’]t| not| never)|never|failed to)\s+(?:yet\s+|ever\s+)?(?:win|won|wins|beat|beaten|"
    r"defeated)\b",
    re.IGNORECASE,
)


# Right after a name, the win it is the subject of: "Lula da Silva defeated ...",
# Verbs that put out the one beaten ("the Netherlands knocked the United States out"): a
# win for the one before them, asked as one ("Which team knocked the US out ...?").
KNOCKOUT_VERBS = r"knocked|knocks|eliminated|eliminates|ousted|ousts|upset|upsets"
# "Auston Matthews wins Hart Trophy", "the Astros have won the World Series".
_VERB_AFTER = r"['’]?s?\s+(?:(?:has|have|had|finally|narrowly|easily)\s+)?"
# ("He was awarded the Nobel Peace Prize": a prize given, a win too)
_WIN_VERBS = (
    r"won|wins?|clinched|clinches|captured|captures|took\s+home|(?:was|were|been)\s+awarded"
)
_WON_AFTER = re.compile(
    rf"{_VERB_AFTER}(?:{_WIN_VERBS}|beat|beats|defeated|defeats|{KNOCKOUT_VERBS})\b",
    re.IGNORECASE,
)
# "England won its first ...": the prize itself, not a match ("knocked the US out")
_WON_ITSELF = re.compile(rf"{_VERB_AFTER}(?:{_WIN_VERBS})\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")
# Right before a name, a prize given to it: "The Nobel Peace Prize ... was jointly awarded
# today to human rights activist Ales Bialiatski".
_AWARDED_TO_BEFORE = re.compile(
    r"\bawarded\s+(?:[\w'’-]+\s+){0,2}?to\s+(?:[\w.'’-]+\s+){0,3}$", re.IGNORECASE
)


# A win of a share, not of the contest: "Warnock won 1,941,275 votes", "Walker captured
# 67.6% of the votes" (in one county).
_SHARE_WON = re.compile(
    r"\s*(?:(?:about|around|nearly|almost|roughly|just|over|more than|less than|only)\s+)?"
    r"[$£€]?\d[\d,.]*(?![\d,.])(?![-–]\d)",  # (not a score: "England won 2-1")
    re.IGNORECASE,
)


# Later in the span's clause, the win it came by: "Luiz Inácio Lula da Silva is set to become
# the next president of Brazil, after defeating his rightwing rival".
_WON_LATER = re.compile(r"[^.;:!?]{0,80}?,?\s+after\s+(?:defeating|beating|winning)\b")


def _won_after(text: str, span: Span) -> bool:
    """A win verb right after the span whose object is not a count or a share of votes, or
    one later in its clause ("... after defeating his rival")."""
    m = _WON_AFTER.match(text, span.end)
    if m is not None:
        return not _SHARE_WON.match(text, m.end())
    return bool(_WON_LATER.match(text, span.end))


def won_then(text: str, span: Span, asked_years: AbstractSet[str]) -> bool:
    """Whether the sentence makes the span the subject of a win, not one it dates to
    another year than the question's ("the St. Louis Blues won the Stanley Cup in 2019"),
    nor a win of votes ("Warnock won 1,941,275 votes while Walker won 1,906,192")."""
    if not _won_after(text, span) and not _awarded_to(text, span):
        return False
    dated = _IN_YEAR.search(text, span.end, span.end + 80)
    return dated is None or dated.group(1) in asked_years


_ELECTED_AFTER = re.compile(rf"{_VERB_AFTER}(?:was\s+|is\s+)?(?:re-?)?elected\b", re.IGNORECASE)


def tells_win(text: str, span: Span) -> bool:
    """Whether the sentence tells the span won, in any year and any words: a win verb after
    it ("Brian Kemp won"), elected ("Brian Kemp reelected as Georgia governor"), or someone
    conceding to it ("Stacey Abrams conceded to Brian Kemp")."""
    return bool(
        _won_after(text, span)
        or _awarded_to(text, span)
        or _ELECTED_AFTER.match(text, span.end)
        or _LOST_TO_BEFORE.search(text[max(0, span.start - 60) : span.start])
    )


def _awarded_to(text: str, span: Span) -> bool:
    return bool(_AWARDED_TO_BEFORE.search(text, max(0, span.start - 80), span.start))


# Words that name a contest or its prize in general ("the Stanley Cup title", "the World Cup
# final"): they set no contest apart from another.
_PRIZE_WORDS = frozenset(
    {
        "title", "titles", "crown", "championship", "championships", "trophy", "prize",
        "prizes", "award", "awards", "medal", "medals", "final", "finals", "game", "games",
        "series", "match", "race", "cup", "election", "primary", "nomination", "seat",
        "tournament", "event", "runoff", "vote", "ballot", "contest",
    }
)  # fmt: skip
_JOINS = frozenset({"for", "in", "of"})
_WON_WORD = re.compile(r"[\w'’-]+")


def won_other(text: str, span: Span, asked: AbstractSet[str]) -> bool:
    """Whether the span's win is of another kind than the one asked (`asked`: the terms of
    what the question asks the winner of): its object goes on from a word the question
    shares to one it lacks ("won the Nobel Prize for physics" for the Nobel Peace Prize,
    "won best actress" for best actor)."""
    if _awarded_to(text, span):
        # "The Nobel Peace Prize, one of ..., was jointly awarded today to": the prize before
        given = text.rfind("awarded", 0, span.start)
        pieces = re.split(r"[,;:.—–]", text[max(0, given - 120) : given])
    elif _WON_ITSELF.match(text, span.end):
        pieces = [won_what(text, span)]  # (not whom it beat: "defeats Bolsonaro in ... runoff")
    else:
        return False
    return any(_goes_on_to_other(_WON_WORD.findall(piece), asked) for piece in pieces)


def _goes_on_to_other(found: list[str], asked: AbstractSet[str]) -> bool:
    for at, word in enumerate(found[:-1]):
        if not set(terms(word)) & asked:
            continue
        after = found[at + 1]
        if after.lower() in _JOINS and at + 2 < len(found):
            after = found[at + 2]
        other = set(terms(after))
        if after.lower() in _PRIZE_WORDS or not other or other & asked:
            continue
        if not any(t[0].isdigit() for t in other):
            return True
    return False


def won_what(text: str, span: Span) -> str:
    """The words after the verb of the span's win, up to a clause's end ("best picture" in
    "'CODA' wins best picture, Will Smith ..."), or "" when the sentence says no win."""
    m = _WON_AFTER.match(text, span.end)
    if m is None:
        return ""
    return re.split(r"[,;:.—–]|\band\b", text[m.end() : m.end() + 60])[0]


def says_won(text: str, span: Span, asked_years: AbstractSet[str]) -> bool:
    """Whether the sentence says the span won (a prize, a title, an election: "England won
    its first ever major women's championship"), not only that it beat someone, dated to
    no other year than the question's."""
    return bool(_WON_ITSELF.match(text, span.end) or _awarded_to(text, span)) and won_then(
        text, span, asked_years
    )


def names_as_loser(text: str, span: Span) -> bool:
    """Whether the sentence says the span lost: beaten by someone named before it, losing
    after it, or a sentence only about losing ("after losing the runoff, President Jair
    Bolsonaro has still not conceded")."""
    before = text[max(0, span.start - 60) : span.start]
    if beaten_before(text, span.start):
        return True
    if _LOST_TO_BEFORE.search(before):
        return False  # "Stacey Abrams conceded to Brian Kemp": the winner
    if _LOST_AFTER.match(text[span.end : span.end + 60]):
        return True
    return bool(_LOSE_WORDS.search(text)) and not _WIN_WORDS.search(text)


# "Who did the Astros beat in the World Series?", "Which team did Argentina defeat?": the one
# beaten, by the name after "did".
_ASKS_BEATEN = re.compile(
    r"\b(?i:(?:who(?:m)?\s+|which\s+(?:[\w'’-]+\s+){1,2}?)did\s+(?:the\s+)?)"
    r"((?:[A-Z][\w.'’-]*\s+)+)(?:beat|defeat|top|edge|eliminate|oust|unseat|knock\s+out)\b"
)


def winner_of_beaten(question: str) -> str:
    """The winner a "Who did X beat?" question names ("Astros"), or ""."""
    m = _ASKS_BEATEN.search(question)
    return m.group(1).strip() if m else ""


def beaten_named(text: str, winner: str) -> bool:
    """Whether the sentence makes `winner` the one beaten ("Liz Truss beat Rishi Sunak" for
    "Who did Rishi Sunak beat?": the opposite of what is asked)."""
    last = winner.split()[-1]
    return any(
        beaten_before(text, m.start())
        for m in re.finditer(rf"\b{re.escape(last)}\b", text, re.IGNORECASE)
    )


def beats(text: str, span: Span, winner: str) -> bool:
    """Whether the sentence names `winner` before the span and the span as the one beaten
    ("The Houston Astros ... after defeating the Philadelphia Phillies")."""
    before = fold(text[: span.start])
    return beaten_before(text, span.start) and all(
        re.search(rf"\b{re.escape(fold(w))}\b", before) for w in winner.split()
    )


# A knockout round a text names: "quarterfinal", "quarter-finals", "semis", "final(s)".
_ROUND = re.compile(r"\b(?:(quarter|semi)\s?-?\s?finals?|(quarter|semi)s|(finals?))\b", re.I)


def _rounds(text: str) -> set[str]:
    """The knockout rounds a text names: "quarter", "semi" or "final"."""
    found: set[str] = set()
    for m in _ROUND.finditer(text):
        found.add(fold(m.group(1) or m.group(2) or "final").rstrip("s"))
    return found


def round_asked(question: str) -> str:
    """The knockout round the question asks about ("in the US Open final": "final"), or
    "" when it names none or several."""
    rounds = _rounds(question)
    return rounds.pop() if len(rounds) == 1 else ""


def names_other_round(text: str, asked: str) -> bool:
    """Whether a sentence tells of another knockout round than the one asked ("beat Jessica
    Pegula ... in a women's quarterfinal" for the final): it names a quarterfinal or a
    semifinal, and not the round asked."""
    rounds = _rounds(text)
    return bool(rounds - {"final"} - {asked}) and asked not in rounds


def beaten_before(text: str, at: int) -> bool:
    """Whether the words before offset `at` make what stands there the one beaten
    ("Liz Truss beat | Rishi Sunak")."""
    if _BY_BEFORE.search(text, max(0, at - 10), at):
        return False  # "he was beaten to office by | Liz Truss": the winner
    return bool(_BEATEN_BEFORE.search(text, max(0, at - 60), at))


# "Who plays Princess Diana in the series?", "Who will portray Elvis?": the part asked.
_ASKS_PLAYER = re.compile(
    r"\b(?i:who\s+(?:(?:will|is\s+set\s+to|is\s+going\s+to)\s+)?"
    r"(?:plays?|played|portrays?|portrayed|stars?\s+as|starred\s+as|voices?|voiced))\s+"
    r"(?:the\s+)?((?:[A-Z][\w'’.-]*\s*)+)",
)


def part_asked(question: str) -> str:
    """The part a "Who plays X?" question asks the player of ("Princess Diana"), or ""."""
    m = _ASKS_PLAYER.search(question)
    return m.group(1).strip() if m else ""


def plays_part(text: str, span: Span, part: str) -> bool | None:
    """Whether the sentence casts the span as `part` ("Elizabeth Debicki as Princess
    Diana"): True; False when the span is itself a part someone is cast as ("Dominic West
    as Prince Charles") or the part asked ("Elvis Presley" for "Who plays Elvis?"); None
    when it says neither."""
    last = re.escape(part.split()[-1])
    if re.search(rf"\b{last}\b", span.text):
        return False
    if re.match(rf"\s+as\s+(?:the\s+)?(?:{re.escape(part)}|{last})\b", text[span.end :]):
        return True
    if re.search(r"[A-Z][\w'’-]+\s+as\s+(?:the\s+)?$", text[max(0, span.start - 60) : span.start]):
        return False
    return None
