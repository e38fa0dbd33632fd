"""The audit log's vocabulary (issue 33), shared by the store (mglearn.store.audit), the pages
and the command line: the kinds of event, who acts, and an event as read back. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

COMMAND_LINE = "command line"  # the "from where" of an event done with `mglearn ...` on the server

# What an event can be (the admin page's filter lists them in this order).
KINDS = (
    "signin_ok",  # a session opened (after the password and the code, or an LMS launch)
    "signin_failed",  # at sign-in: a wrong password, a wrong code, or a deactivated account
    "reauth_failed",  # a wrong password or code (or a code used already) before a sensitive act
    "lockout",  # too many wrong codes: the account's second step is locked
    "factor_enrolled",
    "factor_reset",
    "recovery_code_used",
    "password_changed",
    "session_ended",  # signed out, or ended by the trainer or an administrator
    "account_created",
    "account_deactivated",
    "account_reactivated",
    "role_changed",
    "certificate_revoked",
    "database_restored",
)
SIZES = {"actor": 80, "target": 200, "client": 200, "detail": 500}


@dataclass(frozen=True)
class Actor:
    """Who acts, when and from where: what a store method that has no ``now`` of its own takes
    to write its event (``name``: the account acting; None when the method knows it)."""

    now: datetime
    name: str | None = None
    client: str | None = None


@dataclass(frozen=True)
class AuditEvent:
    at: datetime
    actor: str
    kind: str
    target: str
    client: str
    detail: str
