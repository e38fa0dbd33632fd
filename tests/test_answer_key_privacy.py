"""Nothing the browser receives before a submit reveals how the author listed a question's
options (issue 26, item 1): authors tend to list the right options first, so a widget key
ending in an option's authored index gives the key away. Keys name the displayed position."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mglearn import practice
from mglearn.content import Content, load_content
from mglearn.store import Store

from .check_yourself import root_with_checks
from .test_app import UI, app
from .test_exam import exam_page


def box_positions(keys: list[str], prefix: str) -> list[int]:
    return [int(k.rsplit("_", 1)[1]) for k in keys if re.fullmatch(rf"{re.escape(prefix)}_\d+", k)]


def test_quiz_checkbox_keys_name_the_shown_position(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Lotte", now=datetime.now(UTC))
    quiz = next(qz for qz in content.quizzes if sum(q.type == "multiple" for q in qz.questions) >= 2)
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.run()
    next(b for b in at.button if b.label == "Start de toets").click().run()
    attempt = store.attempts.open_attempt(learner.id, quiz.id)
    assert attempt is not None
    keys = [c.key for c in at.checkbox]
    seen = 0
    for drawn, q in store.attempts.questions_of(attempt):
        if q.type != "multiple":
            continue
        prefix = f"a{attempt.id}_{q.id}"
        assert box_positions(keys, prefix) == list(range(len(q.options)))  # shown order, 0, 1, 2, ...
        labels = [c.label for c in at.checkbox if c.key.startswith(prefix + "_")]
        assert labels == [q.options[i].text.nl for i in drawn.order]
        seen += 1
    assert seen


def test_ticking_a_box_by_position_stores_the_option_shown_there(store: Store, content: Content) -> None:
    at, learner_id = exam_page(store)
    at.button(key="exam_start").click().run()
    exam = store.exams.open_exam(learner_id, now=datetime.now(UTC))
    assert exam is not None
    by_id = {q.id: q for _, q in content.questions()}
    number, d = next(
        (n, d)
        for n, d in enumerate(exam.draw, 1)
        if by_id[d.question_id].type == "multiple" and d.order[0] != 0
    )
    at.button(key=f"palette_{exam.id}_{number}").click().run()
    key = f"x{exam.id}_{d.question_id}"
    box = at.checkbox(key=f"{key}_0")
    assert box.label == by_id[d.question_id].options[d.order[0]].text.nl  # the first box shown
    box.check().run()
    assert store.attempts.answers(exam.id)[d.question_id] == [d.order[0]]


def test_practice_option_keys_name_the_shown_position(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Oefenaar", now=datetime.now(UTC))
    for lesson in content.lessons:
        store.learners.mark_read(learner.id, lesson.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    at.button(key="practice_start").click().run()
    at.run()
    bank = {q.id: q for _, q in content.questions()}
    checked = 0
    for _ in range(10):
        run = at.session_state["practice_run"]
        q = bank[run["items"][run["index"]][0]]
        key = f"practice_{run['id']}_{run['index']}"
        if q.type not in ("matching", "gapselect"):  # option buttons
            order = practice.option_order(q, f"{run['id']}:{run['index']}")
            buttons = [b for b in at.button if re.fullmatch(rf"{re.escape(key)}_opt\d+", b.key or "")]
            assert [int(b.key.rsplit("opt", 1)[1]) for b in buttons] == list(range(len(order)))
            assert all(b.label.endswith(q.options[i].text.nl) for b, i in zip(buttons, order, strict=True))
            checked += order != tuple(range(len(order)))
            if checked:
                break
        at.session_state["practice_run"]["index"] += 1
        at.run()
    assert checked


def test_true_false_shows_true_first_however_the_author_listed_it(content: Content) -> None:
    from mglearn.attempts import draw

    quiz = next(qz for qz in content.quizzes if any(q.type == "true_false" for q in qz.questions))
    q = next(q for q in quiz.questions if q.type == "true_false")
    flipped = q.model_copy(update={"options": list(reversed(q.options))})
    for question in (q, flipped):
        one = quiz.model_copy(update={"questions": [question], "draw": None})
        (drawn,) = draw(one, seed=7)
        assert [question.options[i].text.nl for i in drawn.order] == ["Waar", "Niet waar"]
        shown = practice.option_order(question, "run:0")
        assert [question.options[i].text.nl for i in shown] == ["Waar", "Niet waar"]


def test_check_yourself_keys_name_the_shown_position(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lesson page's check items (issue 30) use the quiz's widgets and their keys: a box's
    key ends in the position it is shown at, a select box's in its left side's number; the
    options themselves are shuffled per learner (never the authored order, where keys cluster)."""
    root = root_with_checks(tmp_path, only=True)
    monkeypatch.setenv("MGLEARN_CONTENT_DIR", str(root))
    checked = load_content(root).content
    q = next(q for _, q in checked.check_items() if q.type == "multiple")
    shuffled = None
    for n in range(20):  # a learner whose order differs from the authored one
        learner = store.learners.create_learner(f"Lotte {n}", now=datetime.now(UTC))
        order = practice.option_order(q, f"check:{learner.id}")
        if order != tuple(range(len(q.options))):
            shuffled = learner
            break
    assert shuffled is not None
    at = app(learner=shuffled.code)
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = checked.lessons[0].id
    at.run()
    key = f"check_{q.id}"
    boxes = [c for c in at.checkbox if re.fullmatch(rf"{re.escape(key)}_\d+", c.key or "")]
    assert box_positions([c.key for c in boxes], key) == list(range(len(q.options)))
    assert [c.label for c in boxes] == [q.options[i].text.nl for i in order]
    keys = [e.key for kind in ("checkbox", "radio", "selectbox", "button") for e in getattr(at, kind)]
    mine = [k for k in keys if k and k.startswith("check_")]
    assert mine and all(re.fullmatch(r"check_zz-c\d+(_\d+|_go)?", k) for k in mine), mine
