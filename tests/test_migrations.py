"""Issue 15.2: a crash during a migration never bricks the database.

A first start is killed (SIGKILL, as a crash or an impatient operator would) just before
each statement of the migration in turn; the next start must bring the schema to the newest
revision as if nothing had happened."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from streamlit.testing.v1 import AppTest

from mglearn import store as store_pkg
from mglearn.content import PROJECT_ROOT
from mglearn.records import Group, Trainer
from mglearn.store import Store
from mglearn.store.backup import head_revision
from mglearn.timezones import due_end_of_day, start_of_day

from .test_backup import fresh_pg

TABLES = {"learners", "attempts", "answers", "trainers", "groups", "trainer_sessions", "alembic_version"}


def _start_and_die_at(url: str, statement: int) -> int:
    """Fork a first start that kills itself before its `statement`-th SQL statement."""
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        try:
            engine_of = store_pkg.database.make_engine

            def dying_engine(u: str) -> sa.Engine:
                engine = engine_of(u)
                seen = [0]

                @sa.event.listens_for(engine, "before_cursor_execute")
                def _count(*_args: Any) -> None:
                    seen[0] += 1
                    if seen[0] == statement:
                        os.kill(os.getpid(), signal.SIGKILL)

                return engine

            store_pkg.database.make_engine = dying_engine  # type: ignore[assignment]
            Store(url)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return status


def _count_statements(url: str) -> int:
    store = Store(url, migrate=False)
    seen = [0]

    @sa.event.listens_for(store.db.engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        seen[0] += 1

    store.db.migrate()
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
        with store.db.engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            version = conn.exec_driver_sql("select version_num from alembic_version").scalar_one()
        assert names >= TABLES, (n, names)
        assert version == head_revision(), n
        learner = store.learners.create_learner("Na de crash", now=datetime.now(UTC))
        assert store.learners.learner(learner.id).name == "Na de crash"
        store.dispose()
    assert killed == total  # every start really died at its statement


def saved_before_zones(url: str, since: datetime | None = None) -> tuple[Trainer, list[Group]]:
    """A group whose exam window was saved as revision 0006's form saved it (2 to 5 March as
    UTC moments), and one closing ``since`` (a moment saved in a zone since then)."""
    old = Store(url)
    tina = old.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    groups = [old.groups.create_group(tina.id, "Oude groep", now=datetime.now(UTC))]
    old.exams.set_group_exam(
        groups[0],
        questions=20,
        opens_at=datetime(2026, 3, 2, 0, 0, tzinfo=UTC),
        closes_at=datetime(2026, 3, 5, 23, 59, 59, tzinfo=UTC),
    )
    if since is not None:
        groups.append(old.groups.create_group(tina.id, "Nieuwe groep", now=datetime.now(UTC)))
        old.exams.set_group_exam(groups[1], closes_at=since)
    with old.db.write() as conn:  # the same tables, as revision 0006 left them
        cfg = Config()
        cfg.set_main_option("script_location", str(PROJECT_ROOT / "mglearn" / "migrations"))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")  # the tables of the revisions after 0007 go
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0006'")
    old.dispose()
    return tina, groups


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "America/New_York"])
def test_an_exam_window_saved_before_zones_keeps_its_days(
    zone: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before revision 0007 the form stored the picked days as UTC moments: opening on 2 March
    was 00:00:00Z, closing on 5 March 23:59:59Z. Read in the trainer's zone that showed 6
    March (Amsterdam) or 1 March (New York), and saving the form, say for another number of
    questions, moved the window a day. The upgrade re-anchors those windows to the same days
    in MGLEARN_TIMEZONE."""
    monkeypatch.setenv("MGLEARN_TIMEZONE", zone)
    tina, (group,) = saved_before_zones(db_url)
    store = Store(db_url)  # the upgrade
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.context = {"timezone": zone}
    at.session_state["trainer_session"] = store.trainers.open_session(tina.id, now=datetime.now(UTC))
    at.run()
    at.switch_page("mglearn/ui/groups.py").run()
    assert at.date_input(key=f"exo_{group.id}").value == date(2026, 3, 2)
    assert at.date_input(key=f"exs_{group.id}").value == date(2026, 3, 5)
    at.number_input(key=f"exq_{group.id}").set_value(25)
    at.button(key=f"FormSubmitter:exam_settings_{group.id}-Instellingen bewaren").click().run()
    assert not at.exception
    saved = store.exams.group_exam(group.id)
    assert saved.questions == 25
    assert saved.opens_at == start_of_day(date(2026, 3, 2), zone)  # 00:00 there
    assert saved.closes_at == due_end_of_day(date(2026, 3, 5), zone)  # 23:59:59 there
    store.dispose()


@pytest.mark.postgres
def test_an_exam_window_saved_before_zones_keeps_its_days_on_postgres(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_TIMEZONE", "Europe/Amsterdam")
    since = datetime(2026, 3, 9, 22, 59, 59, tzinfo=UTC)  # 9 March 23:59:59 in Amsterdam
    with fresh_pg(pg_url) as url:
        _, (old, new) = saved_before_zones(url, since=since)
        store = Store(url)
        window = store.exams.group_exam(old.id)
        assert window.opens_at == start_of_day(date(2026, 3, 2), "Europe/Amsterdam")
        assert window.closes_at == due_end_of_day(date(2026, 3, 5), "Europe/Amsterdam")
        assert store.exams.group_exam(new.id).closes_at == since  # saved in a zone: left alone
        store.dispose()
