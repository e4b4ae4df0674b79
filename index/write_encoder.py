"""What writes embed with: the light WordLlama encoder (`index.encoders`, no llama-index
import), or the configured backend's `BaseEmbedding` (`index.embeddings`), loaded only
when that backend is configured."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index.encoders import WordLlamaEncoder

if TYPE_CHECKING:  # the answer workers embed without the settings (pydantic)
    from index.settings import IndexSettings


def build_encoder(settings: IndexSettings) -> Any:
    """The light WordLlama encoder for the default backend, else the configured one."""
    if settings.embed_backend == "wordllama":
        return WordLlamaEncoder()
    from index.embeddings import build_embedding

    return build_embedding(settings)
