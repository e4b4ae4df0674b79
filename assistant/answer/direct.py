"""The first line of an answer: the span that answers the question, chosen across sentences.

Candidates come from the best-scoring sentences of the retrieved passages (headlines
included: they often hold the crispest statement). Each span of the asked-for kind
(`assistant.answer.spans`) scores by the sentence it stands in (relative to the best
sentence) and by how clearly it is of that kind; the same answer carried by several
articles scores higher. When no span is clear enough, the answer is the best sentence,
cut to the clause that answers when it is long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from assistant.answer.answer_span import Span, span_key
from assistant.answer.figures import (
    asks_future_day,
    asks_year,
    names_other_sum,
    sums,
    tells_price,
)
from assistant.answer.matching import QuestionInfo, asking_sentence, question_word_hits
from assistant.answer.name_kinds import quoted_titles
from assistant.answer.name_runs import DEMONYMS, POSSESSIVE, demonym_forms, peoples_adjective
from assistant.answer.name_words import NOT_NAMES
from assistant.answer.relations import (
    KNOCKOUT_VERBS,
    asks_family,
    beaten_named,
    beats,
    did_the_deed,
    does_the_verb,
    names_as_loser,
    names_as_suspect,
    names_other_round,
    part_asked,
    people_named,
    places_named,
    plays_part,
    round_asked,
    says_won,
    subject_verb,
    surnames_asked,
    tells_of_suspect,
    tells_win,
    tied_to_holder,
    titled_as,
    winner_of_beaten,
    won_other,
    won_then,
    won_what,
    written_as_own,
)
from assistant.answer.spans import Asked, joined
from assistant.answer.succession import succession_side
from assistant.answer.targets import asks_several
from assistant.answer.verdicts import NEGATION
from assistant.query.latest import OFFICE_WORDS, succession_asked
from assistant.query.periods import WEEKDAYS
from assistant.query.recency import month_day_date, parse_published, relative_day, weekday_date
from index.text.lexicon import lexicon
from index.text.numbers import YEAR
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.terms import capitalised_phrases, fold, terms, words

POOL = 8  # sentences (best first) whose spans compete
RELATION_POOL = 24  # ... and those of these that tell what is asked (a suspect, a price)
MIN_RELATIVE = 0.6  # a sentence must score at least this share of the best one
MIN_STRENGTH = 0.6  # a span must be at least this clearly of the asked-for kind
MIN_VALUE = 1.15  # relative sentence score + 0.5 x strength of the winning span
SUPPORT_BONUS = 0.15  # per further article carrying the same answer (at most 3)
# another answer valued this close to the chosen one rivals it (its own sentence's value,
# before the articles agreeing on either are counted)
RIVAL_MARGIN = 0.25
HEADLINE_DISCOUNT = 0.05  # a headline stands just below its article's best sentence
MAX_QUOTE_WORDS = 32  # longer sentences are cut to the clause around the answer
MIN_CUT_WORDS = 4  # a cut that would drop fewer words keeps the sentence whole
POLARITY_PENALTY = 0.2  # a question that negates wants a sentence that negates too
AHEAD_PENALTY = 0.2  # a question on what happened, a span in a clause on what may happen
SUCCESSION_BONUS = 0.3  # a span on the asked side of "replaced" opposite the question's name
WINNER_BONUS = 0.3  # who won: a span the sentence makes the subject of a win
WINNER_STRENGTH = 0.7  # ... is at least this clearly of the asked-for kind
CONTEST_BONUS = 0.2  # ... of what the question asks the winner of
CULPRIT_BONUS = 0.3  # who attacked: a span the sentence names as the suspect
OFF_SUBJECT_PENALTY = 0.2  # a date from a sentence not naming what the question names
ANNIVERSARY_PENALTY = 0.4  # a date an anniversary falls on: never the day it remembers
TITLE_BONUS = 0.3  # who became king: a name the sentence gives that title
OWN_BONUS = 0.2  # "Which team did she play for?": "her Seattle Storm"
SUBJECT_BONUS = 0.2  # "Who holds ...?": a span the sentence makes the subject of "holds"
GAP_BONUS = 0.2  # a span the sentence says what the question says of its wh-phrase
STALE_PENALTY = 0.4  # a question on now: a span from a report a year older than the newest


@dataclass
class Choice:
    """The direct answer: a span (or None) and the sentence that holds it."""

    index: int  # position of the sentence in the candidate list
    span: Span | None
    articles: set[str] = field(default_factory=set)
    value: float = 0.0
    no_winner: bool = False  # who won: no sentence of the pool says anyone won what was asked
    # the other answers valued within `RIVAL_MARGIN` of it (span keys): what a second report
    # may differ by (None: not valued against others, any may)
    rivals: frozenset[str] | None = None


def choose_span(
    asked: Asked,
    sentences: Sequence[tuple[str, float, str, bool]],
    ordinary: frozenset[str],
    *,
    corroborate: bool = True,
    published: Sequence[str | None] = (),
    stale: Sequence[bool] = (),
) -> Choice | None:
    """The best span among `sentences` (text, score, article id, is headline; best first).

    `ordinary`: the words these sentences write in lower case (`ordinary_words`).
    An article's headline competes with the article's best sentence in the pool (at a
    slightly lower standing): the text often says "he" where the headline names him.
    `corroborate=False`: other articles naming the same answer add nothing (a question
    asking for the latest: the older reports agreeing on the former answer do not count).
    `published`: each sentence's report date; a weekday is the day it names in its report
    ("Thursday" in reports of different weeks is two answers, not one corroborated).
    `stale`: whether each sentence's report is a year older than the story's newest
    (`assistant.answer.report_age.stale_reports`): it does not answer a question on now.
    """
    target = asked.target
    if (
        not sentences
        or target == "yesno"
        or (target == "other" and not (asked.tail or asked.says or asked.expands))
    ):
        return None
    if sentences[0][1] <= 0:
        return None
    chooser = _SpanChooser(asked, sentences, ordinary, published, stale)
    best = chooser.best_spans()
    if chooser.winner_asked and not chooser.won_said:
        # "Who won the Masters?" is not answered by whoever the best sentences name
        # ("... won the primary with support from Peter Thiel"), nor by the best sentence
        # ("Who won the Nobel Prize in Literature?": the Peace Prize's): no sentence says
        # who won it, and the answer says so
        return Choice(0, None, no_winner=True)
    if not best or (chooser.succession and not chooser.succession_told):
        # "Who is Liz Truss's successor?" is not answered by "... in the wake of Boris
        # Johnson's demise"
        return None
    if target == "person":
        _merge_titled_forms(best)
    _merge_short_forms(best, ordinary)

    def total(choice: Choice) -> float:
        support = min(len(choice.articles) - 1, 3) if corroborate else 0
        span = choice.span
        if (
            span is not None
            and span.kind == "date"
            and span.text.isdigit()
            and not chooser.year_asked
        ):
            # a bare year is in every report of its story ("the last leader of the Soviet
            # Union from 1985 until 1991" in three obituaries): reports agreeing on it do
            # not say when, unless the question asks for a year
            support = 0
        return choice.value + SUPPORT_BONUS * support

    winner = max(best.values(), key=total)
    if winner.value < MIN_VALUE:
        return None
    winner.rivals = frozenset(
        key
        for key, choice in best.items()
        if choice is not winner and choice.value >= winner.value - RIVAL_MARGIN
    )
    several = asks_several(asked.question)
    if winner.span is not None and (several or chooser.winner_asked):
        text = sentences[winner.index][0]
        listed = joined(text, winner.span, asked.spans(text, ordinary))
        if several or (listed is not winner.span and won_then(text, listed, chooser.asked_years)):
            # "Which two countries ...?"; "Who won the Nobel Prize in Physics?": all of "Alain
            # Aspect, John F. Clauser and Anton Zeilinger have won", not the one named last
            winner.span = listed
    return winner


@dataclass(frozen=True)
class _Said:
    """What one sentence of the pool says beside its spans, for a question asking who won
    (whether it writes what was asked about), who was beaten or how much."""

    text: str
    headline: str  # its article's headline, when the pool holds it
    on_contest: bool  # who won: the sentence or its headline writes what was asked about
    lacks_contest: bool  # ... and lacks some of it: it may tell a win of another kind
    other_sum: bool  # it writes a sum other than the question's ("the $1.3 billion ticket")
    reversed_win: bool  # "Who did Rishi Sunak beat?": it makes him the one beaten
    stale: bool = False  # its report is a year older than the story's newest


class _SpanChooser:
    """The spans of the best sentences, each valued against what the question's asking
    sentence asks of it, read once: a culprit or a suspect, a winner and of what, the one
    beaten and in which round, a successor, a role or a part played, a day past or to come.

    `best_spans` keeps each answer's best-valued sentence and the articles carrying it;
    `won_said` / `succession_told` say whether any sentence of the pool tells a win of what
    was asked / a succession at all."""

    def __init__(
        self,
        asked: Asked,
        sentences: Sequence[tuple[str, float, str, bool]],
        ordinary: frozenset[str],
        published: Sequence[str | None],
        stale: Sequence[bool],
    ) -> None:
        question, target = asked.question, asked.target
        self.asked, self.sentences, self.ordinary = asked, sentences, ordinary
        self.published, self.stale = published, stale
        self.reported = [parse_published(day) for day in published]  # each report's date
        self.titles = {article: i for i, (_, _, article, title) in enumerate(sentences) if title}
        asking = asking_sentence(question)
        self.culprit = _ASKS_CULPRIT.search(asking) if target == "person" else None
        self.suspect_asked = target == "person" and bool(_ASKS_SUSPECT.search(asking))
        win_asked = _ASKS_WINNER.search(asking)
        self.winner_asked = win_asked is not None
        # "Who holds the record ...?": a span a sentence makes the subject of that verb
        self.doing = subject_verb(asking) if not (self.winner_asked or self.culprit) else None
        self.negated = bool(NEGATION.search(asking))
        # what the question asks the winner of: in its common words ("best", "picture"),
        # and in all its words
        after_win = asking[win_asked.end() :] if win_asked is not None else ""
        self.contest = set(terms(" ".join(_LOWER_WORD.findall(after_win)))) if after_win else set()
        self.won_terms = set(terms(after_win)) if win_asked is not None else set()
        self.contest_words = {t for t in self.won_terms if not t[0].isdigit()}
        self.beaten_by = winner_of_beaten(asking)  # "Who did the Astros beat?": the one beaten
        # "Who did Iga Swiatek beat in the US Open final?": not whom she beat in a quarterfinal
        self.knockout = round_asked(asking) if self.winner_asked or self.beaten_by else ""
        self.anniversary_asked = bool(_ANNIVERSARY.search(question))
        self.role = _asked_role(asking) if target == "person" else ""
        self.part = part_asked(asking) if target == "person" else ""
        # "Which team did she play for?": a name the sentence gives as someone's own
        self.owner_asked = target in ("org", "entity") and bool(_PERSON_PRONOUN.search(asking))
        self.asked_years = frozenset(YEAR.findall(question))
        # "the $1.3 billion Mega Millions ticket": a sentence giving another sum tells of another
        self.asked_sums = sums(question) if target != "number" else []
        self.year_asked = asks_year(asking)
        self.past_asked = bool(_ASKS_PAST.search(asking))
        self.now_asked = not self.past_asked and bool(_ASKS_NOW.search(asking))
        self.future_asked = target == "date" and asks_future_day(asking)
        self.succession = succession_asked(asking)
        # (only a place or an organisation can be mistaken for a person named with a title,
        # and only a person for a place a sentence says something happened in)
        texts = [t for t, *_ in sentences]
        self.people = people_named(texts) if target in ("place", "org") else frozenset()
        self.places = places_named(texts) if target == "person" else frozenset()
        named = target in ("person", "place", "org", "entity")
        self.kin = surnames_asked(question) if named and not asks_family(question) else {}
        self.pool = self._pool()
        # the newest report of the pool: a day to come is after it
        reported = self.reported
        self.latest_report = max(
            (d for i, _ in self.pool if i < len(reported) and (d := reported[i])), default=None
        )
        self.won_said = False  # (who won: a sentence of the pool says someone won what was asked)
        self.succession_told = False  # (who replaced whom: a sentence tells a succession)

    def _tells_asked(self, text: str) -> bool:
        """Whether a sentence tells the relation asked: a suspect, a price, who does it."""
        asked = self.asked
        if (
            ((self.culprit or self.suspect_asked) and tells_of_suspect(text))
            or (asked.price and tells_price(text))
            or bool(asked.ranked_first(text))
        ):
            return True  # (what heads a list: "the top of the list is the witch costume";
            # the largest of listed rises: "The cost of eggs has soared 38%, ...")
        return self.doing is not None and any(
            does_the_verb(text, span, self.doing) for span in asked.spans(text, self.ordinary)
        )

    def _pool(self) -> list[tuple[int, float]]:
        """The sentences whose spans compete (index, score relative to the best): the best
        `POOL`, and below them those telling the relation asked; an article's headline just
        below its best sentence in the pool."""
        sentences, info = self.sentences, self.asked.info
        top = sentences[0][1]
        pool: list[tuple[int, float]] = []
        for index, (text, score, article_id, _) in enumerate(sentences[:RELATION_POOL]):
            relative = score / top
            if relative < MIN_RELATIVE:
                break
            if index >= POOL and not self._tells_asked(text):
                # (who shot Abe: the reports of the suspect rank below those of the deed;
                # what Musk paid for Twitter: the reports of its price below those of a fee)
                continue
            pool.append((index, relative))
            title = self.titles.get(article_id)
            if (
                title is not None
                and title >= POOL
                and question_word_hits(sentences[title][0], info)
            ):
                # (a headline that names none of the question's words is about something
                # else: "A Chinese vlogger shared videos of war-torn Ukraine" for "Where is
                # Mariupol?")
                pool.append((title, relative - HEADLINE_DISCOUNT))
        return pool

    def best_spans(self) -> dict[str, Choice]:
        """Each answer (span key) with its best-valued sentence and the articles carrying it."""
        best: dict[str, Choice] = {}
        seen: set[int] = set()
        for index, relative in self.pool:
            if index not in seen:
                seen.add(index)
                self._read(index, relative, best)
        return best

    def _read(self, index: int, relative: float, best: dict[str, Choice]) -> None:
        """The spans of one sentence of the pool, valued into `best`."""
        asked, target = self.asked, self.asked.target
        text, _, article_id, _ = self.sentences[index]
        headline = self.sentences[self.titles[article_id]][0] if article_id in self.titles else ""
        # (who won: whether the sentence or its headline writes what was asked about)
        written = set(terms(f"{text} {headline}")) if self.winner_asked else set()
        on_contest = bool(self.won_terms & written)
        if on_contest and _WON_BY_REFERENCE.match(text):
            self.won_said = True  # "The show took home best drama series": its headline names it
        if self.knockout and names_other_round(text, self.knockout):
            return
        said = _Said(
            text,
            headline,
            on_contest,
            lacks_contest=bool(self.contest_words - written),
            other_sum=names_other_sum(self.asked_sums, text),
            reversed_win=bool(self.beaten_by) and beaten_named(text, self.beaten_by),
            stale=index < len(self.stale) and self.stale[index],
        )
        spans = asked.spans(text, self.ordinary)
        if self.winner_asked and target != "entity":
            # "'CODA' wins best picture": a film, a show, a song may be who won
            spans += [
                Span(t.text, t.start, t.end, target, WINNER_STRENGTH)
                for t in quoted_titles(text)
                if says_won(text, t, self.asked_years)
            ]
        published = self.published
        for span in spans:
            key = span_key(span.text)
            day = day_named(span, text, published[index]) if index < len(published) else None
            if day is not None:
                key = f"{key} {day.isoformat()}"  # a weekday: the day it names
            # (the day a span names, for a day to come: "May 1" in a July report has passed)
            told = day or (
                month_day_date(span.text, published[index]) if index < len(published) else None
            )
            value = self._value(said, span, key, told, relative)
            if value is None:
                continue
            choice = best.get(key)
            if choice is None:
                best[key] = Choice(index, span, {article_id}, value)
                continue
            choice.articles.add(article_id)
            if value > choice.value:
                choice.index, choice.span, choice.value = index, span, value

    def _value(
        self, said: _Said, span: Span, key: str, day: date | None, relative: float
    ) -> float | None:
        """The span's value as the answer (its sentence's relative score, how clearly it is
        of the asked kind, how near the question's words, and what the sentence says of it),
        or None when the sentence says it is not what is asked."""
        asked, question, target = self.asked, self.asked.question, self.asked.target
        text = said.text
        if self.kin and self.kin.get(key.split()[-1], key) != key:
            return None  # "Who attacked Paul Pelosi?", "Where?": not "Nancy Pelosi", his wife
        strength = span.strength * (0.5 if key in self.people else 1.0)  # "Abbott", a person
        if key in self.places:
            strength *= 0.5  # "in San Francisco": a place, though it looks like a name
        # "won the Nobel Prize for physics" is no win of the Nobel Peace Prize
        other_won = said.lacks_contest and won_other(text, span, self.won_terms)
        if self.winner_asked and not other_won and says_won(text, span, self.asked_years):
            # "England won its first ...": whoever a sentence says won is an answer to
            # who won, a country's or a city's side too
            strength = max(strength, WINNER_STRENGTH)
        if strength < MIN_STRENGTH or (self.winner_asked and names_as_loser(text, span)):
            return None  # (who won: not the one the sentence says lost)
        if self.role and tied_to_holder(text, span, self.role):
            return None  # "Velayati, a top adviser to Iran's supreme leader": not the leader
        cast = plays_part(text, span, self.part) if self.part else None
        if cast is False:
            return None  # "Dominic West as Prince Charles": a part, not who plays Diana
        culprit = self.culprit
        suspect = (culprit is not None or self.suspect_asked) and names_as_suspect(text, span)
        if culprit is not None and not suspect and not did_the_deed(text, span, culprit.group(1)):
            return None  # "Who shot Shinzo Abe?": not whoever a report on it names
        if self.suspect_asked and not suspect:
            return None  # "Who was arrested ...?": not the police who arrested him
        if suspect and asked.names and not names_all_in(question, text, said.headline):
            return None  # "Who was arrested for the Buffalo shooting?": not the suspect
            # of the Brooklyn subway shooting
        value = relative + 0.5 * strength + _nearness(text, span, asked.info)
        found = succession_side(text, span, asked.capitalised) if self.succession else None
        if found is not None and found[0] != self.succession:
            return None  # "Who replaced Liz Truss?": not whom "she had replaced"
        if found is not None and found[1]:
            value += SUCCESSION_BONUS  # "Who does she replace?": "Truss to replace Johnson"
        if found is not None:
            self.succession_told = True
        if said.on_contest and not other_won and tells_win(text, span):
            self.won_said = True  # (a win of what was asked: "Federer won ... Wimbledon" is
            # not one of the Masters)
        if other_won:
            value -= WINNER_BONUS  # Anton Zeilinger won a Nobel Prize, not the peace one
        elif self.winner_asked and won_then(text, span, self.asked_years):
            value += WINNER_BONUS  # "Lula da Silva defeated incumbent Jair Bolsonaro"
            if self.contest and self.contest <= set(terms(won_what(text, span))):
                value += CONTEST_BONUS  # "'CODA' wins best picture": what was asked
        if target == "date" and asked.names and not names_all_in(question, text, said.headline):
            value -= OFF_SUBJECT_PENALTY  # "When did Hurricane Ian hit?": not Nicole's day
        elif asked.titled and not writes_a_name_word(question, f"{said.headline}. {text}"):
            # "What is the name of Beyoncé's new song?": not the song a report on Drake's
            # album names
            value -= OFF_SUBJECT_PENALTY
        if said.other_sum:
            value -= OFF_SUBJECT_PENALTY  # "the $1.3 billion ticket": not 2018's $1.537 billion
        if (
            target == "date"
            and not self.anniversary_asked
            and _ANNIVERSARY.search(text, max(0, span.start - 80), span.start)
        ):
            value -= ANNIVERSARY_PENALTY  # "the six month anniversary of the invasion, on
            # August 24": when it is remembered, not when it happened
        if asked.gap.fills(text, span.start, span.end) and (
            not self.negated or NEGATION.search(text)
        ):
            value += GAP_BONUS  # "Prince William, King Charles' elder son ..., is next in
            # line" for "Who is next in the line of royal succession?" (not "Serena
            # Williams has announced that she will ..." for "... announced that they won't")
        if self.role and titled_as(text, span, self.role):
            value += TITLE_BONUS  # "Who became king?": "King Charles III", not the Queen
        if cast:
            value += TITLE_BONUS  # "Who plays Princess Diana?": "Elizabeth Debicki as ..."
        if self.owner_asked and written_as_own(text, span):
            value += OWN_BONUS  # "her Seattle Storm lost to the Las Vegas Aces"
        if self.doing and does_the_verb(text, span, self.doing):
            value += SUBJECT_BONUS  # "Barry Bonds holds the major league record ..."
        beaten_by = self.beaten_by
        if beaten_by and (said.reversed_win or not beats(text, span, beaten_by)):
            # "Who did the Astros beat?": only one a sentence naming the Astros says they
            # beat ("... after defeating the Philadelphia Phillies"), not "San Francisco
            # beat the Texas Rangers"; "Who did Rishi Sunak beat?": not "Liz Truss beat
            # Rishi Sunak", nor "Rishi Sunak, Liz Truss face runoff"
            return None
        if suspect:
            value += CULPRIT_BONUS  # "Police identify suspect in ... attack as David DePape"
        return self._timed(value, said, span, day)

    def _timed(self, value: float, said: _Said, span: Span, day: date | None) -> float:
        """`value` less what the span loses for the time its clause tells of: not a negated
        question's polarity, a day already passed for one to come, what may happen for what
        did, and a figure of back then, or a report a year older than the story's newest, for
        one of now."""
        text = said.text
        if self.negated and not NEGATION.search(text):
            value -= POLARITY_PENALTY  # "won't play" is not answered by "will play"
        latest = self.latest_report
        if self.future_asked and day is not None and latest is not None and day <= latest:
            value -= AHEAD_PENALTY  # "When will it be available?": not the Tuesday a
            # report says something was said, nor a launch day the newer reports passed
        if self.past_asked and _AHEAD_OF.search(text, max(0, span.start - 60), span.start):
            value -= AHEAD_PENALTY  # "did make landfall": not "expected to make ... in"
        if self.now_asked and _set_back(text, span.start):
            value -= AHEAD_PENALTY  # "How much does it cost ... new estimate?": not
            # "Back then, the agency estimated that it cost ... $233,610"
        if self.now_asked and said.stale:
            value -= STALE_PENALTY  # "Which band is reuniting with its original members?":
            # not the band a 2019 report names when this week's report tells of another
        return value


# The words that end a company's or a party's full name, which it is also called without
# ("JetBlue" for "JetBlue Airways", "Republican" for "Republican Party").
_NAME_TAILS = frozenset(
    {
        *("inc", "corp", "co", "llc", "ltd", "plc", "group", "company", "holdings", "party"),
        *("airlines", "airways", "motors", "technologies", "systems", "entertainment"),
        *("studios", "records", "pharmaceuticals", "brands", "foods"),
    }
)


def _fuller_form(longer: str, key: str, lowercase: frozenset[str]) -> bool:
    """Whether `longer` is a fuller form of the name `key`: it ends with it and its other
    words are not ordinary ones, or it adds a company's or a party's tail to it."""
    if longer.endswith(" " + key):
        return not any(w in lowercase for w in longer[: -len(key)].split())
    return longer.startswith(key + " ") and all(
        w in _NAME_TAILS for w in longer[len(key) + 1 :].split()
    )


def _merge_short_forms(best: dict[str, Choice], lowercase: frozenset[str]) -> None:
    """Fold a short form into the one fuller name that ends with it ("Avalanche" into
    "Colorado Avalanche", "Matthews" into "Auston Matthews") or adds a company's tail to it
    ("JetBlue" into "JetBlue Airways"): one answer, its support counted once, shown in
    full. A short form of several names stays apart, and so does a "name" whose extra
    words the same sentences also write in lower case ("Average US" in a headline beside
    "the average price"): those are ordinary words."""
    for key in sorted(best, key=len):
        longer = [k for k in best if k != key and _fuller_form(k, key, lowercase)]
        if len(longer) != 1:
            continue
        full, short = best[longer[0]], best.pop(key)
        full.articles |= short.articles
        full.value = max(full.value, short.value)


_OPENING_QUOTES = "“\"‘'"


def _merge_titled_forms(best: dict[str, Choice]) -> None:
    """Fold the longer forms of a person's full name into it ("Republican Brian Kemp",
    "Georgia Gov. Brian Kemp" into "Brian Kemp"): one person, named by a label or a title
    in some sentences, the support of all of them counted once, shown by the name alone
    (whole where the name would begin inside a quoted nickname)."""
    for key in sorted(best, key=len, reverse=True):
        if key not in best:
            continue
        for full in [k for k in best if len(k.split()) >= 2 and key.endswith(" " + k)]:
            name, longer = best[full], best.pop(key)
            name.articles |= longer.articles
            if longer.value > name.value and longer.span is not None:
                span = longer.span  # shown as the name's own words at its end
                start = span.end - _tail_length(span.text, len(full.split()))
                if span.text[start - span.start] in _OPENING_QUOTES:
                    start = span.start  # "Luiz Inácio “Lula” da Silva", not "“Lula” da Silva"
                name.index, name.value = longer.index, longer.value
                name.span = Span(
                    span.text[start - span.start :], start, span.end, span.kind, span.strength
                )
            break


def _tail_length(text: str, n_words: int) -> int:
    """Characters of the last `n_words` words of `text`."""
    return len(text) - [m.start() for m in re.finditer(r"\S+", text)][-n_words]


_WORD = re.compile(r"[A-Za-z0-9]+")
# The report looks forward from its day: "will meet Thursday", "is set to ... on Friday".
_AHEAD = re.compile(
    r"\b(?:will|would|to be|is set to|are set to|scheduled|plans? to|expected to|next|upcoming)\b",
    re.IGNORECASE,
)


def day_named(span: Span, sentence: str, published: str | None) -> date | None:
    """The day a weekday span names in a report of `published` ("Thursday" in a report of
    8 September 2022 that looks back: that day; one that looks ahead, "will meet Thursday":
    the next), the day of its "yesterday" or the Monday of its "this week", or None for any
    other span or an undated report."""
    if span.kind != "date":
        return None
    relative = relative_day(span.text, published)
    if relative is not None:
        return relative[0]
    return weekday_date(span.text, published, ahead=bool(_AHEAD.search(sentence)))


def names_all(question: str, text: str, *, weekdays: bool = True) -> bool:
    """Whether the sentence names everyone the question names (each capitalised run by
    its last word, "DeSantis" for "Ron DeSantis"; "Fed" also as "Federal"; a country also
    as its people, "Ukraine" as "Ukrainian"). `weekdays=False`: a day the question names
    ("... its launch on Monday") need not be written."""
    return all(_names_written(question, text, weekdays))


def names_any(question: str, text: str) -> bool:
    """Whether the sentence names something the question names (as `names_all` reads them,
    a compound by its name: "Nobel Peace Prize-winning"), or the question names nothing but
    days and peoples' adjectives ("which Japanese island on Sunday")."""
    written = _names_written(question, text, weekdays=False, adjectives=False)
    return not written or any(written)


