"""Two processes race on one database, unforced, as the integrity probe did (issue 15).

    .venv/bin/python scripts/race_probe.py [--trials 60] [--url sqlite:///...|postgresql+psycopg://...]

Three experiments, each trial in a fresh learner: (1) an answer saved while the attempt is
being submitted; (2) two submits at once with an unanswered question; (3) two "Start de
toets" at once. Each process has its own Store (its own engine), and a barrier releases both
at the same instant. Prints the anomalies counted per experiment; all must be 0.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
from pathlib import Path
from typing import Any

from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, load_content
from mglearn.errors import AttemptClosed
from mglearn.store import Store, utcnow

CONTENT = load_content(PROJECT_ROOT).content
QUIZ = CONTENT.quizzes[0]


def _worker(url: str, job: str, args: tuple[Any, ...], barrier: Any, out: Any) -> None:
    store = Store(url, migrate=False)
    try:
        barrier.wait()
        if job == "submit":
            done = store.attempts.submit_attempt(args[0], utcnow())
            out.put(("ok", done.id, done.score))
        elif job == "save":
            store.attempts.save_answer(args[0], args[1], args[2], utcnow())
            out.put(("ok", None, None))
        elif job == "start":
            attempt = store.attempts.start_attempt(args[0], QUIZ, utcnow())
            out.put(("ok", attempt.id, None))
    except AttemptClosed:
        out.put(("refused", None, None))
    except Exception as exc:  # noqa: BLE001 - counted as an anomaly
        out.put(("error", type(exc).__name__, None))
    finally:
        store.dispose()


def _race(url: str, a: tuple[str, tuple[Any, ...]], b: tuple[str, tuple[Any, ...]]) -> list[Any]:
    ctx = mp.get_context("fork")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(url, job, args, barrier, out)) for job, args in (a, b)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    return [out.get(timeout=5) for _ in procs]


def save_vs_submit(store: Store, url: str, trials: int) -> int:
    bad = 0
    for n in range(trials):
        learner = store.learners.create_learner(f"race {n}", now=utcnow())
        attempt = store.attempts.start_attempt(learner.id, QUIZ, utcnow())
        (_, first), (_, second) = store.attempts.questions_of(attempt)[:2]
        store.attempts.save_answer(attempt.id, first.id, correct_response(first), utcnow())
        results = _race(
            url, ("submit", (attempt.id,)), ("save", (attempt.id, second.id, correct_response(second)))
        )
        scores = store.attempts.answer_scores(attempt.id)
        saved_ok = any(r[0] == "ok" and r[1] is None for r in results)
        errors = [r for r in results if r[0] == "error"]
        done = store.attempts.attempt(attempt.id)
        graded_all = len(scores) == len(attempt.draw)
        acknowledged_but_lost = saved_ok and scores.get(second.id) != 1.0
        if errors or not done.submitted or not graded_all or acknowledged_but_lost:
            bad += 1
    return bad


def double_submit(store: Store, url: str, trials: int) -> int:
    bad = 0
    for n in range(trials):
        learner = store.learners.create_learner(f"dubbel {n}", now=utcnow())
        attempt = store.attempts.start_attempt(learner.id, QUIZ, utcnow())
        _, first = store.attempts.questions_of(attempt)[0]
        store.attempts.save_answer(
            attempt.id, first.id, correct_response(first), utcnow()
        )  # the rest unanswered
        results = _race(url, ("submit", (attempt.id,)), ("submit", (attempt.id,)))
        if any(r[0] != "ok" for r in results) or results[0][2] != results[1][2]:
            bad += 1
    return bad


def double_start(store: Store, url: str, trials: int) -> int:
    bad = 0
    for n in range(trials):
        learner = store.learners.create_learner(f"start {n}", now=utcnow())
        results = _race(url, ("start", (learner.id,)), ("start", (learner.id,)))
        opened = [a for a in store.attempts.learner_attempts(learner.id, QUIZ.id) if not a.submitted]
        if any(r[0] != "ok" for r in results) or len(opened) != 1 or results[0][1] != results[1][1]:
            bad += 1
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--url", default=None, help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'race.sqlite3'}"
    store = Store(url)
    where = url.split("@")[-1]
    print(f"database: {where}")
    print(f"save during submit: {save_vs_submit(store, url, args.trials)} of {args.trials} trials went wrong")
    n = max(1, args.trials * 5 // 6)
    print(f"double submit:      {double_submit(store, url, n)} of {n} trials went wrong")
    print(f"double start:       {double_start(store, url, args.trials)} of {args.trials} trials went wrong")
    store.dispose()


if __name__ == "__main__":
    main()
