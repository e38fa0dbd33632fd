"""A trainer's own sign-in sessions (issue 33): the list (opened, last used, from where, which
browser), ending one, ending all. A session is named by the first 16 hex digits of its
token's hash: enough to tell them apart, and no use to anyone without the token."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from ..errors import NotFound
from . import tables as t
from .audit import Actor, write_event
from .base import as_utc, clean_name, utc
from .database import Database

KEY_LENGTH = 16


def session_key(token: str | None) -> str:
    """The key the list names a token's session by."""
    return hashlib.sha256((token or "").encode()).hexdigest()[:KEY_LENGTH] if token else ""


@dataclass(frozen=True)
class SessionInfo:
    key: str
    opened: datetime
    last_seen: datetime
    expires: datetime
    client: str
    agent: str


class Sessions:
    """A trainer's own sign-in sessions: list, end one, end all."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def sessions_of(self, trainer_id: int, now: datetime) -> list[SessionInfo]:
        """The trainer's sessions that have not expired, the most recently used first (an idle
        one is listed until it is next looked at, when it is removed)."""
        sessions = t.trainer_sessions
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(sessions).where(
                    sessions.c.trainer_id == trainer_id, sessions.c.expires_at > as_utc(now)
                )
            ).all()
        found = [
            SessionInfo(
                r.token_hash[:KEY_LENGTH],
                utc(r.created_at) or as_utc(now),
                utc(r.last_seen_at) or utc(r.created_at) or as_utc(now),
                utc(r.expires_at) or as_utc(now),
                r.client or "",
                r.agent or "",
            )
            for r in rows
        ]
        return sorted(found, key=lambda s: s.last_seen, reverse=True)

    def end_session(self, trainer_id: int, key: str, by: Actor | None = None) -> bool:
        """End one of the trainer's own sessions; False when there is no such session. ``by``:
        when and from where, for the audit log."""
        sessions = t.trainer_sessions
        if len(key) != KEY_LENGTH:
            return False
        with self.db.write() as conn:
            done = conn.execute(
                sessions.delete().where(
                    sessions.c.trainer_id == trainer_id, sessions.c.token_hash.startswith(key)
                )
            )
            if done.rowcount and by is not None:
                name = conn.execute(
                    sa.select(t.trainers.c.name).where(t.trainers.c.id == trainer_id)
                ).scalar()
                write_event(
                    conn,
                    by.now,
                    "session_ended",
                    actor=name,
                    target=name,
                    client=by.client,
                    detail="one session, ended by its trainer",
                )
        return bool(done.rowcount)

    def end_all_sessions(self, name: str, by: Actor | None = None) -> int:
        """End every session of the trainer named ``name`` (an administrator's act); how many.
        ``by``: who, for the audit log."""
        sessions = t.trainer_sessions
        with self.db.write() as conn:
            row = conn.execute(
                sa.select(t.trainers.c.id).where(t.trainers.c.name == clean_name(name))
            ).first()
            if row is None:
                raise NotFound("error.trainer_unknown", name=name)
            done = conn.execute(sessions.delete().where(sessions.c.trainer_id == row.id))
            conn.execute(t.sign_in_steps.delete().where(t.sign_in_steps.c.trainer_id == row.id))
            if by is not None:
                write_event(
                    conn,
                    by.now,
                    "session_ended",
                    actor=by.name,
                    target=clean_name(name),
                    client=by.client,
                    detail=f"{done.rowcount or 0} session(s), ended by an administrator",
                )
        return int(done.rowcount or 0)

    def end_everyones_sessions(self, by: Actor) -> int:
        """End every session of every trainer, the one acting included (ASVS 7.4.5); how many."""
        with self.db.write() as conn:
            done = conn.execute(t.trainer_sessions.delete())
            conn.execute(t.sign_in_steps.delete())
            write_event(
                conn,
                by.now,
                "session_ended",
                actor=by.name,
                target="*",
                client=by.client,
                detail=f"every session of every account: {done.rowcount or 0}",
            )
        return int(done.rowcount or 0)

    def end_token(self, token: str | None) -> None:
        """End the session this token names, if any (a browser signing in again: ASVS 7.2.4)."""
        if token:
            sessions = t.trainer_sessions
            with self.db.write() as conn:
                conn.execute(
                    sessions.delete().where(
                        sessions.c.token_hash == hashlib.sha256(token.encode()).hexdigest()
                    )
                )
