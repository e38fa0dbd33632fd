"""The certification exam: the pure draw and deadline rules with a fixed clock, the store's
lazy and swept submission, and the exam page through AppTest (no answer key before the end)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from mglearn import exam as rules
from mglearn import settings
from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content
from mglearn.errors import AttemptClosed, UserError
from mglearn.records import GroupExam
from mglearn.store import Store
from mglearn.ui.questions import box_key

from .pg import fresh_pg
from .test_app import app, texts, tick_in_one_run

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GRACE = timedelta(seconds=30)
UI = "mglearn/ui"


# -- pure rules --


def test_settings_defaults_and_bad_values() -> None:
    assert rules.ExamSettings.from_settings(settings.load({})) == rules.ExamSettings(25, 30, 0.75, 30, 0)
    env = {"MGLEARN_EXAM_QUESTIONS": "10", "MGLEARN_EXAM_PASS_MARK": "7", "MGLEARN_EXAM_MINUTES": "x"}
    got = rules.ExamSettings.from_settings(settings.load(env))
    assert (got.questions, got.pass_mark, got.minutes) == (10, 0.75, 30)


def test_draw_is_stratified_by_lesson_and_difficulty(content: Content) -> None:
    drawn, source = rules.draw_exam(content, 25, seed=11)
    ids = [d.question_id for d in drawn]
    assert len(ids) == 25 and len(set(ids)) == 25  # no duplicates
    per_lesson = Counter(source[i] for i in ids)
    assert set(per_lesson) == {q.id for q in content.quizzes}
    assert min(per_lesson.values()) >= 2 and max(per_lesson.values()) - min(per_lesson.values()) <= 1
    by_id = {q.id: q for _, q in content.questions()}
    difficulty = Counter(by_id[i].difficulty for i in ids)
    bank = Counter(q.difficulty for _, q in content.questions())
    total = sum(bank.values())
    for label, size in bank.items():  # each label in proportion to the bank's (labels have no quota)
        assert abs(difficulty[label] - 25 * size / total) <= 2, (difficulty, bank)
    assert rules.draw_exam(content, 25, seed=11)[0] == drawn  # reproducible from the seed
    assert rules.draw_exam(content, 25, seed=12)[0] != drawn


def test_small_exam_still_has_two_per_lesson(content: Content) -> None:
    drawn, source = rules.draw_exam(content, 14, seed=3)
    assert Counter(source[d.question_id] for d in drawn) == {q.id: 2 for q in content.quizzes}
    whole, _ = rules.draw_exam(content, 500, seed=3)
    assert len(whole) == sum(len(q.questions) for q in content.quizzes)


def test_lesson_quotas_are_proportional() -> None:
    quotas = rules.lesson_quotas({"a": 30, "b": 10, "c": 10}, 10, random.Random(1))
    assert quotas == {"a": 6, "b": 2, "c": 2}


def test_deadline_rule_at_its_edges() -> None:
    deadline = T0 + timedelta(minutes=30)
    assert rules.may_save(deadline, deadline - timedelta(seconds=1), GRACE)
    assert rules.may_save(deadline, deadline + GRACE, GRACE)
    assert not rules.may_save(deadline, deadline + GRACE + timedelta(seconds=1), GRACE)
    assert rules.overdue(deadline, deadline + GRACE + timedelta(seconds=1), GRACE)
    assert rules.finish_time(deadline, deadline + timedelta(days=1)) == deadline
    assert rules.finish_time(deadline, deadline - timedelta(minutes=3)) == deadline - timedelta(minutes=3)
    assert [rules.warning_level(s) for s in (301, 300, 61, 60, 0)] == [None, 5, 5, 1, 1]


# -- the store, with a fixed clock --


def started(store: Store, content: Content, name: str = "Kandidaat") -> tuple[int, int]:
    learner = store.learners.create_learner(name, now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=7)
    return learner.id, exam.id


def answer_all(store: Store, content: Content, attempt_id: int, now: datetime, right: bool = True) -> None:
    by_id = {q.id: q for _, q in content.questions()}
    for d in store.attempts.attempt(attempt_id).draw:
        q = by_id[d.question_id]
        response = correct_response(q) if right else []
        if response:
            store.attempts.save_answer(attempt_id, q.id, response, now=now)


def test_exam_attempt_has_stored_deadline_and_one_open(store: Store, content: Content) -> None:
    learner_id, exam_id = started(store, content)
    exam = store.attempts.attempt(exam_id)
    assert exam.kind == "exam" and exam.deadline_at == T0 + timedelta(minutes=30) and exam.pass_mark == 0.75
    again = store.exams.start_exam(learner_id, content, now=T0 + timedelta(minutes=5))  # a second tab
    assert again.id == exam_id
    assert store.attempts.learner_attempts(learner_id) == []  # exams stay out of the quiz views


def test_answers_at_deadline_edges(store: Store, content: Content) -> None:
    _, exam_id = started(store, content)
    exam = store.attempts.attempt(exam_id)
    assert exam.deadline_at is not None
    first, second = (d.question_id for d in exam.draw[:2])
    store.attempts.save_answer(exam_id, first, [0], now=exam.deadline_at - timedelta(seconds=1))
    store.attempts.save_answer(exam_id, second, [0], now=exam.deadline_at + GRACE)  # within grace: counts
    with pytest.raises(AttemptClosed) as refused:
        store.attempts.save_answer(exam_id, first, [1], now=exam.deadline_at + GRACE + timedelta(seconds=1))
    assert refused.value.key == "exam.too_late"
    done = store.attempts.attempt(exam_id)
    assert done.submitted_at == exam.deadline_at  # finished at the deadline, not when it was noticed
    assert store.attempts.answers(exam_id)[first] == [0]


def test_lazy_submission_on_first_read(store: Store, content: Content) -> None:
    learner_id, exam_id = started(store, content)
    answer_all(store, content, exam_id, T0 + timedelta(minutes=10))
    day_later = T0 + timedelta(days=1)
    assert store.exams.open_exam(learner_id, now=T0 + timedelta(minutes=30, seconds=30)) is not None
    assert store.exams.open_exam(learner_id, now=day_later) is None  # the read submits it
    (exam,) = store.exams.learner_exams(learner_id, now=day_later)
    assert exam.submitted_at == T0 + timedelta(minutes=30) and exam.passed and exam.score == 1.0


def test_sweep_submits_every_overdue_exam(store: Store, content: Content) -> None:
    _, late = started(store, content, "Laat")
    other = store.learners.create_learner("Later", now=datetime.now(UTC))
    fresh = store.exams.start_exam(other.id, content, now=T0 + timedelta(minutes=25), seed=1)
    assert store.exams.sweep_exams(now=T0 + timedelta(minutes=31)) == 1
    assert store.attempts.attempt(late).submitted_at == T0 + timedelta(minutes=30)
    assert store.attempts.attempt(late).score == 0.0 and store.attempts.attempt(late).passed is False
    assert store.attempts.attempt(fresh.id).submitted_at is None


def test_submit_before_deadline_records_now_and_flags(store: Store, content: Content) -> None:
    _, exam_id = started(store, content)
    qid = store.attempts.attempt(exam_id).draw[3].question_id
    assert store.exams.set_flag(exam_id, qid, True, now=T0).flags == (qid,)
    assert store.exams.set_flag(exam_id, qid, False, now=T0).flags == ()
    done = store.attempts.submit_attempt(exam_id, now=T0 + timedelta(minutes=12))
    assert done.submitted_at == T0 + timedelta(minutes=12)


def test_cooldown_and_group_window(store_of: Callable[..., Store], content: Content) -> None:
    store = store_of(exam_cooldown_hours=24)  # MGLEARN_EXAM_COOLDOWN_HOURS=24
    learner_id, exam_id = started(store, content)
    store.attempts.submit_attempt(exam_id, now=T0 + timedelta(minutes=10))
    assert store.exams.may_start_exam(learner_id, now=T0 + timedelta(hours=1))[0] == "wait"
    with pytest.raises(UserError):
        store.exams.start_exam(learner_id, content, now=T0 + timedelta(hours=1))
    assert store.exams.may_start_exam(learner_id, now=T0 + timedelta(hours=25))[0] == "ok"
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Examengroep", now=datetime.now(UTC))
    store.groups.join_group(learner_id, group.join_code, now=datetime.now(UTC))
    opens = T0 + timedelta(days=3)
    store.exams.set_group_exam(
        group, questions=14, minutes=10, pass_mark=0.6, cooldown_hours=0, opens_at=opens
    )
    assert store.exams.may_start_exam(learner_id, now=T0 + timedelta(days=2)) == ("not_yet", opens)
    exam = store.exams.start_exam(learner_id, content, now=opens)
    assert len(exam.draw) == 14 and exam.pass_mark == 0.6 and exam.group_id == group.id
    assert exam.deadline_at == opens + timedelta(minutes=10)


# -- the page --


def exam_page(store: Store, name: str = "Examinee") -> tuple[AppTest, int]:
    learner = store.learners.create_learner(name, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    assert not at.exception
    return at, learner.id


def sent(at: AppTest) -> str:
    """Everything the page's elements carry to the browser (their protos, as text)."""
    return "\n".join(str(node.proto) for node in at.main if hasattr(node, "proto")) + texts(at)


