"""Staff account commands (issue 33): ``mglearn trainer reset-2fa NAME``,
``mglearn trainer sessions NAME [--end-all]``."""

from __future__ import annotations

import argparse
from typing import Any

from .cli_admin import command_line
from .clock import utcnow
from .errors import UserError
from .i18n import t


def _reset_2fa(args: argparse.Namespace) -> int:
    from .store import Store

    store = Store()
    try:
        store.factors.reset_factor(args.name, command_line(utcnow()))
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


def _sessions(args: argparse.Namespace) -> int:
    from .store import Store

    store = Store()
    try:
        if args.end_all:
            ended = store.sessions.end_all_sessions(args.name, command_line(utcnow()))
            print(f"Ended {ended} session(s) of '{args.name}'.")
            return 0
        trainer = store.trainers.trainer_by_name(args.name)
        if trainer is None:
            print(t("error.trainer_unknown", "en", name=args.name))
            return 1
        found = store.sessions.sessions_of(trainer.id, utcnow())
    except UserError as err:
        print(t(err.key, "en", **err.params))
        return 1
    finally:
        store.dispose()
    print("opened\tlast used\texpires\tfrom\tbrowser")
    for s in found:
        when = "\t".join(f"{moment:%Y-%m-%d %H:%M}Z" for moment in (s.opened, s.last_seen, s.expires))
        print(f"{when}\t{s.client}\t{s.agent}")
    return 0


def add_trainer_actions(trainer_sub: Any) -> None:
    """Add the staff actions under ``mglearn trainer``."""
    reset = trainer_sub.add_parser(
        "reset-2fa", help="remove a trainer's second factor (lost phone): they enrol anew at the next sign-in"
    )
    reset.add_argument("name")
    reset.set_defaults(func=_reset_2fa)
    sessions = trainer_sub.add_parser("sessions", help="list a trainer's sign-in sessions, or end them all")
    sessions.add_argument("name")
    sessions.add_argument(
        "--end-all", action="store_true", help="end every session (sign the trainer out everywhere)"
    )
    sessions.set_defaults(func=_sessions)
