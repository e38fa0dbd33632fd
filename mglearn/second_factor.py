"""The trainer's second factor (issue 33): TOTP (RFC 6238, with pyotp) and recovery codes.

A code is six digits from HMAC-SHA1 over the 30-second step, the authenticator app's default.
It is accepted for the step now and one step either side at most (a phone's clock a little
off, a code typed as it changes), and only for a step later than the last one accepted, which
the store keeps in the database: a code that worked once fails on every server afterwards,
and so does every older code. Pure: the time is passed in.

Recovery codes: ten per enrolment, 120 random bits each (24 letters of the codes' alphabet, no
0/O or 1/I, shown in groups of four, from ``secrets``), stored as SHA-256 hashes, each good
once. ASVS 5.0 V6.5.2 allows a standard hash only for lookup secrets of 112 bits or more (else
a salted password hash, which would cost ten argon2 checks a try): hence 120 bits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp

STEP_SECONDS = 30
DIGITS = 6
WINDOW = 1  # steps either side of now
RECOVERY_CODES = 10
RECOVERY_LENGTH = 24
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_FAILURES = 5  # wrong codes in a row before the account is locked
LOCK_MINUTES = 15
ISSUER = "mglearn"


def new_secret() -> str:
    """A new shared secret: 160 random bits in base32 (RFC 4226's recommended length)."""
    return pyotp.random_base32(32)


def uri(secret: str, name: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def step_at(now: datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def code_at(secret: str, step: int) -> str:
    return pyotp.TOTP(secret).generate_otp(step)


def _digits(code: str) -> str | None:
    code = "".join(code.split())
    return code if len(code) == DIGITS and code.isascii() and code.isdigit() else None


def matching_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """The step the code belongs to, if it is one of now ±WINDOW and later than ``last_step``."""
    typed = _digits(code)
    if typed is None:
        return None
    here = step_at(now)
    for step in range(here - WINDOW, here + WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(code_at(secret, step), typed):
            return step
    return None


def looks_like_recovery(code: str) -> bool:
    return _normal(code) is not None


def _normal(code: str) -> str | None:
    letters = "".join(ch for ch in code.upper() if ch not in " -")
    if len(letters) != RECOVERY_LENGTH or any(ch not in RECOVERY_ALPHABET for ch in letters):
        return None
    return letters


def new_recovery_codes() -> list[str]:
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4)))
    return codes


def recovery_hash(code: str) -> str | None:
    """The stored form of a recovery code (None: not one)."""
    normal = _normal(code)
    return hashlib.sha256(normal.encode()).hexdigest() if normal else None
