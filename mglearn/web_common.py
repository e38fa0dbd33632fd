"""What the trainer's sign-in routes share (mglearn.web, mglearn.web_factor): the cookie, the
paths, the form's field names, the same-origin check, the client a try counts against."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .i18n import LANGS
from .settings import current as current_settings

COOKIE = "mglearn_trainer"
SIGN_IN = "/api/trainer/signin"
SIGN_OUT = "/api/trainer/signout"
SIGN_IN_PAGE = "/trainer"
AFTER_SIGN_IN = "/results"
# Form field names. The page's HTML passes through DOMPurify, which drops a name that is also a
# property of a form element (``name``, ``lang``, ...) against DOM clobbering: hence these.
NAME_FIELD, PASSWORD_FIELD, LANG_FIELD = "username", "password", "ui_lang"


def same_origin(request: Request) -> bool:
    """True when the form was sent from a page of this very host (a CSRF check). Behind a proxy
    that rewrites Host, its X-Forwarded-Host counts too: a cross-site form cannot set headers."""
    hosts = {request.headers.get(h, "").lower() for h in ("host", "x-forwarded-host")} - {""}
    source = request.headers.get("origin") or request.headers.get("referer") or ""
    if not hosts or not source or source == "null":
        return False
    return urlsplit(source).netloc.lower() in hosts


def request_client(request: Request) -> str:
    """The client a request counts against (X-Forwarded-For only from a trusted proxy)."""
    from .clients import client_address
    from .settings import web_server_trusted_proxies

    forwarded = ", ".join(request.headers.getlist("x-forwarded-for"))
    peer = request.client.host if request.client else ""
    trusted = current_settings().trusted_proxies
    return client_address(peer, forwarded, trusted, web_server_trusted_proxies().split(","))


def _redirect(path: str, **query: str) -> RedirectResponse:
    target = f"{path}?{urlencode(query)}" if query else path
    return RedirectResponse(target, status_code=303)


def _lang(form: Any) -> dict[str, str]:
    """Keep the visitor's language across the redirect (a fixed value, never free text)."""
    value = form.get(LANG_FIELD)
    return {"lang": value} if value in LANGS else {}


def _set_cookie(response: Response, request: Request, token: str, max_age: int, name: str = COOKIE) -> None:
    response.set_cookie(
        name,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
