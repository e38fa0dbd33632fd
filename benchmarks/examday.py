"""Exam-day benchmark (issue 32): N candidates released at one instant, then thinking time per
answer, through Streamlit's agent API against a real `streamlit run` server, beside the bare page.

    python benchmarks/examday.py --candidates 100                         # one server, SQLite
    python benchmarks/examday.py --candidates 100 --backend postgres
    python benchmarks/examday.py --candidates 400 --backend postgres --servers 4   # nginx
    python benchmarks/examday.py --candidates 100 --root /tmp/old-checkout  # another tree's server
    python benchmarks/examday.py --store-only [--root TREE]   # 100 starts in the store alone

Every candidate first gets a learner code (before the clock starts), then all wait on one
barrier. Released together, each opens the exam page and presses Start: the *start* time is
from the release until the page shows question 1. Then, for each of the exam's questions, the
candidate thinks (Moodle's load-test profile: 30-90 s per answer, here divided by
``--think-scale``, 60 by default: 0.5-1.5 s, to keep a run short), answers (the *answer* time is
that one request), and goes to the next question; at the end it hands in. The bare page
(benchmarks/bare_app.py: the same widgets, no logic) goes through the same steps with its ten
questions: its start is the release until its first question shows.

Reported per app: start p50/p95/max and how many started within 5 s, answer p50/p95, the
servers' CPU per start (the servers' CPU from the release until the last start, over N; the
first answers of early starters fall in it too) and per answer (the rest of the run, answers,
next-question clicks and hand-ins, over the answers), and for mglearn the PostgreSQL
connections at the peak and a check of the database: every exam started once, every answer
sent stored exactly once, every score equal to a recomputation, every exam handed in.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import (  # noqa: E402
    KEY,
    AgentError,
    Client,
    action,
    choose,
    cpu_seconds,
    database,
    pct,
    reset_postgres,
    server,
    walk,
)

EXAM_KEY = re.compile(r"^x(\d+)_([^_]+)(?:_(\d+))?$")


@dataclass
class Candidate:
    index: int
    code: str = ""
    client: Client | None = None
    start_s: float = float("nan")
    open_s: float = float("nan")  # the first of a start's two requests (opening the page)
    started_at: float = 0.0
    answers: list[float] = field(default_factory=list)
    sent: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    abandon: bool = False  # answers half its questions and leaves without handing in
    server: str = ""  # the server that answered its Start (nginx's X-Upstream)


def widgets(doc: dict[str, Any], pattern: re.Pattern[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for node in walk(doc["tree"]):
        match = pattern.match(str(node.get("key", "")))
        if match and node.get("type") in ("radio", "checkbox", "selectbox"):
            found.setdefault(match.group(2), []).append(node)
    return list(found.items())


def sign_up(port: int, c: Candidate) -> None:
    """Before the clock: a learner code (the start page's form), the connection kept."""
    c.client = Client(port, route=f"C{c.index}")
    doc = c.client.call()
    doc = c.client.call(
        widget_state={"start_name": f"Kandidaat {c.index}"},
        trigger={"key": action(doc, prefix="FormSubmitter:new_learner")},
    )
    c.code = doc["query_params"].get("learner", [""])[0]


def candidate_run(app: str, c: Candidate, barrier: threading.Barrier, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed * 100_003 + c.index)
    client = c.client
    assert client is not None
    try:
        barrier.wait()
        released = time.perf_counter()
        if app == "mglearn":
            doc = client.call(page="exam", query_params={"learner": [c.code], "lang": ["nl"]})
            c.open_s = time.perf_counter() - released
            doc = client.call(trigger={"key": "exam_start"})
            pattern = EXAM_KEY
        else:
            doc = client.call()
            c.open_s = time.perf_counter() - released
            doc = client.call(trigger={"key": action(doc, label="Start de toets")})
            pattern = KEY
        c.start_s = time.perf_counter() - released
        c.server = client.upstream
        c.started_at = time.perf_counter()
        shown = widgets(doc, pattern)
        if not shown:
            raise AgentError("no question after Start")
        if app == "mglearn":
            total = len([n for n in walk(doc["tree"]) if str(n.get("key", "")).startswith("palette_")])
            total = total or 25
        else:
            total = len(shown)
        for number in range(total // 2 if c.abandon else total):
            qid, nodes = shown[0] if app == "mglearn" else shown[number]
            state, labels = choose(rng, nodes)
            time.sleep(rng.uniform(30, 90) / args.think_scale)
            t0 = time.perf_counter()
            doc = client.call(widget_state=state)
            c.answers.append(time.perf_counter() - t0)
            c.sent[qid] = labels
            if app == "mglearn" and number + 1 < total:
                doc = client.call(trigger={"key": "exam_next"})
                shown = widgets(doc, pattern)
        if c.abandon:
            pass  # gone: the server's sweep must close it at its deadline (check_expired)
        elif app == "mglearn":
            doc = client.call(trigger={"key": "exam_submit"})
            client.call(trigger={"key": "exam_submit_final"})
        else:
            client.call(trigger={"key": action(doc, prefix="submit_")})
    except (AgentError, KeyError, ValueError, threading.BrokenBarrierError) as exc:
        c.errors.append(f"{type(exc).__name__}: {exc}"[:300])
    finally:
        client.close()


def check_exams(url: str, candidates: list[Candidate]) -> dict[str, int]:
    """Every exam started once and handed in; every answer stored once, as sent; every score right."""
    import sqlalchemy as sa

    from mglearn.attempts import score_quiz
    from mglearn.store import Store, tables, utcnow

    store = Store(url, migrate=False)
    now = utcnow()
    out = {"exams": 0, "double_exams": 0, "not_submitted": 0, "answers_sent": 0, "lost": 0, "duplicated": 0}
    out["wrong_score"] = 0
    try:
        for c in candidates:
            out["answers_sent"] += len(c.sent)
            person = store.learners.learner_by_code(c.code, now=now) if c.code else None
            exams = store.attempts.learner_attempts(person.id, kind="exam") if person else []
            out["exams"] += len(exams)
            out["double_exams"] += max(0, len(exams) - 1)
            if not exams:
                out["lost"] += len(c.sent)
                continue
            exam = exams[0]
            out["not_submitted"] += not exam.submitted
            with store.db.read() as conn:
                rows = conn.execute(
                    sa.select(tables.answers.c.question_id, sa.func.count())
                    .where(tables.answers.c.attempt_id == exam.id, tables.answers.c.response != "[]")
                    .group_by(tables.answers.c.question_id)
                ).all()
            out["duplicated"] += sum(int(n) - 1 for _, n in rows if n > 1)
            stored = store.attempts.answers(exam.id)
            out["lost"] += sum(1 for qid in c.sent if stored.get(qid) in (None, []))
            questions = [q for _, q in store.attempts.questions_of(exam)]
            given = {k: v for k, v in stored.items() if v}
            recomputed = score_quiz(questions, given, exam.pass_mark)
            if exam.submitted and (exam.score is None or abs(recomputed.score - exam.score) > 1e-9):
                out["wrong_score"] += 1
    finally:
        store.dispose()
    return out


def check_expired(url: str, candidates: list[Candidate]) -> dict[str, int]:
    """The exams left open (``abandon``): each closed by the store itself, finished exactly at
    its deadline, with the answers sent (its score is checked by check_exams)."""
    from mglearn.store import Store, utcnow

    store = Store(url, migrate=False)
    now = utcnow()
    out = {"abandoned": 0, "closed_at_deadline": 0, "closed_otherwise": 0, "still_open": 0}
    try:
        for c in candidates:
            if not c.abandon:
                continue
            out["abandoned"] += 1
            person = store.learners.learner_by_code(c.code, now=now) if c.code else None
            exams = store.attempts.learner_attempts(person.id, kind="exam") if person else []
            for exam in exams:
                if not exam.submitted:
                    out["still_open"] += 1
                elif exam.submitted_at == exam.deadline_at:
                    out["closed_at_deadline"] += 1
                else:
                    out["closed_otherwise"] += 1
    finally:
        store.dispose()
    return out


def pg_connections(url: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return (
                int(
                    conn.execute(
                        sa.text("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
                    ).scalar_one()
                )
                - 1
            )
    finally:
        engine.dispose()


def measure(app: str, args: argparse.Namespace, workdir: Path, db_url: str) -> dict[str, Any]:
    root = Path(args.root).resolve()
    env = {
        "MGLEARN_DATABASE_URL": db_url,
        "PYTHONPATH": str(root),
        "MGLEARN_PUBLIC_URL": "https://exam.example.org",
    }
    if args.exam_minutes:
        env["MGLEARN_EXAM_MINUTES"] = str(args.exam_minutes)
    if args.backend == "postgres":  # the README's rule: N x 2 x pool below max_connections (100)
        env["MGLEARN_DB_POOL_SIZE"] = str(args.pool_size or min(20, 80 // (2 * args.servers)))
    if args.servers > 1:
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = "examday-benchmark-secret"
    script = root / ("app.py" if app == "mglearn" else "benchmarks/bare_app.py")
    n = args.candidates
    row: dict[str, Any] = {"app": app, "candidates": n, "servers": args.servers, "backend": args.backend}
    row["pool_size"] = env.get("MGLEARN_DB_POOL_SIZE", "")
    with ExitStack() as stack:
        group = [
            stack.enter_context(server(script, env, "examday", True, workdir / f"{app}-{i}.log"))
            for i in range(args.servers)
        ]
        port = group[0].port
        if args.servers > 1:
            from tests.test_balancer import nginx

            (workdir / "nginx").mkdir(exist_ok=True)
            front = stack.enter_context(nginx([f"127.0.0.1:{g.port}" for g in group], workdir / "nginx"))
            port = int(front.rsplit(":", 1)[1])
        warm = [Candidate(1_000_000 + i) for i in range(args.servers)]  # one exam per server first
        for c, g in zip(warm, group, strict=True):  # each server directly: nginx might skip one
            sign_up(g.port, c)
            candidate_run(
                app, c, threading.Barrier(1), argparse.Namespace(**{**vars(args), "think_scale": 1e9})
            )
        row["warmup_errors"] = sum(len(c.errors) for c in warm)
        every = round(100 / args.abandon) if args.abandon else 0  # spread over the cohort
        leaves = [app == "mglearn" and every > 0 and i % every == 0 for i in range(n)]
        candidates = [Candidate(i, abandon=leaves[i]) for i in range(n)]
        signups = [threading.Thread(target=sign_up, args=(port, c)) for c in candidates]
        for i, th in enumerate(signups):  # sign-ups in batches, not part of the figures
            th.start()
            if i % 20 == 19:
                for t2 in signups[i - 19 : i + 1]:
                    t2.join()
        for th in signups:
            th.join()
        barrier = threading.Barrier(n + 1)
        threads = [
            threading.Thread(target=candidate_run, args=(app, c, barrier, args), daemon=True)
            for c in candidates
        ]
        for th in threads:
            th.start()

        def cpu() -> float:
            return sum(cpu_seconds(g.proc.pid) for g in group)

        peak_conn = [0]
        stop = threading.Event()

        def watch_pg() -> None:
            while not stop.wait(0.5):
                peak_conn[0] = max(peak_conn[0], pg_connections(db_url))

        if args.backend == "postgres":
            threading.Thread(target=watch_pg, daemon=True).start()
        spies = []
        if args.profile:  # py-spy samples every server from the release until the last start
            out = Path(args.profile)
            out.mkdir(parents=True, exist_ok=True)
            spy = str(Path(sys.executable).with_name("py-spy"))
            for i, g in enumerate(group):
                cmd = [spy, "record", "--pid", str(g.proc.pid), "--rate", "200", "--format", "raw"]
                cmd += ["--threads", "-o", str(out / f"{app}-{i}.txt")]
                spies.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(1.0)
        cpu0 = cpu()
        each0 = [cpu_seconds(g.proc.pid) for g in group]
        barrier.wait()
        released = time.perf_counter()
        while (
            any(c.started_at == 0 and not c.errors for c in candidates)
            and time.perf_counter() - released < 300
        ):
            time.sleep(0.02)
        cpu_started = cpu()
        each_started = [cpu_seconds(g.proc.pid) for g in group]
        for spy_proc in spies:
            spy_proc.send_signal(signal.SIGINT)
            spy_proc.wait(60)
        for th in threads:
            th.join(1500)
        cpu_end = cpu()
        each_end = [cpu_seconds(g.proc.pid) for g in group]
        if args.servers > 1:  # per server: its CPU over the starts and answers it served
            row["per_server"] = []
            for i, g in enumerate(group):
                mine = [c for c in candidates if c.server.endswith(f":{g.port}")]
                answered = sum(len(c.answers) for c in mine)
                starting, answering = each_started[i] - each0[i], each_end[i] - each_started[i]
                row["per_server"].append(
                    {
                        "starts": len(mine),
                        "cpu_ms_per_start": round(1000 * starting / max(1, len(mine)), 1),
                        "cpu_ms_per_answer": round(1000 * answering / max(1, answered), 1),
                    }
                )
        stop.set()
        if any(c.abandon for c in candidates):  # the servers' sweep closes the abandoned exams
            wait = args.exam_minutes * 60 + 30 + 30 + 15  # + grace + sweep interval (defaults) + slack
            time.sleep(max(0.0, wait - (time.perf_counter() - released)))
            row["expired"] = check_expired(db_url, candidates)
        row["cpu_s_per_server"] = [round(cpu_seconds(g.proc.pid), 1) for g in group]
    starts = [c.start_s for c in candidates if c.start_s == c.start_s]
    answers = [a for c in candidates for a in c.answers]
    row["started"] = len(starts)
    row["started_within_5s"] = sum(1 for s in starts if s <= 5)
    for name, q in (("p50", 0.5), ("p95", 0.95), ("max", 1.0)):
        row[f"start_{name}_s"] = round(pct(starts, q), 3)
        row[f"answer_{name}_ms"] = round(pct(answers, q) * 1000, 1)
    opens = [c.open_s for c in candidates if c.open_s == c.open_s and c.start_s == c.start_s]
    clicks = [c.start_s - c.open_s for c in candidates if c.open_s == c.open_s and c.start_s == c.start_s]
    for name, q in (("p50", 0.5), ("p95", 0.95)):
        row[f"open_{name}_s"] = round(pct(opens, q), 3)  # the release until the page before Start shows
        row[f"click_{name}_s"] = round(pct(clicks, q), 3)  # the Start request alone
    row["answers"] = len(answers)
    row["cpu_ms_per_start"] = round(1000 * (cpu_started - cpu0) / max(1, len(starts)), 1)
    row["cpu_ms_per_answer"] = round(1000 * (cpu_end - cpu_started) / max(1, len(answers)), 1)
    row["errors"] = sum(len(c.errors) for c in candidates)
    row["error_samples"] = [e for c in candidates for e in c.errors][:5]
    row["think_s"] = f"{30 / args.think_scale:g}-{90 / args.think_scale:g}"
    row["loadavg"] = round(os.getloadavg()[0], 1)
    if args.backend == "postgres":
        row["pg_connections_peak"] = peak_conn[0]
    if app == "mglearn":
        row["db"] = check_exams(db_url, candidates)
    return row


def store_starts(n: int = 100) -> dict[str, float]:
    """A start in the store alone (SQLite, warm, no server): median and p95 time and statements."""
    import statistics

    import sqlalchemy as sa

    from mglearn.content import PROJECT_ROOT, load_content
    from mglearn.store import Store, utcnow

    content = load_content(PROJECT_ROOT).content
    with tempfile.TemporaryDirectory(prefix="mglearn-starts-") as tmp:
        store = Store(f"sqlite:///{tmp}/starts.sqlite3")
        now = utcnow()
        ids = [store.learners.create_learner(f"K{i}", now=now).id for i in range(n + 1)]
        store.exams.start_exam(ids[n], content, now=now)  # warm
        statements = [0]
        sa.event.listen(
            store.db.engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1)
        )
        times = []
        for i in range(n):
            t0 = time.perf_counter()
            store.exams.start_exam(ids[i], content, now=now)
            times.append(time.perf_counter() - t0)
        store.dispose()
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(pct(times, 0.95) * 1000, 1),
        "statements_per_start": statements[0] / n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--servers", type=int, default=1, help="app servers behind nginx; needs postgres")
    parser.add_argument("--apps", default="mglearn,bare")
    parser.add_argument("--think-scale", type=float, default=60.0, help="30-90 s of thinking divided by this")
    parser.add_argument("--root", default=str(ROOT), help="the checkout whose app.py the servers run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jsonl", default=None, help="append each result row to this file")
    parser.add_argument("--abandon", type=float, default=0, help="percent of mglearn candidates who leave")
    parser.add_argument("--exam-minutes", type=int, default=0, help="MGLEARN_EXAM_MINUTES (with --abandon)")
    parser.add_argument("--pool-size", type=int, default=0, help="MGLEARN_DB_POOL_SIZE (default: 80 / 2N)")
    parser.add_argument("--profile", default=None, help="py-spy each server during the starts into this dir")
    parser.add_argument("--store-only", action="store_true", help="time 100 starts in the store, no server")
    args = parser.parse_args(argv)
    if args.store_only:
        sys.path.insert(0, str(Path(args.root).resolve()))  # that tree's mglearn
        print(json.dumps(store_starts()))
        return 0
    if 90 / args.think_scale > 110:  # a session idle longer than its TTL (120 s) is closed
        parser.error("--think-scale below 0.82 thinks longer than an agent session lives")
    if args.abandon and not args.exam_minutes:
        parser.error("--abandon needs --exam-minutes (the abandoned exams must expire in the run)")
    if args.servers > 1 and args.backend != "postgres":
        parser.error("several servers need --backend postgres")
    with tempfile.TemporaryDirectory(prefix="mglearn-examday-") as tmp:
        workdir = Path(tmp)
        with database(args.backend, workdir) if args.backend == "postgres" else nullcontext("") as pg_url:
            for app in args.apps.split(","):
                if args.backend == "sqlite":
                    db_url = f"sqlite:///{workdir / f'{app}.sqlite3'}"
                else:
                    reset_postgres(pg_url)
                    db_url = pg_url
                print(
                    f"-- {app}: {args.candidates} candidates, {args.backend}, {args.servers} server(s)",
                    flush=True,
                )
                row = measure(app, args, workdir, db_url)
                row["root"] = args.root
                print(json.dumps(row), flush=True)
                if args.jsonl:
                    with open(args.jsonl, "a", encoding="utf-8") as out:
                        out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
