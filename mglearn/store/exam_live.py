"""The trainer's live view of a group's exam (issue 32): for every member, their latest exam
(since the group's window opened, when it has one) with how many questions they answered.
One statement, however large the group: the view refreshes every few seconds during an exam."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from . import tables as t
from .base import utc
from .database import Database


@dataclass(frozen=True)
class LiveRow:
    learner_id: int
    name: str
    attempt_id: int | None  # None: not started
    questions: int
    answered: int
    deadline_at: datetime | None
    submitted_at: datetime | None
    score: float | None
    passed: bool | None


class ExamLive:
    """The trainer's live view of a group's exam."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def group_live(self, group_id: int, since: datetime | None = None) -> list[LiveRow]:
        """Every member of the group with their latest exam started at or after ``since``
        (None: any), in one query. The view shows it; closing is the sweeper's work."""
        exams = sa.select(t.attempts.c.learner_id, sa.func.max(t.attempts.c.id).label("attempt_id")).where(
            t.attempts.c.kind == "exam"
        )
        if since is not None:
            exams = exams.where(t.attempts.c.started_at >= since)
        latest = exams.group_by(t.attempts.c.learner_id).subquery("latest")
        answered = (  # a blank (unanswered at the close, or cleared) is stored as []
            sa.select(sa.func.count())
            .where(t.answers.c.attempt_id == t.attempts.c.id, t.answers.c.response != "[]")
            .correlate(t.attempts)
            .scalar_subquery()
        )
        query = (
            sa.select(
                t.learners.c.id,
                t.learners.c.name,
                t.attempts.c.id.label("attempt_id"),
                t.attempts.c.draw,
                t.attempts.c.deadline_at,
                t.attempts.c.submitted_at,
                t.attempts.c.score,
                t.attempts.c.passed,
                answered.label("answered"),
            )
            .select_from(
                t.memberships.join(t.learners, t.learners.c.id == t.memberships.c.learner_id)
                .outerjoin(latest, latest.c.learner_id == t.memberships.c.learner_id)
                .outerjoin(t.attempts, t.attempts.c.id == latest.c.attempt_id)
            )
            .where(t.memberships.c.group_id == group_id)
            .order_by(t.learners.c.name, t.learners.c.id)
        )
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        return [
            LiveRow(
                learner_id=r.id,
                name=r.name,
                attempt_id=r.attempt_id,
                questions=len(json.loads(r.draw)) if r.draw else 0,
                answered=int(r.answered or 0),
                deadline_at=utc(r.deadline_at),
                submitted_at=utc(r.submitted_at),
                score=r.score,
                passed=r.passed,
            )
            for r in rows
        ]
