"""Kinds of things from WordNet: common nouns that answer "which X" (dev sentences)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from assistant.answer.direct import MIN_STRENGTH, choose_span, ordinary_words
from assistant.answer.kinds import asked_kind_of, kind_words, new_words
from assistant.answer.matching import (
    TermMatcher,
    analyse_question,
    question_word_hits,
    relatives_of,
)
from assistant.answer.spans import (
    COPULA_STRENGTH,
    KIND_STRENGTH,
    NEW_WORD_STRENGTH,
    Asked,
    spans_in,
)
from assistant.answer.targets import asked_kind, target_of
from index.text.lexicon import DEFAULT_DIR, Lexicon, lexicon
from index.text.terms import terms

pytestmark = pytest.mark.unit


@pytest.fixture
def lex() -> Lexicon:
    """The WordNet lexicon `make install` provides; a missing one fails under CI."""
    found = lexicon()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"WordNet's noun files missing under CI ({DEFAULT_DIR})")
        pytest.skip("Debian's wordnet-base is not installed")
    return found


def _strengths(question: str, sentence: str) -> dict[str, float]:
    info = analyse_question(question)
    return {
        s.text: s.strength for s in spans_in(sentence, question, info, target_of(question, info))
    }


def test_a_word_is_a_kind_of_what_lies_above_it(lex: Lexicon) -> None:
    animal, drug, condiment = lex.kind("animal"), lex.kind("drug"), lex.kind("condiment")
    assert animal is not None and drug is not None and condiment is not None
    assert lex.is_kind("ponies", animal) and lex.is_kind("mice", animal)  # plural, irregular
    assert lex.is_kind("acetaminophen", drug)
    assert lex.is_kind("mustard", condiment)  # its second sense: the first is the greens
    assert lex.is_kind("monarch butterfly", lex.kind("insect"))  # type: ignore[arg-type]
    assert not lex.is_kind("scientists", animal)
    assert not lex.is_kind("animal", animal)  # not a kind of itself
    # a rare sense does not count: a dose is a venereal disease only in slang
    assert not lex.is_kind("dose", lex.kind("disease"))  # type: ignore[arg-type]


def test_only_specific_kinds_can_be_asked_for(lex: Lexicon) -> None:
    assert lex.kind("insect") is not None
    substance = lex.kind("substance")  # the physical-matter sense is too near the root
    assert substance is not None and all(lex.depth(s) >= 4 for s in substance.senses)
    amount = lex.kind("amount")  # a quantity is answered by a number, not a word
    assert amount is not None and not lex.is_kind("increase", amount)
    assert lex.kind("zzzz") is None


def test_the_noun_a_which_question_asks_with() -> None:
    assert asked_kind("Scientists this week placed which insect on the endangered list?") == (
        "insect"
    )
    # The Week, 8 Aug 2022: the phrase ends at the comma
    assert (
        asked_kind(
            "Supermarkets in France are struggling to stock which condiment, sparking outrage "
            "across the country."
        )
        == "condiment"
    )
    assert asked_kind("What type of loans will be forgiven?") == "loans"
    # dev, 21 Jul 2022: the head of the noun phrase after "type of", not its adjective
    assert (
        asked_kind(
            "Which type of extreme weather swept through several European countries this week, "
            "including the UK, Spain, and France?"
        )
        == "weather"
    )
    assert asked_kind("What breed of dog is Mr. Happy Face?") == "dog"
    assert asked_kind("Which of the following grocery items has seen the biggest increase?") == (
        "items"
    )
    assert asked_kind("What did the images show?") == ""
    assert asked_kind("What is it called?") == ""  # (no scene names what "it" is)


def test_what_a_called_question_asks_the_name_of() -> None:
    # dev questions of 14 July, 18 August, 14 October and 25 November 2022
    variant = (
        "Nearly two-and-a-half years since the Covid-19 pandemic began, the most infectious "
        "and transmissible variant yet has arrived. What is it called?"
    )
    assert asked_kind(variant) == "variant"  # not the pandemic "since" governs
    perfume = (
        "Tesla and SpaceX CEO Elon Musk’s latest financial venture? A new perfume – with a "
        "peculiar name. What is it called?"
    )
    assert asked_kind(perfume) == "perfume"  # not the name "with" governs
    campground = (
        "A Grand Canyon campground was renamed after the Havasupai Tribe requested the "
        '"offensive name" be changed. What is it now called?'
    )
    assert asked_kind(campground) == "campground"
    mission = (
        "NASA will launch a historic mission this month that will go beyond the moon and "
        "return to Earth. What is the mission called?"
    )
    assert asked_kind(mission) == "mission"


def test_a_name_right_after_the_article_names_what_is_called() -> None:
    # dev, CNN 14 July 2022: the first line had repeated the question's scene
    question = (
        "Nearly two-and-a-half years since the Covid-19 pandemic began, the most infectious "
        "and transmissible variant yet has arrived. What is it called?"
    )
    sentence = (
        "The latest version of the shape-shifting BA.5 variant , an offshoot of Omicron, is "
        "fueling a global surge in cases."
    )
    info = analyse_question(question)
    found = {s.text: s.strength for s in spans_in(sentence, question, info, "entity")}
    assert found["BA.5"] == 0.9 and found["Omicron"] < 0.9
    # dev, CNN 16 November 2022: a kind of rule is no rule's name
    rule = (
        "A federal judge recently moved to block a rule that allowed US authorities to expel "
        "more than a million migrants at the US-Mexico border. What is the rule called?"
    )
    told = (
        "Border authorities used the public health restrictions to expel migrants nearly 2.5 "
        "million times in less than three years."
    )
    assert spans_in(told, rule, analyse_question(rule), "entity") == []


def test_a_name_set_beside_the_asked_noun_names_what_is_called() -> None:
    # dev, CNN 13 July 2022 (holdout fold 2, which lacks the report writing "the
    # shape-shifting BA.5 variant"): the headline sets the name beside what it is
    question = (
        "Nearly two-and-a-half years since the Covid-19 pandemic began, the most infectious "
        "and transmissible variant yet has arrived. What is it called?"
    )
    info = analyse_question(question)
    headline = "BA.5: The 'worst variant' is here"
    found = {s.text: s.strength for s in spans_in(headline, question, info, "entity")}
    assert found["BA.5"] >= MIN_STRENGTH
    apposed = "Officials say BA.5, the most transmissible variant yet, is spreading fast."
    assert {s.text: s.strength for s in spans_in(apposed, question, info, "entity")}["BA.5"] == 0.9
    # a phrase that only classes it, or says what else it does, does not name it
    storm = "What storm battered the island this week?"
    classed = "Fiona, a Category 1 storm, reached Puerto Rico at 3:20 p.m. EDT."
    spans = {
        s.text: s.strength for s in spans_in(classed, storm, analyse_question(storm), "entity")
    }
    assert spans.get("Fiona", 0.0) < 0.9
    costume = "Which is the most popular Halloween costume this year?"
    tool = "… per Google Trends’ Frightgeist, a tool that analyzes the most-searched costume ideas."
    spans = {
        s.text: s.strength for s in spans_in(tool, costume, analyse_question(costume), "entity")
    }
    assert spans.get("Frightgeist", 0.0) < MIN_STRENGTH


def test_a_common_noun_under_the_asked_noun_is_a_span(lex: Lexicon) -> None:
    # CNN, 8 Aug 2022
    question = (
        "Supermarkets in France are struggling to stock which condiment, sparking outrage "
        "across the country."
    )
    sentence = (
        "France is the largest consumer of mustard in the world and its relationship with "
        "the condiment stretches back to the Middle Ages."
    )
    found = _strengths(question, sentence)
    assert found["mustard"] == KIND_STRENGTH
    assert "condiment" not in found  # the question's own word


def test_compounds_and_names(lex: Lexicon) -> None:
    # USA Today, 21 July 2022 ("Scientists this week placed which insect on the endangered list?")
    sentence = (
        "WASHINGTON – The monarch butterfly fluttered a step closer to extinction Thursday "
        "as scientists put the iconic orange-and-black insect on the endangered list."
    )
    kind = asked_kind_of("insect")
    assert kind is not None
    assert [t for t, *_ in kind_words(sentence, kind, lambda _: False)] == ["monarch butterfly"]
    # a capitalised word is read as a name, not as a common noun ("Hurricane Fiona")
    storm = asked_kind_of("storm")
    assert storm is not None
    assert kind_words("Hurricane Fiona made landfall Sunday.", storm, lambda _: False) == []
    # CNN, 28 Sept 2022
    color = "Online, people frequently ask why there are no purple M&M’S."
    assert _strengths("A new character was added. What color is she?", color)["purple"] == (
        KIND_STRENGTH
    )


def test_a_question_asking_for_an_amount_wants_a_number() -> None:
    question = (
        "A new California fast-food law could soon raise the minimum wage to which hourly amount?"
    )
    info = analyse_question(question)
    assert target_of(question, info) == "number"
    # CNN, 2 Aug 2022: "figure" asks for a number; a figure skater is a person
    debt = "US household debt passed which massive figure this week?"
    assert target_of(debt, analyse_question(debt)) == "number"
    skater = "Which figure skater won gold?"
    assert target_of(skater, analyse_question(skater)) == "person"
    assert "$22" in _strengths(
        question,
        "California's fast food law would allow a 10-member appointed council to lift hourly "
        "wages to $22.",
    )


def test_without_wordnet_answers_go_on_without_kinds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NEWSDESK_WORDNET", str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="index.text.lexicon"):
        assert lexicon() is None
        assert asked_kind_of("insect") is None
    assert "wordnet-base" in caplog.text
    question = "Scientists this week placed which insect on the endangered list?"
    assert "monarch butterfly" not in _strengths(question, "The monarch butterfly is listed.")


def test_a_name_written_before_the_asked_noun_names_it() -> None:
    # CNN, 23 Sept 2022
    question = (
        "NASA deliberately slammed a spacecraft into an asteroid this week. "
        "What was the name of the mission?"
    )
    assert asked_kind(question) == "mission"
    found = _strengths(
        question,
        "The Double Asteroid Redirection Test mission, or DART, aims to see if this kind of "
        "kinetic impact can help deflect an asteroid posing a threat to Earth.",
    )
    assert found["Double Asteroid Redirection Test"] == 0.9
    # USA Today, 18 Sept 2022: "a Category 1 storm" classes the storm, it does not name it
    storm = "After knocking out all of Puerto Rico's power, what storm battered the island?"
    classed = _strengths(storm, "Fiona, a Category 1 storm, reached Puerto Rico at 3:20 p.m.")
    assert classed.get("Category 1", 0.0) < 0.6


def test_a_hyphened_name_wordnet_does_not_list_is_a_kind_of_its_last_part(
    lex: Lexicon,
) -> None:
    # USA Today, 20 Nov 2022 ("What critically endangered bird was spotted in Papua New
    # Guinea for the first time in 140 years?")
    sentence = (
        "With black and orange feathers and red eyes, the critically endangered black-naped "
        "pheasant-pigeon remained a mystery for over a century."
    )
    bird = asked_kind_of("bird")
    assert bird is not None
    found = [t for t, *_ in kind_words(sentence, bird, lambda _: False)]
    assert found == ["black-naped pheasant-pigeon"]  # not "endangered" before it
    # a hyphened word WordNet lists is read as WordNet reads it
    assert kind_words("A well-known pop-up shop opened.", bird, lambda _: False) == []


def test_a_type_asked_for_is_named_by_a_compound_ending_on_its_noun() -> None:
    # USA Today, 24 Aug 2022
    sentence = (
        "President Joe Biden is set to announce Wednesday he will forgive $10,000 in student "
        "loan debt for millions of borrowers who fall below an income cap."
    )
    loan = asked_kind_of("loans")
    assert loan is not None
    found = [t for t, *_ in kind_words(sentence, loan, lambda _: False, subtypes=True)]
    assert found == ["student loan"]
    # "which loan" does not ask for a type: "student loan" only narrows the noun
    assert kind_words(sentence, loan, lambda _: False) == []
    question = (
        "President Joe Biden announced a plan to wipe at least $10k in debt for millions of "
        "borrowers. What type of loans will be forgiven?"
    )
    assert "student loan" in _strengths(question, sentence)


def test_a_word_met_mostly_as_a_verb_is_a_noun_only_after_a_determiner(lex: Lexicon) -> None:
    assert lex.mostly_verb("see") and not lex.mostly_verb("hike")
    assert not lex.mostly_verb("butterfly")  # never tagged either way: read as written
    seat = asked_kind_of("seat")  # a bishop's see is a seat
    assert seat is not None
    # CNN, 10 Aug 2022
    headline = "Democrats see glimmers of hope as the Senate battlefield takes shape"
    assert kind_words(headline, seat, lambda _: False) == []
    assert [t for t, *_ in kind_words("He left the see in 1990.", seat, lambda _: False)] == ["see"]


def test_an_organisation_named_after_the_asked_noun_is_not_of_its_kind() -> None:
    # USA Today, 20 Sept 2022
    drug = _strengths(
        "What drug did Aaron Rodgers talk about?",
        "According to the Alcohol and Drug Foundation, ayahuasca is a liquid-based psychedelic.",
    )
    assert drug.get("Drug Foundation", 0.0) < 0.6
    storm = _strengths("Which hurricane battered Puerto Rico?", "Hurricane Fiona made landfall.")
    assert storm["Hurricane Fiona"] == 0.9


def test_a_sentence_naming_a_kind_of_the_asked_noun_has_what_is_asked(lex: Lexicon) -> None:
    from assistant.answer.extractive import ExtractiveAnswerer
    from tests.passages import passage

    question = "Supermarkets in France are struggling to stock which condiment?"
    # (no capitalised word but the sentence opener "It", which names nothing)
    report = passage("It is sold out. It is mustard, they said.", article_id="m", title="")
    _, cands = ExtractiveAnswerer().candidates(question, [report])
    evidence = {c.text: c.answer_type for c in cands}
    assert evidence == {"It is sold out.": 0.0, "It is mustard, they said.": 1.0}


def test_a_broad_class_is_not_an_answer(lex: Lexicon) -> None:
    assert lex.broad("infectious disease") and lex.broad("car") and lex.broad("coin")
    assert not lex.broad("mustard") and not lex.broad("rifle") and not lex.broad("dog")
    # CNN, 2 Nov 2022, for "Which disease is spreading?"
    disease = asked_kind_of("disease")
    assert disease is not None
    sentence = "It won’t be able to stop such a highly infectious disease from spreading."
    assert kind_words(sentence, disease, lambda _: False) == []
    # USA Today, 19 Oct 2022, for "... which US currency?": the coin is a class of currency
    currency = asked_kind_of("currency")
    assert currency is not None
    assert (
        kind_words("Wong’s coin is the fifth and final in 2022.", currency, lambda _: False) == []
    )


def test_a_compound_ending_on_the_asked_noun_only_narrows_it() -> None:
    vehicle = asked_kind_of("vehicle")
    genre = asked_kind_of("genre")
    assert vehicle is not None and genre is not None
    # USA Today, 18 Feb 2022, for "Which vehicle did Tesla recall?"
    rules = "Tesla made decisions that violate federal motor vehicle safety standards."
    assert kind_words(rules, vehicle, lambda _: False) == []
    # USA Today, 5 Oct 2022, for "Which music genre was she best known for?"
    lynn = "She became the most significant female singer-songwriter in country music history."
    assert [t for t, *_ in kind_words(lynn, genre, lambda _: False)] == ["country music"]


def test_an_adjective_in_ed_does_not_end_the_which_phrase() -> None:
    # USA Today, 20 Nov 2022
    assert asked_kind("What critically endangered bird was spotted in Papua New Guinea?") == (
        "bird"
    )
    assert asked_kind("Which much-loved menu item returned?") == "item"
    assert asked_kind("Which embattled celebrity was released?") == "celebrity"
    assert asked_kind("Which country debuted the first hydrogen train?") == "country"


def test_a_word_right_before_the_asked_noun_only_qualifies_it() -> None:
    vehicle = asked_kind_of("vehicle")
    assert vehicle is not None
    # USA Today, 18 Feb 2022, for "Which vehicle did Tesla recall?"
    maker = "Regulators increase scrutiny of the nation's largest electric vehicle maker."
    assert kind_words(maker, vehicle, lambda _: False) == []
    assert [t for t, *_ in kind_words("It recalled the truck.", vehicle, lambda _: False)] == [
        "truck"
    ]


def test_a_name_the_sentence_says_is_the_asked_thing() -> None:
    # CNN, 28 Sept 2022
    question = "Which new character did M&M’s add to the brand’s lineup this week?"
    found = _strengths(
        question,
        "The purple peanut M&M is the first new character in 10 years, according to the brand.",
    )
    assert found["purple peanut M&M"] == COPULA_STRENGTH
    # a pronoun, a common noun, the question's own words: no name said to be one
    for sentence in (
        "It is the first new character in a decade.",
        "The candy is the brand's first new character in a decade.",
        "M&M’s is the brand with a new character.",
    ):
        assert COPULA_STRENGTH not in _strengths(question, sentence).values(), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        # CNN, 1 May and 10 Aug 2022: past an aside, "has long been"; heading a list of them
        "Pennsylvania – a state Biden won in 2020 – has long been the seat most likely to flip, "
        "but the May 17 GOP primary hasn’t helped.",
        "Pennsylvania once again tops the list of seats most likely to flip.",
    ],
)
def test_a_name_said_to_have_been_or_to_head_a_list_of_the_asked_things(sentence: str) -> None:
    question = "Which US Senate seat is most likely to flip in the midterm elections?"
    assert _strengths(question, sentence)["Pennsylvania"] == COPULA_STRENGTH


def test_a_sentence_opener_met_mostly_as_an_adverb_is_no_name(lex: Lexicon) -> None:
    assert lex.mostly_modifier("Eventually") and lex.mostly_modifier("violent")
    assert not lex.mostly_modifier("Apple") and not lex.mostly_modifier("Kelly")
    # CNN, 1 August 2022: "Legendary" had been shown for the Dodgers
    question = "Vin Scully died this week at the age of 94. Which team did he call games for?"
    found = _strengths(
        question,
        "Legendary broadcaster Vin Scully, the voice of the Los Angeles Dodgers for more than "
        "six decades, has died at the age of 94, the team announced.",
    )
    assert found.get("Legendary", 0.0) < found["Los Angeles Dodgers"]


def test_words_derived_from_one_another_are_relatives(lex: Lexicon) -> None:
    assert "invasion" in lex.related("invade") and "invasion" in lex.related("invaded")
    assert "death" in lex.related("died") and "die" in lex.related("death")
    assert "resignation" in lex.related("resigned")
    assert not lex.related("Sunak") and not lex.related("the")


def test_a_sentence_may_say_the_questions_verb_as_a_noun(lex: Lexicon) -> None:
    # CNN, February 2022: "invasion" says what "invade" asks (the prefix match misses it)
    question = "When did Russia invade Ukraine?"
    assert relatives_of(question) == {"invade": frozenset({"invasion"})}
    sentence = (
        "Explosions rang through Ukrainian cities in a broad invasion that began on February 24."
    )
    vocab = set(terms(sentence))
    info = analyse_question(question)
    assert TermMatcher(info.terms, [vocab], relatives_of(question)).credit("invade", vocab) > 0
    assert TermMatcher(info.terms, [vocab]).credit("invade", vocab) == 0
    assert "invasion" in [m.group() for m in question_word_hits(sentence, info)]
    # ... while a relative spelt like the term is one of its forms, matched already
    assert "liver" not in relatives_of("Where did the last person to live there die?").get(
        "live", ()
    )


def test_a_group_of_no_people_is_not_an_organisation(lex: Lexicon) -> None:
    """(dev, CNN 21 June 2022) "which age group" asks for an age group, not the body
    that signed off on the vaccine ("US Centers for Disease Control" had led)."""
    assert lex.names_a_body("rock group") and lex.names_a_body("political party")
    assert lex.names_a_body("age group") is False and lex.names_a_body("blood group") is False
    assert lex.names_a_body("Paxlovid group") is None
    for question, target in (
        ("Covid-19 vaccinations in the US began for which age group this week?", "entity"),
        ("Which rock group announced a farewell tour?", "org"),
        ("Which terrorist group claimed the attack?", "org"),
        ("Which food chain launched a redesigned menu?", "org"),
    ):
        assert target_of(question, analyse_question(question)) == target


def test_a_noun_that_refers_back_is_no_kind_asked_for(lex: Lexicon) -> None:
    # CNN, 13 July 2022: "the move" stands for the ad tier it refers back to
    question = "Which major change will soon be introduced to Netflix?"
    sentence = (
        "Netflix said Wednesday that the move is in “very early days” and that the company "
        "has “much to work through” when it comes to introducing an ad tier to its 221.6 "
        "million subscribers globally."
    )
    assert "move" not in _strengths(question, sentence)


def test_a_noun_naming_a_person_lies_below_person(lex: Lexicon) -> None:
    assert lex.names_a_person("siblings") and lex.names_a_person("philanthropist")
    assert lex.names_people("character") and not lex.names_a_person("character")  # imaginary
    assert not lex.names_a_person("troops") and not lex.names_a_person("show")


@pytest.mark.parametrize(
    ("question", "target"),
    [
        # dev questions: a capitalised noun WordNet reads as people heads the which-phrase
        ("Which high-profile Republican announced a 2024 White House bid this week?", "person"),
        ("Which senior Conservative MP was tipped as a possible “caretaker” PM?", "person"),
        ("Which top Tory this week requested an independent investigation?", "person"),
        # a name qualifying a lower-case noun is not the head: the noun is
        ("Which British luxury carmaker revealed its first fully electric vehicle?", "entity"),
        ("Which US national park was impacted by severe flooding this week?", "entity"),
        # a relative clause's "which the Duke ...", a name before "painting" (no verb)
        (
            "What is the name of the four-bedroom Windsor property to which the Duke and "
            "Duchess of Cambridge hope to relocate?",
            "entity",
        ),
        ("Activists glued their hands to which John Constable painting in London?", "entity"),
    ],
)
def test_a_capitalised_noun_of_people_asks_for_a_person(
    lex: Lexicon, question: str, target: str
) -> None:
    assert target_of(question, analyse_question(question)) == target


def test_a_heat_wave_is_a_kind_of_weather() -> None:
    """ "Which type of extreme weather ...?" (dev, CNN July 2022) is answered by "heat wave",
    which WordNet files below weather."""
    question = (
        "Which type of extreme weather swept through several European countries this week, "
        "including the UK, Spain, and France?"
    )
    info = analyse_question(question)
    sentence = "At least 1,000 deaths have been attributed to the heat wave in Portugal and Spain."
    spans = spans_in(sentence, question, info, target_of(question, info))
    assert "heat wave" in {span.text for span in spans}


@pytest.mark.parametrize(
    ("sentence", "top"),
    [
        # USA Today, 19 Oct 2022
        (
            "Coming out on the top of the list is the witch costume, the most classic and "
            "perhaps the spookiest costume.",
            "witch costume",
        ),
        ("Topping the list was Spider-Man, followed by Harley Quinn.", "Spider-Man"),
    ],
)
def test_what_heads_a_list_is_a_clear_answer(sentence: str, top: str) -> None:
    question = "Which is the most popular Halloween costume this year, according to Google?"
    assert _strengths(question, sentence)[top] == COPULA_STRENGTH


def test_what_heads_a_list_is_read_below_the_best_eight_sentences() -> None:
    """The sentence naming the top of the list ranks ninth, below headlines and sentences
    that only say there is a list (dev, USA Today 19 Oct 2022)."""
    question = "Which is the most popular Halloween costume this year, according to Google ratings?"
    filler = [
        (
            f"Google Trends lists the most popular Halloween costumes of 2022, part {i}.",
            4.0,
            f"a{i}",
            False,
        )
        for i in range(8)
    ]
    top = (
        "Coming out on the top of the list is the witch costume, the most classic and "
        "perhaps the spookiest costume.",
        3.05,
        "usat",
        False,
    )
    rows = [*filler, top]
    choice = choose_span(
        Asked.of(question, analyse_question(question), "entity"), rows, ordinary_words(rows)
    )
    assert choice is not None and choice.span is not None
    assert choice.span.text == "witch costume"


def test_a_word_too_new_for_wordnet_may_be_the_thing_asked_for(lex: Lexicon) -> None:
    # CNN, 4 August 2022 (dev: "... declared a public health emergency for what virus?")
    question = (
        "With cases on the rise across the globe, the United States declared a public health "
        "emergency for what virus?"
    )
    sentence = (
        "(CNN) The Biden administration on Thursday declared monkeypox a public health "
        "emergency, with cases on the rise across the US."
    )
    assert _strengths(question, sentence)["monkeypox"] == NEW_WORD_STRENGTH < KIND_STRENGTH
    # known words made over and short words are no coinage; the question's own never answers
    assert new_words("Unvaccinated influencers livestreamed the vaxx queue.", lambda _: False) == []
    asked_again = "Which virus did monkeypox patients catch?"
    assert "monkeypox" not in _strengths(asked_again, sentence)
    # one ending on the asked noun only narrows it (CNN, 1 September 2022)
    planet = "Which planet does the photo show?"
    exoplanet = "Astronomers have captured the first direct image of an exoplanet with Webb."
    assert "exoplanet" not in _strengths(planet, exoplanet)
