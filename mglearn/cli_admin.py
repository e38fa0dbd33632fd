"""Administrator commands (issue 33): ``mglearn admin add NAME`` makes an administrator account
(the first one, or another), with a password asked as ``mglearn trainer add`` asks it and under
the same rules; ``mglearn admin audit [--limit N] [--kind KIND]`` prints the audit log, newest
first. :func:`command_line` names whoever runs a command on the server in the audit log."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .errors import UserError

if TYPE_CHECKING:
    from .store import Store
from .audit import COMMAND_LINE, KINDS, Actor


def command_line(now: datetime) -> Actor:
    """Who acts from the server's command line: its user, "from" the command line."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = "?"
    return Actor(now, f"{user} ({COMMAND_LINE})", COMMAND_LINE)


def record_restore(store: Store, file: str, rows: int) -> None:
    """`mglearn db restore` done: the audit log (restored with the rest) says so."""
    from .clock import utcnow

    by = command_line(utcnow())
    store.audit.record(
        by.now, "database_restored", actor=by.name, client=by.client, detail=f"{rows} rows from {file}"
    )


def read_password() -> str:
    """Ask twice on a terminal; read one line from stdin in scripts (as `mglearn trainer add`)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise UserError("error.password_mismatch")
    return first


def _add(args: argparse.Namespace) -> int:
    from .clock import utcnow
    from .store import Store

    password = read_password()
    store = Store()
    try:
        now = utcnow()
        store.trainers.add_trainer(args.name, password, now, role="admin", by=command_line(now))
    finally:
        store.dispose()
    print(
        f"Administrator '{args.name}' added: they set up their second factor at their first "
        "sign-in, then find 'Beheer' (Administration) in the menu."
    )
    return 0


def _audit(args: argparse.Namespace) -> int:
    from .store import Store

    store = Store()
    try:
        events = store.audit.events(limit=args.limit, kind=args.kind)
    finally:
        store.dispose()
    print("when\twho\twhat\ttarget\tfrom\tdetail")
    for e in events:
        fields = (e.actor, e.kind, e.target, e.client, e.detail)
        clean = ("".join(ch if ch.isprintable() else "?" for ch in f) for f in fields)
        print(f"{e.at:%Y-%m-%d %H:%M:%S}Z\t" + "\t".join(clean))
    return 0


def add_parser(sub: Any) -> None:
    admin = sub.add_parser("admin", help="administrator accounts and the audit log")
    admin_sub = admin.add_subparsers(dest="action", required=True)
    add = admin_sub.add_parser("add", help="create an administrator account (asks for a password)")
    add.add_argument("name")
    add.set_defaults(func=_add)
    audit = admin_sub.add_parser("audit", help="print the audit log of security events, newest first")
    audit.add_argument("--limit", type=int, default=100, help="how many events (default 100)")
    audit.add_argument("--kind", choices=KINDS, default=None, help="only events of this kind")
    audit.set_defaults(func=_audit)
