"""SECURITY.md's staff-account table (issue 33) names tests that exist: every
`tests/file.py::test` and `tests/file.py` it cites is there, and every ASVS 5.0 V6/V7 level 1
and 2 requirement has its row."""

from __future__ import annotations

import ast
import re

from mglearn.content import PROJECT_ROOT

SECURITY = (PROJECT_ROOT / "SECURITY.md").read_text(encoding="utf-8")
SECTION = SECURITY.split("## Staff accounts: OWASP ASVS 5.0", 1)[1].split("\n## ", 1)[0]
LEVEL_1_AND_2 = [
    *[f"6.1.{i}" for i in range(1, 4)],
    *[f"6.2.{i}" for i in range(1, 13)],
    *[f"6.3.{i}" for i in range(1, 5)],
    *[f"6.4.{i}" for i in range(1, 5)],
    *[f"6.5.{i}" for i in range(1, 6)],
    "6.6.1–6.6.3",
    "6.8.1–6.8.4",
    *[f"7.1.{i}" for i in range(1, 4)],
    *[f"7.2.{i}" for i in range(1, 5)],
    *[f"7.3.{i}" for i in range(1, 3)],
    *[f"7.4.{i}" for i in range(1, 6)],
    *[f"7.5.{i}" for i in range(1, 3)],
    *[f"7.6.{i}" for i in range(1, 3)],
]


def test_every_level_1_and_2_requirement_has_a_row() -> None:
    rows = {
        line.split("|")[1].strip().split(" ")[0] for line in SECTION.splitlines() if line.startswith("| ")
    }
    assert [r for r in LEVEL_1_AND_2 if r not in rows] == []


def test_every_cited_test_exists() -> None:
    cited = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?", SECTION)
    assert len(cited) > 40
    last_file = ""
    for file, name in cited:
        path = PROJECT_ROOT / file
        assert path.exists(), file
        last_file = file
        if name:
            names = {
                n.name
                for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(n, ast.FunctionDef)
            }
            assert name in names, f"{file}::{name}"
    # `::name` right after a file cites a test of that file
    for name in re.findall(r"`::(\w+)`", SECTION):
        assert any(
            name
            in {
                n.name
                for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                if isinstance(n, ast.FunctionDef)
            }
            for p in (PROJECT_ROOT / "tests").glob("test_*.py")
        ), name
    assert last_file
