"""The certificate signing key file: made once, written whole or not at all, and an unusable
one reported once while everything that needs no new signature keeps working."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

try:
    import fcntl
except ImportError:  # (Windows: no lock; the reload after the replace still holds)
    fcntl = None  # type: ignore[assignment]

from .. import private_files

log = logging.getLogger("mglearn.certificates")


class SigningKeyError(Exception):
    """The signing key file cannot be used (unreadable, damaged, not Ed25519) or not be made
    (a full disk): the message says which file and what to do. Nothing signed before is lost:
    every public key that ever signed stays published in the store."""


def _unreadable(path: Path, why: str) -> str:
    return (
        f"the signing key {path} cannot be read ({why}): restore it from your backup, or move it "
        "away so a new one is made (what it signed keeps verifying: its public key stays published)"
    )


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 key in ``path`` (PEM, PKCS#8); made there (mode 0600) when missing or
    empty (a start cut off before it was written). It is written to a temporary file in the
    same folder, flushed to the disk and then linked into place, so the file is either whole
    or absent. An unusable file raises :class:`SigningKeyError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _make_key(path, replace=False)
    except OSError as err:
        raise SigningKeyError(_unreadable(path, err.strerror or str(err))) from None
    if not data.strip():
        return _replace_empty(path)
    try:
        loaded = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise SigningKeyError(_unreadable(path, "not a PEM private key")) from None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SigningKeyError(_unreadable(path, "not an Ed25519 key"))
    return loaded


def _replace_empty(path: Path) -> Ed25519PrivateKey:
    """Replace an empty key file, one process at a time (a lock on the empty file where the
    system has one), then use the key the file holds: a process that started at the same
    moment may have replaced it too, and a key no longer on disk must not sign."""
    try:
        with path.open("rb") as empty:
            if fcntl is not None:
                fcntl.flock(empty, fcntl.LOCK_EX)  # released when closed
            if not path.read_bytes().strip():  # no other process replaced it while this one waited
                log.warning("the signing key %s is empty (its making was cut off): making a new one", path)
                _make_key(path, replace=True)
    except FileNotFoundError:
        pass  # moved away meanwhile: made anew below
    except OSError as err:
        raise SigningKeyError(_unreadable(path, err.strerror or str(err))) from None
    return load_or_create_key(path)


def _make_key(path: Path, replace: bool) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        private_files.make_folder(path.parent)
        fd, temp = tempfile.mkstemp(prefix=".signing-key-", suffix=".tmp", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(pem)
                fh.flush()
                os.fsync(fh.fileno())
            if replace:
                os.replace(temp, path)
            else:
                try:
                    os.link(temp, path)  # fails when the name exists: never over another's key
                except FileExistsError:  # another process made it first: use theirs
                    return load_or_create_key(path)
                except OSError:  # a file system without hard links: rename, unless one came first
                    if path.exists():
                        return load_or_create_key(path)
                    os.replace(temp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        _sync_folder(path.parent)
    except OSError as err:
        raise SigningKeyError(
            f"the signing key {path} cannot be written ({err.strerror or err}): "
            "make room or fix the folder's permissions, then start again"
        ) from None
    log.warning("made a new signing key in %s: back it up (see README, Certificates)", path)
    return key


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable (a crash after the rename keeps the file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # (a file system that cannot sync a folder)
        pass
    finally:
        os.close(fd)


_TOLD: set[str] = set()


def tell_key_problem(err: SigningKeyError) -> None:
    """Log an unusable signing key once per process, not on every page or request."""
    if str(err) not in _TOLD:
        _TOLD.add(str(err))
        log.error("%s", err)
