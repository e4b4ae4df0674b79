"""Fixtures for the unit tests."""

from __future__ import annotations

import pytest

from tests.passages import seed_text


@pytest.fixture
def article() -> str:
    """The seed article's text."""
    return seed_text()
