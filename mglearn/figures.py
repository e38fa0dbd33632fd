"""A lesson's figure drawn from its data (pure; mglearn/ui/figures.py shows it).

``items``, ``pairs`` and ``day`` become an SVG of rows, one per entry, 360 units wide so a
phone shows it at about its own size (text 16 px) and a laptop no bigger than 420 px; it is an
image with a title and a description (the figure's ``alt``) for a screen reader. ``ranges``
becomes the rows of a Vega-Lite bar chart (:func:`range_rows`): each bar labelled with its
source and its numbers, never told by colour alone.
"""

from __future__ import annotations

import textwrap
from html import escape
from typing import Any

from .content.models import Figure

WIDTH = 360
FONT, SMALL = 16, 14
LINE, SMALL_LINE = 20, 18
INK, MUTED = "#141414", "#3D3D3D"  # 17:1 and 11:1 on white


def _lines(text: str, width_px: float, size: int) -> list[str]:
    """``text`` wrapped to lines that fit ``width_px`` (a DejaVu/system-ui letter is about
    0.55 of its size wide)."""
    chars = max(8, int(width_px / (size * 0.55)))
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]


def _text(x: float, y: float, lines: list[str], size: int, colour: str, bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    step = LINE if size == FONT else SMALL_LINE
    spans = "".join(
        f'<tspan x="{x}" y="{y + i * step}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text font-size="{size}" fill="{colour}"{weight}>{spans}</text>'


def svg(figure: Figure, lang: str, colour: str, ident: str) -> str:
    """The figure as an inline SVG (``ident``: a page-unique id for its title and description)."""
    rows: list[str] = []
    y = 8.0
    kind = figure.kind
    for n, item in enumerate(figure.data, 1):
        label = item.label.get(lang)
        detail = item.detail.get(lang) if item.detail else ""
        if kind == "pairs":  # the thing in a tinted box, an arrow, what it is for
            left = _lines(label, 118, FONT)
            right = _lines(detail, 190, SMALL)
            height = max(len(left) * LINE, len(right) * SMALL_LINE) + 18
            rows.append(
                f'<rect x="0" y="{y}" width="130" height="{height - 6}" rx="8" fill="{colour}"/>'
                + _text(8, y + 20, left, FONT, "#FFFFFF", bold=True)
                + f'<path d="M136 {y + (height - 6) / 2} h14 m-5 -5 l5 5 l-5 5" stroke="{INK}" '
                'stroke-width="2" fill="none"/>' + _text(160, y + 19, right, SMALL, INK)
            )
        elif kind == "day":  # the time, a dot on the line of the day, the moment and what it does
            top = _lines(label, 270, FONT)
            below = _lines(detail, 270, SMALL) if detail else []
            height = len(top) * LINE + len(below) * SMALL_LINE + 14
            rows.append(
                _text(0, y + 16, [item.at or ""], FONT, colour, bold=True)
                + f'<circle cx="62" cy="{y + 11}" r="6" fill="{colour}"/>'
                + _text(78, y + 16, top, FONT, INK, bold=True)
                + _text(78, y + 16 + len(top) * LINE, below, SMALL, MUTED)
            )
        else:  # items: a numbered disc, the name and its note
            top = _lines(label, 300, FONT)
            below = _lines(detail, 300, SMALL) if detail else []
            height = max(34, len(top) * LINE + len(below) * SMALL_LINE + 12)
            rows.append(
                f'<circle cx="15" cy="{y + 14}" r="14" fill="{colour}"/>'
                + _text(15, y + 19, [str(n)], FONT, "#FFFFFF", bold=True).replace(
                    "<text", '<text text-anchor="middle"', 1
                )
                + _text(40, y + 18, top, FONT, INK, bold=True)
                + _text(40, y + 18 + len(top) * LINE, below, SMALL, MUTED)
            )
        y += height
    if kind == "day":  # the line of the day behind the dots
        rows.insert(0, f'<line x1="62" y1="14" x2="62" y2="{y - 14}" stroke="{colour}" stroke-width="2"/>')
    title, desc = escape(figure.title.get(lang)), escape(figure.alt.get(lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {round(y)}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" style="width:100%;max-width:420px;height:auto" '
        f'font-family="system-ui, sans-serif"><title id="{ident}-t">{title}</title>'
        f'<desc id="{ident}-d">{desc}</desc>{"".join(rows)}</svg>'
    )


def range_rows(figure: Figure, lang: str) -> list[dict[str, Any]]:
    """The rows of a ``ranges`` chart: the label in lines (its source first), the amount or
    range, and the numbers as text ("300–400")."""
    rows = []
    for item in figure.data:
        low = item.value or 0.0
        high = item.high if item.high is not None else low
        source = item.source.get(lang) if item.source else ""
        words = f"{low:g}–{high:g}" if high != low else f"{low:g}"
        rows.append(
            {
                "label": "|".join([source, *_lines(item.label.get(lang), 150, 12)]),
                "source": source,
                "low": low,
                "high": high,
                "shown": words,
            }
        )
    return rows


def in_words(figure: Figure, lang: str) -> str:
    """The figure's text alternative and its note, for a reader who does not see it."""
    note = figure.note.get(lang) if figure.note else ""
    return f"{figure.alt.get(lang)} {note}".strip()
