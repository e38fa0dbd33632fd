"""Certificates of a passed exam as a signed, portable credential (the same result as a PDF is
mglearn/certificates/pdf.py, which takes the issuer's name, the module title and the
verification address from here).

The credential is an Open Badges 3.0 ``OpenBadgeCredential`` (W3C Verifiable Credentials 2.0
data model). Its main form carries an embedded Data Integrity proof (:mod:`.openbadge`); this
module also makes it a VC-JWT: header ``alg: Ed25519`` (the fully-specified name, RFC 9864;
tokens made before say ``EdDSA`` and keep verifying), ``typ: JWT`` and ``kid``, the address of
the key's JWK (``<public url>/issuer/jwks/<thumbprint>``), nothing else; the payload is the
credential itself plus the registered claims
``iss`` (issuer id), ``sub`` (the learner's ``urn:uuid``), ``jti`` (the credential id, its
verification address), ``nbf`` (``validFrom``) and, when it expires, ``exp``
(``validUntil``). The issuer is the app's ``did:web`` DID (:mod:`.did`); every key that ever
signed stays published (``/.well-known/did.json``, ``/issuer/jwks``); ``mglearn verify``
checks either form.

The signing key: the PEM file named by ``MGLEARN_SIGNING_KEY``, else ``signing-key.pem`` in
the data folder (beside the SQLite database, or ``data/``), made on first use with mode 0600.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jwt.algorithms import OKPAlgorithm

from ..branding import brand
from ..content import PROJECT_ROOT
from ..i18n import LANGS
from ..percent import figure, mark_pct
from ..records import Certificate
from ..settings import current as current_settings
from ..timezones import format_moment
from .keys import SigningKeyError as SigningKeyError
from .keys import load_or_create_key as load_or_create_key
from .keys import tell_key_problem as tell_key_problem

log = logging.getLogger("mglearn.certificates")

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
MODULE_TITLE = {"nl": "Magnesium: de stille kracht", "en": "Magnesium: the quiet force"}


def public_url() -> str:
    """``MGLEARN_PUBLIC_URL`` (default ``http://localhost:8501``): the address the app is
    reached at, used in verification links, QR codes and the credential's ids."""
    return current_settings().public_url


def issuer_id() -> str:
    """The issuer: the app's did:web DID (credentials signed before named ``<public url>/issuer``)."""
    from .did import did_web

    return did_web(public_url())


def jwk_url(kid: str) -> str:
    """The address of a published key's JWK: a JWT header's ``kid``."""
    return f"{public_url()}/issuer/jwks/{kid}"


def verify_url(code: str, lang: str | None = None) -> str:
    """The certificate's public address (its credential id); with ``lang`` (a PDF's, a page's),
    the address that opens the verification page in that language."""
    base = f"{public_url()}/verify/{code}"
    return f"{base}?lang={lang}" if lang in LANGS else base


# -- the signing key --


def data_dir(db_url: str | None = None) -> Path:
    """The data folder: the SQLite database's folder, else ``data/`` in the project."""
    from ..store.base import default_url, sqlite_folder

    return sqlite_folder(db_url or default_url()) or PROJECT_ROOT / "data"


def key_path(db_url: str | None = None) -> Path:
    named = current_settings().signing_key
    return named if named is not None else data_dir(db_url) / "signing-key.pem"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(key: Ed25519PrivateKey | Ed25519PublicKey) -> dict[str, str]:
    """The public key as a JWK (no private part), its ``kid`` the RFC 7638 thumbprint."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    x = _b64(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    thumb = _b64(
        hashlib.sha256(
            json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":")).encode()
        ).digest()
    )
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": thumb, "alg": "Ed25519", "use": "sig"}


def jwk_public_key(jwk: dict[str, Any]) -> Ed25519PublicKey:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or "x" not in jwk:
        raise ValueError("not an Ed25519 public JWK")
    raw = base64.urlsafe_b64decode(str(jwk["x"]) + "=" * (-len(str(jwk["x"])) % 4))
    return Ed25519PublicKey.from_public_bytes(raw)


@dataclass(frozen=True)
class Signer:
    key: Ed25519PrivateKey
    jwk: dict[str, str]

    @property
    def kid(self) -> str:
        return self.jwk["kid"]


@cache
def _signer(path: str) -> Signer:
    key = load_or_create_key(Path(path))
    return Signer(key, public_jwk(key))


def signer(db_url: str | None = None) -> Signer:
    return _signer(str(key_path(db_url)))


# -- the credential --


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def achievement(pass_mark: float, lang: str = "nl") -> dict[str, Any]:
    """The Achievement every certificate is for (its criteria: the pass mark)."""
    title = MODULE_TITLE.get(lang, MODULE_TITLE["nl"])
    achievement_id = f"{public_url()}/achievement/magnesium-exam"
    return {
        "id": achievement_id,
        "type": ["Achievement"],
        "name": title,
        "description": (
            "Certificeringsexamen over de hele vragenbank van de module."
            if lang == "nl"
            else "Certification exam over the module's whole question bank."
        ),
        "criteria": {
            "narrative": (
                f"Examen gehaald met minstens {mark_pct(pass_mark)} goed."
                if lang == "nl"
                else f"Passed the exam with at least {mark_pct(pass_mark, lang)} correct."
            )
        },
        "resultDescription": [
            {
                "id": f"{achievement_id}#score",
                "type": ["ResultDescription"],
                "name": "Score",
                "resultType": "Percent",
                "requiredValue": mark_pct(pass_mark, "en").rstrip("%"),
            }
        ],
    }


def credential(cert: Certificate, lang: str = "nl") -> dict[str, Any]:
    """The Open Badges 3.0 OpenBadgeCredential of a certificate (unsigned)."""
    title = MODULE_TITLE.get(lang, MODULE_TITLE["nl"])
    achievement_id = f"{public_url()}/achievement/magnesium-exam"
    body: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": verify_url(cert.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {"id": issuer_id(), "type": ["Profile"], **brand().profile()},
        "validFrom": _iso(cert.issued_at),
        "credentialSubject": {
            "id": cert.subject_id,
            "type": ["AchievementSubject"],
            "name": cert.name,
            "achievement": achievement(cert.pass_mark, lang),
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": f"{achievement_id}#score",
                    "value": figure(cert.score, cert.pass_mark),  # as the certificate shows it
                }
            ],
        },
    }
    if cert.valid_until is not None:
        body["validUntil"] = _iso(cert.valid_until)
    return body


_JWS = jwt.PyJWS()
_JWS.register_algorithm("Ed25519", OKPAlgorithm())  # RFC 9864's name; PyJWT knows only "EdDSA"
ALGORITHMS = ["Ed25519", "EdDSA"]  # EdDSA: tokens signed before


def sign_credential(cert: Certificate, sign: Signer, lang: str = "nl") -> str:
    """The credential as a VC-JWT (Ed25519). Ed25519 is deterministic: the same key and
    certificate always give the same token."""
    body = credential(cert, lang)
    claims = {
        **body,
        "iss": issuer_id(),
        "sub": cert.subject_id,
        "jti": body["id"],
        "nbf": int(cert.issued_at.timestamp()),
    }
    if cert.valid_until is not None:
        claims["exp"] = int(cert.valid_until.timestamp())
    payload = json.dumps(claims, separators=(",", ":")).encode()
    return _JWS.encode(
        payload, sign.key, algorithm="Ed25519", headers={"kid": jwk_url(sign.kid), "typ": "JWT"}
    )


def _kid(value: object) -> str:
    """A header's ``kid``: a thumbprint, or the address ending in one."""
    return str(value).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass(frozen=True)
class Verdict:
    status: str  # valid | tampered | expired | unknown_key | revoked
    claims: dict[str, Any]
    detail: str = ""


def verify_credential(token: str, keys: list[dict[str, Any]], now: datetime) -> Verdict:
    """Check a VC-JWT against published public keys (JWKs), at ``now``."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as err:
        return Verdict("tampered", {}, f"not a JWT: {err}")
    if header.get("alg") not in ALGORITHMS:
        return Verdict("tampered", {}, f"unexpected algorithm {header.get('alg')!r}")
    if not isinstance(header.get("kid"), str):  # every credential names its key: removed on the way
        return Verdict("tampered", {}, "the header names no key")
    kid = _kid(header["kid"])
    candidates = [k for k in keys if k.get("kid") == kid] or keys
    if not candidates:
        return Verdict("unknown_key", {}, "no public key to check against")
    for jwk in candidates:
        try:
            claims = json.loads(_JWS.decode(token, jwk_public_key(jwk), algorithms=ALGORITHMS))
            if not isinstance(claims, dict):
                raise ValueError("not a JSON object")
        except (jwt.PyJWTError, ValueError, KeyError, RecursionError):
            continue
        subject = claims.get("credentialSubject")
        kinds = claims.get("type")
        if (
            not isinstance(kinds, list)
            or "OpenBadgeCredential" not in kinds
            or not isinstance(subject, dict)
            or claims.get("sub") != subject.get("id")
        ):
            return Verdict("tampered", claims, "not a consistent OpenBadgeCredential")
        exp = claims.get("exp")
        if isinstance(exp, int | float) and now.timestamp() > exp:
            return Verdict("expired", claims)
        return Verdict("valid", claims)
    if not [k for k in keys if k.get("kid") == kid]:
        return Verdict("unknown_key", {}, f"no published key {header.get('kid')!r}")
    return Verdict("tampered", {}, "the signature does not match")


def code_of(claims: dict[str, Any]) -> str:
    """The verification code at the end of the credential's id (its verification address)."""
    return str(claims.get("jti") or claims.get("id") or "").rstrip("/").rsplit("/", 1)[-1]


_PUBLISHED: set[tuple[str, str]] = set()


def signer_for(store: Any, now: datetime) -> Signer:
    """This server's signer, its public key published in ``store`` (once per process; ``now``
    is when it is first used)."""
    sign = signer(store.db.url)
    if (store.db.url, sign.kid) not in _PUBLISHED:
        store.certificates.publish_key(sign.kid, sign.jwk, now)
        _PUBLISHED.add((store.db.url, sign.kid))
    return sign


def signer_or_none(
    store: Any, now: datetime, tell: Callable[[SigningKeyError], None] | None = None
) -> Signer | None:
    """:func:`signer_for`, or None when the key file is unusable: the problem is told (logged
    once per process, unless ``tell`` says otherwise) and everything that needs no new
    signature goes on (every key that ever signed stays published in the store)."""
    try:
        return signer_for(store, now)
    except SigningKeyError as err:
        (tell or tell_key_problem)(err)
        return None


def issuer_profile() -> dict[str, Any]:
    """The issuer's Open Badges 3.0 Profile (its keys: the DID document and ``/issuer/jwks``)."""
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        **brand().profile(),  # the organisation's name, address, logo and e-mail (the brand settings)
    }


