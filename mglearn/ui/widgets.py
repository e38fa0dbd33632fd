"""Small shared widgets and helpers for the pages."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import streamlit as st

from mglearn import i18n
from mglearn.timezones import format_moment, to_zone, zone_or_default

from . import state
from .escape import WORD_JOINER as WORD_JOINER
from .escape import md_escape as md_escape
from .state import PAGES, params, t

STYLE = Path(__file__).with_name("style.css")  # every page's CSS, in one place


def viewer_zone() -> str:
    """The viewer's time zone: what their browser reports, else MGLEARN_TIMEZONE."""
    try:
        reported = st.context.timezone
    except Exception:  # no browser context (a bare script run)
        reported = None
    return zone_or_default(reported)


def date(value: datetime | None, zone: str | None = None, *, with_time: bool = True) -> str:
    """A stored (UTC) moment as the viewer reads it: ``01-12-2026 23:59`` in ``zone`` (default:
    the viewer's zone); a dash when there is none."""
    return format_moment(value, zone or viewer_zone(), with_time=with_time)


def page_title(key: str) -> None:
    """This page's own browser-tab title (app.py sets one for the app; a page's call wins)."""
    st.set_page_config(page_title=t("tab.title", page=t(key)))


def style() -> None:
    """The app's CSS (keyboard focus, print): style-only HTML takes no space on the page."""
    st.html(STYLE)


def link_to_section(lesson_id: str, section_id: str, label: str | None = None) -> None:
    """A link that opens the lesson at one section (the quiz review: "read this again")."""
    link(
        "lesson",
        label or t("quiz.to_section"),
        icon=":material/menu_book:",
        lesson=lesson_id,
        section=section_id,
    )


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
                state.store().learners.set_language(person.id, choice)

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
    return to_zone(value, viewer_zone()).strftime("%H:%M:%S")


def focus_after_rerun(selector: str) -> None:
    """Put keyboard focus on the element ``selector`` finds once this run has drawn it. A rerun
    that removes the focused button (e.g. "Markeer als gelezen") leaves focus on ``<body>``:
    a keyboard or screen reader user would start again at the top of the page. The selector
    is our own fixed text, never user input."""
    target = json.dumps(selector).replace("<", "\\u003c")
    st.html(
        "<script>(function () {"
        f"const selector = {target}; let tries = 0;"
        "const go = () => { const el = document.querySelector(selector);"
        " if (el) { el.focus(); } else if (tries++ < 50) { setTimeout(go, 100); } };"
        "go(); })();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )
