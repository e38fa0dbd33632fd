"""Issue 20, faults: a short run of scripts/faults.py on both databases (the full run is 1,000
submissions; its figures are in SECURITY.md). The writer is SIGKILLed at random moments, and
on PostgreSQL the server too: every acknowledged answer must be there, no attempt
half-submitted, the integrity checks ok. A missing PostgreSQL fails (tests/pg.py), never skips."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "faults.py"


def run_faults(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout.strip().splitlines()[-1]


def figures(line: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)=(\S+)", line))


def test_faults_on_sqlite() -> None:
    line = run_faults("--count", "30", "--backend", "sqlite", "--seed", "20", "--max-life-ms", "100")
    found = figures(line)
    assert found["submissions"] == "30/30" and found["lost"] == "0" and found["half"] == "0", line
    assert int(found["kills"]) >= 5 and int(found["acknowledged"]) > 200, line
    assert found["integrity"] == "ok", line


@pytest.mark.postgres
def test_faults_on_postgres_with_the_server_killed() -> None:
    line = run_faults(
        "--count", "30", "--backend", "postgres", "--seed", "20", "--pg-kills", "2", "--max-life-ms", "100"
    )
    found = figures(line)
    assert found["submissions"] == "30/30" and found["lost"] == "0" and found["half"] == "0", line
    assert found["pg_kills"] == "2" and int(found["kills"]) >= 5, line
    assert found["integrity"] == "ok", line  # amcheck on every index


def test_the_check_finds_a_lost_answer(tmp_path: object) -> None:
    """The checker is not blind: an acknowledged answer removed afterwards counts as lost."""
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    try:
        import faults  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    from mglearn.content import load_content
    from mglearn.store import Store

    content = load_content(PROJECT_ROOT).content
    url = f"sqlite:///{tmp_path}/c.sqlite3"
    store = Store(url)
    learner = store.learners.create_learner("x", now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], seed=3, now=datetime.now(UTC))
    drawn, question = store.attempts.questions_of(attempt)[0]
    store.attempts.save_answer(
        attempt.id,
        question.id,
        [0] if question.type not in ("matching", "gapselect") else [None] * len(correct_response(question)),
        now=datetime.now(UTC),
    )
    run = faults.Run()
    run.answers[(attempt.id, question.id)] = (
        [0] if question.type not in ("matching", "gapselect") else [None] * len(correct_response(question))
    )
    assert faults.check(url, run)[:2] == (0, 0)
    with store.db.write() as conn:
        conn.exec_driver_sql("DELETE FROM answers")
    assert faults.check(url, run)[0] == 1
    with store.db.write() as conn:  # a submitted attempt whose score disagrees: half
        conn.exec_driver_sql("UPDATE attempts SET submitted_at = started_at, score = 0.5, passed = 1")
    assert faults.check(url, run)[1] == 1
    store.dispose()
