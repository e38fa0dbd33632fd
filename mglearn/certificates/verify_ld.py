"""``mglearn verify`` for a credential with an embedded Data Integrity proof (a ``.json``
file, or a baked badge ``.png``): the proof against the key its issuer's DID document names,
then expiry, then the issuer's revocation status list.

Where the DID document and the status list come from: with ``--issuer URL``, that site
(``/.well-known/did.json``, the status list the credential names, which must be on that
site); without, this server's own store; with ``--key``, the key file (and the status list is
not checked: offline).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from ..clock import utcnow
from ..errors import UserError
from .verify_cli import MAX_BYTES, fetch_json, load_keys, names_site, plain, print_claims
from .verify_cli import verify as verify_token


def verify_file(args: argparse.Namespace) -> int:
    """``mglearn verify FILE``: a credential with an embedded proof (JSON, or baked in a PNG)
    is checked here, a VC-JWT by :func:`mglearn.certificates.verify_cli.verify`."""
    document = read_document(args.file)
    if document is None:
        return verify_token(args)
    return verify_document(document, args, utcnow())  # one clock for the command


def read_document(path: str) -> dict[str, Any] | None:
    """The credential in a JSON file or a baked PNG, when it has an embedded proof."""
    from .baking import unbake

    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES * 4 + 1)
    if data.startswith(b"\x89PNG"):
        text = unbake(data)
        if text is None:
            return None
        data = text.encode()
    if data.lstrip()[:1] != b"{" or len(data) > MAX_BYTES:
        return None
    try:
        found = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return found if isinstance(found, dict) and isinstance(found.get("proof"), dict | list) else None


def verify_document(doc: dict[str, Any], args: argparse.Namespace, now: datetime) -> int:
    from .credentials import issuer_id, jwk_public_key
    from .did import did_document
    from .openbadge import did_doc, status_list, verify

    issuer = doc.get("issuer")
    did = str(issuer.get("id") if isinstance(issuer, dict) else issuer)

    def offline(url: str) -> dict[str, Any]:
        raise ValueError("not checked offline (--key)")

    if args.key:
        publics = [jwk_public_key(k) for k in load_keys(args.key)]
        verdict = verify(doc, lambda d: did_document(d, publics), offline, now)
    elif args.issuer:
        base = args.issuer.strip().rstrip("/").removesuffix("/issuer")
        if not names_site(did, base):
            print(f"other issuer: the credential names {plain(did)}, not {plain(base)}")
            print_claims(doc, "other issuer")
            return 1

        def from_site(url: str) -> dict[str, Any]:
            if not url.startswith(base + "/"):
                raise ValueError(f"the status list {plain(url)} is not on {plain(base)}")
            return fetch_json(url)

        verdict = verify(doc, lambda d: fetch_json(f"{base}/.well-known/did.json"), from_site, now)
    else:
        from ..store import Store
        from .credentials import signer_or_none

        store = Store()
        sign = signer_or_none(store, now)
        if did != issuer_id():
            print(f"other issuer: the credential names {plain(did)}, not {plain(issuer_id())}")
            print_claims(doc, "other issuer")
            return 1

        def local(url: str) -> dict[str, Any]:
            if sign is None:
                raise UserError("cli.bad_keys", file="signing key")
            return status_list(store, sign)

        verdict = verify(doc, lambda d: did_doc(store.certificates.published_keys()), local, now)
    detail = f": {plain(verdict.detail)}" if verdict.detail else ""
    print(verdict.status.replace("_", " ") + detail)
    print_claims(doc, verdict.status)
    return 0 if verdict.status == "valid" else 1
