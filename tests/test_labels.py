"""Difficulty from the item, then from the data (issue 27): once real answers exist, the item
analysis says where the observed facility disagrees with an item's label, in the trainer's
table and in `mglearn check --responses`."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from mglearn.__main__ import main
from mglearn.analytics import LABEL_MIN_ANSWERS, item_statistics
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.exports import items_sheet
from mglearn.store import Store


def answers(n: int, right: int, question: str = "q1") -> pd.DataFrame:
    rows = []
    for a in range(n):
        rows.append({"attempt_id": a, "question_id": question, "score": 1.0 if a < right else 0.0})
        rows.append({"attempt_id": a, "question_id": "other", "score": 0.5})
    return pd.DataFrame(rows)


def test_a_hard_item_nearly_everyone_gets_right_is_flagged_once_there_are_enough_answers() -> None:
    labels = {"q1": "hard", "other": "medium"}
    flagged = item_statistics(answers(LABEL_MIN_ANSWERS, LABEL_MIN_ANSWERS - 1), labels)
    assert "answered_easier" in flagged.loc["q1", "flags"]
    early = item_statistics(answers(LABEL_MIN_ANSWERS - 1, LABEL_MIN_ANSWERS - 2), labels)
    assert "answered_easier" not in early.loc["q1", "flags"]  # too few answers to say
    as_labelled = item_statistics(answers(40, 20), labels)
    assert not {"answered_easier", "answered_harder"} & set(as_labelled.loc["q1", "flags"])


def test_an_easy_item_most_get_wrong_is_flagged() -> None:
    stats = item_statistics(answers(40, 10), {"q1": "easy", "other": "medium"})
    assert "answered_harder" in stats.loc["q1", "flags"]


def everyone_right(store: Store, content: Content, learners: int) -> tuple[str, str]:
    """``learners`` attempts of the first quiz, all right; returns a hard item's id and quiz id."""
    quiz = content.quizzes[0]
    for n in range(learners):
        learner = store.learners.create_learner(f"L{n}", now=datetime.now(UTC))
        attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
        for _, q in store.attempts.questions_of(attempt):
            store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
        store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    asked = pd.DataFrame(store.groups.responses(quiz.id))
    counts = asked.groupby("question_id").size()
    hard = next(
        q.id for q in quiz.questions if q.difficulty == "hard" and counts.get(q.id, 0) >= LABEL_MIN_ANSWERS
    )
    return hard, quiz.id


def test_the_trainer_table_and_check_responses_name_the_item(
    store: Store, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    hard, quiz_id = everyone_right(store, content, LABEL_MIN_ANSWERS + 8)
    quiz = content.quiz(quiz_id)
    assert quiz is not None
    sheet = items_sheet([(quiz, pd.DataFrame(store.groups.responses(quiz_id)))], "nl", with_quiz=False)
    row = next(r for r in sheet.rows if r[0] == hard)
    assert "makkelijker dan het label" in str(row[-1])

    assert main(["check", "--responses"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if f": {hard}: " in x)
    assert line.startswith("quizzes/01-functies.yaml:") or "quizzes/01-functies.yaml:" in line
    assert "labelled hard" in line and "facility 1.00" in line and "relabel" in line
