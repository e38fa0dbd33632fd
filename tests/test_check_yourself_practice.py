"""A check item's answer is a practice review (issue 30): written the moment it is given, one
answer one review however often it is sent, and the item comes back in Practice."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mglearn import practice
from mglearn.attempts import correct_response
from mglearn.content import Content, load_content
from mglearn.errors import UserError
from mglearn.store import Store
from mglearn.store.backup import backup, restore

from .check_yourself import root_with_checks

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def checked_content(tmp_path: Path) -> Content:
    return load_content(root_with_checks(tmp_path)).content


def item(content: Content, qid: str = "zz-c01"):  # type: ignore[no-untyped-def]
    return next((lesson, q) for lesson, q in content.check_items() if q.id == qid)


def test_an_answer_is_stored_as_one_practice_review(store: Store, checked_content: Content) -> None:
    _, q = item(checked_content)
    learner = store.learners.create_learner("Cato", now=NOW)
    done = store.checks.answer(learner.id, q, correct_response(q), now=NOW)
    assert (done.score, done.repeated) == (1.0, False)
    assert store.checks.answers(learner.id, [q.id])[q.id].response == correct_response(q)
    reviews = store.practice.reviews(learner.id)
    assert [(r.question_id, r.source, r.score, r.rating) for r in reviews] == [(q.id, "check", 1.0, 3)]
    card = store.practice.cards(learner.id)[q.id]
    assert (card.reps, card.origin) == (1, "check")
    # a check card is not one of today's new practice cards (that allowance is practice's own)
    assert store.practice.new_started_since(learner.id, NOW - timedelta(days=1)) == 0


def test_a_second_send_does_not_count_twice(store: Store, checked_content: Content) -> None:
    """A rerun, a second tab or a double click sends the answer again: the first one stands."""
    _, q = item(checked_content)
    learner = store.learners.create_learner("Dirk", now=NOW)
    wrong = [next(i for i, o in enumerate(q.options) if not o.correct)]
    store.checks.answer(learner.id, q, wrong, now=NOW)
    again = store.checks.answer(learner.id, q, correct_response(q), now=NOW + timedelta(seconds=1))
    assert (again.repeated, again.response, again.score) == (True, wrong, 0.0)
    assert len(store.practice.reviews(learner.id)) == 1
    assert store.practice.cards(learner.id)[q.id].reps == 1


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_servers(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two app servers' stores on one database: SQLite, and a real PostgreSQL server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'double.sqlite3'}"
        admin = None
    else:
        pg_url: str = request.getfixturevalue("pg_url")
        name = f"c_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = sa.engine.make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    a, b = Store(url), Store(url)
    yield a, b
    a.dispose()
    b.dispose()
    if admin is not None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


def test_a_double_click_on_two_servers_is_one_review(
    two_servers: tuple[Store, Store], checked_content: Content
) -> None:
    """Four answers to one item at once, from two app servers: one review, one card."""
    a, b = two_servers
    _, q = item(checked_content)
    learner = a.learners.create_learner("Eef", now=NOW)
    start = threading.Barrier(4)
    errors: list[BaseException] = []
    done: list[bool] = []

    def click(store: Store) -> None:
        try:
            start.wait()
            done.append(store.checks.answer(learner.id, q, correct_response(q), now=NOW).repeated)
        except BaseException as err:  # noqa: BLE001 (reported below)
            errors.append(err)

    threads = [threading.Thread(target=click, args=(s,)) for s in (a, b, a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(done) == [False, True, True, True]
    assert len(a.practice.reviews(learner.id)) == 1
    assert a.practice.cards(learner.id)[q.id].reps == 1


def test_a_bad_answer_is_refused_and_writes_nothing(store: Store, checked_content: Content) -> None:
    _, q = item(checked_content)
    learner = store.learners.create_learner("Fien", now=NOW)
    with pytest.raises(UserError):
        store.checks.answer(learner.id, q, [len(q.options)], now=NOW)
    assert store.practice.reviews(learner.id) == []
    assert store.checks.answers(learner.id, [q.id]) == {}


def test_an_answered_item_comes_back_in_practice(store: Store, checked_content: Content) -> None:
    lesson, q = item(checked_content)
    learner = store.learners.create_learner("Gijs", now=NOW)
    store.checks.answer(learner.id, q, correct_response(q), now=NOW)
    bank = practice.bank_order(checked_content)
    assert (lesson.id, q.id) in bank
    cards = {qid: c.card for qid, c in store.practice.cards(learner.id).items()}
    later = cards[q.id].due + timedelta(minutes=1)
    due = practice.due_items(bank, cards, later, "UTC")
    assert [i.question_id for i in due] == [q.id]
    # and a practice answer reviews the same card (one card per learner and item)
    store.practice.practice_answer(
        learner.id, q, correct_response(q), shown_at=later, now=later + timedelta(seconds=30), seen_reps=1
    )
    assert store.practice.cards(learner.id)[q.id].reps == 2
    assert [r.source for r in store.practice.reviews(learner.id)] == ["check", "practice"]
    assert store.checks.answers(learner.id, [q.id])[q.id].score == 1.0  # the block still shows its answer


def test_unanswered_check_items_are_new_cards_once_the_lesson_is_read(checked_content: Content) -> None:
    bank = practice.bank_order(checked_content)
    first = checked_content.lessons[0]
    checks = [q.id for lesson, q in checked_content.check_items() if lesson.id == first.id]
    settings = practice.Settings(session=100, new_per_day=100)
    queued = practice.queue(bank, {}, {first.id}, NOW, 0, settings, zone="UTC")
    assert set(checks) <= {i.question_id for i in queued}
    assert not practice.queue(bank, {}, set(), NOW, 0, settings, zone="UTC")  # nothing read: nothing new


def test_a_backup_with_check_answers_restores(store: Store, checked_content: Content, tmp_path: Path) -> None:
    _, q = item(checked_content)
    learner = store.learners.create_learner("Hans", now=NOW)
    store.checks.answer(learner.id, q, correct_response(q), now=NOW)
    path = tmp_path / "b.jsonl"
    backup(store.db, path, NOW)
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    restore(other.db, path.read_text(encoding="ascii").splitlines())
    assert other.checks.answers(learner.id, [q.id])[q.id].score == 1.0
    other.dispose()
