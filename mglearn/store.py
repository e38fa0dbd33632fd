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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

from . import passwords
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


def new_code(prefix: str = "MG") -> str:
    """A short, unguessable code that is easy to read and type: PREFIX-XXXX-XXXX (40 bits)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"


def normalize_code(text: str, prefix: str = "MG") -> str | None:
    """Accept a code typed loosely (lower case, spaces, no dashes); None if it cannot be one."""
    raw = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    if raw.startswith(prefix):
        raw = raw[len(prefix) :]
    if len(raw) != 8 or any(c not in CODE_ALPHABET for c in raw):
        return None
    return f"{prefix}-{raw[:4]}-{raw[4:]}"


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


# -- trainers, groups, assignments -----------------------------------------------------------

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 5


@dataclass(frozen=True)
class Trainer:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class Group:
    id: int
    trainer_id: int
    name: str
    join_code: str
    created_at: datetime


@dataclass(frozen=True)
class Assignment:
    id: int
    group_id: int
    title: str
    lessons: tuple[str, ...]
    quizzes: tuple[str, ...]
    due_at: datetime
    pass_mark: float | None
    created_at: datetime


def _group(row: Any) -> Group:
    return Group(row.id, row.trainer_id, row.name, row.join_code, _now(row.created_at))


def _assignment(row: Any) -> Assignment:
    return Assignment(
        id=row.id,
        group_id=row.group_id,
        title=row.title,
        lessons=tuple(json.loads(row.lessons)),
        quizzes=tuple(json.loads(row.quizzes)),
        due_at=_now(row.due_at),
        pass_mark=row.pass_mark,
        created_at=_now(row.created_at),
    )


class TrainerStore:
    """Trainer accounts, groups and assignments; mixed into :class:`Store`."""

    engine: Engine

    # -- accounts --

    def add_trainer(self, name: str, password: str, now: datetime | None = None) -> Trainer:
        name = clean_name(name)
        if len(password) < passwords.MIN_LENGTH:
            raise UserError("error.password_short", min=passwords.MIN_LENGTH)
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    t.trainers.insert().values(
                        name=name, password_hash=passwords.hash_password(password), created_at=_now(now)
                    )
                )
        except sa.exc.IntegrityError:
            raise UserError("error.trainer_exists", name=name) from None
        found = self.trainer_by_name(name)
        assert found is not None
        return found

    def set_password(self, name: str, password: str) -> None:
        if len(password) < passwords.MIN_LENGTH:
            raise UserError("error.password_short", min=passwords.MIN_LENGTH)
        with self.engine.begin() as conn:
            done = conn.execute(
                t.trainers.update()
                .where(t.trainers.c.name == clean_name(name))
                .values(password_hash=passwords.hash_password(password), failed_logins=0, locked_until=None)
            )
        if done.rowcount == 0:
            raise NotFound("error.trainer_unknown", name=name)

    def trainer_by_name(self, name: str) -> Trainer | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.name == name)).first()
        return Trainer(row.id, row.name, _now(row.created_at)) if row else None

    def trainer(self, trainer_id: int) -> Trainer:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.id == trainer_id)).first()
        if row is None:
            raise NotFound("error.trainer_unknown", name=str(trainer_id))
        return Trainer(row.id, row.name, _now(row.created_at))

    def trainers(self) -> list[Trainer]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.trainers).order_by(t.trainers.c.name))
            return [Trainer(r.id, r.name, _now(r.created_at)) for r in rows]

    def sign_in_trainer(self, name: str, password: str, now: datetime | None = None) -> Trainer:
        """Check a password; five wrong tries lock the account for LOCK_MINUTES."""
        now = _now(now)
        with self.engine.connect() as conn:
            wanted = " ".join((name or "").split())
            row = conn.execute(sa.select(t.trainers).where(t.trainers.c.name == wanted)).first()
        locked_until = _utc(row.locked_until) if row else None
        if locked_until is not None and locked_until > now:
            minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
            raise UserError("error.login_locked", minutes=minutes)
        ok = passwords.verify(row.password_hash if row else None, password)
        if row is None:
            raise UserError("error.login_failed")
        with self.engine.begin() as conn:
            this = t.trainers.c.id == row.id
            if ok:
                conn.execute(t.trainers.update().where(this).values(failed_logins=0, locked_until=None))
            else:  # count atomically, so parallel guesses cannot slip past the limit
                conn.execute(
                    t.trainers.update().where(this).values(failed_logins=t.trainers.c.failed_logins + 1)
                )
                failed = conn.execute(sa.select(t.trainers.c.failed_logins).where(this)).scalar_one()
                if failed >= MAX_FAILED_LOGINS:
                    lock = now + timedelta(minutes=LOCK_MINUTES)
                    conn.execute(t.trainers.update().where(this).values(failed_logins=0, locked_until=lock))
        if not ok:
            raise UserError("error.login_failed")
        return Trainer(row.id, row.name, _now(row.created_at))

    # -- groups --

    def create_group(self, trainer_id: int, name: str, now: datetime | None = None) -> Group:
        name = clean_name(name)
        for _ in range(10):
            code = new_code("GR")
            try:
                with self.engine.begin() as conn:
                    new_id = conn.execute(
                        t.groups.insert().values(
                            trainer_id=trainer_id, name=name, join_code=code, created_at=_now(now)
                        )
                    ).inserted_primary_key
            except sa.exc.IntegrityError:
                continue
            assert new_id is not None
            return self.group(int(new_id[0]), trainer_id)
        raise RuntimeError("could not find a free join code")  # pragma: no cover

    def group(self, group_id: int, trainer_id: int) -> Group:
        """A group, only for the trainer who owns it."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(t.groups).where(t.groups.c.id == group_id, t.groups.c.trainer_id == trainer_id)
            ).first()
        if row is None:
            raise NotFound("error.group_unknown")
        return _group(row)

    def groups_of(self, trainer_id: int) -> list[Group]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.groups).where(t.groups.c.trainer_id == trainer_id).order_by(t.groups.c.id)
            )
            return [_group(r) for r in rows]

    def group_by_code(self, join_code: str) -> Group | None:
        code = normalize_code(join_code, "GR")
        if code is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.groups).where(t.groups.c.join_code == code)).first()
        return _group(row) if row else None

    def join_group(self, learner_id: int, join_code: str, now: datetime | None = None) -> Group:
        code = normalize_code(join_code, "GR")
        with self.engine.begin() as conn:
            row = (
                conn.execute(sa.select(t.groups).where(t.groups.c.join_code == code)).first()
                if code
                else None
            )
            if row is None:
                raise NotFound("error.join_unknown")
            values = {"group_id": row.id, "learner_id": learner_id, "joined_at": _now(now)}
            _upsert(conn, t.memberships, values, ("group_id", "learner_id"), ())
        return _group(row)

    def learner_groups(self, learner_id: int) -> list[Group]:
        query = (
            sa.select(t.groups)
            .join(t.memberships, t.memberships.c.group_id == t.groups.c.id)
            .where(t.memberships.c.learner_id == learner_id)
            .order_by(t.groups.c.id)
        )
        with self.engine.connect() as conn:
            return [_group(r) for r in conn.execute(query)]

    def members(self, group_id: int) -> list[Learner]:
        query = (
            sa.select(t.learners)
            .join(t.memberships, t.memberships.c.learner_id == t.learners.c.id)
            .where(t.memberships.c.group_id == group_id)
            .order_by(t.learners.c.name, t.learners.c.id)
        )
        with self.engine.connect() as conn:
            return [_learner(r) for r in conn.execute(query)]

    # -- assignments --

    def create_assignment(
        self,
        group: Group,
        title: str,
        lessons: Sequence[str],
        quizzes: Sequence[str],
        due_at: datetime,
        pass_mark: float | None = None,
        now: datetime | None = None,
    ) -> Assignment:
        title = " ".join((title or "").split())
        if not title:
            raise UserError("error.assignment_title")
        if not lessons and not quizzes:
            raise UserError("error.assignment_empty")
        if pass_mark is not None and not 0 < pass_mark <= 1:
            raise UserError("error.pass_mark")
        with self.engine.begin() as conn:
            new_id = conn.execute(
                t.assignments.insert().values(
                    group_id=group.id,
                    title=title[:120],
                    lessons=json.dumps(list(lessons)),
                    quizzes=json.dumps(list(quizzes)),
                    due_at=_now(due_at),
                    pass_mark=pass_mark,
                    created_at=_now(now),
                )
            ).inserted_primary_key
        assert new_id is not None
        return next(a for a in self.assignments([group.id]) if a.id == int(new_id[0]))

    def assignments(self, group_ids: Sequence[int]) -> list[Assignment]:
        if not group_ids:
            return []
        query = (
            sa.select(t.assignments)
            .where(t.assignments.c.group_id.in_(list(group_ids)))
            .order_by(t.assignments.c.due_at, t.assignments.c.id)
        )
        with self.engine.connect() as conn:
            return [_assignment(r) for r in conn.execute(query)]

    # -- what a group did --

    def group_reads(self, learner_ids: Sequence[int]) -> list[dict[str, Any]]:
        query = sa.select(t.lesson_reads).where(t.lesson_reads.c.learner_id.in_(list(learner_ids)))
        with self.engine.connect() as conn:
            return (
                [{**r._mapping, "read_at": _utc(r.read_at)} for r in conn.execute(query)]
                if learner_ids
                else []
            )

    def group_attempts(self, learner_ids: Sequence[int]) -> list[Attempt]:
        if not learner_ids:
            return []
        query = (
            sa.select(t.attempts)
            .where(t.attempts.c.learner_id.in_(list(learner_ids)))
            .order_by(t.attempts.c.id)
        )
        with self.engine.connect() as conn:
            return [_attempt(r) for r in conn.execute(query)]

    def responses(self, quiz_id: str, learner_ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
        """Every answer of every submitted attempt of a quiz: attempt_id, learner_id,
        question_id, version, response (list), score, answered (bool)."""
        query = (
            sa.select(
                t.answers.c.attempt_id,
                t.attempts.c.learner_id,
                t.answers.c.question_id,
                t.answers.c.response,
                t.answers.c.score,
            )
            .join(t.attempts, t.attempts.c.id == t.answers.c.attempt_id)
            .where(t.attempts.c.quiz_id == quiz_id, t.attempts.c.submitted_at.is_not(None))
        )
        if learner_ids is not None:
            query = query.where(t.attempts.c.learner_id.in_(list(learner_ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query)
            result = []
            for r in rows:
                response = json.loads(r.response)
                result.append(
                    {
                        "attempt_id": r.attempt_id,
                        "learner_id": r.learner_id,
                        "question_id": r.question_id,
                        "response": response,
                        "score": r.score or 0.0,
                        "answered": any(x is not None for x in response),
                    }
                )
            return result


class Store(TrainerStore):
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
        return self.answer_rows([learner_id])

    def answer_rows(self, learner_ids: Sequence[int]) -> list[dict[str, Any]]:
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
            .where(t.attempts.c.learner_id.in_(list(learner_ids)))
            .order_by(t.learners.c.name, t.attempts.c.id, t.answers.c.question_id)
        )
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for row in rows:
            for key in ("started_at", "submitted_at", "answered_at"):
                row[key] = _utc(row[key])
        return rows
