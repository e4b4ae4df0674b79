"""The assistant as llama-index components: a `BaseRetriever` and a `CustomQueryEngine`.

`NewsdeskRetriever` returns the hybrid retriever's passages as `NodeWithScore`s, so
it can be dropped into any llama-index pipeline. `NewsdeskQueryEngine.query(...)`
returns a llama-index `Response` whose text is the verified answer and whose
`source_nodes` are the cited passages (one node per citation, the quote and its
offsets in the metadata); `metadata["answer"]` holds the full `Answer` as a dict.

With `streaming=True`, `query(...)` returns a `StreamingResponse` (`aquery(...)` an
`AsyncStreamingResponse`) whose `response_gen` yields the answer text as it is
produced. The citations are known only once the answer has been verified, so
`source_nodes` and `metadata` are filled when the stream has been consumed (or on
`str(response)` / `get_response()`, which consume it). `query` itself already does the
planning, retrieval and the first piece of the answer: bad filters, an empty question
or an unreachable index/LLM raise there, not halfway through iterating.

The streamed pieces are what the answerer produced; verification may change them
afterwards (an LLM's unsupported `[n]` markers are dropped, the rest renumbered). After
consumption `response_txt` / `str(response)` is always the verified `Answer.text`, and
`metadata["stream_revised"]` says whether it differs from the joined pieces, so a
caller that displayed the pieces knows to replace them (the web UI does the same).
When the verified text merely extends what was streamed (an abstention decided before
any text was produced), the missing tail is streamed too, so the pieces join to it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncGenerator, Generator, Iterator
from typing import Any

from llama_index.core.base.response.schema import (
    AsyncStreamingResponse,
    Response,
    StreamingResponse,
)
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import ConfigDict, Field

from assistant.answer.base import AnswerStream
from assistant.asking import RetrievesAndAsks
from assistant.types import Answer, Citation, Passage

# Metadata that is for display only: keep it out of embeddings and LLM prompts.
_DISPLAY_ONLY = ["article_id", "url", "chunk_id", "start", "end", "quote_start", "quote_end"]


def passage_node(passage: Passage) -> NodeWithScore:
    return _node(
        passage,
        passage.chunk_id or f"{passage.article_id}@{passage.start}",
        passage.text,
        {},
        {"chunk_id": passage.chunk_id, "start": passage.start, "end": passage.end},
    )


def citation_node(citation: Citation) -> NodeWithScore:
    return _node(
        citation,
        f"{citation.article_id}@{citation.start}-{citation.end}",
        citation.passage or citation.quote,
        {"number": citation.number},
        {"quote": citation.quote, "quote_start": citation.start, "quote_end": citation.end},
    )


def _node(
    item: Passage | Citation,
    node_id: str,
    text: str,
    before: dict[str, Any],
    after: dict[str, Any],
) -> NodeWithScore:
    """A node with the article's metadata between `before` and `after` (display-only keys
    kept out of embeddings and prompts)."""
    metadata = {
        **before,
        "article_id": item.article_id,
        "title": item.title,
        "source": item.source or "",
        "url": item.url or "",
        "published": item.published or "",
        **after,
        "also_in": ", ".join(item.also_in),
    }
    node = TextNode(
        id_=node_id,
        text=text,
        metadata=metadata,
        excluded_embed_metadata_keys=_DISPLAY_ONLY,
        excluded_llm_metadata_keys=_DISPLAY_ONLY,
    )
    return NodeWithScore(node=node, score=item.score)


class NewsdeskRetriever(BaseRetriever):
    """Hybrid (vector + BM25) retrieval over the news index, as a llama-index retriever."""

    def __init__(self, assistant: RetrievesAndAsks, k: int = 10, **filters: Any) -> None:
        super().__init__()
        self._assistant = assistant
        self._k = k
        self._filters = filters  # sources / since / until / as_of

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        passages = self._assistant.retrieve(query_bundle.query_str, self._k, **self._filters)
        return [passage_node(p) for p in passages]


def _metadata(answer: Answer) -> dict[str, Any]:
    return {"answer": answer.to_dict(), "abstained": answer.abstained}


class NewsdeskStreamingResponse(StreamingResponse):
    """A `StreamingResponse` whose text, once consumed, is the verified answer.

    llama-index's own `__str__` / `get_response` / `print_response_stream` would set
    `response_txt` to the joined pieces; here the generator itself records the verified
    text (with the cited `source_nodes` and the `metadata`) when it finishes.
    """

    def _drain(self) -> None:
        if self.response_gen is not None:
            for _ in self.response_gen:
                pass

    def __str__(self) -> str:
        self._drain()
        return self.response_txt or "None"

    def get_response(self) -> Response:
        self._drain()
        return Response(self.response_txt, self.source_nodes, self.metadata)

    def print_response_stream(self) -> None:
        if self.response_txt is None and self.response_gen is not None:
            for text in self.response_gen:
                print(text, end="", flush=True)
        else:
            print(self.response_txt)


class NewsdeskAsyncStreamingResponse(AsyncStreamingResponse):
    """The async twin: llama-index accumulates the pieces into `response_txt` as they
    are read; the generator replaces that with the verified text when it finishes."""


class NewsdeskQueryEngine(CustomQueryEngine):
    """Answers with verified citations; `source_nodes` are the cited passages.

    With `streaming`, `query` returns a `NewsdeskStreamingResponse` and `aquery` a
    `NewsdeskAsyncStreamingResponse` (see the module docstring for what is known when).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    assistant: Any
    filters: dict[str, Any] = Field(default_factory=dict)
    streaming: bool = False

    def custom_query(self, query_str: str) -> Response | StreamingResponse:
        if not self.streaming:
            answer: Answer = self.assistant.ask(query_str, **self.filters)
            return Response(
                response=answer.text,
                source_nodes=[citation_node(c) for c in answer.citations],
                metadata=_metadata(answer),
            )
        stream = self._start(query_str)
        response = NewsdeskStreamingResponse(response_gen=_no_pieces(), metadata={})
        response.response_gen = _text_pieces(stream, response)
        return response

    async def acustom_query(self, query_str: str) -> Response | AsyncStreamingResponse:
        # The assistant is synchronous (Chroma, embeddings, the LLM client): run it in
        # worker threads so the event loop is not blocked while it works.
        if not self.streaming:
            response = await asyncio.to_thread(self.custom_query, query_str)
            assert isinstance(response, Response)
            return response
        stream = await asyncio.to_thread(self._start, query_str)
        aresponse = NewsdeskAsyncStreamingResponse(response_gen=_no_apieces(), metadata={})
        aresponse.response_gen = _async_text_pieces(_text_pieces(stream, aresponse))
        return aresponse

    def _start(self, query_str: str) -> tuple[AnswerStream, Iterator[str]]:
        """Begin answering and wait for the first piece, so early failures raise here."""
        stream = self.assistant.stream(query_str, **self.filters)
        pieces = iter(stream)
        first = next(pieces, None)
        return stream, itertools.chain([first] if first is not None else [], pieces)


