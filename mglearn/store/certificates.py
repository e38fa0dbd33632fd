"""Certificates: one per passed exam, issued in the transaction that closes it (its submit or
the overdue close: :func:`mglearn.finish.close_exam`), with a verification code of 80 random
bits; revocable. Signing keys: the public half of every key that ever signed stays published.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import exam as rules
from ..errors import NotFound, UserError
from ..finish import CertificateDue
from ..records import Attempt, Certificate
from . import tables as t
from .audit import write_event
from .base import CODE_ALPHABET, as_utc, clean_text, upsert, utc
from .database import Database
from .finishing import write_certificate
from .rows import locked

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


class Certificates:
    """The certificates of passed exams, and the public signing keys."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def issue_certificate(self, attempt_id: int, now: datetime, valid_days: float = 0) -> Certificate:
        """The certificate of a passed exam: issued when the exam closed (its submit or the
        overdue close, :func:`mglearn.finish.close_exam`), so this returns that one; an exam
        passed before certificates were issued at its close gets one now (once)."""
        with self.db.write() as conn:
            # Lock first, then look: two tabs or two servers asking at once get one certificate.
            attempt = locked(conn, attempt_id)
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
            code = self.write(conn, attempt, due)
        found = self.certificate(code)
        assert found is not None
        return found

    def write(self, conn: Connection, attempt: Attempt, due: CertificateDue) -> str:
        """Issue the certificate of the locked exam, in its transaction (the exam's close,
        :meth:`mglearn.store.attempts.Attempts._finish`, or :meth:`issue_certificate`)."""
        code = new_certificate_code()
        write_certificate(conn, attempt, due, code)
        return code

    def certificate(self, code: str) -> Certificate | None:
        normal = normalize_certificate_code(code)
        if normal is None:
            return None
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.certificates).where(t.certificates.c.code == normal)).first()
        return certificate_of(row) if row else None

    def certificate_for(self, attempt_id: int) -> Certificate | None:
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(t.certificates).where(t.certificates.c.attempt_id == attempt_id)
            ).first()
        return certificate_of(row) if row else None

    def certificates_of(self, learner_ids: Sequence[int]) -> list[Certificate]:
        if not learner_ids:
            return []
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(t.certificates)
                .where(t.certificates.c.learner_id.in_(list(learner_ids)))
                .order_by(t.certificates.c.issued_at)
            )
            return [certificate_of(r) for r in rows]

    def revoke_certificate(
        self,
        code: str,
        reason: str,
        now: datetime,
        trainer_id: int | None = None,
        actor: str | None = None,
        client: str | None = None,
    ) -> Certificate:
        """Revoke a certificate (once: a second revoke keeps the first date and reason). With
        ``trainer_id``, only a certificate of a member of one of that trainer's groups. The
        audit log records who (``actor``) from where (``client``)."""
        reason = clean_text(reason, 200, "exam.reason_empty", "exam.reason_long")
        normal = normalize_certificate_code(code)
        with self.db.write() as conn:
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
                write_event(
                    conn,
                    now,
                    "certificate_revoked",
                    actor=actor,
                    target=row.code,
                    client=client,
                    detail=reason,
                )
        found = self.certificate(row.code)
        assert found is not None
        return found

    def joined_groups_of(self, trainer_id: int, learner_ids: Sequence[int]) -> dict[int, datetime]:
        """When each of these learners joined one of this trainer's groups (the earliest), for
        :func:`mglearn.exam.trainer_may_revoke`; a learner in none is left out."""
        with self.db.read() as conn:
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
        with self.db.write() as conn:
            values = {
                "kid": kid,
                "public_jwk": json.dumps(public_jwk, sort_keys=True),
                "first_used": as_utc(now),
            }
            upsert(conn, t.signing_keys, values, ("kid",), ())

    def published_keys(self) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = conn.execute(sa.select(t.signing_keys).order_by(t.signing_keys.c.first_used))
            return [json.loads(r.public_jwk) for r in rows]
