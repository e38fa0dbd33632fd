"""`mglearn db upgrade`: the migrations by hand, safe when several run at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from mglearn.__main__ import main
from mglearn.content import PROJECT_ROOT


def head_revision(url: str) -> str | None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def test_db_upgrade_creates_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    monkeypatch.setenv("MGLEARN_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert "is up to date" in capsys.readouterr().out
    first = head_revision(url)
    assert first
    assert main(["db", "upgrade"]) == 0  # again: nothing to do
    assert head_revision(url) == first


def test_db_upgrade_reports_a_bad_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MGLEARN_DATABASE_URL", "mysql://nobody@nowhere/db")
    assert main(["db", "upgrade"]) == 1
    assert "MGLEARN_DATABASE_URL" in capsys.readouterr().err


@pytest.mark.postgres
def test_several_upgrades_at_once_on_postgres(pg_url: str) -> None:
    """Three servers starting at once: the advisory lock lets one migrate, the others wait."""
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    env = {**os.environ, "MGLEARN_DATABASE_URL": pg_url}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mglearn", "db", "upgrade"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    assert head_revision(pg_url)
