"""Overview: the seven lessons as a path, each with its status, and where to continue."""

from __future__ import annotations

import streamlit as st

from mglearn.i18n import pct
from mglearn.progress import assignment_status, lesson_statuses, next_step, steps_done
from mglearn.store import utcnow
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import date, go, link, md_escape

ASSIGNMENT_ICONS = {
    "not_started": ":grey[:material/radio_button_unchecked:]",
    "in_progress": ":orange[:material/pending:]",
    "done": ":green[:material/check_circle:]",
    "overdue": ":red[:material/schedule:]",
}
ICONS = {
    "not_started": ":material/radio_button_unchecked:",
    "read": ":material/menu_book:",
    "in_progress": ":material/pending:",
    "failed": ":material/replay:",
    "passed": ":material/check_circle:",
}

person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()
state.show_flash()

reads = store.reads(person.id)
attempts = store.attempts(person.id)
statuses = lesson_statuses(content, reads, attempts)
st.title(t("overview.title"))

assignments = store.assignments([g.id for g in store.learner_groups(person.id)])
if assignments:
    st.subheader(t("overview.assignments"))
    now = utcnow()
    for a in assignments:
        status = assignment_status(a, reads, attempts, now)
        with st.container(border=True):
            due = t("overview.due", date=date(a.due_at))
            st.markdown(f"{ASSIGNMENT_ICONS[status]} **{md_escape(a.title)}** · {due}")
            st.caption(t(f"astatus.{status}"))
            cols = st.columns(max(1, len(a.lessons) + len(a.quizzes)))
            i = 0
            for lesson_id in a.lessons:
                lesson = content.lesson(lesson_id)
                if lesson is not None:
                    with cols[i]:
                        done = ":material/check:" if lesson_id in reads else ":material/menu_book:"
                        link(
                            "lesson", f"{lesson.order}. {lesson.title.get(lang)}", icon=done, lesson=lesson_id
                        )
                    i += 1
            for quiz_id in a.quizzes:
                quiz = content.quiz(quiz_id)
                if quiz is not None:
                    with cols[i]:
                        link("quiz", quiz.title.get(lang), icon=":material/quiz:", quiz=quiz_id)
                    i += 1
    st.subheader(t("overview.path"))

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
