"""The short span that answers a question: a name, a number with its noun, a date, a place.

The question says what kind of answer it wants (`assistant.answer.targets.target_of`).
`Asked.of` reads the question once; `Asked.spans` lists the spans of that kind in one
sentence, each with its offsets in the sentence; words of the question are never an
answer. Plain string rules, no model: they run on every sentence the answerer considers.
Names are found by `assistant.answer.name_runs` and weighed as the asked kind (a person, an
organisation, a place, a named thing) by `assistant.answer.name_kinds`; figures and dates
are read in `assistant.answer.figures`, answers in a sentence's own words (the completion
of an open question, words said, an acronym spelt out) in `assistant.answer.wording`. This
module reads the question once and adds what needs the whole question: the span in its
gap, a name said to be or to head a list of the asked things, kinds of the asked noun.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from assistant.answer.alignment import Gap
from assistant.answer.answer_span import Span
from assistant.answer.figures import (
    asks_biggest_rise,
    asks_price,
    biggest_rise,
    counted_noun,
    counts_people,
    date_spans,
    number_spans,
    relative_time_words,
)
from assistant.answer.kinds import asked_kind_of, kind_words, new_words
from assistant.answer.locating import located_subject
from assistant.answer.matching import (
    QuestionInfo,
    asking_sentence,
    expanded_acronym,
)
from assistant.answer.name_kinds import ASKS_SOURCE, entity_spans, noun_forms
from assistant.answer.name_runs import (
    capitalised_words,
    is_question_word,
    one_word_names,
    question_words,
)
from assistant.answer.places import PlaceKind, place_kind
from assistant.answer.targets import (
    Target,
    asked_kind,
    asked_noun,
    asked_phrase,
    asked_title_family,
    asks_by_person_noun,
    asks_name,
    asks_title,
    asks_type_of,
    asks_words,
)
from assistant.answer.wording import (
    completion_spans,
    completion_tail,
    spelt_out,
    words_quoted,
)
from assistant.query.latest import asks_latest
from index.text.lexicon import Kind
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.terms import fold

# "is the", "has long been the", "remains the": the subject is one of the asked things ...
_COPULA = (
    r"(?:(?:has|have|had)\s+(?:long\s+|also\s+|now\s+)?been|is|was|are|were|became|becomes|"
    r"remains|remained)\s+(?:the|a|an|this|its|their)"
)
# ... and so is what heads a list of them: "Pennsylvania once again tops the list of seats"
_HEADS_LIST = r"(?:tops|topped|leads|led|heads|headed)\s+the\s+(?:list|ranking)\s+of(?:\s+the)?"


@lru_cache(maxsize=256)
def _copula_pattern(noun: str) -> re.Pattern[str]:
    """A sentence opening "<up to six words> is the ... <noun>" ("(CNN) The purple peanut
    M&M is the first new character"; "Pennsylvania – a state Biden won in 2020 – has long
    been the seat most likely to flip", "Pennsylvania once again tops the list of seats"):
    its subject in group 1."""
    forms = "|".join(re.escape(f) for f in noun_forms(fold(noun)))
    return re.compile(
        rf"\s*(?:\(\w+\)\s*)?((?:[\w'’&.-]+\s+){{0,5}}?[\w'’&.-]+)"
        rf"(?:\s+[—–]\s+[^—–]{{1,80}}?\s+[—–])?\s+(?:once\s+again\s+|still\s+|also\s+)?"
        rf"(?:{_COPULA}|{_HEADS_LIST})\s+(?:[\w'’-]+\s+){{0,4}}?(?:{forms})\b",
        re.IGNORECASE,
    )


# The words a revealed answer stops before: punctuation, or a verb or a preposition that
# goes on with the sentence ("an edit button that ...").
_REVEAL_END = (
    r"(?=\s*[.,;:!?)”\"—–]|\s+(?:and|or|that|which|who|is|was|are|were|will|would|has|have|"
    r"for|to|in|on|at|with|from|by|as)\b|\s*$)"
)


KICKER_WORDS = 4  # a noun and a colon this early in a sentence label it
# "At the top of the list is ...", "Topping the rankings was ...": what heads a list
_TOP_OF_LIST = re.compile(
    r"\b(?:top(?:ping)?\s+(?:of\s+)?the\s+(?:list|ranking|rankings|chart|charts)|"
    r"(?:heading|leading)\s+the\s+(?:list|ranking|rankings)),?\s+(?:is|was|are|were)\s+"
    rf"(?:the\s+|an?\s+)?([\w'’-]+(?:\s+[\w'’-]+){{0,3}}?){_REVEAL_END}",
    re.IGNORECASE,
)
# A dash opening an aside a few words before the asked noun ("eggs — supermarket staples")
_OPENED_ASIDE = re.compile(r"\s[—–]\s*(?:[\w'’-]+\s+){0,3}$")


@lru_cache(maxsize=256)
def _revealed_pattern(noun: str) -> re.Pattern[str]:
    """The asked noun, a colon or a dash, then up to four words: what it is (group 1,
    without its article)."""
    forms = "|".join(re.escape(f) for f in noun_forms(noun))
    return re.compile(
        rf"\b(?:{forms})\s*(?::|—|–|\s-)\s*(?:an?\s+|the\s+)?"
        rf"([\w'’-]+(?:\s+[\w'’-]+){{0,3}}?){_REVEAL_END}",
        re.IGNORECASE,
    )


# What a kind word holds: "of" and up to three lower-case words that are no function words.
_NOT_CONTENT = r"(?:the|a|an|its|their|his|her|this|that)\b"
_CONTENT_ENDS = r"(?:and|or|at|in|on|to|for|from|with|by|was|were|is|are|that|which)\b"
_CONTENTS = re.compile(
    rf"\s+of\s+((?!{_NOT_CONTENT})[a-z][a-z-]*(?:\s+(?!{_CONTENT_ENDS})[a-z][a-z-]*){{0,2}})\b"
)
# ... or a title: "the upcoming series of I’m a Celebrity… Get Me Out of Here!"
_TITLE_HELD = re.compile(r"\s+of\s+([A-Z][^,;:.!?“”\"]*[^,;:.!?“”\"\s])")
TITLE_HELD_WORDS = 8


# "What is the name of Elon Musk's company ...?": the name whose thing is asked for.
_OWNER_ASKED = re.compile(
    r"\b(?i:which|what|name of)\s+(?:[\w'’-]+\s+){0,3}?(?:[A-Z][\w.&-]*\s+){0,3}?"
    r"([A-Z][\w.&-]*)['’]s\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)\b"
)


def _owner_asked(asking: str, head: str) -> str:
    """Whose `head` the question asks for ("musk"), or "" ("Which new treat did McDonald’s
    add ...?" asks for no thing of McDonald's)."""
    m = _OWNER_ASKED.search(asking)
    return fold(m.group(1)) if m and head and fold(m.group(2)) == fold(head) else ""


GAP_STRENGTH = 1.0  # a span in the question's gap is clearly the answer ...
GAP_FLOOR = 0.3  # ... unless it was hardly a span of the asked kind at all
# "which insect" -> "butterfly": a word WordNet puts under the noun is of the kind asked
# for, but a common noun is a weaker answer than a name: it leads from a sentence close to
# the best one, or where it fills the question's gap.
KIND_STRENGTH = 0.65
NEW_WORD_STRENGTH = 0.6  # a word too new for WordNet: of no known kind, but clear enough
# "The purple peanut M&M is the first new character ...": a name said to be the asked thing.
COPULA_STRENGTH = 0.8


@dataclass(frozen=True)
class Asked:
    """What a question asks for, read once per answer rather than once per sentence."""

    question: str
    info: QuestionInfo
    target: Target
    words: AbstractSet[str]  # the question's own words: never the answer
    place: PlaceKind | None  # "which country": the kind of place asked for
    named: bool  # asks what something is called
    titled: bool  # asks for a titled thing (a show, a song, a word)
    title_family: str  # ... of this family, when it names one ("song": a single, a track)
    source: bool  # asks who said or reported something
    noun: str  # the organisation, place or person noun asked for ("which pizza chain")
    phrase: tuple[str, ...]  # lower-case words of any "which/what X" phrase ("national park")
    capitalised: frozenset[str]  # the words it writes capitalised (folded): its names
    tail: tuple[str, ...] = ()  # the open end of a question left open ("... his wrist in:")
    located: str = ""  # "Where is Mariupol?": the name whose place is asked
    gap: Gap = field(default_factory=Gap)  # the question's words around its wh-phrase
    head: str = ""  # the noun a which/what phrase names the answer's kind with ("insect")
    kind: Kind | None = None  # "which insect": the WordNet senses a common noun answer is under
    subtypes: bool = False  # "What type of loans ...?": a compound ending on the noun answers
    counted: frozenset[str] = frozenset()  # "how many baby swings": stems of what is counted
    people_counted: bool = False  # "how many Russians": people are counted
    price: bool = False  # "How much did Musk pay for Twitter?": the price paid
    latest: bool = False  # asks for the newest state of its story (`assistant.query.latest`)
    when: frozenset[str] = frozenset()  # "this year", "last week": stems of its time words
    the_names: frozenset[str] = frozenset()  # "the Astros": one-word names after "the"
    says: bool = False  # asks for words written or said ("a sign saying what?")
    expands: str = ""  # "What does PSL stand for?": the acronym whose words are asked
    owner: str = ""  # "the name of Elon Musk's company": whose thing is asked ("musk")
    biggest_rise: bool = False  # "Which item has seen the biggest increase?"
    by_person_noun: bool = False  # "Which of his children ...?": no organisation answers

    @classmethod
    def of(cls, question: str, info: QuestionInfo, target: Target) -> Asked:
        asking = asking_sentence(question)
        head = asked_kind(question) if target == "entity" else ""
        named = asks_name(question)
        titled = asks_title(question)
        return cls(
            question=question,
            info=info,
            target=target,
            words=frozenset(question_words(info, question)),
            place=place_kind(asking) if target == "place" else None,
            named=named,
            titled=titled,
            title_family=asked_title_family(question) if titled else "",
            source=bool(ASKS_SOURCE.search(asking)),
            noun=asked_noun(question),
            phrase=asked_phrase(question),
            capitalised=capitalised_words(question),
            tail=tuple(completion_tail(question)),
            located=located_subject(question) if target == "place" else "",
            gap=Gap.of(question),
            head=head,
            # (what a thing is called is a name, not a kind of it: "the public health
            # restrictions" do not answer "What is the rule called?")
            kind=None if named else asked_kind_of(head),
            subtypes=bool(head) and asks_type_of(question),
            counted=counted_noun(question) if target == "number" else frozenset(),
            people_counted=target == "number" and counts_people(question),
            price=target == "number" and asks_price(question),
            latest=asks_latest(question),
            when=relative_time_words(question),
            the_names=one_word_names(question),
            says=asks_words(question),
            expands=expanded_acronym(question),
            owner=_owner_asked(asking, head),
            biggest_rise=target == "entity" and asks_biggest_rise(asking),
            by_person_noun=target == "person" and asks_by_person_noun(question),
        )

    def spans(self, sentence: str, ordinary: frozenset[str] | None = None) -> list[Span]:
        """The spans of the asked-for kind in one sentence (offsets within the sentence).

        `ordinary`: words the surrounding text writes in lower case; one of them
        capitalised at a sentence's start is a word, not a name ("Fares could surge").
        A question left open is completed by what follows its open end in the sentence."""
        found = completion_spans(sentence, list(self.tail), self.names) if self.tail else []
        if self.says:
            found += words_quoted(sentence)
        if self.expands:
            found += spelt_out(sentence, self.expands)
        return [self._in_gap(sentence, s) for s in found + self._kind_spans(sentence, ordinary)]

    def _in_gap(self, sentence: str, span: Span) -> Span:
        """A span standing where the question's gap is ("The first edition of Emma" for
        "A first edition of which Jane Austen novel ...?") is a clear answer, unless the
        question names a kind of place (then the kind decides: "Kim Jong Un declared
        victory" for "Which country declared victory ...?")."""
        if (
            self.place is None
            and GAP_FLOOR <= span.strength < GAP_STRENGTH
            and self.gap.fills(sentence, span.start, span.end)
        ):
            return Span(span.text, span.start, span.end, span.kind, GAP_STRENGTH)
        return span

    @cached_property
    def names(self) -> frozenset[str]:
        """The names the question writes: its capitalised words past its first, not
        function words ("nobel", "peace", "prize" for "Who won the Nobel Peace Prize?")."""
        first = fold(self.question.split()[0]) if self.question.split() else ""
        return frozenset(w for w in self.capitalised if w != first and w not in STOPWORDS)

    def names_kind(self, sentence: str) -> bool:
        """Whether the sentence names a kind of the asked noun ("It is mustard" for "which
        condiment") or says what it is after a colon ("feature: an edit button"): it has
        the asked type of answer."""
        return (self.kind is not None and bool(self._kind_words(sentence))) or bool(
            self._revealed(sentence)
        )

    def _kind_words(self, sentence: str) -> list[Span]:
        """Common nouns under the question's noun ("which condiment" -> "mustard")."""
        assert self.kind is not None
        out = []
        for text, start, end in kind_words(
            sentence,
            self.kind,
            lambda text: is_question_word(text, self.words),
            subtypes=self.subtypes,
        ):
            contents = _CONTENTS.match(sentence, end) or _TITLE_HELD.match(sentence, end)
            if contents is not None and len(contents.group(1).split()) <= TITLE_HELD_WORDS:
                # "A shipment of baby wipes", "the series of I’m a Celebrity ...": what it
                # holds, not the shipment or the series
                text, start, end = contents.group(1), contents.start(1), contents.end(1)
            out.append(Span(text, start, end, "entity", KIND_STRENGTH))
        return out

    def _new_words(self, sentence: str) -> list[Span]:
        """Words too new for WordNet ("which virus" -> "monkeypox"): of no known kind, so
        weaker than a word WordNet puts under the asked noun; not one ending on the asked
        noun, which only narrows it ("an exoplanet" for "which planet")."""
        noun = self.kind.noun if self.kind is not None else ""
        return [
            Span(text, start, end, "entity", NEW_WORD_STRENGTH)
            for text, start, end in new_words(
                sentence, lambda text: is_question_word(text, self.words)
            )
            if not (noun and text.rstrip("s").endswith(noun))  # "exoplanet": a planet's kind
        ]

    def _revealed(self, sentence: str) -> list[Span]:
        """What a sentence writes right after the asked noun and a colon or a dash: "its
        most anticipated feature: an edit button" for "Which new feature ...?"."""
        if not self.head:
            return []
        out = []
        for m in _revealed_pattern(fold(self.head)).finditer(sentence):
            text, start = m.group(1), m.start(1)
            if len(sentence[: m.start()].split()) < KICKER_WORDS:
                continue  # "Monkeypox outbreak: 1.6 million vaccines ...": a headline's label
            dash = ":" not in sentence[m.start() : m.start(1)]
            if dash and _OPENED_ASIDE.search(sentence, 0, m.start()):
                continue  # "milk, cheese and eggs — supermarket staples — shot up 9.5%": the
                # dash closes an aside naming what stands before it
            if not text[0].isalpha() or fold(text.split()[0]) in STOPWORDS:
                continue  # "drinks – and festive cups": no thing named
            if not is_question_word(text, self.words):
                out.append(Span(text, start, start + len(text), "entity", COPULA_STRENGTH))
        return out

    def _biggest_rise(self, sentence: str) -> list[Span]:
        """The thing a sentence listing rises gives the largest one, for a question asking
        which rose the most ("prices for eggs soared 38%, chicken jumped to 17.6% ...")."""
        found = biggest_rise(sentence) if self.biggest_rise else None
        if found is None or is_question_word(found[0], self.words):
            return []
        text, start, end = found
        return [Span(text, start, end, "entity", COPULA_STRENGTH)]

    def ranked_first(self, sentence: str) -> list[Span]:
        """For a which/what question asking for a named thing: what the sentence ranks
        first, the head of a list (`_heading_list`) or the largest of the rises it lists."""
        if self.target != "entity":
            return []
        return self._heading_list(sentence) + self._biggest_rise(sentence)

    def _heading_list(self, sentence: str) -> list[Span]:
        """What a sentence says stands at the top of a list or a ranking ("Coming out on the
        top of the list is the witch costume" for "Which is the most popular Halloween
        costume?")."""
        out = []
        for m in _TOP_OF_LIST.finditer(sentence):
            text, start = m.group(1), m.start(1)
            if fold(text.split()[0]) in STOPWORDS or is_question_word(text, self.words):
                continue
            out.append(Span(text, start, start + len(text), "entity", COPULA_STRENGTH))
        return out

    def _named_by_copula(self, sentence: str) -> list[Span]:
        """The subject of a sentence that says it is the asked thing ("The purple peanut
        M&M is the first new character in 10 years" for "Which new character ...?")."""
        m = _copula_pattern(self.head).match(sentence) if self.head else None
        if m is None:
            return []
        text, start = m.group(1), m.start(1)
        bare = re.match(r"(?:the|a|an|this|that)\s+", text, re.IGNORECASE)
        if bare:
            text, start = text[bare.end() :], start + bare.end()
        if is_question_word(text, self.words) or fold(text.split()[0]) in STOPWORDS:
            return []  # the question's own, or "It is ...", "Many are ..."
        if not any(w[0].isupper() or w[0].isdigit() for w in text.split()):
            return []  # a name, not a common noun ("The company is the largest airline")
        return [Span(text, start, start + len(text), "entity", COPULA_STRENGTH)]

    def _kind_spans(self, sentence: str, ordinary: frozenset[str] | None) -> list[Span]:
        match self.target:
            case "number" | "percent":
                return number_spans(
                    sentence,
                    self.info,
                    self.words,
                    percent=self.target == "percent",
                    counted=self.counted,
                    names=self.names,
                    when=self.when,
                    people=self.people_counted,
                    price=self.price,
                )
            case "date":
                return date_spans(sentence, self.question)
            case "entity" if self.kind is not None:
                found = (
                    entity_spans(sentence, self, ordinary)
                    + self._kind_words(sentence)
                    + self._named_by_copula(sentence)
                    + self._revealed(sentence)
                    + self.ranked_first(sentence)
                )
                # (a new word no other reading took: "named “permacrisis”" is named, 0.9)
                return found + [
                    new
                    for new in self._new_words(sentence)
                    if not any(s.start < new.end and new.start < s.end for s in found)
                ]
            case "entity":
                return (
                    entity_spans(sentence, self, ordinary)
                    + self._named_by_copula(sentence)
                    + self._revealed(sentence)
                    + self.ranked_first(sentence)
                )
            case "place" | "person" | "org":
                return entity_spans(sentence, self, ordinary)
            case _:
                return []


def spans_in(
    sentence: str,
    question: str,
    info: QuestionInfo,
    target: Target,
    ordinary: frozenset[str] | None = None,
) -> list[Span]:
    """`Asked.spans` for one sentence (an answer reads the question once: `Asked.of`)."""
    return Asked.of(question, info, target).spans(sentence, ordinary)


_CONJOINED = re.compile(r"^(?:,\s+(?:and\s+)?|\s+(?:and|&)\s+)$")


def joined(sentence: str, span: Span, others: list[Span]) -> Span:
    """`span` grown over the spans of its kind listed with it ("Finland and Sweden",
    "Lemons, charcoal and seawater"), for a question that asks for several things."""
    start, end = span.start, span.end
    grown = True
    while grown:
        grown = False
        for other in others:
            if other.end <= start and _CONJOINED.match(sentence[other.end : start]):
                start, grown = other.start, True
            elif other.start >= end and _CONJOINED.match(sentence[end : other.start]):
                end, grown = other.end, True
    if (start, end) == (span.start, span.end):
        return span
    return Span(sentence[start:end], start, end, span.kind, span.strength)