def all_protos(at: AppTest) -> str:
    out: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def test_exam_flow_without_answer_key_then_result_and_certificate(store: Store, content: Content) -> None:
    at, learner_id = exam_page(store)
    assert "25 vragen, 30 minuten" in texts(at)
    at.button(key="exam_start").click().run()
    exam = store.exams.open_exam(learner_id, now=datetime.now(UTC))
    assert exam is not None
    by_id = {q.id: q for _, q in content.questions()}
    secrets_ = set()
    for d in exam.draw:
        q = by_id[d.question_id]
        secrets_ |= {o.feedback.nl for o in q.options} | {q.explanation.nl}
    for number, d in enumerate(exam.draw, 1):
        q = by_id[d.question_id]
        shown = all_protos(at)
        assert not any(s in shown for s in secrets_), "the page sent feedback or an explanation"
        assert "Juiste antwoord" not in shown and "check_circle" not in shown
        assert f"**Vraag {number}**" in texts(at)
        key = f"x{exam.id}_{q.id}"
        response = correct_response(q)
        if number == 2:
            at.toggle(key=f"flag_{exam.id}_{q.id}").set_value(True).run()
        if q.type in ("single", "true_false"):
            at.radio(key=key).set_value(response[0]).run()
        elif q.type == "multiple":
            for i in response:
                at.checkbox(key=box_key(key, d.order.index(i))).check().run()
        else:
            for j, right in enumerate(response):
                at.selectbox(key=f"{key}_{j}").set_value(right).run()
        if number < len(exam.draw):
            at.button(key="exam_next").click().run()
    assert not at.exception
    assert store.attempts.attempt(exam.id).flags == (exam.draw[1].question_id,)
    assert len(store.attempts.answers(exam.id)) == 25
    # back to question 2 with the palette: the flag and the answer are still there
    at.button(key=f"palette_{exam.id}_2").click().run()
    assert at.toggle(key=f"flag_{exam.id}_{exam.draw[1].question_id}").value is True
    at.button(key="exam_submit").click().run()
    assert "Gemarkeerd om na te kijken: 2." in texts(at)
    at.button(key="exam_submit_final").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Geslaagd!" in shown and "100%" in shown and "Per les" in shown
    assert "Verificatiecode" in shown and "Juiste antwoord" in shown
    cert = store.certificates.certificates_of([learner_id])[0]
    assert cert.code in shown and cert.score == 1.0


