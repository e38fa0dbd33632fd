"""Item-writing warnings (answer cues): each rule fires on a small bank and stays quiet on a clean one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mglearn.__main__ import main
from mglearn.content.check import check_root
from mglearn.content.itemrules import ItemReport, check_items
from tests.test_check import LESSON

ARTICLE = (
    "Magnesium is een mineraal dat betrokken is bij honderden processen in het lichaam. "
    "De meeste volwassenen hebben genoeg aan een gewone portie per dag.\n"
)
COPIED = "betrokken is bij honderden processen in het lichaam"  # 8 words of the article
ABOUT_AS_LONG = (
    "een ander antwoord dat ongeveer net zo lang is",
    "nog een antwoord met ongeveer dezelfde lengte",
)


def tx(nl: str, en: str | None = None) -> dict[str, str]:
    return {"nl": nl, "en": en if en is not None else nl}


def opt(text: str, correct: bool = False) -> dict[str, Any]:
    option: dict[str, Any] = {"text": tx(text)}
    if correct:
        option["correct"] = True
    option["feedback"] = tx("Toelichting")
    return option


def question(qid: str, kind: str, options: list[dict[str, Any]], prompt: str = "Vraag?", **extra: Any) -> Any:
    return {
        "id": qid,
        "type": kind,
        "section": "s1",
        "difficulty": "easy",
        "prompt": tx(prompt),
        "options": options,
        "explanation": tx(extra.get("explanation", "Uitleg")),
    }


def single(
    qid: str, key: str = "kort", distractors: tuple[str, ...] = ("langer", "ook lang"), **kw: Any
) -> Any:
    return question(qid, "single", [opt(key, True), *(opt(d) for d in distractors)], **kw)


def multiple(qid: str, correct: int, wrong: int = 2, prompt: str = "Welke kloppen?") -> Any:
    options = [opt(f"juist {i}", True) for i in range(correct)] + [opt(f"fout {i}") for i in range(wrong)]
    return question(qid, "multiple", options, prompt=prompt)


def true_false(qid: str, true: bool, statement: str = "Stelling") -> Any:
    options = [opt("Waar", true), opt("Niet waar", not true)]
    options[0]["text"] = tx("Waar", "True")
    options[1]["text"] = tx("Niet waar", "False")
    return question(qid, "true_false", options, prompt=f"{statement} {qid}")


def rotated(question: Any, by: int) -> Any:
    """The question with its options moved ``by`` places: the key is not always authored first."""
    options = question["options"]
    question["options"] = options[-by:] + options[:-by] if by % len(options) else options
    return question


def clean_bank() -> list[Any]:
    """Four of each type; no cue: keys not longest, counts spread, half true, no absolute words,
    keys in every authored place."""
    return [
        single("s-1"),
        rotated(single("s-2"), 1),
        rotated(single("s-3"), 2),
        rotated(single("s-4", key="even lang", distractors=("lang genoeg", "korter")), 3),
        rotated(multiple("m-1", 1), 2),
        rotated(multiple("m-2", 2), 1),
        multiple("m-3", 2),
        rotated(multiple("m-4", 3), 3),
        true_false("t-1", True),
        true_false("t-2", True),
        true_false("t-3", False),
        true_false("t-4", False),
    ]


def make_bank(tmp_path: Path, questions: list[Any], article: bool = True) -> Path:
    quiz = {"id": "les", "lesson": "les", "title": tx("Toets"), "questions": questions}
    (tmp_path / "lessons").mkdir(exist_ok=True)
    (tmp_path / "quizzes").mkdir(exist_ok=True)
    (tmp_path / "lessons" / "01-les.yaml").write_text(LESSON, encoding="utf-8")
    text = yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True)
    (tmp_path / "quizzes" / "01-les.yaml").write_text(text, encoding="utf-8")
    if article:
        (tmp_path / "source").mkdir(exist_ok=True)
        (tmp_path / "source" / "artikel.nl.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def report_of(root: Path) -> ItemReport:
    content, problems = check_root(root)
    assert [str(p) for p in problems] == []  # the banks here are valid: only warnings
    return check_items(content, root)


def warnings_of(root: Path) -> list[str]:
    return [str(w) for w in report_of(root).warnings]


def replace(bank: list[Any], *new: Any) -> list[Any]:
    ids = {q["id"] for q in new}
    return [q for q in bank if q["id"] not in ids] + list(new)


def test_clean_bank_has_no_warnings(tmp_path: Path) -> None:
    report = report_of(make_bank(tmp_path, clean_bank()))
    assert report.warnings == []
    assert "article copies 0" in report.summary


def test_key_longest_share_is_a_bank_warning(tmp_path: Path) -> None:
    bank = replace(
        clean_bank(),
        single("s-1", key="langer", distractors=("kort", "korter")),
        single("s-2", key="langer", distractors=("kort", "korte")),
    )
    warnings = warnings_of(make_bank(tmp_path, bank))
    assert any(
        "quizzes:1: bank: the key is the longest option in 2/4 (50%) of the single-choice questions (nl)" in w
        for w in warnings
    ), warnings
    assert any("(en); at most 30%" in w for w in warnings), warnings


def test_long_key_is_a_question_warning_with_its_line_and_language(tmp_path: Path) -> None:
    long_key = single("s-2", key="een heel lang en zorgvuldig antwoord", distractors=("kort", "ook kort"))
    long_key["options"][0]["text"]["en"] = "short"
    root = make_bank(tmp_path, replace(clean_bank(), long_key))
    warnings = warnings_of(root)
    text = (root / "quizzes" / "01-les.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(text, 1) if "een heel lang" in row) - 1  # its "text:" line
    assert text[line - 1].strip() == "- text:"
    assert any(
        w.endswith(
            f"01-les.yaml:{line}: s-2: the key is 6.0× as long as the other options "
            "(a length cue; nl); keep it within 1.3× their mean length"
        )
        for w in warnings
    ), warnings


def test_multiple_with_five_correct(tmp_path: Path) -> None:
    warnings = warnings_of(make_bank(tmp_path, replace(clean_bank(), multiple("m-4", 5))))
    assert any("m-4: 5 correct options; keep it between 1 and 4" in w for w in warnings), warnings


def test_one_count_of_correct_options_dominates(tmp_path: Path) -> None:
    bank = replace(clean_bank(), multiple("m-1", 2), multiple("m-4", 2))
    warnings = warnings_of(make_bank(tmp_path, bank))
    assert any(
        "bank: 4/4 (100%) of the multiple-response questions have 2 correct options" in w for w in warnings
    ), warnings


def test_number_word_in_the_stem(tmp_path: Path) -> None:
    bank = replace(clean_bank(), multiple("m-2", 2, prompt="Welke twee kloppen?"))
    warnings = warnings_of(make_bank(tmp_path, bank))
    assert any("m-2: the prompt says 'twee' (nl)" in w for w in warnings), warnings
    assert not any("m-2" in w and "'two'" in w for w in warnings)  # en says "Welke twee" too: nl only


def test_true_false_balance(tmp_path: Path) -> None:
    bank = replace(clean_bank(), true_false("t-3", True), true_false("t-4", True))
    warnings = warnings_of(make_bank(tmp_path, bank))
    assert any("bank: 4 of 4 true/false statements are true; keep it within 1 of half" in w for w in warnings)
    bank = replace(clean_bank(), true_false("t-3", True))  # 3 of 4: within one of half
    assert warnings_of(make_bank(tmp_path, bank)) == []


def test_absolute_words_only_in_wrong_answers(tmp_path: Path) -> None:
    bank = replace(
        clean_bank(),
        single("s-1", distractors=("dat is altijd zo", "ook lang")),
        single("s-2", distractors=("langer", "Geen  enkele")),
        true_false("t-3", False, statement="Niemand heeft het nodig:"),
    )
    warnings = warnings_of(make_bank(tmp_path, bank))
    assert any("bank: absolute words (nl) are in 3/" in w and "mark wrong answers" in w for w in warnings)
    for qid, word in (("s-1", "altijd"), ("s-2", "Geen  enkele"), ("t-3", "Niemand")):
        assert any(f"{qid}: absolute word '{word}' (nl) in a wrong answer" in w for w in warnings), warnings


def test_absolute_words_on_both_sides_are_fine(tmp_path: Path) -> None:
    bank = replace(
        clean_bank(),
        single("s-1", distractors=("dat is altijd zo", "ook lang")),
        single("s-2", key="nooit", distractors=("langer", "ook lang")),
        single("s-3", distractors=("alleen dit", "ook lang")),
    )
    assert warnings_of(make_bank(tmp_path, bank)) == []


def test_key_copied_from_the_article(tmp_path: Path) -> None:
    copy = single("s-1", key=f"het is {COPIED}", distractors=ABOUT_AS_LONG)
    root = make_bank(tmp_path, replace(clean_bank(), copy))
    report = report_of(root)
    assert any(
        "s-1: the key copies 7+ words of the article ('betrokken is bij honderden processen in het')"
        in str(w)
        for w in report.warnings
    ), report.warnings
    assert "article copies 1" in report.summary
    # a distractor that copies too takes the cue away
    copy = single("s-1", key=f"het is {COPIED}", distractors=(f"niet {COPIED}", ABOUT_AS_LONG[0]))
    assert warnings_of(make_bank(tmp_path, replace(clean_bank(), copy))) == []


def test_no_article_skips_the_copy_rule(tmp_path: Path) -> None:
    copy = single("s-1", key=f"het is {COPIED}", distractors=ABOUT_AS_LONG)
    report = report_of(make_bank(tmp_path, replace(clean_bank(), copy), article=False))
    assert report.warnings == []
    assert "article copies n/a" in report.summary


@pytest.mark.parametrize("figure", ["300-400 mg", "300–400 mg", "500 — 600 mg", "500−600"])
def test_dose_figure_needs_the_upper_limits(tmp_path: Path, figure: str) -> None:
    dose = single("s-1", key=figure, distractors=(f"{figure} per uur", "ook lang"))
    warnings = warnings_of(make_bank(tmp_path, replace(clean_bank(), dose)))
    expected = "s-1: dose figure without the upper limits (EFSA/SCF 250 mg, NIH 350 mg) in the explanation"
    assert any(expected in w for w in warnings), warnings
    limits = "Supplementen: niet boven 250 mg (EFSA/SCF) of 350 mg (NIH)."
    dose = single("s-1", key=figure, distractors=(f"{figure} per uur", "ook lang"), explanation=limits)
    assert warnings_of(make_bank(tmp_path, replace(clean_bank(), dose))) == []


def test_dose_rule_names_the_language_that_misses_them(tmp_path: Path) -> None:
    dose = single("s-1", key="300–400 mg", distractors=("30–40 mg per dag", "ook lang"))
    dose["explanation"] = tx("Niet boven 250 mg of 350 mg.", "See the article.")
    warnings = warnings_of(make_bank(tmp_path, replace(clean_bank(), dose)))
    assert any(w.endswith("in the explanation (en)") for w in warnings), warnings


def test_small_banks_skip_the_share_rules(tmp_path: Path) -> None:
    bank = [single("s-1", key="langer", distractors=("kort", "korter")), multiple("m-1", 2)]
    assert warnings_of(make_bank(tmp_path, bank)) == []


def test_cli_warnings_exit_0_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_bank(tmp_path, replace(clean_bank(), multiple("m-4", 5)))
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any("m-4: 5 correct options" in line for line in out), out
    summary = [line for line in out if line.startswith("Bank: ")]
    assert len(summary) == 1
    assert "multiple-response 1× 1 correct, 2× 2 correct, 1× 5 correct (of 4)" in summary[0]
    assert "true/false 2 true of 4" in summary[0]
    assert out[-1].startswith("OK: 1 lessons, 1 quizzes, 12 questions, 1 warning(s)")
    assert main(["check", "--strict", str(root)]) == 1
    assert "--strict" in capsys.readouterr().err


def test_cli_clean_bank_passes_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_bank(tmp_path, clean_bank())
    assert main(["check", "--strict", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Bank: key longest in single nl 0/4 (0%), en 0/4 (0%);" in out
    assert "absolute words nl keyed 0/" in out and "0 warning(s)." in out


def test_cli_errors_still_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = clean_bank()
    bank[0]["options"][1]["correct"] = True  # two keys in a single-choice question: an error
    root = make_bank(tmp_path, bank)
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "s-1: exactly one option must be correct (found 2)" in out
    assert "Bank: " in out
