"""Multiple response: any number of correct options (at least one right, one wrong); each
correct option chosen counts +1/k, each wrong one -1/k (k correct options), floored at 0."""

from __future__ import annotations

from ..content import Question
from . import _choice
from .base import Response, Say
from .gift_syntax import gift_escape

answer_text = _choice.answer_text
correct_response = _choice.correct_response
is_answered = _choice.is_answered
response_text = _choice.response_text
shown_order = _choice.shuffled

FAST_SECONDS = 20.0
ITEM_RULES: tuple[str, ...] = ("multiple", "article_copy", "option_sides")
TESTWISE: tuple[str, ...] = ("choice", "key_count")
DISTRACTORS = True


def valid_response(q: Question, response: Response) -> bool:
    return _choice.valid_indices(q, response)


def grade(q: Question, response: Response) -> float:
    correct = set(correct_response(q))
    chosen = {r for r in response if r is not None}
    k = len(correct)
    if k == 0:
        return 0.0
    raw = (len(chosen & correct) - len(chosen - correct)) / k
    return max(0.0, min(1.0, raw))


def _weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def gift_answers(q: Question, lang: str) -> list[str]:
    """``~%50%right#feedback`` and ``~%-50%wrong#feedback``: Moodle's partial credit."""
    k = sum(o.correct for o in q.options)
    lines = []
    for o in q.options:
        weight = 100 / k if o.correct else -100 / k
        feedback = gift_escape(o.feedback.get(lang))
        lines.append(f"\t~{_weight(weight)}{gift_escape(o.text.get(lang))}#{feedback}")
    return lines


def moodle_xml(q: Question, lang: str) -> str:
    """Moodle's multiple-answer multichoice: +1/k for a right option, -1/k for a wrong one
    (k right options); Moodle adds the weights of the chosen options and keeps the sum within
    0..100 %, as :func:`grade` does."""
    k = sum(o.correct for o in q.options)
    return _choice.multichoice_xml(q, lang, False, [(1 if o.correct else -1) / max(k, 1) for o in q.options])


def check(q: Question, say: Say) -> None:
    _choice.check_options(q, say)
    _choice.check_count(q, say)
    correct = sum(o.correct for o in q.options)
    if correct < 1:
        say("a multiple question needs at least one correct option (found 0)", "options")
    if correct == len(q.options):
        say("a multiple question needs at least one wrong option (all are correct)", "options")
    _choice.check_texts(q, say)
