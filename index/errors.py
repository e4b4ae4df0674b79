"""Errors that mean the index cannot be used as it is; each message names the fix.

Entry points turn these into one line on stderr and exit status 2 (the web app into
a readable message): they are conditions of the machine or the data dir, not bugs.
"""

from __future__ import annotations

import sys


class IndexUnavailable(RuntimeError):
    """The index cannot be opened or used; `str()` says what is wrong and how to fix it."""


class IndexMismatchError(IndexUnavailable):
    """The index on disk was built with other settings than the ones in use now."""


class ManifestDamaged(IndexUnavailable):
    """The manifest (SQLite) file is not a readable database."""


class ManifestBusy(IndexUnavailable):
    """Another process held the manifest's write lock for longer than an open waits."""


class StoreUnreachable(IndexUnavailable):
    """The Chroma server does not answer (stopped, wrong address, network)."""


class ReadOnlyReplica(IndexUnavailable):
    """A write was asked of a replica, which only reads the shared Chroma server."""


def rebuild_hint(data_dir: object) -> str:
    return f"rebuild it with: newsdesk index PATH... --rebuild --data-dir {data_dir}"


def connection_failed(exc: BaseException) -> bool:
    """Whether `exc` says a Chroma server did not answer (httpx is loaded only by a
    server client, so an embedded store never needs to import it)."""
    if isinstance(exc, ConnectionError):
        return True
    if isinstance(exc, ValueError):
        return "Could not connect" in str(exc)
    httpx = sys.modules.get("httpx")
    return httpx is not None and isinstance(exc, httpx.TransportError)
