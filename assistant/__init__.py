"""Newsdesk's read side: question -> retrieval -> answer with verified citations.

`from assistant import Assistant` is all a user needs. Importing this package does
no work: the names below are resolved on first access.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.chat import ChatSession
    from assistant.core import Assistant
    from assistant.settings import AssistantSettings
    from assistant.types import Answer, Citation, DateRange, Passage

__all__ = [
    "Answer",
    "Assistant",
    "AssistantSettings",
    "ChatSession",
    "Citation",
    "DateRange",
    "Passage",
]

_WHERE = {
    "Assistant": "assistant.core",
    "ChatSession": "assistant.chat",
    "AssistantSettings": "assistant.settings",
    "Answer": "assistant.types",
    "Citation": "assistant.types",
    "DateRange": "assistant.types",
    "Passage": "assistant.types",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
