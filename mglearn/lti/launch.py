"""The checks of an LTI 1.3 launch that come after the signature (pure).

The route (:mod:`mglearn.web_lti`) verifies the id_token's signature against the platform's
JWKS with PyJWT, and ``iss`` and ``aud`` with it; then :func:`check_claims` checks everything
else the LTI 1.3 Core specification (section 5.1.3) asks of a tool: ``azp``, ``exp``/``iat``
against the given ``now``, the ``nonce`` of the login this browser started (the store makes
it usable once), a registered ``deployment_id``, the message type and the version. It returns
a :class:`Launch`: who arrives (issuer, sub, name, an instructor or not), from which course,
through which link, in which language, and where grades go. Any failure is a
:class:`LaunchRefused` naming the check, which the route shows as a page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from . import (
    AGS_ENDPOINT,
    CONTEXT,
    CUSTOM,
    DEEP_LINKING_REQUEST,
    DEPLOYMENT_ID,
    DL_SETTINGS,
    LAUNCH_PRESENTATION,
    MESSAGE_TYPE,
    NRPS,
    RESOURCE_LINK,
    RESOURCE_LINK_REQUEST,
    ROLES,
    VERSION,
)

LEEWAY = timedelta(seconds=60)  # clocks of the platform and of us may differ a little
MESSAGE_TYPES = (RESOURCE_LINK_REQUEST, DEEP_LINKING_REQUEST)
# roles that make a trainer: the course's instructors, and the platform's administrators
TRAINER_ROLES = (
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
    "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper",
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator",
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
    "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
)
ACTIVITY = re.compile(r"^(?:(?:lesson|quiz):[a-z0-9][a-z0-9_-]{0,63}|exam|practice)$")
# why a launch is refused: the i18n key ``lti.refused.<reason>`` says it to the user
REASONS = (
    "missing",
    "platform",
    "issuer",
    "audience",
    "signature",
    "expired",
    "nonce",
    "deployment",
    "message_type",
    "version",
    "subject",
    "unavailable",
)


class LaunchRefused(Exception):
    """A launch that is not accepted; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Platform:
    """A registered platform (an LMS): one issuer and client id, its URLs and deployments."""

    id: int
    issuer: str
    client_id: str
    name: str
    auth_url: str
    token_url: str
    jwks_url: str
    deployments: tuple[str, ...]


@dataclass(frozen=True)
class Launch:
    """A launch that passed every check."""

    platform_id: int
    issuer: str
    deployment_id: str
    message_type: str
    sub: str
    name: str
    trainer: bool
    lang: str | None  # nl | en when the launch says so
    context_id: str
    context_title: str
    resource_link_id: str
    activity: str  # lesson:<id> | quiz:<id> | exam | practice | "" (the learner's overview)
    lineitem: str  # the AGS line item of this link ("" when none)
    lineitems: str  # the AGS line items container of the course ("" when none)
    scopes: tuple[str, ...]
    deep_link_return_url: str
    deep_link_data: str
    memberships_url: str = ""  # Names and Roles: the course's roster ("" when none)


def login_redirect(
    platform: Platform, params: Mapping[str, str], redirect_uri: str, state: str, nonce: str
) -> str:
    """The platform's OIDC authorization address for the third-party-initiated login of
    ``params`` (its login_hint and lti_message_hint are passed back unchanged)."""
    query = {
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
        "client_id": platform.client_id,
        "redirect_uri": redirect_uri,
        "login_hint": params.get("login_hint", ""),
        "state": state,
        "nonce": nonce,
    }
    if params.get("lti_message_hint"):
        query["lti_message_hint"] = params["lti_message_hint"]
    joiner = "&" if "?" in platform.auth_url else "?"
    return f"{platform.auth_url}{joiner}{urlencode(query)}"


def is_trainer(roles: Sequence[str]) -> bool:
    """An instructor or administrator; Names and Roles may also give the short forms
    (``Instructor``) that LTI 1.3 allows for context roles."""
    short = {r.rsplit("#", 1)[-1] for r in TRAINER_ROLES}
    return any(role in TRAINER_ROLES or role in short for role in roles)


