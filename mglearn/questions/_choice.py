"""What the option-based types (single, multiple, true/false) share: a response is the indices
of the chosen options in the authored list."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from ..content import LANGS, Question
from . import moodle_syntax as mx
from .base import Response, Say, distinct
from .gift_syntax import gift_escape, gift_option

_CATCH_ALL = re.compile(
    r"\b(all|none) of the (above|options)\b|\b(alle|geen van de|geen van) (bovenstaande|antwoorden)\b",
    re.IGNORECASE,
)


def shuffled(q: Question, rng: random.Random) -> tuple[int, ...]:
    """The options in a shuffled order: nothing on screen follows the order the author listed
    them in (authors tend to put the right ones first)."""
    order = list(range(len(q.options)))
    rng.shuffle(order)
    return tuple(order)


def is_answered(q: Question, response: Sequence[int | None]) -> bool:
    return bool(response)


def valid_indices(q: Question, response: Response) -> bool:
    """Every index an option of the question, none twice."""
    n = len(q.options)
    if any(r is None or not 0 <= r < n for r in response):
        return False
    return len(set(response)) == len(response)


def valid_one(q: Question, response: Response) -> bool:
    return valid_indices(q, response) and len(response) <= 1


def grade_one(q: Question, response: Response) -> float:
    """1 for the one correct option alone, else 0."""
    correct = {i for i, o in enumerate(q.options) if o.correct}
    chosen = {r for r in response if r is not None}
    return 1.0 if len(chosen) == 1 and chosen <= correct else 0.0


def correct_response(q: Question) -> Response:
    return [i for i, o in enumerate(q.options) if o.correct]


def _texts(q: Question, response: Sequence[int | None], lang: str) -> list[str]:
    return [q.options[i].text.get(lang) for i in response if i is not None and 0 <= i < len(q.options)]


def response_text(q: Question, response: Sequence[int | None], lang: str) -> str:
    """``B; C``: the chosen options' texts; a dash for none."""
    return "; ".join(_texts(q, response, lang)) or "–"


def answer_text(q: Question, response: Sequence[int | None], lang: str) -> str:
    """``B | C``: the chosen options' texts; empty for none."""
    return " | ".join(_texts(q, response, lang))


def gift_one(q: Question, lang: str) -> list[str]:
    """``=right#feedback`` and ``~wrong#feedback`` lines."""
    lines = []
    for o in q.options:
        text = gift_escape(o.text.get(lang)) if o.correct else gift_option(o.text.get(lang))
        mark = "=" if o.correct else "~"
        lines.append(f"\t{mark}{text}#{gift_escape(o.feedback.get(lang))}")
    return lines


def multichoice_xml(q: Question, lang: str, single: bool, shares: Sequence[float]) -> str:
    """Moodle XML's ``<question type="multichoice">``: one weight per option, in order."""
    question = mx.question(q, lang, "multichoice")
    settings = {"single": str(single).lower(), "shuffleanswers": "true", "answernumbering": "abc"}
    for tag, value in settings.items():
        mx.value(question, tag, value)
    for option, share in zip(q.options, shares, strict=True):
        mx.answer(question, option.text.get(lang), share, option.feedback.get(lang))
    return mx.serialise(question)


def moodle_one(q: Question, lang: str) -> str:
    """One right option (weight 100 %), the others 0."""
    return multichoice_xml(q, lang, True, [1.0 if o.correct else 0.0 for o in q.options])


def check_options(q: Question, say: Say) -> None:
    """What every option-based question needs: no pairs, distinct options, no catch-alls."""
    if q.pairs:
        say(f"a {q.type} question has options, not pairs; remove 'pairs'", "pairs")


def check_texts(q: Question, say: Say) -> None:
    distinct([o.text for o in q.options], say, "option text", "options")
    for j, option in enumerate(q.options):
        for lang in LANGS:
            if _CATCH_ALL.search(option.text.get(lang)):
                say(
                    "no 'all/none of the above' options: the order is shuffled; name the options instead",
                    "options",
                    j,
                    "text",
                )
                break


def check_count(q: Question, say: Say) -> None:
    if len(q.options) < 2:
        say(f"a question needs at least 2 options (found {len(q.options)})", "options")


def check_one_correct(q: Question, say: Say) -> None:
    correct = sum(o.correct for o in q.options)
    if correct != 1:
        say(f"exactly one option must be correct (found {correct})", "options")