def test_palette_keeps_the_tick_of_a_flagged_answer_and_the_legend_draws_its_icons(
    store: Store, content: Content
) -> None:
    """Issue 26 item 19: the legend drew 🚩 while the palette showed an outline flag, and a
    flagged answered question showed only the flag, losing its ✓."""
    at, learner_id = exam_page(store, "Markeerder")
    at.button(key="exam_start").click().run()
    exam = store.exams.open_exam(learner_id, now=datetime.now(UTC))
    assert exam is not None
    by_id = {q.id: q for _, q in content.questions()}
    first, second = (by_id[d.question_id] for d in exam.draw[:2])
    store.attempts.save_answer(exam.id, first.id, correct_response(first), now=datetime.now(UTC))
    store.attempts.save_answer(exam.id, second.id, correct_response(second), now=datetime.now(UTC))
    store.exams.set_flag(exam.id, first.id, True, now=datetime.now(UTC))
    third = exam.draw[2].question_id
    store.exams.set_flag(exam.id, third, True, now=datetime.now(UTC))
    at.run()
    assert not at.exception
    buttons = {n: at.button(key=f"palette_{exam.id}_{n}") for n in (1, 2, 3, 4)}
    shown = {n: f"{b.proto.icon} {b.label}" for n, b in buttons.items()}
    assert "check" in shown[1] and "flag" in shown[1]  # answered and flagged: both marks
    assert "check" in shown[2] and "flag" not in shown[2]
    assert "check" not in shown[3] and "flag" in shown[3]
    assert "check" not in shown[4] and "flag" not in shown[4]
    legend = next(c.value for c in at.caption if "nog open" in c.value)
    assert ":material/check:" in legend and ":material/flag:" in legend  # the palette's own icons
    assert "🚩" not in legend and "✓" not in legend


