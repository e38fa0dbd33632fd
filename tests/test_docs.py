"""The README documents every setting and every command the code has."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from mglearn.__main__ import build_parser
from mglearn.content import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
MGLEARN = ".venv/bin/mglearn"  # what scripts/start.sh installs (pip install -e .)
# ask for a password: run with --help
INTERACTIVE = {("trainer", "add"), ("trainer", "passwd"), ("admin", "add")}
WRITES_FILES = {("db", "backup"), ("db", "restore")}  # would write a file / refuse data: --help
NEEDS_INPUT = {"verify", "certificate"}  # need a credential file or a code: run with --help
NAMES_AN_ACCOUNT = {
    ("trainer", "reset-2fa"),
    ("trainer", "sessions"),
}  # acts on an existing account: run with --help


def readme_commands() -> list[str]:
    """The command lines of the README's indented code blocks."""
    return [line.strip() for line in README.splitlines() if line.startswith("    ") and line.strip()]


def runnable(command: str) -> list[str]:
    """A README command as written, without its optional [parts]; --help when it would ask."""
    argv = shlex.split(re.sub(r"\s*\[[^\]]*\]", "", command))
    if tuple(argv[1:3]) in INTERACTIVE | WRITES_FILES | NAMES_AN_ACCOUNT or argv[1] in NEEDS_INPUT:
        argv.append("--help")
    return argv


def test_every_setting_is_documented() -> None:
    used: set[str] = set()
    for path in [*PROJECT_ROOT.glob("mglearn/**/*.py"), *PROJECT_ROOT.glob("tests/*.py")]:
        used |= set(re.findall(r"MGLEARN_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert used
    for name in sorted(used):
        assert f"`{name}`" in README, name


def test_every_cli_command_is_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, command in sub.choices.items():  # type: ignore[attr-defined]
        inner = [a for a in command._actions if a.__class__.__name__ == "_SubParsersAction"]
        if inner:
            for child in inner[0].choices:
                assert f"{MGLEARN} {name} {child}" in README, (name, child)
        else:
            assert f"{MGLEARN} {name}" in README, name


def test_quick_start_commands_exist() -> None:
    for script in ("scripts/start.sh", "scripts/test.sh"):
        assert f"bash {script}" in README
        assert (PROJECT_ROOT / script).exists()
    assert "scripts/test.sh" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_commands_run_on_a_fresh_clone(tmp_path: Path) -> None:
    """Every mglearn command in the README, run exactly as written from the project root (after
    scripts/start.sh has installed the project): no ModuleNotFoundError, exit 0."""
    commands = [c for c in readme_commands() if c.startswith(MGLEARN)]
    named = {tuple(a for a in runnable(c)[1:3] if not a.startswith("-")) for c in commands}
    assert named >= {("check",), ("export", "gift"), ("trainer", "list"), *INTERACTIVE}, named
    if not (PROJECT_ROOT / MGLEARN).exists():
        pytest.fail(f"{MGLEARN} is missing: run `bash scripts/start.sh` (it runs `pip install -e .`).")
    env = {**os.environ, "MGLEARN_DATABASE_URL": f"sqlite:///{tmp_path / 'docs.sqlite3'}"}
    env.pop("MGLEARN_CONTENT_DIR", None)
    for command in commands:
        argv = runnable(command)
        done = subprocess.run(argv, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (argv, done.stdout[-2000:], done.stderr[-2000:])
        assert "Traceback" not in done.stderr, argv
