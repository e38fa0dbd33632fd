"""The database: one engine, the one transaction rule, the schema's migration.

The transaction rule, used by quiz, exam and practice alike: every write that checks state
runs in :meth:`Database.write`. On PostgreSQL that is an ordinary transaction whose checks lock
the rows they read (``SELECT ... FOR UPDATE``). SQLite has no row locks and pysqlite starts no
transaction before a SELECT, so there the store turns pysqlite's own transaction handling off
(:func:`mglearn.store.base.make_engine`) and opens every write transaction with ``BEGIN
IMMEDIATE``: it takes the database's write lock before the first read, so a check and the write
that depends on it can never interleave with another writer. Reads use a plain (deferred)
``BEGIN``. This also makes Alembic's DDL transactional on SQLite, so a crash during a migration
leaves the old schema, not half of one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreConfigError, StoreUnavailable
from .base import _BUSY, _WRITE, default_url, make_engine, store_errors

log = logging.getLogger("mglearn.store")
_patience: ContextVar[int | None] = ContextVar("mglearn_patience", default=None)


class Database:
    """The engine and the transaction rule (see the module doc). The store's parts hold one
    and run every read and write through it."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        self._writer = self.engine.execution_options(**{_WRITE: True})
        # PostgreSQL reads go without BEGIN and COMMIT (see read)
        self._reader = (
            self.engine.execution_options(isolation_level="AUTOCOMMIT")
            if self.engine.dialect.name == "postgresql"
            else self.engine
        )
        self._patient: dict[int, Engine] = {}  # the writer with a shorter busy wait, per wait
        # SQLite: this process's writers queue here, one at a time, instead of in SQLite's
        # busy handler, which polls with sleeps of up to 100 ms and lets a waiter starve: with
        # 100 learners answering at once (benchmarks/load.py) writes waited up to 47 s and
        # some failed after the 30 s busy timeout. Other processes still wait in SQLite.
        self._write_lock: AbstractContextManager[Any] = (
            threading.RLock() if self.engine.dialect.name == "sqlite" else nullcontext()
        )
        if migrate:
            self.migrate()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction that holds the write lock from its first statement (SQLite) and
        commits on success, rolls back on any error."""
        busy = _patience.get()
        writer: Engine = self._writer
        if busy is not None:  # made once per wait (an engine view is not free: one per answer was)
            writer = self._patient.get(busy) or self._patient.setdefault(
                busy, self._writer.execution_options(**{_BUSY: busy})
            )
        with store_errors(), self._write_lock, writer.begin() as conn:
            yield conn

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Writes in this block wait at most ``seconds`` for another process's lock on a SQLite
        file (30 s otherwise), then raise StoreUnavailable: an answer clicked in the browser
        is told "not saved, trying again" after a few seconds, not after half a minute
        (mglearn/ui/pending.py). PostgreSQL has no such wait: a server that is down fails at once."""
        token = _patience.set(max(1, round(seconds * 1000)))
        try:
            yield
        finally:
            _patience.reset(token)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only connection. SQLite: one snapshot until it is closed (a transaction).
        PostgreSQL: each statement sees what was committed when it began, as it would inside a
        READ COMMITTED transaction, so the statements go in autocommit, without the BEGIN and
        COMMIT round trips that were a third of a learner's statements (benchmarks/load.py),
        and no transaction stays open between a page's queries. Either way a read never ends
        in ROLLBACK: psycopg forgets every statement it prepared on the connection when it
        sees one, so each read made the next queries be planned again (tests/test_postgres.py)."""
        with store_errors(), self._reader.connect() as conn:
            yield conn
            if conn.in_transaction():
                conn.commit()

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision, in one transaction, safe to run
        from many servers at once."""
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent.parent / "migrations"))
        try:
            with self.write() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(74657)"))
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except StoreUnavailable as exc:
            log.error("database unavailable while migrating %s: %s", self.safe_url, exc)
            raise
        except ImportError as exc:
            raise StoreConfigError("error.db_config", detail=f"{type(exc).__name__}: {exc}") from None

    @property
    def safe_url(self) -> str:
        """The URL without its password, for logs and messages to the operator."""
        try:
            return sa.engine.make_url(self.url).render_as_string(hide_password=True)
        except sa.exc.ArgumentError:
            return "<unparseable URL>"

    def dispose(self) -> None:
        self.engine.dispose()
