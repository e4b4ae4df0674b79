"""Article files -> `Article`s, with every bad file or record reported as a `ParseFailure`.

Entry points: `iter_article_files` (which files a set of paths means), `parse_file`,
`parse_paths` (many files; never raises for bad input) and `parse_pasted_text`.

Decisions a caller can rely on:
- `Article.path` is the file's absolute path as named (``Path.absolute()``: symlinks are
  not resolved, so paths stay under the folders given), plus ``:LINE`` for a .jsonl record
  and ``[INDEX]`` (0-based) for a record of a JSON list; pasted text has ``<pasted>``.
  Path-based ids hash the real path (symlinks resolved) instead.
- Ids: see `index.ids`. Two articles with the same id in one call (the same URL twice, a
  repeated record id): the first (in file order) wins, the others are failures.
- An unparseable date makes the article a failure (reported and skipped, like every bad
  input); a missing date is fine and stays None.
- `max_file_bytes` limits each file, except .jsonl, which is streamed and limited per line.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

from index.dates import date_note, parse_published
from index.formats.base import ArticleError, Draft, Origin, clean_line, finish_article
from index.formats.html import parse_html
from index.formats.markdown import parse_markdown
from index.formats.reading import read_document
from index.formats.records import iter_json, iter_jsonl
from index.formats.text import parse_text, split_text
from index.ids import id_from_content, id_from_url
from index.models import Article, ParseFailure, ParseResult

logger = logging.getLogger(__name__)

DEFAULT_MAX_FILE_BYTES: Final = 20_000_000
PASTED_PATH: Final = "<pasted>"
_DOCUMENT_PARSERS: Final[dict[str, Callable[[str], Draft]]] = {
    ".txt": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset({*_DOCUMENT_PARSERS, ".json", ".jsonl"})


def iter_article_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files named in `paths` (as given, whatever their type) and supported files in folders.

    Folders are walked recursively in sorted order; hidden files and folders (".name")
    and unsupported suffixes are skipped there silently, and so are symlinks that lead
    out of the folder (`parse_paths` reports those). Each file is yielded once.
    A path that does not exist is yielded too, so that parsing reports it.
    """
    for entry in _iter_entries(paths):
        if isinstance(entry, Path):
            yield entry


def _iter_entries(paths: Iterable[Path | str]) -> Iterator[Path | ParseFailure]:
    """Like `iter_article_files`, plus a failure for each symlink skipped in a folder."""
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates, skipped = _walk(path)
            yield from skipped
        else:
            candidates = [path]
        for candidate in candidates:
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                yield candidate


