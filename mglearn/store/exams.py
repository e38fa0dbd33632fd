"""Exams and certificates. An exam is an attempt (kind ``exam``) with a deadline stored when it
starts: it is saved and submitted through :class:`AttemptStore`'s one rule (whose save and
submit also enforce the deadline), and graded by the same function as a quiz. Every read of an
exam here first submits the overdue ones it would show (the clock is checked on every read;
time is passed in); :meth:`ExamStore.sweep_exams` does it for all at start-up. A group's exam
settings and window: :mod:`mglearn.store.exam_settings`.

Certificates: one per passed exam, issued in the transaction that closes it (its submit or
the overdue close: :func:`mglearn.finish.close_exam`), with a verification code of 80 random
bits; revocable.
Signing keys: the public half of every key that ever signed stays published.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import accommodations as acc_rules
from .. import exam as rules
from .. import settings as app_settings
from ..accommodations import Accommodation
from ..attempts import new_seed
from ..content import Content
from ..errors import AttemptClosed, NotFound, StoreConflict, UserError
from ..finish import CertificateDue
from ..records import Attempt, Certificate
from . import tables as t
from .accommodations import AccommodationStore, applying
from .attempts import attempt_of, exam_grace
from .base import CODE_ALPHABET, as_utc, clean_text, upsert, utc
from .finishing import write_certificate

_FINISHED = sa.select(t.attempts.c.submitted_at).where(
    t.attempts.c.learner_id == sa.bindparam("b_learner"),
    t.attempts.c.kind == "exam",
    t.attempts.c.submitted_at >= sa.bindparam("b_since"),
)

CERT_PREFIX = "MC"
CERT_CHARS = 16  # 16 of 32 symbols: 80 bits


def new_certificate_code() -> str:
    """``MC-XXXX-XXXX-XXXX-XXXX``: 80 random bits, no 0/O or 1/I, nothing from the learner."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CERT_CHARS))
    return "-".join([CERT_PREFIX, *(chars[i : i + 4] for i in range(0, CERT_CHARS, 4))])


def normalize_certificate_code(text: str) -> str | None:
    """A code typed loosely (lower case, spaces, no dashes); None if it cannot be one."""
    raw = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    if raw.startswith(CERT_PREFIX) and len(raw) == CERT_CHARS + len(CERT_PREFIX):
        raw = raw[len(CERT_PREFIX) :]
    if len(raw) != CERT_CHARS or any(c not in CODE_ALPHABET for c in raw):
        return None
    return "-".join([CERT_PREFIX, *(raw[i : i + 4] for i in range(0, CERT_CHARS, 4))])


def certificate_of(row: Any) -> Certificate:
    return Certificate(
        code=row.code,
        attempt_id=row.attempt_id,
        learner_id=row.learner_id,
        subject_id=row.subject_id,
        name=row.name,
        score=row.score,
        pass_mark=row.pass_mark,
        issued_at=as_utc(row.issued_at),
        valid_until=utc(row.valid_until),
        revoked_at=utc(row.revoked_at),
        revoked_reason=row.revoked_reason,
    )


