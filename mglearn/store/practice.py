"""Practice cards and their reviews (fsrs): the store keeps the data, :mod:`mglearn.practice`
does the scheduling.

One card per learner and question (its row id is the fsrs ``card_id``), its state as JSON
(``Card.to_dict``), and one row per review with the fsrs review log. Every graded answer
reviews its question's card in the transaction that grades it: a practice answer here, a quiz
or exam answer inside the submit (:func:`mglearn.finish.finish_attempt`, written by
:func:`write_reviews`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from fsrs import Card, Rating, Scheduler
from sqlalchemy.engine import Connection

from .. import finish, practice, settings
from ..attempts import Response, grade, valid_response
from ..content import Question
from ..errors import AttemptChanged, UserError
from ..records import Review
from . import tables as t
from .base import as_utc, upsert
from .database import Database

# Built once: a statement built per call is also keyed for SQLAlchemy's compiled cache on
# every execute (benchmarks/load.py profiles: a quiz submit spent half its time on that).
_UPDATE_CARD = (
    t.practice_cards.update()
    .where(t.practice_cards.c.id == sa.bindparam("b_id"))
    .values(
        card=sa.bindparam("card"),
        due=sa.bindparam("due"),
        reps=sa.bindparam("reps"),
        updated_at=sa.bindparam("updated_at"),
    )
)


@dataclass(frozen=True)
class PracticeCard:
    """A learner's card for one question, as stored."""

    id: int
    question_id: str
    card: Card
    reps: int
    origin: str
    created_at: datetime


@dataclass(frozen=True)
class Reviewed:
    """What one practice answer did: its score, the rating it gave, the card after it."""

    question_id: str
    score: float
    rating: Rating
    card: Card
    reps: int


class Practice:
    """Practice cards, their reviews and the learner's daily goal."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.practice_settings: practice.Settings | None = None  # None: the server's (mglearn.settings)
        self.practice_fuzzing = True  # tests turn the scheduler's fuzz off

    def practice_scheduler(self) -> Scheduler:
        chosen = self.practice_settings or practice.Settings.from_settings(settings.current())
        return practice.scheduler(chosen, fuzzing=self.practice_fuzzing)

    # -- reading --

    def cards(self, learner_id: int) -> dict[str, PracticeCard]:
        """The learner's cards by question id (cards made but never reviewed left out)."""
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(t.practice_cards).where(
                    t.practice_cards.c.learner_id == learner_id, t.practice_cards.c.reps > 0
                )
            )
            return {
                r.question_id: PracticeCard(
                    r.id,
                    r.question_id,
                    practice.card_from_json(r.card),
                    r.reps,
                    r.origin,
                    as_utc(r.created_at),
                )
                for r in rows
            }

    def group_cards(self, learner_ids: Sequence[int]) -> dict[int, dict[str, Card]]:
        """learner id -> question id -> card, for a group's knowledge heatmap."""
        result: dict[int, dict[str, Card]] = {i: {} for i in learner_ids}
        if not learner_ids:
            return result
        query = sa.select(
            t.practice_cards.c.learner_id, t.practice_cards.c.question_id, t.practice_cards.c.card
        ).where(t.practice_cards.c.learner_id.in_(list(learner_ids)), t.practice_cards.c.reps > 0)
        with self.db.read() as conn:
            for r in conn.execute(query):
                result[r.learner_id][r.question_id] = practice.card_from_json(r.card)
        return result

    def new_started_since(self, learner_id: int, since: datetime) -> int:
        """How many cards practice started for the learner since ``since`` (today's new ones)."""
        with self.db.read() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count()).where(
                        t.practice_cards.c.learner_id == learner_id,
                        t.practice_cards.c.origin == "practice",
                        t.practice_cards.c.created_at >= since,
                    )
                ).scalar_one()
            )

    def review_times(self, learner_id: int, since: datetime | None = None) -> list[datetime]:
        """When the learner's reviews happened (oldest first), for the daily goal and streak."""
        query = sa.select(t.practice_reviews.c.reviewed_at).where(
            t.practice_reviews.c.learner_id == learner_id
        )
        if since is not None:
            query = query.where(t.practice_reviews.c.reviewed_at >= since)
        with self.db.read() as conn:
            return [
                as_utc(r.reviewed_at) for r in conn.execute(query.order_by(t.practice_reviews.c.reviewed_at))
            ]

    def reviews(self, learner_id: int) -> list[Review]:
        """Every review of the learner, oldest first (what the store holds, for tests and audits)."""
        query = (
            sa.select(t.practice_reviews)
            .where(t.practice_reviews.c.learner_id == learner_id)
            .order_by(t.practice_reviews.c.id)
        )
        with self.db.read() as conn:
            return [
                Review(**{**r._mapping, "reviewed_at": as_utc(r.reviewed_at)}) for r in conn.execute(query)
            ]

    def daily_goal(self, learner_id: int) -> int | None:
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(t.practice_goals.c.daily_goal).where(t.practice_goals.c.learner_id == learner_id)
            ).first()
        return int(row.daily_goal) if row is not None and row.daily_goal else None

    def set_daily_goal(self, learner_id: int, goal: int | None, now: datetime) -> None:
        """A daily goal of ``goal`` questions (None or 0: no goal)."""
        value = int(goal) if goal else None
        if value is not None and not 1 <= value <= 500:
            raise UserError("practice.goal_range")
        values = {"learner_id": learner_id, "daily_goal": value, "updated_at": as_utc(now)}
        with self.db.write() as conn:
            upsert(conn, t.practice_goals, values, ("learner_id",), ("daily_goal", "updated_at"))

    # -- reviewing --

    def practice_answer(
        self,
        learner_id: int,
        question: Question,
        response: Response,
        *,
        shown_at: datetime,
        now: datetime,
        seen_reps: int = 0,
    ) -> Reviewed:
        """Grade a practice answer and review its card, in one transaction: the answer, the
        new card state and its review log are stored together or not at all. ``seen_reps`` is
        how many reviews the card had when the page showed it: an answer from a page that
        missed a review given elsewhere (another tab, a double click) is refused."""
        now = as_utc(now)
        if not valid_response(question, response):
            raise UserError("practice.invalid")
        score = grade(question, response)
        seconds = max(0.0, (now - as_utc(shown_at)).total_seconds())
        rating = practice.rating_for(score, question.type, seconds)
        with self.db.write() as conn:
            row = self._card_row(conn, learner_id, question.id, now, "practice")
            if row.reps != seen_reps:
                raise AttemptChanged("practice.changed")
            card, reps = self._review(
                conn,
                row,
                question,
                score,
                rating,
                now,
                source="practice",
                response=json.dumps(list(response)),
                duration_ms=round(seconds * 1000),
            )
        return Reviewed(question.id, score, rating, card, reps)

    def _card_row(
        self, conn: Connection, learner_id: int, question_id: str, now: datetime, origin: str
    ) -> Any:
        """The learner's card row for the question, made if missing, locked for this write."""
        return card_rows(conn, learner_id, [question_id], now, origin)[question_id]

    def _review(
        self,
        conn: Connection,
        row: Any,
        question: Question,
        score: float,
        rating: Rating,
        now: datetime,
        *,
        source: str,
        response: str | None = None,
        duration_ms: int | None = None,
    ) -> tuple[Card, int]:
        review = finish.review_card(
            self.practice_scheduler(),
            stored_card(row),
            question,
            score,
            rating,
            now,
            source=source,
            response=response,
            duration_ms=duration_ms,
        )
        write_reviews(conn, [review])
        return review.card, review.reps


