"""The HTML pages the LTI routes (:mod:`mglearn.web_lti`) answer with: a refused launch, and deep
linking — the instructor's choice of what a link opens (a lesson, a quiz, the exam, practice)
and the signed ``LtiDeepLinkingResponse`` posted back to the platform by a form that submits
itself (:mod:`mglearn.lti.deep_linking`)."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cache
from html import escape
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .content import Content, default_content_dir, load_content
from .i18n import t
from .lti.deep_linking import Choice, content_item, response_claims
from .lti.launch import Launch
from .lti_send import sign, signing_key
from .settings import current as current_settings
from .store import Store

LAUNCH = "/lti/launch"
DEEP_LINK = "/lti/deep-link"
TICKET = "mglearn:deep-link"  # the audience of the ticket our choice page carries
ALGORITHMS = ["RS256"]


def lang_of(request: Request, launch: Launch | None = None) -> str:
    if launch is not None and launch.lang:
        return launch.lang
    first = request.headers.get("accept-language", "")[:100].split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "nl"


def page(lang: str, title: str, body: str, status: int = 200, head: str = "") -> HTMLResponse:
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{head}"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem}</style>"
        f"</head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def refused_page(reason: str, lang: str) -> HTMLResponse:
    """The page of a refused launch: which check failed, and what to do."""
    status = 503 if reason == "unavailable" else 400 if reason == "missing" else 403
    said = escape(t("lti.refused." + reason, lang))
    body = (
        f'<p role="alert" data-reason="{escape(reason)}"><strong>{said}</strong></p>'
        f"<p>{escape(t('lti.refused.advice', lang))}</p>"
    )
    return page(lang, t("lti.refused.title", lang), body, status)


# -- deep linking: a trainer placing mglearn in a course picks what the link opens --


@cache
def _content(root: str) -> Content:
    return load_content(root).content


def choices(lang: str) -> list[Choice]:
    """What a link can open: every lesson, every quiz, the exam, practice."""
    content = _content(str(default_content_dir(current_settings())))
    return [
        *(
            Choice(f"lesson:{x.id}", t("lti.deep.lesson", lang, title=getattr(x.title, lang)))
            for x in content.lessons
        ),
        *(
            Choice(f"quiz:{x.id}", t("lti.deep.quiz", lang, title=getattr(x.title, lang)))
            for x in content.quizzes
        ),
        Choice("exam", t("lti.deep.exam", lang)),
        Choice("practice", t("lti.deep.practice", lang)),
    ]


def choice_page(db: Store, request: Request, checked: Launch, lang: str, now: datetime) -> Response:
    """The trainer's choice, as a form whose ticket (signed by the tool's key, 15 minutes)
    carries the deep-linking request to :func:`placed`."""
    if not checked.trainer:
        return page(
            lang,
            t("lti.refused.title", lang),
            f"<p role=alert>{escape(t('lti.deep.trainers_only', lang))}</p>",
            403,
        )
    stamp = int(now.timestamp())
    ticket = sign(
        db,
        {
            "aud": TICKET,
            "exp": stamp + 900,
            "platform": checked.platform_id,
            "deployment": checked.deployment_id,
            "return": checked.deep_link_return_url,
            "data": checked.deep_link_data,
            "lang": lang,
        },
        now,
    )
    radio = '<li><label><input type="radio" name="activity" value="{}"{}> {}</label></li>'
    options = "".join(
        radio.format(escape(c.activity), " checked" if i == 0 else "", escape(c.title))
        for i, c in enumerate(choices(lang))
    )
    body = (
        f'<form method="post" action="{escape(str(request.base_url) + DEEP_LINK.lstrip("/"))}">'
        f'<input type="hidden" name="ticket" value="{escape(ticket)}">'
        f'<ul style="list-style:none;padding:0">{options}</ul>'
        f'<button type="submit">{escape(t("lti.deep.place", lang))}</button></form>'
    )
    return page(lang, t("lti.deep.title", lang), body)


def placed(db: Store, request: Request, form: Any, now: datetime) -> Response:
    """The signed LtiDeepLinkingResponse for the trainer's choice, posted to the platform by
    a form that submits itself."""
    lang = lang_of(request)
    try:
        kid, pem = signing_key(db, now)
        public = serialization.load_pem_private_key(pem.encode(), password=None).public_key()
        ticket = jwt.decode(str(form.get("ticket") or ""), public, algorithms=ALGORITHMS, audience=TICKET)  # type: ignore[arg-type]
    except jwt.InvalidTokenError:
        return page(
            lang, t("lti.refused.title", lang), f"<p role=alert>{escape(t('lti.deep.bad', lang))}</p>", 400
        )
    lang = str(ticket.get("lang") or lang)
    chosen = next((c for c in choices(lang) if c.activity == form.get("activity")), None)
    platform = db.lti_platforms.lti_platform_by_id(int(ticket["platform"]))
    if chosen is None or platform is None:
        return page(
            lang, t("lti.refused.title", lang), f"<p role=alert>{escape(t('lti.deep.bad', lang))}</p>", 400
        )
    claims = response_claims(
        client_id=platform.client_id,
        issuer=platform.issuer,
        deployment_id=str(ticket["deployment"]),
        data=str(ticket.get("data") or ""),
        items=[content_item(chosen, str(request.base_url) + LAUNCH.lstrip("/"))],
        now=now,
        nonce=secrets.token_urlsafe(16),
    )
    answer = jwt.encode(claims, pem, algorithm="RS256", headers={"kid": kid})
    body = (
        f'<form id="dl" method="post" action="{escape(str(ticket["return"]))}">'
        f'<input type="hidden" name="JWT" value="{escape(answer)}">'
        f'<button type="submit">{escape(t("lti.deep.sending", lang))}</button></form>'
        '<script>document.getElementById("dl").submit()</script>'
    )
    return page(lang, t("lti.deep.sending", lang), body)
