"""Each question type's widgets: how a quiz, an exam and practice ask it and show it back.

The pages dispatch through :data:`WIDGETS` (a question's ``type:`` to its :class:`Widgets`);
what a type *is* (grading, texts, checks) lives in mglearn/questions/, without streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from mglearn.attempts import Drawn, Response
from mglearn.content import Question
from mglearn.ui import choice_widgets, gapselect_widgets, matching_widgets


@dataclass(frozen=True)
class Widgets:
    #: (q, key, order): the answer the quiz or exam widgets hold now, as the store keeps it.
    response_of: Callable[[Question, str, Sequence[int]], Response]
    #: (key, q, drawn, current): the widget states that show a stored answer.
    wanted: Callable[[str, Question, Drawn, Sequence[int | None]], dict[str, object]]
    #: (q, drawn, response): the review's Markdown paragraphs between the head and the explanation.
    review: Callable[[Question, Drawn, Sequence[int | None]], list[str]]
    #: (key, q, drawn, on_change, args): the quiz or exam input widgets.
    inputs: Callable[[str, Question, Drawn, Callable[..., None], tuple[Any, ...]], None]
    #: (key, q): the answer a practice card's widgets hold now.
    practice_response: Callable[[str, Question], Response]
    #: (run, key, q, order): a practice card's inputs, with their captions.
    practice_inputs: Callable[[dict[str, Any], str, Question, tuple[int, ...]], None]
    #: (q, response): a practice card's feedback after the check (before the explanation).
    practice_feedback: Callable[[Question, Sequence[int | None]], None]


def _choice(one: bool) -> Widgets:
    return Widgets(
        response_of=partial(choice_widgets.response_of, one),
        wanted=partial(choice_widgets.wanted, one),
        review=choice_widgets.review,
        inputs=partial(choice_widgets.inputs, one),
        practice_response=choice_widgets.practice_response,
        practice_inputs=partial(choice_widgets.practice_inputs, one),
        practice_feedback=choice_widgets.practice_feedback,
    )


MATCHING = Widgets(
    response_of=matching_widgets.response_of,
    wanted=matching_widgets.wanted,
    review=matching_widgets.review,
    inputs=matching_widgets.inputs,
    practice_response=matching_widgets.practice_response,
    practice_inputs=matching_widgets.practice_inputs,
    practice_feedback=matching_widgets.practice_feedback,
)

WIDGETS: dict[str, Widgets] = {
    "single": _choice(one=True),
    "multiple": _choice(one=False),
    "true_false": _choice(one=True),
    "matching": MATCHING,
    "gapselect": Widgets(
        response_of=gapselect_widgets.response_of,
        wanted=gapselect_widgets.wanted,
        review=gapselect_widgets.review,
        inputs=gapselect_widgets.inputs,
        practice_response=gapselect_widgets.practice_response,
        practice_inputs=gapselect_widgets.practice_inputs,
        practice_feedback=gapselect_widgets.practice_feedback,
    ),
}


def widgets(q: Question) -> Widgets:
    return WIDGETS[q.type]
