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

from tests.conftest import REPO_ROOT, shared_data_path
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


DEV_SLICE = 130  # more than one page of the article list (100 rows)


@pytest.fixture(scope="module")
def dev_app(
    module_env: Path,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Path]]:
    """The app on the seed sample plus a small slice of the dev corpus: (URL, data dir)."""
    source = shared_data_path("dev", "articles.jsonl")
    folder = tmp_path_factory.mktemp("dev-slice")
    with source.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(DEV_SLICE)]
    (folder / "slice.jsonl").write_text("".join(lines), encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("dev-index")
    assistant, index = open_seed_assistant(data_dir)
    report = index.update([folder])
    assert report.ok and report.added == DEV_SLICE, report.to_dict()
    settings = UiSettings()
    try:
        with serving(build_app(assistant, index, settings), settings) as url:
            yield url, data_dir
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
