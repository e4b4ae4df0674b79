"""The embedded default answerer: pick the sentences that answer, quote and cite them.

No language model is involved. Every sentence of the retrieved passages is a candidate and
gets a score from
- the question's terms: BM25 weights computed within the candidate sentences, IDF-weighted
  coverage with fuzzy (shared-prefix) matches, and proximity of the matched terms;
- the question's meaning: embedding cosine between question and sentence;
- the answer type: who -> a new person name, how many -> a number, when -> a date, where ->
  a place, which/what -> a capitalised entity that is not already in the question;
- the passage: its rank in the retrieval and how well it covers the question as a whole
  (the topic is often set by the neighbouring sentences or the title);
- for a question asking for the latest ("What's the latest on ...?", "Who is currently
  ..."), the date: among the sentences on the story, the newest report's come first;
- penalties for what does not answer: sentences that are themselves questions (quizzes
  quote them), that only restate the question's words, headlines/captions without end
  punctuation, bylines and other boilerplate, very short or very long sentences.
Headlines are candidates too (a headline is part of its article).

The answer reads from its first line (`assistant.answer.direct`): the span that answers
(a name, a number with its noun, a date, a place) with its citation, then the quote it
stands in; when no span is clear, the best sentence itself, cut to its answering clause.
A yes/no answer opens on "Yes" or "No" when the deciding sentence states it plainly
(`assistant.answer.verdicts`). A second quote follows only when another article of the same
stretch of time reports a different answer (`assistant.answer.second_report`). Each quote
is exact article text: `start`/`end` are its offsets in the article text (or in the
title, `Citation.in_title`), and `span_start`/`span_end` mark the direct answer inside it.
Sentences containing marker-like text ("[9]") are never quoted, so the text cannot carry a
marker we did not verify. Weights were tuned on the dev
questions with `python -m tests.benchmarks.eval_extractive`.

`abstain.py` decides first whether the passages support an answer at all.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.answer.abstain import (
    AbstentionPolicy,
    SupportSignals,
    abstention_text,
    measure_support,
)
from assistant.answer.answer_span import Span
from assistant.answer.attribution import attribution_note
from assistant.answer.base import AnswerStream
from assistant.answer.direct import (
    MIN_STRENGTH,
    POOL,
    Choice,
    choose_span,
    day_named,
    names_all,
    names_all_in,
    ordinary_words,
)
from assistant.answer.figures import years_back
from assistant.answer.followup import condense_followup
from assistant.answer.holders import names_body, office_holder
from assistant.answer.matching import (
    QuestionInfo,
    TermMatcher,
    analyse_question,
    answer_type_evidence,
    asking_sentence,
    coverages,
    describes,
    echoes,
    idf_weights,
    named_subject,
    quoted_phrases,
    relatives_of,
)
from assistant.answer.name_runs import country_of_people, place_of_adjective
from assistant.answer.places import PlaceKind, is_place_of_kind
from assistant.answer.quoting import cite, shown
from assistant.answer.relations import mentions_win
from assistant.answer.report_age import newest_first, stale_last, stale_reports
from assistant.answer.second_report import differing_report
from assistant.answer.sentence_candidate import Candidate
from assistant.answer.spans import Asked
from assistant.answer.targets import denies_unlisted_option, target_of
from assistant.answer.textcache import VectorCache, passage_text, title_text
from assistant.answer.verdicts import verdict
from assistant.answer.wording import spelt_out
from assistant.query.latest import asks_who_won, held_office
from assistant.query.phrasing import asks_overview
from assistant.query.recency import human_date, parse_published, relative_day
from assistant.types import Answer, Passage
from index.text.headlines import bare_headline
from index.text.terms import query_positions

if TYPE_CHECKING:  # (not at run time: answer worker processes stay without llama-index)
    from llama_index.core.base.embeddings.base import BaseEmbedding

logger = logging.getLogger(__name__)

_BOILERPLATE = re.compile(
    r"^(?:by\s+[A-Z]|photo|image|credit|share|read more|related|sign up|subscribe|"
    r"click|advertisement|\(?ap photo|getty|\d+\s+min read|copyright|all rights|hide caption|"
    r"just watched|must watch|video ad feedback)",
    re.IGNORECASE,
)

_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")  # a quoted title or remark inside a headline
_CAPTION = re.compile(r"\bCaption\b|\bPhotos?:|\(Photo\b|\bPictured\b")
# A photo gallery's caption as pages print it, after the gallery's title ("Photos: Russia
# invades Ukraine Rockets launched ... on August 15", "Hide Caption 17 of 44 Photos: ...").
_GALLERY = re.compile(r"(?:Hide Caption\s+\d+\s+of\s+\d+\s+)?Photos?:\s", re.IGNORECASE)
# The newsroom's note on its own story, not news: "Corrections and clarifications: A
# previous version of this story had an outdated number of dog breeds", "An earlier version
# of this story misstated ... https://www.usatoday.com/...".
_EDITORS_NOTE = re.compile(
    r"^(?:[\w ]{0,20}:\s*)?(?:corrections?(?:\s+(?:and|&)\s+clarifications?)?|clarification|"
    r"editor['’]s\s+note)\s*:|\b(?:an?|the)\s+(?:earlier|previous|prior)\s+version\s+of\s+this\s+"
    r"(?:story|article|report)\b|https?://",
    re.IGNORECASE,
)
# A lettered option of a news quiz printed in a digest ("A. Peppermint Sugar Latte").
_QUIZ_OPTION = re.compile(r"\(?[A-D][.)]\s")
QUIZ_OPTION_WORDS = 12
# A video player's promo line: "MUST WATCH 'Blades, not bullets': Timeline of mass stabbing
# in Canada 03:17", "JUST WATCHED ...", "Video Ad Feedback".
_VIDEO_PROMO = re.compile(
    r"^(?:must watch|just watched|video ad feedback)\b|\s\d{1,2}:\d\d\s*$"
    # ... or a live page's invitation: "Follow here for the latest updates and news from
    # Wednesday, April 20, as Russia's invasion continues." (its date is the page's day)
    r"|^follow\s+(?:here|along|live|our|the\s+latest)\b",
    re.IGNORECASE,
)
# A headline listing this many stories ("Midterm elections, Powerball jackpot winner, FIFA,
# Chris Evans. It's ...") heads a digest: it states none of them (its text still may).
DIGEST_COMMAS = 3
# ... and so does a numbered list's ("5 things to know for June 3: Gun violence, Ukraine,
# ...", "3 takeaways from ...")
_LISTICLE = re.compile(r"(?:^|:\s+)\d+\s+(?:things|stories|takeaways)\b", re.IGNORECASE)
# Someone's words, not the report's: "“Come on over here,” one of the Ukrainian troops
# suddenly shouts.", "That’s just not how Elon operates,” Kimbal Musk said."
_SPOKEN = re.compile(
    r"^[“\"‘']|[”\"’],?\s+(?:[\w.'’-]+\s+){1,5}?(?:said|says|told|tells|added|shouts)\b"
)
OVERVIEW_POOL = 8  # a request for the story leads with one of the best sentences, no further
OVERVIEW_WORDS = (8, 60)  # a report's sentence, not a fragment nor a run-on list
RELATED_SHARE = 0.6  # a supporting quote has at least this share of the lead's cosine
LEAD_CHARS = 400  # a sentence starting this early opens its report
GAP_SUPPORT_FLOOR = 0.05  # below this support probability no span makes an answer
GAP_SENTENCES = 3  # the best sentences whose spans may fill the question's gap
AGREEMENT_POOL = 10  # the best sentences in which independent reports may agree on a span
AGREEING_ARTICLES = 3  # ... this many articles write the span the first line would show
AGREEING_OUTLETS = 2  # ... from this many outlets (syndicated copies are one outlet's)


@dataclass(frozen=True)
class Weights:
    """How the sentence features combine (tuned on the dev questions, see the benchmark)."""

    bm25: float = 0.4
    coverage: float = 1.0
    passage_coverage: float = 1.0
    proximity: float = 0.3
    similarity: float = 0.8
    answer_type: float = 1.2
    rank: float = 0.5
    short_penalty: float = 0.5
    novelty: float = 0.5  # says something beyond the question's own words
    question_penalty: float = 1.0  # the sentence is itself a question (quizzes quote them)
    headline_penalty: float = 0.2  # no end punctuation: headline, caption, list item
    lead: float = 0.2  # the article's first sentences
    focus: float = 0.5  # the terms of the sentence that asks, when the question sets a scene
    echo: float = 0.5  # a phrase the question quotes, word for word ("say is 'not a drug'")
    stale: float = 0.3  # from a report a year older than the newest one retrieved on the story


def _proximity(q_terms: set[str], sentence_terms: list[str]) -> float:
    """Matched distinct terms per position of the tightest window holding them all."""
    positions = query_positions(q_terms, sentence_terms)
    distinct = {t for _, t in positions}
    if len(distinct) < 2:
        return 0.0
    need = len(distinct)
    best = len(sentence_terms)
    counts: Counter[str] = Counter()
    left = 0
    for right in range(len(positions)):
        counts[positions[right][1]] += 1
        while len(counts) == need:
            span = positions[right][0] - positions[left][0] + 1
            best = min(best, span)
            t = positions[left][1]
            counts[t] -= 1
            if counts[t] == 0:
                del counts[t]
            left += 1
    return min(1.0, need / max(best, 1)) * min(1.0, need / max(len(q_terms), 1) * 2)


def _dated(span: Span, sentence: str, passage: Passage, kind: PlaceKind | None = None) -> str:
    """The span as the first line shows it: a weekday with the day it names ("Thursday,
    8 September 2022", from the report's date), "yesterday" or "this week" with the day
    or the week ("this week (the week of 7 November 2022)"), years counted back with the
    year they reach ("27 years after (1995, counting back from a report of 14 June 2022)"),
    anything else as written."""
    reported = parse_published(passage.published)
    back = years_back(span.text, reported.year) if span.kind == "date" and reported else None
    if back is not None:
        return (
            f"{span.text} ({back}, counting back from a report of {human_date(passage.published)})"
        )
    relative = relative_day(span.text, passage.published) if span.kind == "date" else None
    if relative is not None:
        monday_or_day, week = relative
        named = human_date(monday_or_day.isoformat())
        return f"{span.text} ({'the week of ' if week else ''}{named})"
    place = country_of_people(span.text) if span.kind == "place" else ""
    if not place and span.kind == "place" and kind and not is_place_of_kind(span.text, kind):
        place = place_of_adjective(span.text, kind)  # "European Union (Europe)"
    if place:
        return f"{span.text} ({place})"  # "Russians (Russia)" for "which nation"
    day = day_named(span, sentence, passage.published)
    return f"{span.text}, {human_date(day.isoformat())}" if day else span.text


ECHO_LOOKAHEAD = 3  # sentences after an echo of the question that may lead instead


def _first_telling(cands: Sequence[Candidate], *, whole: bool = False) -> int:
    """The first of the best sentences that says something beyond the question's own
    words: one that only restates it ("Starbucks reintroduced one of its most popular
    drinks this week, commonly known as the PSL" for "... What does PSL stand for?")
    cannot hold the answer, so it does not lead when one of the next few says more on
    the question's terms (a sentence sharing none of them is off topic, not an answer).
    `whole`: a headline cut off by its page ("After dozens of British lawmakers resign,
    Boris Johnson clings to ...") does not lead either while one of them is whole: a
    question asking what happened or why is told by a statement, not half of one."""
    best = cands[: ECHO_LOOKAHEAD + 1]
    telling = [i for i, cand in enumerate(best) if cand.novelty > 0 and cand.coverage > 0]
    if whole:
        complete = [i for i in telling if not _cut_off(best[i])]
        telling = complete or telling
    return telling[0] if telling else 0


def _cut_off(cand: Candidate) -> bool:
    """Whether the candidate is a headline its page cut short ("... clings to ...")."""
    return cand.in_title and _cut_short(cand.text)


def _cut_short(text: str) -> bool:
    """Whether the text ends in an ellipsis: the rest was left off."""
    return text.rstrip().endswith(("...", "…"))


def _on_subject(question: str, cands: Sequence[Candidate], lead: int) -> int:
    """For a yes/no question: the lead, or the first of the next best sentences naming
    the question's subject when the lead does not ("Did he win reelection (Ron
    DeSantis)?" is not answered by "Sen. Ron Johnson is projected to win reelection")."""
    if names_all(question, cands[lead].text):
        return lead
    near = cands[lead : lead + ECHO_LOOKAHEAD + 1]
    return next((lead + i for i, c in enumerate(near) if names_all(question, c.text)), lead)


def _distant(cands: Sequence[Candidate], lead: int, pool: int) -> frozenset[int]:
    """The best sentences much further in meaning from the question than the lead (their
    embedding cosine below `RELATED_SHARE` of the lead's): they share its words, not its
    subject ("Which company ... turning off the AC in its stores ...?" is not followed by
    "... rape Uber recorded ..., the rideshare company disclosed"). None without an
    embedding model."""
    floor = RELATED_SHARE * cands[lead].similarity
    if floor <= 0:
        return frozenset()
    return frozenset(i for i, c in enumerate(cands[:pool]) if c.similarity < floor)


def _overview_lead(question: str, cands: Sequence[Candidate]) -> int:
    """For a request for the story itself ("Tell me about the Queen's funeral", "Any
    updates on the Artemis launch?"): the first of the best sentences that opens a
    report's text, else the first that reads as a report's sentence (whole, in the text,
    no question, no caption); a headline ("... live updates::News from the queen's
    funeral") or a photo caption tells less than the report's own first sentence. Those
    naming what the question names come first ("What is happening in Iran?" is not told
    by a report on the World Cup that opens with the US team's exit)."""
    whole = [i for i, c in enumerate(cands[:OVERVIEW_POOL]) if _reads_as_report(c)]
    opening = [i for i in whole if cands[i].article_start < LEAD_CHARS]
    named = [i for i in whole if names_all(question, cands[i].text)]
    opening_named = [i for i in opening if i in named]
    return (opening_named or named or opening or whole or [_first_telling(cands)])[0]


def _reads_as_report(cand: Candidate) -> bool:
    text = cand.text.rstrip("\"'”’)] ")
    n_words = len(text.split())
    return (
        not cand.in_title
        and OVERVIEW_WORDS[0] <= n_words <= OVERVIEW_WORDS[1]
        and text.endswith((".", "!"))
        and not _cut_short(text)
        and "?" not in text
        and not _BOILERPLATE.match(text)
        and not _CAPTION.search(text)
        and not _SPOKEN.search(text)
        and text[:1].isupper()
    )


class _Reading:
    """The candidates as the answer reads them: their sentences (text, score, article id,
    is headline; best first), the words they write in lower case, and the span the first
    line shows, each worked out once, when first needed: by the agreement check where the
    support model and the question's gap both fall short, else by the composing (a question
    abstained on before either needs none of them)."""

    def __init__(
        self, asked: Asked, cands: Sequence[Candidate], passages: Sequence[Passage]
    ) -> None:
        self.asked, self.cands, self.passages = asked, cands, passages

    @cached_property
    def sentences(self) -> list[tuple[str, float, str, bool]]:
        passages = self.passages
        return [
            (c.text, c.score, passages[c.passage_index].article_id, c.in_title) for c in self.cands
        ]

    @cached_property
    def ordinary(self) -> frozenset[str]:
        return ordinary_words(self.sentences, person=self.asked.target == "person")

    @cached_property
    def published(self) -> list[str | None]:
        """Each candidate's report date, as its passage gives it."""
        return [self.passages[c.passage_index].published for c in self.cands]

    @cached_property
    def stale(self) -> list[bool]:
        """Whether each candidate's report is a year older than the story's newest."""
        flags = stale_reports(self.passages)
        return [flags[c.passage_index] for c in self.cands]

    @cached_property
    def choice(self) -> Choice | None:
        """The span the first line shows (`choose_span`). For "Who is the UK prime
        minister?": the name the newest report gives the office (`assistant.answer.holders`);
        when no report does, no span, and the best sentence on the office's country or body
        leads."""
        asked, cands, sentences = self.asked, self.cands, self.sentences
        office = held_office(asked.question)
        if office is None:
            return choose_span(
                asked,
                sentences,
                self.ordinary,
                corroborate=not asked.latest,
                published=self.published,
                stale=self.stale,
            )
        dated = [
            (c.text, parse_published(day)) for c, day in zip(cands, self.published, strict=True)
        ]
        holder = office_holder(office, dated)
        if holder is not None:
            text = cands[holder.index].text
            span = Span(text[holder.start : holder.end], holder.start, holder.end, "person", 1.0)
            return Choice(holder.index, span)
        # No report names a holder: the best sentence on the office's country or body speaks
        # for itself, with no name put first.
        on = next((i for i, (text, *_) in enumerate(sentences) if names_body(text, office)), None)
        return Choice(on, None) if on is not None else None


def _agreed(reading: _Reading) -> bool:
    """Whether independent reports agree on the answer: the span the first line would show
    is written by the best sentences of several articles from more than one outlet
    ("Pelosi lands in Taiwan ...", "... Pelosi's visit to Taiwan ...", "... official trip to
    Taiwan by a U.S. House speaker" for "Pelosi made a controversial visit to which area?"):
    support enough where the question's own words are not the reports' ("area",
    "angering a nearby world power")."""
    asked, cands, passages = reading.asked, reading.cands, reading.passages
    if asked.target in ("yesno", "other") or asks_overview(asked.question):
        return False
    choice = reading.choice
    if choice is None or choice.span is None:
        return False
    written = re.compile(rf"(?<!\w){re.escape(choice.span.text)}(?!\w)", re.IGNORECASE)
    agreeing = [
        passages[c.passage_index]
        for c in cands[:AGREEMENT_POOL]
        if written.search(c.text)
        and names_all_in(asked.question, c.text, passages[c.passage_index].title, weekdays=False)
    ]
    return (
        len({p.article_id for p in agreeing}) >= AGREEING_ARTICLES
        and len({p.source for p in agreeing}) >= AGREEING_OUTLETS
    )


class ExtractiveAnswerer:
    """Answers by quoting the best supporting sentences of the retrieved passages."""

    name = "extractive"

    def __init__(
        self,
        embedding: BaseEmbedding | None = None,
        *,
        max_sentences: int = 2,
        max_passages: int = 8,
        weights: Weights | None = None,
        policy: AbstentionPolicy | None = None,
        semantic: bool = True,
    ) -> None:
        """`embedding`: a llama-index `BaseEmbedding` (the index's); None loads wordllama
        on first use unless `semantic=False` (lexical scoring only)."""
        if max_sentences < 1:
            raise ValueError("max_sentences must be >= 1")
        self._embedding = embedding
        self._semantic = semantic
        self._vectors: VectorCache | None = None
        self.max_sentences = max_sentences
        self.max_passages = max_passages
        self.weights = weights or Weights()
        self.policy = policy or AbstentionPolicy()

    # -- embedding --------------------------------------------------------------------
    def _get_embedding(self) -> BaseEmbedding | None:
        if self._embedding is None and self._semantic:
            from index.embeddings import WordLlamaEmbedding

            self._embedding = WordLlamaEmbedding()
        return self._embedding if self._semantic else None

    def _vector_cache(self) -> VectorCache | None:
        """Embeddings of sentences, passages and questions, kept across asks (bounded)."""
        embedding = self._get_embedding()
        if embedding is None:
            return None
        if self._vectors is None or self._vectors.embedding is not embedding:
            self._vectors = VectorCache(embedding)
        return self._vectors

    # -- scoring ----------------------------------------------------------------------
    def candidates(
        self, question: str, passages: Sequence[Passage]
    ) -> tuple[QuestionInfo, list[Candidate]]:
        """All candidate sentences with their features and scores (best first)."""
        asked, cands = self._candidates(question, passages)
        return asked.info, cands

    def _candidates(
        self, question: str, passages: Sequence[Passage]
    ) -> tuple[Asked, list[Candidate]]:
        """`candidates`, with what the question asks for read once for the whole answer."""
        info = analyse_question(question)
        asked = Asked.of(question, info, target_of(question, info))
        passages = list(passages)[: self.max_passages]
        cands: list[Candidate] = []
        seen: set[tuple[str, int]] = set()
        seen_text: set[str] = set()
        for p_index, passage in enumerate(passages):
            title = bare_headline(passage.title)
            head = title_text(title)
            folded_title = head.folded
            if (
                title
                and folded_title not in seen_text
                and not head.has_marker
                and title.count(", ") < DIGEST_COMMAS
                and not _LISTICLE.search(title)
            ):
                # A headline is part of its article and often its crispest statement.
                seen_text.add(folded_title)
                start = passage.title.index(title)
                cands.append(
                    Candidate(
                        p_index, title, start, start + len(title), list(head.terms), in_title=True
                    )
                )
            for sent in passage_text(passage.text).sentences:
                key = (passage.article_id, passage.start + sent.start)
                folded = sent.folded
                if key in seen or folded in seen_text or len(folded) < 3:
                    continue  # overlapping chunks repeat sentences; syndicated copies too
                if sent.has_marker:
                    continue  # "[9]" inside a quote would read as one of our citations
                if _GALLERY.match(sent.text):
                    continue  # a gallery's caption under its title: the title matches, not it
                if _EDITORS_NOTE.search(sent.text) or _VIDEO_PROMO.search(sent.text):
                    continue  # a correction note, a link, a video's promo: the page, not news
                if _QUIZ_OPTION.match(sent.text) and len(sent.text.split()) <= QUIZ_OPTION_WORDS:
                    continue  # "B. Pumpkin Spice Latte": a news quiz's option, no claim
                seen.add(key)
                seen_text.add(folded)
                cands.append(Candidate(p_index, sent.text, sent.start, sent.end, list(sent.terms)))
        if not cands:
            return asked, []
        self._score(asked, passages, cands)
        cands.sort(key=lambda c: c.score, reverse=True)
        return asked, cands

    def _score(self, asked: Asked, passages: Sequence[Passage], cands: list[Candidate]) -> None:
        """Each candidate's score: its features (`_measure`) weighed (`_weigh`), then moved
        by its report's age (the newest report first for a question asking for the latest,
        a report a year older than the story's last)."""
        self._measure(asked, passages, cands)
        self._weigh(cands)
        if asked.latest:
            # (who won: the newest report of a win, not the newest on the story)
            telling = mentions_win if asks_who_won(asked.question) else None
            newest_first(cands, passages, asked.names, telling)
        else:
            stale_last(cands, passages, self.weights.stale)

    def _measure(self, asked: Asked, passages: Sequence[Passage], cands: list[Candidate]) -> None:
        """The candidates' features: BM25 among them, IDF-weighted coverage of the question's
        terms (the sentence's and its passage's), proximity, answer-type evidence, novelty,
        focus on the asking sentence, place in its article, and embedding similarity."""
        question, info = asked.question, asked.info
        q_terms = list(info.terms)
        q_set = set(q_terms)
        vocabs = [set(c.terms) for c in cands]
        idf = idf_weights(q_terms, vocabs)
        avg_len = sum(len(c.terms) for c in cands) / len(cands) or 1.0
        passage_vocab = [title_text(p.title).vocab | passage_text(p.text).vocab for p in passages]
        matcher = TermMatcher(
            q_terms, [*passage_vocab, *vocabs], relatives_of(question)
        )  # one scan for both
        passage_cov = coverages(q_terms, idf, passage_vocab, matcher)
        cand_cov = coverages(q_terms, idf, vocabs, matcher)
        # "Afghanistan was rocked by an earthquake ... What was the magnitude?": the scene is
        # in every candidate, the sentence that answers also matches the asking words.
        asking = asking_sentence(question)
        focus = set(analyse_question(asking).terms) if asking != question.strip() else set()
        # "Who is Ketanji Brown Jackson?": the sentences that say what she is answer.
        subject = named_subject(question)
        quoted = quoted_phrases(question)
        bm25 = []
        for cand, vocab, cov in zip(cands, vocabs, cand_cov, strict=True):
            score = 0.0
            for t in q_terms:
                f = cand.terms.count(t) if t in vocab else 0  # (a count in C, no Counter)
                if f:
                    norm = 1.2 * (0.25 + 0.75 * len(cand.terms) / avg_len)
                    score += idf[t] * f * 2.2 / (f + norm)
            bm25.append(score)
            cand.coverage = cov
            cand.passage_coverage = passage_cov[cand.passage_index]
            cand.proximity = _proximity(q_set, cand.terms)
            cand.answer_type = (
                (1.0 if describes(cand.text, subject) else 0.2)
                if subject
                else answer_type_evidence(cand.text, info)
            )
            if cand.answer_type < 1.0 and asked.names_kind(cand.text):
                cand.answer_type = 1.0  # "Which condiment ...?": "It is mustard"
            if asked.expands:  # "What does CDC stand for?": the words that spell it out
                spelt = bool(spelt_out(cand.text, asked.expands))
                cand.answer_type = 1.0 if spelt else 0.0
                if spelt:
                    cand.coverage = 1.0  # they cover the acronym, though not as written
            cand.novelty = len(vocab - q_set) / max(len(vocab), 1)
            cand.focus = len(focus & vocab) / len(focus) if focus else 0.0
            cand.echo = 1.0 if echoes(cand.text, quoted) else 0.0
            cand.article_start = (
                0 if cand.in_title else passages[cand.passage_index].start + cand.start
            )
        top = max(bm25) or 1.0
        for cand, score in zip(cands, bm25, strict=True):
            cand.bm25 = score / top
        cache = self._vector_cache()
        if cache is not None:
            sims, vectors = cache.cosines(question, [c.text for c in cands])
            for cand, sim, vec in zip(cands, sims, vectors, strict=True):
                cand.similarity = float(sim)
                cand.vector = vec

    def _weigh(self, cands: list[Candidate]) -> None:
        """The candidates' scores from their features, less what a fragment, a question or a
        headline loses."""
        w = self.weights
        for cand in cands:
            n_words = len(cand.text.split())
            penalty = 0.0
            if n_words < 6 or _BOILERPLATE.match(cand.text):
                penalty += w.short_penalty
            if n_words > 80:
                penalty += w.short_penalty / 2
            stripped = cand.text.rstrip("\"'”’)] ")
            if "?" in _QUOTED.sub(" ", stripped):  # a question (a headline may go on after it)
                penalty += w.question_penalty
            elif not stripped.endswith((".", "!")):
                penalty += w.headline_penalty
            lead = 1.0 if cand.article_start < LEAD_CHARS else 0.0
            cand.score = (
                w.bm25 * cand.bm25
                + w.coverage * cand.coverage
                + w.passage_coverage * cand.passage_coverage
                + w.proximity * cand.proximity
                + w.similarity * cand.similarity
                + w.answer_type * cand.answer_type
                + w.rank / (1.0 + cand.passage_index)
                + w.novelty * min(cand.novelty, 0.5)
                + w.lead * lead
                + w.focus * cand.focus
                + w.echo * cand.echo
                - penalty
            )

    # -- the Answerer protocol -------------------------------------------------------
    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str | Answer]:
        passages = list(passages)[: self.max_passages]
        asked, cands = self._candidates(question, passages)
        reading = _Reading(asked, cands, passages)
        signals = measure_support(
            question,
            passages,
            embedding=self._get_embedding(),
            vectors=self._vector_cache(),
            sentence_similarity=max((c.similarity for c in cands), default=None),
        )
        # "What does PSL stand for?" is answered only by the words that spell it out: the
        # candidates `_score` found them in have the answer type (and only those)
        unspelt = (
            asked.expands if asked.expands and not any(c.answer_type >= 1.0 for c in cands) else ""
        )
        # "Which of these players did not play for him?" with no players named
        unlisted = denies_unlisted_option(question)
        if (
            not cands
            or signals.unmentioned
            or unspelt
            or unlisted
            or not (
                self.policy.supported(signals)
                or self._gap_filled(asked, cands, signals)
                or _agreed(reading)
                or asked.expands  # (spelt out, as checked above: the words are the answer)
            )
        ):
            text = abstention_text(question, signals.unmentioned, unspelt, unlisted=unlisted)
            logger.info(
                "extractive abstained passages=%d support=%.3f",
                len(passages),
                self.policy.probability(signals),
            )
            yield text
            yield Answer(text=text, abstained=True, question=question)
            return
        yield from self._compose(reading)

    def _gap_filled(
        self, asked: Asked, cands: Sequence[Candidate], signals: SupportSignals
    ) -> bool:
        """Whether one of the best sentences writes a span in the question's gap (its own
        words around the wh-phrase, next to the span: "Sri Lanka has plunged into chaos"):
        support enough where the support model is unsure, not where it finds almost none."""
        if self.policy.probability(signals) < GAP_SUPPORT_FLOOR:
            return False
        return any(
            span.strength >= MIN_STRENGTH and asked.gap.fills(cand.text, span.start, span.end)
            for cand in cands[:GAP_SENTENCES]
            for span in asked.spans(cand.text)
        )

    def _compose(self, reading: _Reading) -> Iterator[str | Answer]:
        """The answer first (a span, else the answering clause), then the quote behind it."""
        asked, cands, passages = reading.asked, reading.cands, reading.passages
        question, info, target = asked.question, asked.info, asked.target
        sentences, ordinary = reading.sentences, reading.ordinary
        subject = ""
        if asks_overview(question):  # "Tell me about ...": the story, not one fact of it
            choice, lead = None, _overview_lead(question, cands)
        else:
            choice = reading.choice
            if choice is not None and choice.no_winner:
                text = abstention_text(question)
                logger.info("extractive abstained: no report says who won")
                yield text
                yield Answer(text=text, abstained=True, question=question)
                return
            lead = (
                choice.index
                if choice is not None
                else _first_telling(cands, whole=target == "other")
            )
            if target == "yesno":
                lead = _on_subject(question, cands, lead)
            elif choice is None:
                subject = named_subject(question)  # "What is X?": its quote says what X is
        cand = cands[lead]
        span = choice.span if choice is not None else None
        citation = cite(1, cand, passages[cand.passage_index], span, info, subject)
        note = attribution_note(passages[cand.passage_index])
        source = f" ({note})" if note else ""
        if span is not None:
            kind = asked.place if target == "place" else None
            first = f"{_dated(span, cand.text, passages[cand.passage_index], kind)} [1]"
            pieces = [first, f"\n\n“{shown(citation, cand)}” [1]{source}"]
        else:
            said = (
                verdict(question, cand.text, cand.coverage)
                if target == "yesno" and names_all(question, cand.text)
                else ""
            )
            opener = f"{said}: " if said else ""
            pieces = [f"{opener}{shown(citation, cand)} [1]{source}"]
        citations = [citation]
        other = differing_report(
            asked,
            sentences,
            ordinary,
            lead,
            span,
            _distant(cands, lead, POOL),
            published=reading.published,
            headlines=[passages[c.passage_index].title for c in cands],
            rivals=choice.rivals if choice is not None else None,
        )
        if other is not None and self.max_sentences > 1:
            second = cands[other]
            citations.append(cite(2, second, passages[second.passage_index], None, info))
            note = attribution_note(passages[second.passage_index])
            pieces.append(
                f"\n\n“{shown(citations[1], second)}” [2]" + (f" ({note})" if note else "")
            )
        yield from pieces
        logger.info(
            "extractive answered passages=%d candidates=%d target=%s span=%s",
            len(passages),
            len(cands),
            target,
            span is not None,
        )
        yield Answer(text="".join(pieces), citations=citations, question=question)

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer:
        return AnswerStream(self.stream(question, passages)).answer()

    def condense(self, history: Sequence[tuple[str, str]], question: str) -> str:
        return condense_followup(history, question)
