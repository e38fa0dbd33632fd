"""A learner's progress, derived from what the store holds (pure; no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from .content import Content, Lesson
from .exports import csv_text
from .records import Assignment, Attempt

Status = Literal["not_started", "read", "in_progress", "failed", "passed"]


@dataclass(frozen=True)
class LessonStatus:
    lesson: Lesson
    quiz_id: str | None
    read_at: datetime | None
    attempts: int  # submitted attempts
    best: float | None
    latest: float | None
    passed: bool
    open_attempt: bool
    last_activity: datetime | None

    @property
    def status(self) -> Status:
        if self.passed:
            return "passed"
        if self.open_attempt:
            return "in_progress"
        if self.attempts:
            return "failed"
        return "read" if self.read_at else "not_started"


def lesson_statuses(
    content: Content, reads: Mapping[str, datetime], attempts: Iterable[Attempt]
) -> list[LessonStatus]:
    by_quiz: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
    result = []
    for lesson in content.lessons:
        quiz = content.quiz_for_lesson(lesson.id)
        mine = sorted(by_quiz.get(quiz.id, []) if quiz else [], key=lambda a: a.started_at)
        done = [a for a in mine if a.submitted and a.score is not None]
        moments = [m for a in mine for m in (a.started_at, a.submitted_at) if m is not None]
        if lesson.id in reads:
            moments.append(reads[lesson.id])
        result.append(
            LessonStatus(
                lesson=lesson,
                quiz_id=quiz.id if quiz else None,
                read_at=reads.get(lesson.id),
                attempts=len(done),
                best=max((a.score for a in done if a.score is not None), default=None),
                latest=done[-1].score if done else None,
                passed=any(a.passed for a in done),
                open_attempt=any(not a.submitted for a in mine),
                last_activity=max(moments, default=None),
            )
        )
    return result


def steps_done(statuses: Iterable[LessonStatus]) -> tuple[int, int]:
    """(done, total) where each lesson has two steps: read it, pass its quiz."""
    items = list(statuses)
    done = sum(bool(s.read_at) + s.passed for s in items)
    return done, 2 * len(items)


def next_step(statuses: Iterable[LessonStatus]) -> tuple[Literal["lesson", "quiz"], Lesson] | None:
    """Where to continue: an open quiz first, else the first lesson not read or quiz not passed."""
    items = list(statuses)
    for s in items:
        if s.open_attempt:
            return "quiz", s.lesson
    for s in items:
        if not s.read_at:
            return "lesson", s.lesson
        if not s.passed and s.quiz_id:
            return "quiz", s.lesson
    return None


HISTORY_COLUMNS = (
    "attempt_id",
    "quiz_id",
    "started_at",
    "submitted_at",
    "attempt_score",
    "passed",
    "question_id",
    "response",
    "question_score",
    "answered_at",
)


def history_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """The learner's history as CSV: one header row, ISO dates, UTF-8 text."""
    return csv_text(rows, HISTORY_COLUMNS)


def topic_scores(content: Content, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Mean score per lesson section (topic) over the learner's submitted answers."""
    section_of = {q.id: (quiz.lesson, q.section) for quiz, q in content.questions()}
    totals: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        key = section_of.get(str(row.get("question_id")))
        if key and row.get("submitted_at") is not None and row.get("question_score") is not None:
            totals.setdefault(key, []).append(float(row["question_score"]))
    result = []
    for lesson in content.lessons:
        for section in lesson.sections:
            scores = totals.get((lesson.id, section.id))
            if scores:
                result.append(
                    {
                        "lesson": lesson,
                        "section": section,
                        "answers": len(scores),
                        "score": sum(scores) / len(scores),
                    }
                )
    return result


AssignmentStatus = Literal["not_started", "in_progress", "done", "overdue"]


def assignment_status(
    assignment: Assignment,
    reads: Mapping[str, datetime],
    attempts: Iterable[Attempt],
    now: datetime,
) -> AssignmentStatus:
    """Done when every lesson is read and every quiz passed (against the assignment's own
    pass mark when it sets one); overdue when not done after the due date."""
    mine = list(attempts)
    done_items = 0
    touched = False
    for lesson_id in assignment.lessons:
        if lesson_id in reads:
            done_items += 1
            touched = True
    for quiz_id in assignment.quizzes:
        tries = [a for a in mine if a.quiz_id == quiz_id]
        touched = touched or bool(tries)
        if any(_passes(a, assignment.pass_mark) for a in tries):
            done_items += 1
    if done_items == len(assignment.lessons) + len(assignment.quizzes):
        return "done"
    if now > assignment.due_at:
        return "overdue"
    return "in_progress" if touched else "not_started"


def _passes(attempt: Attempt, pass_mark: float | None) -> bool:
    if not attempt.submitted or attempt.score is None:
        return False
    if pass_mark is None:
        return bool(attempt.passed)
    return attempt.score + 1e-9 >= pass_mark
