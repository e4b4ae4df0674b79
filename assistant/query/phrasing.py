"""Chat phrasing around a news question that says nothing about its topic.

"Tell me about the Queen's funeral", "Any updates on the Artemis launch?", "What's new
with Elon Musk and Twitter?": people ask a news chat like this, and the words of the
request ("tell", "updates", "new") otherwise count as search terms, so retrieval and the
sentence scores reward text that happens to use them ("Here's how you can *tell* the
difference ..."). `without_request` strips such an opening from the text retrieval
searches; the answerer leaves the same words out of the question's terms
(`index.text.stopwords.QUESTION_FILLER`). `asks_overview` tells such a request for the
story itself from a question asking one thing about it.
"""

from __future__ import annotations

import re

_POLITE = r"(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?"
# A request for a story's news ("Any updates on X", "What's new with X"), without the space
# after it: `assistant.query.latest` reads the same words as asking for the newest reports.
NEWS_REQUEST = (
    r"(?:are\s+there\s+|is\s+there\s+)?any\s+(?:news|updates?|developments?)\s+"
    r"(?:on|about|regarding|with|in)"
    r"|what(?:'s|’s|\s+is)\s+(?:new|happening|going\s+on)\s+(?:with|on|about|in)"
)
_REQUEST = re.compile(
    r"^\s*(?:"
    rf"{_POLITE}(?:tell|give|show)\s+me\s+(?:(?:more|everything|something|all)\s+)?"
    r"(?:(?:about|on|regarding)\s+)?"
    rf"|{_POLITE}(?:explain|summari[sz]e|describe|recap)\s+(?:to\s+me\s+)?"
    r"|what\s+do\s+(?:you|we)\s+know\s+(?:about|of)\s+"
    rf"|(?:{NEWS_REQUEST})\s+"
    # (after the time words are gone: "What's the latest on X" reads "What's the on X")
    r"|what(?:'s|’s|\s+is)\s+the\s+(?:(?:latest|newest)\s+)?(?:(?:news|story|update)\s+)?"
    r"(?:with|on|about|regarding)\s+"
    r")",
    re.IGNORECASE,
)


def without_request(text: str) -> str:
    """`text` without an opening request ("Tell me about", "Any updates on"); the text
    itself when that would leave nothing."""
    rest = _REQUEST.sub("", text, count=1).strip()
    return rest if rest.strip(" ?.!") else text


def asks_overview(text: str) -> bool:
    """Whether `text` asks for its story itself ("Tell me about the Queen's funeral", "Any
    updates on the Artemis launch?", "What's new with monkeypox?") rather than for one fact
    of it: an opening request with a topic after it."""
    return without_request(text) != text.strip()
