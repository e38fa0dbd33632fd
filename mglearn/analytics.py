"""Results for trainers (pandas): item statistics, test statistics, distractors, roster.

Conventions (as Moodle's quiz statistics):
- an attempt counts only if it answered at least two items (column ``answered`` when given,
  else every row counts as answered);
- ``facility`` is the mean item score (0..1); ``sd`` the item's sample standard deviation;
- ``discrimination`` is the Pearson correlation between the item score and the attempt's
  total over the *other* items; NaN when either has no variance;
- Cronbach's alpha uses the attempts that have every item; it equals KR-20 for 0/1 items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from .content import Content, Question, Quiz
from .questions.registry import kind
from .records import LessonRead

FACILITY_HIGH = 0.9
FACILITY_LOW = 0.2
DISCRIMINATION_LOW = 0.2

#: A difficulty label is judged against the data once an item has this many answers ...
LABEL_MIN_ANSWERS = 30
#: ... and a facility outside its label's band says the label is off: a "hard" item nearly
#: everyone gets right (> 0.85) reads as easy; an "easy" one most get wrong (< 0.5) as hard.
LABEL_FACILITY: dict[str, tuple[float, float]] = {
    "easy": (0.5, 1.0),
    "medium": (0.3, 0.95),
    "hard": (0.0, 0.85),
}


def _valid(responses: pd.DataFrame) -> pd.DataFrame:
    frame = responses[["attempt_id", "question_id", "score"]].copy()
    frame["score"] = frame["score"].astype(float)
    answered = responses["answered"].astype(bool) if "answered" in responses else pd.Series(True, frame.index)
    counts = answered.groupby(frame["attempt_id"]).sum()
    keep = counts[counts >= 2].index
    return frame[frame["attempt_id"].isin(keep)]


def _matrix(responses: pd.DataFrame) -> pd.DataFrame:
    """Attempts x items score matrix (NaN where an attempt did not have the item)."""
    frame = _valid(responses)
    return frame.pivot_table(index="attempt_id", columns="question_id", values="score", aggfunc="mean")


def item_statistics(responses: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per question_id (also the index): n, facility, discrimination, sd, flags.
    With ``labels`` (question_id -> difficulty), an item whose facility disagrees with its
    label is flagged too (:func:`label_flag`)."""
    matrix = _matrix(responses)
    columns = ["n", "facility", "discrimination", "sd", "flags"]
    if matrix.empty:
        return pd.DataFrame(columns=["question_id", *columns]).set_index("question_id", drop=False)
    values = matrix.to_numpy(dtype=float)
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    totals = filled.sum(axis=1)
    rows = []
    for j, question_id in enumerate(matrix.columns):
        mask = present[:, j]
        x = values[mask, j]
        rest = totals[mask] - x
        n = int(mask.sum())
        facility = float(x.mean()) if n else float("nan")
        sd = float(x.std(ddof=1)) if n > 1 else float("nan")
        discrimination = float("nan")
        if n > 1 and x.std() > 0 and rest.std() > 0:
            discrimination = float(np.corrcoef(x, rest)[0, 1])
        rows.append(
            {
                "question_id": question_id,
                "n": n,
                "facility": facility,
                "discrimination": discrimination,
                "sd": sd,
                "flags": item_flags(facility, discrimination)
                + [f for f in [label_flag((labels or {}).get(question_id), facility, n)] if f],
            }
        )
    return pd.DataFrame(rows, columns=["question_id", *columns]).set_index("question_id", drop=False)


def item_flags(facility: float, discrimination: float) -> list[str]:
    flags = []
    if facility > FACILITY_HIGH:
        flags.append("too_easy")
    if facility < FACILITY_LOW:
        flags.append("too_hard")
    if not np.isnan(discrimination):
        if discrimination < 0:
            flags.append("negative_discrimination")
        elif discrimination < DISCRIMINATION_LOW:
            flags.append("low_discrimination")
    return flags


