"""Groups and assignments: create, rename and delete a group, share its join link, remove a
member, give it assignments and edit or delete them; change the trainer's own password.

Deleting asks first (a second button). Every name and title a user wrote is shown as text.
"""

from __future__ import annotations

from datetime import date as date_type
from datetime import timedelta
from urllib.parse import urlsplit

import streamlit as st

from mglearn.audit import Actor
from mglearn.errors import UserError
from mglearn.i18n import mark_pct, tn
from mglearn.records import Assignment, Group, Learner
from mglearn.timezones import due_end_of_day, to_zone
from mglearn.ui import account, exam_parts, examday_parts, state, tables, where
from mglearn.ui.state import t
from mglearn.ui.widgets import date, md_escape, viewer_zone

# session_state keys of this page: the action waiting for its confirmation, the assignment
# being edited (only this page reads them)
CONFIRM = "groups_confirm"
EDITING = "groups_editing"

trainer = state.require_trainer()
content = state.content()
lang = state.lang()
store = state.store()
zone = viewer_zone()
state.show_flash()

lesson_title = {x.id: f"{x.order}. {x.title.get(lang)}" for x in content.lessons}
quiz_title = {x.id: x.title.get(lang) for x in content.quizzes}


def join_link(code: str) -> str:
    """The app's own address (scheme, host, the server's base path) with ``/?join=CODE``."""
    url = st.context.url
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    path = f"/{base}/" if base else "/"
    if not url:
        return f"{path}?join={code}"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{path}?join={code}"


def ask(action: str, target: int) -> None:
    st.session_state[CONFIRM] = (action, target)


def asked(action: str, target: int) -> bool:
    return st.session_state.get(CONFIRM) == (action, target)


def confirm(message: str, yes: str, key: str) -> bool:
    """A warning with a confirm and a cancel button; True once confirmed."""
    st.warning(message, icon=":material/warning:")
    c1, c2 = st.columns(2)
    if c2.button(t("tw.cancel"), key=f"{key}_no"):
        st.session_state.pop(CONFIRM, None)
        st.rerun()
    if c1.button(yes, key=f"{key}_yes", type="primary"):
        st.session_state.pop(CONFIRM, None)
        return True
    return False


def items_of(a: Assignment) -> str:
    return ", ".join([lesson_title.get(x, x) for x in a.lessons] + [quiz_title.get(x, x) for x in a.quizzes])


def members_part(group: Group, members: list[Learner]) -> None:
    if not members:
        st.caption(t("tw.no_members"))
        return
    tables.dataframe(
        [{t("tw.member"): m.name} for m in members],
        key=f"members_{group.id}",
        hide_index=True,
        width="stretch",
    )
    names = {m.id: m.name for m in members}
    # the member and the button in a row that wraps when it must: the button is never cut off
    row = st.container(horizontal=True, vertical_alignment="bottom", key=f"remove_member_{group.id}")
    who = row.selectbox(
        t("tw.member"),
        list(names),
        format_func=names.__getitem__,
        key=f"rm_who_{group.id}",
        placeholder=t("quiz.choose_placeholder"),
    )
    if row.button(t("tw.remove_member"), key=f"rm_{group.id}", icon=":material/person_remove:"):
        ask("remove", group.id)
        st.session_state[f"rm_target_{group.id}"] = who
    target = st.session_state.get(f"rm_target_{group.id}")
    if asked("remove", group.id) and target in names:
        name = md_escape(names[target])
        if confirm(t("tw.remove_member_confirm", name=name), t("tw.remove_member_yes"), f"rmc_{group.id}"):
            store.groups.leave_group(int(target), group.id)
            state.flash(t("tw.member_removed", name=name))
            st.rerun()


def forget(form: str) -> None:
    """Empty an assignment form (a new one after it was added; an edit after save or cancel)."""
    for part in ("title", "les", "quiz", "due", "mark"):
        st.session_state.pop(f"{form}_{part}", None)


