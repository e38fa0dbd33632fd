"""Where one exam start's server time goes: the server's CPU per request, one candidate at a time
(no queue), mglearn beside the bare page (issue 32).

    python benchmarks/examday_steps.py                       # 15 candidates, both apps
    python benchmarks/examday_steps.py --root /tmp/old-tree  # another tree's server
    python benchmarks/examday_steps.py --apps mglearn --profile /tmp/prof   # py-spy, starts only

benchmarks/examday.py measures a start under a synchronized release, where most of the time is
the queue; this one measures what a start costs: each candidate (after a warm-up one) gets a
learner code, opens the exam page (*open*), presses Start (*start*: the page shows question 1)
and answers three questions (*answer*). Each step is the growth of the server's CPU time from
before its request to a moment after its answer, less the idle server's own use (measured
first), as in benchmarks/steps.py. ``--profile DIR`` records the server with py-spy during the
open and start steps only (DIR/<app>.txt, py-spy's raw format: one stack and its count a line).
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import load  # noqa: E402
from benchmarks.examday import EXAM_KEY, Candidate, sign_up, widgets  # noqa: E402

STEPS = ("open", "start", "answer")
SETTLE = 0.12  # seconds after an answer in which the server finishes what the request began


def measure(app: str, candidates: int, root: Path, profile: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="mglearn-examsteps-") as tmp:
        env = {
            "MGLEARN_DATABASE_URL": f"sqlite:///{Path(tmp) / 'steps.sqlite3'}",
            "PYTHONPATH": str(root),
            "MGLEARN_PUBLIC_URL": "https://exam.example.org",
        }
        script = root / ("app.py" if app == "mglearn" else "benchmarks/bare_app.py")
        with load.server(script, env, "classroom", True, Path(tmp) / "server.log") as srv:
            pid = srv.proc.pid
            rng = random.Random(1)
            spent: dict[str, float] = defaultdict(float)
            count: dict[str, int] = defaultdict(int)
            idle_rate = 0.0
            spy: subprocess.Popen[bytes] | None = None

            def step(c: Candidate, name: str, **body: Any) -> dict[str, Any]:
                assert c.client is not None
                if spy is not None and name in ("open", "start"):
                    spy.send_signal(signal.SIGCONT)
                before, start = load.cpu_seconds(pid), time.perf_counter()
                doc = c.client.call(**body)
                time.sleep(SETTLE)
                used = load.cpu_seconds(pid) - before - idle_rate * (time.perf_counter() - start)
                if spy is not None:
                    spy.send_signal(signal.SIGSTOP)
                spent[name] += max(0.0, used)
                count[name] += 1
                return doc

            for index in range(candidates + 1):
                if index == 1:  # the warm-up candidate (first imports, caches) is not counted
                    spent.clear()
                    count.clear()
                    time.sleep(1)
                    before, start = load.cpu_seconds(pid), time.perf_counter()
                    time.sleep(3)
                    idle_rate = (load.cpu_seconds(pid) - before) / (time.perf_counter() - start)
                    if profile is not None:
                        profile.mkdir(parents=True, exist_ok=True)
                        spy_bin = str(Path(sys.executable).with_name("py-spy"))
                        cmd = [spy_bin, "record", "--pid", str(pid), "--rate", "500", "--format", "raw"]
                        cmd += ["--threads", "--nonblocking", "-o", str(profile / f"{app}.txt")]
                        spy = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                        time.sleep(1)
                        spy.send_signal(signal.SIGSTOP)
                c = Candidate(index)
                sign_up(srv.port, c)
                try:
                    if app == "mglearn":
                        query = {"learner": [c.code], "lang": ["nl"]}
                        doc = step(c, "open", page="exam", query_params=query)
                        doc = step(c, "start", trigger={"key": "exam_start"})
                        for _ in range(3):
                            state, _ = load.choose(rng, widgets(doc, EXAM_KEY)[0][1])
                            doc = step(c, "answer", widget_state=state)
                            doc = c.client.call(trigger={"key": "exam_next"})  # type: ignore[union-attr]
                    else:
                        doc = step(c, "open")
                        doc = step(c, "start", trigger={"key": load.action(doc, label="Start de toets")})
                        for _, nodes in load.questions_in(doc)[:3]:
                            state, _ = load.choose(rng, nodes)
                            doc = step(c, "answer", widget_state=state)
                finally:
                    c.client.close()  # type: ignore[union-attr]
            if spy is not None:
                spy.send_signal(signal.SIGCONT)
                spy.send_signal(signal.SIGINT)
                spy.wait(60)
    row: dict[str, Any] = {"app": app, "candidates": candidates, "root": str(root)}
    row["steps_ms"] = {name: round(1000 * spent[name] / max(1, count[name]), 1) for name in STEPS}
    row["start_ms"] = round(row["steps_ms"]["open"] + row["steps_ms"]["start"], 1)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--candidates", type=int, default=15)
    parser.add_argument("--apps", default="mglearn,bare")
    parser.add_argument("--root", default=str(load.ROOT), help="the checkout whose app.py the server runs")
    parser.add_argument("--profile", default=None, help="py-spy the open and start steps into this dir")
    parser.add_argument("--jsonl", default=None, help="append each result row to this file")
    args = parser.parse_args(argv)
    for app in args.apps.split(","):
        root = Path(args.root).resolve() if app == "mglearn" else load.ROOT
        row = measure(app, args.candidates, root, Path(args.profile) if args.profile else None)
        print(json.dumps(row), flush=True)
        with open(args.jsonl, "a", encoding="utf-8") if args.jsonl else nullcontext() as out:
            if out is not None:
                out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
