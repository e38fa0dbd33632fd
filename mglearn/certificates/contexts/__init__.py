"""The JSON-LD contexts mglearn's credentials use, as local copies (their sources:
SOURCES.md beside this file), and a document loader that serves only them: no network at
issue or verify time, and a document naming any other context is refused."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OB_V3: "ob-context-3.0.3.json",
    DATA_INTEGRITY_V2: "data-integrity-v2.jsonld",
    STATUS_LIST_V1: "vc-bitstring-status-list-v1.jsonld",
    DID_V1: "did-v1.jsonld",
}


class UnknownContext(ValueError):
    """A document names a context that is not shipped with mglearn."""


@cache
def context(url: str) -> dict[str, Any]:
    name = FILES.get(url)
    if name is None:
        raise UnknownContext(f"no local copy of the JSON-LD context {url}")
    loaded: dict[str, Any] = json.loads((HERE / name).read_text(encoding="utf-8"))
    return loaded


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """A ``pyld`` document loader serving the local contexts only."""
    return {"contextUrl": None, "documentUrl": url, "document": context(url)}
