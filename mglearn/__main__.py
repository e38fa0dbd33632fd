"""Command line (`mglearn`, installed into .venv by scripts/start.sh): ``check [ROOT]``, ``export gift``,
``trainer add|passwd|list``."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from . import i18n
from .check import check_root
from .content import default_content_dir
from .errors import StoreConfigError, UserError
from .itemrules import check_items


def _check(args: argparse.Namespace) -> int:
    content, problems = check_root(args.root)
    root = args.root if args.root is not None else default_content_dir()
    report = check_items(content, root)
    for problem in problems:
        print(problem)
    for warning in report.warnings:
        print(warning)
    print(report.summary)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    if report.warnings and args.strict:
        print(f"{len(report.warnings)} warning(s) found; --strict makes them fail.", file=sys.stderr)
        return 1
    n_questions = sum(len(q.questions) for q in content.quizzes)
    warned = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    counts = f"{len(content.lessons)} lessons, {len(content.quizzes)} quizzes, {n_questions} questions"
    print(f"OK: {counts}{warned}.")
    return 0


def _export_gift(args: argparse.Namespace) -> int:
    from .exports import gift

    content, problems = check_root(args.root)
    if problems:
        print("The content has problems; run `python -m mglearn check` first.", file=sys.stderr)
        return 1
    text = gift(content, args.lang)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _read_password(confirm: bool) -> str:
    """Ask twice on a terminal; read one line from stdin in scripts."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Repeat password: ") != first:
        raise UserError("error.password_mismatch")
    return first


def _trainer(args: argparse.Namespace) -> int:
    from .store import Store

    store = Store()
    if args.action == "list":
        for trainer in store.trainers():
            print(f"{trainer.name}\t{trainer.created_at:%Y-%m-%d}")
        return 0
    password = _read_password(confirm=True)
    if args.action == "add":
        store.add_trainer(args.name, password)
        print(f"Trainer '{args.name}' added.")
    else:
        store.set_password(args.name, password)
        print(f"Password of '{args.name}' changed.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mglearn", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate lessons/ and quizzes/ of a content root")
    check.add_argument("root", nargs="?", default=None, help="content root (default: the project's)")
    check.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on item-writing warnings too, not only on errors"
    )
    check.set_defaults(func=_check)

    export = sub.add_parser("export", help="export the question bank")
    export_sub = export.add_subparsers(dest="format", required=True)
    gift = export_sub.add_parser("gift", help="Moodle GIFT format")
    gift.add_argument("--lang", choices=["nl", "en"], default="nl")
    gift.add_argument("--root", default=None, help="content root (default: the project's)")
    gift.add_argument("-o", "--output", default=None, help="file to write (default: standard output)")
    gift.set_defaults(func=_export_gift)

    trainer = sub.add_parser("trainer", help="manage trainer accounts")
    trainer_sub = trainer.add_subparsers(dest="action", required=True)
    for action, text in (("add", "create a trainer (asks for a password)"), ("passwd", "change a password")):
        cmd = trainer_sub.add_parser(action, help=text)
        cmd.add_argument("name")
        cmd.set_defaults(func=_trainer)
    trainer_sub.add_parser("list", help="list trainers").set_defaults(func=_trainer)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except StoreConfigError as err:
        print(
            f"Cannot use the database (check MGLEARN_DATABASE_URL): {err.params.get('detail')}",
            file=sys.stderr,
        )
        return 1
    except UserError as err:
        print(i18n.t(err.key, "en", **err.params), file=sys.stderr)
        return 1
    except SQLAlchemyError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"Cannot use the database (check MGLEARN_DATABASE_URL): {first}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
