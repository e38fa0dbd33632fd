"""Small shared widgets and helpers for the pages."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from mglearn import i18n

from . import state
from .state import PAGES, params, t


def md_escape(text: str) -> str:
    """Names are text: escape Markdown so a name can never format, link or inject anything."""
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + ch if ch in specials else ch for ch in text)


def date(value: datetime | None) -> str:
    return value.astimezone().strftime("%d-%m-%Y %H:%M") if value else "–"


def go(page: str, **extra: str) -> None:
    """Switch to a page, keeping the learner's code in the URL."""
    st.switch_page(f"{PAGES}/{page}.py", query_params=params(**extra))


def link(page: str, label: str, icon: str | None = None, **extra: str) -> None:
    st.page_link(f"{PAGES}/{page}.py", label=label, icon=icon, query_params=params(**extra))


def back_to_overview() -> None:
    link("overview", t("quiz.back_to_overview"), icon=":material/arrow_back:")


def language_picker(key: str) -> None:
    """Dutch or English; remembered with the learner once signed in."""

    def changed() -> None:
        choice = st.session_state.get(key)
        if choice in i18n.LANGS:
            st.session_state[state.LANG] = choice
            person = state.learner()
            if person is not None:
                state.store().set_language(person.id, choice)

    st.session_state[key] = state.lang()
    st.segmented_control(
        t("nav.language"),
        options=list(i18n.LANGS),
        format_func=lambda code: i18n.LANG_NAMES[code],
        key=key,
        on_change=changed,
        required=True,
    )


def local_time(value: datetime) -> str:
    """A time of day as the viewer reads it (seconds: "saved at" marks)."""
    return value.astimezone().strftime("%H:%M:%S")
