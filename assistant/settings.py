"""Settings for the read side: retrieval knobs, answerer choice and the language model.

Same sources as the index settings (keyword arguments, `NEWSDESK_*` environment,
`newsdesk.toml`), so one file configures both layers. Built by an entry point and
passed down; nothing is read at import time.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr

from index.settings import IndexSettings

LLMBackend = Literal["none", "openai-like", "ollama"]
AnswererChoice = Literal["auto", "extractive", "llm"]


class AssistantSettings(IndexSettings):
    """Everything `Assistant.from_settings()` needs: where the index is and how to answer.

    Subclasses `IndexSettings` (itself a `NewsdeskSettings`) so that `data_dir`,
    the Chroma location and the embedding backend are read from the same place the
    `newsdesk index` command reads them.
    """

    # Retrieval
    retrieval_k: int = Field(default=8, ge=1, le=50, description="Passages handed to answerer.")
    candidate_pool: int = Field(
        default=50, ge=5, le=500, description="Hits taken from each of vector and BM25 search."
    )
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank-fusion constant.")
    rrf_vector_weight: float = Field(default=1.0, ge=0.0)
    rrf_lexical_weight: float = Field(default=1.0, ge=0.0)
    rescore_top: int = Field(
        default=50, ge=0, le=500, description="Second-stage rescoring depth (0 = off)."
    )
    per_article_cap: int = Field(default=2, ge=1, description="Max passages from one article.")
    per_source_share: float = Field(
        default=0.6,
        gt=0.0,
        le=1.0,
        description="Max share of the passages from one outlet while others have candidates.",
    )
    merge_adjacent: bool = Field(default=True, description="Merge neighbouring chunks.")

    # Answering
    answerer: AnswererChoice = "auto"  # auto: the LLM when llm_backend is set, else extractive

    # Language model (used when answerer is "llm", or "auto" with a backend configured)
    llm_backend: LLMBackend = "none"
    llm_model: str | None = None
    llm_api_base: str | None = None
    llm_api_key: SecretStr | None = None  # never printed or logged
    llm_timeout: float = Field(default=60.0, gt=0.0)
    llm_max_retries: int = Field(default=1, ge=0)
    llm_context_tokens: int = Field(default=4096, ge=512)
    llm_max_answer_tokens: int = Field(default=512, ge=16)
    llm_temperature: float = Field(default=0.1, ge=0.0, le=2.0)

    @property
    def uses_llm(self) -> bool:
        if self.answerer == "extractive":
            return False
        if self.answerer == "llm":
            return True
        return self.llm_backend != "none"
