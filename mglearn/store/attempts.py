"""Attempts and their answers: draw, save, submit. One rule for quiz, exam and practice:
each state change is one write transaction that re-checks what it depends on (the attempt is
open; for a submit, the sequence the page showed)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import exam as exam_rules
from .. import finish
from ..attempts import Drawn, Response, draw, new_seed, valid_response
from ..content import Question, Quiz
from ..errors import AttemptChanged, AttemptClosed, NotFound, StoreConflict, UserError
from ..records import AnswerRow, Attempt
from ..settings import Settings
from . import tables as t
from .base import as_utc, upsert, utc
from .certificates import Certificates
from .database import Database
from .finishing import write_finished
from .lti_outbox import queue_scores
from .practice import Practice, stored_cards
from .rows import attempt_of, locked, open_query


@lru_cache(maxsize=4096)
def _question(body: str) -> Question:
    """A stored question version, parsed once per process (versions never change)."""
    return Question.model_validate_json(body)


# The statements of every answer and submit, built once: SQLAlchemy keys a statement for its
# compiled cache on every execute, and for one built per call that key is new work each time
# (with the building itself, a third of a quiz submit's time in benchmarks/load.py profiles).
_OPEN = sa.and_(t.attempts.c.id == sa.bindparam("b_id"), t.attempts.c.submitted_at.is_(None))
_BUMP = t.attempts.update().where(_OPEN).values(seq=t.attempts.c.seq + 1)
# version (the hash of a question's body) -> the question: the same in every database
_KNOWN: dict[str, Question] = {}


class Attempts:
    """Quiz attempts and their answers (an exam is an attempt too: :mod:`mglearn.store.exams`).
    Every graded answer reviews its practice card with ``practice``'s scheduler, and a passed
    exam's close issues its certificate through ``certificates``."""

    def __init__(
        self, db: Database, practice: Practice, certificates: Certificates, settings: Settings
    ) -> None:
        self.db = db
        self.settings = settings
        # how long after its deadline an exam still takes an answer (a group cannot change it)
        self.grace = timedelta(seconds=settings.exam_grace_seconds)
        self.practice = practice
        self.certificates = certificates
        # question versions this store has written (a version never changes): a start writes
        # only new ones, not the quiz's every question again (benchmarks/load.py)
        self.stored_versions: set[str] = set()

    # -- question versions --

    def remember_versions(self, quiz: Quiz, now: datetime) -> None:
        """Keep every version of the quiz's questions (a past attempt is reviewed against it)."""
        with self.db.write() as conn:
            written = self.write_versions(conn, quiz, as_utc(now))
        self.stored_versions.update(written)

    def write_versions(self, conn: Connection, quiz: Quiz, now: datetime) -> list[str]:
        """Store the versions of the quiz's questions that this store has not yet stored (an
        upsert: another server may have); the versions written, to be marked as stored once
        the transaction commits (:meth:`start_attempt`)."""
        rows = [
            {
                "version": q.version,
                "question_id": q.id,
                "quiz_id": quiz.id,
                "body": q.model_dump_json(),
                "first_seen": now,
            }
            for q in quiz.questions
            if q.version not in self.stored_versions
        ]
        if rows:
            upsert(conn, t.question_versions, rows, ("version",), ())  # one executemany
        for q in quiz.questions:  # a version's body is its hash's: showing it needs no read back
            _KNOWN.setdefault(q.version, q)
        return [str(r["version"]) for r in rows]

    def _versions(self, conn: Connection, versions: Sequence[str]) -> dict[str, Question]:
        """The questions of these versions. A version is the hash of its body, so a body once
        read is kept for the process (no query per answer; benchmarks/load.py)."""
        missing = [v for v in versions if v not in _KNOWN]
        if missing:
            rows = conn.execute(
                sa.select(t.question_versions.c.version, t.question_versions.c.body).where(
                    t.question_versions.c.version.in_(missing)
                )
            )
            for r in rows:
                _KNOWN[r.version] = _question(r.body)
        return {v: _KNOWN[v] for v in versions if v in _KNOWN}

    def questions_of(self, attempt: Attempt) -> list[tuple[Drawn, Question]]:
        """The questions exactly as this attempt showed them (stored versions, shown order)."""
        versions = [d.version for d in attempt.draw]
        if all(v in _KNOWN for v in versions):  # the usual case: no connection, no transaction
            return [(d, _KNOWN[d.version]) for d in attempt.draw]
        with self.db.read() as conn:
            found = self._versions(conn, versions)
        return [(d, found[d.version]) for d in attempt.draw]

    # -- attempts --

    def open_attempt(self, learner_id: int, quiz_id: str) -> Attempt | None:
        with self.db.read() as conn:
            row = conn.execute(open_query(learner_id, quiz_id)).first()
        return attempt_of(row) if row else None

    def start_attempt(
        self,
        learner_id: int,
        quiz: Quiz,
        now: datetime,
        seed: int | None = None,
        pass_mark: float | None = None,
    ) -> Attempt:
        """Resume the open attempt of this quiz, or draw and store a new one: two tabs that
        start at once get the same attempt (one open attempt per learner and quiz is also a
        unique index, the last line of defence)."""
        now = as_utc(now)
        try:
            with self.db.write() as conn:
                conn.execute(
                    sa.select(t.learners.c.id).where(t.learners.c.id == learner_id).with_for_update()
                )
                row = conn.execute(open_query(learner_id, quiz.id)).first()
                if row is not None:
                    return attempt_of(row)
                seed = new_seed() if seed is None else seed
                written = self.write_versions(conn, quiz, now)
                drawn = draw(quiz, seed)
                inserted = conn.execute(
                    t.attempts.insert().values(
                        learner_id=learner_id,
                        quiz_id=quiz.id,
                        seed=seed,
                        draw=json.dumps([d.to_dict() for d in drawn]),
                        pass_mark=quiz.pass_mark if pass_mark is None else pass_mark,
                        started_at=now,
                        seq=0,
                    )
                )
                attempt_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            self.stored_versions.update(written)  # committed
        except StoreConflict:
            found = self.open_attempt(learner_id, quiz.id)
            if found is None:
                raise
            return found
        return self.attempt(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.attempts).where(t.attempts.c.id == attempt_id)).first()
        if row is None:
            raise NotFound("error.attempt_unknown")
        return attempt_of(row)

    def learner_attempts(
        self, learner_id: int, quiz_id: str | None = None, kind: str = "quiz"
    ) -> list[Attempt]:
        query = sa.select(t.attempts).where(t.attempts.c.learner_id == learner_id, t.attempts.c.kind == kind)
        if quiz_id is not None:
            query = query.where(t.attempts.c.quiz_id == quiz_id)
        with self.db.read() as conn:
            return [attempt_of(r) for r in conn.execute(query.order_by(t.attempts.c.id))]

    def save_answer(
        self, attempt_id: int, question_id: str, response: Sequence[int | None], now: datetime
    ) -> int:
        """Upsert the learner's answer to one question and return the attempt's new sequence
        number; refused (AttemptClosed) once the attempt is submitted. An exam's answer is
        refused after its deadline plus the grace period, and then the exam is submitted with
        what was saved (:mod:`mglearn.exam`); that refusal says "too late" also when the exam
        was already closed (a second box of one click, another tab, the sweep: issue 26), and
        so does any answer at or after the deadline to an exam already handed in (the page
        hands it in at its deadline: an answer in the grace after that is too late too)."""
        now, grace = as_utc(now), self.grace
        with self.db.write() as conn:
            attempt = locked(conn, attempt_id)
            if attempt.submitted:  # handed in: at or after its deadline, in the grace or not, too late
                late = attempt.deadline_at is not None and now >= attempt.deadline_at
                raise AttemptClosed("exam.too_late" if late else "error.attempt_closed")
            late = self.close_if_overdue(conn, attempt, now, grace)  # committed before the refusal below
            seq = 0 if late else self._save(conn, attempt, question_id, response, now)
        if late:
            raise AttemptClosed("exam.too_late")
        return seq

    def close_if_overdue(self, conn: Connection, attempt: Attempt, now: datetime, grace: timedelta) -> bool:
        """Submit an exam whose deadline and grace have passed (finished at its deadline)."""
        if attempt.deadline_at is None or attempt.submitted:
            return False
        if not exam_rules.overdue(attempt.deadline_at, now, grace):
            return False
        self._finish(conn, attempt, attempt.deadline_at)
        return True

    def _save(
        self,
        conn: Connection,
        attempt: Attempt,
        question_id: str,
        response: Sequence[int | None],
        now: datetime,
    ) -> int:
        attempt_id = attempt.id
        drawn = next((d for d in attempt.draw if d.question_id == question_id), None)
        if drawn is None:
            raise NotFound("error.question_unknown")
        question = self._versions(conn, [drawn.version])[drawn.version]
        if not valid_response(question, response):
            raise UserError("error.bad_response")
        values = {
            "attempt_id": attempt_id,
            "question_id": question_id,
            "response": json.dumps(list(response)),
            "answered_at": now,
        }
        upsert(conn, t.answers, values, ("attempt_id", "question_id"), ("response", "answered_at"))
        bumped = conn.execute(_BUMP, {"b_id": attempt_id})
        if bumped.rowcount != 1:  # pragma: no cover - the lock above makes this impossible
            raise AttemptClosed("error.attempt_closed")
        return attempt.seq + 1

    def answers(self, attempt_id: int) -> dict[str, Response]:
        with self.db.read() as conn:
            rows = conn.execute(sa.select(t.answers).where(t.answers.c.attempt_id == attempt_id))
            return {r.question_id: json.loads(r.response) for r in rows}

    def saved_answers(self, attempt_id: int) -> tuple[Attempt, dict[str, tuple[Response, datetime]]]:
        """The attempt and every answer the store holds for it, with when it was saved: what
        a page shows is what a submit would grade. SQLite reads both in one snapshot; on
        PostgreSQL each statement has its own, so the attempt (its sequence number) is read
        first: an answer saved in between is shown with the older number, and a submit from
        that page is refused as changed elsewhere, never graded unseen."""
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.attempts).where(t.attempts.c.id == attempt_id)).first()
            if row is None:
                raise NotFound("error.attempt_unknown")
            rows = conn.execute(sa.select(t.answers).where(t.answers.c.attempt_id == attempt_id))
            saved = {r.question_id: (json.loads(r.response), as_utc(r.answered_at)) for r in rows}
        return attempt_of(row), saved

    def answer_scores(self, attempt_id: int) -> dict[str, float]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(t.answers.c.question_id, t.answers.c.score).where(
                    t.answers.c.attempt_id == attempt_id
                )
            )
            return {r.question_id: r.score for r in rows if r.score is not None}

    def submit_attempt(self, attempt_id: int, now: datetime, seen_seq: int | None = None) -> Attempt:
        """Grade exactly the answers accepted before this submit, against the versions shown,
        and close the attempt. A second submit returns the first one's result. With
        ``seen_seq`` (the sequence number the page showed), a submit from a page that missed
        an answer given elsewhere is refused with AttemptChanged."""
        now, grace = as_utc(now), self.grace
        with self.db.write() as conn:
            attempt = locked(conn, attempt_id)
            if not attempt.submitted:
                if self.close_if_overdue(conn, attempt, now, grace):
                    pass  # time ran out: graded as it was at the deadline
                elif seen_seq is not None and seen_seq != attempt.seq:
                    raise AttemptChanged("error.attempt_changed")
                else:
                    self._finish(conn, attempt, now)  # an exam: finished by its deadline at the latest
        return self.attempt(attempt_id)

    def _finish(self, conn: Connection, attempt: Attempt, now: datetime) -> None:
        """Finish the locked, open attempt: load what the rule needs, decide with the pure
        rule (:func:`mglearn.finish.finish_attempt`, an exam's :func:`~mglearn.finish.close_exam`)
        and write what it returns, all in this one transaction."""
        found = self._versions(conn, [d.version for d in attempt.draw])
        questions = [found[d.version] for d in attempt.draw]
        rows = conn.execute(sa.select(t.answers).where(t.answers.c.attempt_id == attempt.id))
        responses = {r.question_id: json.loads(r.response) for r in rows}
        at = finish.finished_at(attempt, now)
        wanted = finish.to_review(questions, responses)
        cards = stored_cards(conn, attempt.learner_id, wanted, at, "attempt")
        scheduler = self.practice.practice_scheduler()
        if attempt.kind == "exam":
            valid_days = self.settings.certificate_valid_days
            done = finish.close_exam(attempt, questions, responses, cards, now, scheduler, valid_days)
        else:
            done = finish.finish_attempt(attempt, questions, responses, cards, now, scheduler)
        write_finished(conn, done)
        queue_scores(conn, attempt, done.score, done.finished_at)  # LTI: grades back, same transaction
        if done.certificate is not None:
            self.certificates.write(conn, attempt, done.certificate)

    # -- history --

    def history(self, learner_id: int) -> list[AnswerRow]:
        """One row per answer of every attempt of the learner (for the CSV download)."""
        return self.answer_rows([learner_id])

    def answer_rows(self, learner_ids: Sequence[int]) -> list[AnswerRow]:
        """One row per answer of every attempt of these learners (an attempt without answers
        gives one row with empty answer columns); for CSV exports and detail views."""
        if not learner_ids:
            return []
        query = (
            sa.select(
                t.learners.c.name.label("learner"),
                t.learners.c.code.label("learner_code"),
                t.attempts.c.id.label("attempt_id"),
                t.attempts.c.quiz_id,
                t.attempts.c.started_at,
                t.attempts.c.submitted_at,
                t.attempts.c.score.label("attempt_score"),
                t.attempts.c.passed,
                t.answers.c.question_id,
                t.answers.c.response,
                t.answers.c.score.label("question_score"),
                t.answers.c.answered_at,
            )
            .select_from(
                t.attempts.join(t.learners, t.learners.c.id == t.attempts.c.learner_id).outerjoin(
                    t.answers, t.answers.c.attempt_id == t.attempts.c.id
                )
            )
            .where(t.attempts.c.learner_id.in_(list(learner_ids)), t.attempts.c.kind == "quiz")
            .order_by(t.learners.c.name, t.attempts.c.id, t.answers.c.question_id)
        )
        times = ("started_at", "submitted_at", "answered_at")
        with self.db.read() as conn:
            return [
                AnswerRow(**{**r._mapping, **{k: utc(r._mapping[k]) for k in times}})
                for r in conn.execute(query)
            ]
