"""Difficulty labels follow what an item demands, with no quota (issue 27): the quiz draw and
the exam draw stay stratified and whole whatever the spread of labels is."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mglearn.attempts import draw
from mglearn.content import PROJECT_ROOT, Content, load_content
from mglearn.exam import draw_exam

BANK = load_content(PROJECT_ROOT).content
LABELS = st.sampled_from(["easy", "medium", "hard"])


def relabelled(labels: list[str]) -> Content:
    it = iter(labels)
    quizzes = [
        quiz.model_copy(
            update={"questions": [q.model_copy(update={"difficulty": next(it)}) for q in quiz.questions]}
        )
        for quiz in BANK.quizzes
    ]
    return Content(lessons=BANK.lessons, quizzes=quizzes)


N = sum(len(quiz.questions) for quiz in BANK.quizzes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LABELS, min_size=N, max_size=N), st.integers(0, 2**31 - 1))
def test_a_quiz_draw_is_whole_and_in_proportion_with_any_labels(labels: list[str], seed: int) -> None:
    content = relabelled(labels)
    for quiz in content.quizzes:
        drawn = draw(quiz, seed)
        ids = [d.question_id for d in drawn]
        assert len(ids) == quiz.shown == len(set(ids))
        by_id = {q.id: q.difficulty for q in quiz.questions}
        have = Counter(q.difficulty for q in quiz.questions)
        got = Counter(by_id[i] for i in ids)
        for label, size in have.items():  # each label within one of its share
            assert abs(got[label] - quiz.shown * size / len(quiz.questions)) < 1 + 1e-9


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LABELS, min_size=N, max_size=N), st.integers(0, 2**31 - 1), st.sampled_from([14, 25, 40]))
def test_an_exam_draw_is_whole_and_spread_over_lessons_with_any_labels(
    labels: list[str], seed: int, n: int
) -> None:
    content = relabelled(labels)
    drawn, source = draw_exam(content, n, seed)
    ids = [d.question_id for d in drawn]
    assert len(ids) == n == len(set(ids))
    per_lesson = Counter(source[i] for i in ids)
    assert set(per_lesson) == {quiz.id for quiz in content.quizzes} and min(per_lesson.values()) >= 2
