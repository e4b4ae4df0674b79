"""Offline access to the cl100k tokenizer (tiktoken) used to size chunks.

tiktoken downloads its BPE file unless ``TIKTOKEN_CACHE_DIR`` points at a folder that
holds it. llama-index ships cl100k in ``llama_index/core/_static/tiktoken_cache``;
when the variable is unset we point it there for the load and put it back afterwards,
exactly as ``llama_index.core.utils.get_tokenizer`` does (pointing it anywhere else
would break llama-index's own splitter).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import threading
from pathlib import Path

import tiktoken

ENCODING_NAME = "cl100k_base"
_LOCK = threading.Lock()


def bundled_cache_dir() -> Path:
    """llama-index's bundled tiktoken cache folder (cl100k and o200k)."""
    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("llama-index-core is not installed: pip install llama-index-core")
    return Path(next(iter(spec.submodule_search_locations))) / "_static" / "tiktoken_cache"


@functools.cache
def encoding() -> tiktoken.Encoding:
    """The cl100k_base encoding, loaded offline once per process."""
    with _LOCK:
        if "TIKTOKEN_CACHE_DIR" in os.environ:
            return tiktoken.get_encoding(ENCODING_NAME)
        os.environ["TIKTOKEN_CACHE_DIR"] = str(bundled_cache_dir())
        try:
            return tiktoken.get_encoding(ENCODING_NAME)
        finally:
            del os.environ["TIKTOKEN_CACHE_DIR"]


def count_tokens(text: str) -> int:
    """Number of cl100k tokens in `text` (special-token text counted as plain text)."""
    return len(encoding().encode_ordinary(text))
