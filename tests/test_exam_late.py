"""The exam's clock on the page (issue 26 items 3 and 4): a late answer to a multi-box question
is refused as too late and the candidate sees their result; the countdown's warnings say what
is true; the intro calls the exam what it is. The clock is faked (the page takes its run's
clock through ``mglearn.clock.utcnow`` and passes it to the store), never waited for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from mglearn import clock as the_clock
from mglearn import exam as rules
from mglearn.content import Content
from mglearn.i18n import t
from mglearn.store import Store
from mglearn.store import attempts as store_attempts

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
    monkeypatch.setattr(the_clock, "utcnow", c)  # read once per run by mglearn.ui.state.now()
    return c


def at_a_multi_box_question(store: Store, content: Content, name: str) -> tuple[AppTest, int, str, list[str]]:
    """The exam page at its first multiple-response question; the labels of its boxes."""
    learner = store.learners.create_learner(name, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    at.button(key="exam_start").click().run()
    exam = store.exams.open_exam(learner.id, now=datetime.now(UTC))
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
    before = store.attempts.answers(exam_id)[qid]
    assert len(before) == 1
    deadline = store.attempts.attempt(exam_id).deadline_at
    assert deadline is not None
    clock.now = deadline + store_attempts.exam_grace() + timedelta(seconds=5)
    box(at, labels[1]).check()
    box(at, labels[2]).check()
    at.run()  # too late
    assert not at.exception
    shown = texts(at)
    assert t("exam.too_late") in shown
    assert t("error.attempt_closed") not in shown
    assert store.attempts.attempt(exam_id).submitted
    assert store.attempts.answers(exam_id)[qid] == before  # the late boxes did not count
    assert "Per les" in shown and "Nog niet geslaagd" in shown  # their result, not just the start page


def test_a_late_answer_shows_the_result_not_the_start_page(
    store: Store, content: Content, clock: Clock
) -> None:
    at, exam_id, _, labels = at_a_multi_box_question(store, content, "Ook Laat")
    deadline = store.attempts.attempt(exam_id).deadline_at
    assert deadline is not None
    clock.now = deadline + store_attempts.exam_grace() + timedelta(seconds=5)
    box(at, labels[0]).check().run()
    assert not at.exception
    shown = texts(at)
    assert t("exam.too_late") in shown and t("error.attempt_closed") not in shown
    assert "Per les" in shown


def test_an_answer_in_the_grace_after_the_countdown_handed_in_says_too_late(
    store: Store, content: Content, clock: Clock
) -> None:
    """The page hands the exam in at its deadline; a box ticked a few seconds later (within the
    grace) is too late, not "already handed in, start a new attempt"."""
    at, exam_id, _, labels = at_a_multi_box_question(store, content, "Net Te Laat")
    deadline = store.attempts.attempt(exam_id).deadline_at
    assert deadline is not None
    store.attempts.submit_attempt(exam_id, now=deadline + timedelta(seconds=1))  # the countdown's hand-in
    clock.now = deadline + timedelta(seconds=5)
    assert timedelta(seconds=5) < store_attempts.exam_grace()
    box(at, labels[0]).check().run()
    assert not at.exception
    shown = texts(at)
    assert t("exam.too_late") in shown and t("error.attempt_closed") not in shown
    assert "Per les" in shown


def test_the_warning_rule_gives_only_warnings_shorter_than_the_exam() -> None:
    assert [rules.warning_level(s, 30 * 60) for s in (301, 300, 120, 61, 60, 0)] == [None, 5, 5, 5, 1, 1]
    assert [rules.warning_level(s, 5 * 60) for s in (300, 120, 61, 60, 1)] == [None, None, None, 1, 1]
    assert [rules.warning_level(s, 60) for s in (60, 30, 1)] == [None, None, None]


def warning_shown(at: AppTest) -> str:
    """The countdown's warning words as the page sends them (its st.html element)."""
    bodies = [str(e.proto.body) for e in at.get("html") if "mg-exam-warning" in str(e.proto.body)]
    assert len(bodies) == 1
    return bodies[0].split('class="mg-exam-warning">', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize(
    ("minutes", "left", "words"),
    [
        (5, timedelta(minutes=2), ""),  # a five-minute exam: no "five minutes" warning at all
        (5, timedelta(seconds=40), "Nog hooguit 1 minuut."),
        (30, timedelta(minutes=2), "Nog hooguit 5 minuten."),  # true at 02:00 too
        (30, timedelta(minutes=6), ""),
        (1, timedelta(seconds=30), ""),  # a one-minute exam: no warnings from its start
    ],
)
def test_the_countdown_warning_says_what_is_true(
    store: Store,
    content: Content,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    minutes: int,
    left: timedelta,
    words: str,
) -> None:
    monkeypatch.setenv("MGLEARN_EXAM_MINUTES", str(minutes))
    learner = store.learners.create_learner("Klok", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=datetime.now(UTC))
    assert exam.deadline_at is not None and exam.deadline_at - exam.started_at == timedelta(minutes=minutes)
    clock.now = exam.deadline_at - left
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    assert not at.exception
    assert warning_shown(at) == words


def test_the_intro_calls_the_certification_exam_what_it_is(store: Store) -> None:
    learner = store.learners.create_learner("Nieuwkomer", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    intro = texts(at)
    assert "proefexamen" not in intro.lower() and "Het certificeringsexamen over alle lessen" in intro
    at.query_params["lang"] = "en"
    at.run()
    intro = texts(at)
    assert "practice exam" not in intro.lower() and "The certification exam over all lessons" in intro
