"""Who is visiting, which pages they get, and the sidebar shared by every page."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
import streamlit as st

from mglearn.errors import StoreConfigError

from . import state
from .state import PAGES, t
from .widgets import go, language_picker, md_escape, style

log = logging.getLogger("mglearn")

# The browser-tab icon, served by the app itself: a ":material/...:" page icon makes every
# browser fetch an SVG from fonts.gstatic.com (Streamlit's frontend builds that URL).
FAVICON = str(Path(__file__).with_name("favicon.png"))


def resolve_visitor() -> None:
    """Sign in from ``?learner=CODE`` (refresh, bookmark) and keep the code in the URL, and the
    language in ``?lang=``; remember a ``?join=CODE`` group code until there is a learner."""
    state.store()  # opens (and migrates) the database once; trouble shows here, at once
    join = st.query_params.get("join")
    if join:
        st.session_state[state.PENDING_JOIN] = join
        del st.query_params["join"]
    code = st.query_params.get("learner")
    current = state.learner()
    if code and (current is None or current.code != code):
        found = state.store().learner_by_code(code)
        if found is not None:
            state.sign_in(found)
            current = found
    if current is not None and st.query_params.get("learner") != current.code:
        st.query_params["learner"] = current.code
    state.keep_lang_in_url()
    state.join_pending_group()


def pages() -> dict[str, list[st.Page]]:
    learner = state.learner()
    start = st.Page(
        f"{PAGES}/start.py",
        title=t("nav.start"),
        icon=":material/home:",
        url_path="start",
        default=learner is None,
    )
    trainer_page = st.Page(
        f"{PAGES}/trainer.py", title=t("nav.trainer_signin"), icon=":material/badge:", url_path="trainer"
    )
    learn = [start]
    if learner is not None:
        learn = [
            st.Page(
                f"{PAGES}/overview.py",
                title=t("nav.overview"),
                icon=":material/route:",
                url_path="overview",
                default=True,
            ),
            st.Page(
                f"{PAGES}/lesson.py", title=t("nav.lesson"), icon=":material/menu_book:", url_path="lesson"
            ),
            st.Page(f"{PAGES}/quiz.py", title=t("nav.quiz"), icon=":material/quiz:", url_path="quiz"),
            st.Page(
                f"{PAGES}/progress.py",
                title=t("nav.progress"),
                icon=":material/insights:",
                url_path="progress",
            ),
            start,
        ]
    teach = [trainer_page]
    if state.trainer() is not None:  # trainer pages exist only after sign-in
        teach = [
            st.Page(f"{PAGES}/groups.py", title=t("nav.groups"), icon=":material/groups:", url_path="groups"),
            st.Page(
                f"{PAGES}/results.py",
                title=t("nav.results"),
                icon=":material/monitoring:",
                url_path="results",
            ),
            trainer_page,
        ]
    return {t("nav.section_learn"): learn, t("nav.section_trainer"): teach}


def sidebar() -> None:
    style()
    with st.sidebar:
        language_picker("_lang_sidebar")
        learner = state.learner()
        if learner is not None:
            st.markdown(t("nav.signed_in_as", name=md_escape(learner.name)))
            st.caption(t("nav.your_code", code=learner.code))
            if st.button(t("nav.sign_out"), icon=":material/logout:"):
                state.sign_out()
                st.rerun()


def follow_goto() -> None:
    target = st.session_state.pop(state.GOTO, None)
    if target:
        go(target)


@contextmanager
def guard() -> Iterator[None]:
    """A database that is down or misconfigured gets a short message, never a traceback; the
    operator finds the details in the server log (and from the command line)."""
    try:
        yield
    except StoreConfigError as err:
        log.error("database setting MGLEARN_DATABASE_URL cannot work: %s", err.params.get("detail"))
        st.error(t("error.db_config"))
    except sa.exc.SQLAlchemyError as err:
        log.error("database unavailable: %s", str(err).splitlines()[0] if str(err) else type(err).__name__)
        st.error(t("error.database"))
