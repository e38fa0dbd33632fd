"""Nothing lost under faults: N scripted submissions through the store while the writer (and,
on PostgreSQL, the database server) is SIGKILLed at random moments.

    .venv/bin/python scripts/faults.py --count 1000 --backend sqlite|postgres [--seed S]

A child process (forked, so a restart takes milliseconds) does the submissions one by one:
learner, start the quiz, an answer to each question (some left blank), submit. It reports on a
pipe after each write's commit has returned: that report is the acknowledgement a learner's
"Opgeslagen" stands for. The parent kills the child with SIGKILL after a random time, restarts
it where the acknowledgements say it was, and on PostgreSQL a few times SIGKILLs the postmaster
with all its processes instead and starts the server again (crash recovery). At the end:

- every acknowledged answer is in the database with the value acknowledged;
- every acknowledged submit is submitted with the acknowledged score;
- no attempt is half-submitted: a submitted one has its score, its pass, a graded answer row
  for every question shown and the practice reviews of its answered questions, all agreeing
  with mglearn.attempts.score_quiz recomputed from the stored answers; an open one has none;
- SQLite: PRAGMA integrity_check is ok and foreign_key_check finds nothing; PostgreSQL:
  amcheck's bt_index_check passes on every index (when the amcheck extension is there).

One line sums it up; the exit code is 1 on any loss, half submission or integrity failure.
The PostgreSQL server is the test suite's throw-away one (tests/pg.py).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import multiprocessing
import os
import random
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from mglearn.attempts import correct_response, grade, is_answered, score_quiz  # noqa: E402
from mglearn.content import PROJECT_ROOT, Content, Question, load_content  # noqa: E402
from mglearn.store import Store, utcnow  # noqa: E402
from mglearn.store import tables as t  # noqa: E402


def response_for(question: Question, rng: random.Random) -> list[int | None] | None:
    """A valid response, right or wrong, or None for a question left blank (1 in 10)."""
    if rng.random() < 0.1:
        return None
    if question.type == "matching":
        order: list[int | None] = list(range(len(question.pairs)))
        rng.shuffle(order)
        return order
    n = len(question.options)
    if question.type == "multiple":
        return sorted(rng.sample(range(n), rng.randint(1, n)))
    if question.type == "gapselect":  # a word (or a blank) in every gap
        return [rng.choice([None, *range(n)]) for _ in range(sum(o.correct for o in question.options))]
    return [rng.randrange(n)]


# -- the writer (child) --


def writer(
    url: str, content: Content, start: int, count: int, learner: int | None, seed: int, out: Connection
) -> None:
    with suppress(OSError, AttributeError):  # Linux: die with the parent, never write on alone
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    try:
        store = Store(url, migrate=False)
        with store.db.read() as conn:  # connected: the random life starts among the writes
            conn.exec_driver_sql("SELECT 1")
        out.send(("ready",))
        for i in range(start, count):
            quiz = content.quizzes[i % len(content.quizzes)]
            if learner is None:
                learner = store.learners.create_learner(f"Fout {i} 🌿", now=utcnow()).id
                out.send(("learner", i, learner))
            done = [a for a in store.attempts.learner_attempts(learner, quiz.id) if a.submitted]
            if done:  # submitted before the last kill, acknowledged or not
                out.send(("submitted", i, done[0].id, done[0].score, done[0].passed))
                learner = None
                continue
            attempt = store.attempts.start_attempt(learner, quiz, utcnow(), seed=seed * 100_003 + i)
            for drawn, question in store.attempts.questions_of(attempt):
                response = response_for(question, random.Random(f"{seed}:{i}:{drawn.question_id}"))
                if response is not None:
                    store.attempts.save_answer(attempt.id, question.id, response, utcnow())
                    out.send(("answer", attempt.id, question.id, response))
            submitted = store.attempts.submit_attempt(attempt.id, utcnow())
            out.send(("submitted", i, attempt.id, submitted.score, submitted.passed))
            learner = None
        out.send(("done",))
    except Exception as exc:  # the database went away (PostgreSQL killed): the parent restarts us
        out.send(("error", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))
        os._exit(1)
    os._exit(0)


# -- the PostgreSQL server: killed and started again --


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead already
    except (FileNotFoundError, IndexError):
        return False


def crash_postgres(url: str) -> None:
    """SIGKILL the postmaster and every process it started (a crashed server), then start it
    again from its own postmaster.opts: PostgreSQL recovers from its WAL."""
    from tests.pg import _as_owner, _bin

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        data = str(conn.exec_driver_sql("SHOW data_directory").scalar())
    engine.dispose()
    pid = int(Path(data, "postmaster.pid").read_text().split()[0])
    family = [pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            family.append(int(stat.parent.name))
    for member in family:
        with suppress(ProcessLookupError):
            os.kill(member, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while any(_alive(p) for p in family):
        if time.monotonic() > deadline:
            raise RuntimeError("PostgreSQL did not die")
        time.sleep(0.05)
    Path(data, "postmaster.pid").unlink(missing_ok=True)  # its process is gone (maybe a zombie)
    args = shlex.split(Path(data, "postmaster.opts").read_text())
    options = shlex.join(args[3:])  # after: postgres -D DATA
    if "-k" in args:  # the socket's lock file names the dead postmaster too
        for lock in Path(args[args.index("-k") + 1]).glob(".s.PGSQL.*.lock"):
            lock.unlink(missing_ok=True)
    log = str(Path(data).parent / "log")
    pg_ctl = _bin("pg_ctl")
    started = subprocess.run(
        _as_owner([pg_ctl, "-D", data, "-o", options, "-l", log, "-w", "start"]),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if started.returncode != 0:
        tail = Path(log).read_text(errors="replace")[-1500:] if Path(log).exists() else ""
        raise RuntimeError(f"PostgreSQL did not start again: {started.stdout}{started.stderr}\n{tail}")


@contextmanager
def database(backend: str) -> Iterator[tuple[str, bool]]:
    """(url, killable): a fresh SQLite file, or a fresh database on a throw-away server."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="mglearn-faults-") as tmp:
            yield f"sqlite:///{tmp}/faults.sqlite3", False
        return
    from tests.pg import postgres_server

    own = not os.environ.get("MGLEARN_TEST_POSTGRES_URL")
    with postgres_server() as server:
        name = f"faults_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False), own


