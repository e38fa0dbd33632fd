"""The named transitions (mglearn/finish.py), pure: no database, no clock. Finishing an attempt
grades, scores, passes and reviews the cards of the answered questions; closing an exam also
finishes it by its deadline and makes a passed one's certificate due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from mglearn import finish, practice
from mglearn.attempts import Drawn
from mglearn.content import Option, Pair, Question, Text
from mglearn.records import Attempt

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SCHEDULER = practice.scheduler(fuzzing=False)


def txt(s: str) -> Text:
    return Text(nl=s, en=s)


def question(
    qid: str, kind: str = "single", correct: tuple[bool, ...] = (False, True), pairs: int = 0
) -> Question:
    return Question(
        id=qid,
        type=kind,  # type: ignore[arg-type]
        section="s",
        difficulty="easy",
        prompt=txt("p"),
        options=[Option(text=txt(f"o{i}"), correct=c, feedback=txt("f")) for i, c in enumerate(correct)]
        if kind != "matching"
        else [],
        pairs=[Pair(left=txt(f"l{i}"), right=txt(f"r{i}")) for i in range(pairs)],
        explanation=txt("e"),
    )


QUESTIONS = [
    question("a"),
    question("b"),
    question("c", "multiple", (True, False, True)),
    question("d", "matching", pairs=2),
]


def attempt(kind: str = "quiz", pass_mark: float = 0.5, deadline: datetime | None = None) -> Attempt:
    return Attempt(
        id=7,
        learner_id=3,
        quiz_id="exam" if kind == "exam" else "q1",
        seed=1,
        draw=tuple(Drawn(q.id, q.version, (0, 1)) for q in QUESTIONS),
        pass_mark=pass_mark,
        started_at=T0,
        submitted_at=None,
        score=None,
        passed=None,
        kind=kind,
        deadline_at=deadline,
    )


def cards(ids: list[str]) -> dict[str, finish.StoredCard]:
    return {q: finish.StoredCard(card_id=i + 1, learner_id=3, card=None, reps=0) for i, q in enumerate(ids)}


# a right, b wrong, c half right, d left blank (a matching answer with a gap is no answer)
RESPONSES = {"a": [1], "b": [0], "c": [0], "d": [0, None]}


def test_finish_grades_scores_and_reviews_the_answered_cards() -> None:
    wanted = finish.to_review(QUESTIONS, RESPONSES)
    assert wanted == ["a", "b", "c"]
    now = T0 + timedelta(minutes=5)
    done = finish.finish_attempt(attempt(), QUESTIONS, RESPONSES, cards(wanted), now, SCHEDULER)
    assert done.finished_at == now and done.attempt_id == 7
    assert done.scores == {"a": 1.0, "b": 0.0, "c": 0.5, "d": 0.5}  # every saved answer
    assert done.blanks == {}
    assert done.score == pytest.approx(0.5) and done.passed
    assert [(r.question_id, r.rating, r.reps, r.source, r.attempt_id) for r in done.reviews] == [
        ("a", Rating.Good, 1, "attempt", 7),
        ("b", Rating.Again, 1, "attempt", 7),
        ("c", Rating.Hard, 1, "attempt", 7),
    ]
    assert all(r.at == now and r.card.last_review == now for r in done.reviews)
    assert done.certificate is None


def test_unanswered_questions_get_a_blank_and_leave_their_card() -> None:
    done = finish.finish_attempt(attempt(), QUESTIONS, {"a": [1]}, cards(["a"]), T0, SCHEDULER)
    assert done.scores == {"a": 1.0}
    assert done.blanks == {"b": 0.0, "c": 0.0, "d": 0.0}
    assert done.score == pytest.approx(0.25) and not done.passed
    assert [r.question_id for r in done.reviews] == ["a"]


def test_a_card_is_never_reviewed_before_its_last_review() -> None:
    later = T0 + timedelta(hours=1)
    seen, _ = practice.review(SCHEDULER, practice.new_card(1, later), Rating.Good, later)
    stored = {"a": finish.StoredCard(1, 3, seen, 1)}
    done = finish.finish_attempt(attempt(), QUESTIONS, {"a": [1]}, stored, T0, SCHEDULER)
    (review,) = done.reviews
    assert review.at == later and review.reps == 2  # another server's clock was ahead


def test_the_input_is_left_as_it_was() -> None:
    stored = cards(["a"])
    responses = {"a": [1]}
    finish.finish_attempt(attempt(), QUESTIONS, responses, stored, T0, SCHEDULER)
    assert responses == {"a": [1]} and stored == cards(["a"])


def test_an_exam_finishes_by_its_deadline_and_a_pass_earns_its_certificate() -> None:
    deadline = T0 + timedelta(minutes=30)
    exam = attempt("exam", pass_mark=0.5, deadline=deadline)
    right = {"a": [1], "b": [1], "c": [0, 2]}
    late = deadline + timedelta(minutes=10)  # an overdue close: finished at the deadline
    done = finish.close_exam(exam, QUESTIONS, right, cards(["a", "b", "c"]), late, SCHEDULER, valid_days=365)
    assert done.finished_at == deadline and done.passed
    assert done.certificate == finish.CertificateDue(
        score=done.score, pass_mark=0.5, issued_at=deadline, valid_until=deadline + timedelta(days=365)
    )
    assert all(r.at == deadline for r in done.reviews)
    early = T0 + timedelta(minutes=10)
    done = finish.close_exam(exam, QUESTIONS, right, cards(["a", "b", "c"]), early, SCHEDULER)
    assert done.finished_at == early and done.certificate is not None
    assert done.certificate.valid_until is None  # 0 days: valid for good


def test_a_failed_exam_earns_no_certificate() -> None:
    exam = attempt("exam", pass_mark=0.75, deadline=T0 + timedelta(minutes=30))
    done = finish.close_exam(exam, QUESTIONS, {"a": [1]}, cards(["a"]), T0, SCHEDULER, valid_days=365)
    assert not done.passed and done.certificate is None
