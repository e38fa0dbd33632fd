"""Trainer sign-in and sign-out: plain HTML forms that POST to the routes in mglearn.web,
drawn to look like the app's Streamlit forms (issue 26.20).

Why not ``st.form`` with ``st.text_input``: only an HTTP response can set the HttpOnly cookie
that keeps a trainer signed in across a refresh or a new tab, and a Streamlit form answers over
the websocket. Handing the session over from the websocket to a route would need a one-time
ticket the browser fetches by script (in the database, so that it works behind several app
servers), and it would put the password into Streamlit's session state. A plain form posts the
password straight to the route (and a password manager recognises it), with no script at all.
So the form stays HTML, with Streamlit's look: the same box, label, field and button sizes, the
theme's colours (read from ``theme.*`` in .streamlit/config.toml), the Material icon Streamlit's
buttons use, and no ``required`` bubble in the browser's language: an empty field comes back as
the app's own message (``?signin=missing``), like every other outcome. The forms hold only our
own fixed, escaped labels and the language code; no text a user wrote ever goes into them.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from mglearn import web
from mglearn.ui import factor, state
from mglearn.ui.state import t
from mglearn.ui.widgets import md_escape


def _theme(name: str, default: str) -> str:
    """A colour of the app's theme (config.toml), else Streamlit's default for it."""
    value = st.get_option(f"theme.{name}")
    return value if isinstance(value, str) and value.startswith("#") and len(value) in (4, 7) else default


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    try:
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return (49, 51, 63)
    return r, g, b


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = _rgb(colour)
    return f"rgba({r}, {g}, {b}, {alpha})"


def _darker(colour: str, keep: float) -> str:
    r, g, b = (round(c * keep) for c in _rgb(colour))
    return f"rgb({r}, {g}, {b})"


def _style() -> str:
    # The sizes are what Streamlit 1.67 draws for st.form, st.text_input and st.form_submit_button
    # (tests/test_signin_browser.py compares them with the start page's).
    primary = _theme("primaryColor", "#FF4B4B")
    text = _theme("textColor", "#31333F")
    field = _theme("secondaryBackgroundColor", "#F8F8F7")
    page = _theme("backgroundColor", "#FFFFFF")
    line, hover = _rgba(text, 0.2), _darker(primary, 0.4)
    return f"""<style>
.mg-form {{display: flex; flex-direction: column; gap: 1rem; box-sizing: border-box;
  border: 1px solid {line}; border-radius: .5rem; padding: calc(1rem - 1px);}}
.mg-form.mg-bare {{border: 0; padding: 0;}}
.mg-form label {{display: flex; align-items: center; min-height: 1.5rem; margin: 0 0 .25rem;
  font-size: .875rem; line-height: 1.6; color: {text};}}
.mg-box {{display: flex; align-items: center; box-sizing: border-box; height: 2.5rem;
  border: 1px solid {line}; border-radius: .5rem; background: {field};
  transition: border .2s cubic-bezier(.2, .8, .4, 1);}}
.mg-box:focus-within {{border-color: {primary};}}
.mg-box input {{flex: 1; min-width: 0; font: inherit; font-size: .875rem; line-height: 1.4;
  padding: .5rem .5rem .5rem .75rem; border: 0; background: transparent; color: {text}; outline: none;}}
.mg-button {{display: inline-flex; align-items: center; justify-content: center; gap: .5rem;
  align-self: flex-start; box-sizing: border-box; height: 2.5rem; min-height: 2.5rem; margin: 0;
  padding: .25rem .75rem; border-radius: .5rem; font: inherit; font-size: 1rem; line-height: 1.6;
  cursor: pointer; user-select: none;}}
.mg-button .mg-text {{font-size: .875rem;}}
.mg-button .mg-icon {{font-family: "Material Symbols Rounded"; font-size: 1rem; line-height: 1;
  font-weight: 400; font-style: normal; letter-spacing: normal; white-space: nowrap;
  -webkit-font-smoothing: antialiased;}}
.mg-button.primary {{background: {primary}; border: 1px solid {primary}; color: #fff;}}
.mg-button.primary:hover {{background: {hover}; border-color: {hover};}}
.mg-button.secondary {{background: {page}; border: 1px solid {line}; color: {text};}}
.mg-button.secondary:hover {{background: {_rgba(text, 0.06)};}}
.mg-button:focus-visible {{outline: 3px solid #2E7D6B; outline-offset: 2px;}}
</style>"""


def _field(field: str, label: str, attributes: str) -> str:
    ident = f"mg-signin-{field}"
    return (
        f'<div><label for="{ident}">{escape(label)}</label><div class="mg-box">'
        f'<input id="{ident}" name="{field}" {attributes}></div></div>'
    )


def _form(action: str, fields: str, button: str, icon: str, kind: str, key: str) -> None:
    lang = state.lang()  # one of i18n.LANGS, never free text
    bare = "" if fields else " mg-bare"
    st.html(
        f'{_style()}<form class="mg-form{bare}" id="{key}" method="post" action="{action}">'
        f'<input type="hidden" name="{web.LANG_FIELD}" value="{escape(lang)}">{fields}'
        f'<button type="submit" class="mg-button {kind}">'
        f'<span class="mg-icon" aria-hidden="true" translate="no">{icon}</span>'
        f'<span class="mg-text">{escape(button)}</span></button></form>'
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
    minutes = st.query_params.get("minutes", "")
    for name in ("signin", "seconds", "minutes"):
        st.query_params.pop(name, None)
    if factor.show_result(code, minutes):
        return
    if code == "failed":
        st.error(t("error.login_failed"), icon=":material/error:")
    elif code == "wait":
        ok = seconds.isascii() and seconds.isdigit() and len(seconds) <= 5
        st.error(_wait_message(int(seconds) if ok else 1), icon=":material/timer:")
    elif code == "missing":
        st.error(t("web.missing"), icon=":material/error:")
    elif code == "error":
        st.error(t("error.database"), icon=":material/error:")
    elif code == "out":
        st.info(t("web.signed_out"), icon=":material/logout:")


st.title(t("trainer.signin"))
current = state.trainer()

if current is not None:
    st.query_params.pop("signin", None)
    st.success(t("trainer.signed_in", name=md_escape(current.name)), icon=":material/badge:")
    _form(web.SIGN_OUT, "", t("trainer.sign_out"), "logout", "secondary", "trainer_signout")
    st.stop()

_show_result()
if factor.second_step(_form, _field):  # the password was right: the code, or enrolment, comes next
    st.stop()
_form(
    web.SIGN_IN,
    _field(web.NAME_FIELD, t("trainer.name"), 'autocomplete="username" maxlength="60" autofocus')
    + _field(web.PASSWORD_FIELD, t("trainer.password"), 'type="password" autocomplete="current-password"'),
    t("trainer.do_signin"),
    "login",
    "primary",
    "trainer_signin",
)
st.caption(t("web.backoff"))
st.caption(t("web.no_account"))
