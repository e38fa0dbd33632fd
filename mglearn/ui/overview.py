"""Overview: the seven lessons as a path, each with its status, and where to continue."""

from __future__ import annotations

import streamlit as st

from mglearn.i18n import pct
from mglearn.progress import assignment_status, lesson_statuses, next_action, steps_done
from mglearn.ui import practice_parts, state
from mglearn.ui.state import t, tn
from mglearn.ui.widgets import date, go, link, md_escape, page_title

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

page_title("nav.overview")
person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()
state.show_flash()

reads = store.learners.reads(person.id)
attempts = store.attempts.learner_attempts(person.id)
statuses = lesson_statuses(content, reads, attempts)
st.title(t("overview.title"))

assignments = store.groups.assignments([g.id for g in store.groups.learner_groups(person.id)])
if assignments:
    st.header(t("overview.assignments"))
    now = state.now()
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
    st.header(t("overview.path"))

done, total = steps_done(statuses)
st.progress(done / total if total else 0.0, text=tn("plural.steps", total, done=done))

action = next_action(statuses)
if action is None:
    st.success(t("overview.all_done"), icon=":material/celebration:")
else:
    kind, target = action
    label = t(f"overview.{kind}", n=target.lesson.order, title=target.lesson.title.get(lang))
    if st.button(label, type="primary", icon=":material/play_arrow:", shortcut="Enter", key="next_action"):
        if kind.endswith("_quiz") and target.quiz_id:
            go("quiz", quiz=target.quiz_id)
        else:
            go("lesson", lesson=target.lesson.id)

practice_parts.overview_section(store, content, person.id, lang)

for s in statuses:
    with st.container(border=True):
        head, actions = st.columns([3, 2], vertical_alignment="center")
        with head:
            st.markdown(f"**{s.lesson.order}. {s.lesson.title.get(lang)}**")
            status_text = t(f"status.{s.status}", best=pct(s.best))
            st.caption(f"{tn('plural.minutes', s.lesson.minutes)} · {status_text}")
        with actions:
            left, right = st.columns(2)
            with left:
                link("lesson", t("overview.read"), icon=ICONS["read"], lesson=s.lesson.id)
            with right:
                if s.quiz_id:
                    link("quiz", t("overview.quiz"), icon=ICONS[s.status], quiz=s.quiz_id)
