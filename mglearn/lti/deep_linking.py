"""Deep Linking 2.0, the tool's side (pure): what a trainer can place in their course, and the
``LtiDeepLinkingResponse`` that places it (a resource link whose custom parameter ``activity``
says what it opens; for a quiz or the exam, a line item the platform creates for the score)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import DEEP_LINKING_RESPONSE, DEPLOYMENT_ID, DL_CONTENT_ITEMS, DL_DATA, GRADED, MESSAGE_TYPE, VERSION
from .ags import SCORE_MAXIMUM

RESPONSE_SECONDS = 600


@dataclass(frozen=True)
class Choice:
    activity: str  # lesson:<id> | quiz:<id> | exam | practice
    title: str


def content_item(choice: Choice, launch_url: str) -> dict[str, Any]:
    """The resource link for one choice; graded ones ask for a line item (0..100)."""
    item: dict[str, Any] = {
        "type": "ltiResourceLink",
        "title": choice.title,
        "url": launch_url,
        "custom": {"activity": choice.activity},
        "window": {"targetName": "mglearn"},  # a new window: cookies work in every browser
    }
    if choice.activity.split(":", 1)[0] in GRADED:
        item["lineItem"] = {
            "scoreMaximum": SCORE_MAXIMUM,
            "label": choice.title,
            "resourceId": choice.activity,
        }
    return item


def response_claims(
    *,
    client_id: str,
    issuer: str,
    deployment_id: str,
    data: str,
    items: list[dict[str, Any]],
    now: datetime,
    nonce: str,
) -> dict[str, Any]:
    """The claims of the signed answer to the platform (Deep Linking 2.0, section 4.2):
    ``iss`` is our client id, ``aud`` the platform's issuer; ``data`` is echoed unchanged."""
    stamp = int(now.timestamp())
    claims: dict[str, Any] = {
        "iss": client_id,
        "aud": issuer,
        "iat": stamp,
        "exp": stamp + RESPONSE_SECONDS,
        "nonce": nonce,
        DEPLOYMENT_ID: deployment_id,
        MESSAGE_TYPE: DEEP_LINKING_RESPONSE,
        VERSION: "1.3.0",
        DL_CONTENT_ITEMS: items,
    }
    if data:
        claims[DL_DATA] = data
    return claims
