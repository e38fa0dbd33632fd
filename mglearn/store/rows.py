"""An attempt row as its record, and the attempt locked for a write: what the attempts, exams
and certificates parts all read (here so that none of them imports another's module)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..attempts import Drawn
from ..errors import NotFound
from ..records import Attempt
from . import tables as t
from .base import as_utc, utc

# Built once: SQLAlchemy keys a statement for its compiled cache on every execute, and for one
# built per call that key is new work each time (benchmarks/load.py profiles).
_LOCK = sa.select(t.attempts).where(t.attempts.c.id == sa.bindparam("b_id")).with_for_update()


def attempt_of(row: Any) -> Attempt:
    return Attempt(
        id=row.id,
        learner_id=row.learner_id,
        quiz_id=row.quiz_id,
        seed=row.seed,
        draw=tuple(Drawn.from_dict(d) for d in json.loads(row.draw)),
        pass_mark=row.pass_mark,
        started_at=as_utc(row.started_at),
        submitted_at=utc(row.submitted_at),
        score=row.score,
        passed=row.passed,
        seq=row.seq,
        kind=row.kind,
        deadline_at=utc(row.deadline_at),
        flags=tuple(json.loads(row.flags or "[]")),
        group_id=row.group_id,
    )


def locked(conn: Connection, attempt_id: int) -> Attempt:
    """The attempt, row-locked on PostgreSQL (SQLite already holds the write lock)."""
    row = conn.execute(_LOCK, {"b_id": attempt_id}).first()
    if row is None:
        raise NotFound("error.attempt_unknown")
    return attempt_of(row)


def open_query(learner_id: int, quiz_id: str) -> Any:
    """The learner's open attempt of this quiz (at most one: a unique index)."""
    return sa.select(t.attempts).where(
        t.attempts.c.learner_id == learner_id,
        t.attempts.c.quiz_id == quiz_id,
        t.attempts.c.submitted_at.is_(None),
    )
