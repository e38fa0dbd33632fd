"""The issuer's public documents, as JSON (never the app's page), for verifiers and wallets:

- ``/.well-known/did.json`` (and ``/did.json``, for an app under a path): the did:web DID
  document with every key that ever signed, as Multikey verification methods;
- ``/issuer``: the Open Badges 3.0 Profile of the issuer (its id: the DID);
- ``/issuer/jwks`` and ``/issuer/jwks/<kid>``: the same keys as a JWK Set and one JWK (a
  VC-JWT header's ``kid`` is the latter's address);
- ``/achievement/magnesium-exam``: the Achievement every certificate is for;
- ``/status/revocation``: the signed revocation status list (Bitstring Status List).

All are public and read-only, and may be fetched from any site (``Access-Control-Allow-Origin:
*``): a wallet in a browser checks a credential from its own page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from .errors import StoreError
from .store import Store, utcnow

log = logging.getLogger("mglearn.web")

HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=60"}


def routes(store: Callable[[], Store]) -> list[BaseRoute]:
    from . import certificates
    from .certificates import openbadge

    def keys() -> list[dict[str, Any]]:
        db = store()
        certificates.signer_or_none(db, utcnow())  # an unusable key: every key that ever signed is still here
        return db.certificates.published_keys()

    async def answer(make: Callable[[], Any], media: str = "application/json") -> Response:
        try:
            found = await run_in_threadpool(make)
        except StoreError as err:
            log.error("issuer documents: database unavailable: %s", type(err).__name__)
            return PlainTextResponse("Service unavailable", status_code=503)
        if found is None:
            return JSONResponse({"error": "not found"}, status_code=404, headers=HEADERS)
        return JSONResponse(found, headers=HEADERS, media_type=media)

    async def did_json(request: Request) -> Response:
        return await answer(lambda: openbadge.did_doc(keys()), "application/did+json")

    async def issuer(request: Request) -> Response:
        return await answer(certificates.issuer_profile)

    async def jwks(request: Request) -> Response:
        return await answer(lambda: certificates.jwk_set(keys()))

    async def jwk(request: Request) -> Response:
        kid = str(request.path_params.get("kid", ""))
        return await answer(
            lambda: next((k for k in certificates.jwk_set(keys())["keys"] if k.get("kid") == kid), None)
        )

    async def achievement(request: Request) -> Response:
        return await answer(lambda: openbadge.achievement_document(request.query_params.get("lang", "nl")))

    async def status(request: Request) -> Response:
        def signed() -> dict[str, Any] | None:
            db = store()
            sign = certificates.signer_or_none(db, utcnow())
            return None if sign is None else openbadge.status_list(db, sign)

        return await answer(signed)

    return [
        Route("/.well-known/did.json", did_json, methods=["GET"], name="did_document"),
        Route("/did.json", did_json, methods=["GET"], name="did_document_path"),
        Route("/issuer", issuer, methods=["GET"], name="issuer"),
        Route("/issuer/jwks", jwks, methods=["GET"], name="issuer_jwks"),
        Route("/issuer/jwks/{kid}", jwk, methods=["GET"], name="issuer_jwk"),
        Route("/achievement/magnesium-exam", achievement, methods=["GET"], name="achievement"),
        Route("/status/revocation", status, methods=["GET"], name="status_list"),
    ]
