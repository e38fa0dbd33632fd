"""GIFT's syntax: escaping a text for Moodle's GIFT import format."""

from __future__ import annotations

_GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } : and the backslash) and newlines."""
    out = "".join("\\" + ch if ch in _GIFT_SPECIAL else ch for ch in text.strip())
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def gift_option(text: str) -> str:
    """An option's text after its ``~``: escaped, and one that starts with a percent sign gets
    an explicit weight of nothing first (``%0%``). Moodle reads ``%100%`` at the start of an
    option as its weight and knows no escape for ``%`` (a backslash would show); after a weight
    it reads the rest as text."""
    escaped = gift_escape(text)
    return "%0%" + escaped if escaped.startswith("%") else escaped


def gift_left(text: str) -> str:
    """The left side of a matching pair: escaped, and with ``->`` written ``-\\>``. Moodle
    splits a pair at its first ``->``, so one inside the left side would end it there; the side
    is Markdown (the question's format) and Markdown shows ``\\>`` as ``>``. (The right side
    may keep its ``->``: everything after the first one is the right side.)"""
    return gift_escape(text).replace("->", "-\\>")


def _weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"
