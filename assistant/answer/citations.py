"""Citation checking shared by every answerer: no `[n]` is shown unless a source backs it.

`verify(text, passages)` reads the `[n]` markers of an answer (also `[n, m]`, `[n][m]`,
`[n-m]`, `[Source n]`), where `n` is the 1-based index of a passage. For each marker it
takes the claim the marker is attached to (the sentence, or the clause since the previous
marker, that ends at it) and looks for the sentence of the cited passage that best
supports that claim. Support is the weighted share of the claim's content terms found in
that sentence, halved when the sentence lacks one of the claim's names, numbers or
negations (a wrong fact usually repeats the source's other words); a marker whose
support is below `min_support`, or whose number has no passage, is removed. Sentences
that address the model ("ignore previous instructions ...") never count as support.
Surviving citations are renumbered 1..m by first use; one number stands for one quote.
`python -m tests.benchmarks.bench_citations` measures the trade-off on dev articles.

Term matching is deterministic string work (folding, light stemming), fast enough to
run on every answer: no model, no randomness.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from assistant.types import Citation, Passage
from index.text.sentences import split_sentences
from index.text.stopwords import CLAIM as STOPWORDS

logger = logging.getLogger(__name__)

DEFAULT_MIN_SUPPORT = 0.5
NUMBER_WEIGHT = 2.0
# A two-sentence quote is used only when it supports the claim clearly better and one of
# the two holds all the claim's names and numbers (no stitching "who" from one sentence
# to "what" from the next).
PAIR_BONUS = 0.15
# A clause since the previous marker is a claim of its own when it has this many terms.
MIN_CLAUSE_TERMS = 2
_MAX_RANGE = 10

_NUM = r"\d{1,3}"
_SRC = r"(?:(?:sources?|src|refs?|docs?)\.?\s*)?"
MARKER_RE = re.compile(
    rf"\[\s*{_SRC}{_NUM}(?:\s*(?:,|;|-|–|and|&)\s*{_SRC}{_NUM})*\s*\]", re.IGNORECASE
)
_MARKER_PART = re.compile(rf"({_NUM})\s*[-–]\s*(?:{_SRC})({_NUM})|({_NUM})", re.IGNORECASE)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_CASED_WORD = re.compile(r"[^\W_][\w'’.-]*")
_NOT = re.compile(r"n't\b|\bcannot\b")
NEGATIONS = frozenset({"not", "no", "never", "neither", "nor", "without"})
# A missing number or negation halves a claim's support: those are what a wrong claim gets
# wrong while repeating the source's other words.
CRITICAL_MISS_FACTOR = 0.5
# Sentences that address the model (prompt injection planted in an article) never
# count as support, so such text cannot back a citation.
_INSTRUCTION_RE = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|"
    r"directions|guidelines)\b|\b(?:system prompt|you are now|as an ai\b)",
    re.IGNORECASE,
)

_OPENER_TEXT = """
    officials police authorities experts critics residents analysts researchers scientists
    witnesses investigators prosecutors lawmakers leaders people officers doctors however
    meanwhile later earlier today yesterday now still both many several some most
"""
COMMON_OPENERS = STOPWORDS | frozenset(_OPENER_TEXT.split())


@dataclass(frozen=True)
class Support:
    """The best supporting quote for a claim within one passage's text."""

    score: float  # weighted share of the claim's terms found in the quote, 0..1
    start: int  # offsets of the quote within the passage text
    end: int


def parse_marker(marker: str) -> list[int]:
    """Source numbers in a marker, in order: "[2, 5]" -> [2, 5], "[1-3]" -> [1, 2, 3]."""
    numbers: list[int] = []
    for m in _MARKER_PART.finditer(marker):
        if m.group(3):
            numbers.append(int(m.group(3)))
            continue
        low, high = int(m.group(1)), int(m.group(2))
        if low <= high and high - low < _MAX_RANGE:
            numbers.extend(range(low, high + 1))
        else:
            numbers.extend((low, high))
    return numbers


def _fold(text: str) -> str:
    text = _NOT.sub(" not", text.translate(_FOLD).lower())
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


def terms(text: str) -> dict[str, float]:
    """Content terms of a text with their weights (numbers normalised: "2,100" -> "2100")."""
    out: dict[str, float] = {}
    for token in _TOKEN.findall(_fold(text)):
        if token[0].isdigit():
            out[token.replace(",", "")] = NUMBER_WEIGHT
        elif len(token) > 1 and token not in STOPWORDS:
            out.setdefault(_stem(token), 1.0)
    return out


def critical_terms(text: str) -> frozenset[str]:
    """Terms a claim cannot lose: numbers, negations and names (capitalised words).

    A capitalised first word counts too ("Lukashenko fled"), unless it is a stopword or
    a common opener ("Officials said ...").
    """
    critical = {t for t in terms(text) if _is_number(t) or t in NEGATIONS}
    for sentence in split_sentences(text):
        words = _CASED_WORD.findall(sentence.text)
        capital = [w[0].isupper() for w in words]
        for i, word in enumerate(words):
            if capital[i] and (i > 0 or word.lower() not in COMMON_OPENERS):
                critical.update(terms(word))
    return frozenset(critical)


def _is_number(term: str) -> bool:
    return term[0].isdigit()