class ExamStore(AccommodationStore):
    # -- exams --

    def sweep_exams(self, now: datetime, learner_ids: Sequence[int] | None = None) -> int:
        """Submit every open exam (of these learners) whose deadline and grace have passed,
        with what was saved, finished at its deadline. Returns how many. The start-up sweep (all
        learners) also issues the certificate of an exam passed before its close issued it."""
        now = as_utc(now)
        grace = exam_grace()
        query = sa.select(t.attempts.c.id).where(
            t.attempts.c.kind == "exam",
            t.attempts.c.submitted_at.is_(None),
            t.attempts.c.deadline_at < now - grace,
        )
        if learner_ids is not None:
            query = query.where(t.attempts.c.learner_id.in_(list(learner_ids)))
        with self.read() as conn:
            ids = [r.id for r in conn.execute(query)]
        done = 0
        for attempt_id in ids:
            with self.write() as conn:
                done += self._close_if_overdue(conn, self._locked(conn, attempt_id), now, grace)
        if learner_ids is None:  # start-up: exams passed before their close issued the certificate
            self._issue_missing_certificates(now)
        return done

    def _issue_missing_certificates(self, now: datetime) -> None:
        valid_days = app_settings.current().certificate_valid_days
        query = (
            sa.select(t.attempts.c.id)
            .outerjoin(t.certificates, t.certificates.c.attempt_id == t.attempts.c.id)
            .where(
                t.attempts.c.kind == "exam", t.attempts.c.passed.is_(True), t.certificates.c.code.is_(None)
            )
        )
        with self.read() as conn:
            ids = [r.id for r in conn.execute(query)]
        for attempt_id in ids:
            self.issue_certificate(attempt_id, now, valid_days=valid_days)

    def open_exam(self, learner_id: int, now: datetime) -> Attempt | None:
        """The learner's running exam; an overdue one is submitted first (and None returned)."""
        self.sweep_exams(now, [learner_id])
        with self.read() as conn:
            row = conn.execute(self._open_query(learner_id, rules.EXAM_ID)).first()
        return attempt_of(row) if row else None

    def exams(self, learner_id: int, now: datetime) -> list[Attempt]:
        """Every exam of the learner, oldest first (overdue ones submitted first)."""
        self.sweep_exams(now, [learner_id])
        return self.attempts(learner_id, rules.EXAM_ID, kind="exam")

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
        with self.read() as conn:
            return [attempt_of(r) for r in conn.execute(query)]

    def may_start_exam(self, learner_id: int, now: datetime) -> tuple[str, datetime | None]:
        """``("ok", None)``, ``("wait", when)`` (cooldown), ``("not_yet", opens)`` or
        ``("closed", closes)`` (the group's window)."""
        now = as_utc(now)
        self.sweep_exams(now, [learner_id])
        settings, _ = self.exam_settings(learner_id)
        with self.read() as conn:
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
            with self.write() as conn:
                conn.execute(
                    sa.select(t.learners.c.id).where(t.learners.c.id == learner_id).with_for_update()
                )
                row = conn.execute(self._open_query(learner_id, rules.EXAM_ID)).first()
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
                    else [v for quiz in content.quizzes for v in self._remember_versions(conn, quiz, now)]
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
            self._stored_versions.update(written)  # committed
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
        now, grace = as_utc(now), exam_grace()
        with self.write() as conn:
            attempt = self._locked(conn, attempt_id)
            late = attempt.submitted or self._close_if_overdue(conn, attempt, now, grace)
            if not late:
                if question_id not in {d.question_id for d in attempt.draw}:
                    raise NotFound("error.question_unknown")
                flags = [f for f in attempt.flags if f != question_id] + ([question_id] if flagged else [])
                conn.execute(
                    t.attempts.update().where(t.attempts.c.id == attempt_id).values(flags=json.dumps(flags))
                )
        if late:
            raise AttemptClosed("exam.too_late")
        return self.attempt(attempt_id)

    def question_quizzes(self, attempt: Attempt) -> dict[str, str]:
        """Which quiz (lesson) each question of the attempt came from, as stored."""
        versions = [d.version for d in attempt.draw]
        with self.read() as conn:
            rows = conn.execute(
                sa.select(t.question_versions.c.question_id, t.question_versions.c.quiz_id).where(
                    t.question_versions.c.version.in_(versions)
                )
            )
            return {r.question_id: r.quiz_id for r in rows}

    # -- certificates --

    def issue_certificate(self, attempt_id: int, now: datetime, valid_days: float = 0) -> Certificate:
        """The certificate of a passed exam: issued when the exam closed (its submit or the
        overdue close, :func:`mglearn.finish.close_exam`), so this returns that one; an exam
        passed before certificates were issued at its close gets one now (once)."""
        with self.write() as conn:
            # Lock first, then look: two tabs or two servers asking at once get one certificate.
            attempt = self._locked(conn, attempt_id)
            row = conn.execute(
                sa.select(t.certificates).where(t.certificates.c.attempt_id == attempt_id)
            ).first()
            if row is not None:
                return certificate_of(row)
            if attempt.kind != "exam" or not attempt.passed or attempt.submitted_at is None:
                raise UserError("exam.no_certificate")
            issued = attempt.submitted_at
            due = CertificateDue(
                score=attempt.score or 0.0,
                pass_mark=attempt.pass_mark,
                issued_at=issued,
                valid_until=issued + timedelta(days=valid_days) if valid_days > 0 else None,
            )
            code = self._write_certificate(conn, attempt, due)
        found = self.certificate(code)
        assert found is not None
        return found

    def _write_certificate(self, conn: Connection, attempt: Attempt, due: CertificateDue) -> str:
        """Issue the certificate of the locked exam (its close, or :meth:`issue_certificate`)."""
        code = new_certificate_code()
        write_certificate(conn, attempt, due, code)
        return code

    def certificate(self, code: str) -> Certificate | None:
        normal = normalize_certificate_code(code)
        if normal is None:
            return None
        with self.read() as conn:
            row = conn.execute(sa.select(t.certificates).where(t.certificates.c.code == normal)).first()
        return certificate_of(row) if row else None

    def certificate_for(self, attempt_id: int) -> Certificate | None:
        with self.read() as conn:
            row = conn.execute(
                sa.select(t.certificates).where(t.certificates.c.attempt_id == attempt_id)
            ).first()
        return certificate_of(row) if row else None

    def certificates_of(self, learner_ids: Sequence[int]) -> list[Certificate]:
        if not learner_ids:
            return []
        with self.read() as conn:
            rows = conn.execute(
                sa.select(t.certificates)
                .where(t.certificates.c.learner_id.in_(list(learner_ids)))
                .order_by(t.certificates.c.issued_at)
            )
            return [certificate_of(r) for r in rows]

    def revoke_certificate(
        self, code: str, reason: str, now: datetime, trainer_id: int | None = None
    ) -> Certificate:
        """Revoke a certificate (once: a second revoke keeps the first date and reason). With
        ``trainer_id``, only a certificate of a member of one of that trainer's groups."""
        reason = clean_text(reason, 200, "exam.reason_empty", "exam.reason_long")
        normal = normalize_certificate_code(code)
        with self.write() as conn:
            row = conn.execute(
                sa.select(t.certificates).where(t.certificates.c.code == (normal or "")).with_for_update()
            ).first()
            if row is None:
                raise NotFound("exam.certificate_unknown")
            if trainer_id is not None:
                joined = self._joined(conn, trainer_id, [row.learner_id]).get(row.learner_id)
                if joined is None:
                    raise NotFound("exam.certificate_unknown")
                if not rules.trainer_may_revoke(certificate_of(row).issued_at, joined):
                    raise UserError("exam.revoke_before_joining")
            if row.revoked_at is None:
                conn.execute(
                    t.certificates.update()
                    .where(t.certificates.c.code == row.code)
                    .values(revoked_at=as_utc(now), revoked_reason=reason)
                )
        found = self.certificate(row.code)
        assert found is not None
        return found

    def joined_groups_of(self, trainer_id: int, learner_ids: Sequence[int]) -> dict[int, datetime]:
        """When each of these learners joined one of this trainer's groups (the earliest), for
        :func:`mglearn.exam.trainer_may_revoke`; a learner in none is left out."""
        with self.read() as conn:
            return self._joined(conn, trainer_id, learner_ids)

    @staticmethod
    def _joined(conn: Connection, trainer_id: int, learner_ids: Sequence[int]) -> dict[int, datetime]:
        if not learner_ids:
            return {}
        rows = conn.execute(
            sa.select(t.memberships.c.learner_id, t.memberships.c.joined_at)
            .join(t.groups, t.groups.c.id == t.memberships.c.group_id)
            .where(t.groups.c.trainer_id == trainer_id, t.memberships.c.learner_id.in_(list(learner_ids)))
        )
        joined: dict[int, datetime] = {}
        for learner_id, at in rows:
            at = utc(at)
            if at is not None and (learner_id not in joined or at < joined[learner_id]):
                joined[learner_id] = at
        return joined

    # -- signing keys --

    def publish_key(self, kid: str, public_jwk: dict[str, Any], now: datetime) -> None:
        """Keep this public key published (for good: older credentials keep verifying)."""
        assert "d" not in public_jwk, "never store a private key"
        with self.write() as conn:
            values = {
                "kid": kid,
                "public_jwk": json.dumps(public_jwk, sort_keys=True),
                "first_used": as_utc(now),
            }
            upsert(conn, t.signing_keys, values, ("kid",), ())

    def published_keys(self) -> list[dict[str, Any]]:
        with self.read() as conn:
            rows = conn.execute(sa.select(t.signing_keys).order_by(t.signing_keys.c.first_used))
            return [json.loads(r.public_jwk) for r in rows]
