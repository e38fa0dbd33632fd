"""Wrong resume and group codes from one client, slowed down (issue 20, access).

A code is the only key to a learner's work, so guessing one must be hopeless: a code has 60
random bits (:func:`mglearn.store.base.new_code`), and each client (its address, or its browser
session where no address is known) gets FREE_TRIES wrong codes; after that every further wrong
code makes it wait, BACKOFF_START seconds doubling up to BACKOFF_MAX, the way a trainer's
sign-in is throttled (:mod:`mglearn.store.trainers`). A right code does not clear the count
(one known code must not buy an attacker fresh tries); an hour without a wrong code after the
last wait does. The count lives in the database (the sign-in tries table, under its own key),
so every app server and a reconnecting browser see the same one.

That table would otherwise keep a row for every client that ever mistyped a code or a
password: each new try first removes the rows whose last try or wait ended more than
KEEP_TRIES ago (:func:`forget_old_tries`), long after they stopped meaning anything here
(FORGET_AFTER) and for a trainer's sign-in a day of quiet, after which a name and client
start again with their free tries.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..errors import StoreError, UserError
from . import tables as t
from .base import as_utc, upsert, utc
from .database import Database

log = logging.getLogger(__name__)

FREE_TRIES = 10
BACKOFF_START = 30
BACKOFF_MAX = 3600
FORGET_AFTER = timedelta(hours=1)  # quiet this long after the last wait: the count starts again
KEEP_TRIES = timedelta(days=1)  # a sign-in tries row this long past its last try or wait is removed


def code_backoff(failures: int) -> int:
    """Seconds a client waits after this many wrong codes (0 while tries are free)."""
    if failures < FREE_TRIES:
        return 0
    return int(min(BACKOFF_MAX, BACKOFF_START * 2 ** (failures - FREE_TRIES)))


def forget_old_tries(db: Database, now: datetime) -> None:
    """Remove the tries rows (codes and trainer sign-ins alike) whose last try or wait ended
    more than KEEP_TRIES before ``now``, in a short transaction of its own that a try runs
    before its own one. A row another transaction holds (a try of that very client, on
    PostgreSQL) is skipped, not waited for: the next try removes it. Not inside the try's
    transaction: there two tries that each removed the other's old row then each waited to
    write its own, and PostgreSQL ended one with a deadlock (tests/test_postgres.py). Best
    effort: a failure is logged, the try goes on."""
    tries = t.sign_in_tries
    old = (
        sa.select(tries.c.key)
        .where(sa.or_(tries.c.blocked_until < now - KEEP_TRIES, tries.c.blocked_until.is_(None)))
        .with_for_update(skip_locked=True)
    )
    try:
        with db.write() as conn:
            conn.execute(tries.delete().where(tries.c.key.in_(old.scalar_subquery())))
    except StoreError as exc:
        log.warning("old sign-in tries not removed (the next try tries again): %s", exc)


def _key(client: str) -> str:
    return f"#code|{client}"[:200]


class Guesses:
    """Wrong resume and join codes, counted per client (see the module doc)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def code_wait(self, client: str, now: datetime) -> None:
        """Refuse (``error.code_wait``) while this client must wait after wrong codes."""
        now = as_utc(now)
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(t.sign_in_tries).where(t.sign_in_tries.c.key == _key(client))
            ).first()
        until = utc(row.blocked_until) if row else None
        if row is not None and until is not None and until > now and code_backoff(row.failures):
            raise UserError("error.code_wait", seconds=max(1, int((until - now).total_seconds() + 0.999)))

    def code_missed(self, client: str, now: datetime) -> None:
        """Count one wrong code from this client (and start its wait once tries run out)."""
        now = as_utc(now)
        this = t.sign_in_tries.c.key == _key(client)
        forget_old_tries(self.db, now)
        with self.db.write() as conn:
            upsert(
                conn,
                t.sign_in_tries,
                {"key": _key(client), "failures": 0, "blocked_until": None},
                ("key",),
                (),
            )
            row = conn.execute(sa.select(t.sign_in_tries).where(this).with_for_update()).first()
            last = utc(row.blocked_until) if row else None
            failures = row.failures if row else 0
            if last is not None and now > last + FORGET_AFTER:
                failures = 0
            failures += 1
            # blocked_until: the end of the wait, or (while tries are free) this wrong code's time
            until = now + timedelta(seconds=code_backoff(failures))
            conn.execute(t.sign_in_tries.update().where(this).values(failures=failures, blocked_until=until))
