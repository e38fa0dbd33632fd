"""Who a launch from an LMS signed in (issue 31): the ``mglearn_lti`` cookie that the launch
route set (:mod:`mglearn.web_lti`), read from the websocket handshake like the trainer's."""

from __future__ import annotations

import streamlit as st

from mglearn import web_lti
from mglearn.ui import state

LTI_SESSION = "lti_session"  # a launch token placed here by tests (AppTest sends no cookies)


def token() -> str | None:
    cookie = st.context.cookies.get(web_lti.COOKIE)
    if isinstance(cookie, str) and cookie:
        return cookie
    kept = st.session_state.get(LTI_SESSION)
    return kept if isinstance(kept, str) else None


def sign_in_from_launch() -> None:
    """Sign in the learner of this browser's launch, when no one is signed in in this tab and
    no resume code says who it is (the code in the address wins; so does a sign-out)."""
    if state.learner() is not None or st.query_params.get("learner"):
        return
    found = state.store().lti.lti_session_learner(token(), state.now())
    if found is None or found.code == state.signed_out_code():
        return
    state.sign_in(found)  # the launch's language is in the address it opened (?lang=)
