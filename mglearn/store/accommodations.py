"""Exam accommodations per group membership (issue 32): extra minutes or a multiplier, extra
attempts. The rules are pure (:mod:`mglearn.accommodations`); here they are stored, and a
change moves the stored deadline of the candidate's running exam in the same transaction (the
countdown reads it on its next tick: :meth:`Accommodations.exam_deadline`).

Which accommodation applies to a candidate: the one of the first group they joined that gives
them one (a membership's accommodation goes with the membership).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accommodations as acc_rules
from .. import exam as rules
from ..accommodations import Accommodation
from ..errors import NotFound, UserError
from ..records import Group
from . import tables as t
from .attempts import Attempts, exam_grace
from .base import as_utc, upsert, utc
from .database import Database
from .rows import locked, open_query

_FIELDS = ("extra_minutes", "multiplier", "extra_attempts")
_DEADLINE = sa.select(t.attempts.c.deadline_at, t.attempts.c.submitted_at).where(
    t.attempts.c.id == sa.bindparam("b_id")
)


def applying(conn: Connection, learner_id: int) -> Accommodation:
    row = conn.execute(
        sa.select(t.accommodations)
        .join(
            t.memberships,
            sa.and_(
                t.memberships.c.group_id == t.accommodations.c.group_id,
                t.memberships.c.learner_id == t.accommodations.c.learner_id,
            ),
        )
        .where(t.accommodations.c.learner_id == learner_id)
        .order_by(t.memberships.c.joined_at, t.accommodations.c.group_id)
    ).first()
    return acc_rules.NONE if row is None else accommodation_of(row)


def accommodation_of(row: Any) -> Accommodation:
    return Accommodation(int(row.extra_minutes), float(row.multiplier), int(row.extra_attempts))


class Accommodations:
    """Accommodations per group membership; a change moves a running exam's deadline (an
    overdue one is closed through ``attempts``)."""

    def __init__(self, db: Database, attempts: Attempts) -> None:
        self.db = db
        self.attempts = attempts

    def accommodation(self, learner_id: int) -> Accommodation:
        """The accommodation that applies to this candidate (none: :data:`acc_rules.NONE`)."""
        with self.db.read() as conn:
            return applying(conn, learner_id)

    def group_accommodations(self, group_id: int) -> dict[int, Accommodation]:
        """Every accommodation a group gives, by learner id."""
        with self.db.read() as conn:
            rows = conn.execute(sa.select(t.accommodations).where(t.accommodations.c.group_id == group_id))
            return {
                int(r.learner_id): Accommodation(
                    int(r.extra_minutes), float(r.multiplier), int(r.extra_attempts)
                )
                for r in rows
            }

    def set_accommodation(
        self, group: Group, learner_id: int, acc: Accommodation, now: datetime
    ) -> int | None:
        """Give (or with :data:`acc_rules.NONE` take away) a member of the trainer's group an
        accommodation. A running exam of theirs gets its new deadline at once (an exam whose
        time and grace are over is closed at its deadline instead). Returns the id of the
        running exam that was moved, if any."""
        problem = acc.problem()
        if problem is not None:
            raise UserError(problem)
        now = as_utc(now)
        with self.db.write() as conn:
            member = conn.execute(
                sa.select(t.memberships.c.learner_id)
                .join(t.groups, t.groups.c.id == t.memberships.c.group_id)
                .where(
                    t.groups.c.id == group.id,
                    t.groups.c.trainer_id == group.trainer_id,
                    t.memberships.c.learner_id == learner_id,
                )
            ).first()
            if member is None:
                raise NotFound("accommodation.not_member")
            conn.execute(sa.select(t.learners.c.id).where(t.learners.c.id == learner_id).with_for_update())
            old = applying(conn, learner_id)
            if acc.none:
                conn.execute(
                    t.accommodations.delete().where(
                        t.accommodations.c.group_id == group.id, t.accommodations.c.learner_id == learner_id
                    )
                )
            else:
                values = {"group_id": group.id, "learner_id": learner_id, "updated_at": now}
                values |= {"extra_minutes": acc.extra_minutes, "multiplier": acc.multiplier}
                values |= {"extra_attempts": acc.extra_attempts}
                upsert(conn, t.accommodations, values, ("group_id", "learner_id"), (*_FIELDS, "updated_at"))
            new = applying(conn, learner_id)
            return self._move_running(conn, learner_id, old, new, now) if new != old else None

    def _move_running(
        self, conn: Connection, learner_id: int, old: Accommodation, new: Accommodation, now: datetime
    ) -> int | None:
        row = conn.execute(open_query(learner_id, rules.EXAM_ID)).first()
        if row is None:
            return None
        exam = locked(conn, int(row.id))
        if exam.deadline_at is None or self.attempts.close_if_overdue(conn, exam, now, exam_grace()):
            return None  # its time and grace were over already: closed at the deadline it had
        moved = acc_rules.moved_deadline(exam.started_at, exam.deadline_at, old, new)
        conn.execute(t.attempts.update().where(t.attempts.c.id == exam.id).values(deadline_at=moved))
        # shortened below what has passed: closed at its new deadline
        self.attempts.close_if_overdue(conn, replace(exam, deadline_at=moved), now, exam_grace())
        return exam.id

    def exam_deadline(self, attempt_id: int) -> datetime | None:
        """An exam's stored deadline as it is now (None once it is submitted): what the
        countdown shows on each tick, so an extension reaches the candidate's page at once."""
        with self.db.read() as conn:
            row = conn.execute(_DEADLINE, {"b_id": attempt_id}).first()
        if row is None or row.submitted_at is not None:
            return None
        return utc(row.deadline_at)