def _text_pieces(
    started: tuple[AnswerStream, Iterator[str]],
    response: StreamingResponse | AsyncStreamingResponse,
) -> Generator[str, None, None]:
    """Yield the text pieces; at the end, record the verified answer on `response`."""
    stream, pieces = started
    for piece in pieces:
        if piece:
            yield piece
    final = stream.answer()
    shown = stream.streamed
    if len(final.text) > len(shown) and final.text.startswith(shown):
        yield final.text[len(shown) :]
    # Recorded after the last piece: AsyncStreamingResponse sets `response_txt` to the
    # joined pieces while they are read, and this must be the last word on it.
    response.response_txt = final.text
    response.source_nodes[:] = [citation_node(c) for c in final.citations]
    if response.metadata is None:
        response.metadata = {}
    response.metadata.update(_metadata(final), stream_revised=stream.revised)


async def _async_text_pieces(pieces: Iterator[str]) -> AsyncGenerator[str, None]:
    """Step a synchronous piece generator in worker threads."""
    while (piece := await asyncio.to_thread(next, pieces, None)) is not None:
        yield piece


# Placeholders: a response is created before the generator that fills it in.
def _no_pieces() -> Generator[str, None, None]:
    yield from ()


async def _no_apieces() -> AsyncGenerator[str, None]:
    nothing: tuple[str, ...] = ()
    for piece in nothing:
        yield piece


def build_query_engine(
    assistant: RetrievesAndAsks, streaming: bool = False, **filters: Any
) -> NewsdeskQueryEngine:
    return NewsdeskQueryEngine(assistant=assistant, filters=filters, streaming=streaming)


def build_retriever(assistant: RetrievesAndAsks, k: int = 10, **filters: Any) -> NewsdeskRetriever:
    return NewsdeskRetriever(assistant, k, **filters)
