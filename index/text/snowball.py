"""The English Snowball ("Porter2") stemmer exactly as NLTK 3.x implements it.

The BM25 index stems its terms with this (index/lexical_terms.py). It used NLTK's
`EnglishStemmer`, whose import loads all of NLTK and part of scipy (~1.2 s of CPU, more
than the rest of a one-file `newsdesk index`). The stems are stored in every BM25 index,
so they must not change: this is a transcription of NLTK's `EnglishStemmer.stem` (NLTK
Project, Apache License 2.0) with its quirks, not the current Snowball algorithm (which
stems "added" to "add" and "biologist" to "biolog", where NLTK gives "ad" and
"biologist"). tests/unit/test_snowball.py compares it with NLTK on every word of the dev
corpus.
"""

from __future__ import annotations

_VOWELS = "aeiouy"
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_LI_ENDING = "cdeghkmnrt"
_STEP0 = ("'s'", "'s", "'")
_STEP1A = ("sses", "ied", "ies", "us", "ss", "s")
_STEP1B = ("eedly", "ingly", "edly", "eed", "ing", "ed")
_STEP2 = (
    "ization",
    "ational",
    "fulness",
    "ousness",
    "iveness",
    "tional",
    "biliti",
    "lessli",
    "entli",
    "ation",
    "alism",
    "aliti",
    "ousli",
    "iviti",
    "fulli",
    "enci",
    "anci",
    "abli",
    "izer",
    "ator",
    "alli",
    "bli",
    "ogi",
    "li",
)
# step 2 suffix -> (replacement, what R2 becomes when it is shorter than the suffix)
_STEP2_REPLACE = {
    "izer": ("ize", ""),
    "ization": ("ize", ""),
    "ational": ("ate", "e"),
    "ation": ("ate", "e"),
    "ator": ("ate", "e"),
    "alism": ("al", ""),
    "aliti": ("al", ""),
    "alli": ("al", ""),
    "ousli": ("ous", ""),
    "ousness": ("ous", ""),
    "iveness": ("ive", "e"),
    "iviti": ("ive", "e"),
    "biliti": ("ble", ""),
    "bli": ("ble", ""),
}
_STEP2_CUT = {"tional": 2, "entli": 2, "fulness": 4, "fulli": 2, "lessli": 2}
_STEP3 = ("ational", "tional", "alize", "icate", "iciti", "ative", "ical", "ness", "ful")
_STEP4 = (
    "ement",
    "ance",
    "ence",
    "able",
    "ible",
    "ment",
    "ant",
    "ent",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
    "ion",
    "al",
    "er",
    "ic",
)
_SPECIAL = {
    "skis": "ski",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "idly": "idl",
    "gently": "gentl",
    "ugly": "ugli",
    "early": "earli",
    "only": "onli",
    "singly": "singl",
    "sky": "sky",
    "news": "news",
    "howe": "howe",
    "atlas": "atlas",
    "cosmos": "cosmos",
    "bias": "bias",
    "andes": "andes",
    "inning": "inning",
    "innings": "inning",
    "outing": "outing",
    "outings": "outing",
    "canning": "canning",
    "cannings": "canning",
    "herring": "herring",
    "herrings": "herring",
    "earring": "earring",
    "earrings": "earring",
    "proceed": "proceed",
    "proceeds": "proceed",
    "proceeded": "proceed",
    "proceeding": "proceed",
    "exceed": "exceed",
    "exceeds": "exceed",
    "exceeded": "exceed",
    "exceeding": "exceed",
    "succeed": "succeed",
    "succeeds": "succeed",
    "succeeded": "succeed",
    "succeeding": "succeed",
}


