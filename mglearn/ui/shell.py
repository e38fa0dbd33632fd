"""Who is visiting, which pages they get, and the sidebar shared by every page."""

from __future__ import annotations

import streamlit as st

from . import state
from .state import PAGES, t
from .widgets import go, language_picker, md_escape


def resolve_visitor() -> None:
    """Sign in from ``?learner=CODE`` (refresh, bookmark) and keep the code in the URL."""
    code = st.query_params.get("learner")
    current = state.learner()
    if code and (current is None or current.code != code):
        found = state.store().learner_by_code(code)
        if found is not None:
            state.sign_in(found)
            current = found
    if current is not None and st.query_params.get("learner") != current.code:
        st.query_params["learner"] = current.code


def pages() -> list[st.Page]:
    learner = state.learner()
    start = st.Page(
        f"{PAGES}/start.py",
        title=t("nav.start"),
        icon=":material/home:",
        url_path="start",
        default=learner is None,
    )
    if learner is None:
        return [start]
    return [
        st.Page(
            f"{PAGES}/overview.py",
            title=t("nav.overview"),
            icon=":material/route:",
            url_path="overview",
            default=True,
        ),
        st.Page(f"{PAGES}/lesson.py", title=t("nav.lesson"), icon=":material/menu_book:", url_path="lesson"),
        st.Page(f"{PAGES}/quiz.py", title=t("nav.quiz"), icon=":material/quiz:", url_path="quiz"),
        st.Page(
            f"{PAGES}/progress.py", title=t("nav.progress"), icon=":material/insights:", url_path="progress"
        ),
        start,
    ]


def sidebar() -> None:
    with st.sidebar:
        language_picker("_lang_sidebar")
        learner = state.learner()
        if learner is not None:
            st.markdown(t("nav.signed_in_as", name=md_escape(learner.name)))
            st.caption(t("nav.your_code", code=learner.code))
            if st.button(t("nav.sign_out"), icon=":material/logout:"):
                state.sign_out()
                st.rerun()


def follow_goto() -> None:
    target = st.session_state.pop(state.GOTO, None)
    if target:
        go(target)
