"""The plain records the store returns and the pages and rules read. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .attempts import Drawn


@dataclass(frozen=True)
class Learner:
    id: int
    code: str
    name: str
    lang: str
    created_at: datetime


@dataclass(frozen=True)
class Attempt:
    id: int
    learner_id: int
    quiz_id: str
    seed: int
    draw: tuple[Drawn, ...]
    pass_mark: float
    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    passed: bool | None
    seq: int = 0  # raised by every accepted answer: a submit names the seq its page showed
    kind: str = "quiz"  # quiz | exam
    deadline_at: datetime | None = None  # exams: when time runs out (stored at the start)
    flags: tuple[str, ...] = ()  # exams: question ids flagged for review
    group_id: int | None = None  # exams: the group whose exam settings applied

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass(frozen=True)
class Trainer:
    id: int
    name: str
    created_at: datetime
    role: str = "trainer"  # trainer | admin (issue 33)
    active: bool = True  # a deactivated account cannot sign in


@dataclass(frozen=True)
class Group:
    id: int
    trainer_id: int
    name: str
    join_code: str
    created_at: datetime


@dataclass(frozen=True)
class Assignment:
    id: int
    group_id: int
    title: str
    lessons: tuple[str, ...]
    quizzes: tuple[str, ...]
    due_at: datetime
    pass_mark: float | None
    created_at: datetime


@dataclass(frozen=True)
class Certificate:
    code: str
    attempt_id: int
    learner_id: int
    subject_id: str  # urn:uuid:...
    name: str
    score: float
    pass_mark: float
    issued_at: datetime
    valid_until: datetime | None
    revoked_at: datetime | None
    revoked_reason: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class AnswerRow:
    """One answer of a quiz attempt with its learner and attempt, for CSV exports and the
    learner's history; an attempt without answers has one row with the answer fields None."""

    learner: str
    learner_code: str
    attempt_id: int
    quiz_id: str
    started_at: datetime
    submitted_at: datetime | None
    attempt_score: float | None
    passed: bool | None
    question_id: str | None
    response: str | None  # the stored JSON list
    question_score: float | None
    answered_at: datetime | None


@dataclass(frozen=True)
class LessonRead:
    learner_id: int
    lesson_id: str
    read_at: datetime


@dataclass(frozen=True)
class GivenAnswer:
    """One answer of a submitted attempt, for item statistics."""

    attempt_id: int
    learner_id: int
    question_id: str
    response: list[int | None]
    score: float
    answered: bool  # any part of the response given


@dataclass(frozen=True)
class Review:
    """One stored review of a practice card (fsrs), as the store holds it."""

    id: int
    card_id: int
    learner_id: int
    question_id: str
    version: str
    source: str  # practice | attempt | check (a lesson's check yourself, issue 30)
    attempt_id: int | None
    response: str | None
    score: float
    rating: int
    duration_ms: int | None
    reviewed_at: datetime
    log: str  # the fsrs review log, JSON


@dataclass(frozen=True)
class GroupExam:
    """A group's own exam settings and window: None where the server's setting applies."""

    questions: int | None = None
    minutes: int | None = None
    pass_mark: float | None = None
    cooldown_hours: float | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
