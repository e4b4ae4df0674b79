"""Readable outlet names for source domains ("usatoday.com" -> "USA Today")."""

from __future__ import annotations

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
