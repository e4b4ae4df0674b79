"""The default embedding model without llama-index: what a write needs, loaded fast.

Importing any part of llama-index runs ``llama_index.core``'s package init, which loads
most of the library (~2-3 s of a cold ``newsdesk index ONE_FILE`` here). Writing needs
only ``embed_array`` and a ``model_name``, so writes use a `WordLlamaEncoder` unless
the read-side `BaseEmbedding` (`index.embeddings`) is already built; that one wraps the
same encoder, so the model is never loaded twice and the vectors are the same.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

import numpy as np

from index.wordpieces import PieceTokenizer, mean_pool

WORDLLAMA_DIM = 256
WORDLLAMA_CONFIG = "l2_supercat"
EMBED_BATCH = 256  # texts pooled at once (WordLlama's own batches held as many)


class EmbeddingUnavailable(RuntimeError):
    """The configured embedding backend cannot be loaded here."""


def package_dir(module: str, hint: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingUnavailable(f"Python package {module!r} is not installed: {hint}")
    return Path(next(iter(spec.submodule_search_locations)))


def import_wordllama() -> Any:
    """Import WordLlama without letting it configure the application's logging.

    wordllama calls `logging.basicConfig(level=INFO)` at import time, which would
    make every library's INFO records appear in the user's terminal.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from wordllama import WordLlama

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return WordLlama


def wordllama_model(package: Path, dim: int) -> Any:
    """WordLlama loaded by its own loader from its package folder (offline: plain
    `WordLlama.load()` looks in the wrong folder and tries to download)."""
    return import_wordllama().load(cache_dir=package, dim=dim, disable_download=True)


def load_wordllama_files(package: Path, dim: int) -> tuple[np.ndarray, Any] | None:
    """WordLlama's table and tokenizer read straight from its package's files.

    What `WordLlama.load(config="l2_supercat", dim=dim)` reads and builds (the float16
    table as a contiguous float32 array, the tokenizer padding and never truncating),
    without importing the wordllama package, which brings requests, pydantic and its
    training code (~27 MB of a worker process that only embeds). None when the files are
    not where this version of wordllama keeps them.
    """
    weights = package / "weights" / f"{WORDLLAMA_CONFIG}_{dim}.safetensors"
    tokenizer_file = package / "tokenizers" / f"{WORDLLAMA_CONFIG}_tokenizer_config.json"
    if not (weights.is_file() and tokenizer_file.is_file()):
        return None
    from safetensors import safe_open
    from tokenizers import Tokenizer

    with safe_open(str(weights), framework="np", device="cpu") as f:
        table = np.ascontiguousarray(f.get_tensor("embedding.weight").astype(np.float32))
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_padding()
    tokenizer.no_truncation()
    return table, tokenizer


class WordLlamaEncoder:
    """WordLlama (256-d static token embeddings, numpy only), loaded from site-packages."""

    def __init__(self, dim: int = WORDLLAMA_DIM) -> None:
        self.model_name = f"wordllama-{WORDLLAMA_CONFIG}-{dim}"
        package = package_dir("wordllama", "pip install wordllama")
        loaded = load_wordllama_files(package, dim)
        if loaded is None:  # another layout: wordllama finds its files (offline)
            model = wordllama_model(package, dim)
            loaded = model.embedding, model.tokenizer
        self.table, self.tokenizer = loaded
        self._tokenizer = PieceTokenizer(self.tokenizer)

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """Normalised embeddings as a float32 numpy array (no Python-float round trip):
        WordLlama's own vectors, tokenized a word at a time and pooled without padding."""
        table = self.table
        parts = [
            mean_pool(table, self._tokenizer.ids(texts[lo : lo + EMBED_BATCH]), norm=True)
            for lo in range(0, len(texts), EMBED_BATCH)
        ]
        return np.concatenate(parts) if parts else np.zeros((0, table.shape[1]), np.float32)
