"""What the quiz and the exam pages share: a question's widgets in and out of the store, and
the review of a graded question. Grading itself is mglearn.attempts.grade, for both."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from mglearn.attempts import Drawn, correct_response
from mglearn.content import Question
from mglearn.i18n import pct
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import link_to_section


def box_key(key: str, position: int) -> str:
    """The key of the checkbox shown at ``position`` (0 = first on screen). Keys reach the
    browser (``st-key-...`` classes, the agent API), so they never name an option's authored
    index: authors tend to list the right options first, and such a key gave them away. A
    radio or a select box sends only the position of the choice; its values stay on the server."""
    return f"{key}_{position}"


def response_of(q: Question, key: str, order: Sequence[int]) -> list[int | None]:
    """The answer the question's widgets hold now, as the store keeps it."""
    if q.type in ("single", "true_false"):
        value = st.session_state.get(key)
        return [] if value is None else [int(value)]
    if q.type == "multiple":
        return [i for position, i in enumerate(order) if st.session_state.get(box_key(key, position))]
    return [st.session_state.get(f"{key}_{j}") for j in range(len(q.pairs))]


def show_stored(key: str, q: Question, drawn: Drawn, current: Sequence[int | None]) -> None:
    """Make the widgets show the stored answer: the store is the truth, so a tab never shows
    (or later submits) an answer that is not stored. Only a widget whose state differs is
    written: writing one pushes its value to the browser, which must not race a click that
    is on its way."""
    wanted: dict[str, object] = {}
    if q.type in ("single", "true_false"):
        wanted[key] = current[0] if current and current[0] in drawn.order else None
    elif q.type == "multiple":
        wanted.update({box_key(key, position): i in current for position, i in enumerate(drawn.order)})
    else:
        for j in range(len(q.pairs)):
            chosen = current[j] if j < len(current) else None
            wanted[f"{key}_{j}"] = chosen if chosen in drawn.order else None
    for name, value in wanted.items():
        if name in st.session_state:
            if st.session_state[name] != value:
                st.session_state[name] = value
        elif value is not None and value is not False:  # (0 is an option index, not "unset")
            st.session_state[name] = value


def option_texts(q: Question, response: Sequence[int | None]) -> str:
    lang = state.lang()
    texts = [q.options[i].text.get(lang) for i in response if i is not None]
    if len(texts) > 1:
        return "\n" + "\n".join(f"- {text}" for text in texts)
    return texts[0] if texts else t("quiz.no_answer")


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
    if q.type == "matching":
        lines = []
        for j, pair in enumerate(q.pairs):
            chosen = response[j] if j < len(response) else None
            mine = q.pairs[chosen].right.get(lang) if chosen is not None else t("quiz.no_answer")
            mark = "✅" if chosen == j else "❌"
            lines.append(f"| {pair.left.get(lang)} | {mark} {mine} | {pair.right.get(lang)} |")
        heads = (t("quiz.match_item"), t("quiz.your_answer"), t("quiz.correct_answer"))
        parts.append("| " + " | ".join(heads) + " |\n|---|---|---|\n" + "\n".join(lines))
    else:
        parts.append(f"**{t('quiz.your_answer')}:** {option_texts(q, response)}")
        parts.append(f"**{t('quiz.correct_answer')}:** {option_texts(q, correct_response(q))}")
        for i in drawn.order:
            if i in response:
                option = q.options[i]
                mark = "✅" if option.correct else "❌"
                parts.append(f"{mark} *{option.text.get(lang)}* — {option.feedback.get(lang)}")
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
    lang = state.lang()
    if q.type in ("single", "true_false"):
        st.radio(
            t("quiz.pick_one"),
            options=list(drawn.order),
            index=None,
            format_func=lambda i: q.options[i].text.get(lang),
            key=key,
            on_change=on_change,
            args=args,
        )
    elif q.type == "multiple":
        if t("quiz.pick_all").rstrip(".").lower() not in q.prompt.get(lang).lower():
            st.caption(t("quiz.pick_all"))  # once: most prompts already say it
        for position, i in enumerate(drawn.order):
            label = q.options[i].text.get(lang)
            st.checkbox(label, key=box_key(key, position), on_change=on_change, args=args)
    else:
        st.caption(t("quiz.match"))
        for j, pair in enumerate(q.pairs):
            st.selectbox(
                pair.left.get(lang),
                options=list(drawn.order),
                index=None,
                format_func=lambda i: q.pairs[i].right.get(lang),
                placeholder=t("quiz.choose_placeholder"),
                key=f"{key}_{j}",
                on_change=on_change,
                args=args,
            )
