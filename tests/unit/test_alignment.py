"""The question's words around its gap, found around a span (dev sentences)."""

from __future__ import annotations

from assistant.answer.alignment import Gap
from assistant.answer.matching import analyse_question
from assistant.answer.spans import spans_in
from assistant.answer.targets import target_of


def _strengths(question: str, sentence: str) -> dict[str, float]:
    info = analyse_question(question)
    return {
        s.text: s.strength for s in spans_in(sentence, question, info, target_of(question, info))
    }


def test_the_gap_of_a_question() -> None:
    gap = Gap.of("A first edition of which Jane Austen novel sold for £375,000 at auction?")
    assert gap.before == ("edition", "of")
    assert Gap.of("Who won the Stanley Cup?").after == ("win", "stanley")
    assert Gap.of("In which city did it happen?").before == ()  # "In": says nothing


def test_a_name_in_the_gap_is_a_clear_answer() -> None:
    # The Week, 5 Oct 2022
    question = "A first edition of which Jane Austen novel sold for £375,000 at auction this week?"
    sentence = "The first edition of Emma features a handwritten message “from the author”."
    assert _strengths(question, sentence)["Emma"] == 1.0
    assert _strengths(question, "Emma features a handwritten message.")["Emma"] < 0.6


def test_words_after_a_name_inside_a_phrase_do_not_count() -> None:
    # CNN, 5 July 2022: the tower is rusting, not Paris
    gap = Gap.of("Which iconic landmark is reportedly riddled with rust?")
    sentence = "The Eiffel Tower in Paris is reportedly riddled with rust."
    at = sentence.index("Paris")
    assert not gap.fills(sentence, at, at + len("Paris"))
    assert gap.fills("Big Ben is reportedly riddled with rust.", 0, len("Big Ben"))


def test_a_kind_of_place_asked_for_is_not_overruled() -> None:
    # CNN, 10 Aug 2022: "Which country ...?" is not answered by the leader who declared it
    question = "Which country declared victory against the Covid-19 pandemic this week?"
    sentence = "North Korean leader Kim Jong Un declared victory in the battle against Covid."
    assert _strengths(question, sentence).get("Kim Jong Un", 0.0) < 0.6


def test_the_words_after_a_name_may_follow_its_own_short_phrase() -> None:
    # The Week, 11 Aug 2022
    question = "Which London borough is the cheapest to rent in?"
    sentence = (
        "Kensington and Chelsea is the most expensive borough to rent a two-bed home, while "
        "Havering in east London is the cheapest."
    )
    found = _strengths(question, sentence)
    assert found["Havering"] == 1.0
    assert found["Kensington"] < 1.0 and found["Chelsea"] < 1.0  # not in the gap
    gap = Gap.of("Which iconic landmark is reportedly riddled with rust?")
    tower = "The Eiffel Tower in Paris is reportedly riddled with rust."
    assert gap.fills(tower, 4, 16)  # "Eiffel Tower", past "in Paris"
    assert gap.fills("She led her native Netherlands to victory in 2017.", 19, 30) is False
    team = Gap.of("Sarina Wiegman led which national team to victory at the Euro 2017?")
    assert team.fills("She led her native Netherlands to victory in 2017.", 19, 30)


def test_the_gap_is_the_questions_not_a_relative_clauses() -> None:
    # CNN, 17 Oct 2022
    question = (
        "Kanye West, who legally changed his name to Ye, announced he is acquiring which "
        "controversial social media platform?"
    )
    assert Gap.of(question).before == ("is", "acquir")
    sentence = "Kanye West is acquiring Parler, the alternative social media platform."
    assert _strengths(question, sentence)["Parler"] == 1.0
    buying = "Buying Parler could make West the latest celebrity owner of a social media platform."
    assert "Parler" in _strengths(question, buying)  # not "Buying Parler"


def test_a_question_on_the_object_of_its_verb() -> None:
    # USA Today, 5 Sept 2022
    gap = Gap.of("Britain’s ruling Conservative Party chose Liz Truss. Who does she replace?")
    assert gap.before == ("replace",)
    for sentence in (
        "Liz Truss to replace Boris Johnson as British prime minister",
        "Truss replaces Boris Johnson, a controversial maverick.",
    ):
        at = sentence.index("Boris")
        assert gap.fills(sentence, at, at + len("Boris Johnson"))
    beat = "Liz Truss beat Rishi Sunak to become Britain's new prime minister"
    assert not gap.fills(beat, beat.index("Rishi"), beat.index("Rishi") + len("Rishi Sunak"))
    # "what" in the middle of a question is no object question
    tennis = "Serena Williams began what could be her final act by playing in which tournament?"
    assert Gap.of(tennis).before == ("play", "in")


