"""Issue 15.2: a crash during a migration never bricks the database.

A first start is killed (SIGKILL, as a crash or an impatient operator would) just before
each statement of the migration in turn; the next start must bring the schema to the newest
revision as if nothing had happened."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mglearn import store as store_pkg
from mglearn.store import Store

TABLES = {"learners", "attempts", "answers", "trainers", "groups", "trainer_sessions", "alembic_version"}


def _start_and_die_at(url: str, statement: int) -> int:
    """Fork a first start that kills itself before its `statement`-th SQL statement."""
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        try:
            engine_of = store_pkg.base.make_engine

            def dying_engine(u: str) -> sa.Engine:
                engine = engine_of(u)
                seen = [0]

                @sa.event.listens_for(engine, "before_cursor_execute")
                def _count(*_args: Any) -> None:
                    seen[0] += 1
                    if seen[0] == statement:
                        os.kill(os.getpid(), signal.SIGKILL)

                return engine

            store_pkg.base.make_engine = dying_engine  # type: ignore[assignment]
            Store(url)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return status


def _count_statements(url: str) -> int:
    store = Store(url, migrate=False)
    seen = [0]

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        seen[0] += 1

    store.migrate()
    store.dispose()
    return seen[0]


@pytest.fixture
def sqlite_urls(tmp_path: Path) -> Iterator[Any]:
    def make(i: int) -> str:
        return f"sqlite:///{tmp_path / f'm{i}.sqlite3'}"

    yield make


def test_a_first_start_killed_inside_any_migration_step_recovers(sqlite_urls: Any) -> None:
    total = _count_statements(sqlite_urls("count"))
    assert total > 10
    killed = 0
    for n in range(1, total + 1):
        url = sqlite_urls(n)
        status = _start_and_die_at(url, n)
        killed += os.WIFSIGNALED(status)
        store = Store(url)  # the next start
        with store.engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            version = conn.exec_driver_sql("select version_num from alembic_version").scalar_one()
        assert names >= TABLES, (n, names)
        assert version == "0006", n
        learner = store.create_learner("Na de crash")
        assert store.learner(learner.id).name == "Na de crash"
        store.dispose()
    assert killed == total  # every start really died at its statement
