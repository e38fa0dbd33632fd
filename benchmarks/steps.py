"""Where one learner's server time goes: the server's CPU per step, mglearn beside the bare page.

    python benchmarks/steps.py                   # 15 learners one after another, both apps
    python benchmarks/steps.py --learners 30 --jsonl steps.jsonl

The load benchmark (benchmarks/load.py) says how much a whole run costs; this one says which
click costs it. One learner at a time walks the load benchmark's path through the agent API
(open the app, enter a name, open quiz 1, start it, ten answers, submit), and every step is
measured as the growth of the server process's CPU time (user + system, /proc) from just before
the request to a moment after its answer, minus what the idle server uses in as long (its
background tasks, measured first). A warm-up learner is left out. Nothing is measured under
load here, so the figures are steadier than throughput on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402  (benchmarks/load.py: the server, the client, the path)

STEPS = ("open", "name", "quiz page", "start", "answer", "submit")
SETTLE = 0.12  # seconds after an answer in which the server finishes what the request began


def walk_learner(client: load.Client, app: str, index: int, rng: random.Random, step: Any) -> None:
    doc = step("open")
    doc = step(
        "name",
        widget_state={"start_name": f"Leerling {index}"},
        trigger={"key": load.action(doc, prefix="FormSubmitter:new_learner")},
    )
    if app == "mglearn":
        code = doc["query_params"].get("learner", [""])[0]
        query = {"quiz": [load.QUIZ], "learner": [code], "lang": ["nl"]}
        doc = step("quiz page", page="quiz", query_params=query)
    else:
        doc = step("quiz page", query_params={"quiz": [load.QUIZ]})
    doc = step("start", trigger={"key": load.action(doc, label="Start de toets")})
    questions = load.questions_in(doc)
    if len(questions) != 10:
        raise load.AgentError(f"{len(questions)} questions on the quiz page, not 10")
    for _, nodes in questions:
        widgets, _ = load.choose(rng, nodes)
        doc = step("answer", widget_state=widgets)
    step("submit", trigger={"key": load.action(doc, prefix="submit_")})


def measure(app: str, learners: int, seed: int) -> dict[str, Any]:
    """CPU ms per step (mean over the learners) and per learner."""
    with tempfile.TemporaryDirectory(prefix="mglearn-steps-") as tmp:
        env = {"MGLEARN_DATABASE_URL": f"sqlite:///{Path(tmp) / 'steps.sqlite3'}"}
        script = load.ROOT / ("app.py" if app == "mglearn" else "benchmarks/bare_app.py")
        with load.server(script, env, "stress", True, Path(tmp) / "server.log") as srv:
            pid = srv.proc.pid
            rng = random.Random(seed)
            spent: dict[str, float] = defaultdict(float)
            count: dict[str, int] = defaultdict(int)
            idle_rate = 0.0

            def step(name: str, **body: Any) -> dict[str, Any]:
                before = load.cpu_seconds(pid)
                start = time.perf_counter()
                doc = client.call(**body)
                time.sleep(SETTLE)
                used = load.cpu_seconds(pid) - before - idle_rate * (time.perf_counter() - start)
                spent[name] += max(0.0, used)
                count[name] += 1
                return doc

            for index in range(learners + 1):
                if index == 1:  # the warm-up learner (first imports, caches) is not counted
                    spent.clear()
                    count.clear()
                    time.sleep(1)
                    before, start = load.cpu_seconds(pid), time.perf_counter()
                    time.sleep(3)
                    idle_rate = (load.cpu_seconds(pid) - before) / (time.perf_counter() - start)
                client = load.Client(srv.port)
                try:
                    walk_learner(client, app, index, rng, step)
                finally:
                    client.close()
    row: dict[str, Any] = {"app": app, "learners": learners, "idle_cpu_pct": 100 * idle_rate}
    row["steps_ms"] = {name: 1000 * spent[name] / count[name] for name in STEPS}
    row["learner_ms"] = 1000 * sum(spent.values()) / learners
    row["per_answer_ms"] = row["learner_ms"] / 10
    return row


def render(rows: list[dict[str, Any]]) -> str:
    """A Markdown table: each step's CPU ms for mglearn and the bare page, and the ratio."""
    by_app = {r["app"]: r for r in rows}
    m, b = by_app["mglearn"], by_app.get("bare")
    lines = ["| step | mglearn (ms) | bare page (ms) | ratio |", "| --- | ---: | ---: | ---: |"]
    for name in STEPS:
        mine = m["steps_ms"][name]
        bare = b["steps_ms"][name] if b else None
        ratio = f"{mine / bare:.2f}×" if bare else "—"
        lines.append(
            f"| {name} | {mine:.1f} | {bare:.1f} | {ratio} |" if bare else f"| {name} | {mine:.1f} | — | — |"
        )
    total = f"{m['learner_ms'] / b['learner_ms']:.2f}×" if b else "—"
    bare_total = f"{b['learner_ms']:.0f}" if b else "—"
    lines.append(
        f"| **one learner (ten answers)** | **{m['learner_ms']:.0f}** | **{bare_total}** | **{total}** |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=15)
    parser.add_argument("--apps", default="mglearn,bare")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jsonl", default=None, help="append each result row to this file")
    args = parser.parse_args(argv)
    rows = []
    for app in args.apps.split(","):
        row = measure(app, args.learners, args.seed)
        print(json.dumps(row), flush=True)
        rows.append(row)
        if args.jsonl:
            with open(args.jsonl, "a", encoding="utf-8") as out:
                out.write(json.dumps(row) + "\n")
    print(render(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
