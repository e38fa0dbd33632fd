"""LTI over the network (issue 31): the platform's public keys, the tool's access token, and
the sending of the grade outbox.

Sending: any server claims due scores with a lease (``store.lti_outbox.lti_claim``), asks the
platform's token endpoint for a client-credentials token (a JWT assertion signed with the
tool's key, whose public half the platform reads at our JWKS route), posts each score to its
line item's ``/scores``, and marks it sent; a platform that is down or refuses is tried again
after a back-off (:func:`mglearn.lti.ags.next_try`). A score is queued once per attempt and
line item, and its stamp is the attempt's finish, so a send repeated after a lost answer
changes nothing at the platform.

:class:`Sender` is the loop one server runs beside the app: it looks for due scores every
``MGLEARN_LTI_SEND_SECONDS``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jwt

from . import clock
from .errors import StoreError
from .lti.ags import SCORE_TYPE, client_assertion, delivered, permanent, scores_url, token_request
from .lti.keys import make_key
from .lti.launch import Platform
from .store import Store

log = logging.getLogger("mglearn.lti")

TIMEOUT = 10.0  # seconds for one request to a platform
_jwk_clients: dict[str, jwt.PyJWKClient] = {}
_tokens: dict[tuple[str, str, str], tuple[str, float]] = {}  # (token URL, client, scope) -> (token, until)
_lock = threading.Lock()


def platform_key(jwks_url: str, token: str) -> Any:
    """The platform's public key that signed ``token`` (by its ``kid``), from its JWKS (kept
    five minutes; fetched again when a new kid appears: key rotation)."""
    with _lock:
        client = _jwk_clients.get(jwks_url)
        if client is None:
            client = _jwk_clients[jwks_url] = jwt.PyJWKClient(
                jwks_url, cache_keys=True, lifespan=300, timeout=10
            )
    return client.get_signing_key_from_jwt(token).key


def signing_key(store: Store, now: datetime) -> tuple[str, str]:
    """The tool's (kid, private PEM) that signs."""
    return store.lti_platforms.lti_tool_keys(now, make_key)[0]


def sign(store: Store, claims: dict[str, Any], now: datetime) -> str:
    kid, pem = signing_key(store, now)
    return jwt.encode(claims, pem, algorithm="RS256", headers={"kid": kid})


class SendError(Exception):
    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


def _post(url: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310
    try:
        # http(s) only: add-platform refuses any other scheme
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return int(response.status), response.read(1_000_000)
    except urllib.error.HTTPError as err:
        return int(err.code), err.read(10_000)
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise SendError(f"cannot reach {urllib.parse.urlsplit(url).netloc}: {err}") from err


def _get(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers, method="GET")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return int(response.status), response.read(5_000_000)
    except urllib.error.HTTPError as err:
        return int(err.code), err.read(10_000)
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise SendError(f"cannot reach {urllib.parse.urlsplit(url).netloc}: {err}") from err


def roster(store: Store, platform: Platform, url: str, now: datetime) -> dict[str, Any]:
    """The course's membership container (Names and Roles Provisioning 2.0; its first page)."""
    from .lti import SCOPE_MEMBERSHIP

    token = access_token(store, platform, SCOPE_MEMBERSHIP, now)
    status, body = _get(
        url,
        {
            "Accept": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
            "Authorization": f"Bearer {token}",
        },
    )
    if status != 200:
        raise SendError(f"memberships answered {status}", status)
    try:
        found = json.loads(body)
    except ValueError as err:
        raise SendError("memberships answered no JSON") from err
    return found if isinstance(found, dict) else {}


def access_token(store: Store, platform: Platform, scope: str, now: datetime) -> str:
    """A client-credentials token for ``scope`` (kept until a minute before it expires)."""
    key = (platform.token_url, platform.client_id, scope)
    with _lock:
        kept = _tokens.get(key)
    if kept and kept[1] > time.monotonic():
        return kept[0]
    assertion = sign(
        store, client_assertion(platform.client_id, platform.token_url, now, uuid.uuid4().hex), now
    )
    body = urllib.parse.urlencode(token_request(assertion, (scope,))).encode()
    status, answer = _post(
        platform.token_url,
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    if status != 200:
        raise SendError(f"token endpoint answered {status}", status)
    try:
        found = json.loads(answer)
        token, seconds = str(found["access_token"]), float(found.get("expires_in", 3600))
    except (ValueError, KeyError, TypeError) as err:
        raise SendError("token endpoint answered no token") from err
    with _lock:
        _tokens[key] = (token, time.monotonic() + max(0.0, seconds - 60))
    return token


def forget_token(platform: Platform, scope: str) -> None:
    with _lock:
        _tokens.pop((platform.token_url, platform.client_id, scope), None)


@dataclass(frozen=True)
class Sent:
    sent: int
    failed: int


def send_due(
    store: Store, now: datetime, owner: str | None = None, *, clock_: Callable[[], datetime] | None = None
) -> Sent:
    """Send every due score this server can claim; how many went and how many failed.
    ``clock_`` gives the time before each score (a batch of slow sends takes minutes);
    without it every score is sent at ``now``."""
    from .lti import SCOPE_SCORE

    owner = owner or uuid.uuid4().hex
    sent = failed = 0
    for item in store.lti_outbox.lti_claim(owner, now):
        now = clock_() if clock_ is not None else now
        if not store.lti_outbox.lti_renew(item.id, owner, now):  # the batch outlasted the lease
            log.info("lti: score %s left to the server that claimed it since", item.id)
            continue
        platform = store.lti_platforms.lti_platform_by_id(item.platform_id)
        try:
            if platform is None:
                raise SendError("platform removed", 404)
            token = access_token(store, platform, SCOPE_SCORE, now)
            status, _ = _post(
                scores_url(item.lineitem),
                json.dumps(item.payload).encode(),
                {"Content-Type": SCORE_TYPE, "Authorization": f"Bearer {token}"},
            )
            if status == 401:
                forget_token(platform, SCOPE_SCORE)
            if not delivered(status):
                raise SendError(f"scores endpoint answered {status}", status)
        except SendError as err:
            failed += 1
            log.warning("lti: score %s not sent (try %s): %s", item.id, item.tries + 1, err)
            store.lti_outbox.lti_not_sent(item.id, owner, str(err), now, final=permanent(err.status))
            continue
        store.lti_outbox.lti_sent(item.id, owner, now)
        sent += 1
    return Sent(sent, failed)


class Sender:
    """One server's sending loop (a daemon thread), started once per process."""

    def __init__(self, store: Callable[[], Store], every: float) -> None:
        self.store, self.every = store, every
        self.owner = uuid.uuid4().hex
        self.wake = threading.Event()  # set: look now
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="mglearn-lti-sender", daemon=True)

    def start(self) -> Sender:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.wake.set()
        self.thread.join(timeout=5)

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                send_due(self.store(), clock.utcnow(), self.owner, clock_=clock.utcnow)
            except StoreError as err:
                log.warning("lti: outbox unavailable: %s", type(err).__name__)
            except Exception:  # the loop must survive anything one round meets
                log.exception("lti: sending failed")
            self.wake.wait(self.every)
            self.wake.clear()


_sender: list[Sender] = []


def start_sender(store: Callable[[], Store], every: float) -> Sender:
    """The process's sender, started on first call."""
    with _lock:
        if not _sender:
            _sender.append(Sender(store, every).start())
        return _sender[0]
