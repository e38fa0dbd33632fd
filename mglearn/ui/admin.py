"""The administrator's page (issue 33): the trainer accounts (role, active, second factor, open
sessions, last sign-in); create one; deactivate, reactivate, reset its second factor or end its
sessions; end every session of everyone; revoke any certificate; read the audit log.

Only an active administrator sees it in the menu, and the page checks it again itself (the
store checks it a third time: :mod:`mglearn.store.admin`). Every act asks for the
administrator's own password and a fresh code from their app first (as the groups page does
before a trainer changes their own password or factor): a session left open on a shared
computer is not enough to take over or lock out other accounts. Every name and every line of
the audit log is shown as text (:mod:`mglearn.ui.tables`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import streamlit as st

from mglearn import i18n
from mglearn.audit import KINDS
from mglearn.audit_details import explain
from mglearn.errors import UserError
from mglearn.ui import account, state, tables, where
from mglearn.ui.state import t
from mglearn.ui.widgets import date, md_escape

DONE = "admin_done"  # the outcome of the last act, shown once after the rerun that follows it
ACTIONS = ("deactivate", "reactivate", "reset_factor", "end_sessions", "make_admin", "make_trainer")

me = state.require_trainer()
if me.role != "admin" or not state.store().admin.is_admin(me.id):
    st.warning(t("admin.need"))
    st.stop()
store, client = state.store(), where.client()

st.title(t("admin.title"))
done: tuple[str, str] | None = st.session_state.pop(DONE, None)  # (which form, what it did)


def finish(form: str, message: str, *keys: str) -> None:
    """Show ``message`` after the rerun under ``form`` (the one used; see :func:`part`), with
    the form's ``keys`` (its choices) emptied."""
    st.session_state[DONE] = (form, message)
    for key in keys:
        st.session_state.pop(key, None)
    st.rerun()


def part(form: str, show: Callable[..., Any], *args: Any) -> Any:
    """Show one part of the page; a confirmation of its form's act goes right under it, in
    sight (not at the top of a long page)."""
    result = show(*args)
    if done is not None and done[0] == form:
        st.success(done[1], icon=":material/check_circle:")
    return result


def take_secrets(key: str) -> None:
    """A form's submit callback: its password and code move out of the fields (emptied at
    once), so a refused act keeps the other choices but never shows the secrets again."""
    st.session_state[f"{key}_typed"] = (
        st.session_state.get(f"{key}_pw", ""),
        st.session_state.get(f"{key}_code", ""),
    )
    st.session_state[f"{key}_pw"] = ""
    if f"{key}_code" in st.session_state:
        st.session_state[f"{key}_code"] = ""


def reauth_fields(key: str) -> tuple[str, str]:
    """Inside a form: the administrator's own password and (once enrolled) code."""
    password = st.text_input(t("admin.your_password"), type="password", key=f"{key}_pw")
    if not store.factors.has_factor(me.id):
        return password, ""
    code = st.text_input(t("admin.your_code"), key=f"{key}_code", max_chars=40, autocomplete="one-time-code")
    return password, code


def reauthenticated(password: str, code: str, act: str) -> bool:
    """The administrator's password and code checked (``act``: what for, for the audit log);
    a refusal shown, a lockout with the moment it ends."""
    try:
        account.reauthenticate(me, password, code, act=act)
    except UserError as err:
        until = err.params.get("until")
        if err.key == "error.code_locked" and isinstance(until, datetime):
            st.error(t("admin.locked_until", until=date(until)))
        else:
            state.show_error(err)
        return False
    return True


def yes(value: bool) -> str:
    return t("admin.yes") if value else t("admin.no")


def accounts_part() -> list[str]:
    st.subheader(t("admin.accounts"))
    found = store.admin.accounts(state.now())
    rows = [
        {
            t("admin.col_name"): a.name,
            t("admin.col_role"): t(f"admin.role_{a.role}"),
            t("admin.col_active"): yes(a.active),
            t("admin.col_factor"): yes(a.enrolled),
            t("admin.col_sessions"): a.sessions,
            t("admin.col_last"): date(a.last_sign_in),
            t("admin.col_created"): date(a.created_at, with_time=False),
        }
        for a in found
    ]
    tables.dataframe(rows, key="admin_accounts", hide_index=True)
    return [a.name for a in found]


def create_part() -> None:
    st.subheader(t("admin.create"))
    st.caption(t("admin.create_help"))
    with st.form("admin_create", clear_on_submit=True):
        name = st.text_input(t("admin.new_name"), max_chars=60, key="admin_new_name")
        new = st.text_input(t("admin.new_password"), type="password", key="admin_new_pw")
        again = st.text_input(t("admin.new_repeat"), type="password", key="admin_new_repeat")
        role = st.radio(
            t("admin.new_role"),
            ("trainer", "admin"),
            format_func=lambda r: t(f"admin.role_{r}"),
            horizontal=True,
            key="admin_role",
        )
        password, code = reauth_fields("admin_create")
        if not st.form_submit_button(t("admin.do_create"), icon=":material/person_add:"):
            return
    if new != again:
        st.error(t("error.password_mismatch"))
        return
    if not reauthenticated(password, code, "create_account"):
        return
    try:
        made = store.admin.create_account(me, name, new, str(role), state.now(), client)
    except UserError as err:
        state.show_error(err)
        return
    finish("create", t("admin.created", name=md_escape(made.name)))


