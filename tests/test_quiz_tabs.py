"""Issue 14 defects 2, 3 and 6 and issue 15.8 on the quiz page: the store is the truth.

Two AppTest sessions on one attempt stand for two browser tabs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from streamlit.testing.v1 import AppTest

from mglearn.attempts import correct_response
from mglearn.content import Content, Question
from mglearn.store import Attempt, Store

from .test_app import UI, answer, app, texts, tick_in_one_run, wrong_response


def open_quiz(code: str, quiz_id: str) -> AppTest:
    at = app(learner=code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz_id
    return at.run()


def single_choice(store: Store, attempt: Attempt) -> list[Question]:
    return [q for _, q in store.attempts.questions_of(attempt) if q.type in ("single", "true_false")]


def test_every_rerun_shows_the_stored_answers(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Twee Tabs", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    q1, q2 = single_choice(store, attempt)[:2]
    tab_a, tab_b = open_quiz(learner.code, quiz.id), open_quiz(learner.code, quiz.id)
    right, wrong = correct_response(q1)[0], wrong_response(q1)[0]
    answer(tab_a, attempt, q1, [right])
    tab_b.run()
    answer(tab_b, attempt, q1, [wrong])  # changed in tab B
    answer(tab_a, attempt, q2, correct_response(q2))  # tab A goes on with another question
    assert not tab_a.exception
    assert tab_a.radio(key=f"a{attempt.id}_{q1.id}").value == wrong  # A shows B's answer
    assert store.attempts.answers(attempt.id)[q1.id] == [wrong]
    assert "2 van 10 beantwoord" in tab_a.get("progress")[0].proto.text


def test_a_submit_from_a_tab_that_missed_a_change_is_refused(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Twee Tabs", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    q1, q2 = single_choice(store, attempt)[:2]
    tab_a, tab_b = open_quiz(learner.code, quiz.id), open_quiz(learner.code, quiz.id)
    answer(tab_a, attempt, q1, correct_response(q1))
    tab_b.run()
    answer(tab_b, attempt, q2, wrong_response(q2))  # tab A has not seen this one
    tab_a.button(key=f"submit_{attempt.id}").click().run()
    assert not tab_a.exception
    assert "je antwoorden zijn in een ander venster gewijzigd" in texts(tab_a).lower()
    assert not store.attempts.attempt(attempt.id).submitted
    assert tab_a.radio(key=f"a{attempt.id}_{q2.id}").value == wrong_response(q2)[0]  # now shown
    tab_a.button(key=f"submit_{attempt.id}").click().run()  # having seen it, submit again
    assert store.attempts.attempt(attempt.id).submitted
    assert "Je resultaat" in tab_a.get("html")[0].proto.body


def test_an_answer_shows_saved_once_the_store_has_it(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Opslag", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    q1 = single_choice(store, attempt)[0]
    at = open_quiz(learner.code, quiz.id)
    assert "Opgeslagen om" not in texts(at)
    answer(at, attempt, q1, correct_response(q1))
    assert texts(at).count("Opgeslagen om") == 1
    assert "Nog niet beantwoord" in texts(at)  # the others stay flagged


def test_the_result_opens_at_its_top_with_focus(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Klaar", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    at = open_quiz(learner.code, quiz.id)
    at.button(key=f"submit_{attempt.id}").click().run()
    body = at.get("html")[0].proto.body
    assert 'id="mg-result"' in body and "scrollIntoView" in body and ".focus(" in body


def test_the_result_says_which_pass_mark_applies_to_what(store: Store, content: Content) -> None:
    quiz = content.quizzes[0]
    trainer = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(trainer.id, "Klas 3B", now=datetime.now(UTC))
    learner = store.learners.create_learner("Mo", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    now = datetime.now(UTC)
    store.groups.create_assignment(
        group, "Week 1", [], [quiz.id], now + timedelta(days=3), pass_mark=0.9, now=now
    )
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    for n, (_, q) in enumerate(store.attempts.questions_of(attempt)):
        store.attempts.save_answer(
            attempt.id, q.id, correct_response(q) if n < 8 else wrong_response(q), now=datetime.now(UTC)
        )
    done = store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    assert done.passed and done.score is not None and 0.7 <= done.score < 0.9
    at = open_quiz(learner.code, quiz.id)
    at.query_params["attempt"] = str(done.id)
    shown = texts(at.run())
    assert "Gehaald!" in shown
    assert "Quiz gehaald; voor de opdracht **Week 1** van je groep is 90% nodig." in shown


def test_one_click_that_changes_several_boxes_is_written_once(store: Store, content: Content) -> None:
    """A browser sends every change made while the page was busy in one rerun (and the agent
    API a whole question's boxes at once): each changed box calls its on_change, and each
    would write the same answer again. One write per answer, the one the page shows."""
    learner = store.learners.create_learner("Snel Klikken", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    asked = [q for _, q in store.attempts.questions_of(attempt)]
    multi = next(q for q in asked if q.type == "multiple")
    matching = next((q for q in asked if q.type == "matching"), None)
    tab = open_quiz(learner.code, quiz.id)
    drawn = {d.question_id: d for d in attempt.draw}
    chosen = list(drawn[multi.id].order[:2])
    tick_in_one_run(tab, f"a{attempt.id}_{multi.id}", drawn[multi.id].order, chosen)
    assert not tab.exception
    assert sorted(store.attempts.answers(attempt.id)[multi.id]) == sorted(chosen)
    assert store.attempts.attempt(attempt.id).seq == attempt.seq + 1  # one write, not one per box
    if matching is not None:
        pairs = wrong_response(matching)
        for j, right in enumerate(pairs):
            tab.selectbox(key=f"a{attempt.id}_{matching.id}_{j}").set_value(right)
        tab.run()
        assert store.attempts.answers(attempt.id)[matching.id] == pairs
        assert store.attempts.attempt(attempt.id).seq == attempt.seq + 2
    tab.run()
    tab.button(key=f"submit_{attempt.id}").click().run()  # the tab's sequence is the store's
    assert store.attempts.attempt(attempt.id).submitted
