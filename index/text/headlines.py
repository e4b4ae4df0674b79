"""A headline without the site's name that pages append to it ("... | CNN Business")."""

from __future__ import annotations

import re

# "... | CNN Business", "... - CNN", "... | The Week UK": a pipe always; a dash only before a
# few capitalised words.
SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,40}$|\s+[-–]\s+(?:[A-Z][\w.&']*\s?){1,3}$")


def bare_headline(title: str) -> str:
    """`title` without a trailing site name, and without surrounding space."""
    return SITE_SUFFIX.sub("", title.strip())
