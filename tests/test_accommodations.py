"""Exam accommodations (issue 32): extra time as minutes or a multiplier and extra attempts,
per group membership, on SQLite and on a really started PostgreSQL server. The deadline is
computed on the server from the stored start; a change reaches a running exam's stored deadline
at once; a group window never cuts an accommodated candidate short."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mglearn import accommodations as acc_rules
from mglearn.accommodations import Accommodation
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.errors import NotFound, UserError
from mglearn.records import Group
from mglearn.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ONE_SECOND = timedelta(seconds=1)


@pytest.fixture
def db(any_url: str) -> Iterator[Store]:
    """A fresh store on SQLite or on the session's PostgreSQL server."""
    s = Store(any_url)
    yield s
    s.dispose()


def member(store: Store, name: str = "Kandidaat") -> tuple[Group, int]:
    tina = store.trainers.add_trainer(f"Tina {uuid.uuid4().hex[:6]}", "correct horse", now=T0)
    group = store.groups.create_group(tina.id, "Examendag", now=T0)
    learner = store.learners.create_learner(name, now=T0)
    store.groups.join_group(learner.id, group.join_code, now=T0)
    return group, learner.id


def test_one_and_a_half_times_thirty_minutes_is_forty_five(db: Store, content: Content) -> None:
    group, learner_id = member(db)
    db.exams.set_group_exam(group, minutes=30)
    db.accommodations.set_accommodation(group, learner_id, Accommodation(multiplier=1.5), now=T0)
    exam = db.exams.start_exam(learner_id, content, now=T0)
    assert exam.deadline_at is not None
    assert abs(exam.deadline_at - (T0 + timedelta(minutes=45))) <= ONE_SECOND
    # the other member of the group keeps 30 minutes
    other = db.learners.create_learner("Zonder", now=T0)
    db.groups.join_group(other.id, group.join_code, now=T0)
    plain = db.exams.start_exam(other.id, content, now=T0)
    assert plain.deadline_at == T0 + timedelta(minutes=30)


def test_extra_minutes_add_to_the_multiplied_length(db: Store, content: Content) -> None:
    group, learner_id = member(db)
    db.accommodations.set_accommodation(
        group, learner_id, Accommodation(extra_minutes=10, multiplier=2.0), now=T0
    )
    exam = db.exams.start_exam(learner_id, content, now=T0)
    assert exam.deadline_at == T0 + timedelta(minutes=2 * 30 + 10)
    assert db.accommodations.group_accommodations(group.id) == {learner_id: Accommodation(10, 2.0, 0)}


def test_a_running_exam_is_extended_and_takes_answers_until_the_new_deadline(
    db: Store, content: Content
) -> None:
    group, learner_id = member(db)
    exam = db.exams.start_exam(learner_id, content, now=T0)
    assert db.accommodations.exam_deadline(exam.id) == T0 + timedelta(minutes=30)
    moved = db.accommodations.set_accommodation(
        group, learner_id, Accommodation(extra_minutes=15), now=T0 + timedelta(minutes=20)
    )
    assert moved == exam.id
    assert db.accommodations.exam_deadline(exam.id) == T0 + timedelta(
        minutes=45
    )  # what the countdown reads next tick
    by_id = {q.id: q for _, q in content.questions()}
    q = by_id[exam.draw[0].question_id]
    db.attempts.save_answer(
        exam.id, q.id, correct_response(q), now=T0 + timedelta(minutes=40)
    )  # past 30 + grace
    assert db.exams.open_exam(learner_id, now=T0 + timedelta(minutes=44)) is not None
    # taken away again: back to 30 minutes; over by now, so it closes at that deadline
    db.accommodations.set_accommodation(group, learner_id, acc_rules.NONE, now=T0 + timedelta(minutes=41))
    done = db.attempts.attempt(exam.id)
    assert done.submitted_at == T0 + timedelta(minutes=30)
    assert db.accommodations.exam_deadline(exam.id) is None


def test_a_window_never_cuts_an_accommodated_candidate_short(db: Store, content: Content) -> None:
    group, learner_id = member(db)
    plain = db.learners.create_learner("Zonder", now=T0)
    db.groups.join_group(plain.id, group.join_code, now=T0)
    closes = T0 + timedelta(hours=1)
    db.exams.set_group_exam(group, minutes=30, opens_at=T0, closes_at=closes)
    db.accommodations.set_accommodation(group, learner_id, Accommodation(multiplier=2.0), now=T0)
    # started a minute before the window closes: the whole accommodated hour, past the window
    exam = db.exams.start_exam(learner_id, content, now=closes - timedelta(minutes=1))
    assert exam.deadline_at == closes - timedelta(minutes=1) + timedelta(hours=1)
    by_id = {q.id: q for _, q in content.questions()}
    q = by_id[exam.draw[0].question_id]
    db.attempts.save_answer(exam.id, q.id, correct_response(q), now=closes + timedelta(minutes=58))
    assert db.exams.sweep_exams(closes + timedelta(minutes=58)) == 0  # nothing closes it early
    done = db.attempts.submit_attempt(exam.id, now=closes + timedelta(minutes=58, seconds=30))
    assert done.submitted_at == closes + timedelta(minutes=58, seconds=30)
    # the window is extended for them by their extra time (30 minutes), not for the others
    assert db.exams.may_start_exam(plain.id, now=closes + timedelta(minutes=10))[0] == "closed"
    other, other_id = member(db, "Ook verlengd")
    db.exams.set_group_exam(other, minutes=30, opens_at=T0, closes_at=closes)
    db.accommodations.set_accommodation(other, other_id, Accommodation(multiplier=2.0), now=T0)
    assert db.exams.may_start_exam(other_id, now=closes + timedelta(minutes=29))[0] == "ok"
    assert db.exams.may_start_exam(other_id, now=closes + timedelta(minutes=30))[0] == "closed"


