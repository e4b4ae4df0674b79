"""Kinds of things, from WordNet's noun hierarchy: is a "pony" a kind of "animal"? And
words derived from one another: "invade" and "invasion", "die" and "death".

Read from the WordNet 3.0 database files (`index.noun`, `data.noun`, `noun.exc`) that
Debian's `wordnet-base` package installs in /usr/share/wordnet (`make install` installs
it), or from the directory `NEWSDESK_WORDNET` names. The files are read where they lie, as
WordNet's own library does: `index.noun` is sorted, so a noun's senses are found by binary
search, and a sense's number is its line's byte offset in `data.noun`. Both are mapped into
memory (pages shared by every process that answers; no file position, so no lock) and
only what was looked up is kept.
Hypernyms include instances ("Jupiter" is an instance of "planet"). Derived forms follow
the derivation pointers ("+") of a word's senses in `data.noun` and `data.verb` (verbs
found through `index.verb` and `verb.exc`: "invaded" -> "invade"). Without the files no
word is a kind of anything nor derived from another (logged once) and everything else
works as before.
"""

from __future__ import annotations

import logging
import mmap
import os
import threading
from collections.abc import Callable
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
# A word with more kinds than this directly below it names a class, not an answer.
BROAD = 20
# Kinds of quantity ("which hourly amount") are answered by a number, not a word.
QUANTITY_LEXFILE = 23  # noun.quantity
PERSON_LEXFILE = 18  # noun.person
# noun.group, noun.location, noun.person: the files of names
NAME_LEXFILES = frozenset({14, 15, PERSON_LEXFILE})
ARTIFACT_LEXFILE = 6  # noun.artifact
# What organisations and other bodies of people lie under.
_BODIES = ("organization", "social_group")
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
CACHED = 50_000  # looked-up lemmas and senses kept


@dataclass(frozen=True)
class Kind:
    """The senses of a noun a question asks for ("which insect")."""

    noun: str
    senses: frozenset[int]


@dataclass(frozen=True)
class _Sense:
    lexfile: int
    hypernyms: tuple[int, ...]
    hyponyms: int = 0  # how many kinds lie directly below it