def label_flag(difficulty: str | None, facility: float, n: int) -> str | None:
    """ "answered_easier" or "answered_harder" when ``n`` answers are enough to say that the
    item's facility falls outside its label's band (:data:`LABEL_FACILITY`), else None."""
    if difficulty not in LABEL_FACILITY or n < LABEL_MIN_ANSWERS or facility != facility:
        return None
    low, high = LABEL_FACILITY[difficulty]
    if facility > high:
        return "answered_easier"
    if facility < low:
        return "answered_harder"
    return None


def label_disagreements(quiz: Quiz, responses: pd.DataFrame) -> list[tuple[int, Question, float, int, str]]:
    """(index, question, facility, answers, flag) of each item of ``quiz`` whose facility in
    ``responses`` (answers to any quiz or exam; only this quiz's items count) disagrees with its label."""
    ids = {q.id for q in quiz.questions}
    if responses.empty:
        return []
    stats = item_statistics(
        responses[responses["question_id"].isin(ids)], {q.id: q.difficulty for q in quiz.questions}
    )
    rows = {r["question_id"]: r for r in stats.to_dict("records")}
    found = []
    for i, q in enumerate(quiz.questions):
        row = rows.get(q.id)
        if row is None:
            continue
        for flag in row["flags"]:
            if flag.startswith("answered_"):
                found.append((i, q, float(row["facility"]), int(row["n"]), flag))
    return found


def test_statistics(responses: pd.DataFrame) -> dict[str, float]:
    """n_attempts, mean and sd of attempt scores (mean item score, 0..1), Cronbach's alpha."""
    matrix = _matrix(responses)
    if matrix.empty:
        return {"n_attempts": 0, "mean": float("nan"), "sd": float("nan"), "alpha": float("nan")}
    scores = matrix.mean(axis=1, skipna=True)
    complete = matrix.dropna(axis=0, how="any")
    k = complete.shape[1]
    alpha = float("nan")
    if k >= 2 and len(complete) >= 2:
        item_var = complete.var(axis=0, ddof=0).sum()
        total_var = complete.sum(axis=1).var(ddof=0)
        if total_var > 0:
            alpha = float(k / (k - 1) * (1 - item_var / total_var))
    return {
        "n_attempts": int(len(matrix)),
        "mean": float(scores.mean()),
        "sd": float(scores.std(ddof=1)) if len(scores) > 1 else float("nan"),
        "alpha": alpha,
    }


