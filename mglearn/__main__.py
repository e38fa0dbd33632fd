"""The mglearn command line (installed into .venv by scripts/start.sh): check [ROOT], export gift|moodle-xml,
trainer add|passwd|list, verify FILE, certificate revoke CODE, db upgrade|backup|restore.
Each command's --help says more."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence

from . import cli_admin, cli_examday, cli_lti, cli_moodle, cli_staff, i18n, settings
from .certificates.verify_ld import verify_file as _verify
from .content import Content, default_content_dir, testwise
from .content.check import check_root
from .content.itemrules import check_items
from .errors import StoreConfigError, StoreError, UserError


def _check(args: argparse.Namespace) -> int:
    root = args.root if args.root is not None else default_content_dir(settings.current())
    content, problems = check_root(root)
    report = check_items(content, root)
    for problem in problems:
        print(problem)
    for warning in report.warnings:
        print(warning)
    print(report.summary)
    played = [] if problems else testwise.play(content)  # the test-wise candidate (docs/AUTHORING.md)
    if played:
        print(testwise.report(played))
    checks = [] if problems else testwise.play_checks(content)  # the check items apart (issue 30)
    if checks:
        print(testwise.report(checks, of="check items"))
    played += checks
    if not problems and args.responses:
        lines = _label_report(content)
        print("\n".join([*lines, f"Labels: {len(lines)} item(s) disagree with the answers in the database."]))
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    if report.warnings and args.strict:
        print(f"{len(report.warnings)} warning(s) found; --strict makes them fail.", file=sys.stderr)
        return 1
    cued = [r for r in played if r.beats or r.below]
    if cued and args.strict:
        print(
            f"{len(cued)} test-wise strategies land outside chance's range; --strict makes them fail.",
            file=sys.stderr,
        )
        return 1
    n_questions = sum(len(q.questions) for q in content.quizzes)
    warned = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    counts = f"{len(content.lessons)} lessons, {len(content.quizzes)} quizzes, {n_questions} questions"
    n_checks = sum(1 for _ in content.check_items())
    counts += f", {n_checks} check items" if n_checks else ""
    print(f"OK: {counts}{warned}.")
    return 0


def _export_gift(args: argparse.Namespace) -> int:
    from .gift import gift

    return cli_moodle.export_bank(args, gift)


def _read_password(confirm: bool) -> str:
    """Ask twice on a terminal; read one line from stdin in scripts."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Repeat password: ") != first:
        raise UserError("error.password_mismatch")
    return first


def _trainer(args: argparse.Namespace) -> int:
    from .clock import utcnow
    from .store import Store

    store = Store()
    if args.action == "list":
        for trainer in store.trainers.all_trainers():
            print(f"{trainer.name}\t{trainer.created_at:%Y-%m-%d}")
        return 0
    password = _read_password(confirm=True)
    if args.action == "add":
        store.trainers.add_trainer(args.name, password, utcnow(), by=cli_admin.command_line(utcnow()))
        print(f"Trainer '{args.name}' added.")
    else:
        store.trainers.set_password(args.name, password, cli_admin.command_line(utcnow()))
        print(f"Password of '{args.name}' changed.")
    return 0


def _certificate(args: argparse.Namespace) -> int:
    from .clock import utcnow
    from .store import Store

    store = Store()
    now = utcnow()  # one clock for the command
    before = store.certificates.certificate(args.code)
    if before is not None and before.revoked_at is not None:  # the store keeps the first revocation
        raise UserError(
            "cli.already_revoked",
            code=before.code,
            date=f"{before.revoked_at:%Y-%m-%d}",
            reason=before.revoked_reason or "",
        )
    by = cli_admin.command_line(now)
    cert = store.certificates.revoke_certificate(args.code, args.reason, now, actor=by.name, client=by.client)
    print(f"Certificate {cert.code} revoked on {cert.revoked_at:%Y-%m-%d}: {cert.revoked_reason}")
    return 0


def _db(args: argparse.Namespace) -> int:
    """Bring the schema to the newest migration (the app servers also do this when they start;
    a PostgreSQL lock makes several at once safe)."""
    from .store import Store

    store = Store(migrate=False)
    try:
        store.db.migrate()
        print(f"Database {store.db.safe_url} is up to date.")
    finally:
        store.dispose()
    return 0


def _db_backup(args: argparse.Namespace) -> int:
    """Write a portable dump of all learner data (mglearn/store/backup.py) to FILE."""
    from .clock import utcnow
    from .store import Store
    from .store.backup import BackupError, backup

    store = Store(migrate=False)
    try:
        before = exposed_mode(args.file)
        summary = backup(store.db, args.file, utcnow())
        after = exposed_mode(args.file)
    except BackupError as err:
        print(f"Backup refused: {err}", file=sys.stderr)
        return 1
    finally:
        store.dispose()
    print(
        f"Backed up {summary.rows} rows of {summary.tables} tables (schema {summary.schema}) to {args.file}."
    )
    if before is not None:
        print(
            f"Warning: {args.file} was readable by group or others (mode {before:04o}): the new backup "
            "is owner-only (0600), but copies of the old one may not be; a backup holds every "
            "learner's data and the trainers' password hashes",
            file=sys.stderr,
        )
    if after is not None:
        print(
            f"Warning: {args.file} is readable by group or others (mode {after:04o}): this file "
            "system does not keep 0600; move the backup somewhere only you can read",
            file=sys.stderr,
        )
    return 0


