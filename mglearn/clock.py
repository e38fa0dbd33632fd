"""The one place that reads the clock. The edge takes `now` once per run (a page run:
mglearn/ui/state.py `now()`; a web request: mglearn/web.py; a command: mglearn/__main__.py,
mglearn/cli_verify.py) and passes it down; the rules and the store take it as an argument, so
one exam deadline is judged by one clock in a run (issue 28)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC: read once per run at the edge, never in the rules or the store."""
    return datetime.now(UTC)
