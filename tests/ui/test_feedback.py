"""Feedback lines and the `newsdesk feedback` command (a real subprocess) on a data dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from ui import feedback

pytestmark = pytest.mark.integration


def turn(question: str, text: str, *, abstained: bool = False) -> dict[str, object]:
    citation = {"number": 1, "title": "T", "source": "cnn.com", "quote": "q", "url": None}
    return {
        "id": "t",
        "q": question,
        "answer": {"text": text, "abstained": abstained, "citations": [citation]},
    }


def test_the_cli_summarises_votes_and_lists_the_latest_disliked(tmp_path: Path) -> None:
    feedback.append(tmp_path, feedback.make_record("up", turn("Good?", "Yes [1].")))
    feedback.append(tmp_path, feedback.make_record("down", turn("Bad?", "No [1].")))
    feedback.append(tmp_path, feedback.make_record("down", turn("Odd?", "Unsure.", abstained=True)))
    with feedback.feedback_path(tmp_path).open("a") as handle:
        handle.write("{cut off\n")
    command = [
        str(Path(sys.executable).parent / "newsdesk"),
        "feedback",
        "--data-dir",
        str(tmp_path),
    ]
    text = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO_ROOT).stdout
    assert "3 votes" in text and "1 up, 2 down" in text
    assert text.index("Q: Odd?") < text.index("Q: Bad?") and "Good?" not in text.split("Latest")[1]
    assert "cnn.com (2)" in text and "1 unreadable line" in text
    data = json.loads(
        subprocess.run(
            [*command, "--json"], capture_output=True, text=True, check=True, cwd=REPO_ROOT
        ).stdout
    )
    assert (data["total"], data["up"], data["down"], data["unreadable"]) == (3, 1, 2, 1)


def test_no_feedback_yet(tmp_path: Path) -> None:
    records, bad = feedback.read(feedback.feedback_path(tmp_path))
    assert records == [] and bad == 0
    assert "No feedback yet" in feedback.summary_text(feedback.summarise(records), tmp_path, 0)
