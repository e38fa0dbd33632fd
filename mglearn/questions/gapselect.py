"""Select missing words (Moodle's gapselect): a prompt with gaps ``[[1]]``, ``[[2]]``, ...; the
options are the words to choose from; the correct options, in authored order, fill gap 1, 2, ...
and the others are distractors. Every gap chooses among all the options (Moodle's one group).

A response has one entry per gap: the index of the option chosen for it, or None while
unanswered. The score is the fraction of gaps filled right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..content import Question
from . import _choice
from . import moodle_syntax as mx
from .base import Response, Say
from .gift_syntax import gift_escape, gift_left

GAP = re.compile(r"\[\[(\d+)\]\]")

shown_order = _choice.shuffled

FAST_SECONDS = 30.0
ITEM_RULES: tuple[str, ...] = ("option_sides", "gap_keys")
TESTWISE: tuple[str, ...] = ("choice", "gap_fit")
DISTRACTORS = True  # the distractor table lists each word: who chose it for some gap


def keys(q: Question) -> list[int]:
    """The option that fills each gap, gap 1 first."""
    return [i for i, o in enumerate(q.options) if o.correct]


def is_answered(q: Question, response: Sequence[int | None]) -> bool:
    return len(response) == len(keys(q)) and all(r is not None for r in response)


def valid_response(q: Question, response: Response) -> bool:
    n = len(q.options)
    return len(response) == len(keys(q)) and all(r is None or 0 <= r < n for r in response)


def grade(q: Question, response: Response) -> float:
    right = keys(q)
    if not right:
        return 0.0
    return sum(1 for gap, key in enumerate(right) if gap < len(response) and response[gap] == key) / len(
        right
    )


def correct_response(q: Question) -> Response:
    return list(keys(q))


def _gaps(q: Question, response: Sequence[int | None], lang: str) -> list[str]:
    n = len(q.options)
    return [
        f"[[{gap}]] {q.options[i].text.get(lang)}"
        for gap, i in enumerate(response[: len(keys(q))], 1)
        if i is not None and 0 <= i < n
    ]


def response_text(q: Question, response: Sequence[int | None], lang: str) -> str:
    """``[[1]] word; [[2]] word``; a dash for none."""
    return "; ".join(_gaps(q, response, lang)) or "–"


def answer_text(q: Question, response: Sequence[int | None], lang: str) -> str:
    return "; ".join(_gaps(q, response, lang))


def gift_answers(q: Question, lang: str) -> list[str]:
    """GIFT has no gapselect: the gaps as a matching question (``[[1]] -> word``); the full
    type, distractors and all, is :func:`moodle_xml`."""
    return [f"\t={gift_left(f'[[{gap}]]')} -> {gift_escape(q.options[i].text.get(lang))}" for gap, i in
            enumerate(keys(q), 1)]  # fmt: skip


def moodle_xml(q: Question, lang: str) -> str:
    """The question as Moodle XML's ``<question type="gapselect">``: each gap's key first, the
    distractors after, all in group 1. Moodle reads ``[[n]]`` as "the n-th choice is right
    here", so with the keys first in gap order the prompt's gaps keep their numbers."""
    question = mx.question(q, lang, "gapselect")
    mx.value(question, "shuffleanswers", "1")
    right = keys(q)
    for i in right + [i for i in range(len(q.options)) if i not in right]:
        choice = mx.text(question, "selectoption", q.options[i].text.get(lang), None)
        mx.value(choice, "group", "1")
    return mx.serialise(question)


def key_length_ratios(q: Question) -> dict[str, float]:
    """Per language: the keys' mean length over the distractors' (characters, spacing
    normalised); the item rule ``gap_keys`` warns when the keys stand out by their length."""
    ratios = {}
    for lang in ("nl", "en"):
        lengths = [(len(" ".join(o.text.get(lang).split())), o.correct) for o in q.options]
        right = [n for n, correct in lengths if correct]
        wrong = [n for n, correct in lengths if not correct]
        if right and wrong and sum(wrong):
            ratios[lang] = (sum(right) / len(right)) / (sum(wrong) / len(wrong))
    return ratios


def check(q: Question, say: Say) -> None:
    if q.pairs:
        say("a gapselect question has options, not pairs; remove 'pairs'", "pairs")
    n = len(keys(q))
    if n < 1:
        say("a gapselect question needs at least one correct option (one per gap)", "options")
    if n == len(q.options):
        say("a gapselect question needs at least one wrong option (a distractor)", "options")
    for lang in ("nl", "en"):
        gaps = [int(m) for m in GAP.findall(q.prompt.get(lang))]
        if gaps != list(range(1, n + 1)):
            say(f"the prompt ({lang}) has gaps [[1]] to [[{n}]] in order, one per correct option", "prompt")
    _choice.check_texts(q, say)