class Lexicon:
    """WordNet's nouns, read in place from its database files."""

    def __init__(self, directory: Path) -> None:
        self._index = _mapped(directory / "index.noun")
        self._data = _mapped(directory / "data.noun")
        verbs = directory / "index.verb"
        self._verbs = _mapped(verbs) if verbs.exists() else None
        verb_data = directory / "data.verb"
        self._verb_data = _mapped(verb_data) if verb_data.exists() else None
        self._verb_exceptions = _exceptions(directory / "verb.exc")
        # the data files by WordNet's part-of-speech letter, for derivation pointers
        self._by_pos = {b"n": self._data}
        if self._verb_data is not None:
            self._by_pos[b"v"] = self._verb_data
        self._modifiers = [
            _mapped(path)
            for path in (directory / "index.adv", directory / "index.adj")
            if path.exists()
        ]
        self._exceptions = _exceptions(directory / "noun.exc", required=True)
        self.senses = lru_cache(maxsize=CACHED)(self._senses)
        self._sense = lru_cache(maxsize=CACHED)(self._read_sense)
        self.ancestors = lru_cache(maxsize=CACHED)(self._ancestors)
        self.depth = lru_cache(maxsize=CACHED)(self._depth)
        self.mostly_verb = lru_cache(maxsize=CACHED)(self._mostly_verb)
        self.mostly_modifier = lru_cache(maxsize=CACHED)(self._mostly_modifier)
        self.lemma = lru_cache(maxsize=CACHED)(self._lemma)
        self.is_kind = lru_cache(maxsize=CACHED)(self._is_kind)
        self.related = lru_cache(maxsize=CACHED)(self._related)
        self.verb_lemma = lru_cache(maxsize=CACHED)(self._verb_lemma)

    def _lemma(self, word: str) -> str | None:
        """The form WordNet lists `word` under ("lions" -> "lion", "mice" -> "mouse",
        "hearing aids" -> "hearing_aid"), or None for a word it does not know as a noun."""
        key = word.strip().lower().replace(" ", "_").replace("’", "'")
        if not key.isascii():
            return None
        return _base_form(key, lambda w: bool(self.senses(w)), self._exceptions, _SUFFIXES)

    def kind(self, noun: str) -> Kind | None:
        """The senses of `noun` specific enough to ask for ("insect", "condiment", not
        "part" or "object", nor a quantity such as "amount"), or None."""
        lemma = self.lemma(noun)
        if lemma is None:
            return None
        senses = frozenset(
            s
            for s in self.senses(lemma)
            if self.depth(s) >= MIN_DEPTH and self._sense(s).lexfile != QUANTITY_LEXFILE
        )
        return Kind(lemma, senses) if senses else None

    def broad(self, word: str) -> bool:
        """Whether `word`, in its most frequent sense, names a broad class rather than a
        thing: more than `BROAD` kinds lie directly below it ("car", "coin", "infectious
        disease"; not "mustard", "rifle" or "dog")."""
        sense = self._first_sense(word)
        return sense is not None and sense.hyponyms > BROAD

    def names_people(self, word: str) -> bool:
        """Whether `word` names people in its most frequent sense ("reservists",
        "Russians", "residents"; not "troops", a group, nor "days")."""
        sense = self._first_sense(word)
        return sense is not None and sense.lexfile == PERSON_LEXFILE

    def names_a_person(self, word: str) -> bool:
        """Whether `word`'s most frequent sense names people and lies below "person"
        ("siblings", "philanthropist", "presenter"; not "character", filed among persons
        but an imaginary being, nor "troops")."""
        if not self.names_people(word):
            return False
        senses, person = self.senses(self.lemma(word) or ""), self.senses("person")
        return bool(senses and person) and person[0] in self.ancestors(senses[0])

    def common_noun(self, word: str) -> bool:
        """Whether `word`'s most frequent sense names neither people, a group nor a place
        ("vegetable", "grace"; not "judge", "Paris" nor "monarch")."""
        sense = self._first_sense(word)
        return sense is not None and sense.lexfile not in NAME_LEXFILES

    def names_artifact(self, word: str) -> bool:
        """Whether `word` names a made thing in its most frequent sense ("SUV", "GPS",
        "PC"; not "FBI", an agency, nor "DNA")."""
        sense = self._first_sense(word)
        return sense is not None and sense.lexfile == ARTIFACT_LEXFILE

    def names_a_body(self, noun: str) -> bool | None:
        """Whether `noun`, in one of its most frequent senses, names an organisation or a
        social group ("rock group", "drug company", "political party"; not "age group",
        "tennis court" nor "birthday party"), or None for a noun WordNet does not know."""
        lemma = self.lemma(noun)
        if lemma is None:
            return None
        bodies = {s for body in _BODIES for s in self.senses(body)}
        return any(bodies & (self.ancestors(s) | {s}) for s in self.senses(lemma)[:FREQUENT_SENSES])

    def _first_sense(self, word: str) -> _Sense | None:
        """The most frequent noun sense of `word`, or None when WordNet has none."""
        lemma = self.lemma(word)
        senses = self.senses(lemma) if lemma is not None else ()
        return self._sense(senses[0]) if senses else None

    def _is_kind(self, word: str, kind: Kind) -> bool:
        """Whether `word`, in one of its most frequent senses, lies below one of `kind`'s
        senses ("ponies" under "animal", "acetaminophen" under "drug"); a word is not a
        kind of itself."""
        lemma = self.lemma(word)
        if lemma is None or lemma == kind.noun:
            return False
        return any(kind.senses & self.ancestors(s) for s in self.senses(lemma)[:FREQUENT_SENSES])

    def _senses(self, lemma: str) -> tuple[int, ...]:
        """The senses of a lemma, most frequent first (its line in `index.noun`)."""
        return _offsets(_index_entry(self._index, lemma))

    def _mostly_verb(self, word: str) -> bool:
        """Whether `word` is met as a verb more often than as a noun (WordNet's counts of
        tagged senses): "see" (18 to 0), not "hike" (1 to 1) or "butterfly"."""
        key = word.lower()
        if self._verbs is None or not key.isascii():
            return False
        verb, noun = _index_entry(self._verbs, key), _index_entry(self._index, key)
        return _tagged(verb) > _tagged(noun)

    def _mostly_modifier(self, word: str) -> bool:
        """Whether `word` is met as an adverb or an adjective more often than as a noun
        ("eventually", "violent"; not "apple"), or known only as one; a name WordNet does
        not know ("Kelly") is neither."""
        key = word.lower()
        if not self._modifiers or not key.isascii():
            return False
        entries = [_index_entry(index, key) for index in self._modifiers]
        if not any(entries):
            return False
        noun = _index_entry(self._index, key)
        return not noun or max(_tagged(e) for e in entries) > _tagged(noun)

    def knows(self, word: str) -> bool:
        """Whether WordNet lists `word` as a noun, a verb, an adjective or an adverb
        ("Japan", "territory", "approximately"; not "Paxlovid" nor "Uvalde")."""
        key = word.strip().lower()
        if not key.isascii() or not key.isalpha():
            return False
        if self.lemma(key) is not None or self._verb_lemma(key) is not None:
            return True
        return any(_index_entry(index, key) for index in self._modifiers)

    def _related(self, word: str) -> frozenset[str]:
        """The nouns and verbs WordNet derives from `word` or `word` from, in its most
        frequent senses as a noun and as a verb: "invade" -> invasion, invader;
        "invaded" -> the same; "death" -> die; "resign" -> resignation. Only one-word,
        lower-case forms; not the word itself."""
        key = word.strip().lower()
        if not key.isascii() or not key.isalpha():
            return frozenset()
        found: set[str] = set()
        noun = self.lemma(key)
        if noun is not None:
            for sense in self.senses(noun)[:FREQUENT_SENSES]:
                found.update(_derived(self._data, sense, noun, self._by_pos))
        verb = self._verb_lemma(key)
        if verb is not None and self._verb_data is not None and self._verbs is not None:
            for sense in _offsets(_index_entry(self._verbs, verb))[:FREQUENT_SENSES]:
                found.update(_derived(self._verb_data, sense, verb, self._by_pos))
        found.discard(key)
        return frozenset(w for w in found if w.isalpha() and w.islower())

    def _verb_lemma(self, word: str) -> str | None:
        """The form WordNet lists a verb under ("invaded" -> "invade", "died" -> "die",
        "ran" -> "run"), or None."""
        verbs = self._verbs
        if verbs is None:
            return None
        return _base_form(
            word, lambda w: bool(_index_entry(verbs, w)), self._verb_exceptions, _VERB_SUFFIXES
        )

    def _read_sense(self, offset: int) -> _Sense:
        """A sense's lexicographer file and hypernyms: its line in `data.noun`."""
        parts = _line(self._data, offset).split(b" | ", 1)[0].split()
        at = 4 + 2 * int(parts[3], 16)  # past the synset's words
        pointers = range(at + 1, at + 1 + 4 * int(parts[at]), 4)
        hypernyms = tuple(
            int(parts[i + 1])
            for i in pointers
            if parts[i] in (b"@", b"@i") and parts[i + 2] == b"n"
        )
        hyponyms = sum(1 for i in pointers if parts[i] in (b"~", b"~i"))
        return _Sense(int(parts[1]), hypernyms, hyponyms)

    def _depth(self, sense: int) -> int:
        """The fewest hypernym steps from `sense` to a root of the hierarchy."""
        above = self._sense(sense).hypernyms
        return 1 + min(self.depth(h) for h in above) if above else 0

    def _ancestors(self, sense: int) -> frozenset[int]:
        found: set[int] = set()
        frontier = [sense]
        while frontier:
            step = [h for s in frontier for h in self._sense(s).hypernyms if h not in found]
            found.update(step)
            frontier = step
        return frozenset(found)


