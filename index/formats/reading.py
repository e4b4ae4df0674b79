"""Byte-level checks before any format runs: size limit, binary content, UTF-8."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from index.formats.base import ArticleError, normalise_newlines

_BINARY_SNIFF_BYTES: Final = 8192
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BINARY_REASON: Final = (
    "file is binary (it contains NUL bytes), not text; remove it or convert it to UTF-8 text"
)
_HTML_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_document(path: Path, max_bytes: int, *, html: bool = False) -> str:
    """The file as text with LF line ends; ArticleError if too big, empty, binary or not UTF-8.

    HTML may declare another encoding in a <meta charset>: that is honoured when the
    bytes are not UTF-8.
    """
    check_size(path, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    return decode_document(data, html=html)


def check_size(path: Path, max_bytes: int) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError("no such file; check the path") from None
    except OSError as exc:
        raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise ArticleError(
            f"file is {size:,} bytes, over the limit of {max_bytes:,}; split it into smaller "
            "files (or .jsonl, which is read one line at a time) or raise max_file_bytes "
            "(NEWSDESK_MAX_FILE_BYTES)"
        )


def decode_document(data: bytes, *, html: bool = False) -> str:
    if not data.strip():
        raise ArticleError("file is empty; add the article text or remove the file")
    if data.startswith(_UTF16_BOMS):  # Windows "Unicode" text: the BOM says how to read it
        try:
            return _checked_text(normalise_newlines(data.decode("utf-16")))
        except UnicodeDecodeError:
            raise ArticleError(
                "not valid UTF-16 despite its byte order mark; re-save as UTF-8"
            ) from None
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise ArticleError(_BINARY_REASON)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data) if html else None
        if declared is None:
            raise ArticleError(_utf8_reason(exc)) from None
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            raise ArticleError(
                f"{_utf8_reason(exc)} (nor valid in its declared charset {declared!r})"
            ) from None
    return _checked_text(normalise_newlines(text))


def _checked_text(text: str) -> str:
    if not text.strip():
        raise ArticleError("file is empty; add the article text or remove the file")
    return text


def check_not_binary(path: Path) -> None:
    """ArticleError when the start of `path` holds NUL bytes (or it cannot be read)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_BINARY_SNIFF_BYTES)
    except FileNotFoundError:
        raise ArticleError("no such file; check the path") from None
    except OSError as exc:
        raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    if head.startswith(_UTF16_BOMS):
        raise ArticleError("file is UTF-16 text; re-save it as UTF-8, one JSON object per line")
    if b"\x00" in head:
        raise ArticleError(_BINARY_REASON)


def decode_line(raw: bytes) -> str:
    """One line of a .jsonl file (BOM and CR stripped), or ArticleError for bad UTF-8."""
    if b"\x00" in raw:
        raise ArticleError("line contains NUL bytes (binary data); fix or remove the line")
    try:
        return raw.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise ArticleError(_utf8_reason(exc)) from None


def iter_raw_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, bytes) of a file, read as a stream so size does not matter."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise ArticleError("no such file; check the path") from None
    except OSError as exc:
        raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    with handle:
        yield from enumerate(handle, start=1)


def _utf8_reason(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}); re-save the file as UTF-8"


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return None if name in {"utf-8", "utf8"} else name
