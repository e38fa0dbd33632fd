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
