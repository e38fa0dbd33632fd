"""Content models (pydantic): lessons, quizzes and their questions as an author writes them in
``lessons/*.yaml`` and ``quizzes/*.yaml``, the :class:`Content` loaded from a content root
(:mod:`mglearn.content.loader`) and the :class:`Problem` it reports instead of raising.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")
QuestionType = Literal["single", "multiple", "true_false", "matching", "gapselect"]
Difficulty = Literal["easy", "medium", "hard"]


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


FigureKind = Literal["ranges", "items", "pairs", "day"]


class FigureItem(_Model):
    """One bar, tile, pair or moment of a figure (:mod:`mglearn.content.figures` says which
    fields each kind needs)."""

    label: Text
    value: float | None = None  # ranges: the amount (a range's low end)
    high: float | None = None  # ranges: a range's high end
    source: Text | None = None  # ranges: who says it ({nl: Artikel, en: Article}, EFSA, NIH, ...)
    detail: Text | None = None  # pairs: the right-hand side; items, day: a short explanation
    at: str | None = None  # day: the time, "HH:MM"


class Figure(_Model):
    """A figure that teaches, drawn from this data (issue 30): ``ranges`` (amounts side by
    side, each with its source), ``items`` (a set of named things), ``pairs`` (each thing and
    what it is for) or ``day`` (moments of a day); ``alt`` says what it shows in words."""

    kind: FigureKind
    title: Text
    alt: Text
    unit: Text | None = None
    note: Text | None = None  # shown under the figure: whose numbers or claims these are
    data: list[FigureItem] = Field(min_length=1)


class Section(_Model):
    """A part of a lesson. ``check`` holds its "check yourself" items (issue 30): questions in
    the same format as a quiz's, practice-only by where they live (never drawn for a quiz or an
    exam); their ``section`` is this section's id unless the author writes it."""

    id: str = Field(min_length=1)
    title: Text
    body: Text
    figure: Figure | None = None
    check: list[Question] = []

    @model_validator(mode="before")
    @classmethod
    def _checks_belong_here(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("check"), list):
            items = [
                {"section": data.get("id", ""), **item} if isinstance(item, dict) else item
                for item in data["check"]
            ]
            data = {**data, "check": items}
        return data


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


_VERSIONS: dict[int, tuple[Question, str]] = {}  # id(question) -> (question, its version)


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
        """Content hash: an attempt stores it so later edits never change a past grade.
        Hashed once per question object (it is frozen): an exam's start asked for every
        question's version of the bank, a third of its time (benchmarks/examday.py)."""
        seen = _VERSIONS.get(id(self))
        if seen is not None and seen[0] is self:
            return seen[1]
        version = hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]
        if len(_VERSIONS) > 100_000:  # questions parsed again and again: start over
            _VERSIONS.clear()
        _VERSIONS[id(self)] = (self, version)  # holding the question: its id is not reused
        return version


Section.model_rebuild()
Lesson.model_rebuild()


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
        """The quiz bank: what quizzes and the exam draw from (never a check item)."""
        for quiz in self.quizzes:
            for question in quiz.questions:
                yield quiz, question

    def check_items(self) -> Iterator[tuple[Lesson, Question]]:
        """The "check yourself" items of every lesson's sections (issue 30): practice only."""
        for lesson in self.lessons:
            for section in lesson.sections:
                for question in section.check:
                    yield lesson, question

    def locate(self, model: BaseModel) -> Located | None:
        return self.where.get(id(model))


@dataclass
class LoadResult:
    content: Content
    problems: list[Problem]
