"""Markdown articles (.md, .markdown) with optional YAML (---) or TOML (+++) front matter.

Front matter keys: title, source (or outlet/site_name), url (or link), published (or date
and the other record date names), author/authors, id. The body is converted to plain
text (links -> their text, images and HTML comments dropped, heading and emphasis
markers removed) so that chunks and quoted citations read like prose. Without a title
in the front matter a leading "# Heading" (or a setext heading) is the title.
"""

from __future__ import annotations

import re
import tomllib
from typing import Final

from index.formats.base import ArticleError, Draft, clean_line
from index.formats.records import draft_from_record

_FRONT_MATTER: Final = re.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?:(?P<body>.*?)\n)?(?P=fence)[ \t]*(?:\n|\Z)", re.DOTALL
)
_ATX_HEADING: Final = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
_IMAGE: Final = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK: Final = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK: Final = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF: Final = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_COMMENT: Final = re.compile(r"<!--.*?-->", re.DOTALL)
_STRONG: Final = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS: Final = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_CODE: Final = re.compile(r"`([^`\n]+)`")
_BLOCK_START: Final = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|>|\|)")


def parse_markdown(content: str) -> Draft:
    meta, body = split_front_matter(content)
    title_value = meta.get("title")
    title = title_value.strip() if isinstance(title_value, str) and title_value.strip() else None
    heading, body = _take_heading(body)
    if title is None:
        title = heading
    elif heading is not None and clean_line(heading) != clean_line(title):
        body = f"{heading}\n\n{body}"  # a heading that is not the title is part of the text
    text = to_plain_text(body)
    if not text:
        raise ArticleError("no article text below the front matter / heading; add the body")
    fields: dict[str, object] = {**meta, "text": text}
    fields.pop("body", None)
    fields.pop("content", None)
    if title is not None:
        fields["title"] = title
    return draft_from_record(fields, where="front matter")


def split_front_matter(content: str) -> tuple[dict[str, object], str]:
    """(front matter mapping, body); ({}, content) without front matter."""
    match = _FRONT_MATTER.match(content)
    if match is None:
        return {}, content
    raw = match.group("body") or ""
    import yaml  # (~30 ms of a cold start: loaded for front matter only)

    try:
        meta = tomllib.loads(raw) if match.group("fence") == "+++" else yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 2}" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(
            f"front matter is not valid YAML{line}: {problem}; fix the block between the "
            "--- lines (quote values that contain ':')"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ArticleError(f"front matter is not valid TOML: {exc}; fix the +++ block") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(
            "front matter must be key: value pairs (a mapping), got "
            f"{type(meta).__name__}; write e.g. 'title: ...'"
        )
    return {str(k): v for k, v in meta.items()}, content[match.end() :]


def to_plain_text(body: str) -> str:
    text = _COMMENT.sub("", body)
    text = _LINK_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    lines = []
    for line in text.split("\n"):
        heading = _ATX_HEADING.match(line)
        lines.append(heading.group(1) if heading else line)
    text = "\n".join(lines)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    paragraphs = (_unwrap(p) for p in re.split(r"\n[ \t]*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _unwrap(paragraph: str) -> str:
    """Soft-wrapped lines of a paragraph -> one line (Markdown reads a single newline as a
    space); list items, quotes and table rows keep their own lines."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if out and not _BLOCK_START.match(stripped):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
    return "\n".join(out)


def _take_heading(body: str) -> tuple[str | None, str]:
    """A leading level-1 heading ("# Title" or "Title" over "====") and the rest of the body."""
    lines = body.lstrip("\n").split("\n")
    if not lines:
        return None, body
    first = lines[0]
    if first.startswith("# "):
        match = _ATX_HEADING.match(first)
        if match and match.group(1):
            return to_plain_text(match.group(1)), "\n".join(lines[1:])
    if len(lines) > 1 and first.strip() and re.fullmatch(r"=+[ \t]*", lines[1]):
        return to_plain_text(first.strip()), "\n".join(lines[2:])
    return None, body
