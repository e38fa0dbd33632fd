"""True/false: a statement with the options "Waar" (True) and "Niet waar" (False), shown in
that order however they were authored; right or wrong."""

from __future__ import annotations

import random

from ..content import Question
from . import _choice
from . import moodle_syntax as mx
from .base import Say

answer_text = _choice.answer_text
correct_response = _choice.correct_response
is_answered = _choice.is_answered
response_text = _choice.response_text
gift_answers = _choice.gift_one
grade = _choice.grade_one
valid_response = _choice.valid_one

FAST_SECONDS = 8.0
ITEM_RULES: tuple[str, ...] = ("true_false_item",)
TESTWISE: tuple[str, ...] = ("true_false",)
DISTRACTORS = True

TRUE_WORDS = ("waar", "true")
TRUE_FALSE = {("Waar", "True"), ("Niet waar", "False")}  # shown in this order (shown_order)


def shown_order(q: Question, rng: random.Random) -> tuple[int, ...]:
    """ "Waar", then "Niet waar" (the rng is not used)."""
    order = list(range(len(q.options)))
    order.sort(key=lambda i: q.options[i].text.nl.strip().lower() not in TRUE_WORDS)
    return tuple(order)


def moodle_xml(q: Question, lang: str) -> str:
    """Moodle's ``<question type="truefalse">``: the answers read ``true`` and ``false`` (what
    Moodle's import matches on), the right one weighted 100 %."""
    question = mx.question(q, lang, "truefalse")
    for i in shown_order(q, random.Random(0)):  # "Waar" first
        option = q.options[i]
        is_true = option.text.nl.strip().lower() in TRUE_WORDS
        mx.answer(question, "true" if is_true else "false", float(option.correct), option.feedback.get(lang),
                  "moodle_auto_format")  # fmt: skip
    return mx.serialise(question)


def check(q: Question, say: Say) -> None:
    _choice.check_options(q, say)
    if len(q.options) != 2:
        say(f"a true_false question has exactly 2 options (found {len(q.options)})", "options")
    elif {(o.text.nl, o.text.en) for o in q.options} != TRUE_FALSE:
        say(
            "a true_false question's options read 'Waar' (en: 'True') and 'Niet waar' (en: 'False')",
            "options",
        )
    _choice.check_one_correct(q, say)
    _choice.check_texts(q, say)
