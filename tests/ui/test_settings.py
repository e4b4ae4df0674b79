"""Settings: the web app's safe defaults, env overrides, auth parsing; the sections of
newsdesk.toml and the environment, typos and older flat files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import AssistantSettings
from index.settings import IndexSettings, NewsdeskSettings, config_problems
from ui.app import launch_options
from ui.settings import AppSettings, UiSettings, parse_auth

pytestmark = pytest.mark.unit


def test_defaults_are_local_and_private() -> None:
    settings = UiSettings()
    assert settings.host == "127.0.0.1"
    assert settings.port == 7860
    assert settings.share is False
    assert settings.auth_pairs() is None
    options = launch_options(settings)
    assert options["server_name"] == "127.0.0.1" and options["share"] is False
    assert options["auth"] is None
    assert options["max_file_size"] == settings.max_upload_bytes
    assert options["state_session_capacity"] == settings.max_sessions == 500


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_PORT", "8123")
    monkeypatch.setenv("NEWSDESK_AUTH", "ann:s3cret:with-colon")
    settings = UiSettings()
    assert settings.port == 8123
    assert settings.auth_pairs() == [("ann", "s3cret:with-colon")]
    assert "s3cret" not in repr(settings)
    assert launch_options(settings)["auth"] == [("ann", "s3cret:with-colon")]


def test_several_logins() -> None:
    assert parse_auth("a:1, b:2") == [("a", "1"), ("b", "2")]


@pytest.mark.parametrize("bad", ["nopassword", ":pw", "user:", "a:1,broken"])
def test_bad_auth_is_rejected_with_the_expected_shape(bad: str) -> None:
    with pytest.raises(ValidationError, match="user:password"):
        UiSettings(auth=bad)


def test_upload_types_are_normalised() -> None:
    assert UiSettings(upload_types=("TXT", ".md")).upload_types == (".txt", ".md")


@pytest.fixture
def use_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Writes its text as the newsdesk.toml every setting reads; returns the path."""

    def write(text: str) -> Path:
        config = tmp_path / "newsdesk.toml"
        config.write_text(text, encoding="utf-8")
        monkeypatch.setenv("NEWSDESK_CONFIG", str(config))
        return config

    return write


def sections() -> list[type[NewsdeskSettings]]:
    return [cls for _, cls in AppSettings.section_classes()]


def test_a_typo_in_the_config_file_is_an_error_naming_the_key(
    use_config: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = use_config(
        "chunk_token = 300\n[index]\nchunk_tokns = 300\nport = 8080\n[retreival]\nrrf_k = 1\n",
    )
    monkeypatch.setenv("NEWSDESK_LOG_LEVL", "debug")
    monkeypatch.setenv("NEWSDESK_WORDNET", "/usr/share/wordnet")  # a path, not a setting
    errors, warnings = config_problems(sections())
    assert errors == [
        f"{config}: unknown setting 'chunk_token' (did you mean 'chunk_tokens'?)",
        f"{config}: unknown setting 'chunk_tokns' in [index] (did you mean 'chunk_tokens'?)",
        f"{config}: unknown setting 'port' in [index] (it belongs under [ui])",
        f"{config}: unknown section [retreival] (did you mean [retrieval]?)",
    ]
    assert warnings == [
        "environment: unknown setting NEWSDESK_LOG_LEVL (did you mean NEWSDESK_LOG_LEVEL?)"
    ]
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "status"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "unknown setting 'chunk_token'" in result.stderr and "Traceback" not in result.stderr


def test_sections_of_the_config_file_and_the_environment(
    use_config: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_config(
        "[index]\nchunk_tokens = 300\n[retrieval]\nretrieval_k = 5\n"
        'rescore_lead_weight = 0.4\n[llm]\nbackend = "ollama"\nmodel = "llama3.2"\n'
        '[ui]\nport = 8080\n[logging]\nlevel = "info"\n',
    )
    monkeypatch.setenv("NEWSDESK_LLM_TIMEOUT", "7")  # environment over the file
    monkeypatch.setenv("NEWSDESK_RETRIEVAL_K", "6")
    monkeypatch.setenv("NEWSDESK_RRF_VECTOR_WEIGHT", "0.5")
    assert config_problems(sections()) == ([], [])
    settings = AppSettings(index={"data_dir": tmp_path})  # a keyword over both
    assert settings.index.data_dir == tmp_path and settings.index.chunk_tokens == 300
    assert settings.retrieval.retrieval_k == 6 and settings.retrieval.rescore_lead_weight == 0.4
    assert settings.retrieval.rrf_vector_weight == 0.5
    assert (settings.llm.backend, settings.llm.model, settings.llm.timeout) == (
        "ollama",
        "llama3.2",
        7.0,
    )
    assert settings.uses_llm and settings.ui.port == 8080 and settings.logging.level == "INFO"
    assert IndexSettings().chunk_tokens == 300  # the index section alone reads the same


def test_flat_keys_of_older_files_still_work_with_a_warning(
    use_config: Callable[[str], Path],
) -> None:
    config = use_config(
        'chunk_tokens = 300\nllm_model = "m"\nport = 8080\n[llm]\nmodel = "n"\n',
    )
    errors, warnings = config_problems(sections())
    assert errors == []
    assert warnings == [
        f"{config}: the top-level key 'chunk_tokens' is deprecated: "
        "write it as 'chunk_tokens' under [index]",
        f"{config}: the top-level key 'llm_model' is deprecated: write it as 'model' under [llm]",
        f"{config}: the top-level key 'port' is deprecated: write it as 'port' under [ui]",
    ]
    settings = AppSettings()
    assert settings.index.chunk_tokens == 300 and settings.ui.port == 8080
    assert settings.llm.model == "n"  # the section wins over the flat key


def test_every_setting_has_one_variable() -> None:
    names = [name for cls in sections() for name in cls.env_names()]
    assert len(names) == len(set(names))
    assert {"NEWSDESK_DATA_DIR", "NEWSDESK_RETRIEVAL_K", "NEWSDESK_ANSWERER"} <= set(names)
    assert {"NEWSDESK_LLM_API_KEY", "NEWSDESK_PORT", "NEWSDESK_LOG_LEVEL"} <= set(names)


def test_api_keys_are_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_LLM_API_KEY", "sk-very-secret")
    settings = AssistantSettings()
    assert "sk-very-secret" not in repr(settings) and "sk-very-secret" not in str(settings)
    assert settings.llm.api_key is not None
    assert settings.llm.api_key.get_secret_value() == "sk-very-secret"
