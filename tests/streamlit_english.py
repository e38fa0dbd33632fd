"""Streamlit's own English words, read from the installed frontend bundle (issue 30: no English
on Dutch pages). Every string literal of streamlit/static/static/js/*.js is read, a template
literal cut into its fixed parts at each ``${…}`` ("Press ${key}+Enter to ${what}" gives "Press"
and "+Enter to"), and a part is kept when it reads as English words: it starts with a capital
letter, holds only words (letters, digits, apostrophes, "/", "+", "-", "⌘") and spaces, with an
optional "..."/"…"/"."/"!"/"?" at its end, with two lower-case letters in a row and no
identifier in it (no "ArrayList", "Impl/1"). That is about every
label, tooltip, aria-label, placeholder and message Streamlit can draw (and more: names from its
libraries, which a Dutch page does not show either)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import streamlit

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"
WORDS = re.compile(
    r"[A-Z][A-Za-z0-9]*(?:['’][a-z]+)?(?:[ /+-](?:[A-Za-z0-9]+(?:['’][a-z]+)?|⌘))*(?:\.\.\.|…|[.!?])?"
)

CAMEL = re.compile(r"[a-z][A-Z]|/\d")  # an identifier (ArrayList, EOperationImpl/1), no words


def _template(src: str, i: int, parts: list[str]) -> int:
    """The fixed parts of the template literal that opens at src[i] ("`"); the index after it."""
    i += 1
    start = i
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            parts.append(src[start:i])
            return i + 1
        if src.startswith("${", i):
            parts.append(src[start:i])
            i = _expression(src, i + 2, parts)
            start = i
            continue
        i += 1
    return i


def _expression(src: str, i: int, parts: list[str]) -> int:
    """Skip a ``${…}`` expression (its own templates and strings are read too); the index after it."""
    depth = 1
    while i < len(src) and depth:
        c = src[i]
        if c == "`":
            i = _template(src, i, parts)
            continue
        if c == "/" and _regex_may_start(src, i):
            i = _regex(src, i)
            continue
        if c in "\"'":
            end = _quoted(src, i)
            parts.append(src[i + 1 : end - 1])
            i = end
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        i += 1
    return i


def _quoted(src: str, i: int) -> int:
    quote, i = src[i], i + 1
    while i < len(src) and src[i] != quote and src[i] != "\n":
        i += 2 if src[i] == "\\" else 1
    return i + 1


def _regex_may_start(src: str, i: int) -> bool:
    """A "/" that opens a regular expression literal (not a division, not a comment)."""
    j = i - 1
    while j >= 0 and src[j] in " \t\n":
        j -= 1
    before = src[j] if j >= 0 else ""
    return src[i + 1 : i + 2] not in ("/", "*") and (before == "" or before in "(,=:[!&|?{};+-*%<>~^")


def _regex(src: str, i: int) -> int:
    """Skip a regular expression literal (its quotes and backticks are no strings)."""
    i, in_class = i + 1, False
    while i < len(src) and src[i] != "\n":
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            return i + 1
        i += 1
    return i


def literals(src: str) -> list[str]:
    """Every template literal's fixed parts and every double-quoted string of minified code."""
    parts: list[str] = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "`":
            i = _template(src, i, parts)
        elif c == '"':
            end = _quoted(src, i)
            parts.append(src[i + 1 : end - 1])
            i = end
        elif c == "/" and _regex_may_start(src, i):
            i = _regex(src, i)
        else:
            i += 1
    return parts


@functools.cache
def english_defaults() -> frozenset[str]:
    found: set[str] = set()
    for path in sorted(BUNDLE.glob("*.js")):
        for part in literals(path.read_text(encoding="utf-8", errors="replace")):
            text = part.strip(" :,")
            if WORDS.fullmatch(text) and re.search("[a-z]{2}", text) and not CAMEL.search(text):
                found.add(text)
    return frozenset(found)


def english_in(words: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The Streamlit English strings found in ``words`` as whole words (case matters)."""
    found = []
    for english in english_defaults() - allowed:
        if re.search(rf"(?<![\w]){re.escape(english)}(?![\w])", words):
            found.append(english)
    return sorted(found)
