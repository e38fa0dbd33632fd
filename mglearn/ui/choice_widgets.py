"""The widgets of the option-based question types (single, multiple, true/false): a radio or
check boxes in a quiz or exam, numbered buttons in practice. ``one``: a single choice (single,
true/false); otherwise any number of them (multiple)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from mglearn.attempts import Drawn, Response, correct_response
from mglearn.content import Question
from mglearn.ui import feedback, state
from mglearn.ui.state import t

MAX_KEYS = 9  # number keys 1..9 in practice


def box_key(key: str, position: int) -> str:
    """The key of the checkbox shown at ``position`` (0 = first on screen). Keys reach the
    browser (``st-key-...`` classes, the agent API), so they never name an option's authored
    index: authors tend to list the right options first, and such a key gave them away. A
    radio or a select box sends only the position of the choice; its values stay on the server."""
    return f"{key}_{position}"


# -- a quiz or an exam --


def response_of(one: bool, q: Question, key: str, order: Sequence[int]) -> Response:
    if one:
        value = st.session_state.get(key)
        return [] if value is None else [int(value)]
    return [i for position, i in enumerate(order) if st.session_state.get(box_key(key, position))]


def wanted(
    one: bool, key: str, q: Question, drawn: Drawn, current: Sequence[int | None]
) -> dict[str, object]:
    if one:
        return {key: current[0] if current and current[0] in drawn.order else None}
    return {box_key(key, position): i in current for position, i in enumerate(drawn.order)}


def option_texts(q: Question, response: Sequence[int | None], marked: bool = False) -> str:
    """The options' texts, one or a list; ``marked``: each on green (right) or red (wrong),
    with its icon (issue 30: never colour alone)."""
    lang = state.lang()
    texts = [q.options[i].text.get(lang) for i in response if i is not None]
    if marked:
        texts = [
            feedback.highlight(text, q.options[i].correct)
            for text, i in zip(texts, [i for i in response if i is not None], strict=True)
        ]
    if len(texts) > 1:
        return "\n" + "\n".join(f"- {text}" for text in texts)
    return texts[0] if texts else t("quiz.no_answer")


def review(q: Question, drawn: Drawn, response: Sequence[int | None]) -> list[str]:
    """The learner's answer, the right one, and the feedback on each option they chose."""
    lang = state.lang()
    parts = [
        f"**{t('quiz.your_answer')}:** {option_texts(q, response, marked=True)}",
        f"**{t('quiz.correct_answer')}:** {option_texts(q, correct_response(q), marked=True)}",
    ]
    for i in drawn.order:
        if i in response:
            option = q.options[i]
            mark = "✅" if option.correct else "❌"
            parts.append(f"{mark} *{option.text.get(lang)}* — {option.feedback.get(lang)}")
    return parts


def inputs(
    one: bool, key: str, q: Question, drawn: Drawn, on_change: Callable[..., None], args: tuple[Any, ...]
) -> None:
    lang = state.lang()
    if one:
        st.radio(
            t("quiz.pick_one"),
            options=list(drawn.order),
            index=None,
            format_func=lambda i: q.options[i].text.get(lang),
            key=key,
            on_change=on_change,
            args=args,
        )
        return
    if t("quiz.pick_all").rstrip(".").lower() not in q.prompt.get(lang).lower():
        st.caption(t("quiz.pick_all"))  # once: most prompts already say it
    for position, i in enumerate(drawn.order):
        label = q.options[i].text.get(lang)
        st.checkbox(label, key=box_key(key, position), on_change=on_change, args=args)


# -- practice --


def practice_response(key: str, q: Question) -> Response:
    return list(st.session_state.get(key, []))


def choose(one: bool, run: dict[str, Any], key: str, option: int) -> None:
    """on_click of an option (or its number key): single choice replaces, multiple toggles."""
    if run["checked"] is not None:
        return
    current = list(st.session_state.get(key, []))
    if one:
        current = [option]
    else:
        current = [i for i in current if i != option] if option in current else [*current, option]
    st.session_state[key] = current


def practice_inputs(one: bool, run: dict[str, Any], key: str, q: Question, order: tuple[int, ...]) -> None:
    """A button per option, its number its shortcut; after the check, marked right or wrong."""
    lang = state.lang()
    if not one:
        st.caption(t("quiz.pick_all"))
    chosen = set(practice_response(key, q))
    locked = run["checked"] is not None
    correct = set(correct_response(q))
    if locked:  # checked: every option marked, right green and a wrong choice red, in words
        feedback.marked_options(q, order, chosen, correct)
        return
    for n, i in enumerate(order, 1):
        text = q.options[i].text.get(lang)
        label = f"`{n}` {text}" if n <= MAX_KEYS else text  # ("1. x" would render as a list)
        st.button(
            label,
            key=f"{key}_opt{n - 1}",  # the shown position, never the authored index
            type="primary" if i in chosen else "secondary",
            shortcut=str(n) if n <= MAX_KEYS else None,
            width="stretch",
            on_click=choose,
            args=(one, run, key, i),
        )
    if not state.on_phone():  # a phone has no number keys
        st.caption(t("practice.keys", first=1, last=min(len(order), MAX_KEYS)))


def practice_feedback(q: Question, response: Sequence[int | None]) -> None:
    """The feedback on each option chosen."""
    lang = state.lang()
    for i in response:
        if i is None:
            continue
        option = q.options[i]
        mark = "✅" if option.correct else "❌"
        st.markdown(f"{mark} *{option.text.get(lang)}* — {option.feedback.get(lang)}")