def writes_a_name_word(question: str, text: str) -> bool:
    """Whether `text` writes, capitalised, a word of one of the question's names, or the
    start of one ("Emmys" for "the 2022 Emmy Awards", "Beyoncé's" for "Beyoncé"); true when
    the question names nothing. Looser than `names_any`, which reads a name by its last
    word."""
    asked = _question_name_words(question)
    if not asked:
        return True
    written = {_name_key(w) for w in _NAME_WORD.findall(text)}
    return any(w.startswith(a) for w in written for a in asked)


@lru_cache(maxsize=64)
def _question_name_words(question: str) -> frozenset[str]:
    """The words of the question's names as `_name_key` reads them, read once per question
    (the span chooser asks for every span it values)."""
    lex = lexicon()
    openers = {  # "Climate change activists glued ...": a word, capitalised as it opens
        fold(m.group(1))
        for m in _OPENER.finditer(question)
        if lex is not None and lex.knows(m.group(1))
    }
    return frozenset(
        key
        for run in capitalised_phrases(question)
        for w in _NAME_WORD.findall(run)
        if len(key := _name_key(w)) >= 3 and key not in _NO_NAME_WORDS and fold(w) not in openers
    )


def _name_key(word: str) -> str:
    """A capitalised word folded, without a possessive or a plural's "s" ("Monday’s" ->
    "monday", "Emmys" -> "emmy")."""
    key = fold(POSSESSIVE.sub("", word))
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


_NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_NO_NAME_WORDS = STOPWORDS | NOT_NAMES
_OPENER = re.compile(r"(?:^|[.!?:]\s+)([A-Z][a-z]+)\b")


def _names_written(
    question: str, text: str, weekdays: bool, *, adjectives: bool = True
) -> list[bool]:
    """For each name the question writes (its capitalised runs), whether `text` names it;
    `adjectives=False`: not a people's adjective ("British"), and a compound's name without
    its lower-case end ("Prize-winning" as "Prize")."""
    said = {fold(w).replace(".", "") for w in words(text)}

    def named(run: str) -> bool:
        last = POSSESSIVE.sub("", run.split()[-1])  # "Matthew Perry’s debut memoir": Perry
        if not adjectives:
            last = re.sub(r"-[a-z][\w-]*$", "", last)
        key = fold(last).replace(".", "")
        if key in said:
            return True
        forms = (key, *demonym_forms(key)) if len(key) >= 3 else ()
        return any(w.startswith(form) for w in said for form in forms)

    return [
        named(run)
        for run in capitalised_phrases(question)
        if (weekdays or fold(run) not in WEEKDAYS)
        and (adjectives or not _peoples_adjective(fold(run)))
    ]


def _peoples_adjective(run: str) -> bool:
    """ "British", "Japanese", "European", "Sri Lankan" (not "Brian", nor another run of
    several words)."""
    return peoples_adjective(run) and (" " not in run or run in DEMONYMS)


