"""The assistant as llama-index components: a `BaseRetriever` and a `CustomQueryEngine`.

`NewsdeskRetriever` returns the hybrid retriever's passages as `NodeWithScore`s, so
it can be dropped into any llama-index pipeline. `NewsdeskQueryEngine.query(...)`
returns a llama-index `Response` whose text is the verified answer and whose
`source_nodes` are the cited passages (one node per citation, the quote and its
offsets in the metadata); `metadata["answer"]` holds the full `Answer` as a dict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llama_index.core.base.response.schema import Response
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import ConfigDict, Field

from assistant.types import Answer, Citation, Passage

if TYPE_CHECKING:
    from assistant.core import Assistant

# Metadata that is for display only: keep it out of embeddings and LLM prompts.
_DISPLAY_ONLY = ["article_id", "url", "chunk_id", "start", "end", "quote_start", "quote_end"]


def passage_node(passage: Passage) -> NodeWithScore:
    node = TextNode(
        id_=passage.chunk_id or f"{passage.article_id}@{passage.start}",
        text=passage.text,
        metadata={
            "article_id": passage.article_id,
            "title": passage.title,
            "source": passage.source or "",
            "url": passage.url or "",
            "published": passage.published or "",
            "chunk_id": passage.chunk_id,
            "start": passage.start,
            "end": passage.end,
            "also_in": ", ".join(passage.also_in),
        },
        excluded_embed_metadata_keys=_DISPLAY_ONLY,
        excluded_llm_metadata_keys=_DISPLAY_ONLY,
    )
    return NodeWithScore(node=node, score=passage.score)


def citation_node(citation: Citation) -> NodeWithScore:
    node = TextNode(
        id_=f"{citation.article_id}@{citation.start}-{citation.end}",
        text=citation.passage or citation.quote,
        metadata={
            "number": citation.number,
            "article_id": citation.article_id,
            "title": citation.title,
            "source": citation.source or "",
            "url": citation.url or "",
            "published": citation.published or "",
            "quote": citation.quote,
            "quote_start": citation.start,
            "quote_end": citation.end,
            "also_in": ", ".join(citation.also_in),
        },
        excluded_embed_metadata_keys=_DISPLAY_ONLY,
        excluded_llm_metadata_keys=_DISPLAY_ONLY,
    )
    return NodeWithScore(node=node, score=citation.score)


class NewsdeskRetriever(BaseRetriever):
    """Hybrid (vector + BM25) retrieval over the news index, as a llama-index retriever."""

    def __init__(self, assistant: Assistant, k: int = 10, **filters: Any) -> None:
        super().__init__()
        self._assistant = assistant
        self._k = k
        self._filters = filters  # sources / since / until / as_of

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        passages = self._assistant.retrieve(query_bundle.query_str, self._k, **self._filters)
        return [passage_node(p) for p in passages]


class NewsdeskQueryEngine(CustomQueryEngine):
    """Answers with verified citations; `source_nodes` are the cited passages."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    assistant: Any
    filters: dict[str, Any] = Field(default_factory=dict)

    def custom_query(self, query_str: str) -> Response:
        answer: Answer = self.assistant.ask(query_str, **self.filters)
        return Response(
            response=answer.text,
            source_nodes=[citation_node(c) for c in answer.citations],
            metadata={"answer": answer.to_dict(), "abstained": answer.abstained},
        )


def build_query_engine(assistant: Assistant, **filters: Any) -> NewsdeskQueryEngine:
    return NewsdeskQueryEngine(assistant=assistant, filters=filters)


def build_retriever(assistant: Assistant, k: int = 10, **filters: Any) -> NewsdeskRetriever:
    return NewsdeskRetriever(assistant, k, **filters)
