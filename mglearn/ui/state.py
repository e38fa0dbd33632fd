"""Shared UI state: the cached store and content, session keys, the signed-in learner."""

from __future__ import annotations

from typing import Any

import streamlit as st

from mglearn import i18n
from mglearn.check import check_root
from mglearn.content import Content, Problem, default_content_dir
from mglearn.errors import UserError
from mglearn.store import Learner, Store, Trainer, default_url

# session_state keys, all in one place
LEARNER_ID = "learner_id"
LANG = "lang"
TRAINER_ID = "trainer_id"
FLASH = "flash"
PENDING_JOIN = "pending_join"  # a group code from ?join=... waiting for a learner
GOTO = "goto"  # a page to open on the next run (after the page list changed)
QUIZ_ERROR = "quiz_error"  # a refused answer, shown on the next run of the quiz page
JUST_SUBMITTED = "just_submitted"

PAGES = "mglearn/ui"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


@st.cache_resource(show_spinner=False)
def _content(root: str) -> tuple[Content, list[Problem]]:
    return check_root(root)


def store() -> Store:
    return _store(default_url())


def content() -> Content:
    """The validated content; stops the page with the problem list if it is broken."""
    loaded, problems = _content(str(default_content_dir()))
    if problems:
        st.error(t("error.content"))
        st.code("\n".join(str(p) for p in problems[:50]), language=None)
        st.stop()
    return loaded


def lang() -> str:
    value = st.session_state.get(LANG, "nl")
    return value if value in i18n.LANGS else "nl"


def t(key: str, **params: Any) -> str:
    return i18n.t(key, lang(), **params)


def show_error(err: UserError) -> None:
    st.error(t(err.key, **err.params))


def learner() -> Learner | None:
    learner_id = st.session_state.get(LEARNER_ID)
    if learner_id is None:
        return None
    try:
        return store().learner(int(learner_id))
    except UserError:
        st.session_state.pop(LEARNER_ID, None)
        return None


def sign_in(person: Learner) -> None:
    st.session_state[LEARNER_ID] = person.id
    st.session_state[LANG] = person.lang


def sign_out() -> None:
    st.session_state.pop(LEARNER_ID, None)
    st.query_params.clear()


def require_learner() -> Learner:
    person = learner()
    if person is None:
        st.warning(t("error.need_learner"))
        st.page_link(f"{PAGES}/start.py", label=t("nav.start"), icon=":material/login:")
        st.stop()
    return person


def params(**extra: str) -> dict[str, str]:
    """Query parameters for a link: the learner's code (so a refresh resumes) plus extras."""
    person = learner()
    result = {"learner": person.code} if person else {}
    result.update(extra)
    return result


def flash(message: str) -> None:
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(message)


def trainer() -> Trainer | None:
    trainer_id = st.session_state.get(TRAINER_ID)
    if trainer_id is None:
        return None
    try:
        return store().trainer(int(trainer_id))
    except UserError:
        st.session_state.pop(TRAINER_ID, None)
        return None


def require_trainer() -> Trainer:
    """Every trainer page calls this itself: a typed URL shows a sign-in prompt, not data."""
    person = trainer()
    if person is None:
        st.warning(t("trainer.need"))
        st.page_link(f"{PAGES}/trainer.py", label=t("trainer.signin"), icon=":material/badge:")
        st.stop()
    return person


def join_pending_group() -> None:
    """Join the group from ?join=CODE once there is a learner."""
    code = st.session_state.get(PENDING_JOIN)
    person = learner()
    if not code or person is None:
        return
    st.session_state.pop(PENDING_JOIN, None)
    try:
        group = store().join_group(person.id, code)
    except UserError as err:
        flash(t(err.key, **err.params))
    else:
        flash(t("start.joined", name=group.name))
