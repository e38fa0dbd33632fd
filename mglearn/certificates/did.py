"""The issuer as a ``did:web`` DID (W3C did:web method) for the app's public address
(``MGLEARN_PUBLIC_URL``), its DID document and its Open Badges Profile.

``https://example.org`` is ``did:web:example.org``, its document at
``https://example.org/.well-known/did.json``; a port is written ``%3A``
(``did:web:localhost%3A8501``); a path becomes colon-separated segments
(``https://example.org/mg`` is ``did:web:example.org:mg``, its document at
``https://example.org/mg/did.json``). did:web resolvers fetch the document over https only:
on a plain-http address the DID does not resolve for other verifiers (see README).

Every key that ever signed stays in the document, each as a ``Multikey`` verification method
named ``<did>#<publicKeyMultibase>``, listed under ``assertionMethod``. For the VC-JWT form,
the key's JWK is at ``<public url>/issuer/jwks/<thumbprint>`` (the JWT header's ``kid``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .contexts import DID_V1, MULTIKEY_V1
from .dataintegrity import multikey


def did_web(url: str) -> str:
    """The did:web DID of a public address."""
    parts = urlsplit(url)
    host = quote(parts.netloc.lower(), safe="")  # a port's colon is %3A
    segments = [quote(unquote(s), safe="") for s in parts.path.split("/") if s]
    return ":".join(["did", "web", host, *segments])


def did_document_url(did: str) -> str:
    """Where a resolver fetches the DID document (always https, as the method says)."""
    host, *segments = did.removeprefix("did:web:").split(":")
    path = "/".join(unquote(s) for s in segments)
    return f"https://{unquote(host)}/" + (f"{path}/did.json" if path else ".well-known/did.json")


def method_id(did: str, public: Ed25519PublicKey) -> str:
    return f"{did}#{multikey(public)}"


def did_document(did: str, publics: list[Ed25519PublicKey]) -> dict[str, Any]:
    methods = [
        {"id": method_id(did, p), "type": "Multikey", "controller": did, "publicKeyMultibase": multikey(p)}
        for p in publics
    ]
    ids = [m["id"] for m in methods]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def public_key_of(document: dict[str, Any], method: str) -> Ed25519PublicKey | None:
    """The Ed25519 key a DID document gives for a verification method id (an
    ``assertionMethod``), None when it has none."""
    from .dataintegrity import multikey_public

    allowed = document.get("assertionMethod") if isinstance(document, dict) else None
    methods = document.get("verificationMethod") if isinstance(document, dict) else None
    if not isinstance(allowed, list) or method not in allowed or not isinstance(methods, list):
        return None
    for found in methods:
        if isinstance(found, dict) and found.get("id") == method:
            try:
                return multikey_public(str(found.get("publicKeyMultibase", "")))
            except ValueError:
                return None
    return None
