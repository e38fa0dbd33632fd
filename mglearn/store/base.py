"""What every part of the store shares: the engine and its SQLite/PostgreSQL rules, the errors,
time and codes. The engine's one transaction rule is :class:`mglearn.store.database.Database`'s.
"""

from __future__ import annotations

import functools
import logging
import re
import secrets
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..clock import utcnow as utcnow  # the edge's clock, exported; the store never calls it
from ..errors import StoreConfigError, StoreConflict, StoreError, StoreUnavailable, UserError

log = logging.getLogger("mglearn.store")

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: easy to read and type
MAX_NAME = 60
_WRITE = "mglearn_write"
_BUSY = "mglearn_busy_ms"  # SQLite: how long a write waits for another process's lock
BUSY_MS = 30000


def utc(value: datetime | None) -> datetime | None:
    """Reattach UTC to what SQLite returns naive; convert aware values to UTC."""
    if value is None:
        return None
    return as_utc(value)


def as_utc(value: datetime) -> datetime:
    """A time that is there (a given `now`, a NOT NULL column), in UTC. The store never reads the
    clock: every method that depends on time takes `now`, read once per run at the edge."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


CODE_CHARS = 12  # 12 x 5 bits = 60 random bits (issue 20: guessing must be hopeless)
OLD_CODE_CHARS = 8  # codes handed out before: 40 bits, still accepted


def new_code(prefix: str = "MG") -> str:
    """An unguessable code that is easy to read and type: PREFIX-XXXX-XXXX-XXXX (60 bits)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_CHARS))
    return "-".join([prefix, *(chars[i : i + 4] for i in range(0, CODE_CHARS, 4))])


def normalize_code(text: str, prefix: str = "MG") -> str | None:
    """Accept a code typed loosely (lower case, spaces, no dashes); None if it cannot be one.
    A new code has 12 characters, one from before issue 20 has 8: both are accepted."""
    raw = re.sub(r"[^0-9A-Za-z]", "", (text or "")[:200]).upper()
    if raw.startswith(prefix):
        raw = raw[len(prefix) :]
    if len(raw) not in (CODE_CHARS, OLD_CODE_CHARS) or any(c not in CODE_ALPHABET for c in raw):
        return None
    return "-".join([prefix, *(raw[i : i + 4] for i in range(0, len(raw), 4))])


_KEEP_FORMAT = {"\u200d", "\u200c", "\ufe0f", "\ufe0e"}  # joiners and variation selectors: emoji


def clean_text(text: str, max_len: int, empty_key: str, long_key: str) -> str:
    """User-written text as stored: NFC, no control or bidi-override characters (zero-width
    joiners and variation selectors kept, so emoji stay whole), single spaces, bounded.
    Normalised after the filter: a dropped character between a letter and its accent would
    otherwise leave them apart (``A\ufefd\u0300``), and cleaning twice would change the text."""
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text or ""
        if ch.isspace() or ch in _KEEP_FORMAT or unicodedata.category(ch)[0] != "C"
    )
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if not text:
        raise UserError(empty_key)
    if len(text) > max_len:
        raise UserError(long_key, max=max_len)
    return text


def clean_name(name: str) -> str:
    """A display name: printable text, single spaces, at most MAX_NAME characters."""
    return clean_text(name, MAX_NAME, "error.name_empty", "error.name_long")


