"""`mglearn export moodle-xml`: the question bank as Moodle XML (mglearn/exports_moodle.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any


def export_bank(args: argparse.Namespace, render: Callable[[Any, str], str]) -> int:
    """Write the checked bank as ``render`` makes it (GIFT or Moodle XML) to -o FILE or stdout."""
    from .content import default_content_dir
    from .content.check import check_root
    from .settings import current

    content, problems = check_root(args.root if args.root is not None else default_content_dir(current()))
    if problems:
        print("The content has problems; run `.venv/bin/mglearn check` first.", file=sys.stderr)
        return 1
    text = render(content, args.lang)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _export(args: argparse.Namespace) -> int:
    from .exports_moodle import moodle_xml

    return export_bank(args, moodle_xml)


def add_parser(export_sub: Any) -> None:
    """``moodle-xml`` beside ``gift`` under ``mglearn export``."""
    cmd = export_sub.add_parser("moodle-xml", help="Moodle XML format (all five question types)")
    cmd.add_argument("--lang", choices=["nl", "en"], default="nl")
    cmd.add_argument("--root", default=None, help="content root (default: the project's)")
    cmd.add_argument("-o", "--output", default=None, help="file to write (default: standard output)")
    cmd.set_defaults(func=_export)
