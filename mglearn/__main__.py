"""Command line: ``python -m mglearn check [ROOT]`` and friends."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .check import check_root


def _check(args: argparse.Namespace) -> int:
    content, problems = check_root(args.root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    n_questions = sum(len(q.questions) for q in content.quizzes)
    print(f"OK: {len(content.lessons)} lessons, {len(content.quizzes)} quizzes, {n_questions} questions.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mglearn", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate lessons/ and quizzes/ of a content root")
    check.add_argument("root", nargs="?", default=None, help="content root (default: the project's)")
    check.set_defaults(func=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
