"""Scores and pass marks as percentages, everywhere one is shown or exported (issue 26 item 2).

A score is floored to a whole percent: a shown score is never more than was earned, so a
fail of 0.7467 against the mark 0.75 reads "74%", never "75%" (rounding made it read as the
mark). A pass mark is shown as it is, with every decimal it has (0.755: "75,5%"; 0.73335:
"73,335%"), never rounded. Beside its mark, a score is compared with the mark as the pass
rule does (``score + 1e-9 >= mark``): a fail reads as its whole percent, below the mark; a
pass that the whole percent would show below a mark with decimals gets as many decimals as
it takes to read as a pass (a pass within the tolerance reads as the mark). Pure functions:
the pages, the exports, the certificate, the credential and /verify all use these.
"""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, Decimal

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


def _text(number: float | Decimal, decimals: int, lang: str) -> str:
    shown = f"{number:.{decimals}f}" if decimals else str(int(number))
    return (shown.replace(".", ",") if lang == "nl" else shown) + "%"


def _exact(value: float) -> Decimal:
    """``value`` (0..1) as a percentage, exactly as the number reads (0.73335 -> 73.335, not
    the binary float's 73.33499...): ordered as the floats are, so compared as the pass rule."""
    return (Decimal(repr(float(value))) * 100).normalize()


def _decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _floor(number: Decimal, decimals: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_FLOOR)


def mark_pct(mark: float | None, lang: str = "nl") -> str:
    """A pass mark, with every decimal it has: 0.75 -> "75%", 0.755 -> "75,5%" (Dutch) or
    "75.5%", 0.73335 -> "73,335%"."""
    if mark is None or mark != mark:
        return "–"
    shown = _exact(mark)
    return _text(shown, _decimals(shown), lang)


def pct(value: float | None, mark: float | None = None, lang: str = "nl") -> str:
    """A score, floored to a whole percent; beside its pass ``mark``, one that reads on the
    same side of the shown mark as the verdict (see the module's text)."""
    if value is None or value != value:
        return "–"
    if mark is None:
        return _text(floored(value), 0, lang)
    shown_mark = _exact(mark)
    if value + TOLERANCE < mark:  # a fail: below the mark, so its floor to a whole percent is too
        return _text(_floor(_exact(value), 0), 0, lang)
    earned = max(_exact(value), shown_mark)  # a pass the tolerance lets through reads as the mark
    decimals = next(d for d in range(_decimals(shown_mark) + 1) if _floor(earned, d) >= shown_mark)
    return _text(_floor(earned, decimals), decimals, lang)


def figure(value: float, mark: float) -> str:
    """The score beside its mark as a plain number ("75.5"), for the credential and /verify."""
    return pct(value, mark, "en").rstrip("%")