def ordinary_words(
    sentences: Sequence[tuple[str, float, str, bool]], *, person: bool = False
) -> frozenset[str]:
    """Words these sentences write in lower case: ordinary words, not names.

    A headline's lower-case word counts only if no sentence of the text writes it
    capitalised after its first word: a headline made from a web address writes names in
    lower case too ("Wnba final las vegas aces connecticutssun"). `person`: the question
    asks for a person, so a common noun of things capitalised only where a sentence or a
    clause opens is a word too (`_openers_only`; a company may be named by one, "Apple")."""
    body: set[str] = set()
    headlines: set[str] = set()
    capitalised: set[str] = set()
    for text, _, _, is_title in sentences:
        found = _WORD.findall(text)
        (headlines if is_title else body).update(w for w in found if w.islower())
        if not is_title:
            capitalised.update(w.lower() for w in found[1:] if w[0].isupper())
    words = body | (headlines - capitalised)
    return frozenset(words | _openers_only(sentences) if person else words)


# A word that opens a sentence or a clause: first, or after a full stop, a colon or a dash.
_OPENING = re.compile(r"(?:^|[.!?:;—–]\s+|\s-\s+)[\"'“‘(]*([A-Z][a-z]+)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _openers_only(sentences: Sequence[tuple[str, float, str, bool]]) -> set[str]:
    """Words these sentences capitalise only where a sentence or a clause opens, which
    WordNet knows as a common noun of things ("Liz Truss vs. lettuce: Vegetable outlasts
    British PM"): a word, not a name; a name is written capitalised mid-sentence too."""
    lex = lexicon()
    if lex is None:
        return set()
    openers: set[str] = set()
    named: set[str] = set()
    for text, _, _, is_title in sentences:
        opening = {m.start(1) for m in _OPENING.finditer(text)}
        for m in _CAPITALISED.finditer(text):
            if m.start() in opening:
                openers.add(m.group().lower())
            elif not is_title:  # (a headline capitalises its words)
                named.add(m.group().lower())
    return {w for w in openers - named if lex.common_noun(w)}


def names_all_in(question: str, text: str, headline: str, *, weekdays: bool = True) -> bool:
    """Whether a sentence, read with its article's headline, names every name of the
    question ("... a broad invasion that began before dawn on February 24" under "Russia
    invades Ukraine"); `weekdays` as for `names_all`."""
    return names_all(question, text, weekdays=weekdays) or (
        bool(headline) and names_all(question, f"{headline}. {text}", weekdays=weekdays)
    )


def _nearness(text: str, span: Span, info: QuestionInfo) -> float:
    """Up to 0.2 when the span stands close to the question's own words in the sentence.
    A word of a name the question writes counts only as a name ("the world's top leagues
    in Europe" stands near no word of "Where is the World Cup being played?")."""
    hits = {
        m.start()
        for m in question_word_hits(text, info)
        if m.group()[0].isupper() or fold(m.group()) not in info.entity_words
    }
    positions = [i for i, m in enumerate(_WORD.finditer(text)) if m.start() in hits]
    if not positions:
        return 0.0
    at = len(_WORD.findall(text[: span.start]))
    width = len(_WORD.findall(span.text))
    gap = min(min(abs(p - at), abs(p - (at + width - 1))) for p in positions)
    return 0.2 if gap <= 6 else 0.1 if gap <= 12 else 0.0


_CLAUSE_BREAK = re.compile(
    r"[;:]\s+|\s+[—–]\s+|,\s+(?=(?:and|but|while|which|who|where|after|"
    r"before|as|according|said|says|including|with)\b)|,\s+"
)


def clause_around(
    text: str, start: int, end: int, max_words: int = MAX_QUOTE_WORDS
) -> tuple[int, int]:
    """Offsets of the shortest run of clauses of `text` that holds [start, end) and, grown
    clause by clause while it stays within `max_words`, as much context as fits: toward
    the sentence's start first (its subject, place and time), then toward its end."""
    if len(text.split()) <= max_words:
        return 0, len(text)
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end)
    while True:
        grown = False
        earlier = [c for c in cuts if c < left]
        later = [c for c in cuts if c > right]
        if earlier and len(text[earlier[-1] : right].split()) <= max_words:
            left, grown = earlier[-1], True
        if later and len(text[left : later[0]].split()) <= max_words:
            right, grown = later[0], True
        if not grown:
            break
    if len(text[:left].split()) + len(text[right:].split()) < MIN_CUT_WORDS:
        return 0, len(text)  # an ellipsis for a word or two costs more than it saves
    piece = text[left:right]
    # Drop the separator the cut left at either end.
    lstrip = len(piece) - len(piece.lstrip(" ,;:—–"))
    rstrip = len(piece.rstrip(" ,;:—–"))
    return left + lstrip, left + rstrip


