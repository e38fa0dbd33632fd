"""Named transitions (pure): finishing a quiz attempt and closing an exam.

Moodle's ``process_finish`` grades without touching the database; so do these. The store loads
what a transition needs (the attempt, the versions of its questions as shown, its saved answers
and the learner's practice cards), calls the rule with the time and the settings, and writes
the :class:`Finished` it returns in one transaction (:mod:`mglearn.store.attempts`):

- every answered question is scored, every unanswered one gets a blank answer scored 0;
- the attempt's score is the mean, passed at its pass mark (:func:`mglearn.attempts.score_quiz`);
- every answered question reviews the learner's practice card (fsrs): no time per question is
  known, so a right answer is Good, never Easy; a blank leaves the card as it was;
- an exam finishes when submitted but never later than its deadline
  (:func:`mglearn.exam.finish_time`), and a passed exam's certificate is due right then.

No I/O and no clock: ``now``, the scheduler and the settings are passed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from fsrs import Card, Rating, ReviewLog, Scheduler

from . import exam as exam_rules
from . import practice
from .attempts import Response, grade, is_answered, score_quiz
from .content import Question
from .records import Attempt


@dataclass(frozen=True)
class StoredCard:
    """A learner's practice card for one question, as the store holds it."""

    card_id: int
    learner_id: int
    card: Card | None  # None: made for this review, never reviewed yet
    reps: int


@dataclass(frozen=True)
class CardReview:
    """One card's review: its new state and what its review log row holds."""

    card_id: int
    learner_id: int
    question_id: str
    version: str
    score: float
    rating: Rating
    card: Card
    reps: int
    at: datetime
    log: ReviewLog
    source: str  # practice | attempt
    attempt_id: int | None = None
    response: str | None = None
    duration_ms: int | None = None


@dataclass(frozen=True)
class CertificateDue:
    """The certificate a passed exam earns (the store adds its code, subject and name)."""

    score: float
    pass_mark: float
    issued_at: datetime
    valid_until: datetime | None


@dataclass(frozen=True)
class Finished:
    """What finishing an attempt writes."""

    attempt_id: int
    finished_at: datetime
    score: float
    passed: bool
    scores: dict[str, float]  # every saved answer: its score
    blanks: dict[str, float]  # every question left unanswered: its score (a blank answer)
    reviews: tuple[CardReview, ...]
    certificate: CertificateDue | None = None


def review_card(
    scheduler: Scheduler,
    stored: StoredCard,
    question: Question,
    score: float,
    rating: Rating,
    now: datetime,
    *,
    source: str,
    attempt_id: int | None = None,
    response: str | None = None,
    duration_ms: int | None = None,
) -> CardReview:
    """A card's next state after one graded answer (the input card is left as it was)."""
    before = stored.card if stored.card is not None else practice.new_card(stored.card_id, now)
    if before.last_review is not None and now < before.last_review:
        now = before.last_review  # a clock a little behind another server's: never review backwards
    card, log = practice.review(scheduler, before, rating, now, duration_ms)
    return CardReview(
        card_id=stored.card_id,
        learner_id=stored.learner_id,
        question_id=question.id,
        version=question.version,
        score=score,
        rating=rating,
        card=card,
        reps=stored.reps + 1,
        at=now,
        log=log,
        source=source,
        attempt_id=attempt_id,
        response=response,
        duration_ms=duration_ms,
    )


def to_review(questions: Sequence[Question], responses: Mapping[str, Response]) -> list[str]:
    """The questions whose cards finishing reviews: the answered ones (a blank is no answer)."""
    return [q.id for q in questions if is_answered(q, responses.get(q.id))]


def finished_at(attempt: Attempt, now: datetime) -> datetime:
    """When an attempt finishes: now, an exam never later than its deadline."""
    return now if attempt.deadline_at is None else exam_rules.finish_time(attempt.deadline_at, now)


def finish_attempt(
    attempt: Attempt,
    questions: Sequence[Question],
    responses: Mapping[str, Response],
    cards: Mapping[str, StoredCard],
    now: datetime,
    scheduler: Scheduler,
) -> Finished:
    """Finish an open attempt with its saved ``responses``: grade, score, pass, and review the
    card (of ``cards``, by question id) of every answered question."""
    at = finished_at(attempt, now)
    result = score_quiz(questions, responses, attempt.pass_mark)
    scores = {q.id: grade(q, responses[q.id]) for q in questions if q.id in responses}
    blanks = {q.id: grade(q, None) for q in questions if q.id not in responses}
    answered = set(to_review(questions, responses))
    reviews = []
    for q in questions:
        if q.id in answered:
            score = scores[q.id]
            rating = practice.rating_for(score, q.type, None)
            reviews.append(
                review_card(
                    scheduler, cards[q.id], q, score, rating, at, source="attempt", attempt_id=attempt.id
                )
            )
    return Finished(attempt.id, at, result.score, result.passed, scores, blanks, tuple(reviews))


def close_exam(
    attempt: Attempt,
    questions: Sequence[Question],
    responses: Mapping[str, Response],
    cards: Mapping[str, StoredCard],
    now: datetime,
    scheduler: Scheduler,
    valid_days: float = 0,
) -> Finished:
    """Close an exam (submitted, or overdue: finished at its deadline) as an attempt is
    finished; passed, its certificate is issued at its finish, valid for ``valid_days`` (0:
    for good)."""
    done = finish_attempt(attempt, questions, responses, cards, now, scheduler)
    if not done.passed:
        return done
    at = done.finished_at
    due = CertificateDue(
        score=done.score,
        pass_mark=attempt.pass_mark,
        issued_at=at,
        valid_until=at + timedelta(days=valid_days) if valid_days > 0 else None,
    )
    return replace(done, certificate=due)
