"""`mglearn check` covers the "check yourself" items (issue 30) as it covers quiz items: the
type's own checks, one id per item across quizzes and check items, a section of its own
lesson, no empty text, the item-writing rules, and the test-wise candidate (apart)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mglearn.__main__ import main
from mglearn.content import testwise
from mglearn.content.check import check_root
from mglearn.content.itemrules import check_items
from mglearn.questions.registry import kind

from .check_yourself import multiple, root_with_checks, single, true_false


def lesson_lines(root: Path) -> list[str]:
    return sorted((root / "lessons").glob("01-*.yaml"))[0].read_text(encoding="utf-8").splitlines()


def line_of(lines: list[str], text: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_clean_check_items_pass_and_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = root_with_checks(tmp_path)
    content, problems = check_root(root)
    assert problems == []
    assert [q.id for _, q in content.check_items() if q.id.startswith("zz-")] == [
        "zz-c01",
        "zz-c02",
        "zz-c03",
        "zz-c04",
        "zz-c05",
    ]
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    n_checks = sum(1 for _ in content.check_items())
    assert f", {n_checks} check items" in out.splitlines()[-1]
    assert any(line.startswith("Check items: ") for line in out.splitlines())
    assert "Test-wise candidate (check items): " in out


def test_every_mistake_in_a_check_item_is_reported_with_its_line(tmp_path: Path) -> None:
    two_keys = single("zz-two-keys")
    two_keys["options"][0]["correct"] = True  # two right answers in a single choice
    elsewhere = {**true_false("zz-elders"), "section": "bestaat-niet"}
    same_id = true_false("functies-01")  # a quiz item's id
    empty = multiple("zz-leeg")
    empty["prompt"]["en"] = "  "
    root = root_with_checks(tmp_path, [[two_keys, elsewhere], [same_id, empty]])
    _, problems = check_root(root)
    lines = lesson_lines(root)
    found = {(p.id, p.line): p.message for p in problems}
    path = {p.path for p in problems}
    assert len(path) == 1 and next(iter(path)).endswith("lessons/01-functies.yaml")
    assert any(
        pid == "zz-two-keys" and "correct" in msg and line > line_of(lines, "id: zz-two-keys") - 1
        for (pid, line), msg in found.items()
    ), found
    assert found[("zz-elders", line_of(lines, "section: bestaat-niet"))].startswith(
        "section 'bestaat-niet' is not in lesson 'functies'"
    )
    duplicate = [m for (pid, _), m in found.items() if pid == "functies-01"]
    assert len(duplicate) == 1 and duplicate[0].startswith("duplicate question id (also in ")
    assert duplicate[0].endswith(
        "quizzes/01-functies.yaml); ids must be unique across quizzes and check items"
    )
    assert any(
        pid == "zz-leeg" and m == "prompt: the English text is empty; fill it in"
        for (pid, _), m in found.items()
    )
    assert len(problems) == 4, problems


def test_the_same_id_twice_among_check_items_is_a_problem(tmp_path: Path) -> None:
    root = root_with_checks(tmp_path, [[single("zz-x")], [true_false("zz-x")]])
    _, problems = check_root(root)
    assert [(p.id, "duplicate question id" in p.message) for p in problems] == [("zz-x", True)]


def test_item_writing_rules_warn_about_a_check_item(tmp_path: Path) -> None:
    counted = multiple("zz-twee")
    counted["prompt"] = {"nl": "Welke twee kenmerken noemt het artikel?", "en": "Which two features?"}
    dose = true_false("zz-dosis")
    dose["prompt"] = {
        "nl": "Het artikel noemt 300-400 mg per dag.",
        "en": "The article says 300-400 mg a day.",
    }
    root = root_with_checks(tmp_path, [[counted, dose]])
    content, problems = check_root(root)
    assert problems == []
    report = check_items(content, root)
    mine = [w for w in report.warnings if w.id.startswith("zz-")]
    lines = lesson_lines(root)
    assert sorted(w.id for w in mine) == ["zz-dosis", "zz-twee"]
    assert all(w.path.endswith("lessons/01-functies.yaml") for w in mine)
    twee = next(w for w in mine if w.id == "zz-twee")
    assert "'twee' (nl)" in twee.message and "'two' (en)" in twee.message
    assert lines[twee.line - 1].strip() == "prompt:"  # the prompt's own line (nl: follows)
    assert twee.line == line_of(lines, "Welke twee kenmerken") - 1
    assert "upper limits" in next(w for w in mine if w.id == "zz-dosis").message
    assert report.summary.splitlines()[1].startswith("Check items: ")


def test_the_bank_level_rules_count_check_items_apart(tmp_path: Path) -> None:
    """Four true statements among the check items: their own balance warning, on lessons/;
    the quiz bank's summary line is what it was without them."""
    root = root_with_checks(tmp_path, [[true_false(f"zz-t{n}", true=True) for n in range(4)]], only=True)
    content, problems = check_root(root)
    assert problems == []
    report = check_items(content, root)
    bank, checks = report.summary.splitlines()
    project = Path(__file__).resolve().parent.parent
    plain, _ = check_root(project)
    alone = check_items(plain, project).summary.splitlines()[0]
    assert bank.split("; ")[:-1] == alone.split("; ")[:-1]  # the bank's figures, untouched
    assert "true/false 4 true of 4" in checks
    balance = [w for w in report.warnings if w.id == "check-items"]
    assert [w.message for w in balance] == ["4 of 4 true/false statements are true; keep it within 1 of half"]
    assert balance[0].path.endswith("lessons")


def test_the_test_wise_candidate_plays_check_items_apart(tmp_path: Path) -> None:
    root = root_with_checks(tmp_path)
    content, _ = check_root(root)
    plain, _ = check_root(Path(__file__).resolve().parent.parent)
    assert testwise.play(content) == testwise.play(plain)  # the bank's figures, untouched
    checks = {(r.lang, r.strategy): r.decisions for r in testwise.play_checks(content)}
    n_choice = sum(1 for _, q in content.check_items() if "choice" in kind(q.type).TESTWISE)
    assert checks[("nl", "position: first as authored")] == n_choice
    assert checks[("en", "matching: the right side sharing most words")] >= 2
