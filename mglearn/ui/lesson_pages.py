"""A lesson one section at a time (issue 30): a reading mode the learner chooses.

The server cannot know how wide the window is (a script run sees no viewport), so the mode is
the learner's choice, shown above the lesson ("Eén deel per scherm" / "Alles onder elkaar"). Its
first value is a guess from the browser's User-Agent header (st.context.headers): a phone's
browser says "Mobile" (iPhone, Android) and starts with one section per screen; anything else
with the whole lesson, as before. Either way the learner can switch, and the choice holds for
the session. Paged, "Vorige"/"Volgende" step through the sections; the key points and "Markeer
als gelezen" come with the last one, so reading is still stored by mark_read."""

from __future__ import annotations

import json

import streamlit as st

from mglearn.content import Lesson, Section
from mglearn.ui import state
from mglearn.ui.state import t

MODE = "lesson_mode"
PAGED, ALL = "paged", "all"


def _step_key(lesson: Lesson) -> str:
    return f"lesson_step_{lesson.id}"


def sections(lesson: Lesson, focused: Section | None) -> tuple[list[Section], bool]:
    """The reading-mode control; the sections to show and whether the lesson's end is shown."""
    if MODE not in st.session_state:
        st.session_state[MODE] = PAGED if state.on_phone() else ALL
    st.segmented_control(
        t("lesson.reading"),
        [PAGED, ALL],
        format_func=lambda mode: t(f"lesson.mode_{mode}"),
        required=True,
        key=MODE,
    )
    if st.session_state.get(MODE) != PAGED:
        return list(lesson.sections), True
    key, count = _step_key(lesson), len(lesson.sections)
    if focused is not None and st.session_state.get("lesson_focus_opened") != (lesson.id, focused.id):
        st.session_state["lesson_focus_opened"] = (lesson.id, focused.id)  # a review link, once
        st.session_state[key] = lesson.sections.index(focused)
    step = min(max(int(st.session_state.get(key, 0)), 0), count - 1)
    st.session_state[key] = step
    return [lesson.sections[step]], step == count - 1


def _move(key: str, by: int) -> None:
    st.session_state[key] = int(st.session_state.get(key, 0)) + by
    st.session_state["lesson_paged"] = True


def paging(lesson: Lesson, section: Section) -> None:
    """Under a section shown alone: where the reader is, "Vorige" and "Volgende"."""
    if st.session_state.get(MODE) != PAGED:
        return
    key, count = _step_key(lesson), len(lesson.sections)
    step = lesson.sections.index(section)
    st.caption(t("lesson.section_of", n=step + 1, total=count))
    row = st.container(horizontal=True, key="lesson_paging")
    row.button(
        t("lesson.prev_section"),
        icon=":material/arrow_back:",
        disabled=step == 0,
        on_click=_move,
        args=(key, -1),
        key="lesson_prev_section",
    )
    row.button(
        t("lesson.next_section"),
        icon=":material/arrow_forward:",
        type="primary",
        disabled=step == count - 1,
        on_click=_move,
        args=(key, 1),
        key="lesson_next_section",
    )
    if st.session_state.pop("lesson_paged", False):  # a new section: its title at the top
        target = json.dumps(section.id).replace("<", "\\u003c")
        st.html(
            "<script>(function () {"
            f"const id = {target}; let tries = 0;"
            "const go = () => { const el = document.getElementById(id);"
            " if (el) { el.scrollIntoView({block: 'start'}); }"
            " else if (tries++ < 50) { setTimeout(go, 100); } };"
            "go(); })();</script>",
            unsafe_allow_javascript=True,
            width="content",
        )
