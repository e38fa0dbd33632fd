"""Start: choose a language, begin with a name, or continue with a resume code."""

from __future__ import annotations

import streamlit as st

from mglearn.errors import UserError
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import go, language_picker, md_escape

st.title(t("start.title"))
person = state.learner()

if person is not None:
    state.show_flash()
    st.success(t("start.welcome", name=md_escape(person.name)))
    st.info(t("start.code_note", code=person.code), icon=":material/key:")
    if st.button(t("start.to_overview"), type="primary", icon=":material/arrow_forward:", shortcut="Enter"):
        go("overview")
    st.stop()

st.write(t("start.intro"))
language_picker("_lang_start")

new_col, code_col = st.columns(2, gap="large")
with new_col, st.form("new_learner", border=True):
    st.subheader(t("start.new"))
    name = st.text_input(t("start.name"), max_chars=60, key="start_name")
    join = st.text_input(
        t("start.join"), value=st.session_state.get(state.PENDING_JOIN, ""), max_chars=20, key="start_join"
    )
    if st.form_submit_button(t("start.begin"), type="primary", icon=":material/play_arrow:"):
        try:
            if join.strip() and state.store().group_by_code(join) is None:
                raise UserError("error.join_unknown")
            created = state.store().create_learner(name, state.lang())
        except UserError as err:
            state.show_error(err)
        else:
            state.sign_in(created)
            if join.strip():
                st.session_state[state.PENDING_JOIN] = join
                state.join_pending_group()
            st.query_params["learner"] = created.code
            st.rerun()

with code_col, st.form("resume", border=True):
    st.subheader(t("start.continue"))
    code = st.text_input(t("start.code"), help=t("start.code_help"), max_chars=20, key="start_code")
    if st.form_submit_button(t("start.resume"), icon=":material/login:"):
        found = state.store().learner_by_code(code)
        if found is None:
            st.error(t("error.code_unknown"))
        else:
            state.sign_in(found)
            st.session_state[state.GOTO] = "overview"
            st.rerun()
