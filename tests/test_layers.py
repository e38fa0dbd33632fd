"""The layers (issue 28): only the store (``mglearn/store/``) and its migrations
(``mglearn/migrations/``) know the database library; pages, web.py, the command line and the
core catch mglearn's own errors (``mglearn.errors.StoreError`` and its kinds)."""

from __future__ import annotations

import ast
from pathlib import Path

from mglearn.content import PROJECT_ROOT

ALLOWED = ("mglearn/store/", "mglearn/migrations/")


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an import statement names, at any depth (a function's imports too)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def modules() -> list[Path]:
    return [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "mglearn").rglob("*.py"))]


def test_only_the_store_imports_sqlalchemy() -> None:
    offending = []
    for path in modules():
        name = path.relative_to(PROJECT_ROOT).as_posix()
        if name.startswith(ALLOWED):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=name)
        offending += [
            f"{name}:{line}: {module}"
            for line, module in imported(tree)
            if module == "sqlalchemy" or module.startswith("sqlalchemy.")
        ]
    assert offending == [], "sqlalchemy imported outside mglearn/store/ and mglearn/migrations/"


def test_the_check_sees_a_function_level_import() -> None:
    tree = ast.parse("def f():\n    from sqlalchemy.exc import OperationalError\n")
    assert imported(tree) == [(2, "sqlalchemy.exc")]
