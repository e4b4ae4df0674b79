"""Parameter tables shared by tests."""

from __future__ import annotations

from collections.abc import Sequence


def yes_and_no(yes: Sequence[str], no: Sequence[str]) -> list[tuple[str, bool]]:
    """`(value, expected)` pairs for a predicate: True for each of `yes`, False for `no`."""
    return [(value, True) for value in yes] + [(value, False) for value in no]