# A sentence opening with a win by someone it refers back to: "The Puerto Rican rapper took
# home artist of the year", "She won ...".
_WON_BY_REFERENCE = re.compile(
    r"\W*(?:(?:The|This|That|These|Those|Its|Their|His|Her)\s+(?:[\w'’-]+\s+){0,3}?|"
    r"(?:He|She|They|It)\s+)(?:has\s+|have\s+)?(?:won|wins|took home|takes home|clinched|claimed)\b"
)
# "Who won ...?", "Which team beat ...?": the question asks for the winner (its subject).
_ASKS_WINNER = re.compile(
    r"\b(?:who|(?:which|what)(?: [\w'’-]+){1,4}?) (?:has |have |had |will )?"
    rf"(?:won|win|wins|beat|beats|defeated|defeats|clinched|took home|{KNOCKOUT_VERBS})\b",
    re.IGNORECASE,
)
# A word written in lower case: "the Oscar for best picture" names its prize by "best
# picture" (a name is written many ways: "Oscars", "Academy Awards").
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")
# "Who became king?", "Who is the new prime minister?": the one now given the title.
_ASKS_ROLE = re.compile(
    r"\bwho\s+(?:is|was|became|becomes|will\s+become|would\s+become|is\s+set\s+to\s+become|"
    rf"will\s+be)\s+(?:the\s+)?(?:new\s+|next\s+)?({OFFICE_WORDS})\b",
    re.IGNORECASE,
)