def _region_after(word: str) -> str:
    """What follows the first non-vowel that follows a vowel ("" if none)."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return word[i + 1 :]
    return ""


def _swap(
    word: str, r1: str, r2: str, suffix: str, new: str, r2_short: str = ""
) -> tuple[str, str, str]:
    """Replace `suffix` by `new` in the word and in R1/R2 (a region shorter than the
    suffix becomes "", or `r2_short` for R2: NLTK's behaviour, kept)."""
    cut = len(suffix)
    r1 = r1[:-cut] + new if len(r1) >= cut else ""
    r2 = r2[:-cut] + new if len(r2) >= cut else r2_short
    return word[:-cut] + new, r1, r2


def _cut(word: str, r1: str, r2: str, n: int) -> tuple[str, str, str]:
    return word[:-n], r1[:-n], r2[:-n]


def _last_to(word: str, r1: str, r2: str, letter: str) -> tuple[str, str, str]:
    """Replace the last letter (and the regions' last letter, if any) by `letter`."""
    r1 = r1[:-1] + letter if len(r1) >= 1 else ""
    r2 = r2[:-1] + letter if len(r2) >= 1 else ""
    return word[:-1] + letter, r1, r2


def _mark_y(word: str) -> str:
    """Initial y and y after a vowel are consonants: written Y until the end."""
    if word.startswith("y"):
        word = "Y" + word[1:]
    chars = list(word)
    for i in range(1, len(chars)):
        if chars[i - 1] in _VOWELS and chars[i] == "y":
            chars[i] = "Y"
    return "".join(chars)


def _regions(word: str) -> tuple[str, str]:
    if word.startswith(("gener", "commun", "arsen")):
        r1 = word[6:] if word.startswith("commun") else word[5:]
        return r1, _region_after(r1)
    r1 = _region_after(word)
    return r1, _region_after(r1)


def _ending(word: str, suffixes: tuple[str, ...]) -> str:
    """The first of `suffixes` that `word` ends with ("" if none)."""
    return next((suffix for suffix in suffixes if word.endswith(suffix)), "")


def _step1a(word: str, r1: str, r2: str) -> tuple[str, str, str]:
    suffix = _ending(word, _STEP1A)
    if suffix == "sses":
        return _cut(word, r1, r2, 2)
    if suffix in ("ied", "ies"):
        return _cut(word, r1, r2, 2 if len(word) - len(suffix) > 1 else 1)
    if suffix == "s" and any(letter in _VOWELS for letter in word[:-2]):
        return _cut(word, r1, r2, 1)
    return word, r1, r2


def _step1b(word: str, r1: str, r2: str) -> tuple[str, str, str]:
    suffix = _ending(word, _STEP1B)
    if not suffix:
        return word, r1, r2
    if suffix in ("eed", "eedly"):
        return _swap(word, r1, r2, suffix, "ee") if r1.endswith(suffix) else (word, r1, r2)
    if not any(letter in _VOWELS for letter in word[: -len(suffix)]):
        return word, r1, r2
    word, r1, r2 = _cut(word, r1, r2, len(suffix))
    if word.endswith(("at", "bl", "iz")):
        word, r1 = word + "e", r1 + "e"
        if len(word) > 5 or len(r1) >= 3:
            r2 += "e"
    elif word.endswith(_DOUBLES):
        word, r1, r2 = _cut(word, r1, r2, 1)
    elif r1 == "" and (
        (
            len(word) >= 3
            and word[-1] not in _VOWELS
            and word[-1] not in "wxY"
            and word[-2] in _VOWELS
            and word[-3] not in _VOWELS
        )
        or (len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS)
    ):
        word += "e"
        r1 = r1 + "e" if r1 else r1
        r2 = r2 + "e" if r2 else r2
    return word, r1, r2


def _step2(word: str, r1: str, r2: str) -> tuple[str, str, str]:
    suffix = _ending(word, _STEP2)
    if not suffix or not r1.endswith(suffix):
        return word, r1, r2
    if suffix in _STEP2_CUT:
        return _cut(word, r1, r2, _STEP2_CUT[suffix])
    if suffix in ("enci", "anci", "abli"):
        return _last_to(word, r1, r2, "e")
    if suffix in _STEP2_REPLACE:
        new, r2_short = _STEP2_REPLACE[suffix]
        return _swap(word, r1, r2, suffix, new, r2_short)
    if suffix == "ogi" and word[-4] == "l":
        return _cut(word, r1, r2, 1)
    if suffix == "li" and word[-3] in _LI_ENDING:
        return _cut(word, r1, r2, 2)
    return word, r1, r2


def _step3(word: str, r1: str, r2: str) -> tuple[str, str, str]:
    suffix = _ending(word, _STEP3)
    if not suffix or not r1.endswith(suffix):
        return word, r1, r2
    if suffix == "tional":
        return _cut(word, r1, r2, 2)
    if suffix == "ational":
        return _swap(word, r1, r2, suffix, "ate")
    if suffix == "alize":
        return _cut(word, r1, r2, 3)
    if suffix in ("icate", "iciti", "ical"):
        return _swap(word, r1, r2, suffix, "ic")
    if suffix in ("ful", "ness"):
        return _cut(word, r1, r2, len(suffix))
    if suffix == "ative" and r2.endswith(suffix):
        return _cut(word, r1, r2, 5)
    return word, r1, r2


def _step4(word: str, r1: str, r2: str) -> tuple[str, str, str]:
    suffix = _ending(word, _STEP4)
    if suffix and r2.endswith(suffix) and (suffix != "ion" or word[-4] in "st"):
        return _cut(word, r1, r2, len(suffix))
    return word, r1, r2


def _step5(word: str, r1: str, r2: str) -> str:
    if r2.endswith("l") and word[-2] == "l":
        return word[:-1]
    if r2.endswith("e"):
        return word[:-1]
    if r1.endswith("e") and (
        len(word) >= 4
        and (
            word[-2] in _VOWELS
            or word[-2] in "wxY"
            or word[-3] not in _VOWELS
            or word[-4] in _VOWELS
        )
    ):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """The stem of an English word (NLTK's `EnglishStemmer().stem`)."""
    word = word.lower()
    if len(word) <= 2:
        return word
    if word in _SPECIAL:
        return _SPECIAL[word]
    word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
    if word.startswith("'"):
        word = word[1:]
    word = _mark_y(word)
    r1, r2 = _regions(word)
    if suffix := _ending(word, _STEP0):
        word, r1, r2 = _cut(word, r1, r2, len(suffix))
    word, r1, r2 = _step1a(word, r1, r2)
    word, r1, r2 = _step1b(word, r1, r2)
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:  # step 1c
        word, r1, r2 = _last_to(word, r1, r2, "i")
    word, r1, r2 = _step2(word, r1, r2)
    word, r1, r2 = _step3(word, r1, r2)
    word, r1, r2 = _step4(word, r1, r2)
    return _step5(word, r1, r2).replace("Y", "y")
