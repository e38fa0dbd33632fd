"""The LTI 1.3 routes (issue 31): the OIDC login an LMS starts, the launch it posts back, and
the tool's public keys.

1. ``/lti/login`` (GET or POST, third-party-initiated login): finds the platform by ``iss``
   (and ``client_id``), stores a new state and nonce, and sends the browser to the platform's
   authorization address with a 10-minute HttpOnly cookie holding the state's hash; the launch
   is refused in a browser without it (login CSRF).
2. ``/lti/launch`` (POST ``id_token``, ``state``): verifies the id_token's signature against the
   platform's JWKS and its ``iss`` and ``aud`` (PyJWT), takes the login of ``state`` (used once,
   in the database, so on whichever server), and checks the rest
   (:func:`mglearn.lti.launch.check_claims`). A learner gets the ``mglearn_lti`` cookie that the
   page reads (:mod:`mglearn.ui.lti`) and lands on the link's lesson, quiz, exam or practice;
   an instructor gets a trainer session cookie and lands on the results of their course's
   group. A refused launch is a short page saying which check failed; nothing is signed in.
3. ``/lti/jwks``: the tool's public keys (RS256), which the platform reads to verify the
   assertions of our token requests and our deep-linking answers.
4. Deep linking: an instructor's ``LtiDeepLinkingRequest`` launch shows the choice (a lesson,
   a quiz, the exam, practice); ``/lti/deep-link`` answers the platform with a signed
   ``LtiDeepLinkingResponse`` (:mod:`mglearn.lti.deep_linking`), a line item for a quiz or
   the exam.

The success answer is a small page that moves on to the app itself: a navigation started by
our own page is same-site, so the browser sends the new cookie with it even when the launch
came as a cross-site POST. Cookies are ``SameSite=Lax`` (a new window, the default); with
``MGLEARN_LTI_IFRAME=1`` they are ``SameSite=None; Secure`` so an LMS iframe keeps them (https
only; Safari still refuses third-party cookies: a new window always works).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import datetime
from html import escape
from typing import Any

import jwt
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from .clock import utcnow
from .errors import StoreError, UserError
from .i18n import t
from .lti import DEEP_LINKING_REQUEST
from .lti.keys import jwks, make_key
from .lti.launch import Launch, LaunchRefused, check_claims, landing, login_redirect, roster_learners
from .lti_send import SendError, platform_key, roster, start_sender
from .settings import current as current_settings
from .store import Store
from .store.lti import SESSION_HOURS
from .store.lti_platforms import LOGIN_MINUTES
from .web_common import request_client
from .web_lti_pages import (
    ALGORITHMS,
    DEEP_LINK,
    LAUNCH,
    choice_page,
    lang_of,
    page,
    placed,
    refused_page,
)

log = logging.getLogger("mglearn.lti")

LOGIN = "/lti/login"
JWKS = "/lti/jwks"
COOKIE = "mglearn_lti"
STATE_COOKIE = "mglearn_lti_state_"  # + the first 16 characters of the state's hash
# exp and iat are checked against the request's one clock in check_claims, not PyJWT's
_DECODE: Any = {"verify_exp": False, "verify_iat": False, "verify_nbf": False, "require": ["exp", "iat"]}


def _audiences(claims: dict[str, Any]) -> list[Any]:
    aud = claims.get("aud")
    return aud if isinstance(aud, list) else [aud]


def verify(db: Store, id_token: str, state: str, now: Any) -> Launch:
    """The launch of this id_token and state, every check passed; else LaunchRefused."""
    if not id_token or not state or len(id_token) > 100_000:
        raise LaunchRefused("missing")
    try:
        unverified = jwt.decode(id_token, options={"verify_signature": False})
    except jwt.InvalidTokenError as err:
        raise LaunchRefused("signature", "not a JWT") from err
    candidates = [p for p in db.lti_platforms.lti_platforms() if p.issuer == unverified.get("iss")]
    if not candidates:
        raise LaunchRefused("issuer")
    platform = next((p for p in candidates if p.client_id in _audiences(unverified)), None)
    if platform is None:
        raise LaunchRefused("audience")
    try:
        key = platform_key(platform.jwks_url, id_token)
    except jwt.PyJWKClientConnectionError as err:
        raise LaunchRefused("unavailable", "platform JWKS") from err
    except (jwt.PyJWKClientError, jwt.InvalidTokenError) as err:
        raise LaunchRefused("signature", str(err)) from err
    try:
        claims = jwt.decode(
            id_token,
            key,
            algorithms=ALGORITHMS,
            audience=platform.client_id,
            issuer=platform.issuer,
            # exp and iat are checked against the request's clock in check_claims
            options={
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
                "require": ["exp", "iat"],
            },
        )
    except jwt.InvalidAudienceError as err:
        raise LaunchRefused("audience") from err
    except jwt.InvalidIssuerError as err:
        raise LaunchRefused("issuer") from err
    except jwt.MissingRequiredClaimError as err:
        raise LaunchRefused("expired", str(err)) from err
    except jwt.InvalidTokenError as err:
        raise LaunchRefused("signature", str(err)) from err
    taken = db.lti_platforms.lti_take_login(state, now)
    if taken is None or taken[0] != platform.id:
        raise LaunchRefused("nonce", "state unknown, expired or used")
    return check_claims(claims, platform, taken[1], now)


def fill_from_roster(db: Store, checked: Launch, now: datetime) -> None:
    """Names and Roles: the course's learners join the instructor's group now, not one by one
    at their first launch. A roster that cannot be read is logged; the launch goes on."""
    platform = db.lti_platforms.lti_platform_by_id(checked.platform_id)
    if platform is None:  # pragma: no cover - the launch was just checked against it
        return
    try:
        members = roster_learners(roster(db, platform, checked.memberships_url, now))
    except SendError as err:
        log.warning("lti: course roster not read: %s", err)
        return
    db.lti.lti_enrol(checked.issuer, checked.context_id, members, now)


def _cookie(response: Response, request: Request, name: str, token: str, max_age: int) -> None:
    iframe = bool(current_settings().lti_iframe)
    response.set_cookie(
        name,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="none" if iframe else "lax",
        secure=iframe or request.url.scheme == "https",
    )


def _state_hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def _state_cookie(response: Response, request: Request, state: str) -> None:
    """Tie the login's state to this browser: an HttpOnly cookie with the state's hash, for the
    login's minutes. The launch is a cross-site POST from the platform: on https the cookie is
    ``SameSite=None; Secure``; on plain http it has no SameSite (a browser drops ``None``
    without ``Secure``), which Firefox sends, and Chrome too for a top-level POST within 2
    minutes of setting it (its Lax+POST rule); an iframe launch needs https anyway."""
    secure = request.url.scheme == "https" or current_settings().public_url.startswith("https:")
    digest = _state_hash(state)
    response.set_cookie(
        STATE_COOKIE + digest[:16],
        digest,
        max_age=LOGIN_MINUTES * 60,
        path="/lti/",
        httponly=True,
        samesite="none" if secure else None,
        secure=secure,
    )


def _same_browser(request: Request, state: str) -> bool:
    """Whether this browser started the login of ``state`` (it holds the state's cookie)."""
    digest = _state_hash(state)
    return hmac.compare_digest(request.cookies.get(STATE_COOKIE + digest[:16], ""), digest)


def _continue(request: Request, target: str, lang: str) -> HTMLResponse:
    """A page of ours that moves on to ``target`` (same-site: the new cookie goes with it)."""
    url = escape(str(request.base_url) + target)
    head = f'<meta http-equiv="refresh" content="0;url={url}">'
    body = f'<p><a href="{url}">{escape(t("lti.continue.link", lang))}</a></p>'
    return page(lang, t("lti.continue.title", lang), body, head=head)


def routes(store: Callable[[], Store], trainer_cookie: str, *, sender: bool = False) -> list[BaseRoute]:
    """The LTI routes; ``trainer_cookie`` is the name of the trainer sign-in cookie
    (:data:`mglearn.web.COOKIE`); ``sender`` starts this server's grade sender."""
    if sender:
        start_sender(store, current_settings().lti_send_seconds)

    async def login(request: Request) -> Response:
        params: dict[str, str] = {k: str(v) for k, v in request.query_params.items()}
        if request.method == "POST":
            form = await request.form(max_files=0, max_fields=20)
            params |= {k: str(v) for k, v in form.items()}
        lang = lang_of(request)
        if not params.get("iss") or not params.get("login_hint"):
            return refused_page("missing", lang)
        now = utcnow()

        def start() -> tuple[str, str] | None:
            db = store()
            platform = db.lti_platforms.lti_platform(params["iss"], params.get("client_id") or None)
            if platform is None:
                return None
            state, nonce = db.lti_platforms.lti_start_login(platform.id, now)
            launch_url = str(request.base_url) + LAUNCH.lstrip("/")
            return login_redirect(platform, params, launch_url, state, nonce), state

        try:
            target = await run_in_threadpool(start)
        except StoreError as err:
            log.error("lti login: database unavailable: %s", type(err).__name__)
            return refused_page("unavailable", lang)
        if target is None:
            log.warning("lti login refused: unknown platform %r", params["iss"][:100])
            return refused_page("platform", lang)
        response = RedirectResponse(target[0], status_code=302)
        _state_cookie(response, request, target[1])
        return response

    async def launch(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=20, max_part_size=200_000)
        id_token, state = str(form.get("id_token") or ""), str(form.get("state") or "")
        if id_token and state and not _same_browser(request, state):  # login CSRF
            log.warning("lti launch refused: the login started in another browser")
            return refused_page("browser", lang_of(request))
        now = utcnow()
        hours = current_settings().trainer_session_hours
        client, agent = request_client(request), request.headers.get("user-agent", "")  # for the audit log

        def arrive() -> tuple[Launch, Any]:
            db = store()
            checked = verify(db, id_token, state, now)
            if checked.message_type == DEEP_LINKING_REQUEST:
                return checked, None
            arrival = db.lti.lti_arrive(checked, now, trainer_hours=hours, client=client, agent=agent)
            if arrival.trainer is not None and checked.memberships_url and checked.context_id:
                fill_from_roster(db, checked, now)
            return checked, arrival

        try:
            checked, arrival = await run_in_threadpool(arrive)
        except LaunchRefused as err:
            log.warning("lti launch refused: %s", err)
            return refused_page(err.reason, lang_of(request))
        except StoreError as err:
            log.error("lti launch: database unavailable: %s", type(err).__name__)
            return refused_page("unavailable", lang_of(request))
        except UserError as err:  # LMS data the store refuses: a page, not a 500
            log.warning("lti launch refused: %s", err)
            return refused_page("data", lang_of(request))
        lang = lang_of(request, checked)
        if arrival is None:  # deep linking: the trainer picks what the link opens
            return await run_in_threadpool(lambda: choice_page(store(), request, checked, lang, now))
        if arrival.trainer is not None:
            response = _continue(request, f"results?lang={lang}", lang)
            _cookie(response, request, trainer_cookie, arrival.token, int(hours * 3600))
            return response
        response = _continue(request, landing(checked.activity, lang), lang)
        _cookie(response, request, COOKIE, arrival.token, SESSION_HOURS * 3600)
        return response

    async def keys(request: Request) -> Response:
        try:
            found = await run_in_threadpool(lambda: store().lti_platforms.lti_tool_keys(utcnow(), make_key))
        except StoreError as err:
            log.error("lti jwks: database unavailable: %s", type(err).__name__)
            return JSONResponse({"error": "unavailable"}, status_code=503)
        return JSONResponse(jwks(found), headers={"Cache-Control": "max-age=300"})

    async def place(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        now = utcnow()
        try:
            return await run_in_threadpool(lambda: placed(store(), request, form, now))
        except StoreError as err:
            log.error("lti deep link: database unavailable: %s", type(err).__name__)
            return refused_page("unavailable", lang_of(request))

    return [
        Route(LOGIN, login, methods=["GET", "POST"], name="lti_login"),
        Route(LAUNCH, launch, methods=["POST"], name="lti_launch"),
        Route(JWKS, keys, methods=["GET"], name="lti_jwks"),
        Route(DEEP_LINK, place, methods=["POST"], name="lti_deep_link"),
    ]
