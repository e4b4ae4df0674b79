"""Messages that are not questions about the news: greetings, thanks, "help".

They get a short reply saying what is indexed and three example questions drawn from
the newest articles, instead of a search ("hi" would otherwise match "Hi-Wire").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from assistant.outlets import outlet_name
from assistant.query.recency import human_date
from index.text.stopwords import ANSWER as STOPWORDS
from index.text.terms import capitalised_phrases

_GREETING = r"(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening|day)|greetings)"
_THANKS = r"(?:thanks?(?: you)?(?: (?:so|very) much)?|thank u|thx|ty|cheers|great|ok(?:ay)?|cool)"
_HELP = (
    r"(?:help|\?|what can you do|what do you do|who are you|what are you|how does this work|"
    r"how do (?:i|you) use (?:this|you|it)|what can i ask(?: you)?|what do you know(?: about)?|"
    r"what is (?:this|indexed)|what(?:'s| is) in the index|what articles do you have)"
)
_SMALL_TALK = re.compile(
    rf"^\s*(?:{_GREETING}|{_THANKS}|{_HELP})(?:\s+(?:there|all|everyone|newsdesk|bot))?"
    r"\s*[!.?,]*\s*$",
    re.IGNORECASE,
)


def is_small_talk(message: str) -> bool:
    """Whether the message is a greeting, thanks or a request for help (not a question)."""
    return bool(_SMALL_TALK.match(message))


class _Article(Protocol):
    title: str
    source: str | None
    published: str | None


def example_questions(articles: Sequence[_Article], n: int = 3) -> list[str]:
    """Questions about the names in the newest headlines ("What's the latest on X?")."""
    # Newest first; undated articles after the dated ones.
    newest = sorted((a for a in articles if a.title), key=lambda a: a.published or "", reverse=True)
    out: list[str] = []
    seen: set[str] = set()
    for article in newest:
        for phrase in capitalised_phrases(article.title):
            name = phrase.strip(" '’\"“”:,.-")
            if len(name) < 3 or name.lower() in STOPWORDS or name.lower() in seen:
                continue
            if len(name.split()) < 2 and (
                article.title.startswith(name) or re.search(r"(?:ian|ese|ish|an)$", name)
            ):
                continue  # a headline's first word or a demonym ("Ukrainian") is no topic
            seen.add(name.lower())
            out.append(f"What's the latest on {name}?")
            break
        if len(out) >= n:
            break
    return out


_THANKED = re.compile(rf"^\s*{_THANKS}\b", re.IGNORECASE)


def _opener(message: str) -> str:
    """ "You're welcome!" for thanks, "Hello!" for a greeting or a request for help."""
    return "You're welcome!" if _THANKED.match(message) else "Hello!"


def small_talk_reply(
    articles: Sequence[_Article], earliest: str | None, latest: str | None, message: str = ""
) -> str:
    """What is indexed and what to ask, in a few lines (no citations), opened as the
    message calls for."""
    hello = _opener(message)
    if not articles:
        return (
            f"{hello} No articles are indexed yet. Add some (the Articles tab, or "
            "`newsdesk index PATH`) and ask me about them; every answer cites its sources."
        )
    outlets = Counter(outlet_name(a.source) for a in articles if a.source)
    main = ", ".join(name for name, _ in outlets.most_common(3))
    span = ""
    first, last = human_date(earliest), human_date(latest)
    if first and last:
        span = f" from {first} to {last}" if first != last else f" from {first}"
    count = f"{len(articles):,} article{'s' if len(articles) != 1 else ''}"
    lines = [
        f"{hello} I answer questions about {count}{span}"
        + (f", mostly from {main}" if main else "")
        + ". Every answer quotes and cites the articles it comes from.",
    ]
    examples = example_questions(articles)
    if examples:
        lines.append("You could ask, for example:")
        lines.extend(f"- {q}" for q in examples)
    lines.append("Or ask “What happened this week?” for the newest headlines.")
    return "\n".join(lines)
