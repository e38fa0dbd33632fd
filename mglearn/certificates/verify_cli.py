"""``mglearn verify FILE [--key KEYFILE | --issuer URL]``: check a certificate's credential,
a VC-JWT (``.jwt``) or one with an embedded proof (``.json``, or a baked badge ``.png``: see
:mod:`.verify_ld`).

Whatever the file or the issuer's site holds, the answer is one clear verdict or one line
saying what is wrong, never a traceback. The verdicts: valid, tampered (the signature or the
content does not hold), expired, revoked, unknown_key (no published key of that id), other
issuer (the credential names another issuer than the one asked), and "not a credential" for a
file that holds no signed credential at all.

Against the issuer's site (``--issuer``): its published keys (``/issuer/jwks``; a server of
before did:web: the ``keys`` of ``/issuer``), the credential must name that very issuer (its
did:web DID, or ``<site>/issuer`` for credentials signed before), and its revocation status.
Without ``--key`` or ``--issuer``: this server's own store (keys and revocations), as on the
issuer's own machine.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from .. import i18n
from ..clock import utcnow
from ..errors import UserError

MAX_BYTES = 1_000_000  # a credential or an issuer's answer is a few kilobytes
_JWT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


def plain(value: object) -> str:
    """Text from a credential or a site, safe to print: no control characters (a terminal
    escape in a name would recolour or rewrite the screen)."""
    return "".join(ch for ch in str(value) if unicodedata.category(ch)[0] != "C")


def read_token(path: str) -> str | None:
    """The VC-JWT in the file, any line breaks and spaces around or inside it removed (a
    credential mailed or pasted gets wrapped); None when the file holds no signed credential."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    try:
        token = "".join(data[:MAX_BYTES].decode("ascii").split())
    except UnicodeDecodeError:
        return None
    if len(data) > MAX_BYTES or not _JWT.fullmatch(token):
        return None
    import base64

    for part in token.split(".")[:2]:
        try:
            if not isinstance(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))), dict):
                return None
        except (ValueError, RecursionError):
            return None
    return token


def usable_keys(found: object) -> list[dict[str, Any]]:
    """The Ed25519 public keys (JWKs) among ``found``, without any private part."""
    from .credentials import jwk_public_key

    keys = []
    for key in found if isinstance(found, list) else []:
        if not isinstance(key, dict):
            continue
        public = {k: v for k, v in key.items() if k != "d"}
        try:
            jwk_public_key(public)
        except (ValueError, TypeError):
            continue
        keys.append(public)
    return keys


def load_keys(path: str) -> list[dict[str, Any]]:
    """Public keys from a file: a PEM key (public or private), a JWK, or the issuer profile."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

    from .credentials import public_jwk

    data = Path(path).read_bytes()[: MAX_BYTES + 1]
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            parsed = json.loads(data)
        except (ValueError, RecursionError):
            parsed = None
        keys = usable_keys(parsed.get("keys", [parsed]) if isinstance(parsed, dict) else None)
        if not keys:
            raise UserError("cli.bad_keys", file=path)
        return keys
    try:
        key: object = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise UserError("cli.bad_keys", file=path) from None
    if not isinstance(key, Ed25519PrivateKey | Ed25519PublicKey):
        raise UserError("cli.bad_keys", file=path)
    return [dict(public_jwk(key))]


def _reason(err: BaseException) -> str:
    """Why a site could not be reached, in words (not ``<urlopen error [Errno 111] ...>``)."""
    import socket
    import urllib.error

    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code}"
    cause: object = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(cause, socket.gaierror):
        return "no such host"
    if isinstance(cause, TimeoutError):
        return "no answer in time"
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror.lower()
    return plain(cause) or type(cause).__name__


def fetch_json(url: str) -> dict[str, Any]:
    """The JSON object at ``url``; a 404 is ``{"status": "unknown"}``. Anything else the site
    answers (or not) is a :class:`UserError` saying so in one line."""
    import urllib.error
    import urllib.request

    if not url.startswith(("http://", "https://")):
        raise UserError("exam.cli_bad_url", url=plain(url))
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 (http(s) only, checked)
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return {"status": "unknown"}
        raise UserError("exam.cli_offline", url=plain(url), detail=_reason(err)) from None
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise UserError("exam.cli_offline", url=plain(url), detail=_reason(err)) from None
    if len(body) > MAX_BYTES:
        raise UserError("cli.bad_answer", url=plain(url), detail="too long")
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        raise UserError("cli.bad_answer", url=plain(url), detail="not JSON") from None
    if not isinstance(parsed, dict):
        raise UserError("cli.bad_answer", url=plain(url), detail="not a JSON object")
    return parsed


def site_keys(base: str) -> list[dict[str, Any]]:
    """The issuer site's published keys: its JWK Set, or (a server of before) its Profile's."""
    found = fetch_json(f"{base}/issuer/jwks")
    keys = usable_keys(found.get("keys")) or usable_keys(fetch_json(f"{base}/issuer").get("keys"))
    if not keys:
        raise UserError("cli.bad_answer", url=plain(f"{base}/issuer/jwks"), detail="no public keys")
    return keys


def names_site(issuer: object, base: str) -> bool:
    """Whether a credential's issuer is this site: its did:web DID, or (before) its /issuer."""
    from .did import did_web

    return issuer in (did_web(base), f"{base}/issuer")


