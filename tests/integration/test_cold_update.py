"""A one-file update from a fresh process loads only what a write needs."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def test_a_write_does_not_import_llama_index_or_the_read_side(tmp_path: Path) -> None:
    article = tmp_path / "in" / "harbour.md"
    article.parent.mkdir()
    article.write_text(
        "---\ntitle: Zeppelin lands in harbour\nsource: example.org\npublished: 2022-11-20\n"
        "---\nA zeppelin landed in the harbour on Sunday. Crowds watched the crew.\n",
        encoding="utf-8",
    )
    script = textwrap.dedent(
        f"""
        import json, sys
        from index.pipeline import NewsIndex
        from index.settings import IndexSettings
        with NewsIndex.open(IndexSettings(data_dir={str(tmp_path / "data")!r})) as index:
            report = index.update([{str(article)!r}])
        loaded = sorted(sys.modules)
        print(json.dumps({{"added": report.added, "modules": loaded}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["added"] == 1
    # (the bare `llama_index` namespace is only looked into, for its bundled tiktoken file)
    assert not [m for m in result["modules"] if m.startswith("llama_index.core")]
    tops = {m.split(".")[0] for m in result["modules"]}
    assert not {"assistant", "ui", "gradio", "torch"} & tops
    # nor the libraries a one-file write does not need (each cost 0.3-1.2 s of CPU):
    # chromadb's Python package (the store opens its Rust bindings), nltk, datasketch
    assert not {"chromadb", "nltk", "datasketch", "httpx"} & tops
    assert "chromadb_rust_bindings" in tops
    assert not {"scipy.integrate", "scipy.stats", "scipy.sparse"} & set(result["modules"])
