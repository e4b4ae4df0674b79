"""Small HTML helpers shared by the chat renderers: escaping, safe links, dates, ids."""

from __future__ import annotations

import html
from datetime import date, datetime
from urllib.parse import urlsplit


def esc(text: object) -> str:
    """Escape for HTML text and attribute values; newlines become spaces."""
    return html.escape(str(text), quote=True).replace("\r", "").replace("\n", " ")


def card_id(turn: str, number: int) -> str:
    return f"nd-{turn}-{number}"


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data: ...)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def format_date(value: str | date | None) -> str:
    """'2022-06-12' / '2022-06-12T10:00:00+00:00' -> '12 Jun 2022'; unknown stays as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return str(value)
    return f"{day.day} {day:%b %Y}"
