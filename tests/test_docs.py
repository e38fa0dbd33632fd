"""The README documents every setting and every command the code has."""

from __future__ import annotations

import re

from mglearn.__main__ import build_parser
from mglearn.content import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


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
                assert f"python -m mglearn {name} {child}" in README, (name, child)
        else:
            assert f"python -m mglearn {name}" in README, name


def test_quick_start_commands_exist() -> None:
    for script in ("scripts/start.sh", "scripts/test.sh"):
        assert f"bash {script}" in README
        assert (PROJECT_ROOT / script).exists()
    assert "scripts/test.sh" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
