"""Content models (pydantic) and a loader for a content root.

A content root holds ``lessons/*.yaml`` and ``quizzes/*.yaml``. Loading never raises on bad
content: every problem becomes a :class:`Problem` that names the file, the line (where YAML
gives one) and the id of the nearest object, so an author can find and fix it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import settings
from .settings import PROJECT_ROOT as PROJECT_ROOT

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")
QuestionType = Literal["single", "multiple", "true_false", "matching", "gapselect"]
Difficulty = Literal["easy", "medium", "hard"]

#: Largest YAML file we read, and the most nodes a document may expand to (alias bombs).
MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    id: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.id or '-'}: {self.message}"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A text in both languages; Dutch is the source."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class Section(_Model):
    id: str = Field(min_length=1)
    title: Text
    body: Text


class ContextNote(_Model):
    text: Text
    reference: str = Field(min_length=1)


class Lesson(_Model):
    id: str = Field(min_length=1)
    order: int
    title: Text
    minutes: int = Field(ge=1, le=240)
    source: str = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    key_points: list[Text] = []
    context_notes: list[ContextNote] = []

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


class Option(_Model):
    text: Text
    correct: bool = False
    feedback: Text


class Pair(_Model):
    left: Text
    right: Text


class Question(_Model):
    id: str = Field(min_length=1)
    type: QuestionType
    section: str = Field(min_length=1)
    difficulty: Difficulty
    prompt: Text
    options: list[Option] = []
    pairs: list[Pair] = []
    explanation: Text

    @property
    def version(self) -> str:
        """Content hash: an attempt stores it so later edits never change a past grade."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


class Quiz(_Model):
    id: str = Field(min_length=1)
    lesson: str = Field(min_length=1)
    title: Text
    pass_mark: float = 0.7
    draw: int | None = None  # show this many questions per attempt (stratified by difficulty); None: all
    questions: list[Question] = Field(min_length=1)

    @property
    def shown(self) -> int:
        """How many questions an attempt shows: ``draw`` (kept within 1..all) or all of them."""
        if self.draw is None:
            return len(self.questions)
        return max(1, min(self.draw, len(self.questions)))


@dataclass
class Located:
    """A model loaded from a file, with the line of every node path in it."""

    path: str
    lines: dict[tuple[Any, ...], int]

    def line(self, loc: tuple[Any, ...]) -> int:
        """The line of ``loc`` or of its nearest ancestor that has one."""
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.lines:
                return self.lines[loc[:n]]
        return 1


@dataclass
class Content:
    lessons: list[Lesson] = field(default_factory=list)
    quizzes: list[Quiz] = field(default_factory=list)
    where: dict[int, Located] = field(default_factory=dict)  # id(lesson/quiz) -> its file

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((x for x in self.lessons if x.id == lesson_id), None)

    def quiz(self, quiz_id: str) -> Quiz | None:
        return next((x for x in self.quizzes if x.id == quiz_id), None)

    def quiz_for_lesson(self, lesson_id: str) -> Quiz | None:
        return next((x for x in self.quizzes if x.lesson == lesson_id), None)

    def questions(self) -> Iterator[tuple[Quiz, Question]]:
        for quiz in self.quizzes:
            for question in quiz.questions:
                yield quiz, question

    def locate(self, model: BaseModel) -> Located | None:
        return self.where.get(id(model))


@dataclass
class LoadResult:
    content: Content
    problems: list[Problem]


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


def load_content(root: Path | str | None = None) -> LoadResult:
    """Load every lesson and quiz under ``root``; never raises on bad content."""
    root = Path(root) if root is not None else default_content_dir()
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


def default_content_dir() -> Path:
    return settings.current().content_dir