def jwk_set(keys: list[dict[str, Any]]) -> dict[str, Any]:
    """Every public key that ever signed, as a JWK Set (RFC 7517)."""
    return {"keys": [{k: v for k, v in key.items() if k != "d"} for key in keys]}


def public_status(
    cert: Certificate | None, now: datetime, lang: str = "nl", zone: str | None = None
) -> dict[str, Any]:
    """What anyone may learn about a code: valid / revoked / expired / unknown, and for a known
    one the name, date, score and module (and when it was revoked); nothing else about the
    learner. The trainer's reason for a revocation is not public: it may say anything about the
    person named beside it, so only trainers and the learner see it. Dates are ISO
    (``2026-03-02``, UTC) for programs, or with ``zone`` as the app shows them (``02-03-2026``)."""
    if cert is None:
        return {"status": "unknown"}

    def day(moment: datetime) -> str:
        return format_moment(moment, zone, with_time=False) if zone else moment.date().isoformat()

    status = (
        "revoked" if cert.revoked else "expired" if cert.valid_until and cert.valid_until < now else "valid"
    )
    found: dict[str, Any] = {
        "status": status,
        "code": cert.code,
        "name": cert.name,
        "date": day(cert.issued_at),
        "score": json.loads(figure(cert.score, cert.pass_mark)),  # a number: 100, or 75.5 beside 75.5%
        "module": MODULE_TITLE.get(lang, MODULE_TITLE["nl"]),
    }
    if cert.revoked_at is not None:
        found["revoked_on"] = day(cert.revoked_at)
    if cert.valid_until is not None:
        found["valid_until"] = day(cert.valid_until)
    return found
