"""Load benchmark: N learners at once against a real `streamlit run` server, beside a bare page.

    python benchmarks/load.py --learners 1,10,25 --mode stress
    python benchmarks/load.py --learners 100 --mode classroom --backend postgres
    python benchmarks/load.py --learners 25 --variant nofreeze      # gc.freeze() switched off
    python benchmarks/load.py --learners 25 --variant bank10        # a 10x larger question bank
    python benchmarks/load.py --learners 200 --mode classroom --backend postgres --servers 2  # nginx
    python benchmarks/load.py --learners 50 --rounds 3              # the median of three rounds
    python benchmarks/load.py --report results.jsonl                # rewrite BENCHMARKS.md's section

Each learner is a real Streamlit session driven through Streamlit's agent API
(``POST /_stcore/agent/interact``, switched on with ``--server.enableAgentApi=true`` on the
command line of the test server this script starts; never in .streamlit/config.toml): it
enters a name, opens quiz 1, starts it, answers its ten questions one request each, submits.
*stress* sends the next request the moment the last one returns; *classroom* waits 5-15 s of
reading time before every answer (seeded, so a run can be repeated).

For every N the same run measures mglearn and a bare Streamlit page with the same widgets and
no logic (benchmarks/bare_app.py), each on a fresh server, and reports per-answer latency
p50/p75/p95/max as the client sees it, answers per second, errors, and the server's resident
memory before (after a warm-up learner), at peak and after (once the agent sessions have
expired). This 2-core machine is shared and a throughput swings by a tenth or more from one
run to the next: ``--rounds K`` measures both K times, alternating which goes first, and the
report shows the round with the median throughput ratio beside every round's ratio.
Afterwards it checks mglearn's database: every learner has one submitted attempt
with exactly one stored answer per question, the one it sent, and a score equal to
mglearn.attempts.score_quiz over the stored responses.

Bounded: every request has a timeout, every run a deadline, every server is stopped.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUIZ = "functies"
REQUEST_TIMEOUT = 180.0
RUN_DEADLINE = 1500.0
SESSION_TTL = {"stress": 5, "classroom": 25, "examday": 120}  # agent sessions idle this long are closed
KEY = re.compile(r"^a(\d+)_([^_]+)(?:_(\d+))?$")

# `streamlit run`, optionally with gc.freeze made a no-op (the "nofreeze" variant): the same
# server code otherwise, so the difference is the freeze alone.
NO_FREEZE = "import gc, sys; gc.freeze = lambda: None; from streamlit.web.cli import main; main()"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    peak_mb: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def rss(self) -> float:
        return rss_mb(self.proc.pid)

    def watch(self) -> None:
        """Sample the resident memory every 0.2 s; keep the peak."""
        while not self._stop.wait(0.2):
            self.peak_mb = max(self.peak_mb, self.rss())


@contextmanager
def server(
    app: Path, env: dict[str, str], mode: str, freeze: bool, log: Path, variant: str = "default"
) -> Iterator[Server]:
    port = free_port()
    head = [sys.executable, "-m", "streamlit"] if freeze else [sys.executable, "-c", NO_FREEZE]
    cmd = [
        *head,
        "run",
        str(app),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",  # other edits to the tree must not reload modules mid-run
        "--server.enableAgentApi=true",  # the benchmark's own server only
        "--server.agentMaxSessions=1000",
        "--server.agentWaitTimeout=120",
        f"--server.agentSessionTTL={SESSION_TTL[mode]}",
        *(["--runner.postScriptGC=false"] if variant == "nopostgc" else []),
        *(["--runner.postScriptGC=true"] if variant == "postgc" else []),
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    srv = Server(proc, port)
    watcher = threading.Thread(target=srv.watch, daemon=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        watcher.start()
        yield srv
    finally:
        srv._stop.set()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class AgentError(Exception):
    pass


class Client:
    """One learner's connection to the agent API (keep-alive)."""

    def __init__(self, port: int, route: str = "") -> None:
        self.port = port
        # nginx (deploy/nginx.conf) pins a browser to a server by this cookie; one server ignores it
        self.headers = {"content-type": "application/json", "cookie": f"mglearn_route={route}"}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        self.session: str | None = None
        self.last = time.monotonic()
        self.upstream = ""

    def call(self, **body: Any) -> dict[str, Any]:
        if self.session:
            body["session_id"] = self.session
        data = json.dumps(body).encode()
        if time.monotonic() - self.last > 3:  # the server closes idle keep-alive connections (5 s)
            self.conn.close()  # (http.client opens a new one for the next request)
        for _ in range(5):  # a wait_timed_out is resent with the session id only
            try:
                self.conn.request("POST", "/_stcore/agent/interact", data, self.headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                self.upstream = resp.getheader("X-Upstream", "")  # the server (behind nginx)
            except (OSError, http.client.HTTPException) as exc:
                self.conn.close()
                raise AgentError(f"{type(exc).__name__}: {exc}") from None
            self.last = time.monotonic()
            doc = json.loads(raw)
            if resp.status == 200:
                self.session = doc["session_id"]
                for node in walk(doc["tree"]):
                    if node.get("type") == "exception":
                        props = node.get("props", {})
                        raise AgentError(
                            f"the page raised {props.get('type', '')}: {props.get('message', '')}"[:300]
                        )
                return doc  # type: ignore[no-any-return]
            code = doc.get("error", {}).get("code")
            if code == "wait_timed_out" and doc.get("session_id"):
                self.session = doc["session_id"]
                data = json.dumps({"session_id": self.session}).encode()
                continue
            raise AgentError(f"{resp.status} {code}: {doc.get('error', {}).get('message', '')[:200]}")
        raise AgentError("wait_timed_out five times")

    def close(self) -> None:
        self.conn.close()


def walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("children", ()):
        yield from walk(child)


def questions_in(doc: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The quiz's questions in page order: (question id, its widget nodes)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for node in walk(doc["tree"]):
        match = KEY.match(str(node.get("key", "")))
        if match and node.get("type") in ("radio", "checkbox", "selectbox"):
            found.setdefault(match.group(2), []).append(node)
    return list(found.items())


def choose(rng: random.Random, nodes: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """A random answer: the widget values to send and the option texts they mean."""
    kind = nodes[0]["type"]
    if kind == "radio":
        label = rng.choice(nodes[0]["props"]["options"])
        return {nodes[0]["key"]: label}, [label]
    if kind == "checkbox":
        picked = rng.sample(nodes, rng.randint(1, len(nodes)))
        return {n["key"]: True for n in picked}, sorted(n["props"]["label"] for n in picked)
    labels = list(nodes[0]["props"]["options"])
    rng.shuffle(labels)
    return {n["key"]: label for n, label in zip(nodes, labels, strict=False)}, labels[: len(nodes)]


def action(doc: dict[str, Any], *, prefix: str = "", label: str = "") -> str:
    for a in doc["actions"]:
        if a["kind"] == "trigger" and a["key"].startswith(prefix) and (not label or a.get("label") == label):
            return str(a["key"])
    raise AgentError(f"no trigger {prefix or label!r} on page {doc['page'].get('title')!r}")


@dataclass
class Learner:
    index: int
    code: str = ""
    sent: dict[str, list[str]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def learner_run(port: int, app: str, mode: str, learner: Learner, seed: int, go: threading.Event) -> None:
    rng = random.Random(seed * 100_003 + learner.index)
    client = Client(port, route=f"L{learner.index}")
    go.wait()
    try:
        doc = client.call()
        doc = client.call(
            widget_state={"start_name": f"Leerling {learner.index}"},
            trigger={"key": action(doc, prefix="FormSubmitter:new_learner")},
        )
        code = doc["query_params"].get("learner", [""])[0]
        learner.code = code
        if app == "mglearn":
            doc = client.call(page="quiz", query_params={"quiz": [QUIZ], "learner": [code], "lang": ["nl"]})
        else:
            doc = client.call(query_params={"quiz": [QUIZ]})
        doc = client.call(trigger={"key": action(doc, label="Start de toets")})
        questions = questions_in(doc)
        if len(questions) != 10:
            raise AgentError(f"{len(questions)} questions on the quiz page, not 10")
        for qid, nodes in questions:
            state, labels = choose(rng, nodes)
            if mode == "classroom":
                time.sleep(rng.uniform(5, 15))
            start = time.perf_counter()
            doc = client.call(widget_state=state)
            learner.latencies.append(time.perf_counter() - start)
            learner.sent[qid] = labels
            now = {n.get("key"): n.get("value") for n in walk(doc["tree"]) if n.get("key") in state}
            if now != state:
                learner.errors.append(f"{qid}: the page shows {now}, sent {state}")
        client.call(trigger={"key": action(doc, prefix="submit_")})
    except (AgentError, KeyError, ValueError) as exc:
        learner.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        client.close()


def drive(port: int, app: str, mode: str, n: int, seed: int, first: int = 0) -> tuple[list[Learner], float]:
    learners = [Learner(first + i) for i in range(n)]
    go = threading.Event()
    threads = [
        threading.Thread(target=learner_run, args=(port, app, mode, lr, seed, go), daemon=True)
        for lr in learners
    ]
    for th in threads:
        th.start()
    start = time.perf_counter()
    go.set()
    deadline = time.monotonic() + RUN_DEADLINE
    for th in threads:
        th.join(max(0.0, deadline - time.monotonic()))
    wall = time.perf_counter() - start
    for lr, th in zip(learners, threads, strict=True):
        if th.is_alive():
            lr.errors.append("did not finish before the run's deadline")
    return learners, wall


def check_database(url: str, learners: list[Learner]) -> dict[str, int]:
    """Every answer stored exactly once, as sent; every score equal to the recomputed one."""
    import sqlalchemy as sa

    from mglearn.attempts import score_quiz
    from mglearn.store import Store, tables, utcnow

    store = Store(url, migrate=False)
    now = utcnow()  # one clock for the check
    result = {
        "answers_sent": 0,
        "answers_stored": 0,
        "lost": 0,
        "duplicated": 0,
        "wrong_score": 0,
        "not_submitted": 0,
    }
    try:
        for lr in learners:
            result["answers_sent"] += len(lr.sent)
            person = store.learners.learner_by_code(lr.code, now=now) if lr.code else None
            if person is None:
                result["lost"] += len(lr.sent)
                continue
            attempts = store.attempts.learner_attempts(person.id, QUIZ)
            if len(attempts) != 1:
                result["lost"] += len(lr.sent)
                continue
            attempt = attempts[0]
            if not attempt.submitted:  # the learner's run broke off (counted in its errors)
                result["not_submitted"] += 1
            with store.db.read() as conn:
                rows = conn.execute(
                    sa.select(tables.answers.c.question_id, sa.func.count())
                    .where(tables.answers.c.attempt_id == attempt.id)
                    .group_by(tables.answers.c.question_id)
                ).all()
            result["answers_stored"] += sum(int(c) for _, c in rows)
            result["duplicated"] += sum(int(c) - 1 for _, c in rows if c > 1)
            stored = store.attempts.answers(attempt.id)
            questions = dict((q.id, q) for _, q in store.attempts.questions_of(attempt))
            for qid, labels in lr.sent.items():
                q, response = questions[qid], stored.get(qid)
                if response is None:
                    result["lost"] += 1
                    continue
                if q.type == "matching":
                    got = [q.pairs[i].right.get("nl") if i is not None else "" for i in response]
                elif q.type == "multiple":
                    got = sorted(q.options[i].text.get("nl") for i in response if i is not None)
                else:
                    got = [q.options[i].text.get("nl") for i in response if i is not None]
                if got != labels:
                    result["lost"] += 1
            recomputed = score_quiz(list(questions.values()), stored, attempt.pass_mark)
            if attempt.submitted and (attempt.score is None or abs(recomputed.score - attempt.score) > 1e-9):
                result["wrong_score"] += 1
    finally:
        store.dispose()
    return result


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def big_bank(target: Path, factor: int = 10) -> None:
    """A content root whose every quiz has `factor` times as many questions (renamed copies)."""
    import yaml

    shutil.copytree(ROOT / "lessons", target / "lessons")
    (target / "quizzes").mkdir()
    for path in sorted((ROOT / "quizzes").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        extra = []
        for copy in range(1, factor):
            for q in data["questions"]:
                clone = json.loads(json.dumps(q))
                clone["id"] = f"{q['id']}-x{copy}"
                clone["prompt"] = {k: f"{v} ({copy})" for k, v in q["prompt"].items()}
                extra.append(clone)
        data["questions"] = data["questions"] + extra
        (target / "quizzes" / path.name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


@contextmanager
def database(backend: str, workdir: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    from tests.pg import postgres_server

    with postgres_server() as url:
        yield url


def reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def measure(
    app: str, n: int, args: argparse.Namespace, workdir: Path, db_url: str, content_dir: str | None
) -> dict[str, Any]:
    """One server, a warm-up learner, then `waves` x N learners at once; the figures."""
    env = {"MGLEARN_DATABASE_URL": db_url}
    if content_dir:
        env["MGLEARN_CONTENT_DIR"] = content_dir
    script = ROOT / ("app.py" if app == "mglearn" else "benchmarks/bare_app.py")
    freeze = args.variant != "nofreeze"
    row: dict[str, Any] = {"app": app, "learners": n, "servers": args.servers}
    with ExitStack() as stack:
        if args.servers > 1:  # the same cookie secret on every server, as deploy/nginx.conf says
            env["STREAMLIT_SERVER_COOKIE_SECRET"] = "load-benchmark-secret"
        group = [
            stack.enter_context(
                server(script, env, args.mode, freeze, workdir / f"{app}-{n}-{i}.log", args.variant)
            )
            for i in range(args.servers)
        ]
        port = group[0].port
        if args.servers > 1:
            from tests.test_balancer import nginx

            (workdir / "nginx").mkdir(exist_ok=True)
            front = stack.enter_context(nginx([f"127.0.0.1:{g.port}" for g in group], workdir / "nginx"))
            port = int(front.rsplit(":", 1)[1])
        warm, _ = drive(port, app, "stress", 2 * args.servers, args.seed, first=10_000_000)
        row["warmup_errors"] = sum(len(w.errors) for w in warm)
        time.sleep(1)

        def rss() -> float:
            return sum(g.rss() for g in group)

        def cpu() -> float:
            return sum(cpu_seconds(g.proc.pid) for g in group)

        row["rss_before_mb"] = rss()
        cpu_before = cpu()  # start-up and the warm-up learners excluded
        for g in group:
            g.peak_mb = g.rss()
        everyone: list[Learner] = []
        latencies: list[float] = []
        walls, afters, busy = [], [], 0.0
        for wave in range(args.waves):
            learners, wall = drive(port, app, args.mode, n, args.seed + wave, first=wave * n)
            everyone += learners
            latencies += [x for lr in learners for x in lr.latencies]
            walls.append(wall)
            busy += cpu() - cpu_before  # the servers' CPU while driven
            time.sleep(2 * SESSION_TTL[args.mode] + 3)  # idle agent sessions are closed by then
            afters.append(rss())
            cpu_before = cpu()
        row["rss_peak_mb"] = sum(g.peak_mb for g in group)  # each server's peak, added up
        row["rss_after_mb"] = afters[-1]
        row["rss_after_waves_mb"] = afters
        row["cpu_s"] = cpu()
        row["cpu_run_s"] = busy
        row["cpu_s_per_server"] = [cpu_seconds(g.proc.pid) for g in group]  # (is the load shared?)
    row["loadavg"] = os.getloadavg()[0]  # the machine's 1-min load when the run ended (others' work too)
    row["answers"] = len(latencies)
    row["errors"] = sum(len(lr.errors) for lr in everyone)
    row["error_samples"] = [e for lr in everyone for e in lr.errors][:5]
    row["wall_s"] = sum(walls)
    row["answers_per_s"] = len(latencies) / sum(walls) if walls else 0.0
    for name, q in (("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("max", 1.0)):
        row[f"{name}_ms"] = pct(latencies, q) * 1000
    row["cpu_ms_per_answer"] = 1000 * row["cpu_run_s"] / max(1, len(latencies))
    row["mean_ms"] = statistics.fmean(latencies) * 1000 if latencies else float("nan")
    row["per_session_mb"] = (row["rss_peak_mb"] - row["rss_before_mb"]) / n
    if app == "mglearn":
        row["db"] = check_database(db_url, everyone)
    return row


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="mglearn-load-") as tmp:
        workdir = Path(tmp)
        content_dir = None
        if args.variant == "bank10":
            big_bank(workdir / "content")
            content_dir = str(workdir / "content")
        with database(args.backend, workdir) if args.backend == "postgres" else nullcontext("") as pg_url:
            for n in args.learners:
                # rounds alternate the order (mglearn, bare, bare, mglearn, ...): a machine that
                # gets busier or quieter during the run then weighs on both alike
                order = [
                    app
                    for r in range(args.rounds)
                    for app in (args.apps if r % 2 == 0 else list(reversed(args.apps)))
                ]
                for i, app in enumerate(order):
                    if args.backend == "sqlite":
                        db = workdir / "bench.sqlite3"
                        for suffix in ("", "-wal", "-shm"):
                            Path(f"{db}{suffix}").unlink(missing_ok=True)
                        db_url = f"sqlite:///{db}"
                    else:
                        reset_postgres(pg_url)
                        db_url = pg_url
                    print(f"-- {app}: {n} learners, {args.mode}, {args.backend}, {args.variant}", flush=True)
                    row = measure(app, n, args, workdir, db_url, content_dir)
                    variant = args.variant + (f", {args.servers} servers + nginx" if args.servers > 1 else "")
                    row.update(mode=args.mode, backend=args.backend, variant=variant, waves=args.waves)
                    row["round"] = i // len(args.apps)
                    print(json.dumps(row), flush=True)
                    results.append(row)
                    if row["errors"] and row["error_samples"]:
                        print("   errors:", row["error_samples"], flush=True)
    return results


# -- the report in BENCHMARKS.md --

BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"


def fmt_ms(value: float) -> str:
    return f"{value:,.0f}"


def load_of(row: dict[str, Any]) -> str:
    return f"{row['loadavg']:.1f}" if "loadavg" in row else "?"


Pair = dict[str, dict[str, Any]]  # app -> its row, for one round


def median_round(apps: dict[int, Pair]) -> tuple[dict[str, Any], dict[str, Any] | None, str]:
    """With several rounds (--rounds): the round whose throughput ratio is the median, and
    every round's ratio in order, e.g. " (0.68, 0.72, 0.80)"; with one round, that round."""
    both = sorted(
        (m["answers_per_s"] / b["answers_per_s"], r)
        for r, pair in apps.items()
        if (m := pair.get("mglearn")) and (b := pair.get("bare"))
    )
    if len(both) < 2:
        first = apps[min(apps)]
        return first["mglearn"], first.get("bare"), ""
    chosen = apps[both[(len(both) - 1) // 2][1]]  # the lower median of an even count
    each = ", ".join(f"{ratio:.2f}" for ratio, _ in sorted(both, key=lambda x: x[1]))
    return chosen["mglearn"], chosen["bare"], f" ({each})"


def render(rows: list[dict[str, Any]]) -> str:
    """One table row per (backend, mode, variant, learners): mglearn beside the bare page;
    with several rounds, the median round's figures and every round's throughput ratio."""
    pairs: dict[tuple[str, str, str, int, int], dict[int, Pair]] = {}
    for r in rows:
        key = (r["backend"], r["mode"], r["variant"], int(r.get("waves", 1)), int(r["learners"]))
        pairs.setdefault(key, {}).setdefault(int(r.get("round", 0)), {})[r["app"]] = r
    lines = [
        "| backend | mode | variant | learners | answer p50 / p75 / p95 / max (ms) | bare p50 / p95 (ms) "
        "| p50 ratio | answers/s (bare) | throughput ratio | server CPU ms per answer (bare) | errors "
        "| stored / lost / double / bad score | RSS before → peak → after (MB) | per session "
        "| load avg (bare) |",
        "| --- | --- | --- | ---: | --- | --- | ---: | --- | ---: | --- | ---: | --- | --- | ---: | --- |",
    ]
    for (backend, mode, variant, waves, n), rounds in sorted(pairs.items()):
        rounds = {r: apps for r, apps in rounds.items() if "mglearn" in apps}
        if not rounds:
            continue
        m, b, each = median_round(rounds)
        lat = " / ".join(fmt_ms(m[f"{p}_ms"]) for p in ("p50", "p75", "p95", "max"))
        bare = f"{fmt_ms(b['p50_ms'])} / {fmt_ms(b['p95_ms'])}" if b else "—"
        ratio = f"{m['p50_ms'] / b['p50_ms']:.2f}×" if b else "—"
        tput = f"{m['answers_per_s']:.1f} ({b['answers_per_s']:.1f})" if b else f"{m['answers_per_s']:.1f}"
        tratio = f"{m['answers_per_s'] / b['answers_per_s']:.2f}×{each}" if b else "—"
        cpu = f"{m['cpu_ms_per_answer']:.0f}" if "cpu_ms_per_answer" in m else "—"
        if b and "cpu_ms_per_answer" in b:
            cpu += f" ({b['cpu_ms_per_answer']:.0f})"
        db = m.get("db", {})
        dbs = (
            f"{db.get('answers_stored', 0)}/{db.get('answers_sent', 0)} / {db.get('lost', 0)} / "
            f"{db.get('duplicated', 0)} / {db.get('wrong_score', 0)}"
        )
        after = " → ".join(f"{x:.0f}" for x in m.get("rss_after_waves_mb", [m["rss_after_mb"]]))
        mem = f"{m['rss_before_mb']:.0f} → {m['rss_peak_mb']:.0f} → {after}"
        if waves > 1:
            variant = f"{variant}, {waves} waves"
        if len(rounds) > 1:
            variant = f"{variant}, median of {len(rounds)} rounds"
        lines.append(
            f"| {backend} | {mode} | {variant} | {n} | {lat} | {bare} | {ratio} | {tput} | {tratio} | {cpu} "
            f"| {m['errors']} ({b['errors'] if b else '—'}) | {dbs} | {mem} | {m['per_session_mb']:.2f} MB "
            f"| {load_of(m)} ({load_of(b) if b else '—'}) |"
        )
    return "\n".join(lines)


def write_report(rows: list[dict[str, Any]], path: Path, notes: str) -> None:
    body = f"{BEGIN}\n{notes.strip()}\n\n{render(rows)}\n{END}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + body + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + body
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", default="1,10,25", help="comma-separated, e.g. 1,10,25,50,100,200")
    parser.add_argument("--mode", choices=["stress", "classroom"], default="stress")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--variant", choices=["default", "nofreeze", "nopostgc", "postgc", "bank10"], default="default"
    )
    parser.add_argument("--apps", default="mglearn,bare", help="mglearn, bare or both")
    parser.add_argument(
        "--servers", type=int, default=1, help="app servers behind nginx (deploy/nginx.conf); needs postgres"
    )
    parser.add_argument("--waves", type=int, default=1, help="runs of N learners in a row on one server")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure mglearn and the bare page this many times, alternating"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jsonl", default=None, help="append each result row to this file")
    parser.add_argument("--report", default=None, help="render BENCHMARKS.md's section from this JSONL file")
    parser.add_argument("--notes", default=None, help="a Markdown file to put above the table")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    if args.report:
        rows = [json.loads(line) for line in Path(args.report).read_text().splitlines() if line.strip()]
        notes = Path(args.notes).read_text(encoding="utf-8") if args.notes else "## Load"
        write_report(rows, Path(args.output), notes)
        print(render(rows))
        return 0
    if args.servers > 1 and args.backend != "postgres":
        parser.error("--servers shares one database between processes: use it with --backend postgres")
    args.learners = [int(x) for x in args.learners.split(",") if x.strip()]
    args.apps = [a.strip() for a in args.apps.split(",") if a.strip()]
    rows = run(args)
    if args.jsonl:
        with open(args.jsonl, "a", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row) + "\n")
    failed = any(
        r["errors"]
        or any(v for k, v in r.get("db", {}).items() if k in ("lost", "duplicated", "wrong_score"))
        for r in rows
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
