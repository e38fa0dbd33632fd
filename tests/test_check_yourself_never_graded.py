"""A check item is practice only (issue 30): no quiz draw, exam draw, item analysis, GIFT or
Moodle export, or quiz review ever holds one, over many seeds, on the project's content (its
lessons gain check items as they are written) and on a copy with check items of every type."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from mglearn import analytics, settings
from mglearn.__main__ import main
from mglearn.attempts import correct_response, draw
from mglearn.content import PROJECT_ROOT, Content, load_content
from mglearn.exam import draw_exam, source_of
from mglearn.exports_moodle import moodle_xml
from mglearn.gift import gift
from mglearn.store import Store

from .check_yourself import root_with_checks
from .test_app import UI, app, texts

SEEDS = range(300)


@pytest.fixture(params=["project", "with-checks"])
def root(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return PROJECT_ROOT if request.param == "project" else root_with_checks(tmp_path)


def check_ids(content: Content) -> set[str]:
    return {q.id for _, q in content.check_items()}


def check_prompts(content: Content) -> set[str]:
    return {q.prompt.get(lang) for _, q in content.check_items() for lang in ("nl", "en")}


def test_the_fixture_has_check_items_of_every_type(tmp_path: Path) -> None:
    content = load_content(root_with_checks(tmp_path)).content
    kinds = {q.type for _, q in content.check_items()}
    assert kinds == {"single", "multiple", "true_false", "matching", "gapselect"}


def test_no_quiz_or_exam_draw_holds_a_check_item(root: Path) -> None:
    content = load_content(root).content
    checks = check_ids(content)
    bank = {q.id for _, q in content.questions()}
    assert not checks & bank  # ids are unique across both (mglearn check)
    n_exam = settings.current().exam_questions
    for seed in SEEDS:
        for quiz in content.quizzes:
            shown = {d.question_id for d in draw(quiz, seed)}
            assert shown <= {q.id for q in quiz.questions} and not shown & checks
        for n in (n_exam, len(bank)):
            drawn, source = draw_exam(content, n, seed)
            assert not {d.question_id for d in drawn} & checks
            assert set(source) <= bank
    assert not set(source_of(content)) & checks


def test_no_export_holds_a_check_item(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = load_content(root).content
    for lang in ("nl", "en"):
        for text in (gift(content, lang), moodle_xml(content, lang)):
            assert not any(qid in text for qid in check_ids(content))
            assert not any(prompt in text for prompt in check_prompts(content))
    for command in ("gift", "moodle-xml"):  # the commands a trainer runs
        assert main(["export", command, "--root", str(root)]) == 0
        out = capsys.readouterr().out
        assert out and not any(qid in out for qid in check_ids(content))


def test_item_analysis_and_the_quiz_review_never_show_a_check_item(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A learner answers every check item, then takes the first quiz: its stored answers, the
    item analysis over them and the review page hold the quiz's questions only."""
    root = root_with_checks(tmp_path)
    monkeypatch.setenv("MGLEARN_CONTENT_DIR", str(root))
    content = load_content(root).content
    now = datetime.now(UTC) - timedelta(hours=1)
    learner = store.learners.create_learner("Lien", now=now)
    for _, q in content.check_items():
        store.checks.answer(learner.id, q, correct_response(q), now=now)
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=now)
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=now)
    store.attempts.submit_attempt(attempt.id, now=now)
    checks = check_ids(content)
    assert not {q.id for _, q in store.attempts.questions_of(attempt)} & checks
    responses = pd.DataFrame(store.groups.responses(quiz.id, [learner.id]))
    assert set(responses["question_id"]) and not set(responses["question_id"]) & checks
    stats = analytics.item_statistics(responses)
    assert set(stats["question_id"]) == set(responses["question_id"])
    assert not set(stats["question_id"]) & checks
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.query_params["attempt"] = str(attempt.id)
    at.run()
    assert not at.exception
    shown = texts(at)
    assert any(q.prompt.nl in shown for _, q in store.attempts.questions_of(attempt))  # the review is there
    assert not any(prompt in shown for prompt in check_prompts(content))
    assert store.attempts.attempt(attempt.id).score == 1.0  # the check answers changed nothing
