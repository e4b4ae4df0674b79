"""UiSettings: safe defaults, env overrides, auth parsing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from ui.app import launch_options
from ui.settings import UiSettings, parse_auth

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


def test_a_typo_in_the_config_file_is_an_error_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "newsdesk.toml"
    config.write_text("chunk_token = 300\nport = 8080\n", encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(config))
    monkeypatch.setenv("NEWSDESK_LOG_LEVL", "debug")
    from assistant.settings import AssistantSettings
    from index.settings import IndexSettings, config_problems
    from ui.settings import LoggingSettings

    errors, warnings = config_problems(
        [IndexSettings, AssistantSettings, UiSettings, LoggingSettings]
    )
    assert errors == [f"{config}: unknown setting 'chunk_token' (did you mean 'chunk_tokens'?)"]
    assert warnings == [
        "environment: unknown setting NEWSDESK_LOG_LEVL (did you mean 'log_level'?)"
    ]
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "status"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "unknown setting 'chunk_token'" in result.stderr and "Traceback" not in result.stderr


def test_api_keys_are_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.settings import AssistantSettings

    monkeypatch.setenv("NEWSDESK_LLM_API_KEY", "sk-very-secret")
    settings = AssistantSettings()
    assert "sk-very-secret" not in repr(settings) and "sk-very-secret" not in str(settings)
    assert settings.llm_api_key is not None
    assert settings.llm_api_key.get_secret_value() == "sk-very-secret"
