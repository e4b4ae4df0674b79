"""An opened article and its removal, on a real index holding a wire story and its copies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.ui.conftest import open_seed_assistant, ui_services
from ui import library
from ui.handlers import Services

pytestmark = pytest.mark.ui

WIRE = REPO_ROOT / "tests" / "fixtures" / "news"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    assistant, index = open_seed_assistant(tmp_path / "index")
    report = index.update(
        [WIRE / n for n in ("wire_original.md", "wire_copy_herald.md", "wire_copy_usatoday.md")]
    )
    assert report.added == 3, report.to_dict()
    yield ui_services(assistant, index)
    index.close()


def test_an_opened_article_names_the_outlets_that_carried_the_same_text(
    services: Services,
) -> None:
    herald = next(a for a in services.articles() if a.source == "kesselherald.example")
    shown = library.article_html(services, herald.id)
    assert "Varna River floods" in shown and "kesselherald.example" in shown
    also = shown.split('class="nd-also"')[1].split("</div>")[0]
    assert "usatoday.com" in also or "USA TODAY" in also
    assert "kesselherald" not in also


def test_removing_an_article_takes_it_out_of_the_list_and_the_answers(
    services: Services,
) -> None:
    herald = next(a for a in services.articles() if a.source == "kesselherald.example")
    message = library.remove(services, herald.id)
    assert "Removed “Varna River floods" in message
    assert herald.id not in {a.id for a in services.articles()}
    assert "no longer in the index" in library.article_html(services, herald.id)
    passages = services.assistant.retrieve("Varna River floods evacuated Kessel", k=10)
    assert herald.id not in {p.article_id for p in passages}
    assert "no longer in the index" in library.remove(services, herald.id)  # a second time
