"""Issue 15.1: check-then-write is atomic on both backends.

Each race is forced, not hoped for: the first writer is paused inside its transaction (at
the point where the probe found the gap) until the second writer has had its chance, so the
same interleaving happens on every run. Two Store objects stand for two app servers: separate
engines, separate connections, one database."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

import mglearn.store.attempts as store_attempts
from mglearn import finish
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.errors import AttemptClosed, StoreConflict
from mglearn.store import Store


@pytest.fixture
def url(any_url: str) -> str:
    return any_url


@pytest.fixture
def servers(url: str) -> Iterator[tuple[Store, Store]]:
    a, b = Store(url), Store(url)
    yield a, b
    a.dispose()
    b.dispose()


def paused(
    monkeypatch: pytest.MonkeyPatch, name: str, module: Any = store_attempts
) -> tuple[threading.Event, threading.Event]:
    """Pause the first call of <module>.<name> (store_attempts unless told) until `go` is set
    (or 1.5 s pass); `inside` tells the other writer that the first is inside its transaction."""
    inside, go = threading.Event(), threading.Event()
    real: Callable[..., Any] = getattr(module, name)
    calls = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            inside.set()
            go.wait(1.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return inside, go


def run(target: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def body() -> None:
        try:
            out["value"] = target()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            out["error"] = exc

    thread = threading.Thread(target=body)
    thread.start()
    return thread, out


def test_an_answer_saved_during_a_submit_is_graded_or_refused(
    servers: tuple[Store, Store], content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = servers
    quiz = content.quizzes[0]
    learner = a.learners.create_learner("Ann", now=datetime.now(UTC))
    attempt = a.attempts.start_attempt(learner.id, quiz, seed=1, now=datetime.now(UTC))
    (first, question), (second, question2) = a.attempts.questions_of(attempt)[:2]
    a.attempts.save_answer(attempt.id, question.id, correct_response(question), now=datetime.now(UTC))
    inside, go = paused(monkeypatch, "finish_attempt", finish)  # the submit's rule
    submit, submitted = run(lambda: a.attempts.submit_attempt(attempt.id, now=datetime.now(UTC)))
    assert inside.wait(5)
    save, saved = run(
        lambda: b.attempts.save_answer(
            attempt.id, question2.id, correct_response(question2), now=datetime.now(UTC)
        )
    )
    save.join(0.5)
    go.set()
    submit.join(10)
    save.join(10)
    assert "error" not in submitted, submitted
    done = a.attempts.attempt(attempt.id)
    stored = a.attempts.answer_scores(attempt.id)
    if "error" in saved:  # refused with the clear message: not counted, not stored
        assert isinstance(saved["error"], AttemptClosed)
        assert stored[question2.id] == 0.0
    else:  # accepted before the submit: graded
        assert stored[question2.id] == 1.0
    assert len(stored) == len(attempt.draw)  # every question graded, none left unscored
    assert done.score == pytest.approx(sum(stored.values()) / len(attempt.draw))


def test_two_submits_at_once_see_the_same_result(
    servers: tuple[Store, Store], content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = servers
    quiz = content.quizzes[0]
    learner = a.learners.create_learner("Ann", now=datetime.now(UTC))
    attempt = a.attempts.start_attempt(learner.id, quiz, seed=2, now=datetime.now(UTC))
    _, question = a.attempts.questions_of(attempt)[0]
    a.attempts.save_answer(
        attempt.id, question.id, correct_response(question), now=datetime.now(UTC)
    )  # the rest unanswered
    inside, go = paused(monkeypatch, "finish_attempt", finish)  # the submit's rule
    one, first = run(lambda: a.attempts.submit_attempt(attempt.id, now=datetime.now(UTC)))
    assert inside.wait(5)
    two, second = run(lambda: b.attempts.submit_attempt(attempt.id, now=datetime.now(UTC)))
    two.join(0.5)
    go.set()
    one.join(10)
    two.join(10)
    assert "error" not in first and "error" not in second, (first, second)
    assert first["value"] == second["value"]
    assert first["value"].submitted and first["value"].score == pytest.approx(1 / len(attempt.draw))


def test_two_starts_at_once_open_one_attempt(
    servers: tuple[Store, Store], content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = servers
    quiz = content.quizzes[0]
    learner = a.learners.create_learner("Ann", now=datetime.now(UTC))
    inside, go = paused(monkeypatch, "draw")
    one, first = run(lambda: a.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC)))
    assert inside.wait(5)
    two, second = run(lambda: b.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC)))
    two.join(0.5)
    go.set()
    one.join(10)
    two.join(10)
    assert "error" not in first and "error" not in second, (first, second)
    assert first["value"].id == second["value"].id
    assert len(a.attempts.learner_attempts(learner.id, quiz.id)) == 1


def test_the_database_refuses_a_second_open_attempt(servers: tuple[Store, Store], content: Content) -> None:
    """The last line of defence: a unique index on (learner, quiz) among open attempts."""
    a, _ = servers
    learner = a.learners.create_learner("Ann", now=datetime.now(UTC))
    attempt = a.attempts.start_attempt(learner.id, content.quizzes[0], now=datetime.now(UTC))
    with pytest.raises(StoreConflict), a.db.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO attempts (learner_id, quiz_id, seed, draw, pass_mark, started_at, seq) "
            "SELECT learner_id, quiz_id, seed, draw, pass_mark, started_at, 0 FROM attempts "
            f"WHERE id = {attempt.id}"
        )


def test_parallel_wrong_passwords_are_counted_one_by_one(servers: tuple[Store, Store]) -> None:
    """Review finding: on PostgreSQL the back-off row was read without a lock, so a burst of
    guesses all saw the same count. Each try is reserved under the row lock before the check."""
    from mglearn.errors import UserError

    a, b = servers
    a.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    keys: list[str] = []

    def guess(store: Store) -> None:
        try:
            store.trainers.sign_in_trainer("Tina", "wrong", client="10.0.0.9", now=datetime.now(UTC))
        except UserError as err:
            keys.append(err.key)

    threads = [threading.Thread(target=guess, args=(a if n % 2 else b,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(keys) == ["error.login_failed"] * 5 + ["error.login_wait"] * 5
