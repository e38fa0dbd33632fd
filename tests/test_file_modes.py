"""Files that hold secrets are owner-only (issue 33): the SQLite database (and its WAL and
shared-memory files), backups and the signing key are mode 0600 on disk whatever the umask,
and `mglearn db backup` warns when its target was readable by others."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mglearn.__main__ import main
from mglearn.certificates.keys import load_or_create_key
from mglearn.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The umask most systems start with (022: new files world-readable) or worse."""
    before = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(before)


@pytest.mark.usefixtures("open_umask")
def test_a_new_sqlite_database_and_its_wal_are_owner_only(tmp_path: Path) -> None:
    file = tmp_path / "data" / "mglearn.sqlite3"
    store = Store(f"sqlite:///{file}")
    store.trainers.add_trainer("Tina", "correct horse battery", now=datetime.now(UTC))
    for part in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
        assert part.exists() and mode(part) == 0o600, (part, oct(mode(part)))
    assert mode(file.parent) == 0o700  # the data folder we made
    store.dispose()


@pytest.mark.usefixtures("open_umask")
def test_an_existing_readable_database_is_made_owner_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    file = tmp_path / "old.sqlite3"
    Store(f"sqlite:///{file}").dispose()
    file.chmod(0o644)  # as the versions before issue 33 left it
    with caplog.at_level(logging.WARNING, logger="mglearn.store"):
        Store(f"sqlite:///{file}").dispose()
    assert mode(file) == 0o600
    assert any("was readable by others (mode 0644); now 0600" in r.getMessage() for r in caplog.records)


@pytest.mark.usefixtures("open_umask")
def test_the_signing_key_is_owner_only(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "signing-key.pem"
    load_or_create_key(key)
    assert mode(key) == 0o600 and mode(key.parent) == 0o700


@pytest.mark.usefixtures("open_umask")
def test_a_backup_is_owner_only_and_a_readable_target_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MGLEARN_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    Store().dispose()
    target = tmp_path / "backup.jsonl"
    assert main(["db", "backup", str(target)]) == 0
    assert mode(target) == 0o600
    assert "readable" not in capsys.readouterr().err

    target.chmod(0o644)  # a backup made by an older version, or copied with a wide mode
    assert main(["db", "backup", str(target)]) == 0
    err = capsys.readouterr().err
    assert f"Warning: {target} was readable by group or others (mode 0644)" in err
    assert mode(target) == 0o600
