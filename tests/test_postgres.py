"""The same store on a really started PostgreSQL server (MGLEARN_DATABASE_URL=postgresql+psycopg://...)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.errors import AttemptClosed, UserError
from mglearn.store import Store
from mglearn.store import tables as t

from .pg import fresh_pg

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """A fresh database on the server for each test."""
    with fresh_pg(pg_url) as url:
        store = Store(url)
        yield store
        store.dispose()


def test_learner_attempt_answers_on_postgres(pg_store: Store, content: Content) -> None:
    assert pg_store.db.engine.dialect.name == "postgresql"
    learner = pg_store.learners.create_learner("Pia", now=datetime.now(UTC))
    assert pg_store.learners.learner_by_code(learner.code, now=datetime.now(UTC)) == learner
    pg_store.learners.mark_read(learner.id, "functies", now=datetime.now(UTC))
    pg_store.learners.mark_read(learner.id, "functies", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = pg_store.attempts.start_attempt(learner.id, quiz, seed=11, now=datetime.now(UTC))
    assert pg_store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC)).id == attempt.id
    questions = pg_store.attempts.questions_of(attempt)
    for _, q in questions:
        pg_store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
        pg_store.attempts.save_answer(
            attempt.id, q.id, correct_response(q), now=datetime.now(UTC)
        )  # upsert, not a second row
    done = pg_store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    assert done.score == 1.0 and done.passed
    with pytest.raises(AttemptClosed):
        pg_store.attempts.save_answer(
            attempt.id, questions[0][1].id, correct_response(questions[0][1]), now=datetime.now(UTC)
        )
    assert set(pg_store.learners.reads(learner.id)) == {"functies"}
    assert Store(pg_store.db.url).attempts.attempt(attempt.id).score == 1.0  # a second app server sees it


def test_a_read_keeps_the_connections_prepared_statements(pg_store: Store, content: Content) -> None:
    """psycopg prepares a query it has run five times on a connection and forgets every
    prepared statement when it sees a ROLLBACK (sending DEALLOCATE ALL). A read that ended in
    ROLLBACK made every answer and every page re-plan its queries and pay that extra round
    trip (benchmarks/load.py on PostgreSQL); a read ends in COMMIT."""
    learner = pg_store.learners.create_learner("Pia", now=datetime.now(UTC))
    attempt = pg_store.attempts.start_attempt(learner.id, content.quizzes[0], seed=11, now=datetime.now(UTC))
    q = pg_store.attempts.questions_of(attempt)[0][1]
    for _ in range(8):
        pg_store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
        assert pg_store.attempts.answers(attempt.id) == {q.id: correct_response(q)}
    with pg_store.db.read() as conn:
        prepared = conn.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()
    assert any("INSERT INTO" in s and "answers" in s for s in prepared), prepared
    assert any(s.lstrip().startswith("SELECT") and "FROM answers" in s for s in prepared), prepared


def test_a_read_holds_no_transaction_open(pg_store: Store) -> None:
    """Each statement of a read is its own snapshot (as READ COMMITTED gives inside a
    transaction), sent without BEGIN/COMMIT: no transaction stays open between a page's
    queries, and two statements of one read see two clocks."""
    with pg_store.db.read() as conn:
        first = conn.execute(sa.text("SELECT now()")).scalar_one()
        conn.execute(sa.text("SELECT pg_sleep(0.01)"))
        second = conn.execute(sa.text("SELECT now()")).scalar_one()
        open_here = conn.execute(
            sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid()"
                " AND xact_start < statement_timestamp()"  # a transaction begun before this one
            )
        ).scalar_one()
    assert second > first
    assert open_here == 0


def test_a_connection_lost_while_idle_is_replaced_before_a_query_fails(
    pg_store: Store, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool tests a connection that sat idle (here: its server process was killed, as a
    restart or an idle timeout does) before a page's query uses it."""
    import mglearn.store.base as base

    monkeypatch.setattr(base, "IDLE_PING_SECONDS", 0.0)  # (the real grace is one second)
    learner = pg_store.learners.create_learner("Pia", now=datetime.now(UTC))
    with pg_store.db.read() as conn:
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(sa.text(f"SELECT pg_terminate_backend({int(pid)})")).scalar_one()
    admin.dispose()
    assert (
        pg_store.learners.learner_by_code(learner.code, now=datetime.now(UTC)) == learner
    )  # no error: a new connection
    with pg_store.db.read() as conn:
        assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one() != pid


def test_old_sign_in_tries_are_forgotten_on_postgres(pg_store: Store) -> None:
    from .test_trainers import check_old_sign_in_tries_are_forgotten

    check_old_sign_in_tries_are_forgotten(pg_store)


@pytest.mark.parametrize("kind", ["password", "code"])
def test_two_tries_that_prune_each_others_old_rows_both_count(pg_store: Store, kind: str) -> None:
    """Each try prunes the old tries rows of every client. When that pruning ran in the try's
    own transaction, try A could take (delete) client B's old row while try B took A's, and
    each then waited on the other to write its own row: PostgreSQL ended one of them with
    DeadlockDetected, a sign-in that failed with a database error. Forced here: a third
    connection holds A's row while A prunes (so A skips it), A pauses just before it writes
    its own row, and B's try runs in that pause."""
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    pg_store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))

    def key(client: str) -> str:
        return f"#code|{client}" if kind == "code" else f"tina|{client}"

    def wrong_try(store: Store, client: str) -> None:
        if kind == "code":
            store.guesses.code_missed(client, now=now)
        else:
            with pytest.raises(UserError, match="error.login_failed"):
                store.trainers.sign_in_trainer("Tina", "wrong", now=now, client=client)

    old = now - timedelta(days=3)
    with pg_store.db.write() as conn:
        conn.execute(
            t.sign_in_tries.insert(),
            [{"key": key(c), "failures": 3, "blocked_until": old} for c in ("A", "B")],
        )
    paused, go = threading.Event(), threading.Event()

    def pause_a(conn: object, cursor: object, statement: str, *args: object) -> None:
        if threading.current_thread().name == "try-A" and statement.startswith('INSERT INTO "sign_in_tries"'):
            paused.set()
            go.wait(20)

    sa.event.listen(pg_store.db.engine, "before_cursor_execute", pause_a)
    other = Store(pg_store.db.url)  # a second app server
    errors: dict[str, str] = {}

    def run(store: Store, client: str) -> None:
        try:
            wrong_try(store, client)
        except Exception as exc:  # the test reports it below
            errors[client] = f"{type(exc).__name__}: {exc}"

    holder = sa.create_engine(pg_store.db.url)
    try:
        with holder.connect() as conn:
            with conn.begin():
                mine = t.sign_in_tries.c.key == key("A")
                conn.execute(sa.select(t.sign_in_tries.c.key).where(mine).with_for_update())
                a = threading.Thread(target=run, args=(pg_store, "A"), name="try-A")
                a.start()
                assert paused.wait(20)
            b = threading.Thread(target=run, args=(other, "B"), name="try-B")
            b.start()
            b.join(2)  # before the fix: B waits here for A, which removed B's old row
            go.set()
            a.join(20)
            b.join(20)
    finally:
        go.set()
        holder.dispose()
        other.dispose()
    assert errors == {}
    with pg_store.db.read() as conn:
        rows = {r.key: r.failures for r in conn.execute(sa.select(t.sign_in_tries))}
    assert rows == {key("A"): 1, key("B"): 1}
