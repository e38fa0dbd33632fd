"""The certificate as an Open Badges 3.0 credential with an embedded Data Integrity proof
(``eddsa-rdfc-2022``, :mod:`.dataintegrity`), issued by the app's ``did:web`` DID
(:mod:`.did`) and carrying a ``BitstringStatusListEntry`` (:mod:`.statuslist`): the form
wallets and the Digital Credentials Consortium's verifier accept. The same content as the
VC-JWT (:mod:`.credentials`), which stays a second, optional form.

Also here: the signed status list and the DID document the routes serve, and the check of such
a credential (``mglearn verify``), which takes the DID document and the status list from
wherever the caller gets them (this server's store, or the issuer's site).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..i18n import LANGS
from ..records import Certificate
from ..settings import current as current_settings
from . import statuslist
from .credentials import (
    CONTEXTS,
    Signer,
    Verdict,
    _iso,
    achievement,
    credential,
    issuer_id,
    jwk_public_key,
    public_url,
)
from .dataintegrity import ProofError, add_proof, check_proof
from .did import did_document, method_id, public_key_of


def status_list_url() -> str:
    return f"{public_url()}/status/revocation"


def achievement_url() -> str:
    return f"{public_url()}/achievement/magnesium-exam"


def achievement_document(lang: str = "nl") -> dict[str, Any]:
    """The Achievement at its id (the pass mark: the configured one)."""
    return {
        "@context": CONTEXTS,
        **achievement(current_settings().exam_pass_mark, lang if lang in LANGS else "nl"),
    }


def issue(cert: Certificate, sign: Signer, index: int, created: datetime, lang: str = "nl") -> dict[str, Any]:
    """The signed credential: the certificate's content, its status entry (``index`` in the
    status list) and a proof made at ``created`` (a re-issue: the same code, a new proof)."""
    body = credential(cert, lang)
    body["credentialStatus"] = statuslist.entry(status_list_url(), index)
    did = issuer_id()
    signed = add_proof(body, sign.key, method_id(did, sign.key.public_key()), _iso(created))
    signed["proof"] = [signed["proof"]]  # a set of one: 1EdTech's JSON Schema wants an array
    return signed


def issue_for(store: Any, cert: Certificate, sign: Signer, now: datetime, lang: str = "nl") -> dict[str, Any]:
    """:func:`issue`, the certificate's status list index taken from (or given by) the store."""
    return issue(cert, sign, store.status_list.status_index(cert.code), now, lang)


def did_doc(keys: list[dict[str, Any]]) -> dict[str, Any]:
    """The issuer's DID document: every key that ever signed (published JWKs) as a Multikey."""
    publics = []
    for jwk in keys:
        try:
            publics.append(jwk_public_key(jwk))
        except ValueError:
            continue
    return did_document(issuer_id(), publics)


def status_list(store: Any, sign: Signer) -> dict[str, Any]:
    """The signed revocation status list as it stands in the store; signed anew only when a
    revocation changed it (the same list is the same document)."""
    revoked, latest = store.status_list.revoked_status()
    issued = _iso(latest) if latest is not None else "2026-01-01T00:00:00Z"
    url, did = status_list_url(), issuer_id()
    key = (url, did, tuple(revoked), issued, sign.kid)
    if key not in _SIGNED_LISTS:
        body = statuslist.list_credential(url, did, revoked, issued)
        if len(_SIGNED_LISTS) > 8:
            _SIGNED_LISTS.clear()
        _SIGNED_LISTS[key] = add_proof(body, sign.key, method_id(did, sign.key.public_key()), issued)
    return copy.deepcopy(_SIGNED_LISTS[key])


_SIGNED_LISTS: dict[tuple[Any, ...], dict[str, Any]] = {}


def verify(
    doc: dict[str, Any],
    resolve: Callable[[str], dict[str, Any]],
    fetch_list: Callable[[str], dict[str, Any]],
    now: datetime,
) -> Verdict:
    """Check a credential with an embedded proof: the proof against the key its issuer's DID
    document (``resolve(did)``) names, then expiry, then revocation in the status list
    (``fetch_list(url)``, whose own proof is checked the same way)."""
    issuer = doc.get("issuer")
    did = issuer.get("id") if isinstance(issuer, dict) else issuer
    proof = doc.get("proof")
    proof = proof[0] if isinstance(proof, list) and len(proof) == 1 else proof
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    if not isinstance(did, str) or not isinstance(method, str) or not method.startswith(did + "#"):
        return Verdict("tampered", doc, "the proof is not by the credential's issuer")
    public = public_key_of(resolve(did), method)
    if public is None:
        return Verdict("unknown_key", doc, f"{did} publishes no key {method.rsplit('#', 1)[-1]}")
    try:
        check_proof(doc, public)
    except ProofError as err:
        return Verdict("tampered", doc, str(err))
    subject = doc.get("credentialSubject")
    if "OpenBadgeCredential" not in (doc.get("type") or []) or not isinstance(subject, dict):
        return Verdict("tampered", doc, "not an OpenBadgeCredential")
    until = doc.get("validUntil")
    if isinstance(until, str) and until < _iso(now):
        return Verdict("expired", doc)
    status = doc.get("credentialStatus")
    if isinstance(status, dict) and status.get("type") == "BitstringStatusListEntry":
        listed = fetch_list(str(status.get("statusListCredential")))
        try:
            if listed.get("issuer") != did:
                raise ProofError("the status list is not the issuer's")
            list_key = public_key_of(resolve(did), str((listed.get("proof") or {}).get("verificationMethod")))
            if list_key is None:
                raise ProofError("the status list's key is not the issuer's")
            check_proof(listed, list_key)
            if statuslist.revoked_in(listed, status):
                return Verdict("revoked", doc)
        except (ProofError, ValueError, AttributeError) as err:
            return Verdict("unknown_status", doc, f"the status list cannot be used: {err}")
    return Verdict("valid", doc)
