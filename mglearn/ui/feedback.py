"""Feedback with some life in it (issue 30): after a practice check every option is marked,
the right one on green and a wrong choice on red, each with a word and an icon (never colour
alone); the daily goal as a progress bar and the streak beside it; a short summary after a
session."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from mglearn.content import Question

from . import state
from .practice_parts import Status
from .state import t, tn

RIGHT_ICON, WRONG_ICON = ":material/check_circle:", ":material/cancel:"


def _plain(text: str) -> str:
    """An option's text inside a ``:colour-background[...]`` directive: its brackets escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def highlight(text: str, correct: bool) -> str:
    """An option's text on green with a tick (right) or on red with a cross (wrong)."""
    colour, icon = ("green", RIGHT_ICON) if correct else ("red", WRONG_ICON)
    return f":{colour}-background[{icon} {_plain(text)}]"


def mark(correct: bool, chosen: bool) -> tuple[str, str, str] | None:
    """(background, icon, word key) for an option after the check; None: left as it was."""
    if correct:
        return "green", RIGHT_ICON, "feedback.your_right" if chosen else "feedback.right_answer"
    if chosen:
        return "red", WRONG_ICON, "feedback.your_wrong"
    return None


def marked_options(q: Question, order: Sequence[int], chosen: set[int], correct: set[int]) -> None:
    """Every option in the order shown, each in its own row: the right ones green, a wrong
    choice red, with an icon and a word; the rest plain."""
    lang = state.lang()
    for n, i in enumerate(order, 1):
        text = _plain(q.options[i].text.get(lang))
        found = mark(i in correct, i in chosen)
        with st.container(key=f"practice_mark_{n}"):
            if found is None:
                st.markdown(f"{n}\\. {text}")
            else:
                colour, icon, word = found
                st.markdown(f":{colour}-background[{icon} **{t(word)}** · {n}\\. {text}]")


def goal_and_streak(found: Status) -> None:
    """The daily goal as a progress bar (its words on it) and the streak in words and an icon."""
    streak = found.streak
    if streak.goal:
        done = min(streak.reviewed_today, streak.goal)
        text = t("practice.goal_progress", done=streak.reviewed_today, goal=streak.goal)
        if streak.goal_met:
            text += " · " + t("feedback.goal_met")
        st.progress(done / streak.goal, text=text)
    if streak.days:
        st.markdown(f":material/local_fire_department: **{tn('plural.practice_streak', streak.days)}**")


def summary(scores: Sequence[float], found: Status) -> None:
    """After a session: how it went in three numbers (each with an icon and a word), the
    daily goal and the streak."""
    st.header(t("practice.summary"))
    right = sum(1 for s in scores if s >= 1)
    partly = sum(1 for s in scores if 0 < s < 1)
    wrong = sum(1 for s in scores if s <= 0)
    st.markdown(
        t(
            "practice.summary_counts",
            total=tn("plural.questions", len(scores)),
            right=right,
            partly=partly,
            wrong=wrong,
        )
    )
    with st.container(horizontal=True, key="practice_summary"):
        st.metric(f"{RIGHT_ICON} {t('quiz.mark_right')}", right, border=True)
        st.metric(f":material/timelapse: {t('quiz.mark_partly')}", partly, border=True)
        st.metric(f"{WRONG_ICON} {t('quiz.mark_wrong')}", wrong, border=True)
    if scores and right == len(scores):
        st.success(t("feedback.all_right"), icon=":material/celebration:")
    goal_and_streak(found)
