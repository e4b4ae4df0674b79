"""Scraped plain-text articles (.txt).

Layout expected (the seed article): the first non-empty line is the title; a few header
lines follow (photo caption, "By NAME" byline, "4 Min Read"); then the body; page chrome
("Share This Article", "Advertisement", "Read more") may be anywhere. Bylines become
authors, chrome and captions are dropped, paragraphs are kept (blank-line separated).

Only whole lines are ever dropped, and only lines that match a pattern below: a body
sentence that merely mentions "Getty Images" or starts with "By the end of" stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from index.dates import parse_published
from index.formats.base import MAX_TITLE_CHARS, ArticleError, Draft, clean_line

# Lines after the title in which a byline or caption is looked for.
HEADER_LINES: Final = 6

_CHROME: Final = re.compile(
    r"""^(?:
        \d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read
      | (?:\d+\s*)?min(?:ute)?s?\s+read
      | share\s+(?:this|the)\s+(?:article|story|post|page)
      | share(?:\s+on\s+\w+)?
      | (?:facebook|twitter|linkedin|email|whatsapp|print)(?:\s*[|·•/]\s*\w+)*
      | advertisement|advertising|sponsored(?:\s+content)?|ad
      | story\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?
      | continue\s+reading(?:\s+below)?
      | read\s+more(?:\s*:.*)?
      | read\s+the\s+full\s+(?:article|story)
      | (?:related|recommended|more\s+from\s+\w+)(?:\s+(?:articles?|stories|reading|content))?\s*:?
      | skip\s+to\s+(?:main\s+)?content
      | (?:click|tap)\s+(?:here|to)\b.{0,60}
      | (?:sign\s+up|subscribe)(?:\s+(?:now|today|here))?(?:\s+(?:to|for)\s+(?:our|the)\s.{0,60})?
      | (?:©|\(c\)|copyright)\s.{0,120}
      | all\s+rights\s+reserved\.?
      | (?:getty\s+images|shutterstock|ap\s+photo|reuters|afp)
    )\s*\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Photo agencies; the acronyms are matched case-sensitively ("(Apple)", "(APPLAUSE)" are not).
