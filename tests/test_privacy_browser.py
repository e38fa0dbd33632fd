"""The learner's pages in a real headless Chromium: no request leaves the app's own origin,
each page names its browser tab, keyboard focus is visible, a printed lesson is the lesson
alone, a hostile name stays text, and the server log carries no deprecation warning."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from mglearn.content import Content
from mglearn.store import Store

from .browser import TIMEOUT

pytestmark = pytest.mark.browser
EVIL = "**bold** [x](http://evil) http://evil.example $x^2$"
expect.set_options(timeout=TIMEOUT)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_every_request_goes_to_the_apps_own_origin(
    browser: Browser, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner(EVIL, now=datetime.now(UTC))
    store.dispose()
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(url)
        expect(page.get_by_role("heading", name="Magnesium: de stille kracht")).to_be_visible()
        expect(page).to_have_title(re.compile(r"^Start · Magnesium leren$"))

        page.goto(f"{url}/?learner={learner.code}")
        expect(page.get_by_role("heading", name="Jouw leerpad")).to_be_visible()
        expect(page).to_have_title("Overzicht · Magnesium leren")
        # a hostile name is text: no link to it, no bold, no formula
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("[x](http:", exact=False).first).to_be_visible()
        assert page.locator("a[href*='evil']").count() == 0
        assert page.locator(".katex").count() == 0
        assert sidebar.locator("strong strong, strong em, strong a").count() == 0
        expect(sidebar.locator("strong").filter(has_text="**bold** [x](")).to_have_count(1)

        lesson = content.lessons[0]
        section = lesson.sections[-1]
        page.goto(f"{url}/lesson?learner={learner.code}&lesson={lesson.id}&section={section.id}")
        expect(page.get_by_role("heading", name=lesson.title.nl)).to_be_visible()
        expect(page).to_have_title("Les · Magnesium leren")
        heading = page.locator(f"[id='{section.id}']")
        expect(heading).to_be_in_viewport()  # opened at the section

        # printing: the lesson alone
        page.emulate_media(media="print")
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        expect(page.get_by_role("button", name="Markeer als gelezen")).to_be_hidden()
        expect(page.get_by_role("heading", name=lesson.title.nl)).to_be_visible()
        page.emulate_media(media="screen")

        page.goto(f"{url}/progress?learner={learner.code}")
        expect(page.get_by_role("heading", name="Mijn voortgang")).to_be_visible()
        expect(page).to_have_title("Mijn voortgang · Magnesium leren")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    own = origin(url)
    foreign = [r for r in requests if not r.startswith(("data:", "blob:")) and origin(r) != own]
    assert requests and not foreign, foreign


def test_radio_shows_keyboard_focus(browser: Browser, server: tuple[str, str], content: Content) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Focus Femke", now=datetime.now(UTC))
    quiz = content.quiz_for_lesson(content.lessons[0].id)
    assert quiz is not None
    store.attempts.start_attempt(learner.id, quiz, seed=3, now=datetime.now(UTC))
    store.dispose()
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    page: Page = context.new_page()
    try:
        page.goto(f"{url}/quiz?learner={learner.code}&quiz={quiz.id}")
        radio = page.locator("[data-testid='stRadio'] input[type='radio']").first
        expect(radio).to_be_attached()
        radio.focus()
        label = page.locator("[data-testid='stRadio'] label:has(input:focus-visible)").first
        expect(label).to_have_css("outline-style", "solid")
        expect(label).to_have_css("outline-width", "3px")
    finally:
        context.close()


def test_sidebar_closes_after_navigating_on_a_phone(browser: Browser, server: tuple[str, str]) -> None:
    """Streamlit's own page menu collapses the sidebar after a click on a phone (it decides by
    the browser's user agent); we rely on that and check it here."""
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Telefoon Tess", now=datetime.now(UTC))
    store.dispose()
    phone = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=phone, has_touch=True)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        page.goto(f"{url}/?learner={learner.code}")
        expect(page.get_by_role("heading", name="Jouw leerpad")).to_be_visible()
        page.get_by_test_id("stExpandSidebarButton").click()
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav).to_be_in_viewport()
        nav.get_by_role("link", name="Mijn voortgang").click()
        expect(page.get_by_role("heading", name="Mijn voortgang")).to_be_visible()
        expect(nav).not_to_be_in_viewport()
    finally:
        context.close()


def test_streamlit_shortcodes_in_a_name_are_drawn_as_typed(browser: Browser, server: tuple[str, str]) -> None:
    """Issue 26.11: a name with ``:skull:`` and ``:material/verified:`` shows those characters,
    not an emoji and a verified badge (nor a red ``:red[...]``)."""
    name = "Jan :skull: :material/verified: :red[rood]"
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner(name, now=datetime.now(UTC))
    store.dispose()
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        page.goto(f"{url}/start?learner={learner.code}")
        welcome = page.get_by_test_id("stAlertContentSuccess")
        expect(welcome).to_contain_text("Welkom")
        signed_in = page.get_by_test_id("stSidebar").get_by_test_id("stMarkdown").filter(has_text="Jan")
        expect(signed_in).to_have_count(1)
        for shown in (welcome, signed_in):
            text = shown.inner_text().replace("\u2060", "")
            assert name in text and "\U0001f480" not in text, text
            assert shown.get_by_test_id("stIconMaterial").count() == 0
            assert shown.locator("span[style*='color'], [class*='red']").count() == 0
    finally:
        context.close()
