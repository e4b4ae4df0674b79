"""Benchmark scripts, run as modules: ``python -m tests.benchmarks.NAME``."""
