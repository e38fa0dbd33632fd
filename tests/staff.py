"""Helpers for tests that sign trainers in, now that a trainer needs a second factor (issue 33).

``add_enrolled_trainer`` makes a trainer with a TOTP factor already enrolled (through the
store, as enrolment would); ``totp`` computes a code with our own RFC 6238 implementation here
(HMAC-SHA1 by hand, independent of pyotp, which the app uses); ``finish_sign_in`` types the
code into the browser's code form after the password."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from datetime import UTC, datetime
from typing import Any

from mglearn import second_factor
from mglearn.records import Trainer
from mglearn.store import Store


def totp(secret: str, when: datetime | None = None, steps: int = 0, digits: int = 6) -> str:
    """RFC 6238 (TOTP, HMAC-SHA1, 30 s steps from the Unix epoch), RFC 4226's truncation."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((when or datetime.now(UTC)).timestamp()) // 30 + steps
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{value:0{digits}d}"


def add_enrolled_trainer(
    store: Store,
    name: str = "Tina",
    password: str = "correct horse",  # noqa: S107
    now: datetime | None = None,
) -> tuple[Trainer, str, list[str]]:
    """A trainer with an enrolled authenticator: (trainer, secret, recovery codes)."""
    when = now or datetime.now(UTC)
    trainer = store.trainers.add_trainer(name, password, now=when)
    secret = second_factor.new_secret()
    codes = store.factors.set_factor(trainer.id, secret, when)
    return trainer, secret, codes


def enrol(store: Store, trainer: Trainer, now: datetime | None = None) -> str:
    """Enrol a factor for an existing trainer; the secret."""
    secret = second_factor.new_secret()
    store.factors.set_factor(trainer.id, secret, now or datetime.now(UTC))
    return secret


def fresh_code(store: Store, trainer_id: int, secret: str) -> str:
    """A code not used yet: the current step's, or the next one's if this step's was taken."""
    now = datetime.now(UTC)
    last = store.factors.last_step(trainer_id)
    here = second_factor.step_at(now)
    return totp(secret, now, steps=1 if last is not None and last >= here else 0)


def finish_sign_in(page: Any, store: Store, trainer_id: int, secret: str, lang: str = "nl") -> None:
    """In a browser on the code form after the password: type a fresh code and send it."""
    from mglearn.i18n import t

    field = page.get_by_label(t("factor.code", lang), exact=True)
    field.fill(fresh_code(store, trainer_id, secret))
    page.get_by_role("button", name=t("factor.do_code", lang)).click()
