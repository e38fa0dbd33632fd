"""Trainer sign-in and sign-out: plain HTML forms that POST to the routes in mglearn.web.

Only an HTTP response can set the HttpOnly cookie that keeps a trainer signed in across a
refresh or a new tab, so the forms leave Streamlit's websocket. They hold only our own fixed,
escaped labels and the language code; no text a user wrote ever goes into them.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from mglearn import web
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import md_escape

STYLE = """<style>
.mg-form {display: flex; flex-direction: column; gap: .75rem; max-width: 28rem;}
.mg-form label {display: flex; flex-direction: column; gap: .25rem; font-size: .875rem;}
.mg-form input {font: inherit; padding: .5rem .75rem; border: 1px solid rgba(49, 51, 63, .3);
  border-radius: .5rem; background: transparent; color: inherit;}
.mg-form input:focus {outline: 2px solid #2E7D6B; outline-offset: 1px;}
.mg-form button {align-self: flex-start; font: inherit; padding: .4rem .9rem; border-radius: .5rem;
  cursor: pointer; border: 1px solid #2E7D6B;}
.mg-form button.primary {background: #2E7D6B; color: #fff;}
.mg-form button.secondary {background: transparent; color: inherit;}
</style>"""


def _form(action: str, fields: str, button: str, kind: str, key: str) -> None:
    lang = state.lang()  # one of i18n.LANGS, never free text
    st.html(
        f'{STYLE}<form class="mg-form" id="{key}" method="post" action="{action}">'
        f'<input type="hidden" name="{web.LANG_FIELD}" value="{escape(lang)}">{fields}'
        f'<button type="submit" class="{kind}">{escape(button)}</button></form>'
    )


def _wait_message(seconds: int) -> str:
    if seconds >= 60:
        return state.tn("web.wait_minutes", -(-seconds // 60))
    return state.tn("web.wait_seconds", seconds)


def _show_result() -> None:
    """The outcome the sign-in and sign-out routes sent back in ?signin=..., shown once."""
    code = st.query_params.get("signin")
    if not code:
        return
    seconds = st.query_params.get("seconds", "")
    for name in ("signin", "seconds"):
        st.query_params.pop(name, None)
    if code == "failed":
        st.error(t("error.login_failed"), icon=":material/error:")
    elif code == "wait":
        ok = seconds.isascii() and seconds.isdigit() and len(seconds) <= 5
        st.error(_wait_message(int(seconds) if ok else 1), icon=":material/timer:")
    elif code == "error":
        st.error(t("error.database"), icon=":material/error:")
    elif code == "out":
        st.info(t("web.signed_out"), icon=":material/logout:")


st.title(t("trainer.signin"))
current = state.trainer()

if current is not None:
    st.query_params.pop("signin", None)
    st.success(t("trainer.signed_in", name=md_escape(current.name)), icon=":material/badge:")
    _form(web.SIGN_OUT, "", t("trainer.sign_out"), "secondary", "trainer_signout")
    st.stop()

_show_result()
NAME_INPUT = f'<input name="{web.NAME_FIELD}" autocomplete="username" maxlength="60" required autofocus>'
PASSWORD_INPUT = (
    f'<input name="{web.PASSWORD_FIELD}" type="password" autocomplete="current-password" required>'
)
_form(
    web.SIGN_IN,
    f"<label>{escape(t('trainer.name'))}{NAME_INPUT}</label>"
    f"<label>{escape(t('trainer.password'))}{PASSWORD_INPUT}</label>",
    t("trainer.do_signin"),
    "primary",
    "trainer_signin",
)
st.caption(t("web.backoff"))
st.caption(t("web.no_account"))