def verify(args: argparse.Namespace) -> int:
    from .credentials import code_of, signer_or_none, verify_credential

    now = utcnow()  # one clock for the command
    token = read_token(args.file)
    if token is None:
        print(f"not a credential: {i18n.t('cli.not_credential', 'en', file=plain(args.file))}")
        return 1
    base = None
    store = None
    if args.key:
        keys = load_keys(args.key)
    elif args.issuer:
        base = args.issuer.strip().rstrip("/").removesuffix("/issuer")
        keys = site_keys(base)
    else:
        from ..store import Store

        store = Store()
        # checking needs only the published public keys
        signer_or_none(store, now, tell=lambda err: print(f"warning: {err}", file=sys.stderr))
        keys = store.certificates.published_keys()
    verdict = verify_credential(token, keys, now)
    status, detail, claims = verdict.status, verdict.detail, verdict.claims
    code = code_of(claims) if claims else ""
    issuer = plain(claims.get("iss", "")) if claims else ""
    revoked = ""
    if status == "valid" and base is not None and not names_site(claims.get("iss"), base):
        status, detail = (
            "other issuer",
            f"the credential names {issuer or 'no issuer'}, not {plain(base)}/issuer",
        )
    elif status == "valid" and base is not None and code:
        online = fetch_json(f"{base}/verify/{code}?format=json")
        seen = online.get("status")
        if seen == "revoked":
            status, revoked = "revoked", plain(online.get("revoked_on"))  # (the reason is not public)
        elif seen == "unknown":
            status, detail = "tampered", "the issuer does not know this code"
        elif seen == "expired":
            status = "expired"
        elif seen != "valid":
            raise UserError("cli.bad_answer", url=plain(f"{base}/verify/{code}"), detail="no known status")
    elif status == "valid" and store is not None:
        cert = store.certificates.certificate(code)
        if cert is None:
            status, detail = "tampered", "the issuer does not know this code"
        elif cert.revoked_at is not None:
            status, revoked = "revoked", f"{cert.revoked_at:%Y-%m-%d}: {plain(cert.revoked_reason or '')}"
    if revoked:
        print(f"revoked on {revoked}")
    else:
        print(status.replace("_", " ") + (f": {plain(detail)}" if detail else ""))
    print_claims(claims, status)
    return 0 if status == "valid" else 1


def print_claims(claims: dict[str, Any], status: str) -> None:
    """What the credential says: its issuer, the person, code, date and score; and the status."""
    from .credentials import code_of

    if claims:
        code = code_of(claims)
        found = claims.get("issuer")
        issuer = plain(claims.get("iss") or (found.get("id") if isinstance(found, dict) else found) or "")
        subject = claims.get("credentialSubject")
        subject = subject if isinstance(subject, dict) else {}
        results = subject.get("result")
        result = results[0] if isinstance(results, list) and results and isinstance(results[0], dict) else {}
        issuer_name = (
            claims.get("issuer", {}).get("name", "") if isinstance(claims.get("issuer"), dict) else ""
        )
        print(f"issuer: {issuer}" + (f" ({plain(issuer_name)})" if issuer_name else ""))
        print(f"name: {plain(subject.get('name', ''))}")
        print(f"code: {plain(code)}")
        print(f"valid from: {plain(claims.get('validFrom', ''))}")
        print(f"score: {plain(result.get('value', ''))}%")
    print(f"status: {status.replace('_', ' ')}")
