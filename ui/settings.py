"""Settings for the web chat (`[ui]`: where it listens, who may use it, what it
accepts) and the command's logging (`[logging]`); `AppSettings` holds every section.

Built once by the entry point (`newsdesk serve`) and passed to `build_app` and
`launch_options`; nothing is read at import time. Environment variables use the
common `NEWSDESK_` prefix (``NEWSDESK_PORT=8080``, ``NEWSDESK_AUTH=user:pass``).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from assistant.settings import AssistantSettings
from index.settings import NewsdeskSettings

DEFAULT_UPLOAD_TYPES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")


class UiSettings(NewsdeskSettings):
    """`[ui]`: the web chat."""

    section: ClassVar[str] = "ui"

    host: str = Field(
        default="127.0.0.1",
        description="Interface to bind; 0.0.0.0 exposes the chat to the network.",
    )
    port: int = Field(default=7860, ge=1, le=65535)
    auth: str | None = Field(
        default=None,
        repr=False,
        description="Basic auth as 'user:password' (several separated by commas).",
    )
    share: bool = Field(default=False, description="Gradio share link (needs the internet).")
    max_upload_bytes: int = Field(default=20_000_000, ge=1)
    max_upload_files: int = Field(default=50, ge=1)
    upload_types: tuple[str, ...] = DEFAULT_UPLOAD_TYPES
    max_paste_chars: int = Field(default=500_000, ge=1)
    max_question_chars: int = Field(default=2_000, ge=1)
    chat_concurrency: int | None = Field(
        default=None,
        ge=1,
        description="Questions answered at the same time (queue workers). Default: 2 for "
        "the built-in answerer (CPU-bound: more threads only wait for each other), 4 when a "
        "language model answers (they wait on the model).",
    )
    answer_processes: int | None = Field(
        default=None,
        ge=0,
        description="Worker processes that compute the built-in answerer's answers, so they "
        "use more than one core (0: in the server process). Default: 1 on a machine with two "
        "or more cores, when the built-in answerer and the WordLlama embedding are in use.",
    )
    max_sessions: int = Field(
        default=500,
        ge=1,
        description="Browser sessions whose state (conversation) is kept in memory; the "
        "least recently used beyond this are dropped (gradio keeps 10,000, ~60 KB each).",
    )
    title: str = "Newsdesk"

    @field_validator("auth")
    @classmethod
    def _check_auth(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parse_auth(value)
        return value

    @field_validator("upload_types")
    @classmethod
    def _normalise_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t if t.startswith(".") else f".{t}" for t in (v.lower() for v in value))

    def auth_pairs(self) -> list[tuple[str, str]] | None:
        return parse_auth(self.auth) if self.auth else None


def parse_auth(value: str) -> list[tuple[str, str]]:
    """'alice:pw1,bob:pw2' -> [('alice', 'pw1'), ('bob', 'pw2')]; a clear error otherwise."""
    pairs: list[tuple[str, str]] = []
    for item in value.split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user or not password:
            raise ValueError(
                "auth must look like 'user:password' (several separated by commas), "
                "with a non-empty user and password"
            )
        pairs.append((user, password))
    return pairs


class LoggingSettings(NewsdeskSettings):
    """`[logging]`: how the `newsdesk` command logs (``NEWSDESK_LOG_LEVEL``, or ``level``)."""

    section: ClassVar[str] = "logging"
    model_config = SettingsConfigDict(env_prefix="NEWSDESK_LOG_")

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value


class AppSettings(AssistantSettings):
    """Every section: the assistant's (index, retrieval, answer, llm), ui and logging."""

    ui: UiSettings = Field(default_factory=UiSettings)
    logging: LoggingSettings = Field(default_factory=LoggingSettings)
