"""Select missing words (gapselect), the fifth question type: its module and a registry line.
Tested on a small content root of its own (the bank's own items: tests/test_gapselect_bank.py)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import yaml

from mglearn.attempts import correct_response, grade, is_answered, valid_response
from mglearn.content import PROJECT_ROOT, Content, Question, testwise
from mglearn.content.check import check_root
from mglearn.content.itemrules import check_items
from mglearn.exports import response_text
from mglearn.gift import gift
from mglearn.progress import answer_text
from mglearn.questions import gapselect
from mglearn.store import Store
from tests.test_app import UI, app, texts
from tests.test_check import LESSON


def tx(nl: str, en: str | None = None) -> dict[str, str]:
    return {"nl": nl, "en": en if en is not None else nl}


def opt(text: str, correct: bool = False) -> dict[str, Any]:
    return {"text": tx(text), "correct": correct, "feedback": tx("Goed" if correct else "Fout")}


def gap_question(qid: str = "g-1", prompt: str = "Magnesium zit in [[1]] en in [[2]].") -> dict[str, Any]:
    return {
        "id": qid,
        "type": "gapselect",
        "section": "s1",
        "difficulty": "medium",
        "prompt": tx(prompt),
        "options": [opt("noten", True), opt("groente", True), opt("suiker"), opt("zout")],
        "explanation": tx("Uitleg"),
    }


def make_root(tmp_path: Path, *questions: dict[str, Any]) -> Path:
    quiz = {"id": "les", "lesson": "les", "title": tx("Toets"), "questions": list(questions)}
    (tmp_path / "lessons").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "lessons" / "01-les.yaml").write_text(LESSON, encoding="utf-8")
    text = yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True)
    (tmp_path / "quizzes" / "01-les.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def loaded(tmp_path: Path, *questions: dict[str, Any]) -> tuple[Content, list[str]]:
    content, problems = check_root(make_root(tmp_path, *questions))
    return content, [str(p) for p in problems]


def the_question(tmp_path: Path) -> Question:
    content, problems = loaded(tmp_path, gap_question())
    assert problems == []
    return content.quizzes[0].questions[0]


def test_grading_one_entry_per_gap(tmp_path: Path) -> None:
    q = the_question(tmp_path)
    assert correct_response(q) == [0, 1]
    assert grade(q, [0, 1]) == 1.0
    assert grade(q, [0, 2]) == 0.5
    assert grade(q, [1, 0]) == 0.0
    assert grade(q, [0, None]) == 0.5
    assert grade(q, []) == 0.0
    assert is_answered(q, [0, 1]) and not is_answered(q, [0, None]) and not is_answered(q, [0])
    assert valid_response(q, [3, None]) and not valid_response(q, [4, 0]) and not valid_response(q, [0])


def test_texts_of_a_response(tmp_path: Path) -> None:
    q = the_question(tmp_path)
    assert response_text(q, [0, 3], "nl") == "[[1]] noten; [[2]] zout"
    assert response_text(q, None, "nl") == "–"
    assert answer_text(q, [None, 1], "en") == "[[2]] groente"


def test_the_checker_wants_one_gap_per_correct_option_and_a_distractor(tmp_path: Path) -> None:
    wrong = gap_question(prompt="Magnesium zit in [[1]].")
    wrong["options"] = [opt("noten", True), opt("groente", True)]
    _, problems = loaded(tmp_path, wrong)
    assert any("gaps [[1]] to [[2]]" in p for p in problems)
    assert any("at least one wrong option" in p for p in problems)


def test_exports_to_gift_and_moodle_xml(tmp_path: Path) -> None:
    content, _ = loaded(tmp_path, gap_question())
    text = gift(content, "nl")
    assert "::g-1::[markdown]Magnesium zit in [[1]] en in [[2]]." in text
    assert "\t=[[1]] -> noten\n\t=[[2]] -> groente\n" in text
    xml = ET.fromstring(gapselect.moodle_xml(content.quizzes[0].questions[0], "en"))  # noqa: S314 (our own)
    assert xml.get("type") == "gapselect"
    assert [(o.findtext("text"), o.findtext("group")) for o in xml.iter("selectoption")] == [
        ("noten", "1"), ("groente", "1"), ("suiker", "1"), ("zout", "1"),
    ]  # fmt: skip


def test_item_rules_and_testwise_cover_it(tmp_path: Path) -> None:
    root = make_root(tmp_path, gap_question("g-1"), gap_question("g-2"))
    content, problems = check_root(root)
    assert problems == []
    report = check_items(content, root)
    assert report.warnings == [] or all(w.id.startswith("g-") for w in report.warnings)
    played = {(r.lang, r.strategy): r.decisions for r in testwise.play(content)}
    assert played[("nl", "length: 1st longest")] == 2  # one decision per item, both languages
    assert played[("en", "position: first as authored")] == 2


def test_a_learner_answers_and_reviews_it_in_the_app(store: Store, tmp_path: Path, monkeypatch: Any) -> None:
    """A quiz of one gapselect question in a copy of the content: a select box per gap, saved,
    graded on submit, reviewed as a table of gaps."""
    root = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "lessons", root / "lessons")
    shutil.copytree(PROJECT_ROOT / "quizzes", root / "quizzes")
    quiz_file = next((root / "quizzes").glob("01-*.yaml"))
    quiz = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    section = quiz["questions"][0]["section"]
    quiz["questions"] = [{**gap_question(), "section": section}]
    quiz.pop("draw", None)
    quiz_file.write_text(yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("MGLEARN_CONTENT_DIR", str(root))
    learner = store.learners.create_learner("Gaby", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz["id"]
    at.run()
    next(b for b in at.button if b.label == "Start de toets").click().run()
    attempt = store.attempts.open_attempt(learner.id, quiz["id"])
    assert attempt is not None
    key = f"a{attempt.id}_g-1"
    at.selectbox(key=f"{key}_0").set_value(0).run().run()
    at.selectbox(key=f"{key}_1").set_value(2).run().run()
    at.run()
    assert store.attempts.answers(attempt.id)["g-1"] == [0, 2]
    at.button(key=f"submit_{attempt.id}").click().run()
    assert not at.exception
    assert store.attempts.attempt(attempt.id).score == 0.5
    review = texts(at)
    assert "| [[1]] | ✅ noten | noten |" in review and "| [[2]] | ❌ suiker | groente |" in review
