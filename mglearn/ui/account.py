"""The trainer's own account security on the groups page (issue 33): re-authentication (the
password and a code from the app) before the password or the second factor changes; a new
authenticator app; their own sign-in sessions, each of which they can end."""

from __future__ import annotations

import streamlit as st

from mglearn.audit import Actor
from mglearn.errors import UserError
from mglearn.records import Trainer
from mglearn.ui import state, where
from mglearn.ui.state import t


def code_input(trainer: Trainer, key: str) -> str:
    """Inside a form: the code field, when the trainer has a factor ('' otherwise)."""
    if not state.store().factors.has_factor(trainer.id):
        return ""
    return st.text_input(t("account.code"), key=key, max_chars=40, autocomplete="one-time-code")


def reauthenticate(trainer: Trainer, password: str, code: str, act: str = "") -> None:
    """Raises UserError when the password or (once enrolled) the code is not right; ``act``:
    what it guards, for the audit log."""
    state.store().factors.reauthenticate(
        trainer.id, password, code, state.now(), client=where.client(), act=act
    )


def factor_part(trainer: Trainer) -> None:
    """Move to a new authenticator app: after re-authentication the factor and the recovery
    codes go and every session ends; the next sign-in enrols the new app."""
    with st.expander(t("account.new_factor"), icon=":material/phonelink_lock:"):
        st.caption(t("account.new_factor_help"))
        with st.form("new_factor", clear_on_submit=True):
            password = st.text_input(t("tw.password_old"), type="password", key="nf_password")
            code = code_input(trainer, "nf_code")
            if not st.form_submit_button(t("account.new_factor_do"), icon=":material/phonelink_lock:"):
                return
        try:
            reauthenticate(trainer, password, code, act="new_factor")
        except UserError as err:
            state.show_error(err)
            return
        state.store().factors.reset_factor(trainer.name, Actor(state.now(), trainer.name, where.client()))
        st.session_state.pop(state.TRAINER_SESSION, None)
        st.success(t("account.new_factor_done"), icon=":material/check_circle:")
        st.page_link(f"{state.PAGES}/trainer.py", label=t("tw.sign_in_again"), icon=":material/login:")


PENDING = "end_session_pending"  # the session the trainer asked to end, waiting for re-authentication


def sessions_part(trainer: Trainer) -> None:
    """The trainer's own sessions: where and when, and a button to end each other one; ending
    one asks for the password and a code first (ASVS 7.5.2)."""
    from mglearn.store.sessions import session_key
    from mglearn.ui.widgets import date as date_time

    store, now = state.store(), state.now()
    here = session_key(state.trainer_token())
    with st.expander(t("account.sessions"), icon=":material/devices:"):
        listed = store.sessions.sessions_of(trainer.id, now)
        for info in listed:
            this = info.key == here
            where_from = info.client or "?"
            line = t(
                "account.session_line",
                opened=date_time(info.opened),
                seen=date_time(info.last_seen),
                where=where_from,
                agent=info.agent[:80] or "?",
            )
            st.text(line + (f" ({t('account.this_session')})" if this else ""))
            if not this and st.button(
                t("account.end_session"), key=f"end_session_{info.key}", icon=":material/logout:"
            ):
                st.session_state[PENDING] = info.key
        pending = st.session_state.get(PENDING)
        if pending in {info.key for info in listed if info.key != here}:
            _confirm_end(trainer, str(pending))


def _confirm_end(trainer: Trainer, key: str) -> None:
    with st.form("end_session_confirm", clear_on_submit=True):
        st.caption(t("account.end_session_confirm"))
        password = st.text_input(t("tw.password_old"), type="password", key="es_password")
        code = code_input(trainer, "es_code")
        if not st.form_submit_button(t("account.end_session"), icon=":material/logout:"):
            return
    try:
        reauthenticate(trainer, password, code, act="end_session")
    except UserError as err:
        state.show_error(err)
        return
    state.store().sessions.end_session(trainer.id, key, Actor(state.now(), trainer.name, where.client()))
    st.session_state.pop(PENDING, None)
    state.flash(t("account.session_ended"))
    st.rerun()
