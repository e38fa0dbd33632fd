"""Trainer passwords: argon2id (memory-hard), verified in constant time; the rules a new
password must meet (issue 33, OWASP ASVS 5.0 V6.2).

- At least MIN_LENGTH = 12 characters. ASVS 5.0 requires at least 8 (V6.2.1) and strongly
  recommends 15; we chose 12 with a second factor always on for staff accounts: the password
  alone does not open an account, and 12 keeps a passphrase of two or three words possible.
- Up to MAX_LENGTH = 128 characters (ASVS: at least 64 must be allowed); spaces and any
  Unicode count as typed (no truncation, no trimming), no composition rules (no "one digit,
  one capital"), and pasting is never blocked (the forms have no such script).
- Not one of the 30,000 most common passwords of zxcvbn's list (the ``zxcvbn`` package
  4.5.0, pinned: the maintained Python port of Dropbox's zxcvbn, whose ``passwords`` list is
  drawn from leaked password sets), compared without case and with spaces removed, and not
  the account name or a word of this site (CONTEXT_WORDS), once or repeated, with at most
  four characters more.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import UserError

_hasher = PasswordHasher()  # argon2id, 64 MiB, t=3: the library's recommended defaults
_DUMMY = _hasher.hash("not a real password")
MIN_LENGTH = 12
MAX_LENGTH = 128
CONTEXT_WORDS = ("mglearn", "magnesium", "trainer", "wachtwoord", "password")


@cache
def common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def _plain(text: str) -> str:
    return "".join(text.casefold().split())


def check(password: str, name: str = "") -> None:
    """Refuse a new password that breaks a rule above, with a message saying which."""
    if len(password) < MIN_LENGTH:
        raise UserError("error.password_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise UserError("error.password_long", max=MAX_LENGTH)
    plain = _plain(password)
    if plain in common_passwords():
        raise UserError("error.password_common")
    words = [w for w in (*CONTEXT_WORDS, _plain(name)) if len(w) >= 3]
    if any(w in plain and len(plain.replace(w, "")) <= 4 for w in words):
        raise UserError("error.password_context")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    """True if the password matches; an unknown account costs the same time as a wrong one."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
