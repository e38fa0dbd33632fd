"""The trainer's second factor in the database (issue 33): see :mod:`mglearn.second_factor`.

A sign-in is two steps. The password route opens a *step* (:meth:`Factors.open_step`): a
random token in a short-lived HttpOnly cookie, its hash here, good for STEP_MINUTES. With it
the same browser types a code (:meth:`pass_factor`) or, for a trainer without a factor yet,
enrols one (:meth:`enrol_factor`: the secret the QR code showed, confirmed by a first code).
Wrong codes count on the account (``trainers.failed_logins``); MAX_FAILURES in a row lock the
second step for LOCK_MINUTES (``trainers.locked_until``), a right code included. Every check
and what it changes is one write transaction, so two servers cannot both take one code.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import passwords
from .. import second_factor as sf
from ..errors import NotFound, UserError
from ..records import Trainer
from . import tables as t
from .audit import Actor, write_event
from .base import as_utc, clean_name, utc
from .database import Database
from .trainers import trainer_of

STEP_MINUTES = 5


def _why(reason: str, act: str) -> str:
    """A failed re-authentication's detail: the reason, and the act it guarded (if one)."""
    return f"{reason}: {act}" if act else reason


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Step:
    """A sign-in half done: whose, and (while enrolling) the secret the QR code shows."""

    trainer: Trainer
    secret: str | None


