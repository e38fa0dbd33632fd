"""Answers to the lesson page's "check yourself" items (issue 30): each one a practice review.

A check item is practice only: its answer is graded like a practice answer and reviews the
learner's fsrs card for the item in the same transaction (source and origin ``check``), so the
item returns in Practice on fsrs' schedule. One answer per learner and item: the check block
shows the stored answer from then on, and a second write (a rerun, a double click, another tab)
returns the first one instead of reviewing the card again. No score is kept anywhere else: a
check answer never touches an attempt, a quiz result or the item analysis.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import finish, practice
from ..attempts import Response, grade, valid_response
from ..content import Question
from ..errors import UserError
from . import tables as t
from .base import as_utc
from .database import Database
from .practice import Practice, card_rows, stored_card, write_reviews

SOURCE = "check"  # practice_reviews.source and practice_cards.origin of a check answer


@dataclass(frozen=True)
class CheckAnswer:
    """A learner's answer to one check item, as stored: what they chose and its score."""

    question_id: str
    response: list[int | None]
    score: float
    answered_at: datetime
    repeated: bool = False  # True: the item was answered before; this is that first answer


class Checks:
    """The check block's answers; the cards and reviews are practice's (``store.practice``)."""

    def __init__(self, db: Database, practice_part: Practice) -> None:
        self.db = db
        self.practice = practice_part

    def answers(self, learner_id: int, question_ids: Sequence[str]) -> dict[str, CheckAnswer]:
        """The learner's check answers to these items, by item id."""
        if not question_ids:
            return {}
        with self.db.read() as conn:
            return _answers(conn, learner_id, question_ids)

    def answer(
        self, learner_id: int, question: Question, response: Response, *, now: datetime
    ) -> CheckAnswer:
        """Grade the answer and review the item's card, in one transaction; an item answered
        before keeps its first answer (``repeated``), and its card is not reviewed again."""
        now = as_utc(now)
        if not valid_response(question, response):
            raise UserError("practice.invalid")
        score = grade(question, response)
        rating = practice.rating_for(score, question.type)  # no timing: never Easy, no hurry
        with self.db.write() as conn:  # the write lock first: a double click waits, then finds it
            row = card_rows(conn, learner_id, [question.id], now, SOURCE)[question.id]
            before = _answers(conn, learner_id, [question.id]).get(question.id)
            if before is not None:
                return dataclasses.replace(before, repeated=True)
            review = finish.review_card(
                self.practice.practice_scheduler(),
                stored_card(row),
                question,
                score,
                rating,
                now,
                source=SOURCE,
                response=json.dumps(list(response)),
            )
            write_reviews(conn, [review])
        return CheckAnswer(question.id, list(response), score, now)


def _answers(conn: Connection, learner_id: int, question_ids: Sequence[str]) -> dict[str, CheckAnswer]:
    reviews = t.practice_reviews.c
    rows = conn.execute(
        sa.select(reviews.question_id, reviews.response, reviews.score, reviews.reviewed_at)
        .where(
            reviews.learner_id == learner_id,
            reviews.source == SOURCE,
            reviews.question_id.in_(list(question_ids)),
        )
        .order_by(reviews.id)
    )
    found: dict[str, CheckAnswer] = {}
    for r in rows:
        if r.question_id not in found:  # the first answer is the one the block shows
            response = json.loads(r.response) if r.response else []
            found[r.question_id] = CheckAnswer(r.question_id, response, float(r.score), as_utc(r.reviewed_at))
    return found
