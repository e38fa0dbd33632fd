"""Item and test statistics against values worked out by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pandas as pd
import pytest

from mglearn.analytics import distractor_analysis, item_statistics, mastery, roster, test_statistics
from mglearn.content import Content, Option, Question, Text

# 4 attempts x 3 items, scored 0/1:      totals
#   a1: 1 1 1                              3
#   a2: 1 1 0                              2
#   a3: 1 0 0                              1
#   a4: 0 0 0                              0
MATRIX = {1: [1, 1, 1], 2: [1, 1, 0], 3: [1, 0, 0], 4: [0, 0, 0]}


def frame(matrix: dict[int, list[float]], answered: dict[int, list[bool]] | None = None) -> pd.DataFrame:
    rows = []
    for attempt, scores in matrix.items():
        for j, score in enumerate(scores):
            row = {"attempt_id": attempt, "question_id": f"q{j + 1}", "score": score}
            if answered is not None:
                row["answered"] = answered[attempt][j]
            rows.append(row)
    return pd.DataFrame(rows)


def test_item_statistics_by_hand() -> None:
    stats = item_statistics(frame(MATRIX))
    assert list(stats.index) == ["q1", "q2", "q3"] == list(stats["question_id"])
    assert list(stats["n"]) == [4, 4, 4]
    assert list(stats["facility"]) == pytest.approx([0.75, 0.5, 0.25])
    # sample sd: q1 = sqrt(0.75 / 3) = 0.5, q2 = sqrt(1 / 3)
    assert list(stats["sd"]) == pytest.approx([0.5, math.sqrt(1 / 3), 0.5])
    # q1 vs rest [2,1,0,0]: 0.75 / sqrt(0.75 * 2.75); q2 vs rest [2,1,1,0]: 1 / sqrt(2)
    expected = [0.75 / math.sqrt(0.75 * 2.75), 1 / math.sqrt(2), 0.75 / math.sqrt(0.75 * 2.75)]
    assert list(stats["discrimination"]) == pytest.approx(expected)
    assert stats.loc["q3", "flags"] == []


def test_test_statistics_by_hand() -> None:
    stats = test_statistics(frame(MATRIX))
    assert stats["n_attempts"] == 4
    assert stats["mean"] == pytest.approx(0.5)
    # attempt scores 1, 2/3, 1/3, 0: sample sd = sqrt((0.25 + 1/36 + 1/36 + 0.25) / 3)
    assert stats["sd"] == pytest.approx(math.sqrt((0.5 + 2 / 36) / 3))
    # KR-20: 3/2 * (1 - (3/16 + 1/4 + 3/16) / 1.25) = 0.75
    assert stats["alpha"] == pytest.approx(0.75)


def test_alpha_with_partial_credit_equals_the_formula() -> None:
    matrix = {1: [1, 0.5, 1], 2: [0.5, 0.5, 0], 3: [1, 1, 1], 4: [0, 0.5, 0]}
    items = pd.DataFrame(matrix).T
    k = 3
    expected = k / (k - 1) * (1 - items.var(ddof=0).sum() / items.sum(axis=1).var(ddof=0))
    assert test_statistics(frame(matrix))["alpha"] == pytest.approx(expected)


def test_attempts_with_fewer_than_two_answered_are_excluded() -> None:
    matrix = {**MATRIX, 5: [1, 0, 0]}
    answered = {a: [True, True, True] for a in MATRIX} | {5: [True, False, False]}
    stats = item_statistics(frame(matrix, answered))
    assert list(stats["n"]) == [4, 4, 4]
    assert test_statistics(frame(matrix, answered))["n_attempts"] == 4


def test_no_variance_gives_nan_not_a_crash() -> None:
    stats = item_statistics(frame({1: [1, 1], 2: [1, 0], 3: [1, 1]}))
    assert math.isnan(stats.loc["q1", "discrimination"])
    assert "too_easy" in stats.loc["q1", "flags"]
    empty = item_statistics(pd.DataFrame(columns=["attempt_id", "question_id", "score"]))
    assert empty.empty
    assert math.isnan(test_statistics(pd.DataFrame(columns=["attempt_id", "question_id", "score"]))["alpha"])


def test_flags() -> None:
    # q2 is answered right only by the weakest attempt: negative discrimination
    matrix = {1: [1, 0, 1], 2: [1, 0, 1], 3: [0, 0, 1], 4: [0, 1, 0]}
    stats = item_statistics(frame(matrix))
    assert "negative_discrimination" in stats.loc["q2", "flags"]
    assert "too_hard" not in stats.loc["q2", "flags"]  # facility 0.25
    stats = item_statistics(frame({1: [0, 1], 2: [0, 0], 3: [0, 1], 4: [0, 0], 5: [0, 1], 6: [1, 1]}))
    assert "too_hard" in stats.loc["q1", "flags"]


def _q(correct: list[bool]) -> Question:
    t = Text(nl="x", en="x")
    return Question(
        id="q1",
        type="single",
        section="s",
        difficulty="easy",
        prompt=t,
        options=[
            Option(text=Text(nl=f"o{i}", en=f"o{i}"), correct=c, feedback=t) for i, c in enumerate(correct)
        ],
        explanation=t,
    )


def test_distractor_chosen_by_top_third_is_flagged() -> None:
    q = _q([True, False, False])
    rows = []
    # six attempts; q1 plus a filler item q2 decides who is top and bottom
    choices = {1: [1], 2: [1], 3: [0], 4: [0], 5: [2], 6: [2]}
    filler = {1: 1, 2: 1, 3: 0.5, 4: 0.5, 5: 0, 6: 0}
    for attempt, choice in choices.items():
        rows.append({"attempt_id": attempt, "question_id": "q1", "score": 0.0, "response": choice})
        rows.append({"attempt_id": attempt, "question_id": "q2", "score": filler[attempt], "response": [0]})
    table = distractor_analysis(pd.DataFrame(rows), [q])
    option1 = table[table["option"] == 1].iloc[0]
    assert option1["chosen_top"] == 1.0 and option1["chosen_bottom"] == 0.0 and option1["flag"]
    option2 = table[table["option"] == 2].iloc[0]
    assert option2["chosen_bottom"] == 1.0 and not option2["flag"]
    assert table[table["option"] == 0].iloc[0]["chosen"] == pytest.approx(2 / 6)


def test_roster_and_mastery(store, content: Content) -> None:  # type: ignore[no-untyped-def]
    from mglearn.attempts import correct_response

    a, b = (
        store.learners.create_learner("A", now=datetime.now(UTC)),
        store.learners.create_learner("B", now=datetime.now(UTC)),
    )
    store.learners.mark_read(a.id, content.lessons[0].id, now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(a.id, quiz, now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    attempts = store.groups.group_attempts([a.id, b.id])
    table = roster([a, b], store.groups.group_reads([a.id, b.id]), attempts)
    row_a = table[table["name"] == "A"].iloc[0]
    assert row_a["lessons_read"] == 1 and row_a["quizzes_passed"] == 1 and row_a["mean_best_score"] == 1.0
    row_b = table[table["name"] == "B"].iloc[0]
    assert (
        row_b["lessons_read"] == 0
        and math.isnan(row_b["mean_best_score"])
        and pd.isna(row_b["last_activity"])
    )
    grid = mastery(content, [a, b], attempts)
    assert len(grid) == 2 * len(content.lessons)
    assert grid[(grid["name"] == "A") & (grid["order"] == 1)]["best"].iloc[0] == 1.0