# WordNet's detachment rules for verbs (morphy): "invaded" -> "invade", "tries" -> "try".
_VERB_SUFFIXES = (
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("s", ""),
)


def _base_form(
    word: str,
    known: Callable[[str], bool],
    exceptions: dict[str, str],
    suffixes: tuple[tuple[str, str], ...],
) -> str | None:
    """WordNet's morphy: `word` itself if `known`, else its listed exception, else the
    first base form its detachment rules (`suffixes`) give that is `known`."""
    if known(word):
        return word
    if word in exceptions:
        return exceptions[word]
    for suffix, ending in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            base = word[: -len(suffix)] + ending
            if known(base):
                return base
    return None


def _derived(data: mmap.mmap, offset: int, lemma: str, datas: dict[bytes, mmap.mmap]) -> list[str]:
    """The words a sense's derivation pointers ("+") lead to from `lemma`, among nouns and
    verbs (`datas`: the data files by part of speech)."""
    parts = _line(data, offset).split(b" | ", 1)[0].split()
    count = int(parts[3], 16)
    words = [parts[4 + 2 * i].decode("latin-1").lower() for i in range(count)]
    at = 4 + 2 * count
    out: list[str] = []
    for i in range(at + 1, at + 1 + 4 * int(parts[at]), 4):
        target = datas.get(parts[i + 2])
        if parts[i] != b"+" or target is None:
            continue
        source, dest = int(parts[i + 3][:2], 16), int(parts[i + 3][2:], 16)
        if not 0 < source <= count or words[source - 1] != lemma:
            continue
        fields = _line(target, int(parts[i + 1])).split()
        out.append(fields[4 + 2 * (dest - 1)].decode("latin-1"))
    return out


