"""Hybrid retrieval: vector + BM25 candidates, fusion, rescoring, caps, duplicates."""
