"""benchmarks/examday.py's parts that need no server: finding an exam question's widgets in an
agent-API page, and the database check that reports lost, double and wrongly scored exams."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from benchmarks.examday import EXAM_KEY, Candidate, check_exams, check_expired, widgets
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.store import Store
from mglearn.store import tables as t


def test_the_exam_widgets_are_found_by_their_keys() -> None:
    doc = {
        "tree": {
            "children": [
                {"type": "radio", "key": "x12_oorzaken-06", "props": {"options": ["a", "b"]}},
                {"type": "checkbox", "key": "x12_vormen-03_0"},
                {"type": "checkbox", "key": "x12_vormen-03_1"},
                {"type": "button", "key": "exam_next"},
                {"type": "toggle", "key": "flag_12_vormen-03"},
            ]
        }
    }
    found = widgets(doc, EXAM_KEY)
    assert [(qid, len(nodes)) for qid, nodes in found] == [("oorzaken-06", 1), ("vormen-03", 2)]


def test_the_check_counts_what_went_wrong(db_url: str, content: Content) -> None:
    store = Store(db_url)
    now = datetime.now(UTC)
    by_id = {q.id: q for _, q in content.questions()}
    candidates = []
    for i in range(3):
        learner = store.learners.create_learner(f"K{i}", now=now)
        exam = store.exams.start_exam(learner.id, content, now=now)
        c = Candidate(i, code=learner.code)
        for d in exam.draw[:5]:
            store.attempts.save_answer(
                exam.id, d.question_id, correct_response(by_id[d.question_id]), now=now
            )
            c.sent[d.question_id] = ["?"]
        if i < 2:
            store.attempts.submit_attempt(exam.id, now=now)
        candidates.append(c)
    assert check_exams(db_url, candidates) == {
        "exams": 3,
        "double_exams": 0,
        "not_submitted": 1,
        "answers_sent": 15,
        "lost": 0,
        "duplicated": 0,
        "wrong_score": 0,
    }
    first = store.attempts.learner_attempts(
        store.learners.learner_by_code(candidates[0].code, now=now).id, kind="exam"
    )[0]  # type: ignore[union-attr]
    with store.db.write() as conn:
        conn.execute(t.attempts.update().where(t.attempts.c.id == first.id).values(score=0.99))
    candidates[1].sent["never-stored"] = ["x"]
    found = check_exams(db_url, candidates)
    assert found["wrong_score"] == 1 and found["lost"] == 1
    store.dispose()


def test_the_expiry_check_counts_exams_closed_at_their_deadline(db_url: str, content: Content) -> None:
    store = Store(db_url)
    start = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    candidates = []
    for i in range(3):
        learner = store.learners.create_learner(f"K{i}", now=start)
        store.exams.start_exam(learner.id, content, now=start)
        candidates.append(Candidate(i, code=learner.code, abandon=i < 2))
    later = start + timedelta(hours=2)
    first = store.learners.learner_by_code(candidates[0].code, now=later)
    assert first is not None
    store.exams.learner_exams(first.id, later)  # read after its time: closed by that read
    assert check_expired(db_url, candidates) == {
        "abandoned": 2,
        "closed_at_deadline": 1,
        "closed_otherwise": 0,
        "still_open": 1,
    }
    store.exams.sweep_exams(later)  # the servers' sweep
    assert check_expired(db_url, candidates)["closed_at_deadline"] == 2
    store.dispose()
