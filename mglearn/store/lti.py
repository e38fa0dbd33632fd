"""LTI 1.3 in the store (issue 31): who an (issuer, sub) is here, courses as groups, the
learner's launch session and where grades go (``store.lti``). The platforms, their logins and
the tool's key are :mod:`mglearn.store.lti_platforms`.

The outbox itself (queued in the submit's transaction, claimed with a lease) is
:mod:`mglearn.store.lti_outbox`.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import StoreConflict, UserError
from ..lti import GRADED, activity_kind, shorten
from ..lti.launch import Launch, LaunchRefused
from ..records import Learner, Trainer
from . import tables as t
from .audit import write_event
from .base import MAX_NAME, as_utc, clean_name, new_code, upsert
from .database import Database
from .groups import Groups
from .learners import Learners, learner_of
from .trainers import Trainers

log = logging.getLogger("mglearn.lti")

SESSION_HOURS = 12  # a learner's launch cookie


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lms_name(text: str, fallback: str) -> str:
    """A name or course title from the LMS as we store it: cut to MAX_NAME at a word boundary
    and cleaned; ``fallback`` (cleaned and cut too) when nothing printable is left."""
    for candidate in (text, fallback, "LMS"):
        try:
            return clean_name(shorten(candidate, MAX_NAME))
        except UserError:
            continue
    return "LMS"  # pragma: no cover - "LMS" is a clean name


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

    # -- arriving from a launch --

    def lti_arrive(
        self, launch: Launch, now: datetime, *, trainer_hours: float, client: str = "", agent: str = ""
    ) -> Arrival:
        """Sign in the person of a checked launch: the learner (or trainer) tied to its
        (issuer, sub), made on their first launch; the course becomes a group of each
        instructor who launches from it, with its learners in it; a graded link's line item
        is remembered for the learner's scores. ``client`` and ``agent``: from where (the
        trainer's session list and the audit log)."""
        now = as_utc(now)
        if launch.trainer:
            trainer = self._lti_trainer(launch, now)
            if not trainer.active:  # an administrator deactivated it (issue 33): no session, no group
                with self.db.write() as conn:
                    why = "deactivated account (LMS launch)"
                    write_event(conn, now, "signin_failed", actor=trainer.name, client=client, detail=why)
                raise LaunchRefused("deactivated", trainer.name)
            group_id = self._lti_course_group(launch, trainer, now) if launch.context_id else None
            token = self.trainers.open_session(
                trainer.id, now, hours=trainer_hours, client=client, agent=agent
            )
            return Arrival(None, trainer, token, group_id)
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
            made = self.learners.create_learner(lms_name(name, "LMS"), lang or "nl", now=now)
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
        enrolled = 0
        for sub, name in members:
            try:
                learner = self._learner_for(issuer, sub[:255], name, None, now)
            except UserError as err:  # one member the store cannot take: the others still join
                log.warning("lti roster: member skipped: %s", err)
                continue
            enrolled += 1
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
        return enrolled

    def _lti_trainer(self, launch: Launch, now: datetime) -> Trainer:
        _, trainer_id = self._lti_user(launch.issuer, launch.sub)
        if trainer_id is None:
            base = lms_name(launch.name, "LMS")
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
        with every learner who launched from the course already. The lookup, the new group and
        its link are one write transaction that first locks the trainer's row, so two first
        launches at once (on any server) make one group."""
        key = (t.lti_contexts.c.issuer == launch.issuer, t.lti_contexts.c.context_id == launch.context_id)
        name = lms_name(launch.context_title, launch.context_id)
        for _ in range(5):  # a join code taken meanwhile: try another (as create_group does)
            try:
                with self.db.write() as conn:
                    conn.execute(
                        sa.select(t.trainers.c.id).where(t.trainers.c.id == trainer.id).with_for_update()
                    )
                    row = conn.execute(
                        sa.select(t.lti_contexts).where(*key, t.lti_contexts.c.trainer_id == trainer.id)
                    ).first()
                    if row is not None:
                        return int(row.group_id)
                    return self._new_course_group(conn, launch, trainer, name, now)
            except StoreConflict:
                continue
        raise RuntimeError("could not find a free join code")  # pragma: no cover

    @staticmethod
    def _new_course_group(
        conn: Connection, launch: Launch, trainer: Trainer, name: str, now: datetime
    ) -> int:
        made = conn.execute(
            t.groups.insert().values(
                trainer_id=trainer.id, name=name, join_code=new_code("GR"), created_at=now
            )
        ).inserted_primary_key
        assert made is not None
        group_id = int(made[0])
        conn.execute(
            t.lti_contexts.insert().values(
                issuer=launch.issuer, context_id=launch.context_id, trainer_id=trainer.id, group_id=group_id
            )
        )
        enrolled = conn.execute(
            sa.select(t.lti_enrolments.c.learner_id).where(
                t.lti_enrolments.c.issuer == launch.issuer,
                t.lti_enrolments.c.context_id == launch.context_id,
            )
        ).all()
        for e in enrolled:
            values = {"group_id": group_id, "learner_id": e.learner_id, "joined_at": now}
            upsert(conn, t.memberships, values, ("group_id", "learner_id"), ())
        return group_id

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
