"""The HTTP routes served beside the Streamlit app (``st.App(routes=...)`` in app.py).

Trainer sign-in lives here, not in a Streamlit widget, because only an HTTP response can set a
cookie the browser sends back on a refresh or in a new tab. The sign-in form on the trainer
page is a plain HTML form that POSTs here; the route checks the password (throttled per name
and client address, see :mod:`mglearn.store.trainers`), opens a session and sets the HttpOnly
cookie holding its token, then redirects (303) to the results page. A failure redirects back
to the sign-in page with a short code (``?signin=failed``, ``?signin=wait&seconds=N``, or
``?signin=missing`` for an empty field) that the page translates. Streamlit reads the cookie
from the websocket handshake (``st.context.cookies``) and the page resolves the trainer through
the store (:func:`mglearn.ui.state.trainer`).

Against cross-site requests: the cookie is ``SameSite=Strict`` and both POST routes refuse a
request whose ``Origin`` (or, without it, ``Referer``) host is not the ``Host`` it was sent to.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import cache
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import web_brand, web_examday, web_factor, web_lti
from .audit import Actor
from .errors import StoreError, UserError
from .i18n import LANGS, accepted_lang
from .lti_send import start_sender
from .settings import Settings
from .settings import current as current_settings
from .store import Store, utcnow
from .web_common import (
    AFTER_SIGN_IN,
    COOKIE,
    NAME_FIELD,
    PASSWORD_FIELD,
    SIGN_IN,
    SIGN_IN_PAGE,
    SIGN_OUT,
    _lang,
    _redirect,
    _set_cookie,
    request_client,
    same_origin,
)
from .web_common import LANG_FIELD as LANG_FIELD  # (the forms of mglearn.ui use web.LANG_FIELD)

log = logging.getLogger("mglearn.web")


@cache
def _default_store(values: Settings) -> Store:
    return Store(settings=values)


def default_store() -> Store:
    """The store of the server's settings (one per distinct environment)."""
    return _default_store(current_settings())


_exam_day = web_examday.lifespan_with(default_store)  # the exam sweeper, the address check (issue 32)


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """Once per server process (``st.App(lifespan=...)``): the exam sweeper and the address check
    (issue 32), and the LTI grade sender (issue 31). Started here, not when routes are built: a
    test that builds routes must not get a thread that opens whatever database the environment
    names next."""
    start_sender(default_store, current_settings().lti_send_seconds)
    async with _exam_day(app):
        yield


REFERRER_POLICY = "same-origin"


