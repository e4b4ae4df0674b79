"""Kinds of things, from WordNet's noun hierarchy: is a "pony" a kind of "animal"?

Read from the WordNet 3.0 database files (`index.noun`, `data.noun`, `noun.exc`) that
Debian's `wordnet-base` package installs in /usr/share/wordnet (`make install` installs
it), or from the directory `NEWSDESK_WORDNET` names. Only what the question "is X a kind
of Y" needs is kept: each noun's senses and each sense's hypernyms (instances included:
"Jupiter" is an instance of "planet"). Without the files no word is a kind of anything
(logged once) and everything else works as before.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

DEFAULT_DIR = Path("/usr/share/wordnet")
# A sense this close to the root of the hierarchy is too general to ask for: "part",
# "object", "substance", "measure" (quantity) take in thousands of things.
MIN_DEPTH = 4
# WordNet lists a word's senses most frequent first: "dose" is a measured portion of a
# medicine long before it is a venereal disease. A word is read in its two most frequent
# senses ("mustard": the plant's leaves, then the condiment).
FREQUENT_SENSES = 2
# Kinds of quantity ("which hourly amount") are answered by a number, not a word.
QUANTITY_LEXFILE = 23  # noun.quantity
# WordNet's detachment rules for nouns (morphy): "lions" -> "lion", "boxes" -> "box".
_SUFFIXES = (
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
    ("s", ""),
)


@dataclass(frozen=True)
class Kind:
    """The senses of a noun a question asks for ("which insect")."""

    noun: str
    senses: frozenset[int]


class Lexicon:
    """Nouns, their senses and each sense's hypernyms, read once from WordNet's files."""

    def __init__(
        self,
        senses: dict[str, tuple[int, ...]],
        hypernyms: dict[int, tuple[int, ...]],
        exceptions: dict[str, str],
        quantities: frozenset[int] = frozenset(),
    ) -> None:
        self._senses = senses
        self._hypernyms = hypernyms
        self._quantities = quantities
        self._exceptions = exceptions
        self._depth: dict[int, int] = {}
        self.ancestors = lru_cache(maxsize=50_000)(self._ancestors)

    @classmethod
    def read(cls, directory: Path) -> Lexicon:
        senses: dict[str, tuple[int, ...]] = {}
        with open(directory / "index.noun", encoding="latin-1") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue  # the licence header
                parts = line.split()
                pointers = int(parts[3])
                senses[parts[0]] = tuple(int(o) for o in parts[6 + pointers :])
        hypernyms: dict[int, tuple[int, ...]] = {}
        quantities: set[int] = set()
        with open(directory / "data.noun", encoding="latin-1") as lines:
            for line in lines:
                if line.startswith(" "):
                    continue
                parts = line.split(" | ", 1)[0].split()
                if int(parts[1]) == QUANTITY_LEXFILE:
                    quantities.add(int(parts[0]))
                at = 4 + 2 * int(parts[3], 16)  # past the synset's words
                found = []
                for i in range(at + 1, at + 1 + 4 * int(parts[at]), 4):
                    if parts[i] in ("@", "@i") and parts[i + 2] == "n":
                        found.append(int(parts[i + 1]))
                if found:
                    hypernyms[int(parts[0])] = tuple(found)
        exceptions: dict[str, str] = {}
        with open(directory / "noun.exc", encoding="latin-1") as lines:
            for line in lines:
                parts = line.split()
                if len(parts) >= 2:
                    exceptions[parts[0]] = parts[1]
        return cls(senses, hypernyms, exceptions, frozenset(quantities))

    def lemma(self, word: str) -> str | None:
        """The form WordNet lists `word` under ("lions" -> "lion", "mice" -> "mouse",
        "hearing aids" -> "hearing_aid"), or None for a word it does not know as a noun."""
        key = word.strip().lower().replace(" ", "_").replace("’", "'")
        if key in self._senses:
            return key
        if key in self._exceptions:
            return self._exceptions[key]
        for suffix, ending in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                base = key[: -len(suffix)] + ending
                if base in self._senses:
                    return base
        return None

    def kind(self, noun: str) -> Kind | None:
        """The senses of `noun` specific enough to ask for ("insect", "condiment", not
        "part" or "object", nor a quantity such as "amount"), or None."""
        lemma = self.lemma(noun)
        if lemma is None:
            return None
        senses = frozenset(
            s
            for s in self._senses[lemma]
            if self.depth(s) >= MIN_DEPTH and s not in self._quantities
        )
        return Kind(lemma, senses) if senses else None

    def is_kind(self, word: str, kind: Kind) -> bool:
        """Whether `word`, in one of its most frequent senses, lies below one of `kind`'s senses
        ("ponies" under "animal", "acetaminophen" under "drug"); a word is not a kind of
        itself."""
        lemma = self.lemma(word)
        if lemma is None or lemma == kind.noun:
            return False
        return any(kind.senses & self.ancestors(s) for s in self._senses[lemma][:FREQUENT_SENSES])

    def depth(self, sense: int) -> int:
        """The fewest hypernym steps from `sense` to a root of the hierarchy."""
        known = self._depth.get(sense)
        if known is None:
            above = self._hypernyms.get(sense, ())
            known = 1 + min(self.depth(h) for h in above) if above else 0
            self._depth[sense] = known
        return known

    def _ancestors(self, sense: int) -> frozenset[int]:
        found: set[int] = set()
        frontier: Iterable[int] = (sense,)
        while frontier:
            step = [h for s in frontier for h in self._hypernyms.get(s, ()) if h not in found]
            found.update(step)
            frontier = step
        return frozenset(found)


_LOCK = threading.Lock()
_LOADED: dict[Path, Lexicon | None] = {}


def lexicon() -> Lexicon | None:
    """The shared lexicon (read on first use, ~0.5 s), or None without WordNet's files."""
    directory = Path(os.environ.get("NEWSDESK_WORDNET") or DEFAULT_DIR)
    with _LOCK:
        if directory not in _LOADED:
            try:
                _LOADED[directory] = Lexicon.read(directory)
            except OSError as err:
                logger.warning(
                    "no WordNet noun files in %s (%s): answers go on without kinds of "
                    "things; install Debian's wordnet-base or set NEWSDESK_WORDNET",
                    directory,
                    err.strerror or err,
                )
                _LOADED[directory] = None
        return _LOADED[directory]
