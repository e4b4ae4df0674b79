"""Settings, one section per concern, and the section for the write side (`[index]`).

Every layer's settings are sections of `NewsdeskSettings`: `[index]` here,
`[retrieval]`, `[answer]` and `[llm]` in assistant/settings.py, `[ui]` and `[logging]`
in ui/settings.py. A section is usable alone (the `newsdesk index` command builds just
`IndexSettings`); `SettingsGroup` nests sections into one object (`AssistantSettings`).

Built once by an entry point (CLI, web app, `Assistant.from_settings`) and passed
down; nothing here is read at import time. Sources, highest priority first:
explicit keyword arguments, `NEWSDESK_*` environment variables, the section's table in
`newsdesk.toml` (working directory, or the file named by `NEWSDESK_CONFIG`), defaults.

A setting's variable is ``NEWSDESK_`` + its key, except in sections with a key prefix
(`[llm]`: ``NEWSDESK_LLM_MODEL``; `[logging]`: ``NEWSDESK_LOG_LEVEL``). The same name
without ``NEWSDESK_``, lower-cased, is the flat key older config files used at the top
of newsdesk.toml: still read, with a deprecation warning naming the section.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

EmbedBackend = Literal["wordllama", "minilm", "sentence-transformers", "openai", "ollama"]
ENV_PREFIX = "NEWSDESK_"
# Variables that are not settings keys: the config file's path, WordNet's directory
# (`index/text/lexicon.py`).
PLAIN_VARIABLES = ("NEWSDESK_CONFIG", "NEWSDESK_WORDNET")


def config_file() -> Path:
    return Path(os.environ.get("NEWSDESK_CONFIG", "newsdesk.toml"))


def read_config_file(path: Path) -> dict[str, Any]:
    """The parsed newsdesk.toml ({} when there is none); `ValueError` when unreadable."""
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read: {exc}") from exc


class _ConfigFileSection(PydanticBaseSettingsSource):
    """The section's table of newsdesk.toml, under it the section's deprecated flat keys."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ returns the whole table

    def __call__(self) -> dict[str, Any]:
        cls = self.settings_cls
        assert issubclass(cls, NewsdeskSettings)
        data = read_config_file(config_file())
        legacy = cls.flat_keys()
        values = {legacy[k]: v for k, v in data.items() if k in legacy and not _is_table(v)}
        table = data.get(cls.section)
        if isinstance(table, dict):
            values.update(table)
        return values


def _is_table(value: object) -> bool:
    return isinstance(value, dict)


class NewsdeskSettings(BaseSettings):
    """Base of every section: `section` names its table in newsdesk.toml; the model's
    `env_prefix` (``NEWSDESK_`` or longer, e.g. ``NEWSDESK_LLM_``) its variables."""

    section: ClassVar[str] = ""
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _ConfigFileSection(settings_cls))

    @classmethod
    def key_prefix(cls) -> str:
        """What the env prefix adds to ``NEWSDESK_``, lower-cased ("" or e.g. "llm_")."""
        return str(cls.model_config.get("env_prefix", ENV_PREFIX)).removeprefix(ENV_PREFIX).lower()

    @classmethod
    def env_names(cls) -> dict[str, str]:
        """Environment variable -> key of this section."""
        prefix = ENV_PREFIX + cls.key_prefix().upper()
        return {prefix + key.upper(): key for key in cls.model_fields}

    @classmethod
    def flat_keys(cls) -> dict[str, str]:
        """Deprecated top-level key of newsdesk.toml -> key of this section."""
        return {cls.key_prefix() + key: key for key in cls.model_fields}


class IndexSettings(NewsdeskSettings):
    """`[index]`: where the index lives and how it is built."""

    section: ClassVar[str] = "index"

    data_dir: Path = Field(
        default=Path("data"),
        description="Folder holding the Chroma store, BM25 index and manifest.",
    )
    collection: str = Field(default="newsdesk", min_length=3)

    # Chroma server mode: set host (and port) to use HttpClient instead of disk.
    chroma_host: str | None = None
    chroma_port: int = 8000
    # A replica serves from the Chroma server and never writes it; its data dir is a local
    # copy derived from the server (index/replica.py), checked every replica_poll_seconds.
    replica: bool = False
    replica_poll_seconds: float = Field(default=2.0, gt=0)

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


