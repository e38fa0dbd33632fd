"""The widgets of a select-missing-words question (mglearn/questions/gapselect.py): a select
box per gap, labelled as the prompt marks it (``[[1]]``), its choices every option in the
shown order; the review is a table of the learner's words against the right ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from mglearn.attempts import Drawn, Response
from mglearn.content import Question
from mglearn.questions.gapselect import keys
from mglearn.ui import state
from mglearn.ui.state import t


def _boxes(key: str, q: Question, order: Sequence[int], **kwargs: Any) -> None:
    lang = state.lang()
    for gap in range(len(keys(q))):
        st.selectbox(
            f"[[{gap + 1}]]",
            options=list(order),
            index=None,
            format_func=lambda i: q.options[i].text.get(lang),
            placeholder=t("quiz.choose_placeholder"),
            key=f"{key}_{gap}",
            **kwargs,
        )


def response_of(q: Question, key: str, order: Sequence[int]) -> Response:
    return [st.session_state.get(f"{key}_{gap}") for gap in range(len(keys(q)))]


def wanted(key: str, q: Question, drawn: Drawn, current: Sequence[int | None]) -> dict[str, object]:
    out: dict[str, object] = {}
    for gap in range(len(keys(q))):
        chosen = current[gap] if gap < len(current) else None
        out[f"{key}_{gap}"] = chosen if chosen in drawn.order else None
    return out


def review(q: Question, drawn: Drawn, response: Sequence[int | None]) -> list[str]:
    lang = state.lang()
    lines = []
    for gap, right in enumerate(keys(q)):
        chosen = response[gap] if gap < len(response) else None
        mine = q.options[chosen].text.get(lang) if chosen is not None else t("quiz.no_answer")
        mark = "✅" if chosen == right else "❌"
        lines.append(f"| [[{gap + 1}]] | {mark} {mine} | {q.options[right].text.get(lang)} |")
    heads = ("", t("quiz.your_answer"), t("quiz.correct_answer"))
    return ["| " + " | ".join(heads) + " |\n|---|---|---|\n" + "\n".join(lines)]


def inputs(
    key: str, q: Question, drawn: Drawn, on_change: Callable[..., None], args: tuple[Any, ...]
) -> None:
    _boxes(key, q, drawn.order, on_change=on_change, args=args)


def practice_response(key: str, q: Question) -> Response:
    return response_of(q, key, ())


def practice_inputs(run: dict[str, Any], key: str, q: Question, order: tuple[int, ...]) -> None:
    _boxes(key, q, order, disabled=run["checked"] is not None)


def practice_feedback(q: Question, response: Sequence[int | None]) -> None:
    lang = state.lang()
    rows = [f"- [[{gap}]] {q.options[i].text.get(lang)}" for gap, i in enumerate(keys(q), 1)]
    st.markdown(f"**{t('quiz.correct_answer')}:**\n" + "\n".join(rows))
