"""Start a real, throw-away PostgreSQL server (Debian's `postgresql` package) for tests."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from .browser import free_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path:
        return path
    pytest.fail("PostgreSQL is missing: run `bash scripts/test.sh` as root, or `apt-get install postgresql`.")


def _as_owner(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the `postgres` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh server; env MGLEARN_TEST_POSTGRES_URL uses one you run."""
    given = os.environ.get("MGLEARN_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    root = tempfile.mkdtemp(prefix="mglearn-pg-")
    data, sock = os.path.join(root, "data"), os.path.join(root, "sock")
    os.makedirs(sock)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = free_port()
    subprocess.run(
        _as_owner([initdb, "-D", data, "-U", "mglearn", "--auth=trust", "-E", "UTF8", "--no-sync"]),
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_owner([pg_ctl, "-D", data, "-o", opts, "-l", os.path.join(root, "log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        url = f"postgresql+psycopg://mglearn@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        import sqlalchemy as sa

        while True:
            try:
                engine = sa.create_engine(url)
                with engine.connect():
                    pass
                engine.dispose()
                break
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        subprocess.run(_as_owner([pg_ctl, "-D", data, "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_pg(pg_url: str) -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards (each time on a new
    connection: a test may have restarted the server in between)."""
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"

    def admin(sql: str) -> None:
        engine = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(sql)
        engine.dispose()

    admin(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    finally:
        admin(f'DROP DATABASE "{name}" WITH (FORCE)')
