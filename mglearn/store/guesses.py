"""Wrong resume and group codes from one client, slowed down (issue 20, access).

A code is the only key to a learner's work, so guessing one must be hopeless: a code has 60
random bits (:func:`mglearn.store.base.new_code`), and each client (its address, or its browser
session where no address is known) gets FREE_TRIES wrong codes; after that every further wrong
code makes it wait, BACKOFF_START seconds doubling up to BACKOFF_MAX, the way a trainer's
sign-in is throttled (:mod:`mglearn.store.trainers`). A right code does not clear the count
(one known code must not buy an attacker fresh tries); an hour without a wrong code after the
last wait does. The count lives in the database (the sign-in tries table, under its own key),
so every app server and a reconnecting browser see the same one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from .. import tables as t
from ..errors import UserError
from .base import Base, now_or, upsert, utc

FREE_TRIES = 10
BACKOFF_START = 30
BACKOFF_MAX = 3600
FORGET_AFTER = timedelta(hours=1)  # quiet this long after the last wait: the count starts again


def code_backoff(failures: int) -> int:
    """Seconds a client waits after this many wrong codes (0 while tries are free)."""
    if failures < FREE_TRIES:
        return 0
    return int(min(BACKOFF_MAX, BACKOFF_START * 2 ** (failures - FREE_TRIES)))


def _key(client: str) -> str:
    return f"#code|{client}"[:200]


class GuessStore(Base):
    def code_wait(self, client: str, now: datetime | None = None) -> None:
        """Refuse (``error.code_wait``) while this client must wait after wrong codes."""
        now = now_or(now)
        with self.read() as conn:
            row = conn.execute(
                sa.select(t.sign_in_tries).where(t.sign_in_tries.c.key == _key(client))
            ).first()
        until = utc(row.blocked_until) if row else None
        if row is not None and until is not None and until > now and code_backoff(row.failures):
            raise UserError("error.code_wait", seconds=max(1, int((until - now).total_seconds() + 0.999)))

    def code_missed(self, client: str, now: datetime | None = None) -> None:
        """Count one wrong code from this client (and start its wait once tries run out)."""
        now = now_or(now)
        this = t.sign_in_tries.c.key == _key(client)
        with self.write() as conn:
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
