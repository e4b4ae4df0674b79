"""Settings for the read side: `[retrieval]`, `[answer]` and `[llm]`, with `[index]`.

Sections of the same kind as the index settings (keyword arguments, `NEWSDESK_*`
environment, the section's table in `newsdesk.toml`), so one file configures both
layers. Built by an entry point and passed down; nothing is read at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from index.settings import IndexSettings, NewsdeskSettings, SettingsGroup

LLMBackend = Literal["none", "openai-like", "ollama"]
AnswererChoice = Literal["auto", "extractive", "llm"]


class RetrievalSettings(NewsdeskSettings):
    """`[retrieval]`: how many passages, from how many candidates, weighed how."""

    section: ClassVar[str] = "retrieval"

    retrieval_k: int = Field(default=8, ge=1, le=50, description="Passages handed to answerer.")
    candidate_pool: int = Field(
        default=50, ge=5, le=500, description="Hits taken from each of vector and BM25 search."
    )
    clean_query: bool = Field(
        default=True, description="Drop quiz and time phrasing from the BM25 query."
    )
    # Fusion: each ranking adds weight / (rrf_k + rank); a weight of 0 skips that search.
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank-fusion constant.")
    rrf_vector_weight: float = Field(default=1.0, ge=0.0)
    rrf_lexical_weight: float = Field(default=1.0, ge=0.0)
    rescore_top: int = Field(
        default=50, ge=0, le=500, description="Second-stage rescoring depth (0 = off)."
    )
    # Second-stage weights (tuned on the dev questions, see tests/benchmarks/eval_assistant.py).
    # On the 520 answerable dev questions these moved answer-recall@5 from 0.685 (plain
    # RRF) to 0.713 without a date prior and 0.72-0.73 with the question date as as_of.
    rescore_fused_weight: float = Field(default=0.5, ge=0.0)
    rescore_coverage_weight: float = Field(default=1.0, ge=0.0)
    rescore_proximity_weight: float = Field(default=0.3, ge=0.0)
    rescore_title_weight: float = Field(default=0.3, ge=0.0)
    rescore_dense_weight: float = Field(default=0.5, ge=0.0)
    rescore_prior_weight: float = Field(default=1.0, ge=0.0)
    # An article's first chunk (the news lead) answers more often.
    rescore_lead_weight: float = Field(default=0.2, ge=0.0)
    per_article_cap: int = Field(default=2, ge=1, description="Max passages from one article.")
    per_source_share: float = Field(
        default=0.6,
        gt=0.0,
        le=1.0,
        description="Max share of the passages from one outlet while others have candidates.",
    )
    merge_adjacent: bool = Field(default=True, description="Merge neighbouring chunks.")


class AnswerSettings(NewsdeskSettings):
    """`[answer]`: which answerer writes the answer."""

    section: ClassVar[str] = "answer"

    answerer: AnswererChoice = "auto"  # auto: the LLM when [llm] backend is set, else extractive


class LLMSettings(NewsdeskSettings):
    """`[llm]`: the language model (``NEWSDESK_LLM_*``), used when the answerer is "llm",
    or "auto" with a backend configured."""

    section: ClassVar[str] = "llm"
    model_config = SettingsConfigDict(env_prefix="NEWSDESK_LLM_")

    backend: LLMBackend = "none"
    model: str | None = None
    api_base: str | None = None
    api_key: SecretStr | None = None  # never printed or logged
    timeout: float = Field(default=60.0, gt=0.0)
    max_retries: int = Field(default=1, ge=0)
    context_tokens: int = Field(default=4096, ge=512)
    max_answer_tokens: int = Field(default=512, ge=16)
    temperature: float = Field(default=0.1, ge=0.0, le=2.0)


class AssistantSettings(SettingsGroup):
    """Everything `Assistant.from_settings()` needs: where the index is and how to answer.

    `index` is the section the `newsdesk index` command reads, so both find the same
    data dir, Chroma location and embedding backend.
    """

    index: IndexSettings = Field(default_factory=IndexSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)

    @property
    def uses_llm(self) -> bool:
        if self.answer.answerer == "extractive":
            return False
        if self.answer.answerer == "llm":
            return True
        return self.llm.backend != "none"


def assistant_settings(data_dir: Path | None = None) -> AssistantSettings:
    """The settings from their sources; `data_dir` (a ``--data-dir`` option) on top."""
    if data_dir is None:
        return AssistantSettings()
    return AssistantSettings(index=IndexSettings(data_dir=data_dir))
