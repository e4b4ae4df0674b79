"""`Assistant`: the read side's facade — retrieve, answer with verified citations, chat.

One `Assistant` wraps an opened index, a `HybridRetriever` over it and an
`Answerer` (extractive by default, an LLM-backed one when the settings configure a
model). Every question goes through the same plan: time words and the `as_of`
reference date become a published-date window (articles after `as_of` are never
used) and maybe a recency preference; explicit filters narrow it further.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from assistant.answer.attribution import attribution_note
from assistant.answer.base import Answerer, AnswerStream
from assistant.answer.matching import analyse_question
from assistant.answer.textcache import passage_text, title_text
from assistant.asking import Asks
from assistant.chat import ChatSession
from assistant.planning import QueryPlan, make_plan
from assistant.query.filters import FilterArgs, Filters, filters_from
from assistant.query.phrasing import asks_overview
from assistant.query.recency import newest_first, parse_published
from assistant.query.roundup import asks_roundup, newest_headlines
from assistant.query.smalltalk import is_small_talk, small_talk_reply
from assistant.retrieval.candidates import passage_of
from assistant.retrieval.hybrid import HybridRetriever, SearchIndex, query_model
from assistant.settings import AssistantSettings
from assistant.types import Answer, Citation, Passage
from index.filters import ChunkFilter
from index.text.headlines import bare_headline
from index.text.terms import match_credit

if TYPE_CHECKING:
    from llama_index.core.llms import LLM
    from llama_index.core.query_engine import CustomQueryEngine
    from llama_index.core.retrievers import BaseRetriever

    from index.report import IndexStatus

logger = logging.getLogger(__name__)

LATEST_POOL = 3  # a question asking for the latest reads from k x this many passages
LATEST_WINDOW_DAYS = 14  # ... and from the best k of its last two weeks
ON_STORY = 0.75  # ... that hold this share of the question's terms

LATEST_CACHE_SECONDS = 30.0


def _names_story(passage: Passage, story: Sequence[str]) -> bool:
    """Whether the passage (headline and text) holds `ON_STORY` of the story's terms (its
    terms as the answerer reads them, from the same cache)."""
    vocab = title_text(passage.title).vocab | passage_text(passage.text).vocab
    return bool(story) and sum(match_credit(t, vocab) for t in story) >= ON_STORY * len(story)


class Assistant(Asks):
    """Ask questions about the indexed articles; every claim cites its sentence.

    `index` is anything with NewsIndex's read methods (`vector_search`,
    `lexical_search`, `embedding`). `answerer` None means: the LLM-backed answerer
    when `llm` is given or the settings configure one, else the extractive one.
    """

    def __init__(
        self,
        index: SearchIndex,
        answerer: Answerer | None = None,
        settings: AssistantSettings | None = None,
        *,
        llm: LLM | None = None,
        retriever: HybridRetriever | None = None,
    ) -> None:
        self.index = index
        self.settings = settings if settings is not None else AssistantSettings()
        self.retriever = retriever or HybridRetriever(index, self.settings.retrieval)
        self._answerer = answerer
        self._llm = llm
        self._status_read: tuple[float, IndexStatus | None] | None = None

    # -- construction -----------------------------------------------------------------

    @classmethod
    def from_settings(
        cls, settings: AssistantSettings | None = None, **overrides: dict[str, Any]
    ) -> Assistant:
        """Open the index the CLI uses (``NEWSDESK_DATA_DIR``, ``newsdesk.toml``, defaults).

        `overrides` are keys of settings sections, e.g. ``index={"data_dir": "data/sample"}``.
        """
        if settings is None:
            settings = AssistantSettings.model_validate(overrides)
        elif overrides:
            settings = settings.updated(**overrides)
        from index.pipeline import NewsIndex

        index = NewsIndex.open(settings.index)
        return cls(index=index, settings=settings)

    @property
    def answerer(self) -> Answerer:
        """Built on first use, so constructing an Assistant loads no model."""
        if self._answerer is None:
            self._answerer = self._build_answerer()
        return self._answerer

    @property
    def answers_with_model(self) -> bool:
        """Whether a language model writes the answers (read without building the answerer)."""
        if self._answerer is not None:
            return self._answerer.name != "extractive"
        return self._llm is not None or self.settings.uses_llm

    def _build_answerer(self) -> Answerer:
        from assistant.answer.generative import DEFAULT_POLICY, GenerativeAnswerer

        s = self.settings
        if self._llm is not None:
            # Same retrieval-support gate as a configured model: no weak passages reach it.
            return GenerativeAnswerer(
                self._llm,
                context_tokens=s.llm.context_tokens,
                timeout=s.llm.timeout,
                abstention=DEFAULT_POLICY,
                embedding=self.index.embedding,
            )
        if s.uses_llm:
            from assistant.answer.generative import build_generative

            generative = build_generative(s.llm, embedding=self.index.embedding)
            if generative is not None:
                return generative
            if s.answer.answerer == "llm":
                raise ValueError(
                    "answerer is 'llm' but no model is configured: set NEWSDESK_LLM_BACKEND "
                    "(openai-like or ollama) and NEWSDESK_LLM_MODEL"
                )
        from assistant.answer.extractive import ExtractiveAnswerer

        return ExtractiveAnswerer(embedding=self.index.embedding)

    # -- planning ---------------------------------------------------------------------

    def plan(
        self,
        question: str,
        filters: Filters | None = None,
        **given: Unpack[FilterArgs],
    ) -> QueryPlan:
        """Resolve time words against `as_of` and merge them with the explicit filters.

        `filters` (or the same fields as keywords) narrow which articles may be used.
        """
        return make_plan(
            question, filters_from(filters, **given), self._latest_published, self._outlets
        )

    def _outlets(self) -> list[str]:
        """The index's source domains (for a question attributed to an outlet)."""
        status = self._status()
        return [d for d in status.sources if d and not d.startswith("(")] if status else []

    def _latest_published(self) -> date | None:
        """The index's newest publication date (for time words the archive may predate)."""
        status = self._status()
        return parse_published(status.latest) if status else None

    def _status(self) -> IndexStatus | None:
        """The index's `status()`, read at most once every `LATEST_CACHE_SECONDS` (it
        changes with updates); None when the index has none or it fails."""
        now = time.monotonic()
        cached = self._status_read
        if cached is not None and now - cached[0] < LATEST_CACHE_SECONDS:
            return cached[1]
        result: IndexStatus | None = None
        status = getattr(self.index, "status", None)
        if callable(status):
            try:
                result = status()
            except Exception as exc:  # a ranking or filter hint must never cost the answer
                logger.warning("index status failed error=%s", exc)
        self._status_read = (now, result)
        return result

    # -- reading ----------------------------------------------------------------------

    def _passages(self, plan: QueryPlan, k: int | None = None) -> list[Passage]:
        k = k or self.settings.retrieval.retrieval_k
        if plan.newest_first:
            # The clearly relevant reports newest first, from a wider pool: "Who won the
            # Hart Trophy?" matches seven years' winners about equally, and this year's
            # report would otherwise fall below the first k.
            pool = self.retriever.retrieve(
                plan.search_text, k * LATEST_POOL, flt=plan.flt, date_prior=plan.date_prior
            )
            # A request for the story's news ("What's the latest on the war in Ukraine?")
            # also reads its last weeks' reports, which months of older coverage outrank;
            # only those that name the story (a narrow window's best match may not).
            recent = self._recent(plan.flt) if asks_overview(plan.question) else None
            if recent is not None:
                seen = {(p.article_id, p.start) for p in pool}
                story = analyse_question(plan.search_text).terms
                pool += [
                    p
                    for p in self.retriever.retrieve(
                        plan.search_text, k, flt=recent, date_prior=plan.date_prior
                    )
                    if (p.article_id, p.start) not in seen and _names_story(p, story)
                ]
            return newest_first(pool)[:k]
        return self.retriever.retrieve(
            plan.search_text, k, flt=plan.flt, date_prior=plan.date_prior
        )

    def _recent(self, flt: ChunkFilter) -> ChunkFilter | None:
        """`flt` narrowed to its last `LATEST_WINDOW_DAYS` (its end: `until` or the index's
        newest day, whichever is earlier: an archive ending before today ends its window);
        None when it is that narrow already or the end is unknown."""
        ends = [d for d in (flt.until, self._latest_published()) if d is not None]
        if not ends:
            return None
        end = min(ends)
        since = end - timedelta(days=LATEST_WINDOW_DAYS - 1)
        if flt.since is not None and flt.since >= since:
            return None
        return replace(flt, since=since, until=end)

    def retrieve(
        self,
        question: str,
        k: int = 10,
        filters: Filters | None = None,
        **given: Unpack[FilterArgs],
    ) -> list[Passage]:
        """The best `k` passages for the question (deduplicated, capped per article)."""
        plan = self.plan(question, filters, **given)
        return self._passages(plan, k)

    def stream(
        self,
        question: str,
        filters: Filters | None = None,
        **given: Unpack[FilterArgs],
    ) -> AnswerStream:
        """The answer as it is produced: iterate for text, then `.answer()` (verified)."""
        plan = self.plan(question, filters, **given)
        return AnswerStream(self.stream_plan(plan))

    def stream_plan(self, plan: QueryPlan, asked: str | None = None) -> Iterator[str | Answer]:
        """Answer a planned question; `asked` is the user's wording when `plan` was condensed."""
        question = plan.question
        if not question.strip():
            raise ValueError("the question is empty")
        if is_small_talk(asked if asked is not None else question):
            reply = self._small_talk_reply(asked if asked is not None else question)
            yield reply
            yield Answer(text=reply, question=asked if asked is not None else question)
            return
        if asks_roundup(question, plan.search_text):
            roundup = self._roundup(plan)
            if roundup is not None:
                yield (f"{plan.note}\n\n" if plan.note else "") + roundup.text
                yield self._finish(roundup, plan, asked, ())
                return
        passages = self._passages(plan)
        logger.info(
            "ask question=%r passages=%d filter=%s answerer=%s",
            question,
            len(passages),
            plan.flt,
            self.answerer.name,
        )
        final: Answer | None = None
        if plan.note:
            yield plan.note + "\n\n"
        for piece in self.answerer.stream(plan.answerer_question, passages):
            if isinstance(piece, Answer):
                final = piece
            else:
                yield piece
        if final is None:  # an answerer broke the protocol; say so rather than hang
            raise RuntimeError(f"answerer {self.answerer.name!r} produced no final Answer")
        yield self._finish(final, plan, asked, passages)

    def _roundup(self, plan: QueryPlan) -> Answer | None:
        """The newest headlines of the plan's window, each cited ("What happened this
        week?"); None when the index cannot list its articles or the window is empty."""
        list_articles = getattr(self.index, "list_articles", None)
        chunks_of = getattr(self.index, "chunks_of", None)
        if not callable(list_articles) or not callable(chunks_of):
            return None
        picked = newest_headlines(list_articles(), plan.flt)
        lines: list[str] = []
        citations: list[Citation] = []
        for article in picked:
            chunks = chunks_of(article.id)
            if not chunks:
                continue
            passage = passage_of(chunks[0], 1.0)
            headline = bare_headline(passage.title)
            number = len(citations) + 1
            citations.append(
                Citation.from_passage(
                    number,
                    passage,
                    headline,
                    passage.title.find(headline),
                    1.0,
                    shown_in=passage.title,
                    in_title=True,
                )
            )
            note = attribution_note(passage)
            lines.append(f"“{headline}” [{number}]" + (f" ({note})" if note else ""))
        if not citations:
            return None
        logger.info("ask question=%r roundup headlines=%d", plan.question, len(citations))
        text = "The newest headlines:\n\n" + "\n\n".join(lines)
        return Answer(text=text, citations=citations, question=plan.question)

    def _small_talk_reply(self, message: str = "") -> str:
        """What is indexed, and three questions to try (for "hi", "help", "thanks")."""
        list_articles = getattr(self.index, "list_articles", None)
        status = getattr(self.index, "status", None)
        try:
            articles = list_articles() if callable(list_articles) else []
            st = status() if callable(status) else None
        except Exception as exc:  # a greeting must never fail
            logger.warning("small talk status failed error=%s", exc)
            articles, st = [], None
        return small_talk_reply(
            articles, st.earliest if st else None, st.latest if st else None, message
        )

    def _finish(
        self, answer: Answer, plan: QueryPlan, asked: str | None, passages: Sequence[Passage]
    ) -> Answer:
        notes = list(answer.notes)
        if not answer.abstained and answer.citations:
            notes.extend(n for n in _conflict_notes(answer, passages) if n not in notes)
        text = answer.text
        if plan.answer_text:  # the question as asked, not as the answerer read it
            text = text.replace(f"“{plan.answer_text}”", f"“{plan.question}”")
        return replace(
            answer,
            text=f"{plan.note}\n\n{text}" if plan.note else text,
            question=asked if asked is not None else plan.question,
            standalone_question=plan.question if asked is not None else answer.standalone_question,
            date_range=answer.date_range or plan.date_range,
            notes=notes,
        )

    def chat(
        self,
        filters: Filters | None = None,
        **given: Unpack[FilterArgs],
    ) -> ChatSession:
        """A conversation: follow-ups are resolved against the earlier turns."""
        return ChatSession(self, filters_from(filters, **given))

    def as_query_engine(self, *, streaming: bool = False, **filters: Any) -> CustomQueryEngine:
        """A llama-index query engine whose `Response.source_nodes` are the cited passages.

        `filters` (sources, since, until, as_of) apply to every query. With `streaming`,
        `query` returns a `StreamingResponse` whose `response_gen` yields the answer as it
        is produced; its `source_nodes` and `metadata` are filled, and `response_txt` set
        to the verified answer, once the stream is consumed (see
        `assistant.integrations.query_engine`).
        """
        from assistant.integrations.query_engine import build_query_engine

        return build_query_engine(self, streaming=streaming, **filters)

    def as_retriever(self, k: int = 10, **filters: Any) -> BaseRetriever:
        """The hybrid retriever as a llama-index `BaseRetriever` (passages as nodes)."""
        from assistant.integrations.query_engine import build_retriever

        return build_retriever(self, k, **filters)

    def describe(self) -> dict[str, Any]:
        """What the UI status line shows: models, answerer, where the index lives."""
        s = self.settings.index
        embedding = query_model(self.index)  # (the model's name, without loading llama-index)
        location: str
        if s.chroma_host:
            location = f"chroma http://{s.chroma_host}:{s.chroma_port} ({s.collection})"
            if s.replica:
                location += ", read-only replica (articles are added by the indexer)"
        else:
            location = str(getattr(self.index, "data_dir", s.data_dir))
        info: dict[str, Any] = {
            "embedding": getattr(embedding, "model_name", type(embedding).__name__),
            "answerer": self.answerer.name,
            "index": location,
            "collection": s.collection,
        }
        status = getattr(self.index, "status", None)
        if callable(status):
            try:
                st = status()
                info["articles"] = st.articles
                info["chunks"] = st.chunks
            except Exception as exc:  # the status line must never break the app
                logger.warning("describe status failed error=%s", exc)
        return info


def _conflict_notes(answer: Answer, passages: Sequence[Passage]) -> Sequence[str]:
    """Notes on conflicting reports that concern the cited articles (numbers, dates)."""
    from assistant.news.notes import conflict_notes

    try:
        return conflict_notes(answer, passages)
    except Exception as exc:  # a note must never cost the answer
        logger.warning("conflict detection failed error=%s", exc)
        return []
