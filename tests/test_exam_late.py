"""The exam's clock on the page (issue 26 items 3 and 4): a late answer to a multi-box question
is refused as too late and the candidate sees their result; the countdown's warnings say what
is true; the intro calls the exam what it is. The clock is faked (the store and the page read
it through ``mglearn.store.base.utcnow``), never waited for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from mglearn import exam as rules
from mglearn.content import Content
from mglearn.i18n import t
from mglearn.store import Store
from mglearn.store import base as store_base

from .test_app import app, texts

UI = "mglearn/ui"


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(store_base, "utcnow", c)
    monkeypatch.setattr("mglearn.store.utcnow", c)  # the page's own import, read on every run
    return c


def at_a_multi_box_question(store: Store, content: Content, name: str) -> tuple[AppTest, int, str, list[str]]:
    """The exam page at its first multiple-response question; the labels of its boxes."""
    learner = store.create_learner(name)
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    at.button(key="exam_start").click().run()
    exam = store.open_exam(learner.id)
    assert exam is not None
    by_id = {q.id: q for _, q in content.questions()}
    number, d = next((n, d) for n, d in enumerate(exam.draw, 1) if by_id[d.question_id].type == "multiple")
    (go,) = [b for b in at.button if b.label == str(number)]  # the palette's button
    go.click().run()
    labels = [by_id[d.question_id].options[i].text.nl for i in d.order]
    assert set(labels) <= {box.label for box in at.checkbox}
    return at, exam.id, d.question_id, labels


def box(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    (found,) = [b for b in at.checkbox if b.label == label]
    return found


def test_late_multi_box_answer_says_too_late_and_shows_the_result(
    store: Store, content: Content, clock: Clock
) -> None:
    """Two boxes ticked in one rerun (as a browser sends changes made while a run was busy):
    the first box's save closes the exam as too late, the second's must say the same."""
    at, exam_id, qid, labels = at_a_multi_box_question(store, content, "Laatkomer")
    box(at, labels[0]).check().run()  # in time: saved
    before = store.answers(exam_id)[qid]
    assert len(before) == 1
    deadline = store.attempt(exam_id).deadline_at
    assert deadline is not None
    clock.now = deadline + rules.settings().grace + timedelta(seconds=5)
    box(at, labels[1]).check()
    box(at, labels[2]).check()
    at.run()  # too late
    assert not at.exception
    shown = texts(at)
    assert t("exam.too_late") in shown
    assert t("error.attempt_closed") not in shown
    assert store.attempt(exam_id).submitted
    assert store.answers(exam_id)[qid] == before  # the late boxes did not count
    assert "Per les" in shown and "Nog niet geslaagd" in shown  # their result, not just the start page


def test_a_late_answer_shows_the_result_not_the_start_page(
    store: Store, content: Content, clock: Clock
) -> None:
    at, exam_id, _, labels = at_a_multi_box_question(store, content, "Ook Laat")
    deadline = store.attempt(exam_id).deadline_at
    assert deadline is not None
    clock.now = deadline + rules.settings().grace + timedelta(seconds=5)
    box(at, labels[0]).check().run()
    assert not at.exception
    shown = texts(at)
    assert t("exam.too_late") in shown and t("error.attempt_closed") not in shown
    assert "Per les" in shown
