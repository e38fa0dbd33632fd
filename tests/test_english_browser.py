"""Issue 14: the newcomer's learner journey in English on a phone screen, keyboard for the
answer, in the real browser (the Dutch journey is tests/test_browser.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from mglearn.content import Content

from .browser import TIMEOUT, settled

pytestmark = pytest.mark.browser


def test_an_english_learner_on_a_phone_reads_a_lesson_and_answers_with_the_keyboard(
    browser: Browser, server: tuple[str, str], content: Content
) -> None:
    url, _ = server
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.set_default_timeout(TIMEOUT)
    page = phone.new_page()
    page.goto(f"{url}/?lang=en")  # a visitor's language before signing in
    page.get_by_label("Your name (as you want to see it)").fill("Phone Pat")
    page.get_by_role("button", name="Start learning").click()
    page.get_by_role("button", name="Go to the lessons").click()
    expect(page.get_by_role("heading", name="Your learning path")).to_be_visible()
    reads = page.get_by_role("link", name="Read")
    expect(reads).to_have_count(len(content.lessons))  # the whole path is drawn before we click
    reads.first.click()
    lesson = content.lessons[0]
    expect(page.get_by_role("heading", name=lesson.sections[0].title.en)).to_be_visible()
    page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text("Read on")).to_be_visible()  # stored and redrawn: now go on
    page.get_by_role("button", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("button", name="Submit anyway")).to_be_visible()  # the whole attempt is drawn
    # keyboard: focus the first option of the first single-choice question, choose it with Space
    box = page.locator("[class*='st-key-question_']").filter(has=page.get_by_role("radio")).first
    expect(box.get_by_role("radio").first).to_be_attached()
    settled(page)
    box.get_by_role("radio").first.focus()
    page.keyboard.press("Space")
    expect(box.get_by_text("Saved at")).to_be_visible()
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )  # no sideways scroll
    phone.close()