def card_rows(
    conn: Connection, learner_id: int, question_ids: Sequence[str], now: datetime, origin: str
) -> dict[str, Any]:
    """The learner's card rows for these questions, made where missing, locked for this write."""
    values = [
        {
            "learner_id": learner_id,
            "question_id": question_id,
            "card": "",
            "due": now,
            "reps": 0,
            "origin": origin,
            "created_at": now,
            "updated_at": now,
        }
        for question_id in question_ids
    ]
    upsert(conn, t.practice_cards, values, ("learner_id", "question_id"), ())
    rows = conn.execute(
        sa.select(t.practice_cards)
        .where(
            t.practice_cards.c.learner_id == learner_id,
            t.practice_cards.c.question_id.in_(list(question_ids)),
        )
        .with_for_update()
    )
    return {r.question_id: r for r in rows}


def stored_card(row: Any) -> finish.StoredCard:
    return finish.StoredCard(
        row.id, row.learner_id, practice.card_from_json(row.card) if row.card else None, row.reps
    )


def stored_cards(
    conn: Connection, learner_id: int, question_ids: Sequence[str], now: datetime, origin: str
) -> dict[str, finish.StoredCard]:
    """The learner's cards for these questions, made where missing, locked for this write."""
    if not question_ids:
        return {}
    return {q: stored_card(r) for q, r in card_rows(conn, learner_id, question_ids, now, origin).items()}


def write_reviews(conn: Connection, reviews: Sequence[finish.CardReview]) -> None:
    """The cards' new states and their review logs: two statements, however many cards."""
    if not reviews:
        return
    conn.execute(
        _UPDATE_CARD,
        [
            {
                "b_id": r.card_id,
                "card": practice.card_to_json(r.card),
                "due": r.card.due,
                "reps": r.reps,
                "updated_at": r.at,
            }
            for r in reviews
        ],
    )
    conn.execute(
        t.practice_reviews.insert(),
        [
            {
                "card_id": r.card_id,
                "learner_id": r.learner_id,
                "question_id": r.question_id,
                "version": r.version,
                "source": r.source,
                "attempt_id": r.attempt_id,
                "response": r.response,
                "score": r.score,
                "rating": int(r.rating),
                "duration_ms": r.duration_ms,
                "reviewed_at": r.at,
                "log": practice.log_to_json(r.log),
            }
            for r in reviews
        ],
    )
