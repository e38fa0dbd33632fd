"""Who is visiting, which pages they get, and the sidebar shared by every page."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from mglearn.errors import StoreConfigError, StoreError, UserError

from . import brand, chrome_words, lti, state
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
    lti.sign_in_from_launch()
    code = st.query_params.get("learner")
    if code and code == state.signed_out_code():  # Back after signing out: stay signed out
        del st.query_params["learner"]
        code = None
    current = state.learner()
    # a wrong code in the address is one wrong guess, not one per rerun (a language toggle,
    # a click): this tab remembers it and does not ask the store about it again
    if code and (current is None or current.code != code) and code != st.session_state.get(state.MISSED_CODE):
        try:
            found = state.store().learners.learner_by_code(code, client=state.client(), now=state.now())
        except UserError as err:  # too many wrong codes from here: wait
            state.show_error(err)
            found = None
        else:
            if found is None:
                st.session_state[state.MISSED_CODE] = code
        if found is not None:
            state.sign_in(found)
            current = found
    if current is not None and st.query_params.get("learner") != current.code:
        st.query_params["learner"] = current.code
    state.keep_lang_in_url()
    state.join_pending_group()


def _page(name: str, title_key: str, icon: str, shown: bool, default: bool = False) -> st.Page:
    """Every page is always registered, so a bookmarked or refreshed address never meets
    Streamlit's "Page not found": a page the visitor cannot use yet is only hidden from the
    menu, and asks them to sign in itself (require_learner / require_trainer)."""
    return st.Page(
        f"{PAGES}/{name}.py",
        title=t(title_key),
        icon=icon,
        url_path=name,
        default=default,
        visibility="visible" if shown else "hidden",
    )


_PAGES_SHOWN = "_pages_shown"  # ((language, learner?, trainer?), the pages made for them)


def pages() -> dict[str, list[st.Page]]:
    """The menu for this visitor, made once per session and made again when what it depends
    on changes (a st.Page resolves its file on the disk when it is made: a tenth of a page
    run, benchmarks/steps.py). Kept per session, never shared: st.navigation marks the page
    it returns on the object itself."""
    learner = state.learner() is not None
    staff = state.trainer()
    trainer, admin = staff is not None, staff is not None and staff.role == "admin"
    shown = (state.lang(), learner, trainer, admin)
    made = st.session_state.get(_PAGES_SHOWN)
    if made is not None and made[0] == shown:
        return made[1]  # type: ignore[no-any-return]
    menu = _menu(learner, trainer, admin)
    st.session_state[_PAGES_SHOWN] = (shown, menu)
    return menu


def _menu(learner: bool, trainer: bool, admin: bool = False) -> dict[str, list[st.Page]]:
    learn = [
        _page("home", "nav.overview", ":material/route:", False, default=True),
        _page("overview", "nav.overview", ":material/route:", learner),
        _page("lesson", "nav.lesson", ":material/menu_book:", learner),
        _page("quiz", "nav.quiz", ":material/quiz:", learner),
        _page("progress", "nav.progress", ":material/insights:", learner),
        _page("exam", "nav.exam", ":material/workspace_premium:", learner),
        _page("practice", "nav.practice", ":material/repeat:", learner),
        _page("start", "nav.start", ":material/home:", True),
        st.Page(
            f"{PAGES}/verify.py",
            title=t("nav.verify"),
            icon=":material/verified:",
            url_path="verify-certificate",
        ),  # noqa: E501
    ]
    teach = [
        _page("groups", "nav.groups", ":material/groups:", trainer),
        _page("results", "nav.results", ":material/monitoring:", trainer),
        _page("admin", "nav.admin", ":material/admin_panel_settings:", admin),  # issue 33
        _page("trainer", "nav.trainer_signin", ":material/badge:", True),
    ]
    return {t("nav.section_learn"): learn, t("nav.section_trainer"): teach}


def declare_language() -> None:
    """``<html lang>`` follows the visitor's language (Streamlit's page says "en"), so a screen
    reader speaks Dutch as Dutch. A script in st.html runs in the page itself (not sandboxed)."""
    code = json.dumps(state.lang())  # "nl" or "en", never free text
    st.html(f"<script>document.documentElement.lang = {code};</script>", unsafe_allow_javascript=True)


def sidebar() -> None:
    style()
    brand.header()
    with st.sidebar:
        language_picker("_lang_sidebar")
        declare_language()
        chrome_words.relabel()
        learner = state.learner()
        if learner is not None:
            st.markdown(t("nav.signed_in_as", name=md_escape(learner.name)))
            st.caption(t("nav.your_code", code=learner.code))
            if st.button(t("nav.sign_out"), icon=":material/logout:"):
                state.sign_out()
                go("start")
    brand.contact()


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
    except StoreError as err:
        log.error("database unavailable: %s", str(err).splitlines()[0] if str(err) else type(err).__name__)
        st.error(t("error.database"))