def empty_new_form(key: str, day: date_type) -> None:
    """Give the new-assignment form its empty values through session_state, before its widgets
    are drawn: only a value set there reaches the browser (popping the keys emptied the form on
    the server while the browser kept showing, and submitting, what was typed; issue 26 item 15).
    """
    fresh = {"title": "", "les": [], "quiz": [], "due": day, "mark": None}
    if st.session_state.pop(f"{key}_added", False) or f"{key}_due" not in st.session_state:
        for part, value in fresh.items():
            st.session_state[f"{key}_{part}"] = value


def assignment_form(group: Group, key: str, current: Assignment | None) -> None:
    """The form for a new assignment (``current`` None) or for editing one."""
    today = to_zone(state.now(), zone).date()
    day = to_zone(current.due_at, zone).date() if current else today + timedelta(days=7)
    if current is None:  # its values live in session_state: kept on an error, emptied once added
        empty_new_form(key, day)
    with st.form(key):
        st.markdown(f"**{t('tw.edit_assignment' if current else 'groups.new_assignment')}**")
        title = st.text_input(
            t("groups.assignment_title"),
            value=current.title if current else "",
            max_chars=120,
            key=f"{key}_title",
        )
        lessons = st.multiselect(
            t("groups.lessons"),
            list(lesson_title),
            default=[x for x in current.lessons if x in lesson_title] if current else None,
            format_func=lesson_title.__getitem__,
            placeholder=t("tw.choose_options"),
            key=f"{key}_les",
        )
        quizzes = st.multiselect(
            t("groups.quizzes"),
            list(quiz_title),
            default=[x for x in current.quizzes if x in quiz_title] if current else None,
            format_func=quiz_title.__getitem__,
            placeholder=t("tw.choose_options"),
            key=f"{key}_quiz",
        )
        due = st.date_input(
            t("groups.due"), value=day if current else "today", format="DD-MM-YYYY", key=f"{key}_due"
        )
        mark = st.number_input(
            t("groups.pass_mark"),
            min_value=1,
            max_value=100,
            value=round(current.pass_mark * 100) if current and current.pass_mark else None,
            step=5,
            key=f"{key}_mark",
        )
        label = t("tw.save") if current else t("groups.add_assignment")
        if st.form_submit_button(label, icon=":material/save:" if current else ":material/add_task:"):
            picked = due if isinstance(due, date_type) else today
            due_at = current.due_at if current and picked == day else due_end_of_day(picked, zone)
            pass_mark = None if mark is None else mark / 100
            try:
                if current is None:
                    made = store.groups.create_assignment(
                        group, title, lessons, quizzes, due_at, pass_mark, now=state.now()
                    )
                else:
                    made = store.groups.update_assignment(
                        current, title, lessons, quizzes, due_at, pass_mark, now=state.now()
                    )
            except UserError as err:
                state.show_error(err)
            else:
                done = "tw.assignment_saved" if current else "groups.assignment_created"
                state.flash(t(done, title=md_escape(made.title)))
                st.session_state.pop(EDITING, None)
                if current is None:
                    st.session_state[f"{key}_added"] = True  # emptied at the top of the next run
                else:
                    forget(key)
                st.rerun()


def assignments_part(group: Group) -> None:
    assignments = store.groups.assignments([group.id])
    if assignments:
        st.markdown(f"**{t('groups.assignments')}**")
    for a in assignments:
        mark = f" · {t('tw.own_pass_mark', mark=mark_pct(a.pass_mark, lang))}" if a.pass_mark else ""
        st.markdown(
            f"{md_escape(a.title)} · {t('overview.due', date=date(a.due_at, zone))}{mark}  \n"
            f"{md_escape(items_of(a))}"
        )
        actions = st.container(horizontal=True, key=f"assignment_actions_{a.id}")  # never cut off
        if actions.button(t("tw.edit"), key=f"edit_{a.id}", icon=":material/edit:"):
            st.session_state[EDITING] = a.id
        if actions.button(t("tw.delete"), key=f"del_a_{a.id}", icon=":material/delete:"):
            ask("assignment", a.id)
        if asked("assignment", a.id):
            title = md_escape(a.title)
            if confirm(
                t("tw.delete_assignment_confirm", title=title),
                t("tw.delete_assignment_yes"),
                f"del_ac_{a.id}",
            ):
                store.groups.delete_assignment(a)
                state.flash(t("tw.assignment_deleted", title=title))
                st.rerun()
        if st.session_state.get(EDITING) == a.id:
            assignment_form(group, f"edit_form_{a.id}", a)
            if st.button(t("tw.cancel"), key=f"edit_cancel_{a.id}"):
                st.session_state.pop(EDITING, None)
                forget(f"edit_form_{a.id}")
                st.rerun()
    assignment_form(group, f"assignment_{group.id}", None)