def _coverage(
    claim: dict[str, float], found: AbstractSet[str], critical: AbstractSet[str]
) -> float:
    total = sum(claim.values())
    if total <= 0:
        return 0.0
    score = sum(w for t, w in claim.items() if t in found) / total
    if any(t not in found for t in critical):
        score *= CRITICAL_MISS_FACTOR
    return score


@functools.lru_cache(maxsize=512)
def _indexed(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[frozenset[str], ...]]:
    """Sentence spans of a passage and their terms (cached: answers cite passages repeatedly)."""
    sentences = split_sentences(text)
    spans = tuple((s.start, s.end) for s in sentences)
    found = tuple(
        frozenset() if _INSTRUCTION_RE.search(s.text) else frozenset(terms(s.text))
        for s in sentences
    )
    return spans, found


def best_support(claim: str, passage_text: str) -> Support | None:
    """The passage sentence (or adjacent pair) that best supports `claim`, or None."""
    claim_terms = terms(claim)
    critical = critical_terms(claim)
    if not claim_terms:
        return None
    sentences, sent_terms = _indexed(passage_text)
    if not sentences:
        return None
    best: tuple[float, float, int] | None = None  # (score, precision, index)
    for i, found in enumerate(sent_terms):
        score = _coverage(claim_terms, found, critical)
        precision = len(found & claim_terms.keys()) / max(len(found), 1)
        if best is None or (score, precision) > best[:2]:
            best = (score, precision, i)
    assert best is not None
    score, _, index = best
    if score <= 0:
        return None
    start, end = sentences[index]
    for i in range(len(sentences) - 1):
        if not (critical <= sent_terms[i] or critical <= sent_terms[i + 1]):
            continue
        pair = _coverage(claim_terms, sent_terms[i] | sent_terms[i + 1], critical)
        if pair >= score + PAIR_BONUS:
            score, start, end = pair, sentences[i][0], sentences[i + 1][1]
    return Support(score=score, start=start, end=end)


def _claim_before(text: str, pos: int) -> str:
    """The claim a marker at `pos` is attached to (markers removed)."""
    segment = text[text.rfind("\n", 0, pos) + 1 : pos]
    sentences = split_sentences(strip_markers(segment))
    if not sentences:
        return ""
    sentence = sentences[-1].text
    # "A [1], and B [2]": B alone is the claim of [2] when it says enough by itself.
    markers = list(MARKER_RE.finditer(segment))
    if markers:
        clause = segment[markers[-1].end() :].strip(" \t,;:.!?")
        if (
            clause
            and len(clause) < len(sentence)
            and sentence.rstrip(" .!?").endswith(clause)
            and len(terms(clause)) >= MIN_CLAUSE_TERMS
        ):
            return clause
    return sentence


def _tidy_removal(out: list[str], following: str) -> None:
    """Drop the spaces before a removed marker when punctuation, a space or a marker follows."""
    if following and following[0] not in ".,;:!?)[" and not following[0].isspace():
        return
    while out and not out[-1].strip(" \t"):
        out.pop()
    if out:
        out[-1] = out[-1].rstrip(" \t")


def strip_markers(text: str) -> str:
    """The text with every citation-like marker removed and spacing tidied."""
    out: list[str] = []
    pos = 0
    for match in MARKER_RE.finditer(text):
        out.append(text[pos : match.start()])
        _tidy_removal(out, text[match.end() :])
        pos = match.end()
    out.append(text[pos:])
    return "".join(out).strip()


def verify(
    text: str,
    passages: Sequence[Passage],
    *,
    min_support: float = DEFAULT_MIN_SUPPORT,
) -> tuple[str, list[Citation]]:
    """The answer with only supported markers (renumbered 1..m) and their citations."""
    numbering: dict[tuple[int, int, int], int] = {}
    citations: list[Citation] = []
    out: list[str] = []
    pos = 0
    previous_end = -1  # end of the previous marker, to merge "[1][1]" into "[1]"
    run_numbers: set[int] = set()
    dropped = 0
    for match in MARKER_RE.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        if previous_end < 0 or text[previous_end : match.start()].strip():
            run_numbers = set()
        previous_end = match.end()
        claim = _claim_before(text, match.start())
        kept: list[int] = []
        for n in dict.fromkeys(parse_marker(match.group())):
            if not 1 <= n <= len(passages):
                dropped += 1
                continue
            passage = passages[n - 1]
            support = best_support(claim, passage.text)
            if support is None or support.score < min_support:
                dropped += 1
                continue
            key = (n - 1, support.start, support.end)
            if key not in numbering:
                numbering[key] = len(citations) + 1
                citations.append(_citation(numbering[key], passage, support))
            number = numbering[key]
            if number not in kept and number not in run_numbers:
                kept.append(number)
        if kept:
            out.append("".join(f"[{k}]" for k in kept))
            run_numbers.update(kept)
        else:
            _tidy_removal(out, text[match.end() :])
    out.append(text[pos:])
    if dropped:
        logger.info("citations dropped=%d kept=%d", dropped, len(citations))
    return "".join(out).strip(), citations


def _citation(number: int, passage: Passage, support: Support) -> Citation:
    quote = passage.text[support.start : support.end]
    return Citation.from_passage(
        number, passage, quote, passage.start + support.start, support.score
    )