# "Who is Iran's supreme leader?": a title written in lower case ending the question
_ASKS_TITLE = re.compile(
    r"\b[Ww]ho\s+(?:is|was|became|will\s+be)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*['’]s?\s+)?"
    r"(?:new\s+|next\s+)?([a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2})\s*\??\s*$"
)


def _asked_role(asking: str) -> str:
    """The office or title a who-question asks the holder of ("prime minister", "supreme
    leader"), or ""; not a pronoun or a verb ("Who is she?", "Who is running?")."""
    found = _ASKS_ROLE.search(asking)
    if found is not None:
        return found.group(1)
    found = _ASKS_TITLE.search(asking)
    title = found.group(1) if found is not None else ""
    last = fold(title.split()[-1]) if title else ""
    return "" if not last or last in STOPWORDS or last.endswith("ing") else title


_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)
_ANNIVERSARY = re.compile(r"\banniversar(?:y|ies)\b", re.IGNORECASE)
# "Who attacked Paul Pelosi?", "Who shot Shinzo Abe?": the one news reports name as the
# suspect, the gunman, the one charged.
_ASKS_CULPRIT = re.compile(
    r"\bwho (?:has |have |had |was |is )?(killed|shot|attacked|stabbed|murdered|assaulted|"
    r"kidnapped|bombed|hacked|opened fire|carried out|is behind|was behind|is responsible|"
    r"was responsible)\b",
    re.IGNORECASE,
)
# "Who was arrested for the Paul Pelosi attack?": only one a report names as the suspect.
_ASKS_SUSPECT = re.compile(
    r"\bwho (?:was|is|were|are|has been|have been|had been) (?:\w+ )?(?:arrested|charged|"
    r"detained|indicted|accused|identified as (?:the |a )?suspect)\b",
    re.IGNORECASE,
)
_ASKS_PAST = re.compile(r"\b(?:did|was|were|had)\b", re.IGNORECASE)
# A question asking how things are now: in the present tense or about what is new.
_ASKS_NOW = re.compile(r"\b(?:does|do|is|are|now|currently|new|latest)\b", re.IGNORECASE)
# Words before a span setting it in the past: "Back then, the agency estimated that it cost
# ... $233,610".
_BACK_THEN = re.compile(
    r"\b(?:back\s+then|at\s+the\s+time|at\s+that\s+time|previously|formerly|"
    r"in\s+the\s+past|(?:years|decades)\s+ago|"
    # a former affiliation: "while he was with the Houston Texans"
    r"(?:while|when)\s+(?:he|she|they)\s+(?:was|were)\s+(?:with|at)|"
    r"during\s+(?:his|her|their)\s+(?:time|tenure|stint|years)\s+(?:with|at))\b",
    re.IGNORECASE,
)
# The clause up to a span looks ahead: "is forecast to make a second landfall in ...".
# (A modal in lower case only: "Will Smith apology video on Chris Rock ..." names a man.)
_AHEAD_OF = re.compile(
    r"\b(?:(?:forecast|expected|scheduled|poised|likely|due|set)\s+to|plans?\s+to|"
    r"(?-i:will|could|may|might))\b[^,;.:—–]*$",
    re.IGNORECASE,
)


def _set_back(text: str, start: int) -> bool:
    """Whether the sentence sets what stands at `start` in the past: it opens with "Back
    then", "At the time", "Previously", or the clause up to it has such words ("... as it
    was previously"; not "Tidal, the service formerly owned by Jay-Z, announced: Her
    upcoming release ...")."""
    opening = _BACK_THEN.match(text.lstrip("“\"'‘ "))
    clause = max(text.rfind(mark, 0, start) for mark in ",;:—–")
    return opening is not None or bool(_BACK_THEN.search(text, clause + 1, start))
