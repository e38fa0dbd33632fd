"""Semantic checks of a content root: one :class:`Problem` per mistake, all of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..questions.registry import kind
from .figures import check_figure
from .loader import load_content
from .models import LANGS, Content, Figure, Lesson, Located, Problem, Question, Quiz, Text

Loc = tuple[Any, ...]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _texts(obj: Any, loc: Loc) -> Iterator[tuple[Loc, Text]]:
    """Every bilingual text inside a model, with its node path."""
    if isinstance(obj, Text):
        yield loc, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), loc + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _texts(item, loc + (i,))


class _Checker:
    def __init__(self, content: Content, complete: bool) -> None:
        self.content = content
        self.complete = complete
        self.problems: list[Problem] = []

    def add(self, where: Located | None, loc: Loc, obj_id: str, message: str) -> None:
        path = where.path if where else "?"
        line = where.line(loc) if where else 1
        self.problems.append(Problem(path, line, obj_id, message))

    def run(self) -> list[Problem]:
        c = self.content
        self.unique([(x, x.id) for x in c.lessons], "lesson id")
        self.unique([(x, x.id) for x in c.quizzes], "quiz id")
        orders: dict[int, str] = {}
        for lesson in c.lessons:
            self.lesson(lesson)
            if lesson.order in orders:
                msg = (
                    f"order {lesson.order} is also used by lesson '{orders[lesson.order]}'; "
                    "give each a unique order"
                )
                self.add(c.locate(lesson), ("order",), lesson.id, msg)
            orders.setdefault(lesson.order, lesson.id)
        seen: dict[str, Located | None] = {}
        for quiz in c.quizzes:
            where = c.locate(quiz)
            for i, q in enumerate(quiz.questions):
                if q.id in seen:
                    first = seen[q.id]
                    msg = (
                        f"duplicate question id (also in {first.path if first else '?'}); ids must be unique"
                    )
                    self.add(where, ("questions", i, "id"), q.id, msg)
                seen.setdefault(q.id, where)
            self.quiz(quiz)
        for lesson in c.lessons:  # check items share the quiz bank's ids: one practice card per id
            where = c.locate(lesson)
            for i, section in enumerate(lesson.sections):
                for j, q in enumerate(section.check):
                    if q.id in seen:
                        first = seen[q.id]
                        msg = (
                            f"duplicate question id (also in {first.path if first else '?'}); "
                            "ids must be unique across quizzes and check items"
                        )
                        self.add(where, ("sections", i, "check", j, "id"), q.id, msg)
                    seen.setdefault(q.id, where)
        return sorted(self.problems)

    def unique(self, items: list[tuple[Lesson | Quiz, str]], what: str) -> None:
        first: dict[str, Located | None] = {}
        for obj, obj_id in items:
            where = self.content.locate(obj)
            if obj_id in first:
                other = first[obj_id]
                msg = f"duplicate {what} (also in {other.path if other else '?'}); ids must be unique"
                self.add(where, ("id",), obj_id, msg)
            first.setdefault(obj_id, where)
            if not _ID.match(obj_id):
                msg = f"{what} '{obj_id}' may use only lowercase letters, digits and dashes"
                self.add(where, ("id",), obj_id, msg)

    def lesson(self, lesson: Lesson) -> None:
        where = self.content.locate(lesson)
        seen: set[str] = set()
        for i, section in enumerate(lesson.sections):
            if section.id in seen:
                msg = f"duplicate section id '{section.id}' in lesson '{lesson.id}'"
                self.add(where, ("sections", i, "id"), section.id, msg)
            seen.add(section.id)
            if section.figure is not None:
                at: Loc = ("sections", i, "figure")
                check_figure(
                    section.figure, lambda m, *sub, _at=at, _id=section.id: self.add(where, _at + sub, _id, m)
                )
            for j, q in enumerate(section.check):
                self.item(lesson, q, ("sections", i, "check", j))
        for name in ("title", "sections", "key_points", "context_notes"):
            for loc, text in _texts(getattr(lesson, name), (name,)):
                self._empty(text, where, loc, self._owner(lesson, loc))
        if self.complete and self.content.quiz_for_lesson(lesson.id) is None:
            msg = f"lesson '{lesson.id}' has no quiz; add quizzes/*.yaml with lesson: {lesson.id}"
            self.add(where, ("id",), lesson.id, msg)

    def _figure(self, figure: Figure, where: Located | None, at: Loc, owner: str) -> None:
        def say(message: str, *sub: Any) -> None:
            self.add(where, at + sub, owner, message)

        check_figure(figure, say)

    @staticmethod
    def _owner(model: Lesson | Quiz, loc: Loc) -> str:
        if len(loc) >= 2 and loc[0] in ("sections", "questions") and isinstance(loc[1], int):
            items: list[Any] = getattr(model, str(loc[0]))
            if len(loc) >= 4 and loc[2] == "check" and isinstance(loc[3], int):  # a check item
                return str(items[loc[1]].check[loc[3]].id)
            return str(items[loc[1]].id)
        return model.id

    def _empty(self, text: Text, where: Located | None, loc: Loc, owner: str) -> None:
        for lang in LANGS:
            if not text.get(lang).strip():
                name = {"nl": "Dutch", "en": "English"}[lang]
                inner = loc[2:] if owner != "" and loc[0] in ("sections", "questions") else loc
                if inner[:1] == ("check",) and len(inner) > 2:
                    inner = inner[2:]  # a check item's own field
                field = ".".join(map(str, inner))
                self.add(where, loc + (lang,), owner, f"{field}: the {name} text is empty; fill it in")

    def quiz(self, quiz: Quiz) -> None:
        where = self.content.locate(quiz)
        for loc, text in _texts(quiz, ()):
            self._empty(text, where, loc, self._owner(quiz, loc))
        if not 0 < quiz.pass_mark <= 1:
            msg = f"pass_mark {quiz.pass_mark} must be more than 0 and at most 1 (e.g. 0.7 for 70%)"
            self.add(where, ("pass_mark",), quiz.id, msg)
        if quiz.draw is not None and not 1 <= quiz.draw <= len(quiz.questions):
            msg = (
                f"draw {quiz.draw} must be at least 1 and at most the number of questions "
                f"({len(quiz.questions)}); remove it to show all"
            )
            self.add(where, ("draw",), quiz.id, msg)
        lesson = self.content.lesson(quiz.lesson)
        if lesson is None:
            known = ", ".join(x.id for x in self.content.lessons) or "none"
            msg = f"lesson '{quiz.lesson}' does not exist (known: {known})"
            self.add(where, ("lesson",), quiz.id, msg)
        for i, q in enumerate(quiz.questions):
            at: Loc = ("questions", i)

            def say(message: str, *sub: Any, _at: Loc = at, _id: str = q.id) -> None:
                self.add(where, _at + sub, _id, message)

            if lesson is not None and lesson.section(q.section) is None:
                known = ", ".join(s.id for s in lesson.sections)
                say(f"section '{q.section}' is not in lesson '{lesson.id}' (known: {known})", "section")
            kind(q.type).check(q, say)

    def item(self, lesson: Lesson, q: Question, at: Loc) -> None:
        """A check item (issue 30): its section is one of its lesson's, its type's own checks."""
        where = self.content.locate(lesson)

        def say(message: str, *sub: Any) -> None:
            self.add(where, at + sub, q.id, message)

        if lesson.section(q.section) is None:
            known = ", ".join(s.id for s in lesson.sections)
            say(f"section '{q.section}' is not in lesson '{lesson.id}' (known: {known})", "section")
        kind(q.type).check(q, say)


def check_content(content: Content, complete: bool = True) -> list[Problem]:
    """Semantic problems; ``complete=False`` when some files failed to load."""
    return _Checker(content, complete).run()


def check_root(root: Path | str) -> tuple[Content, list[Problem]]:
    """Load and check a content root: the content that loaded and every problem found."""
    result = load_content(root)
    complete = not result.problems
    return result.content, sorted(result.problems) + check_content(result.content, complete)
