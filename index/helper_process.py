"""What a Python helper process of ours and its parent agree on: the child finds the
parent's modules, and its original stdout carries only their messages.

Used by the build's embedding helper (`index.preparation`) and the web server's answer
workers (`assistant.answer.processes`).
"""

from __future__ import annotations

import os
import sys


def child_env() -> dict[str, str]:
    """The environment for `python -m <our module>`: this one, with the parent's import
    path (a checkout run without installing finds its packages too)."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))


def claim_stdout() -> int:
    """In the child: a descriptor of the original stdout for the messages to the parent;
    from now on anything printed (fd 1, `sys.stdout`) goes to stderr instead."""
    channel = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return channel
