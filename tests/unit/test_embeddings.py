"""Embedding backends: wordllama loads offline and ranks meaningfully."""

from __future__ import annotations

import logging
import socket
from typing import Any

import numpy as np
import pytest

from index.embeddings import EmbeddingUnavailable, WordLlamaEmbedding, build_embedding
from index.settings import IndexSettings

pytestmark = pytest.mark.unit


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def wordllama() -> WordLlamaEmbedding:
    model = build_embedding(IndexSettings(embed_backend="wordllama"))
    assert isinstance(model, WordLlamaEmbedding)
    return model


def test_wordllama_loads_offline_into_a_temp_home(no_network: None) -> None:
    model = build_embedding(IndexSettings(embed_backend="wordllama"))
    assert model.model_name == "wordllama-l2_supercat-256"
    vector = model.get_text_embedding("Netflix renews Squid Game")
    assert len(vector) == 256
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-4)


def test_similar_sentences_rank_above_unrelated(wordllama: WordLlamaEmbedding) -> None:
    query = "Which streaming show was renewed for a second season?"
    docs = [
        "Netflix announced that the hit series Squid Game will return for another season.",
        "The Federal Reserve raised interest rates by three quarters of a point.",
        "Heavy rain flooded roads and farms across the northern province.",
        "The recipe needs two cups of flour, sugar and a pinch of salt.",
    ]
    q = np.asarray(wordllama.get_query_embedding(query))
    d = np.asarray(wordllama.embed_array(docs))
    scores = d @ q
    assert int(np.argmax(scores)) == 0
    assert scores[0] > max(scores[1:]) + 0.05


def test_batch_and_single_embeddings_agree(wordllama: WordLlamaEmbedding) -> None:
    texts = ["Inflation rose again in June.", "A volcano erupted in Iceland."]
    batch = np.asarray(wordllama.get_text_embedding_batch(texts))
    single = np.asarray([wordllama.get_text_embedding(t) for t in texts])
    assert batch.shape == (2, 256)
    np.testing.assert_allclose(batch, single, atol=1e-5)


def test_sentence_transformers_without_model_says_what_to_set() -> None:
    with pytest.raises(EmbeddingUnavailable, match="NEWSDESK_EMBED_MODEL"):
        build_embedding(IndexSettings(embed_backend="sentence-transformers"))


def test_loading_wordllama_leaves_application_logging_alone() -> None:
    # wordllama calls logging.basicConfig(INFO) on import; a fresh process shows whether it leaks.
    import subprocess
    import sys

    code = (
        "import logging\n"
        "from index.embeddings import WordLlamaEmbedding\n"
        "WordLlamaEmbedding()\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), root.level)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["0", str(logging.WARNING)]


def test_write_encoder_gives_the_embeddings_vectors_from_one_model() -> None:
    from index.encoders import WordLlamaEncoder
    from index.write_encoder import build_encoder

    encoder = build_encoder(IndexSettings(embed_backend="wordllama"))
    assert isinstance(encoder, WordLlamaEncoder)
    wrapped = build_embedding(IndexSettings(embed_backend="wordllama"), encoder)
    assert isinstance(wrapped, WordLlamaEmbedding)
    assert wrapped.model_name == encoder.model_name
    texts = ["Inflation rose again in June.", "A volcano erupted in Iceland."]
    assert np.array_equal(np.asarray(wrapped.embed_array(texts)), encoder.embed_array(texts))


def test_write_encoder_gives_wordllamas_own_ids_and_vectors() -> None:
    """The encoder's word-at-a-time ids and unpadded pooling give WordLlama's own ids and,
    bit for bit, its vectors (in batches of any size: the rows do not depend on them)."""
    from index.articles import parse_paths
    from index.chunking import chunk_article, indexed_text
    from index.encoders import WordLlamaEncoder
    from index.text.sentences import split_sentences
    from tests.conftest import shared_data_path

    articles = parse_paths([shared_data_path("dev", "articles.jsonl")]).articles[:25]
    chunks = [c.text for a in articles for c in chunk_article(a)]
    texts = [indexed_text(a.title, c.text) for a in articles for c in chunk_article(a)]
    texts += [s.text for text in chunks for s in split_sentences(text)]
    texts += [" ", "two  spaces\tand a tab", "line\n\nbreaks", "émoji 😀 ünïcode ⁂", "x" * 3000]
    texts += ["  leading", "trailing  ", "a\u2581b \u2581\u2581c", "<s> added </s>", "<unk>"]
    encoder = WordLlamaEncoder()
    model = wordllamas_own()
    tokenizer = model.tokenizer
    for lo in range(0, len(texts), 64):
        part = texts[lo : lo + 64]
        theirs = tokenizer.encode_batch(part, add_special_tokens=False)
        assert encoder._tokenizer.ids(part) == [e.ids[: sum(e.attention_mask)] for e in theirs]
    for size in (1, 7, 64):
        calls = range(0, len(texts), size)
        ours = np.concatenate([encoder.embed_array(texts[lo : lo + size]) for lo in calls])
        theirs_vectors = np.concatenate(
            [model.embed(texts[lo : lo + 64], norm=True) for lo in range(0, len(texts), 64)]
        )
        assert ours.dtype == theirs_vectors.dtype == np.float32
        assert np.array_equal(ours, theirs_vectors)
    assert encoder.embed_array([]).shape == (0, 256)


def wordllamas_own() -> Any:
    """WordLlama's own model, loaded by its own loader from site-packages."""
    from index.encoders import WORDLLAMA_DIM, package_dir, wordllama_model

    return wordllama_model(package_dir("wordllama", "pip install wordllama"), WORDLLAMA_DIM)


def test_write_encoder_reads_wordllamas_files_as_wordllama_does() -> None:
    """The encoder reads the table and the tokenizer without importing wordllama: the same
    float32 table and a tokenizer giving the same ids (with WordLlama's padding)."""
    from index.encoders import WordLlamaEncoder

    encoder, model = WordLlamaEncoder(), wordllamas_own()
    assert encoder.table.dtype == np.float32 and encoder.table.flags["C_CONTIGUOUS"]
    assert np.array_equal(encoder.table, model.embedding)
    assert encoder.tokenizer.to_str() == model.tokenizer.to_str()
    texts = ["Auston Matthews wins Hart Trophy", "a", "  two  spaces"]
    theirs = model.tokenizer.encode_batch(texts, add_special_tokens=False)
    ours = encoder.tokenizer.encode_batch(texts, add_special_tokens=False)
    assert [e.ids for e in ours] == [e.ids for e in theirs]  # padded alike


def test_write_encoder_falls_back_to_wordllamas_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a wordllama version keeps its files elsewhere, its own loader finds them."""
    import index.encoders as encoders

    texts = ["Inflation rose again in June.", "A volcano erupted in Iceland."]
    expected = encoders.WordLlamaEncoder().embed_array(texts)
    monkeypatch.setattr(encoders, "load_wordllama_files", lambda package, dim: None)
    fallback = encoders.WordLlamaEncoder()
    assert np.array_equal(fallback.embed_array(texts), expected)
    assert fallback.model_name == "wordllama-l2_supercat-256"
