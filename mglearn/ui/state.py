"""Shared UI state: the cached store and content, session keys, the signed-in learner."""

from __future__ import annotations

import gc
import sys
from datetime import datetime
from typing import Any

import streamlit as st

from mglearn import clock, i18n, web
from mglearn import settings as app_settings
from mglearn.content import Content, Problem
from mglearn.content.check import check_root
from mglearn.errors import UserError
from mglearn.settings import Settings
from mglearn.store import Learner, Store, Trainer
from mglearn.ui.escape import md_escape

# session_state keys, all in one place
LEARNER_ID = "learner_id"
LEARNER_CODE = "learner_code"  # (id, code) of the signed-in learner (a code never changes): links
LANG = "lang"
LANG_IN_URL = "lang_in_url"  # the ?lang= value this session last wrote (a different one is a new choice)
TRAINER_SESSION = "trainer_session"  # a sign-in token placed here by tests (AppTest sends no cookies)
FLASH = "flash"
PENDING_JOIN = "pending_join"  # a group code from ?join=... waiting for a learner
GOTO = "goto"  # a page to open on the next run (after the page list changed)
QUIZ_ERROR = "quiz_error"  # a refused answer, shown on the next run of the quiz page
JUST_SUBMITTED = "just_submitted"  # an attempt submitted by this tab: open its result at the top
EXAM_ERROR = "exam_error"  # a refused exam action (e.g. an answer after the deadline), shown next run
SIGNED_OUT = "signed_out_code"  # the code this tab signed out of: ?learner= with it is ignored
MISSED_CODE = "missed_code"  # a ?learner= code this tab found unknown: counted once, not per rerun
RUN_NOW = "run_now"  # (run, now): the one clock of this run, see now()
RUN_SETTINGS = "run_settings"  # (run, settings): the settings of this run, see settings()

PAGES = "mglearn/ui"


def now() -> datetime:
    """This run's one clock: read at its first use in a run and kept for the rest of it, so one
    exam deadline is judged by one clock. A rerun of only a fragment is a run of its own."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:  # outside a Streamlit run
        return clock.utcnow()
    run = ctx.cursors  # a new object at the start of every run (ScriptRunContext.reset)
    kept = st.session_state.get(RUN_NOW)
    if isinstance(kept, tuple) and kept[0] is run:
        return kept[1]
    taken = clock.utcnow()
    st.session_state[RUN_NOW] = (run, taken)  # holding `run` keeps its identity unique
    return taken


def settings() -> Settings:
    """The server's settings (``MGLEARN_*``, validated), read once per run like :func:`now`:
    the one place a page gets them; the core is handed them."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:  # outside a Streamlit run
        return app_settings.current()
    run = ctx.cursors
    kept = st.session_state.get(RUN_SETTINGS)
    if isinstance(kept, tuple) and kept[0] is run:
        return kept[1]
    taken = app_settings.current()
    st.session_state[RUN_SETTINGS] = (run, taken)
    return taken


@st.cache_resource(show_spinner=False)
def _store(key: str, _values: Settings) -> Store:
    """The store of these settings (``key``: their repr, what the cache hashes)."""
    opened = Store(settings=_values)
    startup(opened)
    return opened


def startup(opened: Store) -> None:
    """Once per process: submit the exams whose time ran out while no one looked, and make
    (or load) the signing key and publish its public half. An unusable key file is logged
    once; every page works without it, only a new credential cannot be signed."""
    from mglearn.certificates import signer_or_none

    now = clock.utcnow()  # once per process, before any run
    opened.exams.sweep_exams(now)
    signer_or_none(opened, now)


@st.cache_resource(show_spinner=False)
def _content(root: str) -> tuple[Content, list[Problem]]:
    return check_root(root)