# -- the run --


@dataclass
class Run:
    answers: dict[tuple[int, str], list[int | None]] = field(default_factory=dict)
    submits: dict[int, tuple[float, bool]] = field(default_factory=dict)
    learner: int | None = None
    next: int = 0
    kills: int = 0
    pg_kills: int = 0
    errors: int = 0

    def take(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "learner":
            self.learner = message[2]
        elif kind == "answer":
            self.answers[(message[1], message[2])] = list(message[3])
        elif kind == "submitted":
            self.submits[message[2]] = (message[3], message[4])
            self.next, self.learner = message[1] + 1, None
        elif kind == "error":
            self.errors += 1
            if os.environ.get("FAULTS_DEBUG"):
                print("writer:", message[1], file=sys.stderr)


def warm_up(content: Content) -> None:
    """One submission on a scratch database before the first fork: every writer starts with
    the imports, parsers and caches warm, so a kill falls among writes, not imports."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/warm.sqlite3"
        store = Store(url)
        learner = store.learners.create_learner("warm", now=utcnow())
        attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], utcnow(), seed=1)
        for _, question in store.attempts.questions_of(attempt):
            blank: list[int | None] = [None] * len(correct_response(question))  # a select box each
            response = blank if question.type in ("matching", "gapselect") else [0]
            store.attempts.save_answer(attempt.id, question.id, response, utcnow())
        store.attempts.submit_attempt(attempt.id, utcnow())
        store.dispose()


def drive(
    url: str, content: Content, count: int, seed: int, killable: bool, pg_kills: int, max_ms: float
) -> Run:
    rng = random.Random(seed)
    run = Run()
    # server kills in the first half, so that every planned one happens before the end
    half = range(1, max(2, count // 2 + 1))
    pg_at = sorted(rng.sample(half, min(pg_kills, len(half)))) if killable else []
    warm_up(content)
    ctx = multiprocessing.get_context("fork")
    while run.next < count:
        reader, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(
            target=writer, args=(url, content, run.next, count, run.learner, seed, sender), daemon=True
        )
        child.start()
        sender.close()
        crash_pg = bool(pg_at) and run.next >= pg_at[0]
        life = rng.uniform(0, max_ms) / 1000
        deadline, finished = None, False
        try:
            while True:
                wait = 5.0 if deadline is None else max(0.0, deadline - time.monotonic())
                if not reader.poll(wait):
                    if deadline is not None and time.monotonic() >= deadline:
                        break
                    continue
                message = reader.recv()
                if message[0] == "ready":
                    deadline = time.monotonic() + life
                    continue
                run.take(message)
                if message[0] in ("done", "error"):
                    finished = message[0] == "done"
                    break
        except EOFError:
            pass
        if not finished and child.is_alive():
            if crash_pg:
                crash_postgres(url)
                pg_at.pop(0)
                run.pg_kills += 1
            child.kill()  # SIGKILL
            run.kills += 1
        child.join()
        try:
            while reader.poll(0):  # what it reported before it died still counts
                run.take(reader.recv())
        except (EOFError, OSError):
            pass
        reader.close()
        if os.environ.get("FAULTS_DEBUG"):
            print(
                f"round: next={run.next} kills={run.kills} answers={len(run.answers)} life={life:.3f}",
                file=sys.stderr,
            )
    return run


def check(url: str, run: Run) -> tuple[int, int, str]:
    """(lost, half, integrity) as described in the module doc."""
    store = Store(url, migrate=False)
    lost = half = 0
    with store.db.read() as conn:
        stored = {(r.attempt_id, r.question_id): r for r in conn.execute(sa.select(t.answers))}
        attempts = {a.id: a for a in conn.execute(sa.select(t.attempts))}
        reviews: dict[int, int] = {}
        for r in conn.execute(sa.select(t.practice_reviews.c.attempt_id)):
            if r.attempt_id is not None:
                reviews[r.attempt_id] = reviews.get(r.attempt_id, 0) + 1
    for key, response in run.answers.items():
        row = stored.get(key)
        if row is None or json.loads(row.response) != response:
            lost += 1
    for attempt_id, (score, passed) in run.submits.items():
        a = attempts.get(attempt_id)
        if a is None or a.submitted_at is None or a.score != score or a.passed != passed:
            lost += 1
    for attempt_id in attempts:
        attempt = store.attempts.attempt(attempt_id)
        mine = {q: r for (aid, q), r in stored.items() if aid == attempt_id}
        if not attempt.submitted:
            half += attempt.score is not None or attempt.passed is not None
            half += any(r.score is not None for r in mine.values()) or attempt_id in reviews
            continue
        questions = [q for _, q in store.attempts.questions_of(attempt)]
        responses = {q: json.loads(r.response) for q, r in mine.items()}
        result = score_quiz(questions, responses, attempt.pass_mark)
        graded = all(q.id in mine and mine[q.id].score == grade(q, responses[q.id]) for q in questions)
        answered = sum(1 for q in questions if is_answered(q, responses.get(q.id)))
        same = attempt.score is not None and abs(attempt.score - result.score) < 1e-9
        half += not (
            graded and same and attempt.passed == result.passed and reviews.get(attempt_id, 0) == answered
        )
    with store.db.read() as conn:
        if conn.dialect.name == "sqlite":
            ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            ok = ok and not conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            integrity = "ok" if ok else "FAILED"
        else:
            integrity = _amcheck(url)
    store.dispose()
    return lost, half, integrity


def _amcheck(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS amcheck")
            indexes = (
                conn.exec_driver_sql(
                    "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE am.amname = 'btree' AND n.nspname = 'public'"
                )
                .scalars()
                .all()
            )
            for oid in indexes:
                conn.exec_driver_sql(f"SELECT bt_index_check({int(oid)}, true)")
        return f"ok (amcheck, {len(indexes)} indexes)"
    except sa.exc.DBAPIError as exc:
        if "amcheck" in str(exc) and "not available" in str(exc):
            return "not checked (no amcheck)"
        return f"FAILED ({str(exc).splitlines()[0]})"
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000, help="submissions (default 1000)")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=None, help="for a repeatable run (default: random)")
    parser.add_argument("--max-life-ms", type=float, default=200, help="a writer lives 0..this ms")
    parser.add_argument("--pg-kills", type=int, default=None, help="server kills (default: count/200, 2..5)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop cleanly: the server too
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    pg_kills = args.pg_kills if args.pg_kills is not None else max(2, min(5, args.count // 200))
    content = load_content(PROJECT_ROOT).content
    began = time.monotonic()
    with database(args.backend) as (url, killable):
        Store(url).dispose()  # the schema, before any writer starts
        run = drive(
            url,
            content,
            args.count,
            seed,
            killable and args.backend == "postgres",
            pg_kills,
            args.max_life_ms,
        )
        lost, half, integrity = check(url, run)
    failed = lost or half or not integrity.startswith(("ok", "not checked"))
    print(
        f"faults {args.backend}: submissions={len(run.submits)}/{args.count} kills={run.kills} "
        f"pg_kills={run.pg_kills} writer_errors={run.errors} acknowledged={len(run.answers)} answers "
        f"+ {len(run.submits)} submits lost={lost} half={half} integrity={integrity} seed={seed} "
        f"seconds={time.monotonic() - began:.0f}" + (" FAILED" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
