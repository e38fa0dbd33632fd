"""Revocation that travels with the credential: W3C Bitstring Status List 1.0.

Every credential carries a ``BitstringStatusListEntry`` (purpose ``revocation``, its own
``statusListIndex``) pointing at the app's status list, itself a signed
``BitstringStatusListCredential`` served at ``/status/revocation``. Its ``encodedList`` is the
bitstring (131,072 bits = 16 KB, the spec's minimum, for privacy; bit 0 is the left-most bit
of the first byte), GZIP-compressed and written as multibase base64url without padding
(``u...``). A set bit: revoked. The list says nothing else: not who, not why (a trainer's
reason is never published).
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable
from typing import Any

from .contexts import CREDENTIALS_V2

LIST_BITS = 131_072  # the spec's minimum length
PURPOSE = "revocation"


def encode(revoked: Iterable[int], size: int = LIST_BITS) -> str:
    bits = bytearray(max(size, LIST_BITS) // 8)
    for index in revoked:
        if not 0 <= index < len(bits) * 8:
            raise ValueError(f"status list index {index} out of range")
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)  # the same list, the same bytes
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    body = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    if len(raw) * 8 < LIST_BITS:
        raise ValueError("status list shorter than 131072 bits")
    return raw


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise ValueError(f"status list index {index} out of range")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def list_size(revoked: list[int]) -> int:
    """Bits enough for every index, at least the minimum, in whole 16 KB steps."""
    top = max(revoked, default=-1) + 1
    return max(LIST_BITS, -(-top // LIST_BITS) * LIST_BITS)


def entry(list_url: str, index: int) -> dict[str, Any]:
    """A credential's ``credentialStatus``."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def list_credential(list_url: str, issuer: str, revoked: list[int], valid_from: str) -> dict[str, Any]:
    """The status list as an (unsigned) BitstringStatusListCredential."""
    return {
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode(revoked, list_size(revoked)),
        },
    }


def revoked_in(list_doc: dict[str, Any], status: dict[str, Any]) -> bool:
    """Whether a credential's status entry is set in a status list credential (whose proof the
    caller checked); ValueError when the two do not fit together."""
    subject = list_doc.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("statusPurpose") != status.get("statusPurpose"):
        raise ValueError("the status list is not for this purpose")
    if list_doc.get("id") != status.get("statusListCredential"):
        raise ValueError("not the status list the credential names")
    return is_set(decode(str(subject.get("encodedList", ""))), int(str(status.get("statusListIndex"))))
