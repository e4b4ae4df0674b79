"""Quoted titles labelled by the noun beside them: a song's title answers for a song, not an
album's (sentences from ../shared/data/dev, CNN and USA Today, June 2022)."""

from __future__ import annotations

import pytest

from assistant.answer.direct import choose_span, ordinary_words, writes_a_name_word
from assistant.answer.matching import analyse_question
from assistant.answer.name_kinds import title_label
from assistant.answer.spans import Asked, spans_in
from assistant.answer.targets import asked_title_family, asks_name, target_of

pytestmark = pytest.mark.unit

SINGLE = (
    'The multi-hyphenate artist\'s latest single, "Break My Soul," which dropped late '
    'Monday, begs listeners to "release" themselves from their 9-5.'
)
HEADLINE = (
    "'Break My Soul':Beyoncé hits the dance floor with new song from upcoming 'Renaissance' album"
)


def strengths(question: str, sentence: str) -> dict[str, float]:
    info = analyse_question(question)
    target = target_of(question, info)
    return {s.text: s.strength for s in spans_in(sentence, question, info, target)}


def chosen(question: str, sentences: list[tuple[str, float, str, bool]]) -> str:
    """The span `choose_span` answers a question for a thing with, from (sentence, score,
    article id, is headline) rows; it must choose one."""
    asked = Asked.of(question, analyse_question(question), "entity")
    choice = choose_span(asked, sentences, ordinary_words(sentences))
    assert choice is not None and choice.span is not None
    return choice.span.text


@pytest.mark.parametrize(
    ("question", "family"),
    [
        ("Beyoncé released a new song this week, titled:", "song"),
        ("What is Beyoncé's new song called?", "song"),
        ("What is the title of her new album?", "album"),
        ("Which film topped the box office?", "film"),
        # two families named: none asked
        ("Which song from the album went viral?", ""),
    ],
)
def test_the_family_of_titled_thing_asked(question: str, family: str) -> None:
    assert asked_title_family(question) == family


def test_the_title_of_asks_a_name() -> None:
    assert asks_name("What is the title of Beyoncé's new song?")


@pytest.mark.parametrize(
    ("sentence", "title", "family"),
    [
        (SINGLE, "Break My Soul", "song"),  # the noun before: "single, “"
        (HEADLINE, "Renaissance", "album"),  # the noun after, ending the phrase
        (HEADLINE, "Break My Soul", ""),
        ("Beyoncé unveils 16-song 'Renaissance' track list", "Renaissance", ""),
        ('Beyoncé\'s new album "Renaissance" is finally here.', "Renaissance", "album"),
    ],
)
def test_the_noun_labelling_a_quoted_title(sentence: str, title: str, family: str) -> None:
    start = sentence.index(title)
    assert title_label(sentence, start, start + len(title)) == family


def test_a_title_labelled_as_another_thing_does_not_answer() -> None:
    found = strengths("What is Beyoncé's new song called?", HEADLINE)
    assert found["Break My Soul"] == 0.9
    assert found["Renaissance"] < 0.6  # the album's title
    assert strengths("What is Beyoncé's new album called?", HEADLINE)["Renaissance"] >= 0.9


def test_a_title_labelled_as_the_asked_thing_is_the_answer() -> None:
    # dev question (24 June 2022): "Beyoncé released a new song this week, titled:"; the
    # best sentences of the article are about the song, the title is in a later one
    question = "Beyoncé released a new song this week, titled:"
    sentences = [
        ("Beyoncé's new song is an anthem for the Great Resignation", 3.60, "a", True),
        (
            "The song, Beyoncé's first single since Juneteenth last year, blends 1990s club "
            "culture with 2022 Pride vibes.",
            3.35,
            "a",
            False,
        ),
        (SINGLE, 2.51, "a", False),
    ]
    assert chosen(question, sentences) == "Break My Soul"


def test_a_title_from_a_report_on_someone_else_is_off_subject() -> None:
    # "What is the name of Beyoncé's new song?" (24 June 2022): USA Today's report on
    # Drake's album names its final song; the report on Beyoncé's single names hers
    question = "What is the name of Beyoncé's new song?"
    sentences = [
        (
            '"Honestly, Nevermind" runs for 52 minutes and includes 14 songs full of upbeat '
            "dance hits, with the only featured artist being 21 Savage for the final song "
            '"Jimmy Cooks."',
            3.0,
            "drake",
            False,
        ),
        (HEADLINE, 2.9, "beyonce", True),
    ]
    assert chosen(question, sentences) == "Break My Soul"


def test_a_name_of_the_question_written_in_another_form() -> None:
    # dev questions on the Emmys (July and September 2022)
    emmys = "Monday’s Emmys featured tight competitions. Which show took home the award?"
    assert writes_a_name_word(emmys, "Squid Game racked up multiple wins at the Emmy Awards")
    assert not writes_a_name_word(emmys, "The show racked up multiple wins on Monday's night")
    song = "What is the name of Beyoncé's new song?"
    assert writes_a_name_word(song, "'Break My Soul':Beyoncé hits the dance floor")
    assert not writes_a_name_word(song, "Honestly, Nevermind includes the song Jimmy Cooks")
    assert writes_a_name_word("Which sitcom is he best known for?", "Friends")  # names nothing
    # a word capitalised only as it opens the question is no name
    painting = "Climate change activists glued themselves to which painting?"
    assert writes_a_name_word(painting, "Anti-oil climate activists glued to 'Last Supper'")
