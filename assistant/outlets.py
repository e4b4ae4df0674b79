"""Readable outlet names for source domains ("usatoday.com" -> "USA Today")."""

from __future__ import annotations

import re
from collections.abc import Iterable

_OUTLETS = {
    "cnn.com": "CNN",
    "edition.cnn.com": "CNN",
    "usatoday.com": "USA Today",
    "theweek.co.uk": "The Week",
    "theweek.com": "The Week",
    "apnews.com": "AP",
    "reuters.com": "Reuters",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "aljazeera.com": "Al Jazeera",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "npr.org": "NPR",
}


def outlet_name(source: str | None) -> str:
    """A readable outlet name for a source domain ("usatoday.com" -> "USA Today")."""
    if not source:
        return "An unnamed source"
    domain = source.lower().removeprefix("www.")
    return _OUTLETS.get(domain, source)


def outlets_asked(question: str, domains: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """The outlets a question attributes its question to ("According to USA Today, who
    won ...?", "What did CNN report about ...?", "... in The Week?") among `domains`, and
    the question without the attribution. Names are matched as written (a proper noun:
    "in the week" is no outlet); an all-capitals name also in lower case ("cnn")."""
    found: list[str] = []
    text = question
    for domain in domains:
        name = outlet_name(domain)
        if name == domain:
            continue  # no readable name a question would use ("example.org")
        flags = re.IGNORECASE if name.isupper() else 0
        n = re.escape(name)
        cues = (
            rf"(?:,\s*)?\b(?i:according to) (?:the )?{n}\b,?\s*",
            rf"\b(?i:did|does|has|have) {n}\s+(?i:report|say|said|writ|cover|publish)\w*\s*",
            rf"\s*\b(?i:in|on|from|by) (?:the )?{n}(?:['’]s)?\b(?=\s*(?:[?.,!]|$))",
            rf"\b{n}['’]s\s+(?=(?:report|reporting|coverage|article|story|stories)\b)",
        )
        for cue in cues:
            stripped = re.sub(cue, "", text, flags=flags)
            if stripped != text:
                text = stripped
                if domain not in found:
                    found.append(domain)
    return tuple(found), re.sub(r"\s{2,}", " ", text).strip()
