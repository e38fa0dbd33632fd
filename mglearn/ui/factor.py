"""The trainer page's second step (issue 33): the code form, or the QR code to enrol, while
the browser holds a step cookie from the password route (mglearn.web_factor); and the
outcomes the code routes send back in ``?signin=...``."""

from __future__ import annotations

import io
from collections.abc import Callable

import segno
import streamlit as st

from mglearn import second_factor, web_factor
from mglearn.ui import state
from mglearn.ui.state import t

STEP_SESSION = "trainer_step"  # a step token placed here by tests (AppTest sends no cookies)

MESSAGES = {
    "code_wrong": "error.code_wrong",
    "enrol_wrong": "error.code_wrong",
    "expired": "error.step_expired",
}


def step_token() -> str | None:
    cookie = st.context.cookies.get(web_factor.STEP_COOKIE)
    if isinstance(cookie, str) and cookie:
        return cookie
    token = st.session_state.get(STEP_SESSION)
    return token if isinstance(token, str) else None


def show_result(code: str, minutes: str) -> bool:
    """The code routes' outcomes; True when ``code`` was one of theirs."""
    if code in MESSAGES:
        st.error(t(MESSAGES[code]), icon=":material/error:")
        return True
    if code == "locked":
        ok = minutes.isascii() and minutes.isdigit() and len(minutes) <= 4
        st.error(
            t("error.code_locked", minutes=int(minutes) if ok else second_factor.LOCK_MINUTES),
            icon=":material/lock:",
        )
        return True
    return False


def _qr_png(uri: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="png", scale=5, border=4)
    return buffer.getvalue()


def second_step(form: Callable[..., None], field: Callable[[str, str, str], str]) -> bool:
    """Draw the code or enrolment form when a sign-in is half done; True when drawn."""
    step = state.store().factors.step(step_token(), state.now())
    if step is None:
        return False
    code_field = field(
        web_factor.CODE_FIELD,
        t("factor.code"),
        'autocomplete="one-time-code" maxlength="40" autofocus',
    )
    if step.secret is None:
        st.subheader(t("factor.code_title"))
        form(web_factor.CODE, code_field, t("factor.do_code"), "pin", "primary", "trainer_code")
        st.caption(t("factor.code_help"))
        return True
    st.subheader(t("factor.enrol_title"))
    st.write(t("factor.enrol_help"))
    st.image(
        _qr_png(second_factor.uri(step.secret, step.trainer.name)), caption=t("factor.qr_alt"), width=240
    )
    key = " ".join(step.secret[i : i + 4] for i in range(0, len(step.secret), 4))
    st.markdown(f"{t('factor.key')}: `{key}`")
    form(web_factor.ENROL, code_field, t("factor.do_enrol"), "verified_user", "primary", "trainer_enrol")
    return True
