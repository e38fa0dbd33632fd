"""Which module is a question ``type:``: one line per type."""

from __future__ import annotations

from . import gapselect, matching, multiple, single, true_false
from .base import QuestionKind

TYPES: dict[str, QuestionKind] = {
    "single": single,
    "multiple": multiple,
    "true_false": true_false,
    "matching": matching,
    "gapselect": gapselect,
}


def kind(type_name: str) -> QuestionKind:
    """The module of a question type (a KeyError for one not registered)."""
    return TYPES[type_name]
