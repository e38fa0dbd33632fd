"""Groups and assignments: create a group (it gets a join code), give it assignments."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import streamlit as st

from mglearn.errors import UserError
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import date, md_escape

trainer = state.require_trainer()
content = state.content()
lang = state.lang()
store = state.store()
state.show_flash()

st.title(t("groups.title"))

with st.form("new_group", clear_on_submit=True):
    st.subheader(t("groups.new"))
    name = st.text_input(t("groups.name"), key="group_name", max_chars=60)
    if st.form_submit_button(t("groups.create"), type="primary", icon=":material/group_add:"):
        try:
            group = store.create_group(trainer.id, name)
        except UserError as err:
            state.show_error(err)
        else:
            state.flash(t("groups.created", name=group.name))
            st.rerun()

groups = store.groups_of(trainer.id)
if not groups:
    st.info(t("groups.none"))
    st.stop()

lesson_title = {x.id: f"{x.order}. {x.title.get(lang)}" for x in content.lessons}
quiz_title = {x.id: x.title.get(lang) for x in content.quizzes}

for group in groups:
    members = store.members(group.id)
    label = f"{md_escape(group.name)} · {t('groups.members', n=len(members))}"
    with st.expander(label, expanded=len(groups) == 1):
        st.markdown(t("groups.join_code", code=group.join_code))
        if members:
            st.dataframe(
                [{t("trainer.name"): m.name} for m in members], hide_index=True, use_container_width=True
            )
        assignments = store.assignments([group.id])
        if assignments:
            st.markdown(f"**{t('groups.assignments')}**")
            for a in assignments:
                items = [lesson_title.get(x, x) for x in a.lessons] + [
                    quiz_title.get(x, x) for x in a.quizzes
                ]
                st.markdown(
                    f"- {md_escape(a.title)} · {t('overview.due', date=date(a.due_at))} · {', '.join(items)}"
                )
        with st.form(f"assignment_{group.id}", clear_on_submit=True):
            st.markdown(f"**{t('groups.new_assignment')}**")
            title = st.text_input(t("groups.assignment_title"), max_chars=120, key=f"a_title_{group.id}")
            lessons = st.multiselect(
                t("groups.lessons"),
                list(lesson_title),
                format_func=lesson_title.__getitem__,
                key=f"a_les_{group.id}",
            )
            quizzes = st.multiselect(
                t("groups.quizzes"),
                list(quiz_title),
                format_func=quiz_title.__getitem__,
                key=f"a_quiz_{group.id}",
            )
            due = st.date_input(
                t("groups.due"), value=datetime.now(UTC).date() + timedelta(days=7), key=f"a_due_{group.id}"
            )
            mark = st.number_input(
                t("groups.pass_mark"),
                min_value=1,
                max_value=100,
                value=None,
                step=5,
                key=f"a_mark_{group.id}",
            )
            if st.form_submit_button(t("groups.add_assignment"), icon=":material/add_task:"):
                due_at = datetime.combine(due, time(23, 59), tzinfo=UTC)
                try:
                    made = store.create_assignment(
                        group, title, lessons, quizzes, due_at, None if mark is None else mark / 100
                    )
                except UserError as err:
                    state.show_error(err)
                else:
                    state.flash(t("groups.assignment_created", title=made.title))
                    st.rerun()
