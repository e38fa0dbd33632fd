"""``mglearn lti ...``: register the LMS platforms that launch mglearn (LTI 1.3), and see or
push the grades waiting to go back to them (issue 31)."""

from __future__ import annotations

import argparse
from typing import Any

from .settings import current as current_settings


def tool_urls() -> dict[str, str]:
    """What an LMS administrator enters for the tool (MGLEARN_PUBLIC_URL + the routes)."""
    base = current_settings().public_url
    return {
        "login (OIDC initiation) URL": f"{base}/lti/login",
        "redirect / launch URL": f"{base}/lti/launch",
        "public keyset (JWKS) URL": f"{base}/lti/jwks",
        "deep linking URL": f"{base}/lti/launch",
    }


def _lti(args: argparse.Namespace) -> int:
    from .clock import utcnow
    from .errors import UserError
    from .lti_send import send_due
    from .store import Store

    store, now = Store(), utcnow()
    if args.action == "add-platform":
        platform = store.lti_platforms.add_platform(
            args.issuer,
            args.client_id,
            auth_url=args.auth_url,
            token_url=args.token_url,
            jwks_url=args.jwks_url,
            deployments=args.deployment or [],
            now=now,
            name=args.name or "",
        )
        print(f"Platform {platform.name} added: issuer {platform.issuer}, client id {platform.client_id}.")
        print("Enter these in the LMS:")
        for what, url in tool_urls().items():
            print(f"  {what}: {url}")
        return 0
    if args.action == "add-deployment":
        found = store.lti_platforms.lti_platform(args.issuer, args.client_id)
        if found is None:
            raise UserError("lti.unknown_platform", issuer=args.issuer)
        store.lti_platforms.add_deployment(found.id, args.deployment)
        print(f"Deployment {args.deployment} added to {found.name}.")
        return 0
    if args.action == "list":
        for p in store.lti_platforms.lti_platforms():
            print(
                f"{p.name}\t{p.issuer}\tclient {p.client_id}\tdeployments {', '.join(p.deployments) or '-'}"
            )
        for what, url in tool_urls().items():
            print(f"# {what}: {url}")
        return 0
    if args.action == "outbox":
        rows: list[dict[str, Any]] = store.lti_outbox.listing()
        for r in rows:
            status = (
                "sent" if r["sent_at"] else "failed" if r["failed_at"] else f"waiting ({r['tries']} tries)"
            )
            given = r["payload"]["scoreGiven"]
            print(f"{r['id']}\tattempt {r['attempt_id']}\t{given}\t{status}\t{r['last_error'] or ''}")
        return 0
    done = send_due(store, now, clock_=utcnow)  # send
    print(f"{done.sent} sent, {done.failed} not sent (tried again later)")
    return 0 if done.failed == 0 else 1


def add_parser(sub: Any) -> None:
    lti = sub.add_parser("lti", help="LTI 1.3: the LMS platforms that launch mglearn, and grades back")
    lti_sub = lti.add_subparsers(dest="action", required=True)
    add = lti_sub.add_parser("add-platform", help="register an LMS (its issuer, client id, URLs)")
    add.add_argument(
        "--issuer", required=True, help="the platform's issuer (iss), e.g. https://moodle.example.org"
    )
    add.add_argument("--client-id", required=True, help="the client id the platform gave this tool")
    add.add_argument("--auth-url", required=True, help="the platform's OIDC authentication request URL")
    add.add_argument("--token-url", required=True, help="the platform's access token URL")
    add.add_argument("--jwks-url", required=True, help="the platform's public keyset URL")
    add.add_argument("--deployment", action="append", help="a deployment id (repeat for several)")
    add.add_argument("--name", help="a short name to list it by")
    dep = lti_sub.add_parser("add-deployment", help="add a deployment id to a registered platform")
    dep.add_argument("--issuer", required=True)
    dep.add_argument("--client-id", default=None, help="needed when the issuer has several client ids")
    dep.add_argument("deployment")
    lti_sub.add_parser("list", help="list platforms, and the URLs to enter in an LMS")
    lti_sub.add_parser("outbox", help="list the scores queued for the LMS gradebooks")
    lti_sub.add_parser("send", help="send the scores that are due now")
    lti.set_defaults(func=_lti)
