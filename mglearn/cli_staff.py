"""Staff account commands (issue 33): ``mglearn trainer reset-2fa NAME``."""

from __future__ import annotations

import argparse
from typing import Any

from .errors import UserError
from .i18n import t


def _reset_2fa(args: argparse.Namespace) -> int:
    from .store import Store

    store = Store()
    try:
        store.reset_factor(args.name)
    except UserError as err:
        print(t(err.key, "en", **err.params))
        return 1
    finally:
        store.dispose()
    print(
        f"Second factor of '{args.name}' removed, recovery codes void, every session ended: "
        "they set up a new authenticator app at their next sign-in."
    )
    return 0


def add_trainer_actions(trainer_sub: Any) -> None:
    """Add the staff actions under ``mglearn trainer``."""
    reset = trainer_sub.add_parser(
        "reset-2fa", help="remove a trainer's second factor (lost phone): they enrol anew at the next sign-in"
    )
    reset.add_argument("name")
    reset.set_defaults(func=_reset_2fa)
