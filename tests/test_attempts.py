"""Pure scoring and drawing rules."""

from __future__ import annotations

import pytest

from mglearn.attempts import draw, grade, is_answered, score_quiz, valid_response
from mglearn.content import Option, Pair, Question, Quiz, Text


def txt(s: str) -> Text:
    return Text(nl=s, en=s)


def question(kind: str, correct: list[bool] | None = None, pairs: int = 0, qid: str = "q") -> Question:
    options = [Option(text=txt(f"o{i}"), correct=c, feedback=txt("f")) for i, c in enumerate(correct or [])]
    return Question(
        id=qid,
        type=kind,  # type: ignore[arg-type]
        section="s",
        difficulty="easy",
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
