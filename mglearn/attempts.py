"""Pure quiz logic: draw an attempt, grade a response, score a quiz. No I/O, no clock.

A *response* is a list:
- single / true_false / multiple: the indices (in the authored option list) the learner chose;
- matching: one entry per pair (authored order): the index of the right-hand side chosen
  for that left-hand side, or ``None`` while unanswered.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .content import Question, Quiz
from .errors import UserError
from .questions.base import Response as Response
from .questions.registry import kind


@dataclass(frozen=True)
class Drawn:
    """One question as an attempt shows it: which version, and in what option order."""

    question_id: str
    version: str
    order: tuple[int, ...]  # option indices (or right-hand sides for matching) as shown

    def to_dict(self) -> dict[str, object]:
        return {"question_id": self.question_id, "version": self.version, "order": list(self.order)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Drawn:
        order = data["order"]
        assert isinstance(order, list)
        return cls(str(data["question_id"]), str(data["version"]), tuple(int(i) for i in order))


def new_seed() -> int:
    return secrets.randbits(31)


def _pick(questions: Sequence[Question], n: int, rng: random.Random) -> list[Question]:
    """``n`` of ``questions``, stratified by difficulty, in authored order.

    Each difficulty gets ``n * its share`` questions, rounded by largest remainder (ties broken
    by ``rng``), and its questions are sampled with ``rng``: the same seed, the same pick.
    """
    if n >= len(questions):
        return list(questions)
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(questions):
        groups.setdefault(q.difficulty, []).append(i)
    total = len(questions)
    quota = {d: n * len(g) // total for d, g in groups.items()}
    order = list(groups)
    rng.shuffle(order)  # random tie order; the stable sort below keeps it among equal remainders
    order.sort(key=lambda d: n * len(groups[d]) % total, reverse=True)
    for d in order[: n - sum(quota.values())]:
        quota[d] += 1
    chosen: set[int] = set()
    for d, group in groups.items():
        chosen.update(rng.sample(group, quota[d]))
    return [q for i, q in enumerate(questions) if i in chosen]


def draw(quiz: Quiz, seed: int, shuffle_questions: bool = True) -> list[Drawn]:
    """The questions of an attempt in their shown order, with shuffled options (seeded).

    With ``quiz.draw`` set, the attempt shows that many questions, stratified by difficulty.
    """
    rng = random.Random(seed)
    questions = _pick(quiz.questions, quiz.shown, rng)
    if shuffle_questions:
        rng.shuffle(questions)
    return [Drawn(q.id, q.version, shown_order(q, rng)) for q in questions]


def shown_order(q: Question, rng: random.Random) -> tuple[int, ...]:
    """The order a question's options (or right-hand sides) are shown in: a shuffle, so
    nothing on screen follows the order the author listed them in (authors tend to put the
    right ones first). True/false reads "Waar", then "Niet waar", however it was authored."""
    return kind(q.type).shown_order(q, rng)


class InvalidResponse(UserError):
    """A response that is not a list of option numbers (whole numbers or blanks): refused,
    never scored. ``[True]`` is not option 1, ``["0"]`` not option 0, ``5`` not a list."""

    def __init__(self) -> None:
        super().__init__("error.bad_response")


def checked(response: object) -> Response:
    """The response as a list of ints and Nones, or :class:`InvalidResponse`."""
    if response is None:
        return []
    if not isinstance(response, list | tuple) or any(r is not None and type(r) is not int for r in response):
        raise InvalidResponse()
    return list(response)


def is_answered(question: Question, response: Sequence[int | None] | None) -> bool:
    if not response:
        return False
    return kind(question.type).is_answered(question, response)


def valid_response(question: Question, response: Sequence[int | None]) -> bool:
    """Does the response fit the question (indices in range, one choice for single)?"""
    try:
        response = checked(response)
    except InvalidResponse:
        return False
    return kind(question.type).valid_response(question, response)


def grade(question: Question, response: Sequence[int | None] | None) -> float:
    """Score of one response, 0..1.

    single / true_false: 1 or 0. multiple: each correct option chosen +1/k, each wrong one
    -1/k (k = number of correct options), floored at 0. matching: fraction of pairs matched.
    A response that is not a list of whole numbers and blanks raises :class:`InvalidResponse`.
    """
    return kind(question.type).grade(question, checked(response))


def correct_response(question: Question) -> Response:
    return kind(question.type).correct_response(question)


@dataclass(frozen=True)
class QuizResult:
    score: float
    passed: bool
    scores: dict[str, float]


def score_quiz(
    questions: Sequence[Question], responses: Mapping[str, Sequence[int | None]], pass_mark: float
) -> QuizResult:
    """Quiz score = mean of question scores; unanswered questions score 0."""
    scores = {q.id: grade(q, responses.get(q.id)) for q in questions}
    score = sum(scores.values()) / len(scores) if scores else 0.0
    return QuizResult(score, score + 1e-9 >= pass_mark, scores)
