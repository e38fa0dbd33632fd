"""LTI 1.3 platforms in the store (issue 31): the registered platforms and their deployments,
OIDC logins whose nonce is used once (in the database, so across servers), and the tool's own
signing key (``store.lti_platforms``). Who a launch brings is :mod:`mglearn.store.lti`."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import StoreConflict, UserError
from ..lti.launch import Platform
from . import tables as t
from .base import as_utc, clean_name, upsert
from .database import Database

LOGIN_MINUTES = 10  # an OIDC login must come back within this


def _url(value: str, what: str) -> str:
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 2000:
        raise UserError("lti.bad_url", what=what, value=value[:80])
    return value


class Platforms:
    """The LMSs this tool is registered with, their logins and the tool's key."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- platforms --

    def add_platform(
        self,
        issuer: str,
        client_id: str,
        *,
        auth_url: str,
        token_url: str,
        jwks_url: str,
        deployments: Sequence[str],
        now: datetime,
        name: str = "",
    ) -> Platform:
        issuer, client_id = issuer.strip(), client_id.strip()
        if not issuer or not client_id or len(issuer) > 255 or len(client_id) > 255:
            raise UserError("lti.bad_platform")
        values = {
            "issuer": issuer,
            "client_id": client_id,
            "name": clean_name(name or urlsplit(issuer).netloc or issuer),
            "auth_url": _url(auth_url, "auth"),
            "token_url": _url(token_url, "token"),
            "jwks_url": _url(jwks_url, "jwks"),
            "created_at": as_utc(now),
        }
        try:
            with self.db.write() as conn:
                new_id = conn.execute(t.lti_platforms.insert().values(**values)).inserted_primary_key
                assert new_id is not None
                for deployment in deployments:
                    self._add_deployment(conn, int(new_id[0]), deployment)
        except StoreConflict:
            raise UserError("lti.platform_exists", issuer=issuer, client_id=client_id) from None
        found = self.lti_platform(issuer, client_id)
        assert found is not None
        return found

    @staticmethod
    def _add_deployment(conn: Connection, platform_id: int, deployment: str) -> None:
        deployment = deployment.strip()
        if not deployment or len(deployment) > 255:
            raise UserError("lti.bad_deployment")
        upsert(
            conn,
            t.lti_deployments,
            {"platform_id": platform_id, "deployment_id": deployment},
            ("platform_id", "deployment_id"),
            (),
        )

    def add_deployment(self, platform_id: int, deployment: str) -> None:
        with self.db.write() as conn:
            self._add_deployment(conn, platform_id, deployment)

    def lti_platforms(self) -> list[Platform]:
        with self.db.read() as conn:
            rows = conn.execute(sa.select(t.lti_platforms).order_by(t.lti_platforms.c.id)).all()
            deps = conn.execute(
                sa.select(t.lti_deployments).order_by(t.lti_deployments.c.deployment_id)
            ).all()
        return [
            Platform(
                r.id,
                r.issuer,
                r.client_id,
                r.name,
                r.auth_url,
                r.token_url,
                r.jwks_url,
                tuple(d.deployment_id for d in deps if d.platform_id == r.id),
            )
            for r in rows
        ]

    def lti_platform(self, issuer: str, client_id: str | None = None) -> Platform | None:
        """The platform of this issuer (and client id); None when unknown, or when the issuer
        has several registrations and the client id does not say which."""
        found = [p for p in self.lti_platforms() if p.issuer == issuer and client_id in (None, p.client_id)]
        return found[0] if len(found) == 1 else None

    def lti_platform_by_id(self, platform_id: int) -> Platform | None:
        return next((p for p in self.lti_platforms() if p.id == platform_id), None)

    # -- OIDC logins: state and nonce, used once --

    def lti_start_login(self, platform_id: int, now: datetime) -> tuple[str, str]:
        """A new login's (state, nonce), valid :data:`LOGIN_MINUTES`; old ones are cleared."""
        now = as_utc(now)
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.db.write() as conn:
            conn.execute(t.lti_logins.delete().where(t.lti_logins.c.expires_at < now - timedelta(days=1)))
            conn.execute(
                t.lti_logins.insert().values(
                    state=state,
                    nonce=nonce,
                    platform_id=platform_id,
                    created_at=now,
                    expires_at=now + timedelta(minutes=LOGIN_MINUTES),
                )
            )
        return state, nonce

    def lti_take_login(self, state: str, now: datetime) -> tuple[int, str] | None:
        """The (platform id, nonce) of the login with this state, marked used in the same
        transaction; None when unknown, expired or used already (a replay), on any server."""
        now = as_utc(now)
        if not state or len(state) > 64:
            return None
        with self.db.write() as conn:
            row = conn.execute(
                sa.select(t.lti_logins).where(t.lti_logins.c.state == state).with_for_update()
            ).first()
            if row is None or row.used_at is not None or as_utc(row.expires_at) <= now:
                return None
            taken = conn.execute(
                t.lti_logins.update()
                .where(t.lti_logins.c.state == state, t.lti_logins.c.used_at.is_(None))
                .values(used_at=now)
            )
            if taken.rowcount != 1:  # pragma: no cover - the row lock makes this impossible
                return None
        return row.platform_id, row.nonce

    # -- the tool's key (RS256, as LTI asks) --

    def lti_tool_keys(self, now: datetime, make: Callable[[], tuple[str, str]]) -> list[tuple[str, str]]:
        """Every (kid, private PEM) of the tool, oldest (the signing one) first; the first
        call makes one with ``make()`` -> (kid, PEM). Kept in the database, so every server
        signs with the same key and publishes the same JWKS."""
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(t.lti_tool_keys).order_by(t.lti_tool_keys.c.created_at, t.lti_tool_keys.c.kid)
            ).all()
        if rows:
            return [(r.kid, r.private_pem) for r in rows]
        kid, pem = make()
        with self.db.write() as conn:
            if conn.execute(sa.select(t.lti_tool_keys.c.kid)).first() is None:
                conn.execute(
                    t.lti_tool_keys.insert().values(kid=kid, private_pem=pem, created_at=as_utc(now))
                )
        return self.lti_tool_keys(now, make)
