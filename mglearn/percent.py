"""Scores and pass marks as percentages, everywhere one is shown or exported (issue 26 item 2).

A score is floored to a whole percent: a shown score is never more than was earned, so a
fail of 0.7467 against the mark 0.75 reads "74%", never "75%" (rounding made it read as the
mark). A pass mark is shown as it is, with up to two decimals when it is not a whole percent
(0.755: "75,5%"). Beside its mark, a score is compared with the mark as the pass rule does
(``score + 1e-9 >= mark``): a fail always reads below the shown mark, and a pass that the
whole percent would show below a mark with decimals gets as many decimals as it takes to
read as a pass. Pure functions: the pages, the exports and the certificate all use these.
"""

from __future__ import annotations

import math

TOLERANCE = 1e-9  # the pass rule's: score + 1e-9 >= mark (float sums of thirds are not exact)


def floored(value: float, decimals: int = 0) -> float:
    """``value`` (0..1) as a percentage floored to ``decimals``: 0.7467 -> 74, 0.57 -> 57."""
    scale = 10**decimals
    return float(math.floor((float(value) + TOLERANCE) * 100 * scale) / scale)


def whole(value: float | None) -> int | None:
    """A score as a whole percentage for an export (74), None for no value (None or NaN)."""
    if value is None or value != value:
        return None
    return int(floored(value))


def _text(number: float, decimals: int, lang: str) -> str:
    shown = f"{number:.{decimals}f}" if decimals else str(int(number))
    return (shown.replace(".", ",") if lang == "nl" else shown) + "%"


def _mark_figure(mark: float) -> tuple[float, int]:
    """The mark as a percentage with the fewest decimals (at most two) that show it."""
    for decimals in (0, 1):
        number = round(mark * 100, decimals)
        if abs(number - mark * 100) < 1e-6:
            return number, decimals
    return round(mark * 100, 2), 2


def mark_pct(mark: float | None, lang: str = "nl") -> str:
    """A pass mark: 0.75 -> "75%", 0.755 -> "75,5%" (Dutch) or "75.5%"."""
    if mark is None or mark != mark:
        return "–"
    return _text(*_mark_figure(mark), lang)


def pct(value: float | None, mark: float | None = None, lang: str = "nl") -> str:
    """A score, floored to a whole percent; beside its pass ``mark``, one that reads on the
    same side of the shown mark as the verdict (see the module's text)."""
    if value is None or value != value:
        return "–"
    if mark is None:
        return _text(floored(value), 0, lang)
    passed = value + TOLERANCE >= mark
    shown_mark, _ = _mark_figure(mark)
    for decimals in (0, 1, 2):
        number = floored(value, decimals)
        if (number >= shown_mark) == passed:
            return _text(number, decimals, lang)
    return _text(floored(value, 2), 2, lang)
