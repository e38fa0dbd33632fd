"""The audit log of security events (issue 33): who did what to which account or certificate,
when, and from where (the client address as :mod:`mglearn.clients` computes it).

An event is written by :func:`write_event` inside the transaction of the thing it records
(a sign-in, a reset, a revocation...), so an act and its record commit together or not at all;
:meth:`Audit.record` writes one on its own (after a restore, which replaces the whole
database). :meth:`Audit.events` reads the log newest first, optionally one kind only.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..audit import COMMAND_LINE as COMMAND_LINE
from ..audit import KINDS, SIZES, AuditEvent
from ..audit import Actor as Actor
from . import tables as t
from .base import as_utc
from .database import Database


def write_event(
    conn: Connection,
    now: datetime,
    kind: str,
    *,
    actor: str | None = None,
    target: str | None = None,
    client: str | None = None,
    detail: str | None = None,
) -> None:
    """Add one event to the log, in the caller's transaction."""
    assert kind in KINDS, kind
    given = {"actor": actor, "target": target, "client": client, "detail": detail}
    values = {k: (v[: SIZES[k]] if v else None) for k, v in given.items()}
    conn.execute(t.audit_events.insert().values(at=as_utc(now), kind=kind, **values))


class Audit:
    """The audit log: read it, or write an event that has no transaction of its own."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self,
        now: datetime,
        kind: str,
        *,
        actor: str | None = None,
        target: str | None = None,
        client: str | None = None,
        detail: str | None = None,
    ) -> None:
        with self.db.write() as conn:
            write_event(conn, now, kind, actor=actor, target=target, client=client, detail=detail)

    def events(self, limit: int = 200, kind: str | None = None) -> list[AuditEvent]:
        """The newest ``limit`` events (of one ``kind``, when given), newest first."""
        log = t.audit_events
        query = sa.select(log).order_by(log.c.at.desc(), log.c.id.desc()).limit(max(1, min(limit, 10_000)))
        if kind:
            query = query.where(log.c.kind == kind)
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        return [
            AuditEvent(
                as_utc(r.at),
                r.actor or "",
                r.kind,
                r.target or "",
                r.client or "",
                r.detail or "",
            )
            for r in rows
        ]
