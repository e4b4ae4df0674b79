"""Article records: .json (one object, a list, or {"articles": [...]}) and .jsonl (one per line).

Field names accepted (the first present, non-empty one wins):
title: title, headline · text: text, body, content, article, maintext (a string, or a
list of paragraph strings) · url: url, link, canonical_url · published: published,
published_at, publish_date, date, pubDate, publishedAt, datePublished, date_publish ·
authors: authors, author, byline, creator (a string, a list of strings, or objects with
"name") · source: source, outlet, site_name, sitename, publisher (a string or an object
with "name") · id. Unknown fields are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from index.formats.base import ArticleError, Draft, normalise_authors, normalise_newlines
from index.formats.reading import check_not_binary, decode_line, iter_raw_lines

TITLE_FIELDS: Final = ("title", "headline")
TEXT_FIELDS: Final = ("text", "body", "content", "article", "maintext")
URL_FIELDS: Final = ("url", "link", "canonical_url")
DATE_FIELDS: Final = (
    "published",
    "published_at",
    "publish_date",
    "date",
    "pubDate",
    "publishedAt",
    "datePublished",
    "date_publish",
)
AUTHOR_FIELDS: Final = ("authors", "author", "byline", "creator")
SOURCE_FIELDS: Final = ("source", "outlet", "site_name", "sitename", "publisher")
LIST_FIELDS: Final = ("articles", "items", "records", "data")


def draft_from_record(record: dict[str, object], *, where: str = "record") -> Draft:
    """A draft from one record; ArticleError (naming the field) when it has no usable text."""
    text_field, text_value = _first(record, TEXT_FIELDS)
    if text_field is None:
        raise ArticleError(
            f"{where} has no text: none of the fields {', '.join(TEXT_FIELDS)} has a value; "
            "put the article body under 'text'"
        )
    text = _as_text(text_value, text_field, where)
    if not text.strip():
        raise ArticleError(f"{where} field '{text_field}' is empty; add the article body")
    date_field, date_value = _first(record, DATE_FIELDS)
    return Draft(
        text=text,
        title=_scalar_text(_first(record, TITLE_FIELDS)[1]),
        url=_scalar_text(_first(record, URL_FIELDS)[1]),
        source=_source_name(_first(record, SOURCE_FIELDS)[1]),
        authors=normalise_authors(_first(record, AUTHOR_FIELDS)[1]),
        published=date_value,
        published_field=date_field or "published",
        explicit_id=record.get("id"),
    )


def iter_jsonl(path: Path, max_line_bytes: int) -> Iterator[tuple[int, Draft | ArticleError]]:
    """(line number, draft or the reason that line failed) for each non-blank line.

    Read as a stream: the size limit applies to each line, not to the whole file.
    File-level problems (missing, unreadable) raise ArticleError instead.
    """
    check_not_binary(path)
    empty = True
    for number, raw, size in iter_raw_lines(path, max_line_bytes):
        if raw is not None and not raw.strip():
            continue
        empty = False
        if raw is None or size > max_line_bytes:
            yield (
                number,
                ArticleError(
                    f"line is {size:,} bytes, over the limit of {max_line_bytes:,}; shorten "
                    "the record or raise max_file_bytes (NEWSDESK_MAX_FILE_BYTES)"
                ),
            )
            continue
        try:
            yield number, _record_draft(_loads(decode_line(raw)), "record")
        except json.JSONDecodeError as exc:
            yield (
                number,
                ArticleError(
                    f"invalid JSON at column {exc.colno}: {exc.msg}; fix or remove this line "
                    "(each line must be one complete JSON object)"
                ),
            )
        except ArticleError as exc:
            yield number, exc
    if empty:
        raise ArticleError("file is empty; add one JSON article object per line or remove it")


def iter_json(content: str) -> Iterator[tuple[int | None, Draft | ArticleError]]:
    """(record index or None for a single object, draft or failure) for a .json document."""
    try:
        data = _loads(content)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}; fix the file "
            "(or use .jsonl with one article per line so one bad record does not hide the rest)"
        ) from None
    if isinstance(data, dict):
        nested = next((data[k] for k in LIST_FIELDS if isinstance(data.get(k), list)), None)
        if nested is None or _first(data, TEXT_FIELDS)[0] is not None:
            yield None, _safe_draft(data, "record")
            return
        data = nested
    if not isinstance(data, list):
        raise ArticleError(
            f"the JSON document is a {_json_type(data)}; expected an article object or a "
            "list of article objects"
        )
    if not data:
        raise ArticleError("the JSON list is empty; add article objects or remove the file")
    for index, item in enumerate(data):
        yield index, _safe_draft(item, f"record [{index}]")


def _loads(text: str) -> object:
    """json.loads, with nesting too deep for the parser as a reportable error."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ArticleError(
            "JSON nested too deeply to read (thousands of levels of [ or {); fix or remove it"
        ) from None


def _safe_draft(item: object, where: str) -> Draft | ArticleError:
    try:
        return _record_draft(item, where)
    except ArticleError as exc:
        return exc


def _record_draft(item: object, where: str) -> Draft:
    if not isinstance(item, dict):
        raise ArticleError(
            f"{where} is a JSON {_json_type(item)}, not an object; each article must be "
            '{"title": ..., "text": ...}'
        )
    return draft_from_record(item, where=where)


def _first(record: dict[str, object], names: tuple[str, ...]) -> tuple[str | None, object]:
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, str | list | dict) and not value:
            continue
        return name, value
    return None, None


def _as_text(value: object, field: str, where: str) -> str:
    if isinstance(value, str):
        return normalise_newlines(value).strip()
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return "\n\n".join(normalise_newlines(p).strip() for p in value if p.strip())
    raise ArticleError(
        f"{where} field '{field}' must be a string (or a list of paragraph strings), "
        f"got a JSON {_json_type(value)}"
    )


def _scalar_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _source_name(value: object) -> str | None:
    if isinstance(value, dict):  # NewsAPI: {"id": "cnn", "name": "CNN"}
        value = value.get("name") or value.get("id")
    return value if isinstance(value, str) else None


def _json_type(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
