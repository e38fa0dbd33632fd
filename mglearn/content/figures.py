"""The rules of a lesson's figure (``figure:`` in a section): what each kind needs, told as
``mglearn check`` problems. Pure: no drawing here (that is mglearn/ui/figures.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .models import Figure

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MOST = {"ranges": 10, "items": 12, "pairs": 8, "day": 10}  # more is no longer readable on a phone

Say = Callable[..., None]  # say(message, *where inside the figure)


def check_figure(figure: Figure, say: Say) -> None:
    """Every problem of one figure: ``say(message, "data", 2, "at")``."""
    if len(figure.data) > MOST[figure.kind]:
        say(f"a '{figure.kind}' figure shows at most {MOST[figure.kind]} entries on a phone", "data")
    if figure.kind == "ranges" and figure.unit is None:
        say("a 'ranges' figure needs a unit (e.g. {nl: mg per dag, en: mg per day})", "kind")
    for i, item in enumerate(figure.data):
        at: tuple[Any, ...] = ("data", i)
        if figure.kind == "ranges":
            if item.value is None:
                say("a 'ranges' entry needs a value (the amount, or a range's low end)", *at)
            elif item.value < 0 or (item.high is not None and item.high < item.value):
                say("value must be 0 or more and high at least value", *at, "value")
            if item.source is None:
                say("a 'ranges' entry needs a source: whose number it is (Artikel, EFSA, NIH, ...)", *at)
        elif figure.kind == "pairs" and item.detail is None:
            say("a 'pairs' entry needs a detail: what the label goes with", *at)
        elif figure.kind == "day" and not TIME.match(item.at or ""):
            say(f"a 'day' entry needs at: a time as HH:MM, not {item.at!r}", *at)
    if figure.kind == "day":
        times = [item.at or "" for item in figure.data]
        if times != sorted(times):
            say("the moments of a 'day' figure go in the order of the day", "data")
