"""The loader of a content root: ``lessons/*.yaml`` and ``quizzes/*.yaml`` into the models of
:mod:`mglearn.content.models`. Loading never raises on bad content: every problem becomes a
:class:`~mglearn.content.models.Problem` that names the file, the line (where YAML gives one)
and the id of the nearest object, so an author can find and fix it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..settings import Settings
from .models import Content, Lesson, LoadResult, Located, Problem, Quiz, _Model

#: Largest YAML file we read, and the most nodes a document may expand to (alias bombs).
MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000


class _TooBig(Exception):
    pass


def _walk_nodes(
    node: yaml.Node, loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int], budget: list[int]
) -> None:
    """Record the line of every node path; count nodes as if aliases were expanded."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            lines[loc + (key,)] = key_node.start_mark.line + 1
            _walk_nodes(value_node, loc + (key,), lines, budget)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk_nodes(item, loc + (i,), lines, budget)


def read_yaml(path: Path, shown: str) -> tuple[Any, dict[tuple[Any, ...], int], list[Problem]]:
    """Safely read one YAML file: (data, lines by node path, problems)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, {}, [Problem(shown, 1, "", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        msg = f"file is larger than {MAX_FILE_BYTES // 1000} kB; split it up"
        return None, {}, [Problem(shown, 1, "", msg)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        msg = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        return None, {}, [Problem(shown, line, "", msg)]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            return None, {}, [Problem(shown, 1, "", "file is empty")]
        lines: dict[tuple[Any, ...], int] = {}
        _walk_nodes(node, (), lines, [MAX_NODES])
        data = yaml.SafeLoader(text).get_single_data()
    except (_TooBig, RecursionError):
        msg = f"document is nested too deeply or expands to more than {MAX_NODES} nodes; simplify it"
        return None, {}, [Problem(shown, 1, "", msg)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        msg = f"YAML syntax error: {what}; check indentation, colons and quotes"
        return None, {}, [Problem(shown, line, "", msg)]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(shown, 1, "", f"YAML error: {exc}")]
    return data, lines, []


def _nearest_id(data: Any, loc: tuple[Any, ...]) -> str:
    found = ""
    node = data
    for part in (None, *loc):
        if part is not None:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def _describe(err: Any) -> str:
    kind = err["type"]
    field_name = str(err["loc"][-1]) if err["loc"] else "value"
    if kind == "missing":
        return f"missing field '{field_name}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field_name}' (check the spelling)"
    if kind == "literal_error":
        return f"'{field_name}' {err['msg'].lower()}"
    if kind in ("model_type", "dict_type"):
        return f"'{field_name}' must be a mapping (key: value), not {type(err['input']).__name__}"
    if kind == "list_type":
        return f"'{field_name}' must be a list (- item), not {type(err['input']).__name__}"
    return f"'{field_name}': {err['msg']}"


def load_file(path: Path, model: type[_Model], shown: str) -> tuple[Any, Located, list[Problem]]:
    data, lines, problems = read_yaml(path, shown)
    located = Located(shown, lines)
    if problems:
        return None, located, problems
    if not isinstance(data, dict):
        kind = type(data).__name__
        msg = f"the file must be a mapping of fields (id: ..., title: ...), not a {kind}"
        return None, located, [Problem(shown, 1, "", msg)]
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(shown, located.line(loc), _nearest_id(data, loc), _describe(err)))
        return None, located, problems
    return obj, located, []


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def load_content(root: Path | str) -> LoadResult:
    """Load every lesson and quiz under ``root`` (the setting ``MGLEARN_CONTENT_DIR``, say:
    the entry point passes it); never raises on bad content."""
    root = Path(root)
    content = Content()
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(_shown(root), 1, "", "content folder does not exist"))
        return LoadResult(content, problems)
    kinds: list[tuple[str, type[_Model], list[Any]]] = [
        ("lessons", Lesson, content.lessons),
        ("quizzes", Quiz, content.quizzes),
    ]
    for folder, model, target in kinds:
        files = sorted((root / folder).glob("*.yaml")) + sorted((root / folder).glob("*.yml"))
        if not files:
            msg = f"no {folder} found: add {folder}/*.yaml"
            problems.append(Problem(_shown(root / folder), 1, "", msg))
        for path in files:
            obj, located, file_problems = load_file(path, model, _shown(path))
            problems.extend(file_problems)
            if obj is not None:
                target.append(obj)
                content.where[id(obj)] = located
    content.lessons.sort(key=lambda lesson: (lesson.order, lesson.id))
    return LoadResult(content, problems)


def default_content_dir(values: Settings) -> Path:
    """The content folder of these settings (``MGLEARN_CONTENT_DIR``)."""
    return values.content_dir