# Keep the garbage collector off the hot path. A full collection walks every tracked object,
# and most of them live as long as the process: the libraries, the content, the engine, the
# parsed question versions (about 106,000 objects against a bare page's 53,000). gc.freeze()
# moves the objects alive now into a permanent generation that no collection walks again.
# Measured with benchmarks/load.py (BENCHMARKS.md), 25 learners answering without pause, with
# Streamlit's full collection after every run (runner.postScriptGC) still on: 3.7 answers/s
# and p50 3.3 s without the freeze, 10.6 answers/s and p50 1.3 s with it. That collection is
# now off as well (.streamlit/config.toml: memory stayed flat without it), so the freeze
# mostly spares the interpreter's own occasional full collections.
# It is done once the content and the engine are loaded (the first page that needs the
# content), and again whenever more modules were imported since (a trainer page's pandas),
# so a handful of times per process. An object frozen while a session was open is still
# freed by reference counting; only a cycle frozen with it stays until the process ends, so
# the few re-freezes cost at most a few sessions' worth of memory, once.
_frozen_at = [0]  # len(sys.modules) at the last freeze


def _freeze_long_lived() -> None:
    try:
        store()  # the engine (and the migration it ran) belong to the long-lived objects
    except Exception:  # the page reports an unavailable database itself; freeze later
        return
    _frozen_at[0] = len(sys.modules)
    gc.collect()
    gc.freeze()


# The store and the content, by URL and folder, as _store and _content made them. Every run
# asks for them several times, and a call of a cached function costs Streamlit a signature
# inspection and a hash of its arguments each time (a twentieth of a page run in
# benchmarks/load.py profiles); these dictionaries answer from the second call on.
_STORES: dict[Settings, Store] = {}
_CONTENTS: dict[str, tuple[Content, list[Problem]]] = {}


def store() -> Store:
    values = settings()
    found = _STORES.get(values)
    if found is None:
        found = _STORES[values] = _store(repr(values), values)
    return found


def content() -> Content:
    """The validated content; stops the page with the problem list if it is broken."""
    root = str(settings().content_dir)
    found = _CONTENTS.get(root)
    if found is None:
        found = _CONTENTS[root] = _content(root)
    loaded, problems = found
    if len(sys.modules) != _frozen_at[0]:
        _freeze_long_lived()
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


def tn(key: str, n: int, **params: Any) -> str:
    """A plural in the visitor's language: 1 vraag, 2 vragen."""
    return i18n.tn(key, n, lang(), **params)


def browser_lang() -> str:
    """The browser's language when it is one of ours (``navigator.language``, else the
    ``Accept-Language`` header), else Dutch."""
    try:
        locale = str(st.context.locale or "")
        header = str(st.context.headers.get("accept-language") or "")
    except Exception:  # no browser context (a bare script run)
        return "nl"
    primary = locale.strip().lower().split("-", 1)[0]
    return primary if primary in i18n.LANGS else i18n.accepted_lang(header)


def keep_lang_in_url() -> None:
    """A visitor's language lives in ``?lang=`` like the learner's code in ``?learner=``: a
    refresh or a shared link keeps it, before sign-in too. A value in the URL that this session
    did not write (a fresh tab, an edited link) is a choice and wins; then the URL follows."""
    wanted = st.query_params.get("lang")
    if wanted in i18n.LANGS and wanted != st.session_state.get(LANG_IN_URL):
        st.session_state[LANG] = wanted
    elif LANG not in st.session_state:  # a first visit: the browser's language (issue 30)
        st.session_state[LANG] = browser_lang()
    current = lang()
    st.session_state[LANG_IN_URL] = current
    if st.query_params.get("lang") != current:
        st.query_params["lang"] = current


def client() -> str:
    """Who is typing codes, for slowing down wrong ones (mglearn.store.guesses): the browser's
    address; X-Forwarded-For only from a proxy in MGLEARN_TRUSTED_PROXIES (mglearn.clients);
    without any address (AppTest, a browser on this host), this browser session."""
    from ..clients import client_address
    from ..settings import current, web_server_trusted_proxies

    address = st.context.ip_address
    forwarded = ", ".join(h for h in st.context.headers.get_all("X-Forwarded-For") if isinstance(h, str))
    peer = address if isinstance(address, str) else ""  # (AppTest's stand-in client has no address)
    web_server = web_server_trusted_proxies().split(",")
    found = client_address(peer, forwarded, current().trusted_proxies, web_server)
    if found:
        return found
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id if ctx else ''}"


def show_error(err: UserError) -> None:
    st.error(t(err.key, **err.params))


