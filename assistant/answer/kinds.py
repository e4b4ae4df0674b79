"""Words that name a kind of what a "which X" question asks for: "Which insect ...?" ->
"monarch butterfly", "which condiment" -> "mustard", "Which animals ...?" -> "lions".

Many answers are common nouns, not names, and no capitalised run finds them. WordNet's
noun hierarchy (`index.text.lexicon`) tells which words of a sentence lie below the
question's noun. The question's own words are never the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from index.text.lexicon import Kind, Lexicon, lexicon
from index.text.stopwords import CORE
from index.tokens import count_tokens

# Common nouns are written in lower case: a capitalised word is a name, or part of one
# ("Hurricane Fiona", "the Australian Open"), and names are read as names.
_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z]")
# A determiner or a possessive right before a word makes it a noun ("the run", "her see").
_DETERMINED = re.compile(
    r"(?:\b(?:a|an|the|this|that|these|those|its|his|her|their|our|my|your|no|each|every|"
    r"some|any)|['’]s?)\s+$",
    re.I,
)
LONGEST = 3  # words of a compound WordNet lists as one noun ("black widow spider")
# Nouns that stand for what the text says elsewhere ("the move is in very early days"
# refers back to the ad tier): never themselves the thing asked for.
SHELL_NOUNS = frozenset(
    {
        "move", "step", "decision", "plan", "idea", "fact", "problem", "issue", "thing",
        "way", "change", "effort", "action", "approach", "announcement", "development",
        "situation", "matter", "case", "reason", "result", "proposal", "option", "choice",
        "attempt", "shift",
    }
)  # fmt: skip


def asked_kind_of(noun: str) -> Kind | None:
    """The kind a question's noun names, when WordNet knows it and it is specific enough."""
    lex = lexicon()
    return lex.kind(noun) if lex is not None and noun else None


def kind_words(
    sentence: str, kind: Kind, excluded: Callable[[str], bool], *, subtypes: bool = False
) -> list[tuple[str, int, int]]:
    """(text, start, end) of each word or compound in `sentence` naming a kind of `kind`,
    the longest compound first ("monarch butterfly" before "butterfly"); `excluded` says
    which words are the question's own. `subtypes`: the question asks for a type of its
    noun ("What type of loans ...?"), so a compound ending on the noun names one ("federal
    student loans")."""
    lex = lexicon()
    if lex is None:
        return []
    tokens = list(_WORD.finditer(sentence))
    common = [m.group().lower() in CORE for m in tokens]  # no kind, nor part of a compound
    found: list[tuple[str, int, int]] = []
    i = 0
    while i < len(tokens):
        for n in range(min(LONGEST, len(tokens) - i), 0, -1):
            if any(common[i : i + n]):
                continue
            group = tokens[i : i + n]
            start, end = group[0].start(), group[-1].end()
            text = sentence[start:end]
            narrows = n > 1 and lex.lemma(group[-1].group()) == kind.noun
            if n > 1 and (
                not all(sentence[a.end() : b.start()] == " " for a, b in pairwise(group))
                or (narrows and not subtypes)
            ):
                # a compound is written as one run of words, and one ending on the asked
                # noun only narrows it ("motor vehicle" for "which vehicle"; "country music"
                # still answers "which music genre"), unless a type of it is asked for
                continue
            if not (narrows or lex.is_kind(text, kind) or _hyphened_kind(lex, group, kind)):
                continue
            after = tokens[i + n] if i + n < len(tokens) else None
            if (
                after is not None
                and sentence[end : after.start()] == " "
                and lex.lemma(after.group()) == kind.noun
            ):
                continue  # "electric vehicle maker": it qualifies the asked noun
            if lex.broad(text):
                continue  # "a highly infectious disease", "cars": a class, not the answer
            if n == 1 and lex.lemma(text) in SHELL_NOUNS:
                continue  # "the move": what it refers back to is the answer
            if n == 1 and lex.mostly_verb(text) and not _DETERMINED.search(sentence, 0, start):
                continue  # "Democrats see glimmers": a verb, though "see" is a seat too
            if not excluded(text):
                found.append((text, start, end))
                i += n
                break
        else:
            i += 1
    return found


# A word too new for WordNet, written in lower case: the news's own coinage ("monkeypox",
# "ayahuasca", "pickleball") may be the thing asked for, though no hierarchy gives its kind.
# Not a known word made over ("sharpest", "sublineages", "unvaccinated") nor a verb's or an
# adverb's form ("livestreamed"), nor a common word WordNet leaves out ("anyone", "toward":
# one token of the cl100k vocabulary, which spends a token on a whole word only when it is
# frequent), nor a short one (a typo, "vaxx").
NEW_WORD_LETTERS = 5
_SUFFIXES = ("s", "es", "est", "er", "ers", "ed", "ing", "ly", "ness", "al", "ity", "ist", "ists")
_PREFIXES = (
    "un", "re", "non", "pre", "post", "anti", "over", "under", "co", "mis", "dis", "self",
    "de", "sub", "mega", "mini", "micro", "ultra", "super", "semi", "multi", "inter",
    "cross", "out",
)  # fmt: skip
_BASE_LETTERS = 3
_VERB_ENDINGS = ("ed", "ing", "ly")  # a coinage asked for is a noun, not "livestreamed"


def _bases(word: str) -> set[str]:
    """The words `word` may be made from by one suffix or one prefix ("sharpest" -> sharp,
    "biggest" -> big, "happiest" -> happy, "sublineages" -> lineages)."""
    found = set()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _BASE_LETTERS:
            stem = word[: -len(suffix)]
            found.update({stem, stem + "e"})
            if stem.endswith("i"):
                found.add(stem[:-1] + "y")
            if len(stem) > _BASE_LETTERS and stem[-1] == stem[-2]:
                found.add(stem[:-1])
    found.update(
        word[len(prefix) :]
        for prefix in _PREFIXES
        if word.startswith(prefix) and len(word) - len(prefix) >= _BASE_LETTERS
    )
    return found


def new_words(sentence: str, excluded: Callable[[str], bool]) -> list[tuple[str, int, int]]:
    """(text, start, end) of each lower-case word of `sentence` too new for WordNet (see
    above); `excluded` says which words are the question's own."""
    lex = lexicon()
    if lex is None:
        return []
    found = []
    for m in _WORD.finditer(sentence):
        text = m.group()
        if (
            len(text) >= NEW_WORD_LETTERS
            and text.isalpha()
            and text not in CORE
            and not text.endswith(_VERB_ENDINGS)
            and not lex.knows(text)
            and not any(lex.knows(base) for base in _bases(text))
            and count_tokens(f" {text}") > 1
            and not excluded(text)
        ):
            found.append((text, m.start(), m.end()))
    return found


def _hyphened_kind(lex: Lexicon, group: list[re.Match[str]], kind: Kind) -> bool:
    """Whether hyphened words WordNet does not list name a kind of `kind` by the last part
    of the last: "the critically endangered black-naped pheasant-pigeon" is a pigeon, so a
    bird; each word of the run is hyphened, as such names are ("black-naped"), so no
    adjective before it is taken in ("endangered")."""
    last = group[-1].group()
    if not all("-" in m.group() for m in group) or lex.lemma(last) is not None:
        return False
    head = last.rsplit("-", 1)[1]
    return bool(head) and lex.is_kind(head, kind)