def test_refresh_resumes_same_exam_and_question(store: Store, content: Content) -> None:
    at, learner_id = exam_page(store, "Ververser")
    at.button(key="exam_start").click().run()
    exam = store.exams.open_exam(learner_id, now=datetime.now(UTC))
    assert exam is not None
    at.button(key=f"palette_{exam.id}_4").click().run()
    assert at.query_params["q"] in ("4", ["4"])
    code = store.learners.learner(learner_id).code
    fresh = AppTest.from_file(str(PROJECT_ROOT / UI / "exam.py"), default_timeout=60)
    fresh.session_state["learner_id"] = learner_id
    fresh.query_params["learner"], fresh.query_params["q"] = code, "4"
    fresh.run()
    assert "**Vraag 4**" in texts(fresh)  # a new session (a refresh) opens the same question
    assert store.exams.open_exam(learner_id, now=datetime.now(UTC)).id == exam.id  # type: ignore[union-attr]


def test_time_up_page_submits_at_deadline(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Te laat", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=datetime.now(UTC) - timedelta(hours=2))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py").run()
    assert not at.exception
    done = store.attempts.attempt(exam.id)
    assert done.submitted_at == exam.deadline_at
    assert "Eerdere examens" in texts(at)  # (the start-up sweep of this new store submitted it)
    (link,) = [p for p in at.get("page_link") if "niet geslaagd" in p.proto.label]
    assert "0%" in link.proto.label


def test_history_on_progress_and_group_results_with_revoke(store: Store, content: Content) -> None:
    from .test_trainer_pages import signed_in

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Examengroep", now=datetime.now(UTC))
    learner = store.learners.create_learner("Geslaagde", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=T0 - timedelta(days=1))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=5)
    answer_all(store, content, exam.id, T0 + timedelta(minutes=1))
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=9))
    cert = store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/progress.py").run()
    assert not at.exception
    assert "Examens" in texts(at)
    table = at.dataframe[-1].value
    assert cert.code in table.to_string() and "geslaagd" in table.to_string()
    trainer = signed_in(store)
    trainer.switch_page(f"{UI}/results.py").run()
    assert not trainer.exception
    assert "Examens van deze groep" in texts(trainer)
    assert "Geslaagde" in trainer.dataframe[-1].value.to_string()
    form_inputs = [w for w in trainer.text_input if w.label.startswith("Reden")]
    form_inputs[0].input("Fraude bij het examen")
    trainer.button(key="FormSubmitter:exam_revoke-Intrekken").click().run()
    assert not trainer.exception
    revoked = store.certificates.certificate(cert.code)
    assert revoked is not None and revoked.revoked and revoked.revoked_reason == "Fraude bij het examen"
    assert "Fraude bij het examen" in trainer.dataframe[-1].value.to_string()  # the trainer sees why


def test_the_revoke_form_offers_only_certificates_earned_in_the_group(store: Store, content: Content) -> None:
    from .test_trainer_pages import signed_in

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Examengroep", now=datetime.now(UTC))
    learner = store.learners.create_learner("Elders Geslaagd", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=5)
    answer_all(store, content, exam.id, T0 + timedelta(minutes=1))
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=9))
    cert = store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=T0 + timedelta(days=3))
    trainer = signed_in(store)
    trainer.switch_page(f"{UI}/results.py").run()
    assert not trainer.exception
    assert cert.code in trainer.dataframe[-1].value.to_string()  # listed with the group's exams
    assert not [b for b in trainer.button if b.key == "FormSubmitter:exam_revoke-Intrekken"]


