"""Settings for the write side: where the index lives and how it is built.

Built once by an entry point (CLI, web app, `Assistant.from_settings`) and passed
down; nothing here is read at import time. Sources, highest priority first:
explicit keyword arguments, `NEWSDESK_*` environment variables, `newsdesk.toml`
in the working directory (or the file named by `NEWSDESK_CONFIG`), defaults.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

EmbedBackend = Literal["wordllama", "minilm", "sentence-transformers", "openai", "ollama"]


def config_file() -> Path:
    return Path(os.environ.get("NEWSDESK_CONFIG", "newsdesk.toml"))


class NewsdeskSettings(BaseSettings):
    """Base for every layer's settings: env prefix and the optional TOML file."""

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return (init_settings, env_settings, toml)


class IndexSettings(NewsdeskSettings):
    data_dir: Path = Field(
        default=Path("data"),
        description="Folder holding the Chroma store, BM25 index and manifest.",
    )
    collection: str = Field(default="newsdesk", min_length=3)

    # Chroma server mode: set host (and port) to use HttpClient instead of disk.
    chroma_host: str | None = None
    chroma_port: int = 8000

    embed_backend: EmbedBackend = "wordllama"
    # Model name or path for sentence-transformers / openai / ollama backends.
    embed_model: str | None = None
    embed_api_base: str | None = None
    embed_api_key: SecretStr | None = None  # never printed or logged
    # Texts per request to an embedding service (openai, ollama, sentence-transformers).
    embed_batch_size: int = Field(default=256, ge=1)

    chunk_tokens: int = Field(default=256, ge=32, le=4096)
    chunk_overlap: int = Field(default=32, ge=0)

    max_file_bytes: int = Field(default=20_000_000, ge=1)


def config_problems(classes: Sequence[type[BaseSettings]]) -> tuple[list[str], list[str]]:
    """Settings that no class defines: (errors for `newsdesk.toml` keys, warnings for
    `NEWSDESK_*` variables), each naming the key and the closest real one.

    A typo in the config file would otherwise be ignored silently and the default used.
    """
    known = {name for cls in classes for name in cls.model_fields}

    def hint(key: str) -> str:
        close = difflib.get_close_matches(key, sorted(known), n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""

    errors: list[str] = []
    path = config_file()
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            errors.append(f"{path}: cannot be read: {exc}")
            data = {}
        errors.extend(
            f"{path}: unknown setting {key!r}{hint(key)}" for key in data if key not in known
        )
    warnings = [
        f"environment: unknown setting {name}{hint(name.removeprefix('NEWSDESK_').lower())}"
        for name in os.environ
        if name.startswith("NEWSDESK_")
        and name != "NEWSDESK_CONFIG"
        and name.removeprefix("NEWSDESK_").lower() not in known
    ]
    return errors, warnings
