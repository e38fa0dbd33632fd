"""Files that hold secrets are the owner's alone (issue 33): the SQLite database, backups and
the signing key are made with mode 0600 and their folders, when we make them, 0700, whatever
the process umask (the mode is given to ``open(2)``/``mkdir(2)`` themselves, then fixed with
``chmod`` in case the umask was wider still; no process-wide ``umask`` call, which would race
with other threads). SQLite gives its ``-wal`` and ``-shm`` files the database file's mode.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TextIO

OWNER_ONLY = 0o600
OWNER_FOLDER = 0o700


def exposed(mode: int) -> bool:
    """True when group or others may read, write or run the file."""
    return bool(stat.S_IMODE(mode) & 0o077)


def make_folder(path: Path) -> None:
    """Make ``path`` and missing parents; the ones made here are 0700 (existing ones stay)."""
    missing = []
    for folder in [path, *path.parents]:
        if folder.exists():
            break
        missing.append(folder)
    path.mkdir(mode=OWNER_FOLDER, parents=True, exist_ok=True)
    for folder in missing:
        os.chmod(folder, OWNER_FOLDER)


def ensure_owner_only(path: Path) -> int | None:
    """Make ``path`` an empty 0600 file when it is missing; tighten an existing file of ours
    that others may read to 0600. Returns its mode before, when that was wider, else None."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    except FileExistsError:
        info = path.stat()
        if not exposed(info.st_mode) or info.st_uid != os.geteuid():
            return None
        os.chmod(path, OWNER_ONLY)
        return stat.S_IMODE(info.st_mode)
    os.fchmod(fd, OWNER_ONLY)
    os.close(fd)
    return None


def open_owner_only(path: Path, encoding: str = "ascii") -> TextIO:
    """A new file (truncated if present) open for writing, mode 0600 from its first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    os.fchmod(fd, OWNER_ONLY)
    return os.fdopen(fd, "w", encoding=encoding)
