"""Matching: at least three pairs; the learner picks a right-hand side for each left-hand side.
A response has one entry per pair (authored order): the index of the right-hand side chosen,
or None while unanswered. The score is the fraction of pairs matched."""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..content import Question
from . import moodle_syntax as mx
from .base import Response, Say, distinct
from .gift_syntax import gift_escape, gift_left

FAST_SECONDS = 30.0
ITEM_RULES: tuple[str, ...] = ()
TESTWISE: tuple[str, ...] = ("matching",)
DISTRACTORS = False  # its options are the right-hand sides, each the key of one pair


def shown_order(q: Question, rng: random.Random) -> tuple[int, ...]:
    """The right-hand sides in a shuffled order."""
    order = list(range(len(q.pairs)))
    rng.shuffle(order)
    return tuple(order)


def is_answered(q: Question, response: Sequence[int | None]) -> bool:
    return len(response) == len(q.pairs) and all(r is not None for r in response)


def valid_response(q: Question, response: Response) -> bool:
    n = len(q.pairs)
    return len(response) == n and all(r is None or 0 <= r < n for r in response)


def grade(q: Question, response: Response) -> float:
    if not q.pairs:
        return 0.0
    hits = sum(1 for i, r in enumerate(response[: len(q.pairs)]) if r == i)
    return hits / len(q.pairs)


def correct_response(q: Question) -> Response:
    return list(range(len(q.pairs)))


def _pairs(q: Question, response: Sequence[int | None], lang: str) -> list[str]:
    parts = []
    for i, right in enumerate(response[: len(q.pairs)]):
        if right is not None and 0 <= right < len(q.pairs):
            parts.append(f"{q.pairs[i].left.get(lang)} → {q.pairs[right].right.get(lang)}")
    return parts


def response_text(q: Question, response: Sequence[int | None], lang: str) -> str:
    """``left → right`` pairs; a dash for none."""
    return "; ".join(_pairs(q, response, lang)) or "–"


def answer_text(q: Question, response: Sequence[int | None], lang: str) -> str:
    return "; ".join(_pairs(q, response, lang))


def gift_answers(q: Question, lang: str) -> list[str]:
    return [f"\t={gift_left(p.left.get(lang))} -> {gift_escape(p.right.get(lang))}" for p in q.pairs]


def moodle_xml(q: Question, lang: str) -> str:
    """Moodle's ``<question type="matching">``: a ``<subquestion>`` per pair, its left side as
    the text and its right side as the answer (plain text, as Moodle stores it)."""
    question = mx.question(q, lang, "matching")
    mx.value(question, "shuffleanswers", "true")
    for pair in q.pairs:
        sub = mx.text(question, "subquestion", pair.left.get(lang))
        mx.text(sub, "answer", pair.right.get(lang), None)
    return mx.serialise(question)


def check(q: Question, say: Say) -> None:
    if q.options:
        say("a matching question has pairs, not options; remove 'options'", "options")
    if len(q.pairs) < 3:
        say(f"a matching question needs at least 3 pairs (found {len(q.pairs)})", "pairs")
    for side in ("left", "right"):
        distinct([getattr(p, side) for p in q.pairs], say, f"pair {side} side", "pairs")