def test_an_auxiliary_before_the_questions_words_is_passed_over() -> None:
    # CNN, 12 July 2022
    gap = Gap.of("Which island nation plunged into chaos in recent days?")
    sentence = "Sri Lanka has plunged into chaos and its president has fled to Singapore."
    assert gap.fills(sentence, 0, len("Sri Lanka"))


def test_a_partitive_is_still_the_wh_phrase() -> None:
    # "of UK adults" names whom the percentage counts, not what the answer does
    gap = Gap.of("What percentage of UK adults are behind on one or more household bill?")
    assert gap.after == ()
    sentence = "Poverty is an income below 60% of the UK median."
    at = sentence.index("60%")
    assert not gap.fills(sentence, at, at + 3)


def test_the_noun_before_the_gap_may_follow_the_name() -> None:
    # USA Today, 5 July 2022: "the skeleton of which dinosaur" <-> "the Gorgosaurus skeleton"
    gap = Gap.of(
        "Sotheby’s announced it was selling the 76-million-year-old skeleton of which dinosaur?"
    )
    sentence = "At nearly 10 feet tall, the Gorgosaurus skeleton was found in Montana."
    at = sentence.index("Gorgosaurus")
    assert gap.fills(sentence, at, at + len("Gorgosaurus"))
    at = sentence.index("Montana")
    assert not gap.fills(sentence, at, at + len("Montana"))


def test_what_someone_said_is_so_stands_before_the_copula() -> None:
    # USA Today, 20 Sept 2022
    question = 'What substance did Green Bay Packers quarterback Aaron Rodgers say is "not a drug"?'
    gap = Gap.of(question)
    assert gap.after == ("is", "not", "drug") and gap.before == ()
    sentence = '"Ayahuasca is not a drug," Rodgers emphatically said.'
    assert gap.fills(sentence, 1, len('"Ayahuasca'))
    assert _strengths(question, sentence)["Ayahuasca"] == 1.0


def test_the_words_after_a_name_may_follow_its_apposition() -> None:
    # USA Today, 15 Sep 2022: the apposition ends on another name, "Duke of Cambridge"
    gap = Gap.of(
        "King Charles III became Britain’s new monarch following the death of his mother, "
        "Queen Elizabeth II. Who is next in the line of royal succession?"
    )
    sentence = (
        "Prince William, King Charles' elder son and formerly the Duke of Cambridge, is next "
        "in line for the throne under the British line of succession."
    )
    assert gap.fills(sentence, 0, len("Prince William"))
    # the same sentence shape around the late husband: he is not what is next in line
    other = (
        "The first-born son of the queen and her late husband, Prince Philip, the Duke of "
        "Edinburgh, Charles was next in line for the throne from the time he was 3 years old."
    )
    at = other.index("Prince Philip")
    assert not gap.fills(other, at, at + len("Prince Philip"))
    # a list is no apposition: the words after it are the list's
    listed = "Prince William, Prince Harry, and Princess Anne are next."
    assert not gap.fills(listed, 0, len("Prince William"))


def test_a_headline_writes_the_words_after_without_the_auxiliary() -> None:
    # CNN, 11 Oct 2022: "Blink-182 reuniting with Tom DeLonge for new music and tour"
    gap = Gap.of("Which band is reuniting with its original members?")
    headline = "Blink-182 reuniting with Tom DeLonge for new music and tour"
    assert gap.fills(headline, 0, len("Blink-182"))
    assert gap.fills("Alice Cooper is reuniting with the three members.", 0, len("Alice Cooper"))
    assert not gap.fills("Alice Cooper toured with them.", 0, len("Alice Cooper"))


def test_the_words_before_do_not_reach_across_a_clauses_end() -> None:
    # USA Today, 29 July 2022: Jada Pinkett comes after the slap, not as what was slapped
    gap = Gap.of("Who did Will Smith slap?")
    headline = "Will Smith apology video on Chris Rock Oscars slap, Jada Pinkett ..."
    at = headline.index("Jada Pinkett")
    assert not gap.fills(headline, at, at + len("Jada Pinkett"))
    assert gap.fills("Will Smith was seen to slap Chris Rock.", 28, 38)
