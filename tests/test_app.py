"""The learner app through streamlit.testing.v1.AppTest: what a learner sees and what is stored."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content, Question
from mglearn.store import Attempt, Store
from mglearn.ui.questions import box_key

APP = str(PROJECT_ROOT / "app.py")
UI = "mglearn/ui"


def app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in (
            "markdown",
            "success",
            "error",
            "warning",
            "info",
            "caption",
            "title",
            "header",
            "subheader",
        )
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def answer(at: AppTest, attempt: Attempt, q: Question, response: list[int]) -> None:
    """Set the widgets of one question the way a learner would.

    An answer reruns only its question's fragment (and the counter and submit area); a
    browser keeps the rest of the page, AppTest's element tree holds only what reran, so
    each step is followed by a full run to see the whole page again."""
    key = f"a{attempt.id}_{q.id}"
    order = next(d.order for d in attempt.draw if d.question_id == q.id)
    if q.type in ("single", "true_false"):
        at.radio(key=key).set_value(response[0]).run()
    elif q.type == "multiple":
        for i in response:
            at.checkbox(key=box_key(key, order.index(i))).check().run().run()
    else:
        for j, right in enumerate(response):
            at.selectbox(key=f"{key}_{j}").set_value(right).run().run()
    at.run()


def tick_in_one_run(at: AppTest, key: str, order: tuple[int, ...], options: list[int]) -> None:
    """Tick several boxes of one question (authored option numbers, shown in ``order``) and
    send them in one rerun (as a browser does with changes made while a run was busy)."""
    for i in options:
        at.checkbox(key=box_key(key, order.index(i))).check()
    at.run()


def wrong_response(q: Question) -> list[int]:
    if q.type == "matching":
        n = len(q.pairs)
        return [(j + 1) % n for j in range(n)]
    if q.type == "gapselect":  # a distractor in every gap
        return [next(i for i, o in enumerate(q.options) if not o.correct)] * sum(o.correct for o in q.options)
    return [next(i for i, o in enumerate(q.options) if not o.correct)]


def test_start_creates_learner_with_code_in_url(store: Store) -> None:
    at = app()
    assert not at.exception
    at.text_input(key="start_name").input("  Anna  de Vries ")
    at.button(key="FormSubmitter:new_learner-Beginnen").click().run()
    code = at.query_params["learner"]
    code = code[0] if isinstance(code, list) else code
    learner = store.learners.learner_by_code(code, now=datetime.now(UTC))
    assert learner is not None and learner.name == "Anna de Vries"
    assert code in texts(at)


def test_empty_name_gets_clear_message_and_no_record(store: Store) -> None:
    at = app()
    at.text_input(key="start_name").input("   ")
    at.button(key="FormSubmitter:new_learner-Beginnen").click().run()
    assert not at.exception
    assert "Vul een naam in" in texts(at)
    with store.db.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from learners").scalar_one() == 0


def test_unknown_code_is_refused_with_message(store: Store) -> None:
    at = app()
    at.text_input(key="start_code").input("MG-AAAA-BBBB")
    at.button(key="FormSubmitter:resume-Verdergaan").click().run()
    assert "Deze code kennen we niet" in texts(at)


def test_learner_path_from_start_to_passed_quiz(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Bram", now=datetime.now(UTC))
    at = app(learner=learner.code)
    assert "Jouw leerpad" in texts(at)  # a known code opens the overview
    lesson = content.lessons[0]
    quiz = content.quiz_for_lesson(lesson.id)
    assert quiz is not None

    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = lesson.id
    at.run()
    assert lesson.title.nl in texts(at)
    assert lesson.sections[0].title.nl in texts(at)
    assert any("Buiten het artikel" in e.label for e in at.expander)
    next(b for b in at.button if b.label == "Markeer als gelezen").click().run()
    assert lesson.id in store.learners.reads(learner.id)

    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.run()
    next(b for b in at.button if b.label == "Start de toets").click().run()
    attempt = store.attempts.open_attempt(learner.id, quiz.id)
    assert attempt is not None
    for _, q in store.attempts.questions_of(attempt):
        answer(at, attempt, q, [int(i) for i in correct_response(q) if i is not None])
    assert len(store.attempts.answers(attempt.id)) == quiz.shown  # saved as answered, before submit
    assert "Nog niet beantwoord" not in texts(at)
    at.button(key=f"submit_{attempt.id}").click().run()
    assert not at.exception
    done = store.attempts.attempt(attempt.id)
    assert done.submitted and done.score == 1.0 and done.passed
    assert "Gehaald! Je score is 100%" in texts(at)
    assert "Nabespreking" in texts(at)

    at.switch_page(f"{UI}/overview.py").run()
    assert "Toets gehaald · beste 100%" in texts(at)


def test_wrong_answer_shows_its_feedback_and_the_right_one(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Cato", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    at = app(learner=learner.code, quiz=quiz.id)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.run()
    single = next(q for _, q in store.attempts.questions_of(attempt) if q.type == "single")
    wrong = wrong_response(single)[0]
    answer(at, attempt, single, [wrong])
    assert f"Je hebt {quiz.shown - 1} vragen nog niet" in texts(at)  # unanswered flagged before submit
    at.button(key=f"submit_{attempt.id}").click().run()
    shown = texts(at)
    assert "Nog niet gehaald" in shown
    assert f"❌ *{single.options[wrong].text.nl}* — {single.options[wrong].feedback.nl}" in shown
    right = next(o for o in single.options if o.correct)
    # the right answer on green, the wrong choice on red, each with an icon and a word (issue 30)
    assert f"**Juiste antwoord:** :green-background[:material/check_circle: {right.text.nl}]" in shown
    assert f"**Jouw antwoord:** :red-background[:material/cancel: {single.options[wrong].text.nl}]" in shown
    assert single.explanation.nl in shown
    assert store.attempts.attempt(attempt.id).score == 0.0


def test_resume_in_fresh_session_restores_reads_and_open_attempt(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Dirk", now=datetime.now(UTC))
    store.learners.mark_read(learner.id, content.lessons[0].id, now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    questions = store.attempts.questions_of(attempt)
    first_drawn, first = next((d, q) for d, q in questions if q.type == "single")
    store.attempts.save_answer(attempt.id, first.id, [first_drawn.order[1]], now=datetime.now(UTC))

    at = app(learner=learner.code)  # a new browser session that only has the code
    assert "Toets bezig" in texts(at)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.run()
    radio = at.radio(key=f"a{attempt.id}_{first.id}")
    assert radio.value == first_drawn.order[1]
    assert radio.options == [first.options[i].text.nl for i in first_drawn.order]  # same order
    progress = at.get("progress")[0].proto
    assert progress.text == f"1 van {quiz.shown} beantwoord" and progress.value == int(1 / quiz.shown * 100)


def test_english_rendering(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Eve", lang="en", now=datetime.now(UTC))
    at = app(learner=learner.code)
    shown = texts(at)
    assert "Your learning path" in shown
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = content.lessons[1].id
    at.run()
    shown = texts(at)
    assert content.lessons[1].title.en in shown
    assert content.lessons[1].sections[0].title.en in shown


def test_language_choice_is_remembered(store: Store) -> None:
    learner = store.learners.create_learner("Fay", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.segmented_control(key="_lang_sidebar").set_value("en").run()
    assert "Your learning path" in texts(at)
    assert store.learners.learner(learner.id).lang == "en"


def test_progress_page_and_csv(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Gus", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    _, q = store.attempts.questions_of(attempt)[0]
    store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/progress.py").run()
    assert not at.exception
    assert "Per onderwerp" in texts(at)
    frame = at.dataframe[0].value
    assert list(frame["Pogingen"])[0] == 1


def test_pages_need_a_learner() -> None:
    at = app()
    assert [e.value for e in at.title] == ["Magnesium: de stille kracht"]


def test_no_unsafe_html_with_input() -> None:
    for path in list((PROJECT_ROOT / "mglearn").rglob("*.py")) + [Path(APP)]:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path


def test_unreachable_database_gets_a_message_not_a_traceback(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MGLEARN_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = app()
    assert not at.exception
    assert "De database is even niet bereikbaar" in texts(at)


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "mysql://root@localhost/db",
        "postgresql://nobody@127.0.0.1/none",  # the default driver, psycopg2, is not installed
        "sqlite:////proc/mglearn/cannot/create/this.sqlite3",
    ],
)
def test_misconfigured_database_gets_a_short_message(monkeypatch, caplog, url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 15.6: no traceback and no server path to a visitor; the details go to the log."""
    monkeypatch.setenv("MGLEARN_DATABASE_URL", url)
    at = app()
    assert not at.exception
    shown = texts(at)
    assert "kan haar database niet openen door een instelling op de server" in shown
    assert "Traceback" not in shown and "/proc" not in shown and "/work" not in shown
    assert any("MGLEARN_DATABASE_URL" in r.getMessage() for r in caplog.records)


