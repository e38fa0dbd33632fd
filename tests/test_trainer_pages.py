"""Trainer pages through AppTest: hidden and guarded for learners, working for trainers."""

from __future__ import annotations

from datetime import UTC, datetime

from streamlit.testing.v1 import AppTest

from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store

from .test_app import app, texts

UI = "mglearn/ui"


def signed_in(store: Store, name: str = "Tina") -> AppTest:
    """A trainer signed in the way the sign-in route does it (tests/test_web.py): a store session
    whose token the page reads; AppTest sends no cookies, so the token goes in the session."""
    trainer = store.trainers.trainer_by_name(name)
    assert trainer is not None
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.session_state["trainer_session"] = store.trainers.open_session(trainer.id, now=datetime.now(UTC))
    at.run()
    assert not at.exception
    return at


def trainer_signed_in(store: Store) -> AppTest:
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    return signed_in(store)


def test_learner_cannot_reach_trainer_pages(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Geheime groep", now=datetime.now(UTC))
    learner = store.learners.create_learner("Nieuwsgierig", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    at = app(learner=learner.code)
    for page in ("results", "groups"):  # registered (no "Page not found"), hidden, and closed
        at.switch_page(f"{UI}/{page}.py")
        at.run()
        shown = texts(at)
        assert "Meld je eerst aan als trainer" in shown and "Geheime groep" not in shown
    for page in ("results", "groups"):  # and each page checks the sign-in itself
        direct = AppTest.from_file(str(PROJECT_ROOT / UI / f"{page}.py"), default_timeout=30)
        direct.session_state["learner_id"] = learner.id
        direct.run()
        shown = texts(direct)
        assert "Meld je eerst aan als trainer" in shown
        assert "Geheime groep" not in shown and "Nieuwsgierig" not in shown
        assert not direct.dataframe


def test_sign_in_page_tells_whom_to_ask_for_an_account_not_a_shell_command() -> None:
    """Issue 26.20: the page showed end users `.venv/bin/mglearn trainer add NAAM` (that is
    the README's, for whoever runs the server)."""
    at = app()
    at.switch_page(f"{UI}/trainer.py").run()
    shown, forms = texts(at), "\n".join(h.value for h in at.html)
    assert "Vraag de beheerder van deze site om een traineraccount" in shown
    # (the brand's default name "mglearn" is in the sidebar; the command is not on the page)
    assert "bin/mglearn" not in shown + forms and "trainer add" not in shown + forms


def test_wrong_password_message() -> None:
    at = app(signin="failed")  # where the sign-in route sends a wrong password (tests/test_web.py)
    at.switch_page(f"{UI}/trainer.py").run()
    assert "Naam of wachtwoord klopt niet" in texts(at)


def test_trainer_creates_group_and_sees_results(store: Store, content: Content) -> None:
    at = trainer_signed_in(store)
    at.switch_page(f"{UI}/groups.py").run()
    at.text_input(key="group_name").input("Klas <b>3B</b>")
    at.button(key="FormSubmitter:new_group-Groep maken").click().run()
    assert not at.exception
    tina = store.trainers.trainer_by_name("Tina")
    assert tina is not None
    (group,) = store.groups.groups_of(tina.id)
    assert group.join_code in texts(at)

    learner = store.learners.create_learner("Lotte", now=datetime.now(UTC))
    learner_at = app(learner=learner.code, join=group.join_code)
    assert "Je bent lid van groep" in "\n".join(
        str(e.value) for e in learner_at.toast
    ) or store.groups.members(group.id)
    assert [m.name for m in store.groups.members(group.id)] == ["Lotte"]
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))

    at.switch_page(f"{UI}/results.py").run()
    assert not at.exception
    roster = at.dataframe[0].value
    assert list(roster["Leerling"]) == ["Lotte"]
    assert list(roster["Gehaalde toetsen"]) == ["1"]
    assert "1 poging ·" in texts(at)


def test_assignment_shows_on_learner_overview(store: Store, content: Content) -> None:
    from datetime import UTC, datetime, timedelta

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Groep", now=datetime.now(UTC))
    learner = store.learners.create_learner("Mo", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    store.groups.create_assignment(
        group,
        "Week 1",
        [content.lessons[0].id],
        [],
        datetime.now(UTC) + timedelta(days=3),
        now=datetime.now(UTC),
    )
    at = app(learner=learner.code)
    shown = texts(at)
    assert "Opdrachten van je groep" in shown and "Week 1" in shown and "Niet begonnen" in shown


def test_members_with_the_same_name_are_told_apart_without_their_resume_codes(
    store: Store, content: Content
) -> None:
    """Two Jans in one group: the trainer tells them apart by a running number in the order
    they started, never by their codes, whole or in part (a resume code signs in as that
    learner, and an old 8-character code is half known from its last four)."""
    from .test_access import sent

    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    jans = [store.learners.create_learner("Jan", now=datetime.now(UTC)) for _ in range(2)]
    for jan in jans:
        store.groups.join_group(jan.id, group.join_code, now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(jans[0].id, content.quizzes[0], now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    at = signed_in(store)
    at.switch_page(f"{UI}/results.py").run()
    assert not at.exception
    page = sent(at)
    for jan in jans:
        assert jan.code not in page and jan.code[3:] not in page
    options = at.selectbox(key="results_learner").options
    assert len(set(options)) == 2
    assert options == ["Jan (1)", "Jan (2)"]
    for jan in jans:
        assert jan.code[-4:] not in page
