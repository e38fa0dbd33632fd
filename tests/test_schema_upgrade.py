"""Issue 20, faults: a database of every released schema upgrades with its data intact.

tests/fixtures/schema/R.sql (scripts/make_schema_fixtures.py) holds the SQLite schema exactly
as the migrations up to R made it and a few representative rows in portable SQL. Each is
loaded into SQLite (schema and rows) and into PostgreSQL (the migrations up to R, then the
rows), upgraded by the store to the newest revision, and used through the store: the learner
resumes, the submitted attempt reviews, the trainer signs in, the certificate verifies."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store
from mglearn.store.backup import head_revision, reset_sequences, upgrade

from .test_backup import fresh_pg

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "schema"
REVISIONS = sorted(p.stem for p in FIXTURES.glob("*.sql"))
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
PASSWORD = "fixture password"


def sections(revision: str) -> tuple[str, list[str]]:
    text = (FIXTURES / f"{revision}.sql").read_text(encoding="utf-8")
    schema, data = text.split("-- section: data\n")
    return schema, [line for line in data.splitlines() if line.strip()]


def test_every_released_revision_has_a_fixture() -> None:
    assert REVISIONS[:5] == ["0001", "0002", "0003", "0004", "0005"]


def load_sqlite(revision: str, path: Path) -> str:
    schema, data = sections(revision)
    db = sqlite3.connect(path)
    db.executescript(schema + "\n".join(data))
    db.close()
    return f"sqlite:///{path}"


def load_postgres(revision: str, url: str) -> str:
    _, data = sections(revision)
    store = Store(url, migrate=False)
    with store.db.write() as conn:
        upgrade(conn, revision)
        conn.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")  # the fixture's times are UTC
        for statement in data:
            conn.exec_driver_sql(statement)
        reset_sequences(conn)
    store.dispose()
    return url


def check_upgraded(url: str, revision: str, content: Content) -> None:
    r = int(revision)
    store = Store(url)  # upgrades to the newest schema, as an app server does when it starts
    with store.db.read() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    anna = store.learners.learner_by_code("MG-ANNA-2345", now=datetime.now(UTC))
    assert anna is not None and anna.name == "Anna 🌿 O'Neil" and anna.lang == "nl"
    assert set(store.learners.reads(anna.id)) == {"functies"}
    done = store.attempts.attempt(1)
    assert done.submitted and done.score == pytest.approx(0.7) and done.passed
    answers = store.attempts.answers(1)
    assert len(answers) == 10 and sum(1 for a in answers.values() if a == []) == 3
    assert [q.id for _, q in store.attempts.questions_of(done)] == [d.question_id for d in done.draw]
    open_id = 3 if r < 3 else 2
    if r < 3:  # revision 0003 closed the older of two open attempts, unscored
        older = store.attempts.attempt(2)
        assert older.submitted_at == older.started_at and older.score is None
    resumed = store.attempts.start_attempt(anna.id, content.quizzes[0], now=NOW)
    assert resumed.id == open_id and resumed.kind == "quiz" and resumed.flags == ()
    saved = store.attempts.answers(open_id)
    for _, q in store.attempts.questions_of(resumed):
        if q.id not in saved:
            store.attempts.save_answer(open_id, q.id, correct_response(q), now=NOW)
    finished = store.attempts.submit_attempt(open_id, now=NOW)
    assert finished.score == 1.0 and finished.passed
    assert store.learners.create_learner("Nieuw", now=NOW).id == 3  # the id counters continue
    if r >= 2:
        trainer = store.trainers.sign_in_trainer("Tess", PASSWORD, now=NOW, client="c")
        (group,) = store.groups.groups_of(trainer.id)
        assert group.name == "Groep 🌙" and {m.code for m in store.groups.members(group.id)} >= {
            "MG-ANNA-2345"
        }
        (assignment,) = store.groups.assignments([group.id])
        assert assignment.pass_mark == 0.8 and assignment.quizzes == ("functies",)
    if r >= 4:
        cert = store.certificates.certificate("MC-CERT-2345-6789-ABCD")
        assert cert is not None and cert.attempt_id == 4 and not cert.revoked
        (exam,) = store.exams.learner_exams(2, now=NOW)
        assert exam.kind == "exam" and exam.passed and exam.group_id == 1
        assert any(k.get("kid") == "fixture-kid" for k in store.certificates.published_keys())
    if r >= 5:
        assert (
            store.practice.cards(2)
            and store.practice.daily_goal(2) == 12
            and len(store.practice.reviews(2)) == 1
        )
    store.dispose()


@pytest.mark.parametrize("revision", REVISIONS)
def test_fixture_schema_is_what_the_migrations_made(revision: str, tmp_path: Path) -> None:
    """A released migration never changes: the fixture's schema is what it makes today."""
    store = Store(f"sqlite:///{tmp_path / 'now.sqlite3'}", migrate=False)
    with store.db.write() as conn:
        upgrade(conn, revision)
    with store.db.read() as conn:
        made = {
            row[0].strip()
            for row in conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
            )
        }
    store.dispose()
    schema, _ = sections(revision)
    statements = "\n".join(line for line in schema.splitlines() if not line.startswith("--")).split(";\n")
    fixture = {s.strip() for s in statements if s.strip().startswith("CREATE")}
    assert fixture == made


@pytest.mark.parametrize("revision", REVISIONS)
def test_old_sqlite_database_upgrades_intact(revision: str, tmp_path: Path, content: Content) -> None:
    check_upgraded(load_sqlite(revision, tmp_path / f"{revision}.sqlite3"), revision, content)


@pytest.mark.postgres
@pytest.mark.parametrize("revision", REVISIONS)
def test_old_postgres_database_upgrades_intact(revision: str, pg_url: str, content: Content) -> None:
    with fresh_pg(pg_url) as url:
        check_upgraded(load_postgres(revision, url), revision, content)
