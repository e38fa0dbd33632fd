"""An embedded Data Integrity proof: ``DataIntegrityProof`` with the ``eddsa-rdfc-2022``
cryptosuite (W3C VC Data Integrity 1.0; Data Integrity EdDSA Cryptosuites 1.0, section 3.3).

To sign: the proof options (type, cryptosuite, created, verificationMethod, proofPurpose, and
the document's ``@context``) and the document without its proof are each canonicalized with
RDF Dataset Canonicalization (RDFC-1.0, via ``pyld``) and hashed with SHA-256; the proof
hash followed by the document hash is signed with Ed25519, and ``proofValue`` is that
signature in multibase base58-btc (``z...``). To verify, the same, with the public key.

Contexts come only from local copies (:mod:`.contexts`): no network at issue or verify time,
and a document naming any other context is refused.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .contexts import document_loader

CRYPTOSUITE = "eddsa-rdfc-2022"
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_ED25519_PUB = b"\xed\x01"  # multicodec ed25519-pub (varint 0xed)
_ED25519_PRIV = b"\x80\x26"  # multicodec ed25519-priv (varint 0x1300)


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = _ALPHABET[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def b58decode(text: str) -> bytes:
    number = 0
    for ch in text:
        index = _ALPHABET.find(ch)
        if index < 0:
            raise ValueError("not base58")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def multikey(public: Ed25519PublicKey) -> str:
    """The public key as a Multikey ``publicKeyMultibase`` (``z6Mk...``)."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + b58encode(_ED25519_PUB + raw)


def multikey_public(value: str) -> Ed25519PublicKey:
    if not value.startswith("z"):
        raise ValueError("not base58-btc multibase")
    raw = b58decode(value[1:])
    if not raw.startswith(_ED25519_PUB) or len(raw) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def multikey_private(value: str) -> Ed25519PrivateKey:
    """A ``secretKeyMultibase`` (as the spec's test vectors give their key)."""
    raw = b58decode(value.removeprefix("z"))
    if not raw.startswith(_ED25519_PRIV) or len(raw) != 34:
        raise ValueError("not an Ed25519 secret Multikey")
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def canonize(document: dict[str, Any]) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document (local contexts only)."""
    from pyld import jsonld  # type: ignore[import-untyped]

    return str(
        jsonld.normalize(
            document,
            {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": document_loader},
        )
    )


def hash_data(document: dict[str, Any], options: dict[str, Any]) -> bytes:
    """The proof options' hash followed by the document's (the spec's hashData)."""
    config = {k: v for k, v in options.items() if k != "proofValue"}
    config["@context"] = document["@context"]
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof_hash = hashlib.sha256(canonize(config).encode()).digest()
    doc_hash = hashlib.sha256(canonize(unsecured).encode()).digest()
    return proof_hash + doc_hash


def add_proof(
    document: dict[str, Any],
    key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """The document with an embedded ``eddsa-rdfc-2022`` proof (``created``: an XML
    dateTime, ``2026-12-06T16:00:00Z``)."""
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": purpose,
    }
    signature = key.sign(hash_data(document, options))
    secured = copy.deepcopy({k: v for k, v in document.items() if k != "proof"})
    secured["proof"] = {**options, "proofValue": "z" + b58encode(signature)}
    return secured


class ProofError(ValueError):
    """The proof is missing, malformed or does not match (the message says which)."""


def check_proof(document: dict[str, Any], public: Ed25519PublicKey) -> None:
    """Raise :class:`ProofError` unless the document's ``eddsa-rdfc-2022`` proof holds for
    ``public``."""
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:  # a set of one (as 1EdTech's schema wants it)
        proof = proof[0]
    if not isinstance(proof, dict):
        raise ProofError("no proof")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("not an eddsa-rdfc-2022 DataIntegrityProof")
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("no base58-btc proofValue")
    try:
        signature = b58decode(value[1:])
        data = hash_data({**document, "proof": proof}, proof)
    except Exception as err:  # pyld raises its own errors for a document it cannot read
        raise ProofError(f"cannot be canonicalized: {type(err).__name__}") from None
    try:
        public.verify(signature, data)
    except InvalidSignature:
        raise ProofError("the signature does not match") from None