def parse_file(path: Path, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> ParseResult:
    """All articles of one file; problems come back as failures, never as exceptions."""
    return _parse_file(Path(path), max_file_bytes, {})


def parse_paths(
    paths: Iterable[Path | str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> ParseResult:
    """Parse every file `iter_article_files(paths)` yields; ids are unique across the result."""
    started = time.perf_counter()
    result = ParseResult()
    seen: dict[str, str] = {}
    files = 0
    for entry in _iter_entries(paths):
        if isinstance(entry, ParseFailure):
            result.failures.append(entry)
            continue
        files += 1
        result.extend(_parse_file(entry, max_file_bytes, seen))
    logger.info(
        "parsed files=%d articles=%d failures=%d seconds=%.2f",
        files,
        len(result.articles),
        len(result.failures),
        time.perf_counter() - started,
    )
    return result


def parse_pasted_text(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    """An article from text pasted by a user; ValueError with a clear message if unusable.

    Without `title`, the text is read like a scraped .txt (first short line = title,
    byline -> authors, boilerplate dropped). Id: from `url` when given, else a hash of the
    whitespace-normalised text, so pasting the same text twice gives the same article.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("the pasted text is empty; paste the article's text")
    given_title = clean_line(title or "")
    body = text
    if given_title:
        lines = text.strip().splitlines()
        if lines and clean_line(lines[0]) == given_title:
            body = "\n".join(lines[1:])
        body = f"{given_title}\n\n{body}"
    parts = split_text(body)
    if not parts.text:
        raise ValueError(
            "the pasted text has no article text (only a title or page boilerplate); "
            "paste the article's body"
        )
    clean_url = (url or "").strip() or None
    draft = Draft(
        text=parts.text,
        title=given_title or parts.title,
        url=clean_url,
        source=source,
        authors=parts.authors,
        # An explicit date wins over a "Published ..." line found in the text.
        published=parse_published(published) or parts.published,  # ValueError names the value
        explicit_id=id_from_url(clean_url) if clean_url else id_from_content(text),
    )
    try:
        return finish_article(draft, Origin(label=PASTED_PATH, resolved=PASTED_PATH))
    except ArticleError as exc:
        raise ValueError(str(exc)) from None


def _walk(folder: Path) -> tuple[list[Path], list[ParseFailure]]:
    """Supported files under `folder`, and the symlinks that lead out of it (skipped:
    a link inside the folder being indexed must not pull in /etc/passwd)."""
    found: list[Path] = []
    skipped: list[ParseFailure] = []
    inside = os.path.realpath(folder)
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in dirnames:  # os.walk does not descend into linked folders; say so
            link = Path(root, name)
            if link.is_symlink() and not _within(os.path.realpath(link), inside):
                skipped.append(ParseFailure(str(link.absolute()), _outside(link)))
        for name in filenames:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            path = Path(root, name)
            if path.is_symlink() and not _within(os.path.realpath(path), inside):
                skipped.append(ParseFailure(str(path.absolute()), _outside(path)))
                continue
            found.append(path)
    return sorted(found), skipped


def link_out_of(path: Path, folder: Path) -> ParseFailure | None:
    """A failure when `path` is a symlink leading out of `folder` (for watchers that
    name changed files one by one), else None."""
    if path.is_symlink() and not _within(os.path.realpath(path), os.path.realpath(folder)):
        return ParseFailure(str(path.absolute()), _outside(path))
    return None


def _within(real: str, folder: str) -> bool:
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def _outside(link: Path) -> str:
    return (
        f"symlink to {os.path.realpath(link)}, outside the folder being indexed: skipped "
        "(name the file itself on the command line to index it)"
    )


def _parse_file(path: Path, max_file_bytes: int, seen: dict[str, str]) -> ParseResult:
    result = ParseResult()
    # Ids hash the real file (symlinks resolved); paths shown and stored stay as the user
    # named them, made absolute, so that they line up with the folders given (prune).
    shown = str(path.absolute())
    resolved = os.path.realpath(path)
    suffix = path.suffix.lower()
    try:
        if path.is_dir():
            raise ArticleError("is a folder; pass it to parse_paths to parse the files inside")
        if not os.path.lexists(path):
            raise ArticleError("no such file or folder; check the path")
        if suffix == ".jsonl":
            drafts: Iterable[tuple[Origin, int | None, Draft | ArticleError]] = (
                (Origin(f"{shown}:{n}", resolved, str(n)), n, d)
                for n, d in iter_jsonl(path, max_file_bytes)
            )
        elif suffix == ".json":
            content = read_document(path, max_file_bytes)
            drafts = ((_json_origin(shown, resolved, i), None, d) for i, d in iter_json(content))
        elif suffix in _DOCUMENT_PARSERS:
            content = read_document(path, max_file_bytes, html=suffix in (".html", ".htm"))
            drafts = [(Origin(shown, resolved), None, _DOCUMENT_PARSERS[suffix](content))]
        else:
            raise ArticleError(_unsupported(suffix))
        for origin, line, draft in drafts:
            _add(result, draft, origin, shown, line, seen)
    except ArticleError as exc:
        result.failures.append(ParseFailure(shown, str(exc)))
    except Exception as exc:  # a parser bug must not stop the run; keep the traceback in logs
        logger.exception("parser crashed path=%s", shown)
        result.failures.append(ParseFailure(shown, _internal_error(exc)))
    return result


def _add(
    result: ParseResult,
    draft: Draft | ArticleError,
    origin: Origin,
    shown: str,
    line: int | None,
    seen: dict[str, str],
) -> None:
    try:
        if isinstance(draft, ArticleError):
            raise draft
        article = finish_article(draft, origin)
    except ArticleError as exc:
        result.failures.append(ParseFailure(_failure_path(shown, origin), str(exc), line))
        return
    except Exception as exc:  # one odd record must not cost the rest of its file
        logger.exception("parser crashed path=%s line=%s", shown, line)
        result.failures.append(
            ParseFailure(_failure_path(shown, origin), _internal_error(exc), line)
        )
        return
    first = seen.get(article.id)
    if first is not None:
        result.failures.append(
            ParseFailure(
                _failure_path(shown, origin),
                f"duplicate id {article.id!r} (same id or URL as {first}); remove the "
                "duplicate or give it its own id",
                line,
            )
        )
        return
    seen[article.id] = article.path
    result.articles.append(article)
    note = date_note(draft.published)
    if note is not None:
        result.notes.append(ParseFailure(_failure_path(shown, origin), note, line))


def _json_origin(shown: str, resolved: str, index: int | None) -> Origin:
    if index is None:
        return Origin(shown, resolved)
    return Origin(f"{shown}[{index}]", resolved, f"[{index}]")


def _failure_path(shown: str, origin: Origin) -> str:
    # A JSON list record keeps its index in the path (lines are for .jsonl).
    return origin.label if origin.record and origin.record.startswith("[") else shown


def _internal_error(exc: Exception) -> str:
    return f"internal error while parsing ({type(exc).__name__}: {exc}); please report it"


def _unsupported(suffix: str) -> str:
    kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
    shown = f"'{suffix}'" if suffix else "(no suffix)"
    return f"unsupported file type {shown}; supported: {kinds}. Convert the file or leave it out"
