"""The bank's gapselect items (issue 28) in the quiz draw, the exam draw and practice: they are
ordinary items of their quiz, stratified by their label like any other."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from statistics import mean

from fsrs import Rating

from mglearn import practice
from mglearn.attempts import correct_response, draw
from mglearn.content import Content, Question
from mglearn.exam import draw_exam
from mglearn.store import Store


def gap_items(content: Content) -> list[Question]:
    return [q for _, q in content.questions() if q.type == "gapselect"]


def test_each_quiz_draws_its_gapselect_item_as_one_of_its_label(content: Content) -> None:
    """draw: 10 of 13, stratified by difficulty: the item comes up in about the share of its
    label's questions that an attempt shows, never always, never never."""
    for quiz in content.quizzes:
        gap = next(q for q in quiz.questions if q.type == "gapselect")
        peers = [q for q in quiz.questions if q.difficulty == gap.difficulty]
        shown = sum(any(d.question_id == gap.id for d in draw(quiz, seed)) for seed in range(400)) / 400
        share = quiz.shown * len(peers) / len(quiz.questions) / len(peers)  # quota / label size
        assert 0 < shown < 1 and abs(shown - share) < 0.12, (quiz.id, shown, share)


def test_the_exam_draws_them_too(content: Content) -> None:
    """A 25-question exam over the 91-question bank holds about 25 x 7/91 of them."""
    types = {q.id: q.type for _, q in content.questions()}
    exams = [draw_exam(content, 25, seed)[0] for seed in range(300)]
    counts = [sum(types[d.question_id] == "gapselect" for d in exam) for exam in exams]
    assert 1.2 < mean(counts) < 2.7 and min(counts) == 0 and max(counts) >= 3


def test_practice_rates_a_gap_item_by_its_share_of_gaps(store: Store, content: Content) -> None:
    """Half the gaps right is Hard; all right within the type's fast time is Easy."""
    first, second = gap_items(content)[:2]
    assert [qid for _, qid in practice.bank_order(content)].count(first.id) == 1
    learner = store.learners.create_learner("Gerda", now=datetime.now(UTC))
    now = datetime.now(UTC)
    right = correct_response(first)
    wrong = next(i for i, o in enumerate(first.options) if not o.correct)
    earlier = now - timedelta(seconds=20)
    half = store.practice.practice_answer(learner.id, first, [right[0], wrong], shown_at=earlier, now=now)
    assert (half.score, half.rating) == (0.5, Rating.Hard)
    fast = now - timedelta(seconds=practice.FAST_SECONDS["gapselect"] - 5)
    whole = store.practice.practice_answer(
        learner.id, second, correct_response(second), shown_at=fast, now=now
    )
    assert (whole.score, whole.rating) == (1.0, Rating.Easy)
