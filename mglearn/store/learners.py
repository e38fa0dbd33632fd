"""Learners and the lessons they read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..errors import NotFound, StoreConflict
from ..records import Learner
from . import tables as t
from .base import as_utc, clean_name, new_code, normalize_code, upsert
from .database import Database
from .guesses import Guesses


def learner_of(row: Any) -> Learner:
    return Learner(row.id, row.code, row.name, row.lang, as_utc(row.created_at))


class Learners:
    """Learners and the lessons they read; a wrong resume code counts in ``guesses``."""

    def __init__(self, db: Database, guesses: Guesses) -> None:
        self.db = db
        self.guesses = guesses

    def create_learner(self, name: str, lang: str = "nl", *, now: datetime) -> Learner:
        name = clean_name(name)
        lang = lang if lang in ("nl", "en") else "nl"
        for _ in range(10):
            code = new_code()
            try:
                with self.db.write() as conn:
                    conn.execute(
                        t.learners.insert().values(code=code, name=name, lang=lang, created_at=as_utc(now))
                    )
            except StoreConflict:
                continue
            learner = self.learner_by_code(code, now=now)
            assert learner is not None
            return learner
        raise RuntimeError("could not find a free resume code")  # pragma: no cover

    def learner_by_code(self, code: str, client: str | None = None, *, now: datetime) -> Learner | None:
        """The learner with this resume code. With ``client`` (who typed or opened it), a
        client that tried too many wrong codes is refused (``error.code_wait``) and a wrong
        code counts against it (:mod:`mglearn.store.guesses`)."""
        normal = normalize_code(code)
        if normal is None:
            return None
        if client is not None:
            self.guesses.code_wait(client, now)
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.learners).where(t.learners.c.code == normal)).first()
        if row is None and client is not None:
            self.guesses.code_missed(client, now)
        return learner_of(row) if row else None

    def learner(self, learner_id: int) -> Learner:
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.learners).where(t.learners.c.id == learner_id)).first()
        if row is None:
            raise NotFound("error.learner_unknown")
        return learner_of(row)

    def set_language(self, learner_id: int, lang: str) -> None:
        if lang not in ("nl", "en"):
            return
        with self.db.write() as conn:
            conn.execute(t.learners.update().where(t.learners.c.id == learner_id).values(lang=lang))

    def rename_learner(self, learner_id: int, name: str) -> Learner:
        name = clean_name(name)
        with self.db.write() as conn:
            conn.execute(t.learners.update().where(t.learners.c.id == learner_id).values(name=name))
        return self.learner(learner_id)

    # -- lessons --

    def mark_read(self, learner_id: int, lesson_id: str, now: datetime) -> None:
        """Record a lesson as read; reading it again keeps the first date."""
        values = {"learner_id": learner_id, "lesson_id": lesson_id, "read_at": as_utc(now)}
        with self.db.write() as conn:
            upsert(conn, t.lesson_reads, values, ("learner_id", "lesson_id"), ())

    def reads(self, learner_id: int) -> dict[str, datetime]:
        with self.db.read() as conn:
            rows = conn.execute(sa.select(t.lesson_reads).where(t.lesson_reads.c.learner_id == learner_id))
            return {r.lesson_id: as_utc(r.read_at) for r in rows}
