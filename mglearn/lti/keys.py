"""The tool's RSA key (LTI asks for RS256): made once, published as a JWKS."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def make_key() -> tuple[str, str]:
    """A new (kid, private key PEM): 2048-bit RSA, the kid its JWK thumbprint."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return thumbprint(pem), pem


def _public_jwk(pem: str) -> dict[str, Any]:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return dict(json.loads(RSAAlgorithm.to_jwk(key.public_key())))


def thumbprint(pem: str) -> str:
    """The RFC 7638 thumbprint of the key's public half (base64url, no padding)."""
    import base64
    import hashlib

    jwk = _public_jwk(pem)
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).decode().rstrip("=")


def jwks(keys: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The public JWKS of the tool's keys ((kid, private PEM) pairs)."""
    return {"keys": [{**_public_jwk(pem), "kid": kid, "alg": "RS256", "use": "sig"} for kid, pem in keys]}
