"""Trainer accounts, sign-in with back-off, and sign-in sessions.

Sign-in follows OWASP's advice against guessing without letting anyone lock a trainer out at
will: each (account name, client) pair gets FREE_TRIES tries, then waits BACKOFF_START seconds,
doubling with every further failure up to BACKOFF_MAX; a success clears it, and so does a day
without tries (:func:`mglearn.store.guesses.forget_old_tries`). The try is reserved
(counted) in one write transaction *before* the password is checked, so parallel guesses cannot
slip past the count. Unknown names are throttled and answered exactly like known ones.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from .. import passwords
from ..errors import NotFound, StoreConflict, UserError
from ..records import Trainer
from ..settings import Settings
from . import tables as t
from .audit import Actor, write_event
from .base import as_utc, clean_name, upsert, utc
from .database import Database
from .guesses import forget_old_tries

FREE_TRIES = 5
BACKOFF_START = 30  # seconds after the FREE_TRIES-th failure; doubles with each further one
BACKOFF_MAX = 3600


def trainer_of(row: Any) -> Trainer:
    return Trainer(row.id, row.name, as_utc(row.created_at), row.role or "trainer", bool(row.active))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def backoff_seconds(failures: int) -> int:
    """How long a client waits after this many failures in a row (0 while tries are free)."""
    if failures < FREE_TRIES:
        return 0
    return int(min(BACKOFF_MAX, BACKOFF_START * 2 ** (failures - FREE_TRIES)))


class Trainers:
    """Trainer accounts, their sign-in and sessions."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def add_trainer(
        self, name: str, password: str, now: datetime, role: str = "trainer", by: Actor | None = None
    ) -> Trainer:
        """A new account (``role``: trainer or admin); the audit log says who made it (``by``:
        an administrator in the browser, or the command line)."""
        name = clean_name(name)
        passwords.check(password, name)
        assert role in ("trainer", "admin"), role
        try:
            with self.db.write() as conn:
                conn.execute(
                    t.trainers.insert().values(
                        name=name,
                        password_hash=passwords.hash_password(password),
                        created_at=as_utc(now),
                        role=role,
                    )
                )
                write_event(
                    conn,
                    now,
                    "account_created",
                    actor=by.name if by else None,
                    target=name,
                    client=by.client if by else None,
                    detail=role,
                )
        except StoreConflict:
            raise UserError("error.trainer_exists", name=name) from None
        found = self.trainer_by_name(name)
        assert found is not None
        return found

    def set_password(self, name: str, password: str, by: Actor | None = None) -> None:
        """A new password; every open sign-in session of the account ends (``by``: who, for
        the audit log)."""
        passwords.check(password, name)
        with self.db.write() as conn:
            row = conn.execute(
                sa.select(t.trainers.c.id).where(t.trainers.c.name == clean_name(name))
            ).first()
            if row is None:
                raise NotFound("error.trainer_unknown", name=name)
            conn.execute(
                t.trainers.update()
                .where(t.trainers.c.id == row.id)
                .values(password_hash=passwords.hash_password(password))
            )
            conn.execute(t.trainer_sessions.delete().where(t.trainer_sessions.c.trainer_id == row.id))
            if by is not None:
                write_event(
                    conn, by.now, "password_changed", actor=by.name, target=clean_name(name), client=by.client
                )

    def change_password(self, trainer_id: int, old: str, new: str, by: Actor | None = None) -> None:
        """The trainer's own change: the old password must be right."""
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.id == trainer_id)).first()
        if row is None or not passwords.verify(row.password_hash, old):
            raise UserError("error.password_wrong")
        self.set_password(row.name, new, by)

    def trainer_by_name(self, name: str) -> Trainer | None:
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.name == name)).first()
        return trainer_of(row) if row else None

    def trainer(self, trainer_id: int) -> Trainer:
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.id == trainer_id)).first()
        if row is None:
            raise NotFound("error.trainer_unknown", name=str(trainer_id))
        return trainer_of(row)

    def all_trainers(self) -> list[Trainer]:
        with self.db.read() as conn:
            rows = conn.execute(sa.select(t.trainers).order_by(t.trainers.c.name))
            return [trainer_of(r) for r in rows]

    # -- sign-in --

    def sign_in_trainer(self, name: str, password: str, now: datetime, client: str = "") -> Trainer:
        """Check a password, throttled per (name, client): see the module doc."""
        now = as_utc(now)
        wanted = " ".join((name or "").split())
        key = f"{wanted.casefold()}|{client}"[:200]
        this = t.sign_in_tries.c.key == key
        forget_old_tries(self.db, now)  # rows a day past their last try go first
        with self.db.write() as conn:
            # Make sure the row exists, then lock it: parallel guesses on PostgreSQL queue on
            # the row lock and each sees the count the one before it wrote (SQLite: BEGIN
            # IMMEDIATE already serialises them).
            upsert(conn, t.sign_in_tries, {"key": key, "failures": 0, "blocked_until": None}, ("key",), ())
            tries = conn.execute(sa.select(t.sign_in_tries).where(this).with_for_update()).first()
            waiting = tries is not None and backoff_seconds(tries.failures) > 0
            blocked = utc(tries.blocked_until) if tries else None
            if waiting and blocked is not None and blocked > now:
                seconds = max(1, int((blocked - now).total_seconds() + 0.999))
                raise UserError("error.login_wait", seconds=seconds)
            failures = (tries.failures if tries else 0) + 1  # reserve this try before checking
            wait = backoff_seconds(failures)
            # blocked_until: the end of the wait, or (while tries are free) this try's time, so
            # that forget_old_tries knows how old the row is
            values = {"failures": failures, "blocked_until": now + timedelta(seconds=wait)}
            conn.execute(t.sign_in_tries.update().where(this).values(**values))
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.name == wanted)).first()
        right = passwords.verify(row.password_hash if row else None, password) and row is not None
        # a deactivated account is answered like a wrong password
        if row is None or not right or not row.active:
            with self.db.write() as conn:
                why = "deactivated account" if right else "wrong password"
                write_event(conn, now, "signin_failed", actor=wanted, client=client, detail=why)
                if wait:
                    write_event(
                        conn,
                        now,
                        "lockout",
                        actor=wanted,
                        client=client,
                        detail=f"password tries: wait {wait} s",
                    )
            raise UserError("error.login_failed")
        with self.db.write() as conn:
            conn.execute(t.sign_in_tries.delete().where(this))
        return trainer_of(row)

    # -- sessions (the HttpOnly cookie holds the token; the database only its hash) --

    def open_session(
        self, trainer_id: int, now: datetime, hours: float | None = None, client: str = "", agent: str = ""
    ) -> str:
        """A new session token (a new one at every sign-in); it lasts ``hours`` at most (default:
        MGLEARN_TRAINER_SESSION_HOURS) and ends sooner when unused (see :meth:`session_trainer`)."""
        now = as_utc(now)
        hours = self.settings.trainer_session_hours if hours is None else hours
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            conn.execute(t.trainer_sessions.delete().where(t.trainer_sessions.c.expires_at < now))
            this = t.trainers.c.id == trainer_id
            # locked: an administrator deactivating the account at this moment waits, or is waited for
            who = conn.execute(
                sa.select(t.trainers.c.name, t.trainers.c.active).where(this).with_for_update()
            ).first()
            if who is not None and not who.active:  # deactivated since the password was checked
                raise UserError("error.login_failed")
            conn.execute(t.trainers.update().where(this).values(last_sign_in_at=now))
            write_event(conn, now, "signin_ok", actor=who.name if who else None, client=client or None)
            conn.execute(
                t.trainer_sessions.insert().values(
                    token_hash=_token_hash(token),
                    trainer_id=trainer_id,
                    created_at=now,
                    expires_at=now + timedelta(hours=hours),
                    last_seen_at=now,
                    client=client[:200] or None,
                    agent=agent[:200] or None,
                )
            )
        return token

    def session_trainer(
        self, token: str | None, now: datetime, idle_minutes: float | None = None
    ) -> Trainer | None:
        """The trainer a session token belongs to, if it has not expired, ended or been left
        unused for ``idle_minutes`` (default MGLEARN_TRAINER_IDLE_MINUTES; an idle session is
        removed). Using it keeps it alive: its last use is written at most every minute."""
        if not token:
            return None
        now = as_utc(now)
        sessions = t.trainer_sessions
        query = (
            sa.select(
                t.trainers,
                sessions.c.expires_at,
                sessions.c.last_seen_at,
                sessions.c.created_at.label("opened"),
            )
            .join(sessions, sessions.c.trainer_id == t.trainers.c.id)
            .where(sessions.c.token_hash == _token_hash(token), t.trainers.c.active.is_(True))
        )
        with self.db.read() as conn:
            row = conn.execute(query).first()
        if row is None or (utc(row.expires_at) or now) <= now:
            return None
        idle = timedelta(minutes=self.settings.trainer_idle_minutes if idle_minutes is None else idle_minutes)
        seen = utc(row.last_seen_at) or utc(row.opened) or now
        this = sessions.c.token_hash == _token_hash(token)
        if seen + idle <= now:
            with self.db.write() as conn:
                conn.execute(sessions.delete().where(this))
            return None
        if now - seen >= min(timedelta(minutes=1), idle / 10):
            with self.db.write() as conn:
                conn.execute(sessions.update().where(this).values(last_seen_at=now))
        return trainer_of(row)

    def close_session(self, token: str | None, by: Actor | None = None) -> None:
        """Sign-out: every session of the token's trainer ends (all devices); ``by`` (when and
        from where) for the audit log."""
        if not token:
            return
        with self.db.write() as conn:
            found = conn.execute(
                sa.select(t.trainer_sessions.c.trainer_id).where(
                    t.trainer_sessions.c.token_hash == _token_hash(token)
                )
            ).first()
            if found is not None:
                done = conn.execute(
                    t.trainer_sessions.delete().where(t.trainer_sessions.c.trainer_id == found.trainer_id)
                )
                if by is not None:
                    name = conn.execute(
                        sa.select(t.trainers.c.name).where(t.trainers.c.id == found.trainer_id)
                    ).scalar_one()
                    write_event(
                        conn,
                        by.now,
                        "session_ended",
                        actor=name,
                        target=name,
                        client=by.client,
                        detail=f"signed out: {done.rowcount} session(s)",
                    )
