"""Issue 20, "the database briefly unavailable": an answer the store cannot take right now is
never silently lost. The learner reads "Niet opgeslagen, we proberen het opnieuw." at the
question, the answer is kept in the tab and written once the database is back (then "Opgeslagen
om ..."), or, after about thirty seconds, the learner is told plainly that it was not saved; a
submit meanwhile is refused. Through AppTest (quiz, exam, practice) with the page's own store
failing, then against real faults: a SQLite file locked by another connection, and a PostgreSQL
server that is stopped and started again."""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, expect
from streamlit.testing.v1 import AppTest

from mglearn import settings
from mglearn.attempts import correct_response
from mglearn.content import Content, Question
from mglearn.practice import option_order
from mglearn.store import Attempt, Store
from mglearn.store.base import store_error
from mglearn.ui import pending, state
from mglearn.ui.questions import box_key

from .browser import TIMEOUT, app_server, assert_quiet_log
from .journeys import pattern
from .pg import _as_owner, _bin, fresh_pg
from .test_app import UI, app, texts

RETRYING = "Niet opgeslagen, we proberen het opnieuw."
GAVE_UP = "Je antwoord is niet opgeslagen. Controleer je verbinding en kies het antwoord opnieuw."
NO_SUBMIT = "Je kunt nog niet inleveren"


