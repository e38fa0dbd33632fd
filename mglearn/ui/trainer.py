"""Trainer sign-in (and sign-out). Accounts are made with `python -m mglearn trainer add`."""

from __future__ import annotations

import streamlit as st

from mglearn.errors import UserError
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import md_escape

st.title(t("trainer.signin"))
current = state.trainer()

if current is not None:
    st.success(t("trainer.signed_in", name=md_escape(current.name)), icon=":material/badge:")
    if st.button(t("trainer.sign_out"), icon=":material/logout:"):
        st.session_state.pop(state.TRAINER_ID, None)
        st.rerun()
    st.stop()

with st.form("trainer_signin"):
    name = st.text_input(t("trainer.name"), key="trainer_name", max_chars=60)
    password = st.text_input(t("trainer.password"), type="password", key="trainer_password")
    if st.form_submit_button(t("trainer.do_signin"), type="primary", icon=":material/login:"):
        try:
            trainer = state.store().sign_in_trainer(name, password)
        except UserError as err:
            state.show_error(err)
        else:
            st.session_state[state.TRAINER_ID] = trainer.id
            st.session_state[state.GOTO] = "results"
            st.rerun()
st.caption(t("trainer.no_account"))
