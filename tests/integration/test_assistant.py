"""The Assistant end to end on a real NewsIndex (Chroma on disk, BM25, wordllama).

One index per module: the seed article, 40 dev articles, a wire story carried
word for word by two outlets, and an article with a code word that only BM25 can
match. Questions about the seed article must be answered from the sentence that
supports them, with that sentence as the citation's quote.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from llama_index.core.base.response.schema import (
    AsyncStreamingResponse,
    Response,
    StreamingResponse,
)

from assistant import Answer, Assistant
from assistant.chat import ChatSession
from assistant.settings import AssistantSettings
from index.models import Article
from index.pipeline import NewsIndex
from tests.benchmarks.common import load_dev_articles
from tests.conftest import SEEDS_DIR, shared_data_path
from tests.doubles import ScriptedLLM

pytestmark = pytest.mark.integration

N_DEV = 40
CANAL_REPORTS = 30  # more reports on one story than a question for the latest reads (8 x 3)
WIRE = (
    "The city council of Springfield voted 7 to 2 on Tuesday to close the old harbour bridge "
    "to cars from next spring. Engineers found corrosion in 14 of the bridge's 30 steel cables."
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    shared_data_path("dev", "articles.jsonl")
    root = tmp_path_factory.mktemp("assistant-index")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(root / "home"))
        settings = AssistantSettings(index={"data_dir": root / "data"})
        with NewsIndex.open(settings.index) as index:
            index.update([SEEDS_DIR])
            extra = [
                *(  # one wire story carried by two outlets
                    Article(
                        id=f"wire-{x}",
                        title=title,
                        text=WIRE,
                        url=f"https://wire-{x}.example/bridge",
                        source=f"wire-{x}.example",
                        published=published,
                    )
                    for x, title, published in (
                        ("a", "Springfield closes harbour bridge", "2022-07-01"),
                        ("b", "Harbour bridge to close", "2022-07-02"),
                    )
                ),
                Article(
                    id="codeword",
                    title="Museum loan",
                    text="The museum lent the painting catalogued as QX-4471 to a gallery in Oslo.",
                    source="museum.example",
                    published="2022-08-01",
                ),
                # The older report matches the question's words better; the
                # preference for the newest article puts the September one first.
                Article(
                    id="poll-May",
                    title="Springfield mayor approval poll",
                    text="A poll of Springfield voters puts the mayor's approval rating at "
                    "41 percent.",
                    source="springfield.example",
                    published="2022-05-02",
                ),
                Article(
                    id="poll-September",
                    title="Springfield mayor",
                    text="A new survey of Springfield voters puts the mayor's approval rating "
                    "at 57 percent.",
                    source="springfield.example",
                    published="2022-09-05",
                ),
                # An award given every year: the older reports match "Who won the ...?"
                # word for word, this year's less so.
                *(
                    Article(
                        id=f"lantern-{year}",
                        title=f"{winner} wins the Springfield Lantern Prize",
                        text=f"{winner} won the Springfield Lantern Prize for poetry, the "
                        "Springfield Lantern Prize jury said.",
                        source=f"paper-{year}.example",
                        published=f"{year}-06-20",
                    )
                    for year, winner in (
                        (2017, "Ada Quill"),
                        (2018, "Bo Fenwick"),
                        (2019, "Cy Marlow"),
                        (2020, "Dee Ashby"),
                    )
                ),
                # Harbourton's mayor over three years: the older reports name the office
                # with the name more often and match the question better.
                *(
                    Article(
                        id=f"harbour-{i}",
                        title=title,
                        text=text,
                        source="harbour.example",
                        published=published,
                    )
                    for i, (title, text, published) in enumerate(
                        (
                            (
                                "Harbourton mayor Ida Brandt opens the new quay",
                                "Harbourton Mayor Ida Brandt opened the new quay on Monday. "
                                "Mayor Ida Brandt said the quay serves the Harbourton ferries.",
                                "2020-04-06",
                            ),
                            (
                                "Harbourton mayor Ida Brandt on winter storms",
                                "Harbourton Mayor Ida Brandt warned of winter storms.",
                                "2021-11-02",
                            ),
                            (
                                "Harbourton has a new mayor",
                                "Olek Varga became Harbourton's mayor on Friday, after Ida Brandt "
                                "retired.",
                                "2022-08-19",
                            ),
                        )
                    )
                ),
                # A story with months of coverage that matches its words closely, and its
                # newest report, which matches them less well than all of those.
                *(
                    Article(
                        id=f"canal-{day}",
                        title="Marrowby canal dispute: council and boatmen argue over the canal",
                        text=f"On day {day} of the Marrowby canal dispute the council and the "
                        "boatmen argued again over the Marrowby canal and its locks.",
                        source=f"marrowby-{day}.example",
                        published=(date(2022, 3, 1) + timedelta(days=6 * day)).isoformat(),
                    )
                    for day in range(1, CANAL_REPORTS + 1)
                ),
                Article(
                    id="canal-new",
                    title="Boatmen sign a deal with the town council",
                    text="After a long summer of talks the boatmen and the town council signed "
                    "a deal on Tuesday at the harbour office, which ends the dispute. Barges will "
                    "use the Marrowby canal again next month, with new lock keepers and a fresh "
                    "timetable for the summer season.",
                    source="marrowby.example",
                    published="2022-10-25",
                ),
                Article(
                    id="lantern-2022",
                    title="Poet Edna Roscoe takes this year's Lantern Prize",
                    text="Edna Roscoe won the Springfield Lantern Prize on Monday.",
                    source="paper-2022.example",
                    published="2022-06-20",
                ),
            ]
            index.add_articles([*load_dev_articles(N_DEV), *extra])
        yield root / "data"


@pytest.fixture(scope="module")
def bot(data_dir: Path) -> Iterator[Assistant]:
    settings = AssistantSettings(index={"data_dir": data_dir})
    index = NewsIndex.open(settings.index)
    yield Assistant(index=index, settings=settings)
    index.close()


def assert_quotes_are_real(answer: Answer, index: NewsIndex) -> None:
    for c in answer.citations:
        article = index.get_article(c.article_id)
        assert article is not None
        assert article.text[c.start : c.end] == c.quote
        assert f"[{c.number}]" in answer.text


def test_children_count(bot: Assistant) -> None:
    answer = bot.ask("How many children were moved to Belarus?")
    assert not answer.abstained, answer.text
    assert "2,100" in answer.text
    supporting = [c for c in answer.citations if "2,100" in c.quote]
    assert supporting and "15 Ukrainian towns" in supporting[0].quote
    assert_quotes_are_real(answer, bot.index)  # type: ignore[arg-type]


def test_fifteen_towns(bot: Assistant) -> None:
    answer = bot.ask("From how many Ukrainian towns were the children taken to Belarus?")
    assert not answer.abstained, answer.text
    assert any("15 Ukrainian towns" in c.quote for c in answer.citations)
    assert_quotes_are_real(answer, bot.index)  # type: ignore[arg-type]


def test_latushko_sentence(bot: Assistant) -> None:
    answer = bot.ask("How long was Pavel Latushko sentenced to in absentia?")
    assert not answer.abstained, answer.text
    quotes = [c.quote for c in answer.citations]
    assert any("18 years" in q and "sentenced" in q for q in quotes), quotes
    assert_quotes_are_real(answer, bot.index)  # type: ignore[arg-type]


def test_unanswerable_question_abstains(bot: Assistant) -> None:
    answer = bot.ask("What is the recommended baking temperature for a lemon meringue pie?")
    assert answer.abstained
    assert answer.citations == []
    assert answer.text


def test_stream_yields_text_then_the_answer(bot: Assistant) -> None:
    stream = bot.stream("How many children were moved to Belarus?")
    pieces = list(stream)
    assert pieces and all(isinstance(p, str) for p in pieces)
    answer = stream.answer()
    assert answer.question == "How many children were moved to Belarus?"
    assert "".join(pieces) == answer.text and not stream.revised


def test_filters_are_one_type_and_keywords_are_sugar(bot: Assistant) -> None:
    from assistant.query.filters import Filters

    june = Filters.of(since="2022-06-01", until="2022-06-30")
    by_type = bot.plan("What happened?", june)
    by_keywords = bot.plan("What happened?", since="2022-06-01", until="2022-06-30")
    assert by_type.flt == by_keywords.flt
    turn = Filters.of(until="2022-06-15").over(june)  # a chat turn over its session
    assert (turn.since, turn.until) == (june.since, Filters.of(until="2022-06-15").until)
    with pytest.raises(ValueError, match="since"):
        Filters.of(since="2022-07-01", until="2022-06-01")


def test_retrieve_caps_articles_and_carries_metadata(bot: Assistant) -> None:
    passages = bot.retrieve("Lukashenko children Belarus deportation", k=10)
    assert passages and passages[0].title.startswith("Belarus")
    counts: dict[str, int] = {}
    for p in passages:
        counts[p.article_id] = counts.get(p.article_id, 0) + 1
    # Merged neighbours count once; without merging the cap is 2 chunks per article.
    assert max(counts.values()) <= 2
    index: NewsIndex = bot.index  # type: ignore[assignment]
    for p in passages:
        article = index.get_article(p.article_id)
        assert article is not None and article.text[p.start : p.end] == p.text


def test_bm25_side_finds_a_code_word_the_embedding_cannot(bot: Assistant) -> None:
    passages = bot.retrieve("Where was QX-4471 lent?", k=3)
    assert passages[0].article_id == "codeword"


def test_wire_copies_collapse_into_one_passage(bot: Assistant) -> None:
    passages = bot.retrieve("Why will the Springfield harbour bridge close?", k=5)
    wire = [p for p in passages if p.article_id in {"wire-a", "wire-b"}]
    assert len(wire) == 1
    other = {"wire-a.example", "wire-b.example"} - {wire[0].source}
    assert wire[0].also_in == tuple(other)


def test_source_filter(bot: Assistant) -> None:
    passages = bot.retrieve("news", k=10, sources=["usatoday.com"])
    assert passages and {p.source for p in passages} == {"usatoday.com"}


def test_date_filters_and_as_of(bot: Assistant) -> None:
    passages = bot.retrieve("bridge council vote", k=10, since="2022-07-02", until="2022-07-31")
    assert passages
    assert all(p.published and "2022-07-02" <= p.published[:10] <= "2022-07-31" for p in passages)
    early = bot.retrieve("bridge council vote", k=10, as_of=date(2022, 7, 1))
    assert all(p.published and p.published[:10] <= "2022-07-01" for p in early)
    assert "wire-b" not in {p.article_id for p in early}


def test_latest_prefers_the_newest_articles_of_the_archive(bot: Assistant) -> None:
    # No as_of: "latest" counts back from the index's newest article, not from today.
    newest = bot.retrieve("What is the latest approval rating poll of the Springfield mayor?", 2)
    assert newest[0].article_id == "poll-September"
    as_of_june = bot.retrieve(
        "What is the latest approval rating poll of the Springfield mayor?", 2, as_of="2022-06-30"
    )
    assert [p.article_id for p in as_of_june if p.article_id.startswith("poll")] == ["poll-May"]


def test_a_figure_asked_in_the_present_tense_is_the_newest(bot: Assistant) -> None:
    # the May poll matches the question's words better; "is" asks for the rating now
    answer = bot.ask("What is the Springfield mayor's approval rating?")
    assert "57 percent" in " ".join(answer.text.split()[:30]), answer.text
    assert answer.citations[0].article_id == "poll-September"


def test_who_won_with_no_year_reads_this_years_report(bot: Assistant) -> None:
    # Four older reports match the question better; no as_of, no time word.
    question = "Who won the Springfield Lantern Prize?"
    assert bot.retrieve(question, 2)[0].article_id == "lantern-2022"
    answer = bot.ask(question)
    assert answer.text.startswith("Edna Roscoe"), answer.text
    assert answer.citations[0].article_id == "lantern-2022"
    # a year named: that year's report
    assert bot.ask("Who won the Springfield Lantern Prize in 2018?").text.startswith("Bo Fenwick")


def test_who_holds_an_office_now_is_the_newest_reports_holder(bot: Assistant) -> None:
    question = "Who is the mayor of Harbourton?"
    answer = bot.ask(question)
    assert answer.text.startswith("Olek Varga"), answer.text
    assert answer.citations[0].article_id == "harbour-2"
    # as of a date before the change: the holder then
    assert bot.ask(question, as_of="2022-01-31").text.startswith("Ida Brandt")


def test_the_latest_on_a_story_reads_its_newest_reports(bot: Assistant, data_dir: Path) -> None:
    # A story with far more coverage than each search's candidates: its older reports all
    # match its words better than the newest one does (a pool of 10 here, as 50 of
    # hundreds of reports on the war in Ukraine).
    narrow = Assistant(
        index=bot.index,
        settings=AssistantSettings(
            index={"data_dir": data_dir}, retrieval={"candidate_pool": 10, "rescore_top": 10}
        ),
    )
    question = "What's the latest on the Marrowby canal dispute?"
    plain = narrow.retrieve("the Marrowby canal dispute", as_of="2022-10-31")
    assert "canal-new" not in {p.article_id for p in plain}
    answer = narrow.ask(question, as_of="2022-10-31")
    assert answer.citations[0].article_id == "canal-new", answer.text
    # no as_of: the window ends with the archive (its newest report), not today
    assert narrow.ask(question).citations[0].article_id == "canal-new"
    # as of a day before that report: the newest of the older ones
    before = narrow.ask(question, as_of="2022-10-20")
    assert before.citations[0].article_id == f"canal-{CANAL_REPORTS}", before.text


def test_answer_carries_the_resolved_date_range(bot: Assistant) -> None:
    answer = bot.ask("What did the Springfield council vote last week?", as_of="2022-07-05")
    assert answer.date_range is not None
    assert answer.date_range.until is not None and answer.date_range.until <= date(2022, 7, 5)
    assert answer.date_range.label


def test_bad_filter_values_are_rejected(bot: Assistant) -> None:
    with pytest.raises(ValueError, match="since"):
        bot.ask("anything", since="yesterday-ish")
    with pytest.raises(ValueError, match="after until"):
        bot.ask("anything", since="2022-08-01", until="2022-07-01")


def test_chat_resolves_follow_ups_and_keeps_citation_numbers(bot: Assistant) -> None:
    chat = bot.chat()
    first = chat.ask("Who approved the financing of the children's transfer to Belarus?")
    assert not first.abstained, first.text
    second = chat.ask("When was he sentenced?")
    assert second.question == "When was he sentenced?"
    assert second.standalone_question and second.standalone_question != second.question
    assert not second.abstained, second.text
    # The standalone question brings back the sentence that answers it (which sentence
    # the answerer then quotes is the answerer's business, tested with it).
    found = bot.retrieve(second.standalone_question, k=3)
    assert any("sentenced in absentia" in p.text for p in found)
    numbers: dict[tuple[str, int], int] = {}
    for answer in (first, second):
        for c in answer.citations:
            assert numbers.setdefault((c.article_id, c.start), c.number) == c.number
            assert f"[{c.number}]" in answer.text
    assert len(chat.history) == 2
    chat.reset()
    assert chat.history == []


def test_chat_follow_ups_read_the_turns_as_understood(bot: Assistant) -> None:
    # "he" in the third turn points at the person the second turn's own "he" resolved to;
    # an abstention's text ("None of the retrieved passages ...") names no one.
    chat = bot.chat()
    chat.ask("Who approved the financing of the children's transfer to Belarus?")
    second = chat.ask("When was he sentenced?")
    carried = second.standalone_question.rsplit("(", 1)[-1].rstrip(")?").split(", ")
    assert carried and carried != [second.standalone_question], second.standalone_question
    third = chat.ask("Where is he now?")
    assert all(name in third.standalone_question for name in carried), third.standalone_question
    chat.reset()
    missing = chat.ask("Who won the 2031 World Cup?")
    assert missing.abstained
    after = chat.ask("Where is he now?")
    assert "None" not in after.standalone_question, after.standalone_question


def test_chat_keeps_only_the_turns_it_reads(bot: Assistant) -> None:
    chat = ChatSession(bot, max_turns=2)
    questions = [
        "How many children were moved to Belarus?",
        "Who approved the financing?",
        "When was he sentenced?",
    ]
    for question in questions:
        chat.ask(question)
    assert [q for q, _ in chat.history] == questions[1:]


def test_query_engine_returns_cited_source_nodes(bot: Assistant) -> None:
    response = bot.as_query_engine().query("How many children were moved to Belarus?")
    assert "2,100" in str(response)
    assert response.source_nodes
    quotes = [n.node.metadata["quote"] for n in response.source_nodes]
    assert any("2,100" in q for q in quotes)
    assert response.metadata and response.metadata["abstained"] is False
    nodes = bot.as_retriever(k=3).retrieve("Latushko sentenced")
    assert nodes and nodes[0].node.metadata["article_id"]


CHILDREN = "How many children were moved to Belarus?"
PIE = "What is the recommended baking temperature for a lemon meringue pie?"


def test_streaming_query_engine_streams_the_answer_then_its_cited_sources(bot: Assistant) -> None:
    response = bot.as_query_engine(streaming=True).query(CHILDREN)
    assert isinstance(response, StreamingResponse)
    # The citations exist only once the answer is verified, at the end of the stream.
    assert response.source_nodes == [] and response.response_txt is None
    pieces = list(response.response_gen)
    assert pieces and all(isinstance(p, str) and p for p in pieces)
    text = "".join(pieces)
    assert response.response_txt == text == str(response) == bot.ask(CHILDREN).text
    assert "2,100" in text
    quotes = [n.node.metadata["quote"] for n in response.source_nodes]
    assert any("2,100" in q and "15 Ukrainian towns" in q for q in quotes), quotes
    for n in response.source_nodes:
        assert n.node.metadata["quote"] in n.node.get_content()
        assert f"[{n.node.metadata['number']}]" in text
    assert response.metadata is not None
    assert response.metadata["abstained"] is False
    assert response.metadata["stream_revised"] is False
    assert response.metadata["answer"]["text"] == text
    plain = bot.as_query_engine().query(CHILDREN)
    assert [n.node.metadata["quote"] for n in plain.source_nodes] == quotes
    assert response.get_response().response == str(plain)


def test_streaming_query_engine_abstains_on_an_unanswerable_question(bot: Assistant) -> None:
    response = bot.as_query_engine(streaming=True).query(PIE)
    pieces = list(response.response_gen)
    assert pieces and "".join(pieces) == str(response) == bot.ask(PIE).text
    assert response.source_nodes == []
    assert response.metadata and response.metadata["abstained"] is True
    assert "2,100" not in str(response)


def test_streaming_query_engine_ends_on_the_verified_llm_answer(bot: Assistant) -> None:
    reply = (
        "More than 2,100 children from 15 Ukrainian towns were displaced to Belarus [1]. "
        "They were flown to Mars [7]."
    )
    llm = ScriptedLLM().enqueue(reply).enqueue(reply)
    with_llm = Assistant(index=bot.index, settings=bot.settings, llm=llm)
    engine = with_llm.as_query_engine(streaming=True)

    read = engine.query(CHILDREN)
    assert isinstance(read, StreamingResponse)
    streamed = "".join(read.response_gen)
    assert "[7]" in streamed  # what the model said, as it said it
    verified = str(read)
    assert "[7]" not in verified and "2,100" in verified
    assert read.response_txt == verified != streamed
    assert read.metadata and read.metadata["stream_revised"] is True
    assert read.metadata["answer"]["text"] == verified
    assert [n.node.metadata["number"] for n in read.source_nodes] == [1]
    assert "2,100" in read.source_nodes[0].node.metadata["quote"]

    # str() without reading the stream first: the verified text too, not the joined pieces.
    unread = engine.query(CHILDREN)
    assert str(unread) == verified
    assert len(unread.source_nodes) == 1
    assert llm.pending == 0

    # The support gate abstains before the model is asked (nothing is enqueued): no
    # text was streamed, so the whole abstention is streamed as the last piece.
    gated = engine.query(PIE)
    pieces = list(gated.response_gen)
    assert pieces == [str(gated)] and gated.metadata and gated.metadata["abstained"] is True


def test_streaming_query_engine_surfaces_bad_filters_at_query_time(bot: Assistant) -> None:
    engine = bot.as_query_engine(streaming=True, since="2022-09-01", until="2022-01-01")
    with pytest.raises(ValueError, match="after until"):
        engine.query(CHILDREN)


def test_query_engine_aquery_streams_and_answers(bot: Assistant) -> None:
    async def run() -> tuple[AsyncStreamingResponse, list[str], Response]:
        response = await bot.as_query_engine(streaming=True).aquery(CHILDREN)
        assert isinstance(response, AsyncStreamingResponse)
        pieces = [p async for p in response.async_response_gen()]
        plain = await bot.as_query_engine().aquery(CHILDREN)
        assert isinstance(plain, Response)
        return response, pieces, plain

    response, pieces, plain = asyncio.run(run())
    assert pieces and "".join(pieces) == response.response_txt == str(plain)
    assert [n.node.metadata["quote"] for n in response.source_nodes] == [
        n.node.metadata["quote"] for n in plain.source_nodes
    ]
    assert response.metadata and response.metadata["stream_revised"] is False


def test_describe_names_models_and_location(bot: Assistant, data_dir: Path) -> None:
    info = bot.describe()
    assert info["answerer"] == "extractive"
    assert info["embedding"].startswith("wordllama")
    assert Path(info["index"]).resolve() == data_dir.resolve()
    assert info["articles"] == N_DEV + 15 + CANAL_REPORTS


def test_from_settings_opens_the_cli_index(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(data_dir))
    bot = Assistant.from_settings()
    answer = bot.ask("How long was Pavel Latushko sentenced to?")
    assert re.search(r"18 years", " ".join(c.quote for c in answer.citations))


def test_an_llm_answers_through_the_same_plan_and_verification(bot: Assistant) -> None:
    llm = ScriptedLLM().enqueue(
        "More than 2,100 children from 15 Ukrainian towns were displaced to Belarus [1]. "
        "They were flown to Mars [7]."
    )
    with_llm = Assistant(index=bot.index, settings=bot.settings, llm=llm)
    assert with_llm.describe()["answerer"].startswith("llm:")
    stream = with_llm.stream("How many children were moved to Belarus?")
    streamed = "".join(stream)
    answer = stream.answer()
    assert isinstance(answer, Answer) and not answer.abstained
    assert "[7]" in streamed and stream.revised  # streamed as written, then verified
    assert "[7]" not in answer.text  # no such source: the marker is dropped
    assert [c.number for c in answer.citations] == [1]
    assert "2,100" in answer.citations[0].quote
    assert "2,100 children" in llm.prompts[0]  # the retrieved passage reached the prompt


def test_settings_choose_the_answerer(bot: Assistant) -> None:
    configured = bot.settings.updated(
        llm={"backend": "openai-like", "model": "tiny", "api_base": "http://127.0.0.1:9/v1"}
    )
    assert Assistant(index=bot.index, settings=configured).answerer.name.startswith("llm:")
    forced = configured.updated(answer={"answerer": "extractive"})
    assert Assistant(index=bot.index, settings=forced).answerer.name == "extractive"
    missing = bot.settings.updated(answer={"answerer": "llm"})
    with pytest.raises(ValueError, match="NEWSDESK_LLM_BACKEND"):
        _ = Assistant(index=bot.index, settings=missing).answerer