def test_trainer_sets_group_exam_settings(store: Store, content: Content) -> None:
    from .test_trainer_pages import signed_in

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Snelle groep", now=datetime.now(UTC))
    at = signed_in(store)
    at.switch_page(f"{UI}/groups.py").run()
    assert not at.exception
    at.number_input(key=f"exq_{group.id}").set_value(14)
    at.number_input(key=f"exm_{group.id}").set_value(10)
    at.number_input(key=f"exp_{group.id}").set_value(60)
    at.button(key=f"FormSubmitter:exam_settings_{group.id}-Instellingen bewaren").click().run()
    assert not at.exception
    assert store.exams.group_exam(group.id) == GroupExam(questions=14, minutes=10, pass_mark=0.6)


def test_a_group_exam_window_opens_and_closes_at_midnight_in_the_trainers_zone(store: Store) -> None:
    """Groups have no zone of their own: the days a trainer picks are days on the wall clock
    they see (their browser's zone, else MGLEARN_TIMEZONE), as for an assignment's due date.
    Closing on 10 March in Amsterdam ends at 23:59:59 there, not at 23:59:59 UTC (00:59)."""
    from datetime import date

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Avondgroep", now=datetime.now(UTC))
    learner = store.learners.create_learner("Laat", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.context = {"timezone": "Europe/Amsterdam"}
    at.session_state["trainer_session"] = store.trainers.open_session(tina.id, now=datetime.now(UTC))
    at.run()
    at.switch_page(f"{UI}/groups.py").run()
    at.date_input(key=f"exo_{group.id}").set_value(date(2026, 3, 1))
    at.date_input(key=f"exs_{group.id}").set_value(date(2026, 3, 10))
    at.button(key=f"FormSubmitter:exam_settings_{group.id}-Instellingen bewaren").click().run()
    assert not at.exception
    saved = store.exams.group_exam(group.id)
    assert saved.opens_at == datetime(2026, 2, 28, 23, 0, tzinfo=UTC)  # 1 March 00:00 CET
    assert saved.closes_at == datetime(2026, 3, 10, 22, 59, 59, tzinfo=UTC)  # 10 March 23:59:59 CET
    assert store.exams.may_start_exam(learner.id, now=datetime(2026, 3, 10, 22, 59, tzinfo=UTC))[0] == "ok"
    assert (
        store.exams.may_start_exam(learner.id, now=datetime(2026, 3, 10, 23, 30, tzinfo=UTC))[0] == "closed"
    )
    at.run()  # the form shows the days that were picked, not the UTC dates of those moments
    assert at.date_input(key=f"exo_{group.id}").value == date(2026, 3, 1)
    assert at.date_input(key=f"exs_{group.id}").value == date(2026, 3, 10)


def test_verify_page_without_sign_in(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Controle", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=5)
    answer_all(store, content, exam.id, T0)
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=3))
    cert = store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(f"{UI}/verify.py").run()
    at.text_input[0].input(cert.code.lower())
    at.button(key="FormSubmitter:verify_form-Controleren").click().run()
    assert not at.exception
    assert "Geldig certificaat" in texts(at)
    assert "Controle" in str(at.table[0].value)
    at.query_params["code"] = "MC-2222-2222-2222-2222"
    at.run()
    assert "Deze code kennen we niet" in texts(at)


@pytest.mark.postgres
def test_exam_deadline_sweep_and_certificate_on_postgres(pg_url: str, content: Content) -> None:
    with fresh_pg(pg_url) as url:
        store = Store(url)
        try:
            learner_id, exam_id = started(store, content)
            answer_all(store, content, exam_id, T0 + timedelta(minutes=29, seconds=59))
            assert store.exams.sweep_exams(now=T0 + timedelta(minutes=30) + GRACE) == 0
            later = T0 + timedelta(minutes=30) + GRACE + timedelta(seconds=1)
            assert store.exams.sweep_exams(now=later) == 1
            done = store.attempts.attempt(exam_id)
            assert done.submitted_at == T0 + timedelta(minutes=30) and done.passed
            cert = store.certificates.issue_certificate(exam_id, now=datetime.now(UTC))
            assert store.certificates.certificate(cert.code) == cert
        finally:
            store.dispose()


