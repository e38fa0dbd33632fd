"""LTI 1.3 in the store (issue 31): platforms and deployments, OIDC logins whose nonce is used
once (in the database, so across servers), who an (issuer, sub) is here, courses as groups,
the learner's launch session, where grades go, and the tool's signing key.

The outbox itself (queued in the submit's transaction, claimed with a lease) is
:mod:`mglearn.store.lti_outbox`.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import StoreConflict, UserError
from ..lti import GRADED, activity_kind
from ..lti.launch import Launch, Platform
from ..records import Learner, Trainer
from . import tables as t
from .base import as_utc, clean_name, upsert
from .database import Database
from .groups import Groups
from .learners import Learners, learner_of
from .trainers import Trainers

LOGIN_MINUTES = 10  # an OIDC login must come back within this
SESSION_HOURS = 12  # a learner's launch cookie


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _url(value: str, what: str) -> str:
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 2000:
        raise UserError("lti.bad_url", what=what, value=value[:80])
    return value


@dataclass(frozen=True)
class Arrival:
    """Who a launch signed in: a learner (with the token of their launch cookie) or a trainer
    (with the token of a trainer session), and the group of the course, if any."""

    learner: Learner | None
    trainer: Trainer | None
    token: str
    group_id: int | None


class Lti:
    """LTI 1.3 platforms, logins and the learners and trainers they bring (``store.lti``); it makes
    learners, trainers and groups through those parts."""

    def __init__(self, db: Database, learners: Learners, groups: Groups, trainers: Trainers) -> None:
        self.db = db
        self.learners = learners
        self.groups = groups
        self.trainers = trainers

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

    # -- arriving from a launch --

    def lti_arrive(self, launch: Launch, now: datetime, *, trainer_hours: float) -> Arrival:
        """Sign in the person of a checked launch: the learner (or trainer) tied to its
        (issuer, sub), made on their first launch; the course becomes a group of each
        instructor who launches from it, with its learners in it; a graded link's line item
        is remembered for the learner's scores."""
        now = as_utc(now)
        if launch.trainer:
            trainer = self._lti_trainer(launch, now)
            group_id = self._lti_course_group(launch, trainer, now) if launch.context_id else None
            return Arrival(
                None, trainer, self.trainers.open_session(trainer.id, now, hours=trainer_hours), group_id
            )
        learner = self._lti_learner(launch, now)
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            if launch.context_id:
                upsert(
                    conn,
                    t.lti_enrolments,
                    {"issuer": launch.issuer, "context_id": launch.context_id, "learner_id": learner.id},
                    ("issuer", "context_id", "learner_id"),
                    (),
                )
                groups = conn.execute(
                    sa.select(t.lti_contexts.c.group_id).where(
                        t.lti_contexts.c.issuer == launch.issuer,
                        t.lti_contexts.c.context_id == launch.context_id,
                    )
                ).all()
                for g in groups:
                    values = {"group_id": g.group_id, "learner_id": learner.id, "joined_at": now}
                    upsert(conn, t.memberships, values, ("group_id", "learner_id"), ())
            if launch.lineitem and activity_kind(launch.activity) in GRADED:
                values = {
                    "learner_id": learner.id,
                    "activity": launch.activity,
                    "platform_id": launch.platform_id,
                    "sub": launch.sub,
                    "lineitem": launch.lineitem,
                    "created_at": now,
                }
                upsert(conn, t.lti_grade_links, values, ("learner_id", "activity", "lineitem"), ("sub",))
            conn.execute(t.lti_sessions.delete().where(t.lti_sessions.c.expires_at < now))
            conn.execute(
                t.lti_sessions.insert().values(
                    token_hash=_hash(token),
                    learner_id=learner.id,
                    created_at=now,
                    expires_at=now + timedelta(hours=SESSION_HOURS),
                )
            )
        return Arrival(learner, None, token, None)

    def _lti_user(self, issuer: str, sub: str) -> tuple[int | None, int | None]:
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(t.lti_users).where(t.lti_users.c.issuer == issuer, t.lti_users.c.sub == sub)
            ).first()
        return (row.learner_id, row.trainer_id) if row else (None, None)

    def _link_user(self, issuer: str, sub: str, now: datetime, **ids: int) -> tuple[int | None, int | None]:
        """Tie (issuer, sub) to the learner or trainer just made, unless a launch on another
        server tied it first: then theirs counts (the one made here stays unused)."""
        with self.db.write() as conn:
            row = conn.execute(
                sa.select(t.lti_users)
                .where(t.lti_users.c.issuer == issuer, t.lti_users.c.sub == sub)
                .with_for_update()
            ).first()
            if row is None:
                conn.execute(t.lti_users.insert().values(issuer=issuer, sub=sub, created_at=now, **ids))
            else:
                missing = {k: v for k, v in ids.items() if getattr(row, k) is None}
                if missing:
                    conn.execute(
                        t.lti_users.update()
                        .where(t.lti_users.c.issuer == issuer, t.lti_users.c.sub == sub)
                        .values(**missing)
                    )
        return self._lti_user(issuer, sub)

    def _lti_learner(self, launch: Launch, now: datetime) -> Learner:
        return self._learner_for(launch.issuer, launch.sub, launch.name, launch.lang, now)

    def _learner_for(self, issuer: str, sub: str, name: str, lang: str | None, now: datetime) -> Learner:
        learner_id, _ = self._lti_user(issuer, sub)
        if learner_id is None:
            made = self.learners.create_learner(name or "LMS", lang or "nl", now=now)
            learner_id, _ = self._link_user(issuer, sub, now, learner_id=made.id)
            assert learner_id is not None
        elif lang:
            self.learners.set_language(learner_id, lang)
        return self.learners.learner(learner_id)

    def lti_enrol(
        self, issuer: str, context_id: str, members: Sequence[tuple[str, str]], now: datetime
    ) -> int:
        """Names and Roles: every learner of the course's roster ((user id, name) pairs) is a
        learner here, tied to (issuer, user id), and in the course's groups, before their
        first launch. The number enrolled."""
        now = as_utc(now)
        for sub, name in members:
            learner = self._learner_for(issuer, sub[:255], name, None, now)
            with self.db.write() as conn:
                upsert(
                    conn,
                    t.lti_enrolments,
                    {"issuer": issuer, "context_id": context_id, "learner_id": learner.id},
                    ("issuer", "context_id", "learner_id"),
                    (),
                )
                groups = conn.execute(
                    sa.select(t.lti_contexts.c.group_id).where(
                        t.lti_contexts.c.issuer == issuer, t.lti_contexts.c.context_id == context_id
                    )
                ).all()
                for g in groups:
                    values = {"group_id": g.group_id, "learner_id": learner.id, "joined_at": now}
                    upsert(conn, t.memberships, values, ("group_id", "learner_id"), ())
        return len(members)

    def _lti_trainer(self, launch: Launch, now: datetime) -> Trainer:
        _, trainer_id = self._lti_user(launch.issuer, launch.sub)
        if trainer_id is None:
            base = clean_name(launch.name or "LMS")
            host = urlsplit(launch.issuer).netloc or "LMS"
            made = None
            for n in range(1, 20):
                name = f"{base[:40]} ({host[:14]})" if n == 1 else f"{base[:36]} ({host[:14]}) {n}"
                try:  # a password no one knows: this trainer signs in through the LMS
                    made = self.trainers.add_trainer(name, secrets.token_urlsafe(32), now)
                    break
                except UserError:
                    continue
            if made is None:
                made = self.trainers.add_trainer(
                    f"LMS {uuid.uuid4().hex[:12]}", secrets.token_urlsafe(32), now
                )
            _, trainer_id = self._link_user(launch.issuer, launch.sub, now, trainer_id=made.id)
            assert trainer_id is not None
        return self.trainers.trainer(trainer_id)

    def _lti_course_group(self, launch: Launch, trainer: Trainer, now: datetime) -> int:
        """This instructor's group for the launch's course, made on their first launch from it,
        with every learner who launched from the course already."""
        key = (t.lti_contexts.c.issuer == launch.issuer, t.lti_contexts.c.context_id == launch.context_id)
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(t.lti_contexts).where(*key, t.lti_contexts.c.trainer_id == trainer.id)
            ).first()
        if row is not None:
            return int(row.group_id)
        group = self.groups.create_group(trainer.id, launch.context_title or launch.context_id, now)
        with self.db.write() as conn:
            upsert(
                conn,
                t.lti_contexts,
                {
                    "issuer": launch.issuer,
                    "context_id": launch.context_id,
                    "trainer_id": trainer.id,
                    "group_id": group.id,
                },
                ("issuer", "context_id", "trainer_id"),
                (),
            )
            enrolled = conn.execute(
                sa.select(t.lti_enrolments.c.learner_id).where(
                    t.lti_enrolments.c.issuer == launch.issuer,
                    t.lti_enrolments.c.context_id == launch.context_id,
                )
            ).all()
            for e in enrolled:
                values = {"group_id": group.id, "learner_id": e.learner_id, "joined_at": now}
                upsert(conn, t.memberships, values, ("group_id", "learner_id"), ())
        return group.id

    def lti_learner(self, issuer: str, sub: str) -> Learner | None:
        """The learner tied to this (issuer, sub), if they launched before."""
        learner_id, _ = self._lti_user(issuer, sub)
        return None if learner_id is None else self.learners.learner(learner_id)

    def lti_session_learner(self, token: str | None, now: datetime) -> Learner | None:
        """The learner a launch cookie belongs to, while it lasts."""
        if not token or len(token) > 200:
            return None
        query = (
            sa.select(t.learners, t.lti_sessions.c.expires_at)
            .join(t.lti_sessions, t.lti_sessions.c.learner_id == t.learners.c.id)
            .where(t.lti_sessions.c.token_hash == _hash(token))
        )
        with self.db.read() as conn:
            row = conn.execute(query).first()
        if row is None or as_utc(row.expires_at) <= as_utc(now):
            return None
        return learner_of(row)

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
