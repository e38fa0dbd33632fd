"""The store: SQLAlchemy Core on SQLite (default) or PostgreSQL, schema by Alembic.

Every state change a learner makes is written here the moment it happens; the UI's session
state is only a cache of it. Time is always passed in (UTC), never read inside the rules.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

from . import tables as t
from .attempts import Drawn, Response, draw, grade, new_seed, score_quiz, valid_response
from .content import PROJECT_ROOT, Question, Quiz
from .errors import AttemptClosed, NotFound, UserError

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: easy to read and type
MAX_NAME = 60


def utcnow() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _now(now: datetime | None) -> datetime:
    return _utc(now) or utcnow()


def default_url() -> str:
    url = os.environ.get("MGLEARN_DATABASE_URL", "").strip()
    if url:
        return url
    path = PROJECT_ROOT / "data" / "mglearn.sqlite3"
    return f"sqlite:///{path}"


def new_code() -> str:
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"MG-{chars[:4]}-{chars[4:]}"


def normalize_code(text: str) -> str | None:
    """Accept a code typed loosely (lower case, spaces, no dashes); None if it cannot be one."""
    raw = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    if raw.startswith("MG"):
        raw = raw[2:]
    if len(raw) != 8 or any(c not in CODE_ALPHABET for c in raw):
        return None
    return f"MG-{raw[:4]}-{raw[4:]}"


def clean_name(name: str) -> str:
    """A display name: printable text, single spaces, at most MAX_NAME characters."""
    text = unicodedata.normalize("NFC", name or "")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())
    if not text:
        raise UserError("error.name_empty")
    if len(text) > MAX_NAME:
        raise UserError("error.name_long", max=MAX_NAME)
    return text


@dataclass(frozen=True)
class Learner:
    id: int
    code: str
    name: str
    lang: str
    created_at: datetime


@dataclass(frozen=True)
class Attempt:
    id: int
    learner_id: int
    quiz_id: str
    seed: int
    draw: tuple[Drawn, ...]
    pass_mark: float
    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    passed: bool | None

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


def _learner(row: Any) -> Learner:
    return Learner(row.id, row.code, row.name, row.lang, _now(row.created_at))


def _attempt(row: Any) -> Attempt:
    drawn = tuple(Drawn.from_dict(d) for d in json.loads(row.draw))
    return Attempt(
        id=row.id,
        learner_id=row.learner_id,
        quiz_id=row.quiz_id,
        seed=row.seed,
        draw=drawn,
        pass_mark=row.pass_mark,
        started_at=_now(row.started_at),
        submitted_at=_utc(row.submitted_at),
        score=row.score,
        passed=row.passed,
    )


def _upsert(
    conn: Connection, table: sa.Table, values: Mapping[str, Any], keys: Sequence[str], update: Sequence[str]
) -> None:
    """INSERT, or UPDATE the given columns when a row with the same keys exists."""
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        from sqlalchemy.dialects import postgresql, sqlite

        stmt: Any = (sqlite.insert if dialect == "sqlite" else postgresql.insert)(table).values(**values)
        if update:
            stmt = stmt.on_conflict_do_update(
                index_elements=list(keys), set_={c: stmt.excluded[c] for c in update}
            )
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
        conn.execute(stmt)
        return
    where = sa.and_(*(table.c[k] == values[k] for k in keys))
    if conn.execute(sa.select(sa.func.count()).select_from(table).where(where)).scalar_one():
        if update:
            conn.execute(table.update().where(where).values({c: values[c] for c in update}))
    else:
        conn.execute(table.insert().values(**values))


class Store:
    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = url or default_url()
        self.engine = self._engine(self.url)
        if migrate:
            self.migrate()

    @staticmethod
    def _engine(url: str) -> Engine:
        parsed = sa.engine.make_url(url)
        if parsed.get_backend_name() != "sqlite":
            return sa.create_engine(url, pool_pre_ping=True, future=True)
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (safe to run from many servers)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(74657)"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.engine.dispose()

    # -- learners -------------------------------------------------------------------------

    def create_learner(self, name: str, lang: str = "nl", now: datetime | None = None) -> Learner:
        name = clean_name(name)
        lang = lang if lang in ("nl", "en") else "nl"
        for _ in range(10):
            code = new_code()
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        t.learners.insert().values(code=code, name=name, lang=lang, created_at=_now(now))
                    )
            except sa.exc.IntegrityError:
                continue
            learner = self.learner_by_code(code)
            assert learner is not None
            return learner
        raise RuntimeError("could not find a free resume code")  # pragma: no cover

    def learner_by_code(self, code: str) -> Learner | None:
        normal = normalize_code(code)
        if normal is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.learners).where(t.learners.c.code == normal)).first()
        return _learner(row) if row else None

    def learner(self, learner_id: int) -> Learner:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.learners).where(t.learners.c.id == learner_id)).first()
        if row is None:
            raise NotFound("error.learner_unknown")
        return _learner(row)

    def set_language(self, learner_id: int, lang: str) -> None:
        if lang not in ("nl", "en"):
            return
        with self.engine.begin() as conn:
            conn.execute(t.learners.update().where(t.learners.c.id == learner_id).values(lang=lang))

    # -- lessons --------------------------------------------------------------------------

    def mark_read(self, learner_id: int, lesson_id: str, now: datetime | None = None) -> None:
        """Record a lesson as read; reading it again keeps the first date."""
        values = {"learner_id": learner_id, "lesson_id": lesson_id, "read_at": _now(now)}
        with self.engine.begin() as conn:
            _upsert(conn, t.lesson_reads, values, ("learner_id", "lesson_id"), ())

    def reads(self, learner_id: int) -> dict[str, datetime]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.lesson_reads).where(t.lesson_reads.c.learner_id == learner_id))
            return {r.lesson_id: _now(r.read_at) for r in rows}

    # -- question versions ----------------------------------------------------------------

    def remember_versions(self, quiz: Quiz, now: datetime | None = None) -> None:
        """Keep every version of the quiz's questions (a past attempt is reviewed against it)."""
        with self.engine.begin() as conn:
            self._remember_versions(conn, quiz, _now(now))

    def _remember_versions(self, conn: Connection, quiz: Quiz, now: datetime) -> None:
        for q in quiz.questions:
            values = {
                "version": q.version,
                "question_id": q.id,
                "quiz_id": quiz.id,
                "body": q.model_dump_json(),
                "first_seen": now,
            }
            _upsert(conn, t.question_versions, values, ("version",), ())

    def questions_of(self, attempt: Attempt) -> list[tuple[Drawn, Question]]:
        """The questions exactly as this attempt showed them (stored versions, shown order)."""
        versions = [d.version for d in attempt.draw]
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.question_versions.c.version, t.question_versions.c.body).where(
                    t.question_versions.c.version.in_(versions)
                )
            )
            bodies = {r.version: r.body for r in rows}
        return [(d, Question.model_validate_json(bodies[d.version])) for d in attempt.draw]

    # -- attempts -------------------------------------------------------------------------

    def open_attempt(self, learner_id: int, quiz_id: str) -> Attempt | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(t.attempts)
                .where(
                    t.attempts.c.learner_id == learner_id,
                    t.attempts.c.quiz_id == quiz_id,
                    t.attempts.c.submitted_at.is_(None),
                )
                .order_by(t.attempts.c.id.desc())
            ).first()
        return _attempt(row) if row else None

    def start_attempt(
        self,
        learner_id: int,
        quiz: Quiz,
        now: datetime | None = None,
        seed: int | None = None,
        pass_mark: float | None = None,
    ) -> Attempt:
        """Resume the open attempt of this quiz, or draw and store a new one."""
        now = _now(now)
        with self.engine.begin() as conn:
            # Lock the learner row so two tabs starting at once get one attempt.
            conn.execute(sa.select(t.learners.c.id).where(t.learners.c.id == learner_id).with_for_update())
            row = conn.execute(
                sa.select(t.attempts).where(
                    t.attempts.c.learner_id == learner_id,
                    t.attempts.c.quiz_id == quiz.id,
                    t.attempts.c.submitted_at.is_(None),
                )
            ).first()
            if row is not None:
                return _attempt(row)
            seed = new_seed() if seed is None else seed
            self._remember_versions(conn, quiz, now)
            drawn = draw(quiz, seed)
            inserted = conn.execute(
                t.attempts.insert().values(
                    learner_id=learner_id,
                    quiz_id=quiz.id,
                    seed=seed,
                    draw=json.dumps([d.to_dict() for d in drawn]),
                    pass_mark=quiz.pass_mark if pass_mark is None else pass_mark,
                    started_at=now,
                )
            )
            attempt_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
        return self.attempt(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.attempts).where(t.attempts.c.id == attempt_id)).first()
        if row is None:
            raise NotFound("error.attempt_unknown")
        return _attempt(row)

    def attempts(self, learner_id: int, quiz_id: str | None = None) -> list[Attempt]:
        query = sa.select(t.attempts).where(t.attempts.c.learner_id == learner_id)
        if quiz_id is not None:
            query = query.where(t.attempts.c.quiz_id == quiz_id)
        with self.engine.connect() as conn:
            return [_attempt(r) for r in conn.execute(query.order_by(t.attempts.c.id))]

    def _locked_open(self, conn: Connection, attempt_id: int) -> Attempt:
        row = conn.execute(
            sa.select(t.attempts).where(t.attempts.c.id == attempt_id).with_for_update()
        ).first()
        if row is None:
            raise NotFound("error.attempt_unknown")
        attempt = _attempt(row)
        if attempt.submitted:
            raise AttemptClosed("error.attempt_closed")
        return attempt

    def save_answer(
        self, attempt_id: int, question_id: str, response: Sequence[int | None], now: datetime | None = None
    ) -> None:
        """Upsert the learner's answer to one question; refused once the attempt is submitted."""
        with self.engine.begin() as conn:
            attempt = self._locked_open(conn, attempt_id)
            drawn = next((d for d in attempt.draw if d.question_id == question_id), None)
            if drawn is None:
                raise NotFound("error.question_unknown")
            body = conn.execute(
                sa.select(t.question_versions.c.body).where(t.question_versions.c.version == drawn.version)
            ).scalar_one()
            question = Question.model_validate_json(body)
            if not valid_response(question, response):
                raise UserError("error.bad_response")
            values = {
                "attempt_id": attempt_id,
                "question_id": question_id,
                "response": json.dumps(list(response)),
                "answered_at": _now(now),
            }
            _upsert(conn, t.answers, values, ("attempt_id", "question_id"), ("response", "answered_at"))

    def answers(self, attempt_id: int) -> dict[str, Response]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.answers).where(t.answers.c.attempt_id == attempt_id))
            return {r.question_id: json.loads(r.response) for r in rows}

    def answer_scores(self, attempt_id: int) -> dict[str, float]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.answers.c.question_id, t.answers.c.score).where(
                    t.answers.c.attempt_id == attempt_id
                )
            )
            return {r.question_id: r.score for r in rows if r.score is not None}

    def submit_attempt(self, attempt_id: int, now: datetime | None = None) -> Attempt:
        """Grade against the versions shown and close the attempt; a second submit changes nothing."""
        now = _now(now)
        existing = self.attempt(attempt_id)
        if existing.submitted:
            return existing
        questions = [q for _, q in self.questions_of(existing)]
        with self.engine.begin() as conn:
            try:
                attempt = self._locked_open(conn, attempt_id)
            except AttemptClosed:
                return self.attempt(attempt_id)
            rows = conn.execute(sa.select(t.answers).where(t.answers.c.attempt_id == attempt_id))
            responses = {r.question_id: json.loads(r.response) for r in rows}
            result = score_quiz(questions, responses, attempt.pass_mark)
            for q in questions:
                values = {
                    "attempt_id": attempt_id,
                    "question_id": q.id,
                    "response": json.dumps(responses.get(q.id, [])),
                    "score": grade(q, responses.get(q.id)),
                    "answered_at": now,
                }
                if q.id in responses:
                    conn.execute(
                        t.answers.update()
                        .where(t.answers.c.attempt_id == attempt_id, t.answers.c.question_id == q.id)
                        .values(score=values["score"])
                    )
                else:
                    conn.execute(t.answers.insert().values(**values))
            conn.execute(
                t.attempts.update()
                .where(t.attempts.c.id == attempt_id, t.attempts.c.submitted_at.is_(None))
                .values(submitted_at=now, score=result.score, passed=result.passed)
            )
        return self.attempt(attempt_id)

    # -- history --------------------------------------------------------------------------

    def history(self, learner_id: int) -> list[dict[str, Any]]:
        """One row per answer of every attempt of the learner (for the CSV download)."""
        query = (
            sa.select(
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
            .select_from(t.attempts.outerjoin(t.answers, t.answers.c.attempt_id == t.attempts.c.id))
            .where(t.attempts.c.learner_id == learner_id)
            .order_by(t.attempts.c.id, t.answers.c.question_id)
        )
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for row in rows:
            for key in ("started_at", "submitted_at", "answered_at"):
                row[key] = _utc(row[key])
        return rows
