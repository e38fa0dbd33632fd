"""A content root with "check yourself" items (issue 30) for tests: a copy of the real lessons and
quizzes with a few items of every type added to the first lesson's sections (ids ``zz-...``, so
they never collide with the items authors write into lessons/*.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from mglearn.content import PROJECT_ROOT


def tx(nl: str, en: str | None = None) -> dict[str, str]:
    return {"nl": nl, "en": en if en is not None else nl}


def option(text: str, correct: bool = False, en: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"text": tx(text, en), "feedback": tx(f"Over {text}.", f"About {en or text}.")}
    if correct:
        found["correct"] = True
    return found


def item(qid: str, kind: str, prompt: str, options: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "type": kind,
        "difficulty": "easy",
        "prompt": tx(prompt, f"{prompt} (en)"),
        "options": options,
        "explanation": tx(f"Uitleg bij {qid}.", f"Explanation of {qid}."),
        **extra,
    }


def single(qid: str = "zz-c01") -> dict[str, Any]:
    """A single choice: the right answer is "Honderden" (listed second)."""
    return item(
        qid,
        "single",
        "Aan hoeveel processen doet magnesium mee?",
        [option("Een paar", en="A few"), option("Honderden", True, en="Hundreds"), option("Geen", en="None")],
    )


def true_false(qid: str = "zz-c02", true: bool = True) -> dict[str, Any]:
    return item(
        qid,
        "true_false",
        "Magnesium doet mee aan het maken van energie.",
        [option("Waar", true, en="True"), option("Niet waar", not true, en="False")],
    )


def multiple(qid: str = "zz-c03") -> dict[str, Any]:
    return item(
        qid,
        "multiple",
        "Welke kenmerken van het moderne leven noemt het artikel?",
        [
            option("Stress", True, en="Stress"),
            option("Slaap onder druk", True, en="Sleep under pressure"),
            option("Te veel zon", en="Too much sun"),
        ],
    )


def matching(qid: str = "zz-c04") -> dict[str, Any]:
    found = item(qid, "matching", "Koppel elk woord aan zijn betekenis", [])
    found.pop("options")
    found["pairs"] = [
        {"left": tx("stil", "quiet"), "right": tx("je hoort er weinig over", "you hear little about it")},
        {"left": tx("kracht", "force"), "right": tx("veel steunt erop", "much relies on it")},
        {
            "left": tx("fundament", "foundation"),
            "right": tx("een basis, geen extraatje", "a base, not an extra"),
        },
    ]
    return found


def gapselect(qid: str = "zz-c05") -> dict[str, Any]:
    """Two gaps: "stress" in the first, "slaap" in the second."""
    return item(
        qid,
        "gapselect",
        "Het artikel noemt [[1]] en [[2]] onder druk.",
        [
            option("stress", True, en="stress"),
            option("slaap", True, en="sleep"),
            option("zon", en="sun"),
            option("regen", en="rain"),
        ],
    )


def root_with_checks(
    tmp_path: Path, per_section: list[list[dict[str, Any]]] | None = None, *, only: bool = False
) -> Path:
    """A copy of the project's content; the first lesson's sections get these check items (by
    default: single and true/false in the first section, multiple, matching and gapselect in the
    second).
    ``only``: the check items the project's lessons hold are left out first."""
    root = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "lessons", root / "lessons")
    shutil.copytree(PROJECT_ROOT / "quizzes", root / "quizzes")
    if (PROJECT_ROOT / "source").is_dir():
        shutil.copytree(PROJECT_ROOT / "source", root / "source")
    if per_section is None:
        per_section = [[single(), true_false()], [multiple(), matching(), gapselect()]]
    if only:
        for other in (root / "lessons").glob("*.yaml"):
            data = yaml.safe_load(other.read_text(encoding="utf-8"))
            for section in data["sections"]:
                section.pop("check", None)
            other.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    path = sorted((root / "lessons").glob("01-*.yaml"))[0]
    lesson = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section, items in zip(lesson["sections"], per_section, strict=False):
        section["check"] = [*section.get("check", []), *items]
    path.write_text(yaml.safe_dump(lesson, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root