class Clock:
    """pending's clock, moved on by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(pending, "clock", c)
    return c


def locked() -> Exception:
    """What the store raises for a SQLite file locked by another process (StoreUnavailable)."""
    return store_error(
        sa.exc.OperationalError("INSERT INTO answers ...", {}, sqlite3.OperationalError("database is locked"))
    )


class Outage:
    """Make one method of a part of the page's own store raise StoreUnavailable while ``down``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Any, method: str) -> None:
        self.down = True
        self.calls = 0
        real: Callable[..., Any] = getattr(target, method)

        def flaky(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.down:
                raise locked()
            return real(*args, **kwargs)

        monkeypatch.setattr(target, method, flaky)


def page_store(db_url: str) -> Store:
    """The Store instance the pages use (state.store() is cached per settings and process)."""
    values = settings.current()
    assert values.database_url == db_url  # the pages' settings name the test's database
    return state._store(repr(values), values)


def quiz_page(store: Store, content: Content) -> tuple[AppTest, Attempt, Question]:
    learner = store.learners.create_learner("Wachtende Wim", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.run()
    assert not at.exception
    single = next(q for _, q in store.attempts.questions_of(attempt) if q.type in ("single", "true_false"))
    return at, attempt, single


def choose(at: AppTest, key: str, option: int) -> None:
    at.radio(key=key).set_value(option).run()
    at.run()  # the whole page again (AppTest keeps only what the fragment redrew)


def test_quiz_answer_kept_while_the_database_is_away_then_saved(
    store: Store, db_url: str, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, attempt, q = quiz_page(store, content)
    outage = Outage(monkeypatch, page_store(db_url).attempts, "save_answer")
    key, right = f"a{attempt.id}_{q.id}", correct_response(q)[0]
    choose(at, key, right)
    assert not at.exception
    assert RETRYING in texts(at)  # at the question, not Streamlit's generic error
    assert at.radio(key=key).value == right  # the learner's choice stays on screen
    assert store.attempts.answers(attempt.id) == {}
    assert pending.KEY in at.session_state and at.session_state[pending.KEY]

    at.button(key=f"submit_{attempt.id}").click().run()  # never graded while it waits
    assert NO_SUBMIT in texts(at)
    assert not store.attempts.attempt(attempt.id).submitted

    clock.wait(1)  # a rerun before the next try is due does not try again
    calls = outage.calls
    at.run()
    assert outage.calls == calls and RETRYING in texts(at)

    outage.down = False  # the database is back: the next try writes it
    clock.wait(3)
    at.run()
    assert not at.exception
    assert store.attempts.answers(attempt.id) == {q.id: [right]}
    assert RETRYING not in texts(at) and "Opgeslagen om" in texts(at)
    assert at.radio(key=key).value == right
    at.button(key=f"submit_{attempt.id}").click().run()
    assert store.attempts.attempt(attempt.id).submitted


def test_quiz_answer_given_up_after_thirty_seconds_is_said_plainly(
    store: Store, db_url: str, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, attempt, q = quiz_page(store, content)
    outage = Outage(monkeypatch, page_store(db_url).attempts, "save_answer")
    key, right = f"a{attempt.id}_{q.id}", correct_response(q)[0]
    choose(at, key, right)
    for _ in range(9):  # a try every 3 s for 27 s: still trying
        clock.wait(3)
        at.run()
        assert RETRYING in texts(at) and GAVE_UP not in texts(at)
    clock.wait(4)
    at.run()
    assert not at.exception
    assert GAVE_UP in texts(at) and RETRYING not in texts(at)
    assert at.radio(key=key).value is None  # the widget shows what the store holds: nothing
    assert store.attempts.answers(attempt.id) == {}
    calls = outage.calls
    clock.wait(10)
    at.run()
    assert outage.calls == calls  # given up: no more tries behind the learner's back
    outage.down = False
    choose(at, key, right)  # the learner chooses again, as told
    assert store.attempts.answers(attempt.id) == {q.id: [right]}
    assert GAVE_UP not in texts(at) and "Opgeslagen om" in texts(at)


def test_quiz_submit_with_the_database_away_is_refused_with_a_message(
    store: Store, db_url: str, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, attempt, _ = quiz_page(store, content)
    Outage(monkeypatch, page_store(db_url).attempts, "submit_attempt")
    at.button(key=f"submit_{attempt.id}").click().run()
    assert not at.exception
    assert "Inleveren lukte niet: de database is even niet bereikbaar" in texts(at)
    assert not store.attempts.attempt(attempt.id).submitted


def test_exam_answer_kept_while_the_database_is_away_then_saved(
    store: Store, db_url: str, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = store.learners.create_learner("Examen Els", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    assert not at.exception
    by_id = {q.id: q for _, q in content.questions()}
    number, q = next(
        (n, by_id[d.question_id])
        for n, d in enumerate(exam.draw, 1)
        if by_id[d.question_id].type in ("single", "true_false")
    )
    at.button(key=f"palette_{exam.id}_{number}").click().run()
    outage = Outage(monkeypatch, page_store(db_url).attempts, "save_answer")
    key, right = f"x{exam.id}_{q.id}", correct_response(q)[0]
    choose(at, key, right)
    assert not at.exception
    assert RETRYING in texts(at) and at.radio(key=key).value == right
    assert store.attempts.answers(exam.id) == {}

    at.button(key="exam_submit").click().run()
    at.button(key="exam_submit_final").click().run()
    assert NO_SUBMIT in texts(at)
    assert not store.attempts.attempt(exam.id).submitted

    outage.down = False
    clock.wait(3)
    at.run()
    assert not at.exception
    assert store.attempts.answers(exam.id) == {q.id: [right]}
    assert RETRYING not in texts(at) and at.radio(key=key).value == right


def test_practice_answer_kept_while_the_database_is_away_then_counted(
    store: Store, db_url: str, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = store.learners.create_learner("Oefen Olga", now=datetime.now(UTC))
    store.learners.mark_read(learner.id, content.lessons[0].id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    at.button(key="practice_start").click().run()
    run = at.session_state["practice_run"]
    by_id = {q.id: q for _, q in content.questions()}
    q = by_id[run["items"][0][0]]
    assert q.type != "matching"  # the first lesson's first card has option buttons
    outage = Outage(monkeypatch, page_store(db_url).practice, "practice_answer")
    card = f"practice_{run['id']}_0"
    order = option_order(q, f"{run['id']}:0")
    for i in correct_response(q):
        at.button(key=f"{card}_opt{order.index(i)}").click().run()
    at.button(key=f"practice_check_{run['id']}_0").click().run()
    at.run()
    assert not at.exception
    assert RETRYING in texts(at)
    assert store.practice.cards(learner.id) == {}

    outage.down = False
    clock.wait(3)
    at.run()
    assert not at.exception
    assert RETRYING not in texts(at)
    assert "Goed!" in texts(at) or "Goed" in texts(at)
    assert q.id in store.practice.cards(learner.id) and store.practice.cards(learner.id)[q.id].reps == 1
    assert at.session_state["practice_run"]["results"] == [1.0]


# -- real faults -------------------------------------------------------------------------


def test_sqlite_locked_by_another_process_then_released(
    store: Store, db_url: str, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection (another process as far as SQLite knows) holds the write lock: the
    click waits pending.ANSWER_WAIT, not the store's 30 s, then the learner is told; once the
    lock is released the next try writes the answer."""
    monkeypatch.setattr(pending, "ANSWER_WAIT", 0.5)
    at, attempt, q = quiz_page(store, content)
    key, right = f"a{attempt.id}_{q.id}", correct_response(q)[0]
    path = sa.engine.make_url(db_url).database
    assert path
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        at.radio(key=key).set_value(right).run()
        assert time.monotonic() - started < 10  # not the 30 s busy timeout
        at.run()  # reads go on under the lock (WAL): the page shows, with the message
        assert not at.exception
        assert RETRYING in texts(at)
        clock.wait(3)
        at.run()  # still locked: still trying
        assert RETRYING in texts(at)
    finally:
        other.execute("ROLLBACK")
        other.close()
    clock.wait(3)
    at.run()
    assert not at.exception
    assert store.attempts.answers(attempt.id) == {q.id: [right]}
    assert "Opgeslagen om" in texts(at)
    with page_store(db_url).db.write() as conn:  # the short wait was for that click only
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def _data_dir(url: str) -> Path:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        data = Path(str(conn.exec_driver_sql("SHOW data_directory").scalar()))
    engine.dispose()
    return data


@contextmanager
def postgres_stopped(url: str) -> Iterator[None]:
    """Stop the server (like a crash: immediate) and start it again from its own options."""
    data = _data_dir(url)
    opts = shlex.split((data / "postmaster.opts").read_text())
    pg_ctl = _bin("pg_ctl")
    subprocess.run(_as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]), check=True)
    try:
        yield
    finally:
        options = shlex.join(opts[3:])  # after: postgres -D DATA
        log = str(data.parent / "log")
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-o", options, "-l", log, "-w", "start"]),
            check=True,
            capture_output=True,
            timeout=120,
        )


@pytest.mark.postgres
def test_postgres_restarted_while_an_answer_is_given(
    pg_url: str, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.environ.get("MGLEARN_TEST_POSTGRES_URL"):
        pytest.fail(
            "this test restarts the server: run it on the throw-away one (unset MGLEARN_TEST_POSTGRES_URL)"
        )
    with fresh_pg(pg_url) as url:
        monkeypatch.setenv("MGLEARN_DATABASE_URL", url)
        store = Store(url)
        at, attempt, q = quiz_page(store, content)
        key, right = f"a{attempt.id}_{q.id}", correct_response(q)[0]
        with postgres_stopped(url):
            at.radio(key=key).set_value(right).run()  # the click while the server is down
            assert not at.exception
            slot = pending.attempt_slot(attempt.id, q.id)
            assert at.session_state[pending.KEY][slot].response == [right]  # kept in the tab
        clock.wait(3)
        at.run()  # the server is back: the page reads again, and the next try writes it
        assert not at.exception
        assert store.attempts.answers(attempt.id) == {q.id: [right]}
        assert "Opgeslagen om" in texts(at) and RETRYING not in texts(at)
        store.dispose()
        page_store(url).dispose()


@pytest.mark.browser
def test_in_the_browser_the_retry_runs_by_itself(browser: Browser, tmp_path: Path, content: Content) -> None:
    """AppTest runs no timers: in a real Chromium against a real server, the answer clicked
    while another connection locks the file is written once the lock is gone, with no click
    (the question's retry fragment runs every 3 s only while the answer is pending)."""
    db_url = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    store = Store(db_url)
    learner = store.learners.create_learner("Geduldige Gert", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    number, q = next(
        (n, q)
        for n, (_, q) in enumerate(store.attempts.questions_of(attempt), 1)
        if q.type in ("single", "true_false")
    )
    right = correct_response(q)[0]
    with app_server(db_url, tmp_path / "server.log") as url:
        context = browser.new_context(viewport={"width": 1200, "height": 1000})
        context.set_default_timeout(TIMEOUT)
        page = context.new_page()
        page.goto(f"{url}/quiz?learner={learner.code}&quiz={quiz.id}")
        box = page.locator(f".st-key-question_{number}")
        expect(box).to_be_visible()
        other = sqlite3.connect(str(tmp_path / "locked.sqlite3"), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            box.get_by_text(q.options[right].text.nl, exact=True).click()
            expect(box.get_by_text(RETRYING)).to_be_visible()
            expect(box.get_by_role("radio", name=q.options[right].text.nl, exact=True)).to_be_checked()
            assert store.attempts.answers(attempt.id) == {}
        finally:
            other.execute("ROLLBACK")
            other.close()
        expect(box.get_by_text(pattern("quiz.saved_at", "nl"))).to_be_visible()
        expect(box.get_by_text(RETRYING)).to_have_count(0)
        assert store.attempts.answers(attempt.id) == {q.id: [right]}
        context.close()
    assert_quiet_log(tmp_path / "server.log")
    store.dispose()


def test_exam_page_with_the_database_away_for_reading_too(
    store: Store, db_url: str, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL restarting: the exam's question area cannot read either. It says so, keeps
    the pending answer and its retries, and shows the question again once the server is back."""
    learner = store.learners.create_learner("Examen Eef", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    by_id = {q.id: q for _, q in content.questions()}
    q = by_id[exam.draw[0].question_id]
    target = page_store(db_url)
    saves = Outage(monkeypatch, target.attempts, "save_answer")
    reads = Outage(monkeypatch, target.attempts, "saved_answers")
    reads.down = False
    key = f"x{exam.id}_{q.id}"
    response = correct_response(q)
    if q.type in ("single", "true_false"):
        at.radio(key=key).set_value(response[0]).run()
    elif q.type == "multiple":
        at.checkbox(key=box_key(key, exam.draw[0].order.index(response[0]))).check().run()
        response = response[:1]
    else:
        at.selectbox(key=f"{key}_0").set_value(response[0]).run()
        response = [response[0]] + [None] * (len(response) - 1)
    reads.down = True
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "de database is even niet bereikbaar" in shown and RETRYING in shown
    saves.down = reads.down = False
    clock.wait(3)
    at.run()
    assert not at.exception
    assert store.attempts.answers(exam.id) == {q.id: response}
    assert RETRYING not in texts(at) and "**Vraag 1**" in texts(at)