def _line(data: mmap.mmap, offset: int) -> bytes:
    end = data.find(b"\n", offset)
    return data[offset : end if end >= 0 else len(data)]


def _exceptions(path: Path, *, required: bool = False) -> dict[str, str]:
    """A WordNet exception list (inflected form -> base form); {} without the file unless
    it is `required` (then a missing file raises `OSError`, as opening it does)."""
    found: dict[str, str] = {}
    if not required and not path.exists():
        return found
    with open(path, encoding="latin-1") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 2:
                found[parts[0]] = parts[1]
    return found


def _mapped(path: Path) -> mmap.mmap:
    with open(path, "rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _index_entry(index: mmap.mmap, lemma: str) -> list[bytes]:
    """The fields of `lemma`'s line in a sorted WordNet index file (binary search), or []."""
    key = lemma.encode("ascii")
    lo, hi = 0, len(index)
    while lo < hi:
        mid = (lo + hi) // 2
        start = index.rfind(b"\n", 0, mid) + 1
        end = index.find(b"\n", start)
        end = len(index) if end < 0 else end
        line = index[start:end]
        if line.startswith(b" "):  # the licence at the top sorts before every word
            lo = end + 1
            continue
        found = line.split(b" ", 1)[0]
        if found == key:
            return line.split()
        if found < key:
            lo = end + 1
        else:
            hi = start
    return []


def _offsets(entry: list[bytes]) -> tuple[int, ...]:
    """An index entry's senses (their offsets in the data file), most frequent first."""
    return tuple(int(o) for o in entry[6 + int(entry[3]) :]) if entry else ()


def _tagged(entry: list[bytes]) -> int:
    """An index entry's count of senses tagged in WordNet's corpus (0 for none)."""
    return int(entry[5 + int(entry[3])]) if entry else 0


_LOCK = threading.Lock()
_LOADED: dict[Path, Lexicon | None] = {}


def lexicon() -> Lexicon | None:
    """The shared lexicon, or None without WordNet's files."""
    directory = Path(os.environ.get("NEWSDESK_WORDNET") or DEFAULT_DIR)
    with _LOCK:
        if directory not in _LOADED:
            try:
                _LOADED[directory] = Lexicon(directory)
            except (OSError, ValueError) as err:
                logger.warning(
                    "no WordNet noun files in %s (%s): answers go on without kinds of "
                    "things; install Debian's wordnet-base or set NEWSDESK_WORDNET",
                    directory,
                    getattr(err, "strerror", None) or err,
                )
                _LOADED[directory] = None
        return _LOADED[directory]