def upsert(
    conn: Connection,
    table: sa.Table,
    values: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT, or UPDATE the given columns when a row with the same keys exists; a list of
    rows (all with the same columns) is sent as one executemany."""
    rows = [dict(v) for v in values] if isinstance(values, Sequence) else [dict(values)]
    if not rows:
        return
    stmt = _upsert_statement(table, tuple(rows[0]), tuple(keys), tuple(update))
    conn.execute(stmt, rows if isinstance(values, Sequence) else rows[0])


@functools.lru_cache(maxsize=128)
def _upsert_statement(
    table: sa.Table, columns: tuple[str, ...], keys: tuple[str, ...], update: tuple[str, ...]
) -> sa.TextClause:
    """INSERT .. ON CONFLICT, the same SQL on SQLite and PostgreSQL, built once and bound with
    the columns' types. Not the dialects' insert().on_conflict_do_update(): SQLAlchemy cannot
    cache those and compiled one for every answer (about a tenth of the server's time per
    answer, benchmarks/load.py); a text clause with typed binds is compiled once."""

    def q(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    action = (
        "DO UPDATE SET " + ", ".join(f"{q(c)} = excluded.{q(c)}" for c in update) if update else "DO NOTHING"
    )
    # identifiers from the table's metadata (quoted), values bound: nothing from a user
    sql = (
        f"INSERT INTO {q(table.name)} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(':' + c for c in columns)}) "
        f"ON CONFLICT ({', '.join(q(k) for k in keys)}) {action}"
    )
    return sa.text(sql).bindparams(*(sa.bindparam(c, type_=table.c[c].type) for c in columns))


def store_error(exc: sa.exc.SQLAlchemyError) -> Exception:
    """mglearn's own error for one of SQLAlchemy's (see :mod:`mglearn.errors`), with its message."""
    orig = getattr(exc, "orig", None)
    kind = type(orig if orig is not None else exc).__name__
    if isinstance(exc, sa.exc.NoSuchModuleError):  # a driver that is not installed
        return StoreConfigError("error.db_config", detail=f"{type(exc).__name__}: {exc}")
    if isinstance(exc, sa.exc.OperationalError) or (
        isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated
    ):
        return StoreUnavailable(str(exc), kind=kind)
    if isinstance(exc, sa.exc.IntegrityError):
        return StoreConflict(str(exc), kind=kind)
    return StoreError(str(exc), kind=kind)


@contextmanager
def store_errors() -> Iterator[None]:
    """SQLAlchemy's errors inside the block leave it as mglearn's own (the original is kept as
    the ``__cause__``, for the log's traceback)."""
    try:
        yield
    except sa.exc.SQLAlchemyError as exc:
        raise store_error(exc) from exc


def sqlite_folder(url: str) -> Path | None:
    """The folder of the SQLite database file the URL names; None for another database, an
    in-memory one, or a URL that cannot be read."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return None
    database = parsed.database or ""
    if (
        parsed.get_backend_name() == "sqlite"
        and database not in ("", ":memory:")
        and "file:" not in database[:5]
    ):
        return Path(database).resolve().parent
    return None


def _owner_only_database(file: Path) -> None:
    """The SQLite file is made 0600 before SQLite opens it (its -wal and -shm files follow its
    mode); one that others could read, left by an older version, is tightened (issue 33)."""
    from .. import private_files

    private_files.make_folder(file.parent)
    before = private_files.ensure_owner_only(file)
    if before is not None:
        log.warning("the database %s was readable by others (mode %04o); now 0600", file, before)


def make_engine(url: str, pool_size: int = 20) -> Engine:
    """An engine for the URL, or a StoreConfigError that says what is wrong in one line."""
    try:
        parsed = sa.engine.make_url(url)
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise StoreConfigError(
                "error.db_config", detail=f"unsupported database '{backend}': use sqlite or postgresql"
            )
        if backend != "sqlite":
            # Each Streamlit session runs its script in a thread of its own, so a whole group
            # answering at once needs more connections than SQLAlchemy's default 5 (+10 that
            # are closed again after each use). With that default a 50-learner stress run
            # opened 159 PostgreSQL connections (a server process each), with 20 kept 22
            # (benchmarks/load.py). Two app servers at 40 each stay under PostgreSQL's
            # default max_connections of 100.
            # MGLEARN_DB_POOL_SIZE (default 20) kept open, as many again for a burst (issue 32).
            return _ping_when_idle(sa.create_engine(url, pool_size=pool_size, max_overflow=pool_size))
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            _owner_only_database(Path(database))
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    except StoreConfigError:
        raise
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError, OSError) as exc:
        raise StoreConfigError("error.db_config", detail=f"{type(exc).__name__}: {exc}") from None

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see the module doc)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        busy = conn.get_execution_options().get(_BUSY, BUSY_MS)
        if conn.connection.info.get(_BUSY, BUSY_MS) != busy:  # set per connection, only on a change
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(busy)}")
            conn.connection.info[_BUSY] = busy
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


# A pooled PostgreSQL connection that has been idle this long is tested before use. 0: every
# reused connection is tested (as pool_pre_ping). A grace of 1 s saved a sixth of a learner's
# statements, but a clean-clone CI run then failed test_postgres_restarted_while_an_answer_is_given
# (a connection used within the second after a restart), so the grace is off until a failed
# query is retried on a fresh connection.
IDLE_PING_SECONDS = 0.0


def _ping_when_idle(engine: Engine) -> Engine:
    """SQLAlchemy's ``pool_pre_ping`` with a grace: a connection back in the pool for less
    than IDLE_PING_SECONDS is used without the test query. With ``pool_pre_ping`` every
    checkout sent one, a sixth of a learner's statements under load (benchmarks/load.py).
    A server restarted while the app was idle is still noticed before anyone's query fails;
    one restarted within that second fails that one query, and SQLAlchemy then renews the
    whole pool (an answer is kept and tried again: mglearn/ui/pending.py)."""
    clock = time.monotonic

    @sa.event.listens_for(engine, "checkin")
    def _checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = clock()

    @sa.event.listens_for(engine, "checkout")
    def _checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or clock() - since < IDLE_PING_SECONDS:
            return  # a new connection, or one used a moment ago
        try:
            engine.dialect.do_ping(dbapi_conn)  # in autocommit: no transaction left open
        except engine.dialect.loaded_dbapi.Error as exc:
            # the pool drops this connection and every older one, and connects anew
            raise sa.exc.InvalidatePoolError() from exc

    return engine
