"""The second step of a trainer's sign-in (issue 33): the routes that take the code.

After the right password (mglearn.web) the browser holds a short-lived HttpOnly step cookie
(STEP_COOKIE, five minutes) and the trainer page asks for the code (``?signin=code``) or, for a
trainer without a factor while MGLEARN_TRAINER_TOTP=1, shows the QR code to enrol
(``?signin=enrol``). The forms post here; a right code opens the session (a new token, the
session cookie) and ends the step; enrolment answers with a page that shows the ten recovery
codes once. A wrong code goes back with ``?signin=code_wrong``; too many lock the account
(``?signin=locked&minutes=N``); a missing or old step asks for the password again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from html import escape

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from .clock import utcnow
from .errors import StoreError, UserError
from .i18n import t
from .records import Trainer
from .settings import current as current_settings
from .store import Store
from .store.factors import STEP_MINUTES
from .web_common import (
    AFTER_SIGN_IN,
    COOKIE,
    SIGN_IN_PAGE,
    _lang,
    _redirect,
    _set_cookie,
    request_client,
    same_origin,
)

log = logging.getLogger("mglearn.web")

STEP_COOKIE = "mglearn_trainer_step"
CODE = "/api/trainer/code"
ENROL = "/api/trainer/enrol"
CODE_FIELD = "otp"


def next_step(
    db: Store,
    trainer: Trainer,
    now: datetime,
    hours: float,
    client: str = "",
    agent: str = "",
    old_token: str | None = None,
) -> tuple[str, str]:
    """After the right password: ("code" | "enrol", a step token), or ("session", a session
    token) when no second factor is asked for (MGLEARN_TRAINER_TOTP=0 and none enrolled)."""
    if db.factors.has_factor(trainer.id):
        return "code", db.factors.open_step(trainer.id, now, enrol=False)
    if current_settings().trainer_totp:
        return "enrol", db.factors.open_step(trainer.id, now, enrol=True)
    db.sessions.end_token(old_token)  # the session this browser had before, if any
    return "session", db.trainers.open_session(trainer.id, now, hours=hours, client=client, agent=agent)


def step_response(request: Request, kind: str, token: str, lang: dict[str, str]) -> Response:
    """Where the browser goes after the password: the code (or enrolment) form, step cookie set."""
    response = _redirect(SIGN_IN_PAGE, signin=kind, **lang)
    _set_cookie(response, request, token, STEP_MINUTES * 60, name=STEP_COOKIE)
    return response


def _signed_in(request: Request, response: Response, token: str, hours: float) -> Response:
    _set_cookie(response, request, token, int(hours * 3600))
    response.delete_cookie(STEP_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def recovery_html(codes: list[str], lang: str) -> str:
    """The one page that ever shows the recovery codes: plain HTML, then on to the results."""
    items = "".join(f"<li><code>{escape(c)}</code></li>" for c in codes)
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(t('factor.recovery_title', lang))}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}"
        "code{font-size:1.2rem;letter-spacing:.05em;white-space:nowrap}</style></head><body>"
        f"<h1>{escape(t('factor.recovery_title', lang))}</h1>"
        f"<p>{escape(t('factor.recovery_help', lang))}</p><ol>{items}</ol>"
        f'<p><button type="button" onclick="window.print()">{escape(t("factor.print", lang))}</button></p>'
        f'<p><a href="{AFTER_SIGN_IN}?lang={escape(lang)}">{escape(t("factor.continue", lang))}</a></p>'
        "</body></html>"
    )


def routes(store: Callable[[], Store]) -> list[BaseRoute]:
    async def second_step(request: Request, enrol: bool) -> Response:
        if not same_origin(request):
            return PlainTextResponse("Forbidden: cross-site request", status_code=403)
        form = await request.form(max_files=0, max_fields=10)
        lang = _lang(form)
        code = str(form.get(CODE_FIELD) or "")[:64]
        step = request.cookies.get(STEP_COOKIE)
        hours = current_settings().trainer_session_hours
        client, agent = request_client(request), request.headers.get("user-agent", "")
        now = utcnow()  # one clock for the request

        def check() -> tuple[str, list[str]]:
            db = store()
            if enrol:
                trainer, codes = db.factors.enrol_factor(step, code, now, client=client)
            else:
                trainer, codes = db.factors.pass_factor(step, code, now, client=client), []
            db.sessions.end_token(request.cookies.get(COOKIE))  # the session this browser had before, if any
            return db.trainers.open_session(trainer.id, now, hours=hours, client=client, agent=agent), codes

        try:
            token, codes = await run_in_threadpool(check)
        except UserError as err:
            if err.key == "error.code_wrong":
                return _redirect(SIGN_IN_PAGE, signin="enrol_wrong" if enrol else "code_wrong", **lang)
            if err.key == "error.code_locked":
                minutes = str(err.params.get("minutes", 15))
                return _redirect(SIGN_IN_PAGE, signin="locked", minutes=minutes, **lang)
            return _redirect(SIGN_IN_PAGE, signin="expired", **lang)
        except StoreError as err:
            log.error("trainer code: database unavailable: %s", type(err).__name__)
            return _redirect(SIGN_IN_PAGE, signin="error", **lang)
        if enrol:
            page = HTMLResponse(
                recovery_html(codes, lang.get("lang", "nl")), headers={"Cache-Control": "no-store"}
            )
            return _signed_in(request, page, token, hours)
        return _signed_in(request, _redirect(AFTER_SIGN_IN, **lang), token, hours)

    async def code(request: Request) -> Response:
        return await second_step(request, enrol=False)

    async def enrol(request: Request) -> Response:
        return await second_step(request, enrol=True)

    return [
        Route(CODE, code, methods=["POST"], name="trainer_code"),
        Route(ENROL, enrol, methods=["POST"], name="trainer_enrol"),
    ]
