"""Trainer passwords: argon2id (memory-hard), verified in constant time."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id, 64 MiB, t=3: the library's recommended defaults
_DUMMY = _hasher.hash("not a real password")
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    """True if the password matches; an unknown account costs the same time as a wrong one."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