def manage_part(group: Group) -> None:
    st.markdown(f"**{t('tw.manage')}**")
    with st.form(f"rename_{group.id}"):
        new_name = st.text_input(
            t("tw.rename"), value=group.name, max_chars=60, key=f"rename_name_{group.id}"
        )
        if st.form_submit_button(t("tw.rename_save"), icon=":material/edit:"):
            try:
                renamed = store.groups.rename_group(group, new_name)
            except UserError as err:
                state.show_error(err)
            else:
                state.flash(t("tw.renamed", name=md_escape(renamed.name)))
                st.rerun()
    if st.button(t("tw.delete_group"), key=f"del_g_{group.id}", icon=":material/delete:"):
        ask("group", group.id)
    if asked("group", group.id):
        name = md_escape(group.name)
        if confirm(t("tw.delete_group_confirm", name=name), t("tw.delete_group_yes"), f"del_gc_{group.id}"):
            store.groups.delete_group(group)
            state.flash(t("tw.group_deleted", name=name))
            st.rerun()


def password_part() -> None:
    with st.expander(t("tw.password"), icon=":material/key:"):
        with st.form("change_password", clear_on_submit=True):
            old = st.text_input(t("tw.password_old"), type="password", key="pw_old")
            new = st.text_input(t("tw.password_new"), type="password", key="pw_new")
            again = st.text_input(t("tw.password_repeat"), type="password", key="pw_repeat")
            code = account.code_input(trainer, "pw_code")  # re-authentication (issue 33)
            if not st.form_submit_button(t("tw.password_save"), icon=":material/key:"):
                return
        if new != again:
            st.error(t("error.password_mismatch"))
            return
        try:
            account.reauthenticate(trainer, old, code, act="change_password")
            store.trainers.change_password(
                trainer.id, old, new, Actor(state.now(), trainer.name, where.client())
            )
        except UserError as err:
            state.show_error(err)
            return
        # the store ended every session of this trainer, this one too
        st.session_state.pop(state.TRAINER_SESSION, None)
        st.success(t("tw.password_changed"), icon=":material/check_circle:")
        st.page_link(f"{state.PAGES}/trainer.py", label=t("tw.sign_in_again"), icon=":material/login:")


st.title(t("groups.title"))

with st.form("new_group", clear_on_submit=True):
    st.header(t("groups.new"))
    name = st.text_input(t("groups.name"), key="group_name", max_chars=60)
    if st.form_submit_button(t("groups.create"), type="primary", icon=":material/group_add:"):
        try:
            created = store.groups.create_group(trainer.id, name, state.now())
        except UserError as err:
            state.show_error(err)
        else:
            state.flash(t("groups.created", name=md_escape(created.name)))
            st.rerun()

groups = store.groups.groups_of(trainer.id)
if not groups:
    st.info(t("groups.none"))

for group in groups:
    members = store.groups.members(group.id)
    label = f"{md_escape(group.name)} · {tn('tw.learners', len(members), lang)}"
    with st.expander(label, expanded=len(groups) == 1):
        st.caption(t("tw.join_link"))
        st.code(join_link(group.join_code), language=None)  # whole, with a copy button
        st.caption(t("tw.join_code", code=group.join_code))
        members_part(group, members)
        assignments_part(group)
        manage_part(group)
        exam_parts.group_settings_section(store, group)  # the group's exam settings (issue 17)
        examday_parts.accommodations_section(store, group, members)  # exam day (issue 32)
        examday_parts.live_section(store, group)

password_part()
account.factor_part(trainer)
account.sessions_part(trainer)
