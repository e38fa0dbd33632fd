"""Pure exam rules: the settings, the draw over the whole bank, the deadline rule and the
result's per-lesson breakdown. No I/O: settings and time are passed in.

An exam is an attempt with a deadline (see :mod:`mglearn.store.exams`): it is graded by the same
:func:`mglearn.attempts.score_quiz` as a quiz, with deferred feedback (nothing is marked until
it is submitted).

The deadline rule (Moodle's "open attempts are submitted automatically", with a grace period
for a slow network; Open edX's check on every read):

- an answer is accepted up to ``deadline + grace`` (:func:`may_save`);
- after that, the first read of the exam submits it with what was saved (:func:`overdue`), and
  its finish time is the deadline, not the moment of that read (:func:`finish_time`).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .attempts import Drawn, draw
from .content import Content, Question, Quiz, Text

if TYPE_CHECKING:
    from .settings import Settings as AppSettings

EXAM_ID = "exam"  # the quiz_id of every exam attempt (no quiz has this id: see :func:`draw_exam`)
MIN_PER_LESSON = 2


@dataclass(frozen=True)
class ExamSettings:
    questions: int = 25
    minutes: int = 30
    pass_mark: float = 0.75
    grace_seconds: float = 30
    cooldown_hours: float = 0
    opens_at: datetime | None = None  # a group's exam window (None: always open)
    closes_at: datetime | None = None

    @classmethod
    def from_settings(cls, values: AppSettings) -> ExamSettings:
        """The server's exam settings (declared in :mod:`mglearn.settings`)."""
        return cls(
            questions=values.exam_questions,
            minutes=values.exam_minutes,
            pass_mark=values.exam_pass_mark,
            grace_seconds=values.exam_grace_seconds,
            cooldown_hours=values.exam_cooldown_hours,
        )

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.minutes)

    @property
    def grace(self) -> timedelta:
        return timedelta(seconds=self.grace_seconds)

    def with_overrides(self, overrides: Mapping[str, object]) -> ExamSettings:
        """These settings with a group's own values where it has them (None: keep)."""
        allowed = {"questions", "minutes", "pass_mark", "cooldown_hours", "opens_at", "closes_at"}
        return replace(self, **{k: v for k, v in overrides.items() if k in allowed and v is not None})  # type: ignore[arg-type]


# -- the draw --


