"""Saved web pages (.html, .htm): trafilatura finds the article body and its metadata.

Nothing is fetched: the page is parsed from the file (trees are built here, so a file that
holds only a URL is never taken for one by trafilatura/htmldate). The date comes from
trafilatura's metadata, else from htmldate's quick search of the page's markup and URL.
A page without enough article text (an index page, a login form) is a failure.
"""

from __future__ import annotations

import logging
import re
from typing import Final

from index.formats.base import ArticleError, Draft, clean_line, normalise_authors

logger = logging.getLogger(__name__)

# Below this many words the "article" is navigation or a stub, not news text.
MIN_ARTICLE_WORDS: Final = 15
_WORD: Final = re.compile(r"\w+")


def parse_html(content: str) -> Draft:
    import htmldate  # imported lazily: ~0.2 s, and only HTML needs it
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(content)
    if tree is None:
        raise ArticleError("not parseable as HTML; check that the file is a saved web page")
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    body = getattr(document, "text", None) or ""
    title = clean_line(getattr(document, "title", None) or "") or None
    text = _paragraphs(body, title)
    words = len(_WORD.findall(text))
    if words < MIN_ARTICLE_WORDS:
        raise ArticleError(
            f"no article found in the HTML ({words} words of main text; at least "
            f"{MIN_ARTICLE_WORDS} needed); save the article page itself, not an index, "
            "login or consent page"
        )
    url = getattr(document, "url", None) or None
    published = getattr(document, "date", None)
    if not published:
        fresh = load_html(content)  # trafilatura prunes the first tree in place
        if fresh is not None:
            published = htmldate.find_date(fresh, extensive_search=False, url=url)
    logger.debug("html extracted words=%d title=%r date=%s", words, title, published)
    return Draft(
        text=text,
        title=title,
        url=url,
        source=getattr(document, "sitename", None) or None,
        authors=normalise_authors(getattr(document, "author", None)),
        published=published,
        published_field="date",
    )


def _paragraphs(body: str, title: str | None) -> str:
    """trafilatura puts one paragraph per line: separate them by blank lines; drop a title echo."""
    lines = [clean_line(line) for line in body.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)
