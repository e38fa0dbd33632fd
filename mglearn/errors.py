"""Errors a user can cause and fix. Each carries an i18n key; the UI shows its translation."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action: shown as a short message, never a traceback."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotFound(UserError):
    pass


class AttemptClosed(UserError):
    pass


class AttemptChanged(UserError):
    """A submit from a page that did not show the attempt's latest answers (another tab)."""


class StoreConfigError(UserError):
    """The database setting cannot work (unknown backend, missing driver, unwritable folder).

    Visitors see a short message; ``detail`` is for the operator (log and command line)."""


class StoreError(Exception):
    """The database failed what the store was asked (not the user's doing): a page says
    ``error.database``, the command line prints ``str()`` (the driver's message, for the
    operator). The store raises these in place of the database library's own errors, so no
    module outside ``mglearn/store/`` needs to know that library."""

    def __init__(self, message: str, *, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind or type(self).__name__  # the driver's error class, for logs


class StoreUnavailable(StoreError):
    """The database cannot be reached right now or is busy (a SQLite file locked by another
    process, a PostgreSQL server that is down or restarting): trying again later may work."""


class StoreConflict(StoreError):
    """A write the database refused by one of its constraints (a code already taken, a second
    open attempt): the store mostly handles it itself (a new code, the attempt already open)."""
