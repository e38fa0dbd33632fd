"""benchmarks/load.py's parts that need no server: the big bank, the report, and run.py
keeping the load section (behaviour only: no timing is asserted here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from mglearn.content import PROJECT_ROOT
from mglearn.content.check import check_root


def module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", PROJECT_ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded  # (its dataclasses look their module up there)
    spec.loader.exec_module(loaded)
    return loaded


def test_the_big_bank_is_ten_times_larger_and_valid(tmp_path: Path) -> None:
    load = module("load")
    load.big_bank(tmp_path / "content")
    big, problems = check_root(tmp_path / "content")
    small, _ = check_root(PROJECT_ROOT)
    assert problems == []
    assert sum(len(q.questions) for q in big.quizzes) == 10 * sum(len(q.questions) for q in small.quizzes)


def row(app: str, p50: float, per_s: float) -> dict[str, object]:
    return {
        "app": app,
        "learners": 10,
        "backend": "sqlite",
        "mode": "stress",
        "variant": "default",
        "waves": 1,
        "p50_ms": p50,
        "p75_ms": p50,
        "p95_ms": p50,
        "max_ms": p50,
        "answers_per_s": per_s,
        "errors": 0,
        "rss_before_mb": 100.0,
        "rss_peak_mb": 110.0,
        "rss_after_mb": 105.0,
        "per_session_mb": 1.0,
        "db": {"answers_sent": 100, "answers_stored": 100, "lost": 0, "duplicated": 0, "wrong_score": 0},
    }


def test_the_report_has_ratios_and_survives_run_py(tmp_path: Path) -> None:
    load, run = module("load"), module("run")
    out = tmp_path / "B.md"
    load.write_report([row("mglearn", 200, 10), row("bare", 100, 20)], out, "## Load")
    text = out.read_text(encoding="utf-8")
    assert "| sqlite | stress | default | 10 | 200 / 200 / 200 / 200 | 100 / 100 | 2.00× |" in text
    assert "0.50×" in text  # throughput ratio
    assert run.main(["--quick", "--output", str(out)]) == 0
    again = out.read_text(encoding="utf-8")
    assert again.startswith("# Benchmarks")
    assert "| sqlite | stress | default | 10 | 200 / 200 / 200 / 200 |" in again
    load.write_report([row("mglearn", 300, 10), row("bare", 100, 20)], out, "## Load")
    assert (
        again.count("<!-- load:begin -->")
        == out.read_text(encoding="utf-8").count("<!-- load:begin -->")
        == 1
    )


def test_the_steps_table_has_each_step_and_the_ratio() -> None:
    steps = module("steps")
    times = dict(zip(steps.STEPS, (20.0, 10.0, 10.0, 40.0, 20.0, 30.0), strict=True))
    mine = {"app": "mglearn", "steps_ms": times, "learner_ms": 310.0}
    bare = {"app": "bare", "steps_ms": {name: 10.0 for name in steps.STEPS}, "learner_ms": 155.0}
    table = steps.render([mine, bare])
    assert "| start | 40.0 | 10.0 | 4.00× |" in table
    assert "| **one learner (ten answers)** | **310** | **155** | **2.00×** |" in table
    assert len(table.splitlines()) == 2 + len(steps.STEPS) + 1


def test_the_benchmark_path_stores_each_learners_work_once(tmp_path: Path) -> None:
    """Two learners walk the benchmark's path through the agent API of a real server. The
    agent API sends every widget's state with a page change, as a browser does, and the
    "begin" click once came along: each learner made a second learner, who got the quiz."""
    import sqlalchemy as sa

    load = module("load")
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    with load.server(
        PROJECT_ROOT / "app.py", {"MGLEARN_DATABASE_URL": url}, "stress", True, tmp_path / "log"
    ):
        pass  # (started once to migrate; the run below is on a fresh server)
    with load.server(
        PROJECT_ROOT / "app.py", {"MGLEARN_DATABASE_URL": url}, "stress", True, tmp_path / "log"
    ) as srv:
        learners, _ = load.drive(srv.port, "mglearn", "stress", 2, seed=1)
    assert [lr.errors for lr in learners] == [[], []]
    checked = load.check_database(url, learners)
    assert checked == {
        "answers_sent": 20,
        "answers_stored": 20,
        "lost": 0,
        "duplicated": 0,
        "wrong_score": 0,
        "not_submitted": 0,
    }
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from learners").scalar_one() == 2
        assert conn.exec_driver_sql("select count(*) from attempts").scalar_one() == 2
    engine.dispose()


def test_with_several_rounds_the_report_shows_the_median_round_and_each_ratio(tmp_path: Path) -> None:
    load = module("load")
    rows = []
    for number, (mine, bare) in enumerate([(10, 20), (18, 20), (14, 20)]):
        for r in (row("mglearn", 100 + number, mine), row("bare", 100, bare)):
            r["round"] = number
            rows.append(r)
    table = load.render(rows)
    assert "| sqlite | stress | default, median of 3 rounds | 10 | 102 / 102 / 102 / 102 |" in table
    assert "| 0.70× (0.50, 0.90, 0.70) |" in table  # the median round, then each in run order
    assert len([line for line in table.splitlines() if line.startswith("| sqlite")]) == 1
