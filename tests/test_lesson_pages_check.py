"""Controleer jezelf on the lesson page (issue 30): a section's check items under it, asked with
the quiz's widgets, the answer stored at once as a practice review, the result in words and an
icon with the explanation, still there after a refresh, in both reading modes and languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mglearn.attempts import correct_response
from mglearn.content import Content, load_content
from mglearn.store import Store
from mglearn.ui import pending

from .check_yourself import root_with_checks
from .test_app import UI, app, texts
from .test_db_unavailable import RETRYING, Clock, Outage, page_store


@pytest.fixture
def checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Content:
    root = root_with_checks(tmp_path, only=True)  # these items only, whatever lessons/ holds
    monkeypatch.setenv("MGLEARN_CONTENT_DIR", str(root))
    return load_content(root).content


def lesson_page(store: Store, content: Content, lang: str = "nl") -> tuple[AppTest, int]:
    learner = store.learners.create_learner("Ilse", lang=lang, now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = content.lessons[0].id
    at.run()
    assert not at.exception
    return at, learner.id


def test_each_section_with_check_items_gets_its_block(store: Store, checked: Content) -> None:
    at, _ = lesson_page(store, checked)
    shown = texts(at)
    lesson = checked.lessons[0]
    with_items = [s for s in lesson.sections if s.check]
    assert shown.count("Controleer jezelf") == len(with_items)
    for section in with_items:
        for n, q in enumerate(section.check, 1):
            assert f"**Vraag {n} van {len(section.check)}** · {q.prompt.nl}" in shown
    # the block comes after its own section's text and before the next section's title
    headers = [h.value for h in at.header]
    assert headers.index(lesson.sections[0].title.nl) < headers.index(lesson.sections[1].title.nl)
    assert at.radio(key="check_zz-c01").value is None  # nothing chosen for the learner
    assert [b.label for b in at.button if (b.key or "").startswith("check_")].count("Controleer") == 5


def test_an_answer_is_stored_at_once_and_shown_with_its_feedback(store: Store, checked: Content) -> None:
    at, learner_id = lesson_page(store, checked)
    q = next(q for _, q in checked.check_items() if q.id == "zz-c01")
    wrong = next(i for i, o in enumerate(q.options) if not o.correct)
    at.radio(key="check_zz-c01").set_value(wrong).run()
    at.button(key="check_zz-c01_go").click().run()
    at.run()
    assert not at.exception
    reviews = store.practice.reviews(learner_id)
    assert [(r.question_id, r.source, r.score) for r in reviews] == [("zz-c01", "check", 0.0)]
    shown = texts(at)
    assert "Niet goed." in [e.value for e in at.error]  # a word and an icon, not colour alone
    assert ":red-background[:material/cancel: Een paar]" in shown  # the choice on red, with its icon
    assert ":green-background[:material/check_circle: Honderden]" in shown  # the right one on green
    assert "**Uitleg:** Uitleg bij zz-c01." in shown
    assert "Deze vraag komt terug bij Oefenen." in shown
    assert not [r for r in at.radio if r.key == "check_zz-c01"]  # answered: no widgets to change it
    # a refresh (a new session) shows the stored answer; nothing is counted twice
    again = app(learner=store.learners.learner(learner_id).code)
    again.switch_page(f"{UI}/lesson.py")
    again.query_params["lesson"] = checked.lessons[0].id
    again.run()
    assert "Niet goed." in [e.value for e in again.error]
    assert not [r for r in again.radio if r.key == "check_zz-c01"]
    assert len(store.practice.reviews(learner_id)) == 1


def test_checking_without_an_answer_says_so_and_stores_nothing(store: Store, checked: Content) -> None:
    at, learner_id = lesson_page(store, checked)
    at.button(key="check_zz-c02_go").click().run()
    assert "Kies eerst een antwoord." in [i.value for i in at.info]
    assert store.practice.reviews(learner_id) == []


def test_every_type_is_answered_with_the_quiz_widgets(store: Store, checked: Content) -> None:
    at, learner_id = lesson_page(store, checked)
    items = {q.id: q for _, q in checked.check_items()}
    multiple, matching, gaps = items["zz-c03"], items["zz-c04"], items["zz-c05"]
    boxes = [c for c in at.checkbox if (c.key or "").startswith("check_zz-c03_")]
    for box in boxes:  # tick the right options by their shown labels
        if any(o.correct and o.text.nl == box.label for o in multiple.options):
            box.check()
    at.run()
    at.button(key="check_zz-c03_go").click().run()
    for j in range(len(matching.pairs)):
        at.selectbox(key=f"check_zz-c04_{j}").set_value(j)
    at.run()
    at.button(key="check_zz-c04_go").click().run()
    wrong_gap = next(i for i, o in enumerate(gaps.options) if not o.correct)
    at.selectbox(key="check_zz-c05_0").set_value(0)  # "stress": right
    at.selectbox(key="check_zz-c05_1").set_value(wrong_gap)  # a distractor: wrong
    at.run()
    at.button(key="check_zz-c05_go").click().run()
    at.run()
    assert not at.exception
    scores = {r.question_id: r.score for r in store.practice.reviews(learner_id)}
    assert scores == {"zz-c03": 1.0, "zz-c04": 1.0, "zz-c05": 0.5}
    assert [s.value for s in at.success].count("Goed!") == 2
    assert [w.value for w in at.warning] == ["Deels goed (50%)."]  # partly right: a word too


def test_paged_reading_shows_the_block_under_its_section(store: Store, checked: Content) -> None:
    at, _ = lesson_page(store, checked)
    at.segmented_control(key="lesson_mode").set_value("paged").run()
    assert texts(at).count("Controleer jezelf") == 1  # the first section's own
    assert any((r.key or "") == "check_zz-c01" for r in at.radio)
    next(b for b in at.button if b.label == "Volgende").click().run()
    assert any((c.key or "").startswith("check_zz-c03_") for c in at.checkbox)
    assert not any((r.key or "") == "check_zz-c01" for r in at.radio)
    next(b for b in at.button if b.label == "Volgende").click().run()
    assert not checked.lessons[0].sections[2].check
    assert "Controleer jezelf" not in texts(at)


def test_in_english(store: Store, checked: Content) -> None:
    at, _ = lesson_page(store, checked, lang="en")
    shown = texts(at)
    assert "Check yourself" in shown and "Controleer jezelf" not in shown
    assert "**Question 1 of 2** · Aan hoeveel processen doet magnesium mee? (en)" in shown
    assert "Check" in [b.label for b in at.button if (b.key or "").startswith("check_")]


def test_a_lesson_without_check_items_has_no_block(store: Store, checked: Content) -> None:
    lesson = checked.lessons[1]
    assert not any(s.check for s in lesson.sections)
    learner = store.learners.create_learner("Joop", now=datetime.now(UTC))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/lesson.py")
    at.query_params["lesson"] = lesson.id
    at.run()
    assert not at.exception
    assert "Controleer jezelf" not in texts(at)


def test_a_check_item_comes_back_on_the_practice_page(store: Store, checked: Content) -> None:
    """Answered in the lesson a month ago: due now, it is the first card of a practice session."""
    q = next(q for _, q in checked.check_items() if q.id == "zz-c02")
    learner = store.learners.create_learner("Kees", now=datetime.now(UTC))
    store.learners.mark_read(learner.id, checked.lessons[0].id, now=datetime.now(UTC) - timedelta(days=40))
    store.checks.answer(learner.id, q, correct_response(q), now=datetime.now(UTC) - timedelta(days=40))
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/practice.py").run()
    at.button(key="practice_start").click().run()
    at.run()
    assert not at.exception
    run = at.session_state["practice_run"]
    assert run["items"][0] == ("zz-c02", False)
    assert f"**{q.prompt.nl}**" in texts(at)


def test_an_answer_waits_while_the_database_is_away_then_counts_once(
    store: Store, db_url: str, checked: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(pending, "clock", clock)
    at, learner_id = lesson_page(store, checked)
    outage = Outage(monkeypatch, page_store(db_url).checks, "answer")
    q = next(q for _, q in checked.check_items() if q.id == "zz-c02")
    right = correct_response(q)[0]
    at.radio(key="check_zz-c02").set_value(right).run()
    at.button(key="check_zz-c02_go").click().run()
    at.run()
    assert not at.exception
    assert RETRYING in texts(at)
    assert store.practice.reviews(learner_id) == []
    outage.down = False
    clock.wait(3)
    at.run()
    assert not at.exception
    assert RETRYING not in texts(at)
    assert "Goed!" in [s.value for s in at.success]
    assert [(r.question_id, r.source) for r in store.practice.reviews(learner_id)] == [("zz-c02", "check")]