def learner() -> Learner | None:
    """The signed-in learner, read from the store once per run: a run asks five times or more
    (who is here, the menu, the sidebar, the page), and each read was a query (a sixth of a
    page run in benchmarks/load.py profiles). The next run reads it again, so a rename or a
    language chosen in another tab shows on the next click."""
    learner_id = st.session_state.get(LEARNER_ID)
    if learner_id is None:
        return None
    run = _this_run()
    memo = st.session_state.get(_LEARNER_THIS_RUN)
    if run is not None and memo is not None and memo[0] is run and memo[1] == learner_id:
        return memo[2]  # type: ignore[no-any-return]
    try:
        found = store().learners.learner(int(learner_id))
    except UserError:
        st.session_state.pop(LEARNER_ID, None)
        return None
    if run is not None:
        st.session_state[_LEARNER_THIS_RUN] = (run, learner_id, found)
    return found


_LEARNER_THIS_RUN = "_learner_this_run"  # (this run's marker, learner id, Learner)


def _this_run() -> object | None:
    """An object that lives exactly as long as this script run: Streamlit gives every run
    (a fragment's too) a fresh dict of cursors. Compared by identity, and held by the memo,
    so a later run can never get the same object."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return None if ctx is None else ctx.cursors


this_run = _this_run  # (for pages: what a callback leaves for its own click's run only)


def sign_in(person: Learner) -> None:
    st.session_state[LEARNER_ID] = person.id
    st.session_state[LEARNER_CODE] = (person.id, person.code)
    st.session_state[LANG] = person.lang
    st.session_state.pop(SIGNED_OUT, None)


def sign_out() -> None:
    """Sign out; the code left in this tab's history (the Back button) does not sign in again
    (typing it on the start page does)."""
    person = learner()
    if person is not None:
        st.session_state[SIGNED_OUT] = person.code
    st.session_state.pop(LEARNER_ID, None)
    st.query_params.clear()


def signed_out_code() -> str | None:
    return st.session_state.get(SIGNED_OUT)


def require_learner() -> Learner:
    person = learner()
    if person is None:
        st.warning(t("error.need_learner"))
        st.page_link(f"{PAGES}/start.py", label=t("nav.start"), icon=":material/login:")
        st.stop()
    return person


def params(**extra: str) -> dict[str, str]:
    """Query parameters for a link: the learner's code (so a refresh resumes) plus extras."""
    # the code kept at sign-in, not learner(): a review page has a dozen links, and each
    # would read the learner from the database again (benchmarks/load.py)
    learner_id, code = st.session_state.get(LEARNER_CODE) or (None, None)
    if learner_id is None or learner_id != st.session_state.get(LEARNER_ID):
        person = learner()
        code = person.code if person else None
        if person:
            st.session_state[LEARNER_CODE] = (person.id, person.code)
    result = {"learner": code} if code else {}
    result["lang"] = lang()
    result.update(extra)
    return result


def flash(message: str) -> None:
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(message)


def trainer_token() -> str | None:
    """The trainer's sign-in token: the HttpOnly cookie set by the sign-in route (mglearn.web)."""
    cookie = st.context.cookies.get(web.COOKIE)
    if isinstance(cookie, str) and cookie:  # (AppTest's stand-in client has no real cookies)
        return cookie
    token = st.session_state.get(TRAINER_SESSION)
    return token if isinstance(token, str) else None


def trainer() -> Trainer | None:
    """The signed-in trainer, looked up in the store on every run: a refresh, a new tab or a
    second server finds the same session; a sign-out or an expired session ends it everywhere."""
    return store().trainers.session_trainer(trainer_token(), now())


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
        group = store().groups.join_group(person.id, code, now(), client=client())
    except UserError as err:
        flash(t(err.key, **err.params))
    else:
        flash(t("start.joined", name=md_escape(group.name)))


def phone_agent(user_agent: str) -> bool:
    """A phone's browser by its User-Agent: "Mobi" (iPhone, Android phones; not tablets)."""
    return "Mobi" in user_agent


def on_phone() -> bool:
    """This run's browser is a phone's: no keys to press, one screen at a time."""
    return phone_agent(st.context.headers.get("User-Agent") or "")
