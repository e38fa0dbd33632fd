"""Exams. An exam is an attempt (kind ``exam``) with a deadline stored when it starts: it is
saved and submitted through :class:`mglearn.store.attempts.Attempts`' one rule (whose save and
submit also enforce the deadline), and graded by the same function as a quiz. Every read of an
exam here first submits the overdue ones it would show (the clock is checked on every read;
time is passed in); :meth:`Exams.sweep_exams` does it for all at start-up. A group's exam
settings and window: :mod:`mglearn.store.exam_settings`. The certificate of a passed exam:
:mod:`mglearn.store.certificates`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accommodations as acc_rules
from .. import exam as rules
from ..accommodations import Accommodation
from ..attempts import new_seed
from ..content import Content
from ..errors import AttemptClosed, NotFound, StoreConflict, UserError
from ..records import Attempt, Group, GroupExam
from ..settings import Settings
from . import exam_settings
from . import tables as t
from .accommodations import applying
from .attempts import Attempts
from .base import as_utc
from .certificates import Certificates
from .database import Database
from .rows import attempt_of, locked, open_query

_FINISHED = sa.select(t.attempts.c.submitted_at).where(
    t.attempts.c.learner_id == sa.bindparam("b_learner"),
    t.attempts.c.kind == "exam",
    t.attempts.c.submitted_at >= sa.bindparam("b_since"),
)


class Exams:
    """Exams (attempts of kind ``exam``, saved and submitted through ``attempts``), a group's
    exam settings, and the settings that apply to a learner."""

    def __init__(
        self, db: Database, attempts: Attempts, certificates: Certificates, settings: Settings
    ) -> None:
        self.db = db
        self.settings = settings
        self.attempts = attempts
        self.certificates = certificates
        self._stored_banks: list[Content] = []  # the contents whose versions it stored (start_exam)

    def sweep_exams(self, now: datetime, learner_ids: Sequence[int] | None = None) -> int:
        """Submit every open exam (of these learners) whose deadline and grace have passed,
        with what was saved, finished at its deadline. Returns how many. The start-up sweep (all
        learners) also issues the certificate of an exam passed before its close issued it."""
        now = as_utc(now)
        grace = self.attempts.grace
        query = sa.select(t.attempts.c.id).where(
            t.attempts.c.kind == "exam",
            t.attempts.c.submitted_at.is_(None),
            t.attempts.c.deadline_at < now - grace,
        )
        if learner_ids is not None:
            query = query.where(t.attempts.c.learner_id.in_(list(learner_ids)))
        with self.db.read() as conn:
            ids = [r.id for r in conn.execute(query)]
        done = 0
        for attempt_id in ids:
            with self.db.write() as conn:
                done += self.attempts.close_if_overdue(conn, locked(conn, attempt_id), now, grace)
        if learner_ids is None:  # start-up: exams passed before their close issued the certificate
            self._issue_missing_certificates(now)
        return done

    def _issue_missing_certificates(self, now: datetime) -> None:
        valid_days = self.settings.certificate_valid_days
        query = (
            sa.select(t.attempts.c.id)
            .outerjoin(t.certificates, t.certificates.c.attempt_id == t.attempts.c.id)
            .where(
                t.attempts.c.kind == "exam", t.attempts.c.passed.is_(True), t.certificates.c.code.is_(None)
            )
        )
        with self.db.read() as conn:
            ids = [r.id for r in conn.execute(query)]
        for attempt_id in ids:
            self.certificates.issue_certificate(attempt_id, now, valid_days=valid_days)

    def _overdue(self, attempt: Attempt, now: datetime) -> bool:
        """Open past its deadline and grace: what sweep_exams closes."""
        deadline = attempt.deadline_at
        return not attempt.submitted and deadline is not None and deadline < as_utc(now) - self.attempts.grace

    def open_exam(self, learner_id: int, now: datetime) -> Attempt | None:
        """The learner's running exam; an overdue one is submitted first (and None returned).
        One read when it is not overdue (a learner has at most one open exam: a unique index)."""
        with self.db.read() as conn:
            row = conn.execute(open_query(learner_id, rules.EXAM_ID)).first()
        if row is None or not self._overdue(attempt_of(row), now):
            return attempt_of(row) if row else None
        self.sweep_exams(now, [learner_id])
        with self.db.read() as conn:
            row = conn.execute(open_query(learner_id, rules.EXAM_ID)).first()
        return attempt_of(row) if row else None

    def learner_exams(self, learner_id: int, now: datetime) -> list[Attempt]:
        """Every exam of the learner, oldest first (overdue ones submitted first: then read again)."""
        exams = self.attempts.learner_attempts(learner_id, rules.EXAM_ID, kind="exam")
        if not any(self._overdue(a, now) for a in exams):
            return exams
        self.sweep_exams(now, [learner_id])
        return self.attempts.learner_attempts(learner_id, rules.EXAM_ID, kind="exam")

    def group_exams(self, learner_ids: Sequence[int], now: datetime) -> list[Attempt]:
        """Every exam of these learners (a trainer's view), overdue ones submitted first."""
        if not learner_ids:
            return []
        self.sweep_exams(now, learner_ids)
        query = (
            sa.select(t.attempts)
            .where(t.attempts.c.kind == "exam", t.attempts.c.learner_id.in_(list(learner_ids)))
            .order_by(t.attempts.c.id)
        )
        with self.db.read() as conn:
            return [attempt_of(r) for r in conn.execute(query)]

    def may_start_exam(
        self, learner_id: int, now: datetime, settings: rules.ExamSettings | None = None
    ) -> tuple[str, datetime | None]:
        """``("ok", None)``, ``("wait", when)`` (cooldown), ``("not_yet", opens)`` or
        ``("closed", closes)`` (the group's window); ``settings``: the learner's exam settings
        when the caller has just read them."""
        now = as_utc(now)
        self.sweep_exams(now, [learner_id])
        if settings is None:
            settings, _ = self.exam_settings(learner_id)
        with self.db.read() as conn:
            return self._may_start(conn, learner_id, now, settings, applying(conn, learner_id))

    @staticmethod
    def _may_start(
        conn: Connection, learner_id: int, now: datetime, settings: rules.ExamSettings, acc: Accommodation
    ) -> tuple[str, datetime | None]:
        """The window (later by the candidate's extra time) and the cool-down (with their
        extra attempts); the finished exams are read only when there is a cool-down."""
        closes = acc_rules.window_close(settings.closes_at, settings.duration, acc)
        window = rules.window_state(now, replace(settings, closes_at=closes))
        if window == "not_yet":
            return window, settings.opens_at
        if window == "closed":
            return window, closes
        if settings.cooldown_hours <= 0:
            return "ok", None
        finished = [
            as_utc(r.submitted_at)
            for r in conn.execute(
                _FINISHED,
                {"b_learner": learner_id, "b_since": now - timedelta(hours=settings.cooldown_hours)},
            )
        ]
        ready = acc_rules.next_start(finished, now, settings.cooldown_hours, acc)
        return ("wait", ready) if ready else ("ok", None)

    def start_exam(
        self, learner_id: int, content: Content, now: datetime, seed: int | None = None
    ) -> Attempt:
        """Resume the running exam, or draw one over the whole bank and store it with its
        deadline. Two tabs that start at once get the same exam (one open attempt per learner
        and quiz id is a unique index)."""
        now = as_utc(now)
        running = self.open_exam(learner_id, now)
        if running is not None:
            return running
        try:
            with self.db.write() as conn:
                conn.execute(
                    sa.select(t.learners.c.id).where(t.learners.c.id == learner_id).with_for_update()
                )
                row = conn.execute(open_query(learner_id, rules.EXAM_ID)).first()
                if row is not None:
                    return attempt_of(row)
                # Checked under the learner's lock (and SQLite's write lock), so an exam that
                # ends meanwhile cannot let a new one start inside its cooldown or window. The
                # settings and the accommodation are read once, for the check and the deadline.
                settings, group_id = self.exam_settings(learner_id)
                acc = applying(conn, learner_id)
                state, when = self._may_start(conn, learner_id, now, settings, acc)
                if state != "ok":
                    raise UserError(f"exam.refused_{state}", when=when)
                seed = new_seed() if seed is None else seed
                # the bank's versions once per content and store, not hashed again every start
                known = any(bank is content for bank in self._stored_banks)
                written = (
                    []
                    if known
                    else [
                        v for quiz in content.quizzes for v in self.attempts.write_versions(conn, quiz, now)
                    ]
                )
                drawn, _ = rules.draw_exam(content, settings.questions, seed)
                started = Attempt(
                    id=0,
                    learner_id=learner_id,
                    quiz_id=rules.EXAM_ID,
                    seed=seed,
                    draw=tuple(drawn),
                    pass_mark=settings.pass_mark,
                    started_at=now,
                    submitted_at=None,
                    score=None,
                    passed=None,
                    kind="exam",
                    deadline_at=acc_rules.deadline(now, settings.duration, acc),
                    group_id=group_id,
                )
                inserted = conn.execute(
                    t.attempts.insert().values(
                        learner_id=learner_id,
                        quiz_id=rules.EXAM_ID,
                        kind="exam",
                        seed=seed,
                        draw=json.dumps([d.to_dict() for d in drawn]),
                        pass_mark=settings.pass_mark,
                        started_at=now,
                        deadline_at=started.deadline_at,
                        group_id=group_id,
                        seq=0,
                    )
                )
                attempt_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            self.attempts.stored_versions.update(written)  # committed
            if not known:
                self._stored_banks.append(content)
        except StoreConflict:
            found = self.open_exam(learner_id, now)
            if found is None:
                raise
            return found
        return replace(started, id=attempt_id)  # as stored: no read back (benchmarks/examday.py)

    def set_flag(self, attempt_id: int, question_id: str, flagged: bool, now: datetime) -> Attempt:
        """Flag (or unflag) a question for review; refused once the exam is closed."""
        now, grace = as_utc(now), self.attempts.grace
        with self.db.write() as conn:
            attempt = locked(conn, attempt_id)
            late = attempt.submitted or self.attempts.close_if_overdue(conn, attempt, now, grace)
            if not late:
                if question_id not in {d.question_id for d in attempt.draw}:
                    raise NotFound("error.question_unknown")
                flags = [f for f in attempt.flags if f != question_id] + ([question_id] if flagged else [])
                conn.execute(
                    t.attempts.update().where(t.attempts.c.id == attempt_id).values(flags=json.dumps(flags))
                )
        if late:
            raise AttemptClosed("exam.too_late")
        return self.attempts.attempt(attempt_id)

    def question_quizzes(self, attempt: Attempt) -> dict[str, str]:
        """Which quiz (lesson) each question of the attempt came from, as stored."""
        versions = [d.version for d in attempt.draw]
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(t.question_versions.c.question_id, t.question_versions.c.quiz_id).where(
                    t.question_versions.c.version.in_(versions)
                )
            )
            return {r.question_id: r.quiz_id for r in rows}

    # -- a group's exam settings (mglearn.store.exam_settings) --

    def group_exam(self, group_id: int) -> GroupExam:
        """A group's own exam settings and window (None: the server's setting applies)."""
        return exam_settings.group_exam(self.db, group_id)

    def set_group_exam(self, group: Group, **values: Any) -> None:
        """Set (or with None clear) a group's exam settings; the caller owns the group."""
        exam_settings.set_group_exam(self.db, group, **values)

    def exam_settings(self, learner_id: int) -> tuple[rules.ExamSettings, int | None]:
        """The settings for this learner: the environment's, with the overrides of the first
        group they joined that has its own (and that group's id)."""
        return exam_settings.exam_settings(self.db, learner_id, self.settings)