def exposed_mode(path: str) -> int | None:
    """The file's mode when group or others may read it (None: owner-only or absent)."""
    import stat

    from .private_files import exposed

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return stat.S_IMODE(mode) if exposed(mode) else None


def _db_restore(args: argparse.Namespace) -> int:
    """Restore FILE into the database, in one transaction; an empty database unless --force."""
    from .store import Store
    from .store.backup import BackupError, restore

    store = Store(migrate=False)
    try:
        with open(args.file, encoding="ascii", errors="strict") as fh:
            summary = restore(store.db, fh, replace=args.force)
        cli_admin.record_restore(store, args.file, summary.rows)  # the audit log, after the restore
    except (BackupError, UnicodeDecodeError) as err:
        print(f"Restore refused, nothing changed: {err}", file=sys.stderr)
        return 1
    finally:
        store.dispose()
    print(f"Restored {summary.rows} rows of {summary.tables} tables into {store.db.safe_url}.")
    return 0


def _label_report(content: Content) -> list[str]:
    """Items whose facility in the database (quiz and exam answers) disagrees with their label."""
    import pandas as pd

    from .analytics import label_disagreements
    from .exam import EXAM_ID
    from .store import Store

    store = Store()  # (a database not yet used gets its tables, as `trainer list` does: no answers)
    exam = pd.DataFrame(store.groups.responses(EXAM_ID))
    lines = []
    for quiz in content.quizzes:
        responses = pd.concat([pd.DataFrame(store.groups.responses(quiz.id)), exam], ignore_index=True)
        where = content.locate(quiz)
        for i, q, facility, n, flag in label_disagreements(quiz, responses):
            path, line = (where.path, where.line(("questions", i))) if where else ("?", 1)
            lines.append(
                f"{path}:{line}: {q.id}: labelled {q.difficulty}, facility {facility:.2f} over {n} answers: "
                f"{'easier' if flag == 'answered_easier' else 'harder'} than its label; relabel it"
            )
    return lines


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mglearn", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate lessons/ and quizzes/ of a content root")
    check.add_argument("root", nargs="?", default=None, help="content root (default: the project's)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) on item-writing warnings and answer cues too, not only on errors",
    )
    check.add_argument(
        "--responses",
        action="store_true",
        help="also compare each item's difficulty label with the answers in the database",
    )
    check.set_defaults(func=_check)

    export = sub.add_parser("export", help="export the question bank")
    export_sub = export.add_subparsers(dest="format", required=True)
    gift = export_sub.add_parser("gift", help="Moodle GIFT format")
    gift.add_argument("--lang", choices=["nl", "en"], default="nl")
    gift.add_argument("--root", default=None, help="content root (default: the project's)")
    gift.add_argument("-o", "--output", default=None, help="file to write (default: standard output)")
    gift.set_defaults(func=_export_gift)
    cli_moodle.add_parser(export_sub)

    trainer = sub.add_parser("trainer", help="manage trainer accounts")
    trainer_sub = trainer.add_subparsers(dest="action", required=True)
    for action, text in (("add", "create a trainer (asks for a password)"), ("passwd", "change a password")):
        cmd = trainer_sub.add_parser(action, help=text)
        cmd.add_argument("name")
        cmd.set_defaults(func=_trainer)
    trainer_sub.add_parser("list", help="list trainers").set_defaults(func=_trainer)
    cli_staff.add_trainer_actions(trainer_sub)

    verify = sub.add_parser("verify", help="check a certificate's signed credential (.json, .png or .jwt)")
    verify.add_argument("file", help="the credential the candidate downloaded (JSON, baked PNG or VC-JWT)")
    source = verify.add_mutually_exclusive_group()
    source.add_argument("--key", help="a public key file: PEM, JWK or JWK Set (/issuer/jwks)")
    source.add_argument("--issuer", help="the issuer's address (e.g. https://host): keys and revocations")
    verify.set_defaults(func=_verify)

    certificate = sub.add_parser("certificate", help="manage certificates")
    certificate_sub = certificate.add_subparsers(dest="action", required=True)
    revoke = certificate_sub.add_parser("revoke", help="revoke a certificate by its verification code")
    revoke.add_argument("code")
    revoke.add_argument("--reason", required=True, help="why (not public: /verify shows the date)")
    revoke.set_defaults(func=_certificate)

    db = sub.add_parser("db", help="manage the database (MGLEARN_DATABASE_URL)")
    db_sub = db.add_subparsers(dest="action", required=True)
    db_sub.add_parser("upgrade", help="run the migrations up to the newest").set_defaults(func=_db)
    dump = db_sub.add_parser("backup", help="write all learner data to FILE (portable JSON lines)")
    dump.add_argument("file")
    dump.set_defaults(func=_db_backup)
    load = db_sub.add_parser("restore", help="load a backup FILE into an empty database (one transaction)")
    load.add_argument("file")
    load.add_argument("--force", action="store_true", help="replace all data the database holds")
    load.set_defaults(func=_db_restore)
    cli_lti.add_parser(sub)
    cli_examday.add_parser(sub)
    cli_admin.add_parser(sub)
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
    except StoreError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"Cannot use the database (check MGLEARN_DATABASE_URL): {first}", file=sys.stderr)
        return 1
    except OSError as err:
        where = getattr(err, "filename", "") or "the file"
        print(f"Cannot read {where}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
