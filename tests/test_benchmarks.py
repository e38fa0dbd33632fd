"""The benchmark script keeps working (behaviour only: no timing is asserted here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mglearn.content import PROJECT_ROOT


def test_benchmark_script_writes_a_table(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", PROJECT_ROOT / "benchmarks" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "B.md"
    assert module.main(["--quick", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| item + test statistics, 500 attempts x 20 items |" in text
    assert text.count("x |") >= 3


def test_rewriting_the_table_keeps_every_other_section(tmp_path: Path) -> None:
    """`benchmarks/run.py` (the README's command) kept only the load section: the exam-day
    figures between its table and that section were deleted."""
    spec = importlib.util.spec_from_file_location("bench_run", PROJECT_ROOT / "benchmarks" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "B.md"
    out.write_text(
        "# Benchmarks\n\nold table\n\n## Exam day\n\nexam figures\n\n"
        "<!-- load:begin -->\n## Load\n\nload figures\n",
        encoding="utf-8",
    )
    assert module.main(["--quick", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "old table" not in text and "| item + test statistics" in text
    assert "## Exam day\n\nexam figures" in text and "<!-- load:begin -->\n## Load\n\nload figures" in text
    out.write_text(
        "# Benchmarks\n\nold table\n\n<!-- load:begin -->\n## Load\n\nload figures\n", encoding="utf-8"
    )
    assert module.main(["--quick", "--output", str(out)]) == 0
    assert "<!-- load:begin -->\n## Load\n\nload figures" in out.read_text(encoding="utf-8")


def test_the_lti_benchmark_writes_its_section(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_lti", PROJECT_ROOT / "benchmarks" / "lti.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "B.md"
    out.write_text("# Benchmarks\n", encoding="utf-8")
    assert module.main(["--launches", "2", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| submit -> score in the gradebook |" in text and text.count("<!-- lti:") == 2
    assert module.main(["--launches", "2", "--output", str(out)]) == 0  # replaced, not added
    assert out.read_text(encoding="utf-8").count("<!-- lti:begin -->") == 1
