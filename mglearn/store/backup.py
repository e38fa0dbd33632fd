"""A portable backup of all learner data, and its restore (`mglearn db backup|restore FILE`).

The dump is JSON lines, plain ASCII (every other character escaped), the same whichever
database wrote it, so a backup of SQLite restores into PostgreSQL and back:

    {"format": "mglearn-backup", "version": 1, "schema": "0005", "created_at": "...", "tables": [...]}
    {"table": "learners", "row": {"id": 1, "code": "MG-...", "created_at": "2025-01-02T03:04:05+00:00", ...}}
    ...
    {"end": true, "rows": 1234}

Tables come parent first (foreign keys), rows in primary-key order (code-point order for
text keys on both databases), datetimes as ISO 8601 in UTC. The last line counts the rows, so
a cut-off file is refused rather than half restored. Left out on purpose: ``trainer_sessions``
(sign-in cookies: a restore signs every trainer out, as a password change would) and
``sign_in_tries`` (back-off counters that expire within the hour) and ``lti_tool_keys`` (the
LTI tool's private key: a restored tool makes a new one on first use and publishes it at
``/lti/jwks``, which platforms read again for a key id they do not know); ``alembic_version`` is the
header's ``schema``. The certificate signing key is a file, not a table: back it up apart.

A backup reads one consistent snapshot (REPEATABLE READ on PostgreSQL, one read transaction
on SQLite) and writes FILE through a temporary file that is renamed only when complete. A
restore runs in ONE transaction: it migrates the target to the newest schema, refuses a
database that holds learner data (unless ``replace``), inserts every row, and moves the
PostgreSQL id sequences past the restored ids; any error rolls all of it back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from .. import private_files
from . import tables as t
from .base import store_errors, utc
from .database import Database
from .restore_rules import Links, column_problem, row_problem, short

FORMAT = "mglearn-backup"
VERSION = 1
SKIPPED = ("trainer_sessions", "sign_in_tries", "sign_in_steps", "lti_tool_keys")
_BATCH = 500


class BackupError(Exception):
    """A backup or restore refused, with a message for the operator (nothing was changed)."""


@dataclass(frozen=True)
class Summary:
    tables: int
    rows: int
    schema: str


def backed_up_tables() -> list[sa.Table]:
    """Every table the migrations make, parents before children, less the throwaway ones."""
    return [table for table in t.metadata.sorted_tables if table.name not in SKIPPED]


# -- schema revision --


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent.parent / "migrations"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(conn: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` inside the caller's transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(74657)"))  # the lock Database.migrate takes
    cfg = _alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def current_revision(conn: Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


# -- values in and out --


def _encode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return utc(value).isoformat()  # type: ignore[union-attr]
    if isinstance(column.type, sa.Boolean):
        return bool(value)
    if isinstance(column.type, sa.Float):
        return float(value)
    if isinstance(column.type, sa.Integer):
        return int(value)
    return str(value)


def _decode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    ok: list[tuple[type[Any], type[Any] | tuple[type[Any], ...]]] = [
        (sa.DateTime, str),
        (sa.Boolean, bool),
        (sa.Float, (int, float)),
        (sa.Integer, int),
        (sa.String, str),
    ]
    for base, types in ok:
        if isinstance(kind, base):
            if not isinstance(value, types) or (base is not sa.Boolean and isinstance(value, bool)):
                raise BackupError(f"{column.table.name}.{column.name}: not a {base.__name__}: {short(value)}")
            break
    if isinstance(kind, sa.DateTime):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise BackupError(
                f"{column.table.name}.{column.name}: not a date and time: {short(value)}"
            ) from None
    try:
        if isinstance(kind, sa.DateTime):
            return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
        return float(value) if isinstance(kind, sa.Float) else value
    except OverflowError:  # year 1 east of UTC, year 9999 west of it; an integer such as 10**400
        raise BackupError(f"{column.table.name}.{column.name}: out of range: {short(value)}") from None


def _order(conn: Connection, table: sa.Table) -> list[Any]:
    """Primary-key order, text compared by code point on both databases."""
    keys: list[Any] = []
    for column in table.primary_key.columns:
        if isinstance(column.type, sa.String) and conn.dialect.name == "postgresql":
            keys.append(column.collate("C"))
        else:
            keys.append(column)
    return keys


# -- backup --


def dump_lines(conn: Connection, now: datetime) -> Iterator[str]:
    """The dump, line by line, read on ``conn`` (one snapshot: the caller's transaction)."""
    revision = current_revision(conn)
    head = head_revision()
    if revision != head:
        raise BackupError(
            f"the database is at schema {revision or 'none'}, this mglearn writes {head}: "
            "run `mglearn db upgrade` first"
        )
    tables = backed_up_tables()
    header = {
        "format": FORMAT,
        "version": VERSION,
        "schema": revision,
        "created_at": utc(now).isoformat(),  # type: ignore[union-attr]
        "tables": [table.name for table in tables],
    }
    yield json.dumps(header)
    rows = 0
    for table in tables:
        query = sa.select(table).order_by(*_order(conn, table)).execution_options(yield_per=_BATCH)
        for row in conn.execute(query):
            values = {c.name: _encode(c, row._mapping[c.name]) for c in table.columns}
            yield json.dumps({"table": table.name, "row": values}, sort_keys=False)
            rows += 1
    yield json.dumps({"end": True, "rows": rows})


def backup(db: Database, path: str | os.PathLike[str], now: datetime) -> Summary:
    """Write the dump of the store's database to ``path`` (complete, or not at all)."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    engine = db.engine
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    lines = 0
    try:
        with (
            store_errors(),
            engine.connect() as conn,
            conn.begin(),
            private_files.open_owner_only(partial) as fh,  # 0600: the backup holds everything
        ):
            for line in dump_lines(conn, now):
                fh.write(line + "\n")
                lines += 1
            fh.flush()
            os.fsync(fh.fileno())
            schema = current_revision(conn) or ""
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return Summary(len(backed_up_tables()), lines - 2, schema)  # less the header and end lines


# -- restore --


def _parse(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise BackupError(f"line {number} is not JSON: the file is damaged") from None
        except RecursionError:
            raise BackupError(f"line {number} is nested too deeply: the file is damaged") from None
        if not isinstance(item, dict):
            raise BackupError(f"line {number} is not a JSON object: the file is damaged")
        yield number, item


class _Keys:
    """The keys restored so far, to refuse a repeated key or a reference to a missing parent
    by its line (parents come first) before the database would, with a vaguer message."""

    def __init__(self, tables: Iterable[sa.Table]) -> None:
        self.unique: dict[str, list[tuple[str, ...]]] = {}
        for table in tables:
            sets = [tuple(c.name for c in table.primary_key.columns)]
            sets += [(c.name,) for c in table.columns if c.unique]
            sets += [
                tuple(c.name for c in con.columns)
                for con in table.constraints
                if isinstance(con, sa.UniqueConstraint)
            ]
            self.unique[table.name] = list(dict.fromkeys(sets))
        self.seen: dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]] = {}
        self.links = Links()  # draws and answers against the restored questions

    def problem(self, table: sa.Table, row: dict[str, Any]) -> str | None:
        for fk in table.foreign_keys:
            value = row.get(fk.parent.name)
            target = (fk.column.table.name, (fk.column.name,))
            if value is not None and (value,) not in self.seen.get(target, set()):
                return f"{fk.parent.name}: no {fk.column.table.name} row has {fk.column.name} {short(value)}"
        for names in self.unique[table.name]:
            key = tuple(row.get(n) for n in names)
            if None not in key and key in self.seen.get((table.name, names), set()):
                return f"{', '.join(names)}: {short(key if len(key) > 1 else key[0])} is there twice"
        return self.links.problem(table.name, row)

    def add(self, table: sa.Table, row: dict[str, Any]) -> None:
        for names in self.unique[table.name]:
            self.seen.setdefault((table.name, names), set()).add(tuple(row.get(n) for n in names))
        for column in table.primary_key.columns:  # what children refer to
            self.seen.setdefault((table.name, (column.name,)), set()).add((row.get(column.name),))
        self.links.add(table.name, row)


def _checked(into: sa.Table, row: dict[str, Any], keys: _Keys) -> dict[str, Any]:
    """The row decoded and checked as the app checks what it stores (restore_rules)."""
    unknown = set(row) - set(into.columns.keys())
    if unknown:
        raise BackupError(f"{into.name}: unknown columns {sorted(unknown)}")
    values = {c.name: _decode(c, row.get(c.name)) for c in into.columns if c.name in row}
    for column in into.columns:
        if column.name not in values and not column.nullable and column.server_default is None:
            raise BackupError(f"{into.name}.{column.name}: missing (the column needs a value)")
        problem = column_problem(column, values.get(column.name))
        if problem:
            raise BackupError(f"{into.name}.{column.name}: {problem}")
    problem = row_problem(into.name, values) or keys.problem(into, values)
    if problem:
        raise BackupError(f"{into.name}.{problem}")
    keys.add(into, values)
    return values


def _check_header(header: dict[str, Any]) -> None:
    if header.get("format") != FORMAT:
        raise BackupError("not an mglearn backup (its first line is no mglearn-backup header)")
    if header.get("version") != VERSION:
        raise BackupError(f"backup format version {header.get('version')!r}; this mglearn reads {VERSION}")
    if header.get("schema") != head_revision():
        raise BackupError(
            f"the backup has schema {header.get('schema')!r}, this mglearn has {head_revision()}: "
            "restore it with the mglearn version that made it, upgrade, and back up again"
        )


def holds_data(conn: Connection) -> list[str]:
    """The names of the tables that hold rows (any of them, sessions included)."""
    return [
        table.name
        for table in t.metadata.sorted_tables
        if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
    ]


def reset_sequences(conn: Connection) -> None:
    """PostgreSQL: move each id sequence past the largest id (SQLite needs nothing: its
    INTEGER PRIMARY KEY takes max(id) + 1)."""
    if conn.dialect.name != "postgresql":
        return
    present = set(sa.inspect(conn).get_table_names())
    for table in t.metadata.sorted_tables:
        if table.name not in present:
            continue  # an older schema (the upgrade fixtures): not made yet
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                conn.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "  # noqa: S608
                        f'coalesce(max("{column.name}"), 1), max("{column.name}") IS NOT NULL) '
                        f'FROM "{table.name}"'
                    )
                )


def restore(db: Database, lines: IO[str] | Iterable[str], *, replace: bool = False) -> Summary:
    """Restore a dump into the store's database, in one transaction (see the module doc)."""
    items = _parse(lines)
    first = next(items, None)
    if first is None:
        raise BackupError("the file is empty")
    header = first[1]
    _check_header(header)
    keys = _Keys(backed_up_tables())
    by_name = {table.name: table for table in backed_up_tables()}
    rows = 0
    ended = False
    with db.write() as conn:
        upgrade(conn)
        filled = holds_data(conn)
        if filled and not replace:
            raise BackupError(
                f"the database already holds data ({', '.join(filled)}): restore into an empty "
                "database, or add --force to replace everything in it"
            )
        for table in reversed(t.metadata.sorted_tables):
            if table.name in filled:
                conn.execute(table.delete())
        pending: dict[str, list[dict[str, Any]]] = {}
        lines_of: dict[str, list[int]] = {}

        def flush(name: str) -> None:
            if pending.get(name):
                numbers = lines_of.pop(name)
                try:
                    conn.execute(by_name[name].insert(), pending.pop(name))
                except (sa.exc.IntegrityError, sa.exc.DataError, OverflowError) as err:
                    cause = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
                    raise BackupError(
                        f"lines {numbers[0]}-{numbers[-1]} ({name}): the database refused them: {cause}"
                    ) from None

        for number, item in items:
            if ended:
                raise BackupError("lines after the end line: the file is damaged")
            if item.get("end") is True:
                ended = True
                if item.get("rows") != rows:
                    raise BackupError(f"the end line counts {item.get('rows')} rows, the file holds {rows}")
                continue
            name, row = item.get("table"), item.get("row")
            into = by_name.get(str(name))
            if into is None or not isinstance(row, dict):
                raise BackupError(f"line {number}: unknown table {short(name)} in the backup")
            try:
                values = _checked(into, row, keys)
            except BackupError as err:
                raise BackupError(f"line {number}: {err}") from None
            for other in list(pending):
                if other != into.name:  # a table is complete once the next begins: parents first
                    flush(other)
            pending.setdefault(into.name, []).append(values)
            lines_of.setdefault(into.name, []).append(number)
            rows += 1
            if len(pending[into.name]) >= _BATCH:
                flush(into.name)
        if not ended:
            raise BackupError("the file ends before its end line: it was cut off, nothing restored")
        for name in list(pending):
            flush(name)
        reset_sequences(conn)
    return Summary(len(by_name), rows, str(header["schema"]))