def lesson_quotas(sizes: Mapping[str, int], n: int, rng: random.Random) -> dict[str, int]:
    """How many questions each lesson gets: in proportion to its share of the bank (largest
    remainder, ties broken by ``rng``), at least :data:`MIN_PER_LESSON` each when ``n`` allows,
    never more than the lesson has."""
    total = sum(sizes.values())
    n = min(n, total)
    floor = min(MIN_PER_LESSON, n // max(1, len(sizes)))
    quota = {k: min(size, floor) for k, size in sizes.items()}
    rest = n - sum(quota.values())
    while rest > 0:
        room = {k: sizes[k] - quota[k] for k in sizes if sizes[k] > quota[k]}
        weight = sum(sizes[k] for k in room)
        share = {k: rest * sizes[k] / weight for k in room}
        adds = {k: min(room[k], int(share[k])) for k in room}
        if not sum(adds.values()):  # give one each to the largest remainders
            order = list(room)
            rng.shuffle(order)
            order.sort(key=lambda k: share[k] - int(share[k]), reverse=True)
            adds = {k: 1 for k in order[:rest]}
        for k, v in adds.items():
            quota[k] += v
        rest = n - sum(quota.values())
    return quota


def draw_exam(content: Content, n: int, seed: int) -> tuple[list[Drawn], dict[str, str]]:
    """The exam's questions in their shown order with shuffled options, drawn from the whole
    bank: stratified by lesson (in proportion, at least two each) and by difficulty (the whole
    exam in proportion to the bank's difficulties, spread over the lessons); the same seed gives
    the same exam; no question twice. Also returns which quiz each drawn question came from."""
    rng = random.Random(seed)
    quizzes = sorted(content.quizzes, key=lambda q: q.id)
    quotas = lesson_quotas({q.id: len(q.questions) for q in quizzes}, n, rng)
    bank = [q for quiz in quizzes for q in quiz.questions]
    sizes: Counter[str] = Counter(q.difficulty for q in bank)
    target = lesson_quotas(dict(sizes), sum(quotas.values()), rng)
    taken: Counter[str] = Counter()
    cells: dict[tuple[str, str], int] = {}
    pools = {quiz.id: Counter(q.difficulty for q in quiz.questions) for quiz in quizzes}
    for slot in range(max(quotas.values(), default=0)):  # round-robin: one slot per lesson a round
        order = [quiz.id for quiz in quizzes if quotas[quiz.id] > slot]
        rng.shuffle(order)
        for quiz_id in order:
            free = [d for d in pools[quiz_id] if pools[quiz_id][d] > cells.get((quiz_id, d), 0)]
            rng.shuffle(free)
            best = max(free, key=lambda d: target.get(d, 0) - taken[d])
            taken[best] += 1
            cells[quiz_id, best] = cells.get((quiz_id, best), 0) + 1
    picked: list[Question] = []
    source: dict[str, str] = {}
    for quiz in quizzes:
        for difficulty in sorted(pools[quiz.id]):
            group = [q for q in quiz.questions if q.difficulty == difficulty]
            for q in rng.sample(group, cells.get((quiz.id, difficulty), 0)):
                if q.id not in source:
                    source[q.id] = quiz.id
                    picked.append(q)
    exam = Quiz.model_construct(
        id=EXAM_ID, lesson=EXAM_ID, title=Text(nl="", en=""), pass_mark=0.0, draw=None, questions=picked
    )
    return draw(exam, rng.randrange(2**31)), source


# -- the deadline rule (time passed in) --


def deadline_of(started_at: datetime, rules: ExamSettings) -> datetime:
    return started_at + rules.duration


def may_save(deadline: datetime, now: datetime, grace: timedelta) -> bool:
    """An answer counts up to the deadline plus the grace period for a slow network."""
    return now <= deadline + grace


def overdue(deadline: datetime, now: datetime, grace: timedelta) -> bool:
    """Past the deadline and its grace: the exam is submitted with what was saved."""
    return not may_save(deadline, now, grace)


def finish_time(deadline: datetime, now: datetime) -> datetime:
    """When an exam finished: when it was submitted, but never later than the deadline."""
    return min(deadline, now)


def seconds_left(deadline: datetime, now: datetime) -> int:
    return max(0, int((deadline - now).total_seconds() + 0.999))


WARN_AT = (1, 5)  # minutes left at which the countdown warns


def warning_level(seconds: int, duration: float | None = None) -> int | None:
    """The warning the countdown gives: 1 (at most one minute left), 5 (at most five), None.
    Only a warning shorter than the exam's ``duration`` (seconds) is given: an exam of five
    minutes or less would say "five minutes" from its start, with two left (issue 26)."""
    for minutes in WARN_AT:
        if seconds <= minutes * 60 and (duration is None or duration > minutes * 60):
            return minutes
    return None


def next_start(last_finished: datetime | None, now: datetime, rules: ExamSettings) -> datetime | None:
    """When a new exam may start after the last one (the cooldown); None when it may now."""
    if last_finished is None or rules.cooldown_hours <= 0:
        return None
    ready = last_finished + timedelta(hours=rules.cooldown_hours)
    return ready if now < ready else None


def window_state(now: datetime, rules: ExamSettings) -> str:
    """``open``, ``not_yet`` (before the group's window) or ``closed`` (after it)."""
    if rules.opens_at is not None and now < rules.opens_at:
        return "not_yet"
    if rules.closes_at is not None and now >= rules.closes_at:
        return "closed"
    return "open"


def trainer_may_revoke(issued_at: datetime, joined_at: datetime | None) -> bool:
    """A trainer revokes a certificate only when it was earned while the learner was in one of
    their groups (``joined_at``: when they joined the trainer's group, the earliest if several;
    None when they are in none): one earned before they joined was overseen by someone else."""
    return joined_at is not None and joined_at <= issued_at


# -- the result --


@dataclass(frozen=True)
class LessonScore:
    quiz_id: str
    questions: int
    score: float  # mean question score, 0..1


def breakdown(scores: Mapping[str, float], source: Mapping[str, str]) -> list[LessonScore]:
    """Per lesson (quiz): how many questions and the mean score; weakest first."""
    per: dict[str, list[float]] = {}
    for qid, score in scores.items():
        per.setdefault(source.get(qid, "?"), []).append(score)
    rows = [LessonScore(k, len(v), sum(v) / len(v)) for k, v in per.items()]
    return sorted(rows, key=lambda r: (r.score, r.quiz_id))


def source_of(content: Content) -> dict[str, str]:
    """Which quiz (lesson) each question id of the bank belongs to."""
    return {q.id: quiz.id for quiz, q in content.questions()}
