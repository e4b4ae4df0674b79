"""Byte-level checks before any format runs: size limit, binary content, UTF-8."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final

from index.formats.base import ArticleError, normalise_newlines

_BINARY_SNIFF_BYTES: Final = 8192
_SKIP_PIECE: Final = 1 << 20  # bytes read at a time while skipping an over-long line
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BINARY_REASON: Final = (
    "file is binary (it contains NUL bytes), not text; remove it or convert it to UTF-8 text"
)
_HTML_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_document(path: Path, max_bytes: int, *, html: bool = False) -> str:
    """The file as text with LF line ends; ArticleError if too big, empty, binary or not UTF-8.

    HTML may declare another encoding in a <meta charset>: that is honoured when the
    bytes are not UTF-8. At most `max_bytes + 1` bytes are read, whatever the file
    claims its size is.
    """
    with open_regular(path) as handle:
        _check_size(os.fstat(handle.fileno()).st_size, max_bytes)
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    _check_size(len(data), max_bytes)  # a file that grew while being read
    return decode_document(data, html=html)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file; ArticleError otherwise.

    Opened non-blocking and checked on the open handle: opening a FIFO blindly waits
    for a writer forever, and a device (/dev/zero) never ends. Symlinks are followed
    (the caller decides which links it accepts).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if os.path.islink(path):
            target = os.readlink(path)
            raise ArticleError(
                f"broken symlink (its target {target} does not exist); fix or remove it"
            ) from None
        raise ArticleError("no such file; check the path") from None
    except OSError as exc:
        raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ArticleError(
            f"not a regular file (a {_kind(mode)}); only regular files are read, "
            "remove it from the folder"
        )
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special file"


def _check_size(size: int, max_bytes: int) -> None:
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
    with open_regular(path) as handle:
        try:
            head = handle.read(_BINARY_SNIFF_BYTES)
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


def iter_raw_lines(path: Path, max_line_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(1-based line number, bytes, length) of a file, read as a stream.

    A line longer than `max_line_bytes` comes back as (number, None, its length): it is
    skipped in pieces, never held in memory whole.
    """
    with open_regular(path) as handle:
        number = 0
        while True:
            raw = handle.readline(max_line_bytes + 1)
            if not raw:
                return
            number += 1
            if len(raw) <= max_line_bytes or raw.endswith(b"\n"):
                yield number, raw, len(raw)
                continue
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(_SKIP_PIECE)
                size += len(raw)
            yield number, None, size


def _utf8_reason(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}); re-save the file as UTF-8"


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return None if name in {"utf-8", "utf8"} else name
