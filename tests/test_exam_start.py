"""Start on the exam page (issue 32, "start fast"): the click's own run shows question 1 from
the exam its callback stored, without reading it back; an exam another tab started first is
shown with what that tab saved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.store import Store

from .test_app import texts
from .test_exam import exam_page


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine of this process sends meanwhile."""
    sent: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        sent.append(" ".join(statement.split()))

    sa.event.listen(Engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        sa.event.remove(Engine, "before_cursor_execute", seen)


def test_the_start_click_shows_question_one_without_reading_the_exam_back(store: Store) -> None:
    at, learner_id = exam_page(store)
    with statements() as sent:
        at.button(key="exam_start").click().run()
    assert not at.exception
    assert "**Vraag 1**" in texts(at)
    exam = store.exams.open_exam(learner_id, now=datetime.now(UTC))
    assert exam is not None and at.button(key=f"palette_{exam.id}_1").proto.type == "primary"
    inserted = [i for i, s in enumerate(sent) if s.startswith("INSERT INTO attempts")]
    assert len(inserted) == 1, sent
    after = sent[inserted[0] + 1 :]
    # the click's run: no read of the exam, its answers or its question versions (one run, not
    # a rerun that finds it again); the countdown's read of the deadline is the one left
    assert not [s for s in after if "FROM answers" in s or "FROM question_versions" in s], after
    assert len([s for s in after if s.startswith("SELECT") and "FROM attempts" in s]) == 1, after


def test_an_exam_another_tab_started_shows_what_that_tab_saved(store: Store, content: Content) -> None:
    at, learner_id = exam_page(store)  # this tab still offers Start
    now = datetime.now(UTC)
    other = store.exams.start_exam(learner_id, content, now)  # another tab started it ...
    first = other.draw[0]
    by_id = {q.id: q for _, q in content.questions()}
    q = by_id[first.question_id]
    store.attempts.save_answer(other.id, q.id, correct_response(q), now)  # ... and answered
    at.button(key="exam_start").click().run()
    assert not at.exception
    assert "**Vraag 1**" in texts(at)
    assert store.attempts.learner_attempts(learner_id, kind="exam") == [store.attempts.attempt(other.id)]
    palette = at.button(key=f"palette_{other.id}_1")
    assert "check" in palette.proto.icon  # shown answered: what the other tab saved
