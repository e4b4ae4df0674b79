"""Shared fixtures: paths to the seed sample and the shared dev data, isolated HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def shared_data_path(*parts: str) -> Path:
    """A file under ../shared/data; fails (never skips) under CI when it is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared dev data missing under CI: {path}")
        pytest.skip(f"shared dev data not available: {path}")
    return path


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """HOME, caches and the config file under `home`; no NEWSDESK_* setting, no telemetry."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(home / "newsdesk.toml"))
    for key in list(os.environ):
        if key.startswith("NEWSDESK_") and key != "NEWSDESK_CONFIG":
            monkeypatch.delenv(key, raising=False)


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep tests away from the user's config, caches and ./data."""
    isolate(monkeypatch, tmp_path_factory.mktemp("home"))


@pytest.fixture
def seed_article_path() -> Path:
    return next(SEEDS_DIR.glob("*.txt"))