def test_cli_says_what_is_wrong_with_the_database_setting(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from mglearn.__main__ import main

    monkeypatch.setenv("MGLEARN_DATABASE_URL", "mysql://root@localhost/db")
    assert main(["trainer", "list"]) == 1
    assert "unsupported database 'mysql'" in capsys.readouterr().err


def test_cli_with_unreachable_database(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from mglearn.__main__ import main

    monkeypatch.setenv("MGLEARN_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert main(["trainer", "list"]) == 1
    assert "Cannot use the database" in capsys.readouterr().err


def test_broken_content_shows_the_problems_not_a_traceback(store: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "lessons", root / "lessons")
    shutil.copytree(PROJECT_ROOT / "quizzes", root / "quizzes")
    quiz_file = next((root / "quizzes").glob("01-*.yaml"))
    quiz_file.write_text(
        quiz_file.read_text(encoding="utf-8").replace("pass_mark: 0.7", "pass_mark: 7"), "utf-8"
    )
    monkeypatch.setenv("MGLEARN_CONTENT_DIR", str(root))
    learner = store.learners.create_learner("Auteur", now=datetime.now(UTC))
    at = app(learner=learner.code)
    assert not at.exception
    assert "De lesinhoud bevat fouten" in texts(at)
    # issue 26.20: the command the README gives, which works outside an activated venv too
    assert "`.venv/bin/mglearn check`" in texts(at) and "python -m" not in texts(at)
    assert "pass_mark 7.0 must be more than 0 and at most 1" in at.code[0].value


def test_answer_from_a_stale_tab_is_refused_with_a_message(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Twee Tabs", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.run()
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))  # submitted meanwhile in another tab
    single = next(q for _, q in store.attempts.questions_of(attempt) if q.type == "single")
    at.radio(key=f"a{attempt.id}_{single.id}").set_value(0).run()
    assert not at.exception
    assert "Deze poging is al ingeleverd" in texts(at)
    assert store.attempts.answers(attempt.id)[single.id] == []  # nothing changed after the submit
