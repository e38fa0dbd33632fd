"""Assignment and Grade Services 2.0, the tool's side (pure): the score a finished attempt
sends, the client-credentials assertion that asks the platform for a token, the address of a
line item's scores, and when a failed send is tried again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from . import SCOPE_SCORE

SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"
LINEITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SCORE_MAXIMUM = 100
ASSERTION_SECONDS = 300
LEASE = timedelta(seconds=60)  # a server that claimed a score and died: another sends it after this
BACKOFF_START = 5.0  # seconds after the first failure, doubling up to BACKOFF_MAX
BACKOFF_MAX = 15 * 60.0


def score_payload(user_id: str, score: float, finished_at: datetime) -> dict[str, Any]:
    """The AGS score of a finished attempt: ``score`` (0..1) out of :data:`SCORE_MAXIMUM`,
    completed and fully graded, stamped with the attempt's finish (the same every time it is
    sent: a platform keeps one result per stamp, so a send repeated after a lost answer
    changes nothing)."""
    return {
        "userId": user_id,
        "scoreGiven": round(max(0.0, min(1.0, score)) * SCORE_MAXIMUM, 2),
        "scoreMaximum": SCORE_MAXIMUM,
        "activityProgress": "Completed",
        "gradingProgress": "FullyGraded",
        "timestamp": finished_at.isoformat(timespec="milliseconds"),
    }


def scores_url(lineitem: str) -> str:
    """A line item's scores service: its address with ``/scores`` added to the path (the
    query string, which some platforms put in it, stays)."""
    parts = urlsplit(lineitem)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/scores"))


def client_assertion(client_id: str, token_url: str, now: datetime, jti: str) -> dict[str, Any]:
    """The claims of the JWT that proves the tool to the platform's token endpoint (1EdTech
    Security Framework 4.1: ``iss`` and ``sub`` the client id, ``aud`` the token URL)."""
    stamp = int(now.timestamp())
    return {
        "iss": client_id,
        "sub": client_id,
        "aud": token_url,
        "iat": stamp,
        "exp": stamp + ASSERTION_SECONDS,
        "jti": jti,
    }


def token_request(assertion: str, scopes: Sequence[str] = (SCOPE_SCORE,)) -> dict[str, str]:
    return {
        "grant_type": "client_credentials",
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": assertion,
        "scope": " ".join(scopes),
    }


def next_try(tries: int, now: datetime) -> datetime:
    """When a score whose send failed ``tries`` times is tried again: 5 s, 10 s, 20 s, ...
    at most every 15 minutes, for as long as it takes."""
    seconds = min(BACKOFF_MAX, BACKOFF_START * 2 ** max(0, tries - 1))
    return now + timedelta(seconds=seconds)


def delivered(status: int) -> bool:
    """A platform's answer that ends the sending: accepted (2xx), or 409 (it holds a score
    with a later stamp already: this one is superseded, sending it again changes nothing)."""
    return 200 <= status < 300 or status == 409


def permanent(status: int) -> bool:
    """An answer that no retry changes (the line item is gone, the request is refused as
    malformed): kept, marked failed, not tried again."""
    return status in (400, 404, 405, 410, 422)
