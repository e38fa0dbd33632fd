"""The protocol every question type's module implements, and what the types share."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..content import LANGS, Text

if TYPE_CHECKING:
    from ..content import Question

#: A learner's answer as the store keeps it: option (or right-hand side) indices, None for a blank.
Response = list[int | None]

#: ``say(message, *where)``: report a content problem at a node path inside the question.
Say = Callable[..., None]


class QuestionKind(Protocol):
    """One question type. ``response`` arguments are lists of ints and Nones (already checked)."""

    @property
    def FAST_SECONDS(self) -> float:  # noqa: N802
        """A right answer faster than this (seconds, server-measured) is rated Easy in practice."""

    @property
    def ITEM_RULES(self) -> tuple[str, ...]:  # noqa: N802
        """The item rules (mglearn/content/itemrules.py) this type plays, by the checker's method name."""

    @property
    def TESTWISE(self) -> tuple[str, ...]:  # noqa: N802
        """The test-wise strategy families (mglearn/content/testwise.py) that play this type."""

    @property
    def DISTRACTORS(self) -> bool:  # noqa: N802
        """Whether the trainer's distractor table (mglearn/analytics.py) lists its options."""

    def shown_order(self, q: Question, rng: random.Random) -> tuple[int, ...]: ...
    def is_answered(self, q: Question, response: Sequence[int | None]) -> bool: ...
    def valid_response(self, q: Question, response: Response) -> bool: ...
    def grade(self, q: Question, response: Response) -> float: ...
    def correct_response(self, q: Question) -> Response: ...
    def response_text(self, q: Question, response: Sequence[int | None], lang: str) -> str: ...
    def answer_text(self, q: Question, response: Sequence[int | None], lang: str) -> str: ...
    def gift_answers(self, q: Question, lang: str) -> list[str]: ...
    def moodle_xml(self, q: Question, lang: str) -> str: ...
    def check(self, q: Question, say: Say) -> None: ...


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def distinct(texts: list[Text], say: Any, what: str, field: str) -> None:
    """Report every text that repeats an earlier one (case and spacing aside), per language."""
    for lang in LANGS:
        seen: set[str] = set()
        for j, text in enumerate(texts):
            key = _norm(text.get(lang))
            if key and key in seen:
                say(f"two {what}s are the same ({lang}: '{text.get(lang)}'); make them distinct", field, j)
            seen.add(key)