test_statistics.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def distractor_analysis(responses: pd.DataFrame, questions: Sequence[Question]) -> pd.DataFrame:
    """How often each option was chosen, overall and by the top and bottom third of attempts.

    ``responses`` needs attempt_id, question_id, score and response (chosen option indices).
    Flag ``top_prefers_distractor``: a wrong option chosen more often by the top third.
    """
    columns = ["question_id", "option", "correct", "chosen", "chosen_top", "chosen_bottom", "flag"]
    valid = _valid(responses)
    if valid.empty:
        return pd.DataFrame(columns=columns)
    totals = valid.groupby("attempt_id")["score"].mean().sort_values(kind="stable")
    third = max(1, len(totals) // 3)
    bottom, top = set(totals.index[:third]), set(totals.index[-third:])
    chosen_by: dict[tuple[str, int], set[int]] = {}
    seen_by: dict[str, set[int]] = {}
    keep = responses["attempt_id"].isin(totals.index)
    for attempt_id, question_id, response in responses.loc[
        keep, ["attempt_id", "question_id", "response"]
    ].itertuples(index=False):
        seen_by.setdefault(question_id, set()).add(attempt_id)
        for i in response or []:
            if i is not None:
                chosen_by.setdefault((question_id, int(i)), set()).add(attempt_id)
    rows = []
    for q in questions:
        if not kind(q.type).DISTRACTORS or q.id not in seen_by:
            continue
        seen = seen_by[q.id]
        n_top, n_bottom = len(seen & top) or 1, len(seen & bottom) or 1
        for i, option in enumerate(q.options):
            who = chosen_by.get((q.id, i), set())
            by_top, by_bottom = len(who & top) / n_top, len(who & bottom) / n_bottom
            rows.append(
                {
                    "question_id": q.id,
                    "option": i,
                    "correct": option.correct,
                    "chosen": len(who) / len(seen),
                    "chosen_top": by_top,
                    "chosen_bottom": by_bottom,
                    "flag": (not option.correct) and by_top > by_bottom,
                }
            )
    return pd.DataFrame(rows, columns=columns)


ROSTER_COLUMNS = [
    "learner_id",
    "name",
    "lessons_read",
    "quizzes_passed",
    "mean_best_score",
    "last_activity",
    "status",
    "exam_best",
    "certificates",
]


def roster(
    learners: Sequence[Any],
    reads: Iterable[LessonRead],
    attempts: Iterable[Any],
    statuses: Mapping[int, str] | None = None,
    exams: Iterable[Any] = (),
    certificates: Iterable[Any] = (),
) -> pd.DataFrame:
    """One row per learner: lessons read, quizzes passed, mean best score (NaN before any
    submitted attempt), last activity (None before any; reads, quizzes and exams), the best
    exam score (NaN before any) and the codes of the certificates not revoked, oldest first.
    Plain Python on purpose: a group with no reads or no attempts yet is the usual case, and
    empty frames lose their columns."""
    read: dict[int, set[str]] = {}
    last: dict[int, datetime] = {}

    def seen(learner_id: int, at: datetime | None) -> None:
        if at is not None and (learner_id not in last or at > last[learner_id]):
            last[learner_id] = at

    for r in reads:
        read.setdefault(r.learner_id, set()).add(r.lesson_id)
        seen(r.learner_id, r.read_at)
    best: dict[int, dict[str, float]] = {}
    passed: dict[int, set[str]] = {}
    for a in attempts:
        seen(a.learner_id, a.submitted_at or a.started_at)
        if a.score is None:
            continue
        mine = best.setdefault(a.learner_id, {})
        mine[a.quiz_id] = max(mine.get(a.quiz_id, 0.0), float(a.score))
        if a.passed:
            passed.setdefault(a.learner_id, set()).add(a.quiz_id)
    exam_best: dict[int, float] = {}
    for e in exams:
        seen(e.learner_id, e.submitted_at or e.started_at)
        if e.submitted and e.score is not None:
            exam_best[e.learner_id] = max(exam_best.get(e.learner_id, 0.0), float(e.score))
    codes: dict[int, list[str]] = {}
    for c in sorted(certificates, key=lambda c: c.issued_at):
        if not c.revoked:
            codes.setdefault(c.learner_id, []).append(c.code)
    rows = []
    for learner in learners:
        scores = best.get(learner.id, {})
        rows.append(
            {
                "learner_id": learner.id,
                "name": learner.name,
                "lessons_read": len(read.get(learner.id, ())),
                "quizzes_passed": len(passed.get(learner.id, ())),
                "mean_best_score": sum(scores.values()) / len(scores) if scores else float("nan"),
                "last_activity": last.get(learner.id),
                "status": (statuses or {}).get(learner.id, ""),
                "exam_best": exam_best.get(learner.id, float("nan")),
                "certificates": ", ".join(codes.get(learner.id, [])),
            }
        )
    frame = pd.DataFrame(rows, columns=ROSTER_COLUMNS)
    frame["last_activity"] = pd.Series([r["last_activity"] for r in rows], dtype=object)  # None, not NaT
    return frame


def mastery(content: Content, learners: Sequence[Any], attempts: Iterable[Any]) -> pd.DataFrame:
    """Long table learner x lesson -> best quiz score (NaN when not taken), for a heatmap."""
    best: dict[tuple[int, str], float] = {}
    for a in attempts:
        if a.score is not None:
            key = (a.learner_id, a.quiz_id)
            best[key] = max(best.get(key, 0.0), a.score)
    rows = []
    for learner in learners:
        for lesson in content.lessons:
            quiz = content.quiz_for_lesson(lesson.id)
            score = best.get((learner.id, quiz.id)) if quiz else None
            rows.append(
                {
                    "learner_id": learner.id,
                    "name": learner.name,
                    "lesson_id": lesson.id,
                    "order": lesson.order,
                    "best": float("nan") if score is None else score,
                }
            )
    return pd.DataFrame(rows, columns=["learner_id", "name", "lesson_id", "order", "best"])