class Factors:
    """The second factor, recovery codes and the half-done sign-in steps of trainers."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def has_factor(self, trainer_id: int) -> bool:
        with self.db.read() as conn:
            found = conn.execute(
                sa.select(t.trainer_factors.c.trainer_id).where(t.trainer_factors.c.trainer_id == trainer_id)
            ).first()
        return found is not None

    def set_factor(
        self, trainer_id: int, secret: str, now: datetime, conn: Connection | None = None
    ) -> list[str]:
        """Enrol ``secret`` as the trainer's factor (replacing any), with ten new recovery codes,
        which are returned: the only time they exist outside a hash."""
        if conn is None:
            with self.db.write() as conn:
                return self.set_factor(trainer_id, secret, now, conn)
        factors, codes = t.trainer_factors, t.recovery_codes
        conn.execute(factors.delete().where(factors.c.trainer_id == trainer_id))
        conn.execute(codes.delete().where(codes.c.trainer_id == trainer_id))
        conn.execute(
            factors.insert().values(
                trainer_id=trainer_id, secret=secret, enrolled_at=as_utc(now), last_step=None
            )
        )
        fresh = sf.new_recovery_codes()
        conn.execute(
            codes.insert(), [{"code_hash": sf.recovery_hash(c), "trainer_id": trainer_id} for c in fresh]
        )
        return fresh

    def reset_factor(self, name: str, by: Actor | None = None) -> None:
        """An administrator's reset: the factor and recovery codes go, every session ends; the
        trainer enrols a new one at the next sign-in. ``by``: who, for the audit log."""
        with self.db.write() as conn:
            row = conn.execute(
                sa.select(t.trainers.c.id).where(t.trainers.c.name == clean_name(name))
            ).first()
            if row is None:
                raise NotFound("error.trainer_unknown", name=name)
            for table in (t.trainer_factors, t.recovery_codes, t.trainer_sessions, t.sign_in_steps):
                conn.execute(table.delete().where(table.c.trainer_id == row.id))
            conn.execute(
                t.trainers.update()
                .where(t.trainers.c.id == row.id)
                .values(failed_logins=0, locked_until=None)
            )
            if by is not None:
                write_event(
                    conn, by.now, "factor_reset", actor=by.name, target=clean_name(name), client=by.client
                )

    def last_step(self, trainer_id: int) -> int | None:
        """The last 30 s step a code of this trainer was taken for (None: none yet)."""
        factors = t.trainer_factors
        with self.db.read() as conn:
            found = conn.execute(
                sa.select(factors.c.last_step).where(factors.c.trainer_id == trainer_id)
            ).first()
        return None if found is None else found.last_step

    def recovery_codes_left(self, trainer_id: int) -> int:
        codes = t.recovery_codes
        with self.db.read() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count())
                    .select_from(codes)
                    .where(codes.c.trainer_id == trainer_id, codes.c.used_at.is_(None))
                ).scalar_one()
            )

    # -- the second step of a sign-in --

    def open_step(self, trainer_id: int, now: datetime, enrol: bool) -> str:
        now = as_utc(now)
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            conn.execute(t.sign_in_steps.delete().where(t.sign_in_steps.c.expires_at < now))
            conn.execute(
                t.sign_in_steps.insert().values(
                    token_hash=_hash(token),
                    trainer_id=trainer_id,
                    secret=sf.new_secret() if enrol else None,
                    expires_at=now + timedelta(minutes=STEP_MINUTES),
                )
            )
        return token

    def step(self, token: str | None, now: datetime) -> Step | None:
        if not token:
            return None
        query = (
            sa.select(t.trainers, t.sign_in_steps.c.secret.label("step_secret"), t.sign_in_steps.c.expires_at)
            .join(t.sign_in_steps, t.sign_in_steps.c.trainer_id == t.trainers.c.id)
            .where(t.sign_in_steps.c.token_hash == _hash(token))
        )
        with self.db.read() as conn:
            row = conn.execute(query).first()
        if row is None or (utc(row.expires_at) or as_utc(now)) <= as_utc(now):
            return None
        return Step(trainer_of(row), row.step_secret)

    def pass_factor(self, token: str | None, code: str, now: datetime, client: str = "") -> Trainer:
        """The second step: a TOTP code (a step later than the last one taken) or an unused
        recovery code. Right: the step ends and the trainer is returned. ``client``: from where,
        for the audit log."""
        return self._second_step(token, code, as_utc(now), enrol=False, client=client)[0]

    def enrol_factor(
        self, token: str | None, code: str, now: datetime, client: str = ""
    ) -> tuple[Trainer, list[str]]:
        """Enrolment: the first code from the app proves it holds the QR code's secret; returns
        the trainer and their ten recovery codes."""
        return self._second_step(token, code, as_utc(now), enrol=True, client=client)

    def _second_step(
        self, token: str | None, code: str, now: datetime, enrol: bool, client: str
    ) -> tuple[Trainer, list[str]]:
        with self.db.write() as conn:
            step = conn.execute(
                sa.select(t.sign_in_steps).where(t.sign_in_steps.c.token_hash == _hash(token or ""))
            ).first()
            if step is None or (utc(step.expires_at) or now) <= now or (step.secret is None) == enrol:
                raise UserError("error.step_expired")
            trainer = self._unlocked_trainer(conn, step.trainer_id, now)
            who = Actor(now, trainer.name, client)
            if not trainer.active:  # deactivated while the sign-in was half done
                conn.execute(t.sign_in_steps.delete().where(t.sign_in_steps.c.token_hash == step.token_hash))
                write_event(
                    conn, now, "signin_failed", actor=who.name, client=client, detail="deactivated account"
                )
                fresh: list[str] = []
                refusal: UserError | None = UserError("error.step_expired")
            else:
                fresh, refusal = self._check_code(conn, trainer, step, code, who, enrol)
            if refusal is None:
                return trainer_of(trainer), fresh
        raise refusal

    def _check_code(
        self, conn: Connection, trainer: Any, step: Any, code: str, who: Actor, enrol: bool
    ) -> tuple[list[str], UserError | None]:
        """The code of a half-done sign-in (or of an enrolment) checked and counted: the new
        recovery codes (enrolment), and the refusal to raise once committed (or None)."""
        now = who.now
        fresh: list[str] = []
        if enrol:
            right = sf.matching_step(step.secret, code, now, None)
            if right is not None:
                fresh = self.set_factor(trainer.id, step.secret, now, conn)
                factors = t.trainer_factors
                conn.execute(
                    factors.update().where(factors.c.trainer_id == trainer.id).values(last_step=right)
                )
                write_event(conn, now, "factor_enrolled", actor=who.name, target=who.name, client=who.client)
            ok = right is not None
        else:
            ok = self._take_code(conn, trainer.id, code, now, who)
        if ok:
            conn.execute(t.sign_in_steps.delete().where(t.sign_in_steps.c.token_hash == step.token_hash))
        return fresh, self._count(conn, trainer, ok, who)

    def reauthenticate(
        self, trainer_id: int, password: str, code: str, now: datetime, client: str = "", act: str = ""
    ) -> None:
        """Before the trainer changes their password or their factor (or an administrator acts
        on another account): the password again and, once enrolled, a code (wrong codes count
        towards the lock as at sign-in). A failure is logged as ``reauth_failed`` with ``act``,
        what it guarded. A code that was right but is taken already (a second act within its
        30 seconds) is refused as ``error.code_used``, without counting: it is no guess."""
        now = as_utc(now)
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.id == trainer_id)).first()
        if row is None or not passwords.verify(row.password_hash, password):
            if row is not None:
                with self.db.write() as conn:
                    why = _why("wrong password", act)
                    write_event(conn, now, "reauth_failed", actor=row.name, client=client, detail=why)
            raise UserError("error.password_wrong")
        if not self.has_factor(trainer_id):
            return
        with self.db.write() as conn:
            trainer = self._unlocked_trainer(conn, trainer_id, now)
            who = Actor(now, trainer.name, client)
            if self._take_code(conn, trainer_id, code, now, who):
                refusal = self._count(conn, trainer, True, who)
            elif self._taken_already(conn, trainer_id, code, now):
                why = _why("code already used", act)
                write_event(conn, now, "reauth_failed", actor=who.name, client=client, detail=why)
                refusal = UserError("error.code_used")
            else:
                refusal = self._count(conn, trainer, False, who, "reauth_failed", _why("wrong code", act))
        if refusal is not None:
            raise refusal

    def _taken_already(self, conn: Connection, trainer_id: int, code: str, now: datetime) -> bool:
        """Whether ``code`` is right for now ±WINDOW but its step was taken already."""
        factors = t.trainer_factors
        factor = conn.execute(sa.select(factors).where(factors.c.trainer_id == trainer_id)).first()
        if factor is None or factor.last_step is None:
            return False
        step = sf.matching_step(factor.secret, code, now, None)
        return step is not None and step <= factor.last_step

    def _unlocked_trainer(self, conn: Connection, trainer_id: int, now: datetime) -> Any:
        trainer = conn.execute(
            sa.select(t.trainers).where(t.trainers.c.id == trainer_id).with_for_update()
        ).first()
        assert trainer is not None
        locked = utc(trainer.locked_until)
        if locked is not None and locked > now:
            minutes = max(1, -(-int((locked - now).total_seconds()) // 60))
            raise UserError("error.code_locked", minutes=minutes, until=locked)
        return trainer

    def _count(
        self,
        conn: Connection,
        trainer: Any,
        ok: bool,
        who: Actor,
        kind: str = "signin_failed",
        why: str = "wrong code",
    ) -> UserError | None:
        """A right code clears the count; a wrong one adds to it, and the MAX_FAILURES-th locks
        the account (its half-done sign-ins end). The refusal to raise once committed, or None."""
        this = t.trainers.c.id == trainer.id
        now = who.now
        if ok:
            conn.execute(t.trainers.update().where(this).values(failed_logins=0, locked_until=None))
            return None
        failures = (trainer.failed_logins or 0) + 1
        write_event(conn, now, kind, actor=who.name, client=who.client, detail=why)
        if failures >= sf.MAX_FAILURES:
            detail = f"{failures} wrong codes: locked for {sf.LOCK_MINUTES} min"
            write_event(
                conn, now, "lockout", actor=who.name, target=who.name, client=who.client, detail=detail
            )
            until = now + timedelta(minutes=sf.LOCK_MINUTES)
            conn.execute(t.trainers.update().where(this).values(failed_logins=0, locked_until=until))
            conn.execute(t.sign_in_steps.delete().where(t.sign_in_steps.c.trainer_id == trainer.id))
            return UserError("error.code_locked", minutes=sf.LOCK_MINUTES, until=until)
        conn.execute(t.trainers.update().where(this).values(failed_logins=failures))
        return UserError("error.code_wrong")

    def _take_code(self, conn: Connection, trainer_id: int, code: str, now: datetime, who: Actor) -> bool:
        """Take a TOTP code or a recovery code, once: the update only succeeds for a later step
        or an unused code, so a replay on another server at the same moment changes nothing."""
        factors = t.trainer_factors
        factor = conn.execute(sa.select(factors).where(factors.c.trainer_id == trainer_id)).first()
        if factor is None:
            return False
        step = sf.matching_step(factor.secret, code, now, factor.last_step)
        if step is not None:
            later = sa.or_(factors.c.last_step.is_(None), factors.c.last_step < step)
            done = conn.execute(
                factors.update().where(factors.c.trainer_id == trainer_id, later).values(last_step=step)
            )
            return done.rowcount == 1
        hashed = sf.recovery_hash(code)
        if hashed is None:
            return False
        codes = t.recovery_codes
        used = conn.execute(
            codes.update()
            .where(codes.c.code_hash == hashed, codes.c.trainer_id == trainer_id, codes.c.used_at.is_(None))
            .values(used_at=now)
        )
        if used.rowcount == 1:
            left = conn.execute(
                sa.select(sa.func.count())
                .select_from(codes)
                .where(codes.c.trainer_id == trainer_id, codes.c.used_at.is_(None))
            ).scalar_one()
            write_event(
                conn,
                now,
                "recovery_code_used",
                actor=who.name,
                target=who.name,
                client=who.client,
                detail=f"{left} left",
            )
        return used.rowcount == 1
