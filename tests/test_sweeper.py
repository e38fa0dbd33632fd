"""Closed on time, always (issue 32): every server sweeps expired exams in the background;
several sweeping at once close each exam exactly once, finished at its deadline, on SQLite and
on a really started PostgreSQL server; an abandoned exam is closed with nobody reading it, also
by a really started app server that no one opens a page of."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mglearn import sweeper
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.store import Store
from mglearn.store import tables as t

from .browser import app_server

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
N = 12


@pytest.fixture
def url(any_url: str) -> str:
    return any_url


def open_exams(store: Store, content: Content, n: int, started: datetime) -> list[int]:
    """n candidates who started, answered (half of them all right, half all wrong) and left."""
    by_id = {q.id: q for _, q in content.questions()}
    ids = []
    for i in range(n):
        learner = store.learners.create_learner(f"Kandidaat {i}", now=started)
        exam = store.exams.start_exam(learner.id, content, now=started)
        for d in exam.draw:
            q = by_id[d.question_id]
            response = correct_response(q) if i % 2 == 0 else []
            if response:
                store.attempts.save_answer(exam.id, q.id, response, now=started + timedelta(minutes=1))
        ids.append(exam.id)
    return ids


def raw(url: str, query: sa.Select) -> list[sa.Row]:  # type: ignore[type-arg]
    """Read the database without the store (whose exam reads would close what they see)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(query))
    finally:
        engine.dispose()


def test_two_servers_sweeping_at_once_close_each_exam_once_at_its_deadline(
    url: str, content: Content
) -> None:
    a, b = Store(url), Store(url)
    try:
        ids = open_exams(a, content, N, T0)
        now = T0 + timedelta(hours=1)
        sweepers = [sweeper.Sweeper(lambda s=s: s, 1, now=lambda: now) for s in (a, b)]
        barrier = threading.Barrier(len(sweepers))
        errors: list[BaseException] = []

        def race(s: sweeper.Sweeper) -> None:
            barrier.wait()
            try:
                for _ in range(3):
                    s.run_once()
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=race, args=(s,)) for s in sweepers]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=120)
        assert not errors
        assert sum(s.closed for s in sweepers) == N  # each exam closed once, by one of them
        rows = raw(url, sa.select(t.attempts).where(t.attempts.c.id.in_(ids)))
        assert len(rows) == N
        for row in rows:
            finished = (
                row.submitted_at.replace(tzinfo=UTC) if row.submitted_at.tzinfo is None else row.submitted_at
            )
            deadline = (
                row.deadline_at.replace(tzinfo=UTC) if row.deadline_at.tzinfo is None else row.deadline_at
            )
            assert finished == deadline == T0 + timedelta(minutes=30)
        passed = [r.id for r in rows if r.passed]
        assert len(passed) == N // 2
        certs = raw(url, sa.select(t.certificates.c.attempt_id))
        assert sorted(r.attempt_id for r in certs) == sorted(passed)  # one certificate each
        reviews = raw(
            url,
            sa.select(t.practice_reviews.c.attempt_id, sa.func.count())
            .where(t.practice_reviews.c.attempt_id.in_(ids))
            .group_by(t.practice_reviews.c.attempt_id),
        )
        assert sorted(r.attempt_id for r in reviews) == sorted(passed)  # the right answers, reviewed once
        assert {r[1] for r in reviews} == {25}
    finally:
        a.dispose()
        b.dispose()


def test_an_abandoned_exam_is_closed_by_the_background_sweeper(url: str, content: Content) -> None:
    store = Store(url)
    try:
        now = datetime.now(UTC)
        (gone,) = open_exams(store, content, 1, now - timedelta(minutes=31))  # 30 min + 30 s grace ago
        (busy,) = open_exams(store, content, 1, now)  # still running: left alone
        sweep = sweeper.Sweeper(lambda: store, 0.2).start()
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                rows = raw(url, sa.select(t.attempts.c.submitted_at).where(t.attempts.c.id == gone))
                # the close commits before its round returns and is counted: wait for both
                if rows[0].submitted_at is not None and sweep.closed:
                    break
                time.sleep(0.2)
            assert rows[0].submitted_at is not None
            assert sweep.running and sweep.closed == 1
        finally:
            sweep.stop()
        assert not sweep.running
        still = raw(url, sa.select(t.attempts.c.submitted_at).where(t.attempts.c.id == busy))
        assert still[0].submitted_at is None
    finally:
        store.dispose()


def test_a_sweep_that_fails_is_tried_again(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[int] = []

    class FlakyExams:
        def sweep_exams(self, now: datetime) -> int:
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("database away")
            return 0

    class Flaky:  # a store whose exams part fails once
        exams = FlakyExams()

    sweep = sweeper.Sweeper(Flaky, 0.05).start()
    try:
        deadline = time.monotonic() + 10
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        sweep.stop()
    assert len(calls) >= 3
    assert "exam sweep failed" in caplog.text


def test_a_real_server_closes_an_exam_no_one_opens(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    monkeypatch.setenv("MGLEARN_EXAM_SWEEP_SECONDS", "1")
    monkeypatch.setenv("MGLEARN_EXAM_GRACE_SECONDS", "0")
    store = Store(db_url)
    try:
        # its time runs out a few seconds after the server is up; no page is ever opened
        started = datetime.now(UTC) - timedelta(minutes=30) + timedelta(seconds=8)
        (exam_id,) = open_exams(store, content, 1, started)
        log = tmp_path / "server.log"
        with app_server(db_url, log):
            deadline = time.monotonic() + 40
            row = None
            while time.monotonic() < deadline:
                row = raw(db_url, sa.select(t.attempts).where(t.attempts.c.id == exam_id))[0]
                if row.submitted_at is not None:
                    break
                time.sleep(0.5)
            assert row is not None and row.submitted_at is not None, log.read_text()[-2000:]
            closed_at = datetime.now(UTC)
            finished = row.submitted_at.replace(tzinfo=UTC)
            assert finished == started + timedelta(minutes=30)  # finished at its deadline
            assert closed_at - finished < timedelta(seconds=60)  # within the minute
        assert "MGLEARN_PUBLIC_URL is http://localhost:8501" in log.read_text()  # the start-up warning
    finally:
        store.dispose()
