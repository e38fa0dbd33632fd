"""Single choice: one correct option among at least two; right or wrong."""

from __future__ import annotations

from ..content import Question
from . import _choice
from .base import Say

answer_text = _choice.answer_text
correct_response = _choice.correct_response
is_answered = _choice.is_answered
response_text = _choice.response_text
gift_answers = _choice.gift_one
moodle_xml = _choice.moodle_one
grade = _choice.grade_one
shown_order = _choice.shuffled
valid_response = _choice.valid_one

FAST_SECONDS = 12.0
ITEM_RULES: tuple[str, ...] = ("single_choice", "article_copy", "option_sides")
TESTWISE: tuple[str, ...] = ("choice",)
DISTRACTORS = True


def check(q: Question, say: Say) -> None:
    _choice.check_options(q, say)
    _choice.check_count(q, say)
    _choice.check_one_correct(q, say)
    _choice.check_texts(q, say)
