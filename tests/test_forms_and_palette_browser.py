"""Issue 26 in a real browser, where AppTest cannot see it: item 15, every create form of the
trainer's groups page is empty once what it made was added, so a second click cannot silently
add the same thing again; item 19, the exam palette keeps the tick of a flagged answer and its
legend draws the palette's own icons."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Locator, expect

from mglearn.content import Content
from mglearn.store import Store

from .browser import TIMEOUT, settled
from .journeys import text
from .staff import add_enrolled_trainer, finish_sign_in

pytestmark = pytest.mark.browser


def test_added_assignment_and_group_empty_their_forms_in_the_browser(
    browser: Browser, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    lang = "nl"
    store = Store(db_url)
    tina, secret, _ = add_enrolled_trainer(store)
    context = browser.new_context(viewport={"width": 1300, "height": 1100})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(f"{url}/trainer")
    page.get_by_label(text("trainer.name", lang)).fill("Tina")
    page.get_by_label(text("trainer.password", lang)).fill("correct horse")
    page.get_by_role("button", name=text("trainer.do_signin", lang)).click()
    finish_sign_in(page, store, tina.id, secret, lang)
    expect(page.get_by_role("heading", name=text("results.title", lang))).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=text("nav.groups", lang)).click()

    group_name = page.get_by_label(text("groups.name", lang))
    group_name.fill("Klas 5C")
    page.get_by_role("button", name=text("groups.create", lang)).click()
    expect(page.get_by_test_id("stCode").first).to_contain_text("?join=GR-")
    expect(group_name).to_have_value("")

    quiz = content.quizzes[0]
    title = page.get_by_label(text("groups.assignment_title", lang))
    title.fill("Week 1")
    quizzes = page.get_by_role("combobox", name=text("groups.quizzes", lang))
    quizzes.click()
    page.keyboard.type(quiz.title.get(lang))
    page.get_by_role("option", name=quiz.title.get(lang), exact=True).click()
    page.keyboard.press("Escape")
    mark = page.get_by_label(text("groups.pass_mark", lang))
    mark.fill("80")
    add = page.get_by_role("button", name=text("groups.add_assignment", lang))
    add.click()
    expect(page.get_by_text(re.compile(r"^Week 1 · "))).to_be_visible()
    settled(page)
    expect(title).to_have_value("")  # the form the trainer sees is empty again
    expect(mark).to_have_value("")
    form = page.get_by_test_id("stForm").filter(has=title)
    expect(form.get_by_text(quiz.title.get(lang), exact=True)).to_have_count(0)

    add.click()  # a second click on the emptied form adds nothing
    expect(page.get_by_test_id("stAlertContentError")).to_be_visible()
    (group,) = store.groups.groups_of(store.trainers.trainer_by_name("Tina").id)  # type: ignore[union-attr]
    assert [a.title for a in store.groups.assignments([group.id])] == ["Week 1"]
    context.close()
    store.dispose()


def test_exam_palette_shows_tick_and_flag_and_the_legend_the_same_icons(
    browser: Browser, server: tuple[str, str], content: Content
) -> None:
    """Issue 26 item 19 in the browser: a flagged answered question keeps its tick, and the
    legend draws the palette's own icons (it drew 🚩 beside an outline flag)."""

    from mglearn.attempts import correct_response

    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Palet Piet", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=datetime.now(UTC))
    by_id = {q.id: q for _, q in content.questions()}
    first = by_id[exam.draw[0].question_id]
    store.attempts.save_answer(exam.id, first.id, correct_response(first), now=datetime.now(UTC))
    store.exams.set_flag(exam.id, first.id, True, now=datetime.now(UTC))
    context = browser.new_context(viewport={"width": 1300, "height": 1100})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(f"{url}/exam?learner={learner.code}")
    palette = page.locator(".st-key-exam_palette")
    material = '[data-testid="stIconMaterial"], [role="img"]'  # a button's icon, Markdown's icons

    def icons(where: Locator) -> list[str]:
        return sorted(where.locator(material).all_inner_texts())

    one = palette.get_by_role("button").filter(has_text="1").first
    expect(one.locator(material)).to_have_count(2)
    assert icons(one) == ["check", "flag"]  # answered and flagged: the tick stays
    two = palette.get_by_role("button").filter(has_text="2").first
    expect(two.locator(material)).to_have_count(0)
    legend = page.get_by_test_id("stCaptionContainer").filter(has_text="nog open")
    assert icons(legend) == ["check", "flag"] and "🚩" not in legend.inner_text()
    context.close()
    store.dispose()
