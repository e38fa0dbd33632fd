"""The LTI grade outbox (issue 31): written in the transaction that finishes an attempt, sent
by any server that claims a row with a lease (:mod:`mglearn.lti_send`).

:func:`queue_scores` runs inside :meth:`AttemptStore._finish`, so a score is queued if and only
if the attempt is submitted: a crash after the commit loses nothing, a rollback queues nothing.
One row per attempt and line item (a unique key): finishing is done once per attempt, and a
second queueing of the same attempt changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..lti import GRADED, activity_kind, attempt_activity
from ..lti.ags import LEASE, next_try, score_payload
from ..records import Attempt
from . import tables as t
from .base import as_utc, utc
from .database import Database


def queue_scores(conn: Connection, attempt: Attempt, score: float, finished_at: datetime) -> int:
    """Queue the score of a finished attempt for every line item its learner launched this
    activity from; the number queued."""
    attempt_id, learner_id = attempt.id, attempt.learner_id
    activity = attempt_activity(attempt.quiz_id, attempt.kind)
    if activity_kind(activity) not in GRADED:
        return 0
    links = conn.execute(
        sa.select(t.lti_grade_links).where(
            t.lti_grade_links.c.learner_id == learner_id, t.lti_grade_links.c.activity == activity
        )
    ).all()
    at = as_utc(finished_at)
    for link in links:
        exists = conn.execute(
            sa.select(t.lti_outbox.c.id).where(
                t.lti_outbox.c.attempt_id == attempt_id, t.lti_outbox.c.lineitem == link.lineitem
            )
        ).first()
        if exists is None:
            conn.execute(
                t.lti_outbox.insert().values(
                    attempt_id=attempt_id,
                    platform_id=link.platform_id,
                    lineitem=link.lineitem,
                    payload=json.dumps(score_payload(link.sub, score, at)),
                    created_at=at,
                    next_try_at=at,
                    tries=0,
                )
            )
    return len(links)


@dataclass(frozen=True)
class Outgoing:
    """A claimed score: send it, then :meth:`Outbox.lti_sent` or ``lti_not_sent``."""

    id: int
    platform_id: int
    lineitem: str
    payload: dict[str, Any]
    tries: int


_DUE = sa.and_(t.lti_outbox.c.sent_at.is_(None), t.lti_outbox.c.failed_at.is_(None))


class Outbox:
    """The LTI grade outbox: scores waiting to be sent to a platform (``store.lti_outbox``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def lti_claim(self, owner: str, now: datetime, limit: int = 20) -> list[Outgoing]:
        """Claim up to ``limit`` scores that are due and not leased by another server (or whose
        lease ran out: that server died): each is this server's for :data:`LEASE`."""
        now = as_utc(now)
        free = sa.or_(t.lti_outbox.c.lease_until.is_(None), t.lti_outbox.c.lease_until < now)
        claimed: list[Outgoing] = []
        with self.db.read() as conn:  # the usual answer, nothing due, without taking the write lock
            if (
                conn.execute(
                    sa.select(t.lti_outbox.c.id).where(_DUE, t.lti_outbox.c.next_try_at <= now, free).limit(1)
                ).first()
                is None
            ):
                return claimed
        with self.db.write() as conn:
            rows = conn.execute(
                sa.select(t.lti_outbox)
                .where(_DUE, t.lti_outbox.c.next_try_at <= now, free)
                .order_by(t.lti_outbox.c.next_try_at, t.lti_outbox.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            for row in rows:
                conn.execute(
                    t.lti_outbox.update()
                    .where(t.lti_outbox.c.id == row.id)
                    .values(lease_owner=owner, lease_until=now + LEASE)
                )
                claimed.append(
                    Outgoing(row.id, row.platform_id, row.lineitem, json.loads(row.payload), row.tries)
                )
        return claimed

    def lti_sent(self, item_id: int, owner: str, now: datetime) -> bool:
        """Mark a claimed score sent; False when this server's lease was lost meanwhile (then
        the other server's send counts; the platform keeps one result per stamp)."""
        with self.db.write() as conn:
            done = conn.execute(
                t.lti_outbox.update()
                .where(t.lti_outbox.c.id == item_id, t.lti_outbox.c.lease_owner == owner, _DUE)
                .values(sent_at=as_utc(now), lease_owner=None, lease_until=None, last_error=None)
            )
        return done.rowcount == 1

    def lti_not_sent(
        self, item_id: int, owner: str, error: str, now: datetime, *, final: bool = False
    ) -> None:
        """A send that failed: tried again later (back-off), or never (``final``)."""
        now = as_utc(now)
        with self.db.write() as conn:
            row = conn.execute(
                sa.select(t.lti_outbox.c.tries).where(
                    t.lti_outbox.c.id == item_id, t.lti_outbox.c.lease_owner == owner
                )
            ).first()
            if row is None:
                return
            tries = row.tries + 1
            conn.execute(
                t.lti_outbox.update()
                .where(t.lti_outbox.c.id == item_id)
                .values(
                    tries=tries,
                    next_try_at=next_try(tries, now),
                    lease_owner=None,
                    lease_until=None,
                    last_error=error[:200],
                    failed_at=now if final else None,
                )
            )

    def listing(self) -> list[dict[str, Any]]:
        """Every queued score, oldest first (for ``mglearn lti outbox`` and tests)."""
        with self.db.read() as conn:
            rows = conn.execute(sa.select(t.lti_outbox).order_by(t.lti_outbox.c.id)).all()
        return [
            {
                "id": r.id,
                "attempt_id": r.attempt_id,
                "lineitem": r.lineitem,
                "payload": json.loads(r.payload),
                "tries": r.tries,
                "next_try_at": utc(r.next_try_at),
                "sent_at": utc(r.sent_at),
                "failed_at": utc(r.failed_at),
                "last_error": r.last_error,
            }
            for r in rows
        ]
