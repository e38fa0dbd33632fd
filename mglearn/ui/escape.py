"""Names are text: the one helper every text a user wrote goes through before Markdown shows it.

Plain text in, plain text out (no streamlit), so the session state and the widgets both import
it, one way."""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(://|www|@)", re.IGNORECASE)
_SHORTCODE = re.compile(r":(?=\S)")  # a colon that could open :skull:, :material/x:, :red[...]


def md_escape(text: str) -> str:
    """Names are text: escape Markdown so a name can never format, link or inject anything,
    and break what the renderer would link by itself (``http://x``, ``www.x``, ``a@b.x``) with
    an invisible WORD JOINER inside ``://`` and after ``www`` and ``@`` (one after ``://``
    is not enough: the renderer still links ``http://`` + joiner + ``x``).

    Streamlit's shortcodes are markup too: ``:skull:`` becomes an emoji, ``:material/verified:``
    an icon and ``:red[...]`` a colour, and a backslash does not stop the first two (the
    frontend's emoji and icon plugins read the text after escapes are resolved). So every
    colon that something follows gets a WORD JOINER after it: the same characters to a
    reader, no shortcode to the renderer (``http:`` + joiner + ``//`` breaks the link too)."""
    specials = "\\`*_{}[]()#+-.!|<>~$"
    escaped = "".join("\\" + ch if ch in specials else ch for ch in _SHORTCODE.sub(":" + WORD_JOINER, text))
    return _AUTOLINK.sub(_break_link, escaped)


def _break_link(match: re.Match[str]) -> str:
    found = match.group(0)
    return f":{WORD_JOINER}//" if found == "://" else found + WORD_JOINER
