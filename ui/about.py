"""The API and About tabs: how to call the app from Python, and what it runs on.

Model names and the index folder are for whoever runs the server, not for readers
of the chat: they live here rather than in the page header.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui.markup import esc

API_DOC = """
### Use Newsdesk from Python

Every answer shown in the chat is also available as data through
[`gradio_client`](https://www.gradio.app/guides/getting-started-with-the-python-client):

```python
from gradio_client import Client

client = Client("{url}")          # add auth=("user", "pass") if set
answer = client.predict(
    "How many children were moved to Belarus?",    # question
    None,                                          # sources: outlets or None; "(unknown)": none
    None, None,                                    # since, until: "YYYY-MM-DD" or None
    None,                                          # as_of: "YYYY-MM-DD" or None (today)
    api_name="/ask",
)
answer["text"]        # "... more than 2,100 children from 15 Ukrainian towns [1]."
answer["abstained"]   # True when the articles do not answer the question
answer["citations"]   # [{{"number": 1, "title", "source", "url", "published",
                      #   "quote", "start", "end", "passage", "also_in", ...}}]
```

| Endpoint | Inputs | Returns |
|---|---|---|
| `/ask` | question, sources, since, until, as_of | the answer as JSON (above) |
| `/articles` | query (substring of title/outlet, "" for all) | list of indexed articles |
| `/upload_files` | list of files (`handle_file(path)`) | update report (HTML), table, totals |
| `/add_text` | title, text, outlet, published | update report (HTML), table, totals |
| `/chat` | message, history, … | streamed chat (HTML messages) |

Dates are ISO `YYYY-MM-DD`. `as_of` answers as if it were that day: articles published
later are ignored and "last week" counts back from it.
"""


def base_url(request: gr.Request | None) -> str:
    """This app's address as the browser reached it (host, port and any path prefix)."""
    if request is None:
        return "http://127.0.0.1:7860/"
    headers = request.headers
    host = headers.get("x-forwarded-host") or headers.get("host") or "127.0.0.1:7860"
    scheme = headers.get("x-forwarded-proto") or getattr(request.request, "url", None)
    scheme = scheme if isinstance(scheme, str) else getattr(scheme, "scheme", "http")
    return f"{scheme}://{host}/"


def api_doc(request: gr.Request | None) -> str:
    return API_DOC.format(url=base_url(request))


def about_html(describe: dict[str, Any], n_articles: int, data_dir: str) -> str:
    """Server details: the models, the answerer, the index and where it lives."""
    rows = [
        ("Articles indexed", f"{n_articles:,}"),
        ("Chunks", f"{describe['chunks']:,}" if isinstance(describe.get("chunks"), int) else None),
        ("Answers written by", describe.get("answerer")),
        ("Embedding model", describe.get("embedding")),
        ("Collection", describe.get("collection")),
        ("Index", describe.get("index") or data_dir),
    ]
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows if v not in (None, ""))
    return (
        '<div class="nd-about"><h3>About this server</h3>'
        f'<dl class="nd-about-list">{items}</dl>'
        "<p>Answers are built only from the indexed articles; every <code>[n]</code> is "
        "checked against the quoted sentence before it is shown.</p></div>"
    )
