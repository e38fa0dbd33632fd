"""Writing a finished attempt: what :mod:`mglearn.finish` decided, persisted inside the
transaction that locked the attempt (:meth:`mglearn.store.attempts.Attempts._finish`): the
answers' scores, the blank answers, the close, the card reviews and, for a passed exam, its
certificate."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import AttemptClosed
from ..finish import CertificateDue, Finished
from ..records import Attempt
from . import tables as t
from .practice import write_reviews

# Built once: a statement built per call is also keyed for SQLAlchemy's compiled cache on every
# execute (benchmarks/load.py profiles).
_OPEN = sa.and_(t.attempts.c.id == sa.bindparam("b_id"), t.attempts.c.submitted_at.is_(None))
_CLOSE = (
    t.attempts.update()
    .where(_OPEN)
    .values(
        submitted_at=sa.bindparam("submitted_at"), score=sa.bindparam("score"), passed=sa.bindparam("passed")
    )
)
_SCORE_ANSWER = (
    t.answers.update()
    .where(
        t.answers.c.attempt_id == sa.bindparam("b_attempt"),
        t.answers.c.question_id == sa.bindparam("b_question"),
    )
    .values(score=sa.bindparam("score"))
)


def write_finished(conn: Connection, done: Finished) -> None:
    """The answers' scores, the blank answers, the close and the card reviews (the certificate,
    with its code, is :func:`write_certificate`)."""
    scored = [{"b_attempt": done.attempt_id, "b_question": q, "score": s} for q, s in done.scores.items()]
    blanks = [
        {
            "attempt_id": done.attempt_id,
            "question_id": q,
            "response": "[]",
            "score": s,
            "answered_at": done.finished_at,
        }
        for q, s in done.blanks.items()
    ]
    if scored:
        conn.execute(_SCORE_ANSWER, scored)
    if blanks:
        conn.execute(t.answers.insert(), blanks)
    closed = conn.execute(
        _CLOSE,
        {
            "b_id": done.attempt_id,
            "submitted_at": done.finished_at,
            "score": done.score,
            "passed": done.passed,
        },
    )
    if closed.rowcount != 1:  # pragma: no cover - the attempt's lock makes this impossible
        raise AttemptClosed("error.attempt_closed")
    write_reviews(conn, done.reviews)


def write_certificate(conn: Connection, attempt: Attempt, due: CertificateDue, code: str) -> None:
    """Insert the certificate of the locked exam. The learner row is locked too, so all of a
    learner's certificates share one subject id."""
    learner = conn.execute(
        sa.select(t.learners).where(t.learners.c.id == attempt.learner_id).with_for_update()
    ).one()
    earlier = conn.execute(
        sa.select(t.certificates.c.subject_id).where(t.certificates.c.learner_id == attempt.learner_id)
    ).first()
    conn.execute(
        t.certificates.insert().values(
            code=code,
            attempt_id=attempt.id,
            learner_id=attempt.learner_id,
            subject_id=earlier.subject_id if earlier else f"urn:uuid:{uuid.uuid4()}",
            name=learner.name,
            score=due.score,
            pass_mark=due.pass_mark,
            issued_at=due.issued_at,
            valid_until=due.valid_until,
        )
    )
