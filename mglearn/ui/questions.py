"""What the quiz and the exam pages share: a question's widgets in and out of the store, and
the review of a graded question. Grading itself is mglearn.attempts.grade, for both."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from mglearn.attempts import Drawn
from mglearn.content import Question
from mglearn.i18n import pct
from mglearn.ui import state
from mglearn.ui.choice_widgets import box_key as box_key
from mglearn.ui.question_types import widgets
from mglearn.ui.state import t
from mglearn.ui.widgets import link_to_section


def response_of(q: Question, key: str, order: Sequence[int]) -> list[int | None]:
    """The answer the question's widgets hold now, as the store keeps it."""
    return widgets(q).response_of(q, key, order)


def show_stored(key: str, q: Question, drawn: Drawn, current: Sequence[int | None]) -> None:
    """Make the widgets show the stored answer: the store is the truth, so a tab never shows
    (or later submits) an answer that is not stored. Only a widget whose state differs is
    written: writing one pushes its value to the browser, which must not race a click that
    is on its way."""
    wanted = widgets(q).wanted(key, q, drawn, current)
    for name, value in wanted.items():
        if name in st.session_state:
            if st.session_state[name] != value:
                st.session_state[name] = value
        elif value is not None and value is not False:  # (0 is an option index, not "unset")
            st.session_state[name] = value


def review_question(
    number: int, drawn: Drawn, q: Question, response: Sequence[int | None], got: float, lesson_id: str | None
) -> None:
    """One graded question: the score (icon and word, never colour alone), the learner's
    answer and the right one, feedback on what they chose, the explanation, a link back."""
    lang = state.lang()
    if got >= 1:
        icon, word = ":green[:material/check_circle:]", t("quiz.mark_right")
    elif got > 0:
        icon, word = ":orange[:material/timelapse:]", t("quiz.mark_partly")
    else:
        icon, word = ":red[:material/cancel:]", t("quiz.mark_wrong")
    # One Markdown element for the whole review of a question, its parts as paragraphs: it
    # reads the same as one element per part, and the review page's run went from 41 to 29 ms
    # of server time (five elements per question before; measured as in benchmarks/load.py).
    head = f"{icon} **{word}** · **{t('quiz.question', n=number)}**"
    parts = [f"{head} · {q.prompt.get(lang)} · *{pct(got)}*"]
    parts += widgets(q).review(q, drawn, response)
    parts.append(f"**{t('quiz.explanation')}:** {q.explanation.get(lang)}")
    with st.container(border=True, key=f"review_{number}"):
        st.markdown("\n\n".join(parts))
        if lesson_id is not None:
            link_to_section(lesson_id, q.section)


def answer_widgets(
    key: str, q: Question, drawn: Drawn, on_change: Callable[..., None], args: tuple[Any, ...]
) -> None:
    """The question's input widgets in the attempt's option order; each change calls
    ``on_change(*args)``, which saves it. Nothing is preselected (index=None): a radio's
    default first option would look like an answer the learner never gave."""
    widgets(q).inputs(key, q, drawn, on_change, args)
