"""The app over HTTP: `gradio_client` against a server on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from tests.ui.conftest import (
    NEW_ARTICLE_QUESTION,
    NEW_ARTICLE_TITLE,
    SAMPLE_QUESTION,
    open_seed_assistant,
    write_new_article,
)
from tests.ui.live import serving
from ui.app import QUEUE_STATUS_SECONDS, build_app
from ui.settings import UiSettings

if TYPE_CHECKING:
    from assistant.core import Assistant
    from index.pipeline import NewsIndex

pytestmark = pytest.mark.ui


def client_for(url: str, **kwargs: Any) -> Client:
    return Client(url, verbose=False, analytics_enabled=False, download_files=False, **kwargs)


@pytest.fixture(scope="module")
def server(seed_assistant: tuple[Assistant, NewsIndex]) -> Iterator[str]:
    assistant, index = seed_assistant
    settings = UiSettings()
    with serving(build_app(assistant, index, settings), settings) as url:
        yield url


@pytest.fixture(scope="module")
def client(server: str) -> Client:
    return client_for(server)


def test_server_binds_loopback_and_serves_the_page(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")
    page = httpx.get(server, timeout=10)
    assert page.status_code == 200 and "Newsdesk" in page.text


def test_ask_endpoint_returns_answer_with_citations(client: Client) -> None:
    answer = client.predict(SAMPLE_QUESTION, None, None, None, None, api_name="/ask")
    assert isinstance(answer, dict)
    assert "2,100" in answer["text"] and answer["abstained"] is False
    cited = answer["citations"][0]
    assert cited["number"] == 1 and "2,100" in cited["quote"]
    assert cited["quote"] in cited["passage"] or cited["passage"] == ""
    assert {"title", "source", "url", "published", "start", "end", "also_in"} <= set(cited)


def test_ask_keyword_arguments_and_filters(client: Client) -> None:
    answer = client.predict(question=SAMPLE_QUESTION, sources=["No Such Outlet"], api_name="/ask")
    assert answer["abstained"] is True and answer["citations"] == []


def test_errors_reach_the_client_as_messages(client: Client) -> None:
    with pytest.raises(AppError, match="Type a question first"):
        client.predict("  ", None, None, None, None, api_name="/ask")
    with pytest.raises(AppError, match="not a date"):
        client.predict(SAMPLE_QUESTION, None, "soon", None, None, api_name="/ask")


def test_chat_endpoint_streams(client: Client) -> None:
    job = client.submit(SAMPLE_QUESTION, [], None, None, None, None, api_name="/chat")
    final = job.result(timeout=120)
    outputs = job.outputs()
    assert len(outputs) >= 2  # the question at once, then the answer
    history = final[0] if isinstance(final, tuple | list) and isinstance(final[0], list) else final
    answer_html = str(history[-1]["content"])
    assert "2,100" in answer_html and "nd-card" in answer_html


def test_articles_endpoint(client: Client) -> None:
    articles = client.predict("", api_name="/articles")
    assert len(articles) == 1 and articles[0]["title"].startswith("Belarus")
    assert client.predict("zzz-nothing", api_name="/articles") == []


def test_api_lists_documented_endpoints(client: Client) -> None:
    info = client.view_api(print_info=False, return_format="dict")
    named = set(info["named_endpoints"])
    assert {"/ask", "/articles", "/chat", "/upload_files", "/add_text"} <= named
    assert "/pick_example" not in named


def test_upload_and_paste_then_ask(module_env: Path, tmp_path: Path) -> None:
    assistant, index = open_seed_assistant(tmp_path / "index")
    settings = UiSettings()
    try:
        with serving(build_app(assistant, index, settings), settings) as url:
            client = client_for(url)
            path = write_new_article(tmp_path)
            report, *_ = client.predict([handle_file(str(path))], api_name="/upload_files")
            assert "<b>1</b> Added" in report
            answer = client.predict(NEW_ARTICLE_QUESTION, None, None, None, None, api_name="/ask")
            assert "4,300" in answer["text"]
            assert answer["citations"][0]["title"] == NEW_ARTICLE_TITLE

            report, *_ = client.predict(
                "Council approves new tram line",
                "The city council approved a new tram line on Monday. The line will cost "
                "240 million euros and open in 2027, the mayor said.",
                "City Post",
                "2023-10-02",
                api_name="/add_text",
            )
            assert "<b>1</b> Added" in report
            answer = client.predict(
                "How much will the new tram line cost?", None, None, None, None, api_name="/ask"
            )
            assert "240 million" in answer["text"]
            assert answer["citations"][0]["source"] == "City Post"
            titles = [a["title"] for a in client.predict("", api_name="/articles")]
            assert len(titles) == 3 and "Council approves new tram line" in titles
    finally:
        index.close()


def test_basic_auth(seed_assistant: tuple[Assistant, NewsIndex]) -> None:
    assistant, index = seed_assistant
    settings = UiSettings(auth="editor:pa55word")
    with serving(build_app(assistant, index, settings), settings) as url:
        assert httpx.get(url + "config", timeout=10).status_code in (401, 403)
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do; never an answer
            client_for(url).predict(SAMPLE_QUESTION, None, None, None, None, api_name="/ask")
        authed = client_for(url, auth=("editor", "pa55word"))
        answer = authed.predict(SAMPLE_QUESTION, None, None, None, None, api_name="/ask")
        assert "2,100" in answer["text"]


def test_queue_positions_are_sent_on_a_timer(seed_assistant: tuple[Assistant, NewsIndex]) -> None:
    # Not to every waiting user each time an answer starts (gradio's "auto"): under load that
    # was more messages than answers.
    assistant, index = seed_assistant
    queue = build_app(assistant, index, UiSettings())._queue
    assert queue.live_updates is False
    assert queue.update_intervals == QUEUE_STATUS_SECONDS


def test_answer_workers_suit_the_answerer(seed_assistant: tuple[Assistant, NewsIndex]) -> None:
    # The built-in answerer is CPU work under one GIL: 2 at once; a model is waited on: 4;
    # NEWSDESK_CHAT_CONCURRENCY decides when set.
    from assistant.core import Assistant
    from tests.doubles import ScriptedLLM

    assistant, index = seed_assistant

    def limits(app: Any) -> set[int | None]:
        return {fn.concurrency_limit for fn in app.fns.values() if fn.concurrency_id == "answer"}

    assert limits(build_app(assistant, index, UiSettings())) == {2}
    assert limits(build_app(assistant, index, UiSettings(chat_concurrency=6))) == {6}
    with_model = Assistant(index=index, settings=assistant.settings, llm=ScriptedLLM())
    assert limits(build_app(with_model, index, UiSettings())) == {4}
    # Answers in worker processes: one thread more than workers (it retrieves the next
    # question's passages while the workers score)
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.answer.processes import ProcessAnswerer

    pool = ProcessAnswerer(2, local=lambda: ExtractiveAnswerer(embedding=index.embedding))
    try:
        pooled = Assistant(index=index, settings=assistant.settings, answerer=pool)
        assert limits(build_app(pooled, index, UiSettings())) == {3}
        assert limits(build_app(pooled, index, UiSettings(chat_concurrency=1))) == {1}
    finally:
        pool.close()


def test_serve_gives_answers_a_worker_process_where_it_helps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.settings import AssistantSettings
    from ui.serve_cli import DEFAULT_ANSWER_PROCESSES, answer_processes

    built_in = AssistantSettings()
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert answer_processes(built_in, UiSettings()) == DEFAULT_ANSWER_PROCESSES == 1
    assert answer_processes(built_in, UiSettings(answer_processes=0)) == 0
    assert answer_processes(built_in, UiSettings(answer_processes=3)) == 3
    with_model = AssistantSettings(answer={"answerer": "llm"})
    assert answer_processes(with_model, UiSettings(answer_processes=3)) == 0  # waits, no CPU
    other_embedding = AssistantSettings(index={"embed_backend": "minilm"})
    assert answer_processes(other_embedding, UiSettings()) == 0  # workers load WordLlama
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert answer_processes(built_in, UiSettings()) == 0  # one core: nothing to gain