def roster_learners(container: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(user id, name) of every active member of a Names and Roles membership container who
    is not an instructor: the learners of the course."""
    found = []
    members = container.get("members")
    for member in members if isinstance(members, list) else []:
        if not isinstance(member, dict) or member.get("status", "Active") != "Active":
            continue
        user, roles = _text(member.get("user_id")), member.get("roles")
        if user and not is_trainer(
            [r for r in roles if isinstance(r, str)] if isinstance(roles, list) else []
        ):
            name = _text(member.get("name")) or " ".join(
                _text(member.get(k)) for k in ("given_name", "family_name") if member.get(k)
            )
            found.append((user, name.strip()))
    return found


def lang_of(claims: Mapping[str, Any]) -> str | None:
    """nl or en from the launch's locale (``launch_presentation.locale``, else ``locale``)."""
    presentation = claims.get(LAUNCH_PRESENTATION)
    locale = presentation.get("locale") if isinstance(presentation, dict) else None
    locale = locale or claims.get("locale")
    if not isinstance(locale, str):
        return None
    primary = locale.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in ("nl", "en") else None


def activity_of(claims: Mapping[str, Any]) -> str:
    """What the link opens: its custom parameter ``activity`` (set by deep linking or by hand
    in the LMS), when it names one; else the learner's overview."""
    custom = claims.get(CUSTOM)
    value = custom.get("activity") if isinstance(custom, dict) else None
    return value if isinstance(value, str) and ACTIVITY.match(value) else ""


def _text(value: Any, limit: int = 255) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _part(claims: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = claims.get(name)
    return value if isinstance(value, dict) else {}


def _time(claims: Mapping[str, Any], name: str) -> float:
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LaunchRefused("expired", f"{name} missing")
    return float(value)


def check_claims(claims: Mapping[str, Any], platform: Platform, nonce: str, now: datetime) -> Launch:
    """Every check after the signature (and ``iss``/``aud``, which PyJWT verified with it)."""
    if claims.get("iss") != platform.issuer:
        raise LaunchRefused("issuer")
    aud = claims.get("aud")
    audiences = aud if isinstance(aud, list) else [aud]
    if platform.client_id not in audiences:
        raise LaunchRefused("audience")
    azp = claims.get("azp")
    if (len(audiences) > 1 or azp is not None) and azp != platform.client_id:
        raise LaunchRefused("audience", "azp")
    stamp = now.timestamp()
    if _time(claims, "exp") <= stamp - LEEWAY.total_seconds():
        raise LaunchRefused("expired", "exp")
    if _time(claims, "iat") > stamp + LEEWAY.total_seconds():
        raise LaunchRefused("expired", "iat in the future")
    if not nonce or claims.get("nonce") != nonce:
        raise LaunchRefused("nonce")
    deployment = claims.get(DEPLOYMENT_ID)
    if not isinstance(deployment, str) or deployment not in platform.deployments:
        raise LaunchRefused("deployment")
    message_type = claims.get(MESSAGE_TYPE)
    if message_type not in MESSAGE_TYPES:
        raise LaunchRefused("message_type")
    if claims.get(VERSION) != "1.3.0":
        raise LaunchRefused("version")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > 255:
        raise LaunchRefused("subject")
    found_roles = claims.get(ROLES)
    roles = [r for r in found_roles if isinstance(r, str)] if isinstance(found_roles, list) else []
    context, link = _part(claims, CONTEXT), _part(claims, RESOURCE_LINK)
    endpoint, settings = _part(claims, AGS_ENDPOINT), _part(claims, DL_SETTINGS)
    if message_type == RESOURCE_LINK_REQUEST and not _text(link.get("id")):
        raise LaunchRefused("message_type", "no resource link")
    if message_type == DEEP_LINKING_REQUEST and not _text(settings.get("deep_link_return_url"), 2000):
        raise LaunchRefused("message_type", "no deep_link_return_url")
    name = _text(claims.get("name")) or " ".join(
        _text(claims.get(k)) for k in ("given_name", "family_name") if claims.get(k)
    )
    found_scopes = endpoint.get("scope")
    scopes = found_scopes if isinstance(found_scopes, list) else []
    return Launch(
        platform_id=platform.id,
        issuer=platform.issuer,
        deployment_id=deployment,
        message_type=str(message_type),
        sub=sub,
        name=name.strip(),
        trainer=is_trainer(roles),
        lang=lang_of(claims),
        context_id=_text(context.get("id")),
        context_title=_text(context.get("title")) or _text(context.get("label")),
        resource_link_id=_text(link.get("id")),
        activity=activity_of(claims),
        lineitem=_text(endpoint.get("lineitem"), 2000),
        lineitems=_text(endpoint.get("lineitems"), 2000),
        scopes=tuple(s for s in scopes if isinstance(s, str)),
        deep_link_return_url=_text(settings.get("deep_link_return_url"), 2000),
        deep_link_data=_text(settings.get("data"), 2000),
        memberships_url=_text(_part(claims, NRPS).get("context_memberships_url"), 2000),
    )


def landing(activity: str, lang: str) -> str:
    """The app's address (relative) that a learner's launch opens."""
    kind, _, ident = activity.partition(":")
    query = {"lang": lang}
    if kind == "lesson":
        return f"lesson?{urlencode({'lesson': ident, **query})}"
    if kind == "quiz":
        return f"quiz?{urlencode({'quiz': ident, **query})}"
    if kind in ("exam", "practice"):
        return f"{kind}?{urlencode(query)}"
    return f"overview?{urlencode(query)}"
