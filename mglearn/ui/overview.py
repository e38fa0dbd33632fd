"""Overview: the seven lessons as a path, each with its status, and where to continue."""

from __future__ import annotations

import streamlit as st

from mglearn.i18n import pct
from mglearn.progress import lesson_statuses, next_step, steps_done
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import go, link

person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()
state.show_flash()

statuses = lesson_statuses(content, store.reads(person.id), store.attempts(person.id))
st.title(t("overview.title"))

done, total = steps_done(statuses)
st.progress(done / total if total else 0.0, text=t("overview.progress", done=done, total=total))

step = next_step(statuses)
if step is None:
    st.success(t("overview.all_done"), icon=":material/celebration:")
else:
    kind, target = step
    label = t(f"next.{kind}", n=target.order, title=target.title.get(lang))
    if st.button(
        t("overview.continue", what=label), type="primary", icon=":material/play_arrow:", shortcut="Enter"
    ):
        quiz = content.quiz_for_lesson(target.id)
        if kind == "quiz" and quiz is not None:
            go("quiz", quiz=quiz.id)
        else:
            go("lesson", lesson=target.id)

ICONS = {
    "not_started": ":material/radio_button_unchecked:",
    "read": ":material/menu_book:",
    "in_progress": ":material/pending:",
    "failed": ":material/replay:",
    "passed": ":material/check_circle:",
}

for s in statuses:
    with st.container(border=True):
        head, actions = st.columns([3, 2], vertical_alignment="center")
        with head:
            st.markdown(f"**{s.lesson.order}. {s.lesson.title.get(lang)}**")
            status_text = t(f"status.{s.status}", best=pct(s.best))
            st.caption(f"{t('overview.minutes', n=s.lesson.minutes)} · {status_text}")
        with actions:
            left, right = st.columns(2)
            with left:
                link("lesson", t("overview.read"), icon=ICONS["read"], lesson=s.lesson.id)
            with right:
                if s.quiz_id:
                    link("quiz", t("overview.quiz"), icon=ICONS[s.status], quiz=s.quiz_id)
