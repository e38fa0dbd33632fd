"""What an administrator does to other trainer accounts (issue 33): the list of accounts;
create, deactivate and reactivate one; reset its second factor; end its sessions, or every
session of everyone; revoke any certificate. Every method first checks that the one acting is
an active administrator (the page hides itself from others, and this is the check that counts),
and each act writes its audit event in its own transaction (:mod:`mglearn.store.audit`).

An administrator cannot deactivate their own account, and the last active administrator
cannot be deactivated: a clear refusal instead of a server nobody can administer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import NotFound, UserError
from ..records import Certificate, Trainer
from . import tables as t
from .audit import Actor, write_event
from .base import as_utc, clean_name, utc
from .certificates import Certificates
from .database import Database
from .factors import Factors
from .sessions import Sessions
from .trainers import Trainers

ROLES = ("trainer", "admin")


@dataclass(frozen=True)
class Account:
    """One row of the administrator's list of accounts."""

    name: str
    role: str
    active: bool
    enrolled: bool  # a second factor is set up
    sessions: int  # open (not expired) sessions
    last_sign_in: datetime | None
    created_at: datetime


class Admin:
    """An administrator's acts on trainer accounts and certificates."""

    def __init__(
        self,
        db: Database,
        trainers: Trainers,
        factors: Factors,
        sessions: Sessions,
        certificates: Certificates,
    ) -> None:
        self.db = db
        self.trainers = trainers
        self.factors = factors
        self.sessions = sessions
        self.certificates = certificates

    def accounts(self, now: datetime) -> list[Account]:
        """Every trainer account, by name."""
        tr, s = t.trainers, t.trainer_sessions
        open_sessions = (
            sa.select(sa.func.count())
            .select_from(s)
            .where(s.c.trainer_id == tr.c.id, s.c.expires_at > as_utc(now))
            .scalar_subquery()
        )
        enrolled = sa.exists().where(t.trainer_factors.c.trainer_id == tr.c.id)
        query = sa.select(
            tr.c.name,
            tr.c.role,
            tr.c.active,
            tr.c.last_sign_in_at,
            tr.c.created_at,
            open_sessions.label("open_sessions"),
            enrolled.label("enrolled"),
        ).order_by(tr.c.name)
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        return [
            Account(
                r.name,
                r.role or "trainer",
                bool(r.active),
                bool(r.enrolled),
                int(r.open_sessions or 0),
                utc(r.last_sign_in_at),
                as_utc(r.created_at),
            )
            for r in rows
        ]

    def is_admin(self, trainer_id: int) -> bool:
        with self.db.read() as conn:
            return self._admin_row(conn, trainer_id) is not None

    @staticmethod
    def _admin_row(conn: Connection, trainer_id: int) -> object | None:
        tr = t.trainers
        return conn.execute(
            sa.select(tr.c.id).where(tr.c.id == trainer_id, tr.c.role == "admin", tr.c.active.is_(True))
        ).first()

    def _check(self, admin: Trainer) -> None:
        if not self.is_admin(admin.id):
            raise UserError("admin.not_admin")

    def create_account(
        self, admin: Trainer, name: str, password: str, role: str, now: datetime, client: str = ""
    ) -> Trainer:
        """A new account under the password rules; it enrols its second factor at its first sign-in."""
        self._check(admin)
        if role not in ROLES:
            raise UserError("admin.bad_role")
        return self.trainers.add_trainer(name, password, now, role=role, by=Actor(now, admin.name, client))

    def _locked(self, conn: Connection, admin: Trainer, name: str) -> Any:
        """In a write transaction: the administrators' rows and the target's locked (two admins
        acting on each other at once queue here), the actor checked, the target row."""
        tr = t.trainers
        conn.execute(
            sa.select(tr.c.id)
            .where(sa.or_(tr.c.role == "admin", tr.c.name == clean_name(name)))
            .with_for_update()
        ).all()
        if self._admin_row(conn, admin.id) is None:
            raise UserError("admin.not_admin")
        row = conn.execute(sa.select(tr).where(tr.c.name == clean_name(name))).first()
        if row is None:
            raise NotFound("error.trainer_unknown", name=name)
        return row

    @staticmethod
    def _last_admin(conn: Connection, row: Any) -> bool:
        """True when ``row`` is the only active administrator."""
        tr = t.trainers
        if row.role != "admin" or not row.active:
            return False
        admins = conn.execute(
            sa.select(sa.func.count()).select_from(tr).where(tr.c.role == "admin", tr.c.active.is_(True))
        ).scalar_one()
        return bool(admins <= 1)

    def set_active(self, admin: Trainer, name: str, active: bool, now: datetime, client: str = "") -> None:
        """Deactivate (every session and half-done sign-in ends at once: ASVS 7.4.2) or
        reactivate an account; never one's own, never the last active administrator."""
        tr = t.trainers
        with self.db.write() as conn:
            row = self._locked(conn, admin, name)
            if not active and row.id == admin.id:
                raise UserError("admin.not_yourself")
            if not active and self._last_admin(conn, row):
                raise UserError("admin.last_admin")
            conn.execute(tr.update().where(tr.c.id == row.id).values(active=active))
            ended = 0
            if not active:
                ended = conn.execute(
                    t.trainer_sessions.delete().where(t.trainer_sessions.c.trainer_id == row.id)
                ).rowcount
                conn.execute(t.sign_in_steps.delete().where(t.sign_in_steps.c.trainer_id == row.id))
            write_event(
                conn,
                now,
                "account_reactivated" if active else "account_deactivated",
                actor=admin.name,
                target=row.name,
                client=client,
                detail=None if active else f"{ended or 0} session(s) ended",
            )

    def set_role(self, admin: Trainer, name: str, role: str, now: datetime, client: str = "") -> None:
        """Make an account an administrator or a trainer; never the last active administrator
        a trainer (an administrator may step down while another one remains)."""
        if role not in ROLES:
            raise UserError("admin.bad_role")
        tr = t.trainers
        with self.db.write() as conn:
            row = self._locked(conn, admin, name)
            if role != "admin" and self._last_admin(conn, row):
                raise UserError("admin.last_admin")
            conn.execute(tr.update().where(tr.c.id == row.id).values(role=role))
            write_event(
                conn, now, "role_changed", actor=admin.name, target=row.name, client=client, detail=role
            )

    def reset_factor(self, admin: Trainer, name: str, now: datetime, client: str = "") -> None:
        """The account's second factor and recovery codes go, its sessions end; it enrols anew."""
        self._check(admin)
        self.factors.reset_factor(name, Actor(now, admin.name, client))

    def end_sessions(self, admin: Trainer, name: str, now: datetime, client: str = "") -> int:
        """End every session of one account; how many."""
        self._check(admin)
        return self.sessions.end_all_sessions(name, Actor(now, admin.name, client))

    def end_everyones_sessions(self, admin: Trainer, now: datetime, client: str = "") -> int:
        """End every session of every account, the administrator's own included (ASVS 7.4.5)."""
        self._check(admin)
        return self.sessions.end_everyones_sessions(Actor(now, admin.name, client))

    def revoke_certificate(
        self, admin: Trainer, code: str, reason: str, now: datetime, client: str = ""
    ) -> Certificate:
        """Revoke any certificate by its code (not only those of the administrator's groups)."""
        self._check(admin)
        return self.certificates.revoke_certificate(code, reason, now, actor=admin.name, client=client)
