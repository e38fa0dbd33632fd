"""The learner's path (issue 14): time zones, the overview's next step, plurals, my progress and
its download, the language before sign-in, name and groups, and names shown as text."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from mglearn import i18n
from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content
from mglearn.progress import history_csv, history_table
from mglearn.records import Learner
from mglearn.store import Store
from mglearn.timezones import due_end_of_day, format_moment, zone_or_default
from mglearn.ui.widgets import WORD_JOINER, md_escape

from .test_app import texts

APP = str(PROJECT_ROOT / "app.py")
UI = "mglearn/ui"
EVIL = "**bold** [x](http://evil) http://evil.example $x^2$"


def app(zone: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if zone:
        at.context = {"timezone": zone}
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def query(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def pass_quiz(store: Store, content: Content, learner: Learner, order: int, right: bool = True) -> None:
    lesson = content.lessons[order - 1]
    quiz = content.quiz_for_lesson(lesson.id)
    assert quiz is not None
    store.learners.mark_read(learner.id, lesson.id, now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(learner.id, quiz, seed=7, now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(attempt):
        response = correct_response(q) if right else [None]
        store.attempts.save_answer(attempt.id, q.id, response, now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))


# -- 1. time zones ------------------------------------------------------------------------


def test_due_date_is_the_end_of_that_day_in_the_zone() -> None:
    due = due_end_of_day(date(2026, 12, 1), "Europe/Amsterdam")
    assert due == datetime(2026, 12, 1, 22, 59, 59, tzinfo=UTC)  # stored as UTC
    assert format_moment(due, "Europe/Amsterdam") == "01-12-2026 23:59"
    summer = due_end_of_day(date(2026, 7, 1), "Europe/Amsterdam")
    assert summer == datetime(2026, 7, 1, 21, 59, 59, tzinfo=UTC)
    assert format_moment(due_end_of_day(date(2026, 12, 1), "America/New_York"), "America/New_York") == (
        "01-12-2026 23:59"
    )


def test_zone_setting_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MGLEARN_TIMEZONE", raising=False)
    assert zone_or_default(None) == "Europe/Amsterdam"
    assert zone_or_default("Not/AZone") == "Europe/Amsterdam"
    assert zone_or_default("Asia/Tokyo") == "Asia/Tokyo"
    monkeypatch.setenv("MGLEARN_TIMEZONE", "America/New_York")
    assert zone_or_default(None) == "America/New_York"
    assert zone_or_default("") == "America/New_York"


def _learner_with_assignment(store: Store) -> Learner:
    trainer = store.trainers.add_trainer("Tina", "a-long-password-1", now=datetime.now(UTC))
    group = store.groups.create_group(trainer.id, "Groep A", now=datetime.now(UTC))
    learner = store.learners.create_learner("Daan", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    due = due_end_of_day(date(2099, 12, 1), "Europe/Amsterdam")
    store.groups.create_assignment(group, "Les 1 lezen", ["functies"], [], due, now=datetime.now(UTC))
    return learner


def test_due_date_shows_in_the_viewers_zone(store: Store) -> None:
    learner = _learner_with_assignment(store)
    at = app("Europe/Amsterdam", learner=learner.code)
    assert not at.exception
    assert "uiterlijk 01-12-2099 23:59" in texts(at)
    at = app("America/New_York", learner=learner.code)
    assert "uiterlijk 01-12-2099 17:59" in texts(at)


def test_without_a_browser_zone_the_setting_is_used(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    learner = _learner_with_assignment(store)
    monkeypatch.setenv("MGLEARN_TIMEZONE", "Asia/Tokyo")
    at = app(None, learner=learner.code)
    assert "uiterlijk 02-12-2099 07:59" in texts(at)


# -- 2. no deprecated Streamlit calls (the autouse guard in conftest fails on any) ------------


def test_progress_page_makes_no_deprecated_call(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Eva", now=datetime.now(UTC))
    pass_quiz(store, content, learner, 1)
    at = app("Europe/Amsterdam", learner=learner.code)
    at.switch_page(f"{UI}/progress.py").run()
    assert not at.exception
    assert "Mijn voortgang" in texts(at)


def test_deprecation_guard_sees_streamlits_log() -> None:
    import logging

    handlers = logging.getLogger("streamlit.deprecation_util").handlers
    assert any(type(h).__name__ == "_Collect" for h in handlers)


# -- 3. the next step ------------------------------------------------------------------------


def next_button(at: AppTest) -> str:
    return str(at.button(key="next_action").label)


def test_new_learner_begins_with_lesson_one(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Fleur", now=datetime.now(UTC))
    at = app(learner=learner.code)
    label = next_button(at)
    assert label == f"Begin met les 1: {content.lessons[0].title.nl}"
    assert "Verder waar je was" not in label


def test_after_a_passed_quiz_the_next_lesson(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Gijs", now=datetime.now(UTC))
    pass_quiz(store, content, learner, 1)
    at = app(learner=learner.code)
    assert next_button(at) == f"Volgende les: 2. {content.lessons[1].title.nl}"
    at.button(key="next_action").click().run()
    assert query(at, "lesson") == content.lessons[1].id


def test_open_quiz_is_resumed_and_a_failed_one_retried(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Hanna", now=datetime.now(UTC))
    lesson = content.lessons[0]
    quiz = content.quiz_for_lesson(lesson.id)
    assert quiz is not None
    store.learners.mark_read(learner.id, lesson.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    assert next_button(at) == "Maak de toets bij les 1"
    store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    at = app(learner=learner.code)
    assert next_button(at) == "Verder waar je was: de toets bij les 1"
    attempt = store.attempts.open_attempt(learner.id, quiz.id)
    assert attempt is not None
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    at = app(learner=learner.code)
    assert next_button(at) == "Probeer de toets bij les 1 opnieuw"


def test_lesson_opens_at_a_section(store: Store, content: Content) -> None:
    from mglearn.ui import widgets

    assert callable(widgets.link_to_section)
    learner = store.learners.create_learner("Ivo", now=datetime.now(UTC))
    lesson = content.lessons[1]
    section = lesson.sections[-1]
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = lesson.id
    at.query_params["section"] = section.id
    at.run()
    assert not at.exception
    assert f"Herhaal dit deel: **{section.title.nl}**" in texts(at)
    scripts = [h.value for h in at.html if "scrollIntoView" in h.value]
    assert scripts and f'"{section.id}"' in scripts[0]


# -- 4. plurals ------------------------------------------------------------------------------


def test_dutch_plurals() -> None:
    assert i18n.tn("plural.questions", 1) == "1 vraag"
    assert i18n.tn("plural.questions", 2) == "2 vragen"
    assert i18n.tn("plural.minutes", 1) == "1 minuut"
    assert i18n.tn("plural.minutes", 5) == "5 minuten"
    assert i18n.tn("plural.minutes", 1, "en") == "1 minute"
    assert i18n.tn("plural.steps", 1, done=0) == "0 van 1 stap klaar"


def test_overview_and_lesson_say_minuten(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Jet", now=datetime.now(UTC))
    at = app(learner=learner.code)
    minutes = content.lessons[0].minutes
    assert f"{minutes} minuten" in texts(at) or f"{minutes} minuut" in texts(at)
    assert f"{minutes} min ·" not in texts(at)
    assert "0 van 14 stappen klaar" in str(at.get("progress")[0].proto.text)


# -- 5. my progress and its download ------------------------------------------------------


def test_progress_table_has_no_none_and_whole_dates(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Kees", now=datetime.now(UTC))
    pass_quiz(store, content, learner, 1)
    at = app("Europe/Amsterdam", learner=learner.code)
    at.switch_page(f"{UI}/progress.py").run()
    table = at.dataframe[0].value
    cells = [str(v) for v in table.to_numpy().ravel()]
    assert "None" not in cells and "nan" not in cells
    read = table.iloc[0, 1]
    assert len(read) == len("01-12-2026") and read.count("-") == 2
    assert table.iloc[1, 3] == "–"  # lesson 2: no score yet, a dash
    assert "Download mijn geschiedenis (CSV)" in [b.label for b in at.get("download_button")]


def test_history_download_file_name_carries_no_resume_code(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file lands in Downloads, a shared folder, a mail: its name must not hand out the
    key to the learner's work."""
    import streamlit as st

    learner = store.learners.create_learner("Kees", now=datetime.now(UTC))
    pass_quiz(store, content, learner, 1)
    names: list[str] = []
    real = st.download_button

    def recording(*args: object, **kwargs: object) -> object:
        names.append(str(kwargs.get("file_name")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(st, "download_button", recording)
    at = app("Europe/Amsterdam", learner=learner.code)
    at.switch_page(f"{UI}/progress.py").run()
    assert not at.exception
    (name,) = [n for n in names if n.endswith(".csv")]
    code = learner.code
    assert code not in name and code.replace("-", "") not in name and code[3:] not in name
    assert name.startswith("mglearn-geschiedenis")


def test_history_download_speaks_the_learners_language(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Lotte", now=datetime.now(UTC))
    pass_quiz(store, content, learner, 1)
    attempts = store.attempts.learner_attempts(learner.id)
    versions = {a.id: {q.id: q for _, q in store.attempts.questions_of(a)} for a in attempts}
    titles = {q.id: q.title.nl for q in content.quizzes}
    rows = history_table(store.attempts.history(learner.id), versions, titles, "nl", "Europe/Amsterdam")
    data = history_csv(rows, "nl", "Europe/Amsterdam")
    assert data.startswith(b"\xef\xbb\xbf")  # a UTF-8 BOM for spreadsheets
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(table[0]) == [
        "Poging",
        "Toets",
        "Begonnen (Europe/Amsterdam)",
        "Ingeleverd (Europe/Amsterdam)",
        "Score poging (%)",
        "Gehaald",
        "Vraag-id",
        "Vraag",
        "Jouw antwoord",
        "Score vraag (%)",
        "Beantwoord (Europe/Amsterdam)",
    ]
    by_id = {q.id: q for v in versions.values() for q in v.values()}
    for row in table:
        q = by_id[row["Vraag-id"]]
        assert not re.match(r"\[\d", row["Jouw antwoord"])  # texts, not a list of option numbers
        if q.type == "gapselect":
            gaps = [f"[[{g}]] {q.options[i].text.nl}" for g, i in enumerate(correct_response(q), 1)]
            assert row["Jouw antwoord"].lstrip("'") == "; ".join(gaps)
        elif q.type != "matching":
            wanted = " | ".join(q.options[i].text.nl for i in correct_response(q) if i is not None)
            assert row["Jouw antwoord"].lstrip("'") == wanted
        else:
            assert "→" in row["Jouw antwoord"]
        assert row["Gehaald"] == "ja" and row["Score poging (%)"] == "100"
    english = history_csv(
        history_table(store.attempts.history(learner.id), versions, titles, "en", "UTC"), "en", "UTC"
    ).decode("utf-8-sig")
    assert english.startswith("Attempt,Quiz,Started (UTC)")


# -- 6. the language before sign-in ----------------------------------------------------------


def test_language_from_the_url_is_kept_before_sign_in(store: Store) -> None:
    at = app(lang="en")
    assert not at.exception
    assert "Magnesium: the quiet force" in texts(at)
    assert query(at, "lang") == "en"
    at.run()  # a rerun (any click) keeps it
    assert "Magnesium: the quiet force" in texts(at)
    at.text_input(key="start_name").input("Mia")
    at.button(key="FormSubmitter:new_learner-Start learning").click().run()
    code = query(at, "learner")
    assert code is not None
    learner = store.learners.learner_by_code(code, now=datetime.now(UTC))
    assert learner is not None and learner.lang == "en"
    assert query(at, "lang") == "en"


def test_picking_a_language_puts_it_in_the_url(store: Store) -> None:
    at = app()
    assert query(at, "lang") == "nl"
    at.segmented_control(key="_lang_start").set_value("en").run()
    assert query(at, "lang") == "en"
    assert "Magnesium: the quiet force" in texts(at)


# -- 7. name and groups --------------------------------------------------------------------


def test_learner_renames_joins_and_leaves(store: Store) -> None:
    trainer = store.trainers.add_trainer("Tom", "a-long-password-1", now=datetime.now(UTC))
    group = store.groups.create_group(trainer.id, "Avondgroep", now=datetime.now(UTC))
    learner = store.learners.create_learner("Noor", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/start.py").run()
    assert not at.exception
    at.text_input(key="account_name").input("Noor B.")
    at.button(key="FormSubmitter:rename-Naam opslaan").click().run()
    assert store.learners.learner(learner.id).name == "Noor B."
    assert "Noor B" in texts(at)

    at.text_input(key="account_join").input(group.join_code.lower())
    at.button(key="FormSubmitter:join-Lid worden van een groep").click().run()
    assert [g.id for g in store.groups.learner_groups(learner.id)] == [group.id]
    assert "Avondgroep" in texts(at)

    at.button(key=f"leave_{group.id}").click().run()
    assert store.groups.learner_groups(learner.id) == []
    assert "Je zit nog in geen enkele groep." in texts(at)


def test_unknown_group_code_is_refused(store: Store) -> None:
    learner = store.learners.create_learner("Olaf", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/start.py").run()
    at.text_input(key="account_join").input("GR-AAAA-BBBB")
    at.button(key="FormSubmitter:join-Lid worden van een groep").click().run()
    assert "Deze groepscode kennen we niet" in texts(at)


# -- names are text -------------------------------------------------------------------------


def test_md_escape_breaks_formatting_links_and_math() -> None:
    out = md_escape(EVIL)
    assert out.startswith(f"\\*\\*bold\\*\\* \\[x\\]\\(http:{WORD_JOINER}//")
    assert "\\$x^2\\$" in out
    assert "http://" not in out and f"http:{WORD_JOINER}//evil" in out
    assert md_escape("WWW.evil.example").startswith(f"WWW{WORD_JOINER}")
    assert md_escape("a@evil.example") == f"a@{WORD_JOINER}evil\\.example"


def test_a_hostile_name_is_shown_as_text_on_every_learner_page(store: Store, content: Content) -> None:
    learner = store.learners.create_learner(EVIL, now=datetime.now(UTC))
    trainer = store.trainers.add_trainer("Pim", "a-long-password-1", now=datetime.now(UTC))
    group = store.groups.create_group(trainer.id, EVIL, now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    store.groups.create_assignment(
        group, EVIL, ["functies"], [], datetime(2099, 1, 1, tzinfo=UTC), now=datetime.now(UTC)
    )
    at = app(learner=learner.code)
    for page in ("overview", "start", "lesson", "progress"):
        at.switch_page(f"{UI}/{page}.py").run()
        assert not at.exception, page
        shown = texts(at) + "\n".join(str(m.value) for m in at.sidebar.markdown)
        assert "http://evil" not in shown, page  # never a link: a word joiner follows ://
        assert "**bold**" not in shown and "[x](" not in shown and "$x^2$" not in shown, page
