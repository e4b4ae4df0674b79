"""Debian's chromium driven by Playwright against the app on a free loopback port.

Playwright's own browser download does not work offline, so the system chromium is
launched by path. Under CI a missing chromium is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO_ROOT
from tests.ui.conftest import module_env, open_seed_assistant  # noqa: F401 - shared fixture
from tests.ui.live import serving
from ui.app import build_app
from ui.settings import UiSettings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARTIFACTS = REPO_ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    message = "chromium is not installed (apt-get install -y chromium, or `make install-browser`)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def app_url(module_env: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # noqa: F811
    assistant, index = open_seed_assistant(tmp_path_factory.mktemp("browser-index"))
    settings = UiSettings()
    try:
        with serving(build_app(assistant, index, settings), settings) as url:
            yield url
    finally:
        index.close()


@pytest.fixture(scope="module")
def chromium(module_env: Path) -> Iterator[Browser]:  # noqa: F811
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def ui_page(chromium: Browser, app_url: str) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1360, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app_url)
    page.wait_for_selector("#nd-question textarea", timeout=30_000)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