def act_part(names: list[str]) -> None:
    st.subheader(t("admin.act"))
    with st.form("admin_act"):  # a refused act keeps the choices (take_secrets empties the rest)
        name = st.selectbox(
            t("admin.which"), names, index=None, placeholder=t("quiz.choose_placeholder"), key="admin_which"
        )
        action = st.selectbox(
            t("admin.action"),
            ACTIONS,
            index=None,  # nothing harmful chosen in advance
            format_func={a: t(f"admin.{a}") for a in ACTIONS}.__getitem__,  # this run's language
            placeholder=t("admin.choose_action"),
            key="admin_action",
        )
        reauth_fields("admin_act")
        if not st.form_submit_button(
            t("admin.do_act"),
            icon=":material/manage_accounts:",
            on_click=take_secrets,
            args=("admin_act",),
        ):
            return
    password, code = st.session_state.pop("admin_act_typed", ("", ""))
    if not name:
        st.error(t("admin.which") + ": " + t("quiz.choose_placeholder"))
        return
    if not action:
        st.error(t("admin.action") + ": " + t("admin.choose_action"))
        return
    if not reauthenticated(password, code, str(action)):
        return
    now, shown = state.now(), md_escape(str(name))
    try:
        if action in ("deactivate", "reactivate"):
            store.admin.set_active(me, str(name), action == "reactivate", now, client)
            message = t(f"admin.done_{action}", name=shown)
        elif action in ("make_admin", "make_trainer"):
            store.admin.set_role(me, str(name), action.removeprefix("make_"), now, client)
            message = t(f"admin.done_{action}", name=shown)
        elif action == "reset_factor":
            store.admin.reset_factor(me, str(name), now, client)
            message = t("admin.done_reset_factor", name=shown)
        else:
            n = store.admin.end_sessions(me, str(name), now, client)
            message = t("admin.done_end_sessions", name=shown, n=n)
    except UserError as err:
        state.show_error(err)
        return
    finish("act", message, "admin_which", "admin_action")


def everyone_part() -> None:
    st.subheader(t("admin.everyone"))
    with st.form("admin_everyone", clear_on_submit=True):
        st.caption(t("admin.everyone_help"))
        password, code = reauth_fields("admin_everyone")
        if not st.form_submit_button(t("admin.do_everyone"), icon=":material/logout:"):
            return
    if not reauthenticated(password, code, "end_everyones_sessions"):
        return
    n = store.admin.end_everyones_sessions(me, state.now(), client)
    finish("everyone", t("admin.done_everyone", n=n))


def revoke_part() -> None:
    st.subheader(t("admin.revoke"))
    with st.form("admin_revoke", clear_on_submit=True):
        st.caption(t("admin.revoke_help"))
        code_of_certificate = st.text_input(t("admin.certificate_code"), max_chars=40, key="admin_cert")
        reason = st.text_input(t("exam.revoke_reason"), max_chars=200, key="admin_reason")
        password, code = reauth_fields("admin_revoke")
        if not st.form_submit_button(t("exam.revoke_button"), icon=":material/block:"):
            return
    before = store.certificates.certificate(code_of_certificate)
    if before is not None and before.revoked_at is not None:
        shown = date(before.revoked_at, with_time=False)
        st.warning(t("admin.already_revoked", code=before.code, date=shown))
        return
    if not reauthenticated(password, code, "revoke_certificate"):
        return
    try:
        cert = store.admin.revoke_certificate(me, code_of_certificate, reason, state.now(), client)
    except UserError as err:
        state.show_error(err)
        return
    finish("revoke", t("exam.revoked_done", code=md_escape(cert.code)))


def detail(kind: str, text: str) -> str:
    """An event's detail in the page's language where the app wrote it (as written if not)."""
    known = explain(kind, text)
    if known is None:
        return text
    key, params = known
    if "why" in params:
        params["why"] = t(f"detail.why_{params['why']}")
    if "act" in params:
        act_key = f"detail.act_{params['act']}"
        params["act"] = t(act_key) if act_key in i18n.STRINGS else params["act"]
    if "role" in params:
        params["role"] = t(f"admin.role_{params['role']}")
    return t(key, **params)


def audit_part() -> None:
    st.subheader(t("admin.audit"))
    st.caption(t("admin.audit_help"))
    choices: tuple[str, ...] = ("", *KINDS)
    labels = {k: t(f"audit.{k}") if k else t("admin.kind_all") for k in choices}
    chosen = st.session_state.get("admin_kind_chosen", "")
    kind = st.selectbox(
        t("admin.kind"),
        choices,
        index=choices.index(chosen) if chosen in choices else 0,
        format_func=labels.__getitem__,
        placeholder=t("quiz.choose_placeholder"),  # (not shown, but announced: Streamlit's is English)
        key=f"admin_kind_{state.lang()}",  # a widget per language: its shown label follows it
    )
    st.session_state["admin_kind_chosen"] = kind
    events = store.audit.events(limit=500, kind=kind or None)
    if not events:
        st.caption(t("admin.no_events"))
        return
    rows: list[dict[str, Any]] = [
        {
            t("admin.col_when"): date(e.at),
            t("admin.col_who"): e.actor,
            t("admin.col_what"): t(f"audit.{e.kind}") if e.kind in KINDS else e.kind,
            t("admin.col_target"): e.target,
            t("admin.col_from"): e.client,
            t("admin.col_detail"): detail(e.kind, e.detail),
        }
        for e in events
    ]
    tables.dataframe(rows, key="admin_audit", hide_index=True)


st.caption(t("admin.reauth_help"))
account_names = accounts_part()
part("act", act_part, account_names)
part("create", create_part)
part("everyone", everyone_part)
part("revoke", revoke_part)
audit_part()
