"""Split an article into token-bounded, sentence-aligned chunks with character offsets.

Sentences come from a fast rule-based splitter (line breaks, then end punctuation
followed by a capitalised or numeric start, skipping common abbreviations and
initials). Sentences are packed greedily up to `max_tokens` cl100k tokens; each new
chunk repeats the previous chunk's trailing whole sentences that fit in `overlap`
tokens. A sentence longer than `max_tokens` is cut into token windows. Every chunk
is checked with the real tokenizer, so the bound holds for any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.models import Article, Chunk
from index.tokens import encoding

# End punctuation plus closing quotes/brackets, followed by whitespace and what looks
# like the start of a new sentence.
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"(\S+)$")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev hon pres
    inc co corp ltd llc bros dept est fig no nos vol vs etc approx
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    u.s u.k u.n e.g i.e a.m p.m d.c n.y l.a ft mt""".split()  # noqa: SIM905
)


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the period at text[end] closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, end - 40), end)
    if match is None:
        return False
    word = match.group(1).lstrip("\"'(\u201c\u2018[").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. K. Rowling"
    return word in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for match in _SENTENCE_END.finditer(text, line.start(), line.end()):
            if text[match.start()] == "." and _is_abbreviation(text, match.start()):
                continue
            spans.extend(_trimmed(text, start, match.end()))
            start = match.end()
        spans.extend(_trimmed(text, start, line.end()))
    return spans


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield (start, end)


def _token_windows(text: str, start: int, end: int, max_tokens: int) -> list[tuple[int, int]]:
    """Cut text[start:end] into spans of at most `max_tokens` tokens each."""
    enc = encoding()
    tokens = enc.encode_ordinary(text[start:end])
    # Character offset where each token starts (a token may end inside a character;
    # we then cut before that character, which only shortens the window).
    byte_ends: list[int] = []
    total = 0
    for token in tokens:
        total += len(enc.decode_single_token_bytes(token))
        byte_ends.append(total)
    raw = text[start:end].encode("utf-8")
    windows: list[tuple[int, int]] = []
    pos_byte = 0
    pos_char = start
    index = 0
    while index < len(tokens):
        stop = min(index + max_tokens, len(tokens))
        cut_byte = byte_ends[stop - 1]
        cut_char = start + len(raw[:cut_byte].decode("utf-8", errors="ignore"))
        if cut_char <= pos_char:  # window ends inside the first character: take it whole
            cut_char = pos_char + 1
        for piece in _trimmed(text, pos_char, cut_char):
            windows.extend(_fit(text, piece[0], piece[1], max_tokens))
        pos_char = cut_char
        pos_byte = len(text[start:pos_char].encode("utf-8"))
        index = next((i for i, b in enumerate(byte_ends) if b > pos_byte), len(tokens))
    return windows


def _fit(text: str, start: int, end: int, max_tokens: int) -> list[tuple[int, int]]:
    """Shrink a span from the right until the real token count fits (rarely needed)."""
    enc = encoding()
    out: list[tuple[int, int]] = []
    while start < end:
        stop = end
        while stop > start + 1 and len(enc.encode_ordinary(text[start:stop])) > max_tokens:
            stop -= max(1, (stop - start) // 8)
        out.extend(_trimmed(text, start, stop))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    return out


def chunk_article(article: Article, *, max_tokens: int = 256, overlap: int = 32) -> list[Chunk]:
    """Chunks of `article.text` with ``article.text[chunk.start:chunk.end] == chunk.text``."""
    if max_tokens < 4:
        # One character can take up to 4 tokens (one per UTF-8 byte).
        raise ValueError(f"max_tokens must be >= 4, got {max_tokens}")
    if overlap < 0 or overlap >= max_tokens:
        raise ValueError(f"overlap must be in [0, max_tokens), got {overlap}")
    text = article.text
    spans, counts = _bounded_sentences(text, max_tokens)
    if not spans:
        return []
    enc = encoding()
    chunks: list[Chunk] = []
    first = 0
    while first < len(spans):
        last = _pack(text, spans, counts, first, max_tokens)
        start, end = spans[first][0], spans[last][1]
        # The estimate is nearly always exact; the real count decides.
        while last > first and len(enc.encode_ordinary(text[start:end])) > max_tokens:
            last -= 1
            end = spans[last][1]
        chunks.append(Chunk(article.id, len(chunks), text[start:end], start, end))
        if last == len(spans) - 1:
            break
        first = _overlap_start(spans, counts, first, last, overlap, max_tokens)
    return chunks


def _bounded_sentences(text: str, max_tokens: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence spans and their token counts, over-long sentences cut into windows."""
    enc = encoding()
    spans: list[tuple[int, int]] = []
    counts: list[int] = []
    for start, end in sentence_spans(text):
        count = len(enc.encode_ordinary(text[start:end]))
        if count <= max_tokens:
            spans.append((start, end))
            counts.append(count)
            continue
        for window in _token_windows(text, start, end, max_tokens):
            spans.append(window)
            counts.append(len(enc.encode_ordinary(text[window[0] : window[1]])))
    return spans, counts


def _gap_cost(text: str, end: int, start: int) -> int:
    return 1 if "\n" in text[end:start] else 0


def _pack(
    text: str, spans: list[tuple[int, int]], counts: list[int], first: int, max_tokens: int
) -> int:
    """Index of the last sentence that fits in a chunk starting at `first`."""
    used = counts[first]
    last = first
    while last + 1 < len(spans):
        cost = counts[last + 1] + _gap_cost(text, spans[last][1], spans[last + 1][0])
        if used + cost > max_tokens:
            break
        used += cost
        last += 1
    return last


def _overlap_start(
    spans: list[tuple[int, int]],
    counts: list[int],
    first: int,
    last: int,
    overlap: int,
    max_tokens: int,
) -> int:
    """First sentence of the next chunk: trailing sentences of this one within `overlap`."""
    nxt = last + 1
    begin = nxt
    used = 0
    while begin - 1 > first and used + counts[begin - 1] <= overlap:
        begin -= 1
        used += counts[begin]
    # The next chunk must still take its first new sentence.
    while begin < nxt and used + counts[nxt] > max_tokens:
        used -= counts[begin]
        begin += 1
    return begin


def indexed_text(title: str, chunk_text: str) -> str:
    """What gets embedded and BM25-indexed for a chunk."""
    return f"{title}\n{chunk_text}" if title else chunk_text
