"""Pure scoring and drawing rules."""

from __future__ import annotations

from collections import Counter

import pytest

from mglearn.attempts import draw, grade, is_answered, score_quiz, valid_response
from mglearn.content import Option, Pair, Question, Quiz, Text


def txt(s: str) -> Text:
    return Text(nl=s, en=s)


def question(
    kind: str, correct: list[bool] | None = None, pairs: int = 0, qid: str = "q", difficulty: str = "easy"
) -> Question:
    options = [Option(text=txt(f"o{i}"), correct=c, feedback=txt("f")) for i, c in enumerate(correct or [])]
    return Question(
        id=qid,
        type=kind,  # type: ignore[arg-type]
        section="s",
        difficulty=difficulty,  # type: ignore[arg-type]
        prompt=txt("p"),
        options=options,
        pairs=[Pair(left=txt(f"l{i}"), right=txt(f"r{i}")) for i in range(pairs)],
        explanation=txt("e"),
    )


SINGLE = question("single", [False, True, False])
TF = question("true_false", [True, False])
MULTI = question("multiple", [True, False, True, False])  # k = 2
MATCH = question("matching", pairs=4)


@pytest.mark.parametrize(
    ("q", "response", "expected"),
    [
        (SINGLE, [1], 1.0),
        (SINGLE, [0], 0.0),
        (SINGLE, [], 0.0),
        (SINGLE, None, 0.0),
        (SINGLE, [1, 0], 0.0),  # two choices for a single question never score
        (TF, [0], 1.0),
        (TF, [1], 0.0),
        (MULTI, [0, 2], 1.0),
        (MULTI, [0], 0.5),
        (MULTI, [0, 1], 0.0),  # +1/2 -1/2
        (MULTI, [0, 2, 1], 0.5),  # +1 -1/2
        (MULTI, [0, 1, 2, 3], 0.0),  # everything chosen: +1 -1
        (MULTI, [1, 3], 0.0),  # floored at 0, not -1
        (MULTI, [], 0.0),
        (MATCH, [0, 1, 2, 3], 1.0),
        (MATCH, [0, 1, 3, 2], 0.5),
        (MATCH, [0, None, None, None], 0.25),
        (MATCH, [], 0.0),
        (MATCH, [3, 2, 1, 0], 0.0),
    ],
)
def test_grade(q: Question, response: list[int | None] | None, expected: float) -> None:
    assert grade(q, response) == pytest.approx(expected)


def test_multiple_with_three_correct_uses_thirds() -> None:
    q = question("multiple", [True, True, True, False, False])
    assert grade(q, [0]) == pytest.approx(1 / 3)
    assert grade(q, [0, 1, 3]) == pytest.approx(1 / 3)


def test_quiz_score_is_mean_and_pass_mark_inclusive() -> None:
    a = question("single", [True, False], qid="a")
    b = question("single", [True, False], qid="b")
    c = question("multiple", [True, False, True, False], qid="c")
    result = score_quiz([a, b, c], {"a": [0], "b": [1], "c": [0]}, 0.5)
    assert result.score == pytest.approx(0.5) and result.passed
    assert result.scores == {"a": 1.0, "b": 0.0, "c": 0.5}
    assert not score_quiz([a, b], {}, 0.7).passed


def test_draw_is_seeded_and_keeps_true_false_order() -> None:
    quiz = Quiz(
        id="z",
        lesson="l",
        title=txt("t"),
        questions=[SINGLE.model_copy(update={"id": f"q{i}"}) for i in range(8)] + [TF],
    )
    first, again, other = draw(quiz, 42), draw(quiz, 42), draw(quiz, 43)
    assert first == again
    assert first != other
    assert {d.question_id for d in first} == {q.id for q in quiz.questions}
    tf = next(d for d in first if d.question_id == TF.id)
    assert tf.order == (0, 1)
    for d in first:
        assert sorted(d.order) == list(range(len(d.order)))


def bank_quiz(
    draw: int | None, difficulties: tuple[str, ...] = ("easy",) * 4 + ("medium",) * 5 + ("hard",) * 3
) -> Quiz:
    questions = [
        question("single", [True, False, False], qid=f"q{i}", difficulty=d)
        for i, d in enumerate(difficulties)
    ]
    return Quiz(id="z", lesson="l", title=txt("t"), draw=draw, questions=questions)


def test_draw_n_is_stratified_by_difficulty_and_seeded() -> None:
    quiz = bank_quiz(10)
    assert len(quiz.questions) == 12 and quiz.shown == 10
    by_id = {q.id: q for q in quiz.questions}
    bank = Counter(q.difficulty for q in quiz.questions)
    picks = set()
    for seed in range(40):
        drawn = draw(quiz, seed)
        ids = [d.question_id for d in drawn]
        assert len(ids) == 10 and len(set(ids)) == 10
        counts = Counter(by_id[i].difficulty for i in ids)
        for difficulty, n in bank.items():
            assert abs(counts[difficulty] - 10 * n / 12) <= 1, (seed, counts)
        assert draw(quiz, seed) == drawn  # same seed, same draw
        picks.add(frozenset(ids))
    assert len(picks) > 1  # different seeds draw different questions


def test_draw_largest_remainder_and_random_ties() -> None:
    # 4/5/3 of 12, draw 10: quotas 3.33, 4.17, 2.5 -> 3, 4, 3 (hard has the largest remainder)
    quiz = bank_quiz(10)
    by_id = {q.id: q for q in quiz.questions}
    counts = Counter(by_id[d.question_id].difficulty for d in draw(quiz, 1))
    assert counts == {"easy": 3, "medium": 4, "hard": 3}
    # 4/4/4 of 12, draw 10: a tie, the extra question goes to each difficulty for some seed
    tied = bank_quiz(10, ("easy",) * 4 + ("medium",) * 4 + ("hard",) * 4)
    by_id = {q.id: q for q in tied.questions}
    extra = set()
    for seed in range(60):
        counts = Counter(by_id[d.question_id].difficulty for d in draw(tied, seed))
        assert sorted(counts.values()) == [3, 3, 4]
        extra.add(counts.most_common(1)[0][0])
    assert extra == {"easy", "medium", "hard"}


def test_draw_none_shows_all() -> None:
    quiz = bank_quiz(None)
    assert quiz.shown == 12
    assert sorted(d.question_id for d in draw(quiz, 5)) == sorted(q.id for q in quiz.questions)
    assert bank_quiz(12).shown == 12
    assert [d.question_id for d in draw(bank_quiz(3), 5, shuffle_questions=False)] == sorted(
        [d.question_id for d in draw(bank_quiz(3), 5, shuffle_questions=False)], key=lambda i: int(i[1:])
    )  # without shuffling, the drawn questions keep their authored order


def test_answered_and_valid() -> None:
    assert not is_answered(SINGLE, [])
    assert is_answered(SINGLE, [2])
    assert not is_answered(MATCH, [0, None, 1, 2])
    assert is_answered(MATCH, [0, 3, 1, 2])
    assert valid_response(MULTI, [0, 3])
    assert not valid_response(SINGLE, [0, 1])
    assert not valid_response(SINGLE, [7])
    assert not valid_response(MULTI, [1, 1])
    assert not valid_response(MATCH, [0, 1])
