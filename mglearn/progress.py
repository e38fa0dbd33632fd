"""A learner's progress, derived from what the store holds (pure; no I/O)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from . import i18n
from .content import Content, Lesson, Question
from .exports import csv_text
from .percent import whole
from .questions.registry import kind
from .records import AnswerRow, Assignment, Attempt
from .timezones import to_zone

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


NextAction = Literal["begin", "resume_quiz", "next_lesson", "continue_lesson", "take_quiz", "retry_quiz"]


def next_action(statuses: Iterable[LessonStatus]) -> tuple[NextAction, LessonStatus] | None:
    """What the big button on the overview offers, and for which lesson (None: all done).

    A brand-new learner begins with lesson 1; an open quiz is resumed where they were; after a
    passed quiz the next lesson is the next lesson; a quiz not yet taken is taken; a failed one
    is tried again."""
    items = list(statuses)
    step = next_step(items)
    if step is None:
        return None
    kind, lesson = step
    current = next(s for s in items if s.lesson.id == lesson.id)
    if kind == "quiz":
        if current.open_attempt:
            return "resume_quiz", current
        return ("retry_quiz" if current.attempts else "take_quiz"), current
    if not any(s.read_at or s.attempts or s.open_attempt for s in items):
        return "begin", current
    index = items.index(current)
    if index > 0 and items[index - 1].passed:
        return "next_lesson", current
    return "continue_lesson", current


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

# the learner's download: each field and the i18n key of its (translated) column name
HISTORY_FIELDS: tuple[tuple[str, str], ...] = (
    ("attempt", "hist.attempt"),
    ("quiz", "hist.quiz"),
    ("started", "hist.started"),
    ("submitted", "hist.submitted"),
    ("attempt_score", "hist.attempt_score"),
    ("passed", "hist.passed"),
    ("question_id", "hist.question_id"),
    ("question", "hist.question"),
    ("answer", "hist.answer"),
    ("question_score", "hist.question_score"),
    ("answered", "hist.answered"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def answer_text(question: Question, response: Sequence[int | None], lang: str) -> str:
    """A stored response as the learner saw it: option texts (``a | b``), or for matching
    ``left → right`` pairs; indices that do not fit the version are left out."""
    return kind(question.type).answer_text(question, response, lang)


def _spreadsheet_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def history_table(
    rows: Iterable[AnswerRow],
    versions: Mapping[int, Mapping[str, Question]],
    quiz_titles: Mapping[str, str],
    lang: str,
    zone: str,
) -> list[dict[str, Any]]:
    """The learner's history, one row per answer, as they read it: quiz titles, the question
    and the answer texts of the version their attempt showed (``versions``: attempt id ->
    question id -> Question), whole percentages, yes/no, and times in ``zone``."""
    yes, no = i18n.t("progress.yes", lang), i18n.t("progress.no", lang)
    result = []
    for row in rows:
        attempt_id = int(row.attempt_id)
        question_id = row.question_id
        question = versions.get(attempt_id, {}).get(str(question_id)) if question_id else None
        answer = ""
        if question is not None and row.response is not None:
            raw = row.response
            response = json.loads(raw) if isinstance(raw, str) else list(raw)
            answer = answer_text(question, response, lang) or i18n.t("quiz.no_answer", lang)
        passed = row.passed
        result.append(
            {
                "attempt": attempt_id,
                "quiz": quiz_titles.get(str(row.quiz_id), str(row.quiz_id)),
                "started": format_iso(row.started_at, zone),
                "submitted": format_iso(row.submitted_at, zone),
                "attempt_score": _percent(row.attempt_score),
                "passed": "" if passed is None else (yes if passed else no),
                "question_id": question_id or "",
                "question": question.prompt.get(lang) if question is not None else "",
                "answer": answer,
                "question_score": _percent(row.question_score),
                "answered": format_iso(row.answered_at, zone),
            }
        )
    return result


def _percent(value: Any) -> int | str:
    return "" if value is None else (whole(float(value)) or 0)


def format_iso(value: datetime | None, zone: str) -> str:
    """``2026-12-01 23:59`` on ``zone``'s clock (a spreadsheet reads it as a date and time)."""
    return "" if value is None else to_zone(value, zone).strftime("%Y-%m-%d %H:%M")


def history_csv(rows: Iterable[Mapping[str, Any]], lang: str, zone: str) -> bytes:
    """Rows of :func:`history_table` as CSV for a spreadsheet: column names in the learner's
    language, UTF-8 with a byte-order mark (so Excel reads ë and → right)."""
    headers = {field: i18n.t(key, lang, zone=zone) for field, key in HISTORY_FIELDS}
    renamed = [
        {headers[field]: _spreadsheet_safe(row.get(field)) for field, _ in HISTORY_FIELDS} for row in rows
    ]
    return ("\ufeff" + csv_text(renamed, list(headers.values()))).encode("utf-8")


def topic_scores(content: Content, rows: Iterable[AnswerRow]) -> list[dict[str, Any]]:
    """Mean score per lesson section (topic) over the learner's submitted answers."""
    section_of = {q.id: (quiz.lesson, q.section) for quiz, q in content.questions()}
    totals: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        key = section_of.get(str(row.question_id))
        if key and row.submitted_at is not None and row.question_score is not None:
            totals.setdefault(key, []).append(float(row.question_score))
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