_AGENCY: Final = (
    r"(?:Getty\s+Images|Shutterstock|Reuters|Bloomberg|Alamy|iStock\w*"
    r"|(?-i:AP|AFP|EPA(?:-EFE)?|PA(?:\s+Images|\s+Wire)?)(?:\s+Photo)?)\b"
)
# A caption ends with a photo credit: "(AP Photo/Name)", "(Photo by Name/Getty Images)",
# "(Reuters)", "Name/Getty Images", "via Getty Images", "Photo: Reuters". A body sentence
# ending in "(EPA)" or "(one photo showed ...)" is not one.
_PAREN_AT_END: Final = re.compile(r"\(([^()]{1,120})\)\s*\.?$")
_CREDIT_IN_PARENS: Final = re.compile(
    rf"""^\s*(?:
        (?:Getty\s+Images|Reuters|Shutterstock|Bloomberg|Alamy)\b
      | (?-i:AP|AFP|EPA|PA)(?:\s+Photo\b|\s*/|\s+via\b|\s*,)
      | (?:file\s+)?(?:photo|photograph|image|picture)s?(?:\s*(?:by|credit|courtesy)\b|\s*[:/]|\s*$)
      | .*?(?:/|\bvia\s+){_AGENCY}
      | file\s+photo
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION: Final = re.compile(
    rf"""(?:
        ^(?:photo|photograph|image|picture)(?:\s+credit)?\s*[:|]
      | (?:/|\||\bvia\s+|\bphoto(?:graph)?\s*(?:by|:)?\s+|\bcredit\s*:?\s+)
        {_AGENCY}(?:\s+for\s+[\w ]{{1,40}})?(?:\s+Prev\s+Next)?\s*\.?$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_DATELINE: Final = re.compile(
    r"^(?P<kind>published|updated|posted|last\s+updated)(?:\s+on)?\s*:?\s+(?P<date>.+)$",
    re.IGNORECASE,
)
_BYLINE: Final = re.compile(r"^by\s*:?\s+(.+)$", re.IGNORECASE)
_NAME_SPLIT: Final = re.compile(r"\s*(?:,\s*and\s+|,|\band\b|&)\s*")
_NAME_WORD: Final = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|Mc\w+|O'\w+)$")
_PARTICLES: Final = frozenset({"de", "da", "del", "der", "van", "von", "la", "le", "bin", "al"})
# What follows the names in "By A, CNN" / "By A, USA TODAY Sports" / "By A AP Business Writer".
_AFFILIATION: Final = re.compile(
    r"""\s*(?:[|,–—-]\s*)?(?:
        (?:CNN|AP|AFP|Reuters|USA\s+TODAY|BBC|The\s+Associated\s+Press)(?:\s+[A-Z]\w+)*
      | (?:Staff|Special|Senior|Contributing)\s+(?:Writer|Correspondent|Reporter|Editor)s?
    )\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class TextParts:
    title: str | None
    text: str
    authors: tuple[str, ...]
    published: str | None = None  # ISO, from a "Published ..." / "Updated ..." header line


def parse_text(content: str) -> Draft:
    """A draft from scraped text; ArticleError when nothing but chrome is left."""
    parts = split_text(content)
    if not parts.text:
        raise ArticleError("no article text (only a title and page boilerplate); add the body text")
    return Draft(
        text=parts.text, title=parts.title, authors=parts.authors, published=parts.published
    )


def split_text(content: str) -> TextParts:
    """Title, cleaned body and byline authors of scraped text. Never raises."""
    lines = content.splitlines()
    kept: list[str] = []
    authors: list[str] = []
    title: str | None = None
    header_left = HEADER_LINES
    dates: dict[str, str] = {}
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if is_chrome(stripped):
            continue
        if title is None:
            names = byline_authors(stripped)
            if names:  # a byline above the title
                authors.extend(n for n in names if n not in authors)
                continue
            if len(stripped) <= MAX_TITLE_CHARS:
                title = clean_line(stripped)
                continue
            title = ""  # the text starts with a paragraph: the title is derived later
        if header_left > 0:
            header_left -= 1
            names = byline_authors(stripped)
            if names:
                authors.extend(n for n in names if n not in authors)
                continue
            dateline = _dateline(stripped)
            if dateline is not None:
                dates.setdefault(*dateline)
                continue
            if is_caption(stripped):
                continue
        elif is_caption(stripped) and len(stripped) < 400:
            continue
        kept.append(stripped)
    text = _join_paragraphs(kept)
    if not text and title:
        # A single short line is the article itself, not a title without a body.
        text, title = title, None
    published = dates.get("published") or dates.get("updated")
    return TextParts(title=title or None, text=text, authors=tuple(authors), published=published)


def is_chrome(line: str) -> bool:
    return len(line) <= 200 and _CHROME.match(line) is not None


def is_caption(line: str) -> bool:
    paren = _PAREN_AT_END.search(line)
    if paren is not None and _CREDIT_IN_PARENS.match(paren.group(1)):
        return True
    return _CAPTION.search(line) is not None


def byline_authors(line: str) -> tuple[str, ...]:
    """("A", "B") for "By A and B"; () when the line is not a byline ("By the end of ...")."""
    match = _BYLINE.match(line)
    if match is None or len(line) > 200:
        return ()
    full = match.group(1).strip().rstrip(".")
    rest = _AFFILIATION.sub("", full) or full  # "By Reuters": the agency is the author
    names = [_name_case(clean_line(n)) for n in _NAME_SPLIT.split(rest) if n.strip()]
    if not names or not all(_looks_like_name(n) for n in names):
        return ()
    return tuple(names)


def _dateline(line: str) -> tuple[str, str] | None:
    """("published"|"updated", ISO date) for a header line like "Updated 10:31 AM EDT, ..."."""
    match = _DATELINE.match(line)
    if match is None or len(line) > 120:
        return None
    kind = "updated" if "updated" in match.group("kind").lower() else "published"
    try:
        iso = parse_published(match.group("date").split("|")[0].strip())
    except ValueError:
        return None  # not a date after all: the line stays in the text
    return (kind, iso) if iso else None


def _name_case(name: str) -> str:
    """Title-case a name written in capitals ("RANDALL CHASE"); keep mixed case as written."""
    return name.title() if name.isupper() and len(name) > 3 else name


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    if not any(w[0].isupper() for w in words):
        return False
    return all(_NAME_WORD.match(w) and (w[0].isupper() or w in _PARTICLES) for w in words)


def _join_paragraphs(lines: list[str]) -> str:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs).strip()
