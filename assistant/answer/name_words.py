"""Word lists the span readers share: the capitalised words that make no name, and
WordNet's reading of a word as mostly a modifier."""

from __future__ import annotations

from index.text.lexicon import lexicon
from index.text.terms import fold


def word_set(text: str) -> frozenset[str]:
    """The folded words of a text written as a list separated by white space."""
    return frozenset(fold(w) for w in text.split())


# The roles written right before a person's name ("coach Becky Hammon", "original member,
# Tom DeLonge"), as a pattern's alternatives.
PERSON_ROLES = (
    r"owner|coach|founder|co-founder|chief|executive|CEO|president|chairman|chairwoman|"
    r"spokes(?:man|woman|person)|director|manager|star|singer|rapper|actor|actress|player|"
    r"members?|frontman|leader|minister|senator|governor|mayor|judge|attorney|lawyer|"
    r"quarterback|pitcher|forward|guard|striker|captain|host|author|writer"
)
# Capitalised words that do not make a name: sentence openers, days, months, outlets.
NOT_NAMES = word_set(
    """
    The A An In On At By For From Of To And But Or As It He She They We I His Her Their Its
    This That These Those There Here When Where While After Before Since During Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December CNN AP Reuters USA Today Photo Getty
    Images Read More Share Mr Mrs Ms Dr Sen Rep Gov President Police Officials According
    Associated Press Story Video Watch Click Sign Subscribe Advertisement Yes No What Who
    How Why Which Also However Meanwhile Still Now Then Last Next Earlier Later Some Many
    Most Several Other Another Each Every Both All One Two Three If Our My Your Update
    Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions
    Updated Breaking News Live Opinion Analysis Editor Note Copyright Well Yet Instead
    Although Though Because Despite Even Just Only Like Unlike Among Amid Over Under With Watched
    Without Through Throughout Within Across Tonight Morning Night Week Year Photos Videos
    Explainer Exclusive OK Okay Whether ET EST EDT CT CST CDT PT PST PDT GMT BST UTC CET CEST
    Has Have Had Did Does Do Is Are Was Were Can Could Should Would Shall
    """
)


def mostly_modifier(word: str) -> bool:
    """Whether WordNet knows `word` mostly as an adverb or an adjective ("Eventually")."""
    lex = lexicon()
    return lex is not None and lex.mostly_modifier(word)
