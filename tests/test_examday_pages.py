"""Exam day on the pages (issue 32): the trainer gives a member extra time on the groups page
(Dutch and English), a running exam's countdown follows the stored deadline, and the live view
shows who started, answered how many, time left and who handed in, from one query."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from mglearn.accommodations import Accommodation
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.store import Store

from .test_app import texts
from .test_trainer_pages import signed_in

UI = "mglearn/ui"


def group_with(store: Store, *names: str) -> tuple[object, list[int]]:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Examendag", now=datetime.now(UTC))
    ids = []
    for name in names:
        learner = store.learners.create_learner(name, now=datetime.now(UTC))
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
        ids.append(learner.id)
    return group, ids


def groups_page(store: Store, lang: str = "nl") -> AppTest:
    at = signed_in(store)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.switch_page(f"{UI}/groups.py").run()
    assert not at.exception
    return at


def test_the_trainer_gives_extra_time_and_a_running_exam_gets_it(store: Store, content: Content) -> None:
    group, (ann, bob) = group_with(store, "Ann", "Bob")
    exam = store.exams.start_exam(ann, content, now=datetime.now(UTC))
    assert exam.deadline_at is not None
    at = groups_page(store)
    gid = group.id  # type: ignore[attr-defined]
    assert "Extra tijd en pogingen" in texts(at)
    at.selectbox(key=f"acc_who_{gid}").set_value(ann)
    at.selectbox(key=f"acc_mult_{gid}").set_value(1.5)
    at.number_input(key=f"acc_att_{gid}").set_value(1)
    at.button(key=f"FormSubmitter:acc_{gid}-Aanpassing bewaren").click().run()
    assert not at.exception
    assert store.accommodations.group_accommodations(gid) == {ann: Accommodation(0, 1.5, 1)}
    assert store.accommodations.exam_deadline(exam.id) == exam.deadline_at + timedelta(minutes=15)
    assert any("eindigt nu om" in str(x.value) for x in at.toast)
    table = next(d.value for d in at.dataframe if "Aanpassing" in d.value.columns)  # those given
    assert list(table.iloc[0]) == ["Ann", "×1,5 tijd, +1 pogingen"]


def test_a_bad_value_is_a_short_message(store: Store) -> None:
    group, (ann,) = group_with(store, "Ann")
    at = groups_page(store)
    gid = group.id  # type: ignore[attr-defined]
    at.number_input(key=f"acc_min_{gid}").set_value(601)  # the widget refuses: it stays in range
    at.button(key=f"FormSubmitter:acc_{gid}-Aanpassing bewaren").click().run()
    assert not at.exception
    assert store.accommodations.group_accommodations(gid) == {}


def test_the_live_view_shows_each_member_in_english(store: Store, content: Content) -> None:
    group, (ann, bob, cas) = group_with(store, "Ann", "Bob", "Cas")
    now = datetime.now(UTC)
    running = store.exams.start_exam(ann, content, now=now)
    by_id = {q.id: q for _, q in content.questions()}
    for d in running.draw[:3]:
        store.attempts.save_answer(running.id, d.question_id, correct_response(by_id[d.question_id]), now=now)
    done = store.exams.start_exam(bob, content, now=now - timedelta(minutes=10))
    for d in done.draw:
        store.attempts.save_answer(done.id, d.question_id, correct_response(by_id[d.question_id]), now=now)
    store.attempts.submit_attempt(done.id, now=now)
    queries: list[str] = []
    sa.event.listen(store.db.engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    rows = store.exam_live.group_live(group.id)  # type: ignore[attr-defined]
    assert len([q for q in queries if q.lstrip().upper().startswith("SELECT")]) == 1  # one query
    assert [(r.name, r.answered, r.submitted_at is not None) for r in rows] == [
        ("Ann", 3, False),
        ("Bob", 25, True),
        ("Cas", 0, False),
    ]
    at = groups_page(store, "en")
    assert "Exam now" in texts(at)
    assert "2 of 3 started, 1 working, 1 handed in." in texts(at)
    live = next(d.value for d in at.dataframe if "Time left" in d.value.columns)
    cells = {row["Candidate"]: row for _, row in live.iterrows()}
    assert cells["Ann"]["State"] == "Working" and cells["Ann"]["Answered"] == "3/25"
    assert "29:" in cells["Ann"]["Time left"] or cells["Ann"]["Time left"] == "30:00"
    assert cells["Bob"]["State"].startswith("Handed in") and cells["Bob"]["Answered"] == "25/25"
    assert cells["Cas"]["State"] == "Not started" and cells["Cas"]["Answered"] == ""


def test_no_exam_running_says_so(store: Store) -> None:
    group_with(store, "Ann")
    at = groups_page(store)
    assert "Er loopt nu geen examen in deze groep." in texts(at)
