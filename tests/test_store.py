"""The store: what is written, when, and that nothing is lost or changed afterwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mglearn.attempts import correct_response
from mglearn.content import Content, Quiz, Text
from mglearn.errors import AttemptClosed, UserError
from mglearn.store import Store, clean_name, new_code, normalize_code

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_schema_comes_from_alembic(store: Store) -> None:
    with store.db.engine.connect() as conn:
        version = conn.exec_driver_sql("select version_num from alembic_version").scalar_one()
    assert version
    Store(store.db.url)  # a second start-up migrates nothing and breaks nothing


def test_sqlite_uses_wal(store: Store) -> None:
    with store.db.engine.connect() as conn:
        assert conn.exec_driver_sql("pragma journal_mode").scalar_one() == "wal"


def test_codes_are_short_unguessable_and_forgiving() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    code = next(iter(codes))
    assert len(code) == 17 and code.startswith("MG-")  # MG-XXXX-XXXX-XXXX: 60 bits (issue 20)
    assert normalize_code(code.lower().replace("-", " ")) == code
    assert normalize_code("MG-0000-1111") is None
    assert normalize_code("'; drop table learners; --") is None


@pytest.mark.parametrize("name", ["", "   ", "\x00\x07"])
def test_empty_names_refused(name: str) -> None:
    with pytest.raises(UserError):
        clean_name(name)


def test_names_are_cleaned_not_rejected() -> None:
    assert clean_name("  <b>Ann</b>\n\t  Lee ") == "<b>Ann</b> Lee"
    with pytest.raises(UserError):
        clean_name("x" * 61)


def test_answer_is_upserted_and_resumed(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Ann", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=T0, seed=7)
    assert (
        store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC)).id == attempt.id
    )  # a second tab resumes it
    drawn, q = next((d, q) for d, q in store.attempts.questions_of(attempt) if q.type == "single")
    store.attempts.save_answer(attempt.id, q.id, [drawn.order[0]], now=T0)
    store.attempts.save_answer(attempt.id, q.id, [drawn.order[1]], now=T0 + timedelta(seconds=5))
    assert store.attempts.answers(attempt.id) == {q.id: [drawn.order[1]]}
    # a new Store (a restarted server) sees the same attempt, order and answer
    again = Store(store.db.url)
    resumed = again.attempts.open_attempt(learner.id, quiz.id)
    assert resumed is not None and resumed.draw == attempt.draw and resumed.seed == 7
    assert again.attempts.answers(attempt.id) == {q.id: [drawn.order[1]]}


def test_submit_grades_and_closes(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Bo", now=datetime.now(UTC))
    quiz = content.quizzes[1]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=T0)
    questions = store.attempts.questions_of(attempt)
    for _, q in questions[:5]:
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    done = store.attempts.submit_attempt(attempt.id, now=T0 + timedelta(minutes=4))
    assert done.score == pytest.approx(5 / len(questions))
    assert done.passed is False
    assert done.submitted_at == T0 + timedelta(minutes=4)
    assert len(store.attempts.answers(attempt.id)) == len(questions)  # unanswered recorded as empty, score 0
    with pytest.raises(AttemptClosed):
        store.attempts.save_answer(
            attempt.id, questions[0][1].id, correct_response(questions[0][1]), now=datetime.now(UTC)
        )
    again = store.attempts.submit_attempt(attempt.id, now=T0 + timedelta(hours=1))
    assert again.submitted_at == done.submitted_at and again.score == done.score
    assert store.attempts.open_attempt(learner.id, quiz.id) is None
    retake = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    assert retake.id != attempt.id


def test_bad_response_refused_without_a_record(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Cy", now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=datetime.now(UTC))
    _, q = next((d, q) for d, q in store.attempts.questions_of(attempt) if q.type == "single")
    with pytest.raises(UserError):
        store.attempts.save_answer(attempt.id, q.id, [99], now=datetime.now(UTC))
    with pytest.raises(UserError):
        store.attempts.save_answer(attempt.id, "not-in-this-attempt", [0], now=datetime.now(UTC))
    assert store.attempts.answers(attempt.id) == {}


def test_editing_the_bank_never_changes_a_past_grade_or_open_draw(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Di", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, seed=3, now=datetime.now(UTC))
    drawn, q = next((d, q) for d, q in store.attempts.questions_of(attempt) if q.type == "single")
    right = correct_response(q)
    store.attempts.save_answer(attempt.id, q.id, right, now=datetime.now(UTC))
    # The author flips which option is correct and rewrites the prompt while the attempt is open.
    edited_q = q.model_copy(
        update={
            "prompt": Text(nl="Nieuw", en="New"),
            "options": [o.model_copy(update={"correct": not o.correct}) for o in q.options[:2]]
            + q.options[2:],
        }
    )
    edited = Quiz.model_validate(
        quiz.model_copy(
            update={"questions": [edited_q if x.id == q.id else x for x in quiz.questions]}
        ).model_dump()
    )
    store.attempts.remember_versions(edited, now=datetime.now(UTC))
    shown = dict((x.id, x) for _, x in store.attempts.questions_of(store.attempts.attempt(attempt.id)))
    assert shown[q.id].prompt == q.prompt  # the attempt keeps what it showed
    done = store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    assert store.attempts.answer_scores(done.id)[q.id] == 1.0
    assert store.attempts.attempt(attempt.id).draw == attempt.draw


def test_reads_keep_first_date(store: Store) -> None:
    learner = store.learners.create_learner("Ed", now=datetime.now(UTC))
    store.learners.mark_read(learner.id, "functies", now=T0)
    store.learners.mark_read(learner.id, "functies", now=T0 + timedelta(days=1))
    assert store.learners.reads(learner.id) == {"functies": T0}


def test_default_database_is_a_sqlite_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mglearn import store as store_module

    monkeypatch.delenv("MGLEARN_DATABASE_URL", raising=False)
    assert store_module.default_url().startswith("sqlite:///")
    assert store_module.default_url().endswith("data/mglearn.sqlite3")
