"""Newsdesk's write side: article files -> articles -> chunks -> embeddings -> Chroma + BM25."""