def test_per_lesson_names_lessons_in_lesson_order(store: Store, content: Content) -> None:
    """Issue 26 item 18: "Per les" listed quiz titles under a lesson header, weakest first."""
    learner = store.learners.create_learner("Per Les", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=5)
    by_id = {q.id: q for _, q in content.questions()}
    lesson_of = {q.id: quiz.lesson for quiz, q in content.questions()}
    last = content.lessons[-1].id
    for d in exam.draw:  # every lesson right but the last: weakest first would put it on top
        if lesson_of[d.question_id] != last:
            store.attempts.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=3))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py")
    at.query_params["exam"] = str(exam.id)
    at.run()
    assert not at.exception
    table = next(f.value for f in at.dataframe if "Les" in f.value.columns)
    assert list(table["Les"]) == [f"{x.order}. {x.title.nl}" for x in content.lessons]
    assert list(table["Score"])[-1] == "0%"


def test_the_verify_page_shows_names_and_typed_codes_as_text(store: Store, content: Content) -> None:
    """Review finding: a learner-chosen name and a code typed into the address were rendered
    as Markdown on the public verification page (a link anyone could plant)."""
    learner = store.learners.create_learner(
        "[Officieel](https://evil.example) **echt**", now=datetime.now(UTC)
    )
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=5)
    answer_all(store, content, exam.id, T0)
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=3))
    cert = store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(f"{UI}/verify.py")
    at.query_params["code"] = cert.code
    at.run()
    name = str(at.table[0].value.iloc[0, 1])
    assert name.startswith("\\[Officieel\\]") and "\\*\\*echt\\*\\*" in name  # escaped: shown as typed
    at.query_params["code"] = "[klik hier](https://evil.example)"
    at.run()
    assert not at.exception
    assert "evil.example" not in "\n".join(c.value for c in at.caption)


def test_a_hostile_question_number_in_the_address_opens_question_one(store: Store, content: Content) -> None:
    """Review finding: ?q=² passed str.isdigit() and crashed int() with a traceback."""
    learner = store.learners.create_learner("Adres", now=datetime.now(UTC))
    store.exams.start_exam(learner.id, content, seed=5, now=datetime.now(UTC))
    for hostile in ("²", "9" * 5000, "-1"):
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
        at.query_params["learner"] = learner.code
        at.run()
        at.switch_page(f"{UI}/exam.py")
        at.query_params["q"] = hostile
        at.run()
        assert not at.exception, hostile


def test_one_click_that_changes_several_boxes_is_written_once(store: Store, content: Content) -> None:
    """As on the quiz page (tests/test_quiz_tabs.py): several boxes of one question changed in
    one rerun are one answer, written once."""
    at, learner_id = exam_page(store, "Snelle Klikker")
    at.button(key="exam_start").click().run()
    exam = store.exams.open_exam(learner_id, now=datetime.now(UTC))
    assert exam is not None
    by_id = {q.id: q for _, q in content.questions()}
    number, d = next((n, d) for n, d in enumerate(exam.draw, 1) if by_id[d.question_id].type == "multiple")
    at.button(key=f"palette_{exam.id}_{number}").click().run()
    chosen = list(d.order[:2])
    tick_in_one_run(at, f"x{exam.id}_{d.question_id}", d.order, chosen)
    assert not at.exception
    assert sorted(store.attempts.answers(exam.id)[d.question_id]) == sorted(chosen)
    assert store.attempts.attempt(exam.id).seq == exam.seq + 1  # one write, not one per box
    at.checkbox(key=box_key(f"x{exam.id}_{d.question_id}", 0)).uncheck().run()  # then a change
    assert store.attempts.answers(exam.id)[d.question_id] == [chosen[1]]
    assert store.attempts.attempt(exam.id).seq == exam.seq + 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_verify_page_shows_its_address_without_invisible_characters(
    store: Store, content: Content, lang: str
) -> None:
    """Found in the browser: the public address shown had a WORD JOINER (U+2060) inside
    ``https://``, so a copied address did not open. It is a real link, in the page's language."""
    learner = store.learners.create_learner("Adres Kopieerder", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=5)
    answer_all(store, content, exam.id, T0)
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=3))
    cert = store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"{UI}/verify.py")
    at.query_params["code"] = cert.code
    at.run()
    assert not at.exception
    shown = "\n".join(c.value for c in [*at.caption, *at.markdown])
    assert "\u2060" not in shown
    assert f"/verify/{cert.code}?lang={lang}" in shown
    shown_date = str(at.table[0].value.iloc[1, 1]).replace("\\", "")  # Markdown-escaped text
    assert shown_date == "02-03-2026"  # as the app shows dates
