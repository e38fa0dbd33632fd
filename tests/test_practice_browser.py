"""Issue 18: practice is keyboard-first in a real browser (AppTest cannot press keys): Enter
starts, a number key chooses, Enter checks and Enter goes on."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mglearn.content import Content
from mglearn.store import Store

from .browser import TIMEOUT, app_server, wait_until

pytestmark = pytest.mark.browser


def test_practice_with_the_keyboard_only(browser: Browser, tmp_path: Path, content: Content) -> None:
    db_url = f"sqlite:///{tmp_path / 'practice.sqlite3'}"
    store = Store(db_url)
    learner = store.learners.create_learner("Toetsen", now=datetime.now(UTC))
    store.learners.mark_read(
        learner.id, content.lessons[0].id, now=datetime.now(UTC)
    )  # lesson 1's questions are new today
    with app_server(db_url, tmp_path / "server.log") as url:
        context = browser.new_context(viewport={"width": 1200, "height": 1000})
        context.set_default_timeout(TIMEOUT)
        page: Page = context.new_page()
        page.goto(f"{url}/practice?learner={learner.code}")
        expect(page.get_by_text("vragen vandaag")).to_be_visible()
        # the shortcut listens once its button is drawn: wait for that, not for a fixed time
        expect(page.get_by_role("button", name=re.compile("Begin met oefenen"))).to_be_visible()
        page.keyboard.press("Enter")  # start
        expect(page.get_by_text("Vraag 1 van")).to_be_visible()
        first = content.quiz_for_lesson(content.lessons[0].id)
        assert first is not None
        assert first.questions[0].type != "matching"  # number keys choose: the bank starts with a choice
        page.keyboard.press("1")  # choose option 1
        page.keyboard.press("Enter")  # check
        wait_until(lambda: len(store.practice.reviews(learner.id)) == 1)
        expect(page.get_by_text("Uitleg:")).to_be_visible()
        page.keyboard.press("Enter")  # on to the next card
        expect(page.get_by_text("Vraag 2 van")).to_be_visible()
        assert len(store.practice.reviews(learner.id)) == 1  # the Enter that checked did not also go on
        context.close()
    store.dispose()