class ReferrerPolicy:
    """ASGI middleware: ``Referrer-Policy: same-origin`` on every HTTP response the server sends,
    Streamlit's own pages and files included (``st.App(middleware=...)`` wraps them all). The
    address bar holds a learner's resume code (``?learner=MG-...``): a link to another site must
    not carry it there in the Referer header. Not ``no-referrer``: with it Chromium sends
    ``Origin: null`` on the trainer's sign-in form, which the same-origin check then refuses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Referrer-Policy"] = REFERRER_POLICY
            await send(message)

        await self.app(scope, receive, send_with_policy)


def middleware() -> list[Middleware]:
    """The middleware for ``st.App(middleware=...)``."""
    return [Middleware(ReferrerPolicy)]


def routes(store: Callable[[], Store] = default_store) -> list[BaseRoute]:
    """The routes for ``st.App(routes=...)``; ``store`` is swapped in tests."""
    current_settings()  # the server starts: a setting that cannot work is told now, not at first use

    async def sign_in(request: Request) -> Response:
        if not same_origin(request):
            return PlainTextResponse("Forbidden: cross-site request", status_code=403)
        form = await request.form(max_files=0, max_fields=10)
        name, password = str(form.get(NAME_FIELD) or ""), str(form.get(PASSWORD_FIELD) or "")
        lang = _lang(form)
        if not name.strip() or not password:  # the page says so; not a wrong try (no throttling)
            return _redirect(SIGN_IN_PAGE, signin="missing", **lang)
        client = request_client(request)
        hours = current_settings().trainer_session_hours  # MGLEARN_TRAINER_SESSION_HOURS

        now = utcnow()  # one clock for the request: the try and the session it opens

        def check() -> tuple[str, str]:
            db = store()
            trainer = db.trainers.sign_in_trainer(name, password, now, client=client)
            agent, old = request.headers.get("user-agent", ""), request.cookies.get(COOKIE)
            return web_factor.next_step(db, trainer, now, hours, client, agent, old)  # a code next

        try:
            kind, token = await run_in_threadpool(check)
        except UserError as err:
            if err.key == "error.login_wait":
                return _redirect(
                    SIGN_IN_PAGE, signin="wait", seconds=str(err.params.get("seconds", 1)), **lang
                )
            if err.key == "error.login_failed":
                return _redirect(SIGN_IN_PAGE, signin="failed", **lang)
            log.error("trainer sign-in refused: %s", err.key)
            return _redirect(SIGN_IN_PAGE, signin="error", **lang)
        except StoreError as err:
            log.error("trainer sign-in: database unavailable: %s", type(err).__name__)
            return _redirect(SIGN_IN_PAGE, signin="error", **lang)
        if kind != "session":
            return web_factor.step_response(request, kind, token, lang)
        response = _redirect(AFTER_SIGN_IN, **lang)
        _set_cookie(response, request, token, int(hours * 3600))
        return response

    async def sign_out(request: Request) -> Response:
        if not same_origin(request):
            return PlainTextResponse("Forbidden: cross-site request", status_code=403)
        form = await request.form(max_files=0, max_fields=10)
        token = request.cookies.get(COOKIE)
        by = Actor(utcnow(), None, request_client(request))  # for the audit log (issue 33)
        try:
            await run_in_threadpool(lambda: store().trainers.close_session(token, by))
        except (UserError, StoreError) as err:
            log.error("trainer sign-out: could not end the session: %s", type(err).__name__)
        response = _redirect(SIGN_IN_PAGE, signin="out", **_lang(form))
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response

    return [
        Route(SIGN_IN, sign_in, methods=["POST"], name="trainer_sign_in"),
        Route(SIGN_OUT, sign_out, methods=["POST"], name="trainer_sign_out"),
        *certificate_routes(store),
        *web_factor.routes(store),
        *web_lti.routes(store, COOKIE),
        *web_brand.routes(),
    ]


# -- certificates: /verify/<code>, and the issuer's documents (mglearn/web_issuer.py) --

VERIFY = "/verify/{code}"

_VERIFY_WORDS = {
    "nl": {
        "title": "Certificaat controleren",
        "valid": "Geldig certificaat",
        "revoked": "Ingetrokken certificaat",
        "expired": "Verlopen certificaat",
        "unknown": "Onbekende code: dit certificaat bestaat niet.",
        "name": "Naam",
        "date": "Datum",
        "score": "Score",
        "module": "Module",
        "code": "Code",
        "revoked_on": "Ingetrokken op",
        "valid_until": "Geldig tot",
        "contact": "Contact",
    },
    "en": {
        "title": "Verify a certificate",
        "valid": "Valid certificate",
        "revoked": "Revoked certificate",
        "expired": "Expired certificate",
        "unknown": "Unknown code: this certificate does not exist.",
        "name": "Name",
        "date": "Date",
        "score": "Score",
        "module": "Module",
        "code": "Code",
        "revoked_on": "Revoked on",
        "valid_until": "Valid until",
        "contact": "Contact",
    },
}


def verify_html(found: dict[str, Any], lang: str, code: str = "") -> str:
    """The public verification page: plain HTML, every value escaped; at its foot a link to
    the app and one to this page in the other language (relative: right behind any prefix)."""
    from html import escape
    from urllib.parse import quote

    from .branding import brand
    from .i18n import LANG_NAMES, t
    from .web_brand import page_footer, page_header, page_style

    words = _VERIFY_WORDS.get(lang, _VERIFY_WORDS["nl"])
    b = brand()
    status = str(found.get("status", "unknown"))
    score = str(found.get("score"))
    shown = (
        {**found, "score": f"{score.replace('.', ',') if lang == 'nl' else score}%"}
        if "score" in found
        else found
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(words[k])}</th><td>{escape(str(shown[k]))}</td></tr>'
        for k in ("name", "date", "score", "module", "code", "revoked_on", "valid_until")
        if shown.get(k) is not None
    )
    heading = words["unknown"] if status == "unknown" else words[status]
    other = next(x for x in LANGS if x != lang)
    here = escape(quote(str(found.get("code") or code), safe=""))
    links = (
        f'<p><a href="../?lang={lang}">{escape(t("web.verify_to_app", lang))}</a> · '
        f'<a href="{here}?lang={other}" hreflang="{other}" lang="{other}">{LANG_NAMES[other]}</a></p>'
    )
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(words['title'])} · {escape(b.name)}</title>"
        f"<style>{page_style(b)}</style></head><body>{page_header(b)}<main>"
        f"<h1>{escape(words['title'])}</h1>"
        f'<p class="{escape(status)}" role="status"><strong>{escape(heading)}</strong></p>'
        f"<table>{rows}</table>{links}</main>{page_footer(b, words['contact'])}</body></html>"
    )


def certificate_routes(store: Callable[[], Store] = default_store) -> list[BaseRoute]:
    from . import certificates

    async def verify(request: Request) -> Response:
        code = str(request.path_params.get("code", ""))
        asked = request.query_params.get("lang")
        lang = asked if asked in LANGS else accepted_lang(request.headers.get("accept-language", ""))
        try:
            cert = await run_in_threadpool(lambda: store().certificates.certificate(code))
        except StoreError as err:
            log.error("verify: database unavailable: %s", type(err).__name__)
            return PlainTextResponse("Service unavailable", status_code=503)
        now = utcnow()  # one clock for the request
        status = 404 if cert is None else 200
        headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
        headers |= {"Content-Language": lang, "Vary": "Accept-Language"}
        if request.query_params.get("format") == "json":  # ISO dates for programs
            found = certificates.public_status(cert, now, lang)
            return JSONResponse(found, status_code=status, headers=headers)
        found = certificates.public_status(
            cert, now, lang, zone=current_settings().timezone
        )  # as the app shows dates
        return HTMLResponse(verify_html(found, lang, code), status_code=status, headers=headers)

    from . import web_issuer

    return [
        Route(VERIFY, verify, methods=["GET"], name="verify_certificate"),
        *web_issuer.routes(store),  # /issuer, /.well-known/did.json, the status list, ...
    ]
