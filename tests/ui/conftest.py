"""Fixtures for the web chat tests: a real index of the seed sample and the assistant on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import SEEDS_DIR, isolate

if TYPE_CHECKING:
    from assistant.core import Assistant
    from index.pipeline import NewsIndex
    from ui.handlers import Services

SAMPLE_QUESTION = "How many children were moved to Belarus?"

# A short article that the seed sample knows nothing about (for upload/paste tests).
NEW_ARTICLE_TITLE = "Ljubljana zebra festival draws record crowd"
NEW_ARTICLE_TEXT = (
    "The annual zebra-crossing festival in Ljubljana drew 4,300 visitors on Saturday, "
    "organisers said, a record for the event. The festival celebrates pedestrian safety "
    "with painted street murals and a parade of school bands.\n\n"
    "Mayor Zoran Jankovic opened the festival by walking across the longest painted "
    "crossing in Slovenia, which measures 87 metres."
)
NEW_ARTICLE_QUESTION = "How many visitors did the zebra festival in Ljubljana draw?"


@pytest.fixture(scope="module")
def module_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Module-wide version of tests/conftest.py's isolation (for module-scoped servers)."""
    home = tmp_path_factory.mktemp("ui-home")
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, home)
        mp.setenv("GRADIO_TEMP_DIR", str(home / "gradio"))
        yield home


def open_seed_assistant(data_dir: Path) -> tuple[Assistant, NewsIndex]:
    """A real index of seeds/ in `data_dir` and the default (extractive) assistant on it."""
    from assistant.core import Assistant
    from assistant.settings import AssistantSettings
    from index.pipeline import NewsIndex

    settings = AssistantSettings(index={"data_dir": data_dir})
    index = NewsIndex.open(settings.index)
    report = index.update([SEEDS_DIR])
    assert report.ok and report.added + report.unchanged >= 1, report.to_dict()
    return Assistant(index=index, settings=settings), index


@pytest.fixture(scope="module")
def seed_assistant(
    module_env: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Assistant, NewsIndex]]:
    assistant, index = open_seed_assistant(tmp_path_factory.mktemp("seed-index"))
    yield assistant, index
    index.close()


def ui_services(assistant: Assistant, index: NewsIndex, **ui: Any) -> Services:
    """The web app's services on `assistant`, with `ui` settings over the defaults."""
    from ui.handlers import Services
    from ui.settings import UiSettings

    return Services(assistant=assistant, index=index, settings=UiSettings(**ui))


@pytest.fixture(scope="module")
def services(seed_assistant: tuple[Assistant, NewsIndex]) -> Services:
    """Services on the module's shared seed index (for tests that only read)."""
    return ui_services(*seed_assistant)


@pytest.fixture
def own_services(tmp_path: Path) -> Iterator[Services]:
    """Services on an index of the test's own (for tests that add articles or feedback)."""
    assistant, index = open_seed_assistant(tmp_path / "index")
    yield ui_services(assistant, index, max_upload_bytes=5_000)
    index.close()


def write_new_article(folder: Path, name: str = "zebra.md") -> Path:
    path = folder / name
    path.write_text(
        "---\n"
        f"title: {NEW_ARTICLE_TITLE}\n"
        "source: Ljubljana Times\n"
        "published: 2023-09-02\n"
        "---\n\n" + NEW_ARTICLE_TEXT + "\n",
        encoding="utf-8",
    )
    return path