def test_extra_attempts_are_more_exams_within_the_cooldown(db: Store, content: Content) -> None:
    # the store reads its settings once, when it is built: this one with a 24-hour cool-down
    db = Store(db.db.url, settings=replace(db.settings, exam_cooldown_hours=24.0))
    group, learner_id = member(db)
    first = db.exams.start_exam(learner_id, content, now=T0)
    db.attempts.submit_attempt(first.id, now=T0 + timedelta(minutes=10))
    assert db.exams.may_start_exam(learner_id, now=T0 + timedelta(hours=1))[0] == "wait"
    db.accommodations.set_accommodation(
        group, learner_id, Accommodation(extra_attempts=1), now=T0 + timedelta(hours=1)
    )
    assert db.exams.may_start_exam(learner_id, now=T0 + timedelta(hours=1)) == ("ok", None)
    second = db.exams.start_exam(learner_id, content, now=T0 + timedelta(hours=1))
    db.attempts.submit_attempt(second.id, now=T0 + timedelta(hours=1, minutes=10))
    # two exams in this cool-down: the third waits until the first is a cool-down ago
    assert db.exams.may_start_exam(learner_id, now=T0 + timedelta(hours=2)) == (
        "wait",
        T0 + timedelta(minutes=10, hours=24),
    )
    with pytest.raises(UserError):
        db.exams.start_exam(learner_id, content, now=T0 + timedelta(hours=2))
    assert db.exams.may_start_exam(learner_id, now=T0 + timedelta(hours=24, minutes=10))[0] == "ok"


def test_bad_values_and_strangers_are_refused_and_leaving_the_group_ends_it(
    db: Store, content: Content
) -> None:
    group, learner_id = member(db)
    for bad, key in [
        (Accommodation(multiplier=3.0), "accommodation.bad_multiplier"),
        (Accommodation(extra_minutes=-5), "accommodation.bad_minutes"),
        (Accommodation(extra_attempts=99), "accommodation.bad_attempts"),
    ]:
        with pytest.raises(UserError) as err:
            db.accommodations.set_accommodation(group, learner_id, bad, now=T0)
        assert err.value.key == key
    stranger = db.learners.create_learner("Vreemde", now=T0)
    with pytest.raises(NotFound):
        db.accommodations.set_accommodation(group, stranger.id, Accommodation(multiplier=1.5), now=T0)
    someone_elses = Group(group.id, group.trainer_id + 999, group.name, group.join_code, group.created_at)
    with pytest.raises(NotFound):
        db.accommodations.set_accommodation(someone_elses, learner_id, Accommodation(multiplier=1.5), now=T0)
    db.accommodations.set_accommodation(group, learner_id, Accommodation(multiplier=1.5), now=T0)
    assert db.accommodations.accommodation(learner_id) == Accommodation(multiplier=1.5)
    db.groups.leave_group(learner_id, group.id)
    assert db.accommodations.accommodation(learner_id) == acc_rules.NONE
    assert db.accommodations.group_accommodations(group.id) == {}


def test_the_pure_rules() -> None:
    base = timedelta(minutes=30)
    for mult, minutes in [(1.25, 37.5), (1.5, 45), (2.0, 60)]:
        assert acc_rules.length(base, Accommodation(multiplier=mult)) == timedelta(minutes=minutes)
    old, new = Accommodation(extra_minutes=5, multiplier=1.5), Accommodation(multiplier=2.0)
    moved = acc_rules.moved_deadline(T0, T0 + timedelta(minutes=50), old, new)
    assert moved == T0 + timedelta(minutes=60)
    assert acc_rules.next_start([], T0, 24, acc_rules.NONE) is None
    assert acc_rules.next_start([T0], T0, 0, acc_rules.NONE) is None
    assert acc_rules.next_start([T0], T0 + timedelta(hours=1), 24, acc_rules.NONE) == T0 + timedelta(hours=24)


def test_the_command_line_gives_lists_and_clears_an_accommodation(
    store: Store, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    from mglearn.__main__ import main

    group, learner_id = member(store, "Cli Kandidaat")
    code = store.learners.learner(learner_id).code
    now = datetime.now(UTC)
    exam = store.exams.start_exam(learner_id, content, now=now)
    assert (
        main(["group", "accommodate", group.join_code, code, "--multiplier", "1.5", "--extra-attempts", "1"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Cli Kandidaat in Examendag: x1.5 time, +1 attempt" in out
    assert "Running exam: new deadline" in out
    assert store.accommodations.exam_deadline(exam.id) == exam.deadline_at + timedelta(minutes=15)  # type: ignore[operator]
    assert main(["group", "accommodations", group.join_code]) == 0
    assert capsys.readouterr().out == "Cli Kandidaat\tx1.5 time, +1 attempt\n"
    assert main(["group", "accommodate", group.join_code, code, "--multiplier", "3"]) == 1
    assert "Choose a factor of 1, 1.25, 1.5 or 2." in capsys.readouterr().err
    assert main(["group", "accommodate", "GR-2222-2222-2222", code]) == 1
    assert capsys.readouterr().err.strip()
    assert main(["group", "accommodate", group.join_code, code, "--clear"]) == 0
    assert store.accommodations.group_accommodations(group.id) == {}
    assert store.accommodations.exam_deadline(exam.id) == exam.deadline_at