class SettingsGroup(BaseModel):
    """Sections nested in one object (``settings.index.data_dir``).

    A section left out is read from its sources; one given as a dict is read from its
    sources too, with the dict's keys on top (``AssistantSettings(index={"data_dir": d})``).
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _read_sections(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        sections = dict(cls.section_classes())
        return {
            name: sections[name](**value) if name in sections and _is_table(value) else value
            for name, value in data.items()
        }

    @classmethod
    def section_classes(cls) -> Iterator[tuple[str, type[NewsdeskSettings]]]:
        for name, field in cls.model_fields.items():
            kind = field.annotation
            if isinstance(kind, type) and issubclass(kind, NewsdeskSettings):
                yield name, kind

    def updated(self, **sections: dict[str, Any]) -> Self:
        """A copy with keys of named sections replaced: ``s.updated(llm={"model": "m"})``."""
        return self.model_copy(
            update={
                name: getattr(self, name).model_copy(update=values)
                for name, values in sections.items()
            }
        )


def config_problems(
    classes: Sequence[type[NewsdeskSettings]],
) -> tuple[list[str], list[str]]:
    """What the config file and environment say that no section has: (errors, warnings).

    Errors: a key of newsdesk.toml that no section has (a typo would otherwise be
    ignored and the default used), naming the closest real key. Warnings: an unknown
    `NEWSDESK_*` variable (same hint), and a flat top-level key of an older file,
    naming the section it belongs to.
    """
    sections = {cls.section: cls for cls in classes}
    flat = {old: (cls.section, key) for cls in classes for old, key in cls.flat_keys().items()}
    env = {name for cls in classes for name in cls.env_names()}

    def hint(key: str, choices: Sequence[str], show: str = "{!r}") -> str:
        close = difflib.get_close_matches(key, sorted(choices), n=1)
        return f" (did you mean {show.format(close[0])}?)" if close else ""

    errors: list[str] = []
    warnings: list[str] = []
    path = config_file()
    try:
        data = read_config_file(path)
    except ValueError as exc:
        errors.append(str(exc))
        data = {}
    for key, value in data.items():
        if _is_table(value) and key in sections:
            fields = list(sections[key].model_fields)
            errors.extend(
                f"{path}: unknown setting {sub!r} in [{key}]{_where(sub, flat, fields)}"
                for sub in value
                if sub not in fields
            )
        elif _is_table(value):
            errors.append(f"{path}: unknown section [{key}]{hint(key, list(sections), '[{}]')}")
        elif key in flat:
            section, new = flat[key]
            warnings.append(
                f"{path}: the top-level key {key!r} is deprecated: "
                f"write it as {new!r} under [{section}]"
            )
        else:
            errors.append(f"{path}: unknown setting {key!r}{hint(key, list(flat))}")
    warnings.extend(
        f"environment: unknown setting {name}{hint(name, list(env), '{}')}"
        for name in os.environ
        if name.startswith(ENV_PREFIX) and name not in PLAIN_VARIABLES and name not in env
    )
    return errors, warnings


def _where(key: str, flat: dict[str, tuple[str, str]], fields: Sequence[str]) -> str:
    """The hint for an unknown key inside a section: the section it belongs to, the key's
    new name (a flat key written inside its section), or the closest key of the section."""
    homes = sorted({section for section, new in flat.values() if new == key})
    if homes:
        return f" (it belongs under [{homes[0]}])"
    if key in flat:
        section, new = flat[key]
        return f" (did you mean {new!r} under [{section}]?)"
    close = difflib.get_close_matches(key, sorted(fields), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def embed_key(settings: IndexSettings) -> str:
    """How the embedding model is recorded in the index (and compared on open)."""
    if settings.embed_model:
        return f"{settings.embed_backend}:{settings.embed_model}"
    return settings.embed_backend
