"""Start: choose a language, begin with a name, or continue with a resume code."""

from __future__ import annotations

import streamlit as st

from mglearn.errors import StoreError, UserError
from mglearn.records import Group, Learner
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import go, language_picker, md_escape, page_title

page_title("nav.start")
st.title(t("start.title"))
state.content()  # broken content: the problem list, and nobody registers into a broken module
person = state.learner()


def account(person: Learner) -> None:
    """A signed-in learner's details: their display name and their groups (join, leave)."""
    store = state.store()
    st.header(t("account.title"))
    with st.form("rename", border=True):
        name = st.text_input(t("account.name"), value=person.name, max_chars=60, key="account_name")
        if st.form_submit_button(t("account.rename"), icon=":material/edit:"):
            try:
                renamed = store.learners.rename_learner(person.id, name)
            except UserError as err:
                state.show_error(err)
            else:
                state.flash(t("account.renamed", name=md_escape(renamed.name)))
                st.rerun()

    st.markdown(f"**{t('account.groups')}**")
    groups = store.groups.learner_groups(person.id)
    if not groups:
        st.caption(t("account.no_groups"))
    for group in groups:
        leave_row(person, group)
    with st.form("join", border=True, clear_on_submit=True):
        code = st.text_input(t("account.join_code"), max_chars=20, key="account_join")
        if st.form_submit_button(t("account.join"), icon=":material/group_add:"):
            try:
                joined = store.groups.join_group(person.id, code, state.now(), client=state.client())
            except UserError as err:
                state.show_error(err)
            else:
                state.flash(t("start.joined", name=md_escape(joined.name)))
                st.rerun()


def leave_row(person: Learner, group: Group) -> None:
    with st.container(border=True, key=f"group_{group.id}"):
        name_col, leave_col = st.columns([3, 1], vertical_alignment="center")
        name_col.markdown(md_escape(group.name))
        with leave_col.popover(t("account.leave"), icon=":material/logout:"):
            st.markdown(t("account.leave_confirm", name=md_escape(group.name)))
            if st.button(t("account.leave_yes"), key=f"leave_{group.id}", type="primary"):
                state.store().groups.leave_group(person.id, group.id)
                state.flash(t("account.left", name=md_escape(group.name)))
                st.rerun()


if person is not None:
    state.show_flash()
    st.success(t("start.welcome", name=md_escape(person.name)))
    st.info(t("start.code_note", code=person.code), icon=":material/key:")
    if st.button(t("start.to_overview"), type="primary", icon=":material/arrow_forward:", shortcut="Enter"):
        go("overview")
    account(person)
    st.stop()

st.write(t("start.intro"))
language_picker("_lang_start")

START_ERROR = "start_error"  # why the last "begin" was refused, shown in its form


def begin() -> None:
    """on_click of the form: the learner is made before the run, so the run that follows
    already shows the welcome (one page run per click, not two: benchmarks/load.py). A tab
    with a learner makes no other: a second click, or a click sent again with a page change
    (Streamlit sends every widget's state then), is not a new learner."""
    if state.learner() is not None:
        return
    name = st.session_state.get("start_name", "")
    join = st.session_state.get("start_join", "")
    try:
        if (
            join.strip()
            and state.store().groups.group_by_code(join, client=state.client(), now=state.now()) is None
        ):
            raise UserError("error.join_unknown")
        created = state.store().learners.create_learner(name, state.lang(), now=state.now())
    except UserError as err:
        st.session_state[START_ERROR] = t(err.key, **err.params)
        return
    except StoreError:
        st.session_state[START_ERROR] = t("error.database")
        return
    state.sign_in(created)
    if join.strip():
        st.session_state[state.PENDING_JOIN] = join
        state.join_pending_group()
    st.query_params["learner"] = created.code


new_col, code_col = st.columns(2, gap="large")
with new_col, st.form("new_learner", border=True):
    st.header(t("start.new"))
    st.text_input(t("start.name"), max_chars=60, key="start_name")
    st.text_input(
        t("start.join"), value=st.session_state.get(state.PENDING_JOIN, ""), max_chars=20, key="start_join"
    )
    refused = st.session_state.pop(START_ERROR, None)
    if refused:
        st.error(refused)
    st.form_submit_button(t("start.begin"), type="primary", icon=":material/play_arrow:", on_click=begin)

with code_col, st.form("resume", border=True):
    st.header(t("start.continue"))
    code = st.text_input(t("start.code"), help=t("start.code_help"), max_chars=20, key="start_code")
    if st.form_submit_button(t("start.resume"), icon=":material/login:"):
        try:
            found = state.store().learners.learner_by_code(code, client=state.client(), now=state.now())
        except UserError as err:  # too many wrong codes from this device: wait
            state.show_error(err)
        else:
            if found is None:
                st.error(t("error.code_unknown"))
            else:
                state.sign_in(found)
                st.session_state[state.GOTO] = "overview"
                st.rerun()
