"""Words of a text for matching: folding, tokens, light stems, capitalised phrases.

Plain string work (no models), cheap enough to run on every sentence of every passage.
Both sides use it: the answerers match question terms against sentences with it, and
the news readers compare claims with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import compress, count

from index.text.stopwords import ANSWER as STOPWORDS
from index.text.stopwords import QUESTION_FILLER

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'][A-Za-z0-9]+)*")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9'’.-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9'’.-]*)*")


def fold(text: str) -> str:
    """Lower-case, accents stripped, typographic quotes and dashes unified."""
    if text.isascii():  # _FOLD maps only non-ASCII characters: nothing to translate
        return text.lower()
    text = text.translate(_FOLD).lower()
    if text.isascii():  # nothing to decompose: skips a per-character pass on most text
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


_IRREGULAR_TEXT = """
fled:flee won:win held:hold left:leave sold:sell bought:buy paid:pay struck:strike took:take
taken:take gave:give given:give met:meet ran:run began:begin begun:begin shot:shoot sent:send
spent:spend built:build brought:bring told:tell found:find lost:lose chose:choose
chosen:choose fell:fall fallen:fall rose:rise risen:rise drew:draw drawn:draw wrote:write
written:write stole:steal stolen:steal caught:catch sought:seek became:become came:come
went:go gone:go saw:see seen:see knew:know known:know grew:grow grown:grow threw:throw
thrown:throw led:lead kept:keep hid:hide hidden:hide ate:eat eaten:eat swore:swear
sworn:swear broke:break broken:break spoke:speak spoken:speak froze:freeze frozen:freeze
sank:sink sunk:sink flew:fly flown:fly drove:drive driven:drive rode:ride ridden:ride
struck:strike fought:fight bit:bite bitten:bite shut:shut quit:quit died:die dying:die
children:child men:man women:woman people:person mice:mouse
"""
IRREGULAR = dict(pair.split(":") for pair in _IRREGULAR_TEXT.split())


@lru_cache(maxsize=65_536)  # words repeat across sentences; bounded for long-running servers
def stem(word: str) -> str:
    """A light suffix stripper: good enough to match 'sentenced'/'sentence', 'towns'/'town'."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, keep in (
        ("ations", 3),
        ("ation", 3),
        ("ings", 3),
        ("ing", 3),
        ("ies", 3),
        ("ied", 3),
        ("ed", 3),
        ("es", 3),
        ("ly", 4),
        ("s", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return base + "e"
            return base
    return word


def match_credit(term: str, vocab: AbstractSet[str]) -> float:
    """1 for an exact stem match, 0.7 for a shared prefix ('approv'/'approval',
    'lead'/'leader'), else 0. Terms shorter than 4 characters must match exactly."""
    if term in vocab:
        return 1.0
    if len(term) >= 5:
        prefix = term[:5]
        if any(len(word) >= 5 and word[:5] == prefix for word in vocab):
            return 0.7
    elif len(term) == 4 and any(word.startswith(term) and len(word) <= 7 for word in vocab):
        return 0.7
    return 0.0


def words(text: str) -> list[str]:
    """Folded word tokens (keeps '2,100' as '2100' and 'U.S.' as 'u.s')."""
    return _WORD.findall(fold(text).replace(",", ""))  # (no token holds a comma)


def terms(text: str, *, drop: frozenset[str] = STOPWORDS) -> list[str]:
    """Stemmed content terms of a text, in order (duplicates kept)."""
    return terms_of_words(words(text), drop=drop)


def _term(word: str, drop: frozenset[str]) -> str:
    """A token's term, or "" for a dropped one (a kept token never stems to "").

    A possessive or a contracted "is" is the word itself: "Biden's" -> "biden" (it had
    stemmed to "biden'", matching no "Biden"), "What's" -> "what" (a stopword)."""
    if word.endswith("'s"):
        word = word[:-2]
    if (word not in drop and len(word) > 1) or word.isdigit():
        return stem(word.replace(".", ""))
    return ""


# token -> term ("" dropped) with the default stopwords: tokens repeat across sentences, so
# a text's terms are one lookup a token. Bounded: starts over when full.
_TERM_OF: dict[str, str] = {}
TERMS_CACHED = 65_536


def terms_of_words(tokens: list[str], *, drop: frozenset[str] = STOPWORDS) -> list[str]:
    """`terms` of a text already split by `words` (callers that need both split once)."""
    if drop is not STOPWORDS:
        return [term for term in (_term(w, drop) for w in tokens) if term]
    return mapped_terms(tokens, _TERM_OF, TERMS_CACHED, _default_term)


def _default_term(word: str) -> str:
    return _term(word, STOPWORDS)


def mapped_terms(
    tokens: Sequence[str], table: dict[str, str], limit: int, term_of: Callable[[str], str]
) -> list[str]:
    """Each token's term through `table` (token -> term, "" for a dropped token), which
    `term_of` fills for new tokens and which starts over when it holds `limit`."""
    try:  # every token seen before (most texts): the lookups and the filter all in C
        return list(filter(None, map(table.__getitem__, tokens)))
    except KeyError:
        pass
    new = set(tokens).difference(table)  # (in C too: only the new tokens go to `term_of`)
    if len(table) + len(new) <= limit:
        for word in new:
            table[word] = term_of(word)
        try:
            return list(filter(None, map(table.__getitem__, tokens)))
        except KeyError:  # another thread emptied the table in between
            pass
    return _mapped_one_by_one(tokens, table, limit, term_of)


def _mapped_one_by_one(
    tokens: Sequence[str], table: dict[str, str], limit: int, term_of: Callable[[str], str]
) -> list[str]:
    """`mapped_terms` a token at a time (a table about to fill up)."""
    out = []
    for word in tokens:
        term = table.get(word)
        if term is None:
            if len(table) >= limit:
                # Safe to empty in place, unlike the word-id and BM25 tables: this loop
                # looks each token up (or fills it) on its own, and the C paths above fall
                # back here on any KeyError another thread's clear() causes.
                table.clear()
            term = table[word] = term_of(word)
        if term:
            out.append(term)
    return out


def capitalised_phrases(text: str) -> list[str]:
    """Capitalised word runs that are not merely the first word of the sentence."""
    out = []
    for m in _CAPITALISED.finditer(text):
        phrase = m.group()
        if m.start() == 0 or text[: m.start()].rstrip().endswith((".", "“", '"', ":")):
            # Sentence-initial: only an entity when it has more than one capitalised word
            # or is not a common word.
            first, _, rest = phrase.partition(" ")
            if first.lower() in STOPWORDS or first.lower() in QUESTION_FILLER:
                if not rest:
                    continue
                phrase = rest
        out.append(phrase)
    return out


def query_positions(qset: AbstractSet[str], words: Sequence[str]) -> list[tuple[int, str]]:
    """(position, word) of each word of `words` in `qset`, in order: the membership test
    and the scan run in C (`compress`), only the few hits are read back in Python."""
    return [(i, words[i]) for i in compress(count(), map(qset.__contains__, words))]
