"""``mglearn group accommodate|accommodations``: exam accommodations from the command line
(issue 32), for the operator of the server; a trainer sets the same on the groups page.

    mglearn group accommodate GR-XXXX-XXXX-XXXX MG-XXXX-XXXX-XXXX --multiplier 1.5
    mglearn group accommodate GR-... MG-... --extra-minutes 15 --extra-attempts 1
    mglearn group accommodate GR-... MG-... --clear
    mglearn group accommodations GR-...
"""

from __future__ import annotations

import argparse
from typing import Any

from .accommodations import MULTIPLIERS, NONE, Accommodation
from .errors import NotFound


def describe(acc: Accommodation) -> str:
    parts = []
    if acc.multiplier != 1:
        parts.append(f"x{acc.multiplier:g} time")
    if acc.extra_minutes:
        parts.append(f"+{acc.extra_minutes} min")
    if acc.extra_attempts:
        parts.append(f"+{acc.extra_attempts} attempt{'s' if acc.extra_attempts != 1 else ''}")
    return ", ".join(parts) or "none"


def _found(store: Any, group_code: str, learner_code: str | None, now: Any) -> tuple[Any, Any]:
    group = store.groups.group_by_code(group_code, now=now)
    if group is None:
        raise NotFound("error.join_unknown")
    learner = store.learners.learner_by_code(learner_code, now=now) if learner_code else None
    if learner_code and learner is None:
        raise NotFound("accommodation.not_member")
    return group, learner


def _accommodate(args: argparse.Namespace) -> int:
    from .clock import utcnow
    from .store import Store

    store = Store()
    now = utcnow()
    group, learner = _found(store, args.group, args.learner, now)
    acc = NONE if args.clear else Accommodation(args.extra_minutes, args.multiplier, args.extra_attempts)
    moved = store.accommodations.set_accommodation(group, learner.id, acc, now)
    print(f"{learner.name} in {group.name}: {describe(acc)}")
    if moved is not None:
        deadline = store.accommodations.exam_deadline(moved)
        print(
            f"Running exam: new deadline {deadline:%Y-%m-%d %H:%M:%S} UTC"
            if deadline
            else "Running exam closed."
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    from .clock import utcnow
    from .store import Store

    store = Store()
    group, _ = _found(store, args.group, None, utcnow())
    names = {m.id: m.name for m in store.groups.members(group.id)}
    for learner_id, acc in sorted(
        store.accommodations.group_accommodations(group.id).items(), key=lambda kv: names.get(kv[0], "")
    ):
        print(f"{names.get(learner_id, learner_id)}\t{describe(acc)}")
    return 0


def add_parser(sub: Any) -> None:
    group = sub.add_parser("group", help="exam accommodations of a group's members")
    group_sub = group.add_subparsers(dest="action", required=True)
    acc = group_sub.add_parser("accommodate", help="give a member extra exam time or attempts (or --clear)")
    acc.add_argument("group", help="the group's join code (GR-...)")
    acc.add_argument("learner", help="the member's code (MG-...)")
    acc.add_argument("--multiplier", type=float, default=1.0, help=f"exam length times {MULTIPLIERS[1:]}")
    acc.add_argument("--extra-minutes", type=int, default=0, help="minutes added to the exam")
    acc.add_argument("--extra-attempts", type=int, default=0, help="more exams within the cool-down")
    acc.add_argument("--clear", action="store_true", help="take the accommodation away")
    acc.set_defaults(func=_accommodate)
    group_sub.add_parser("accommodations", help="list a group's accommodations").add_argument("group")
    group_sub.choices["accommodations"].set_defaults(func=_list)
