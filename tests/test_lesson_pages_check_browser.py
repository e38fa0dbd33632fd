"""Controleer jezelf in a real browser (issue 30): on a phone (390 px, one section per screen),
a learner reaches a check item with Tab, chooses with the keyboard, checks with Enter and sees
the result in words and an icon with the explanation; focus lands on the result; the answer is
in the store; nothing is wider than the screen, no button is cut off, axe finds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from mglearn import practice
from mglearn.content import Content, load_content
from mglearn.store import Store

from . import tour
from .browser import app_server, assert_quiet_log
from .check_yourself import root_with_checks
from .test_a11y_browser import audit
from .test_fit_browser import CUT
from .test_lesson_pages_browser import IPHONE

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Site:
    url: str
    db_url: str
    content: Content
    learners: dict[str, tuple[int, str]]  # lang -> (id, code)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("check")
    root = root_with_checks(folder, only=True)
    db_url = f"sqlite:///{folder / 'check.sqlite3'}"
    store = Store(db_url)
    learners = {}
    for lang in tour.LANGS:
        person = store.learners.create_learner(f"Toetsenbord {lang}", lang=lang, now=datetime.now(UTC))
        learners[lang] = (person.id, person.code)
    store.dispose()
    log = folder / "server.log"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MGLEARN_CONTENT_DIR", str(root))
        with app_server(db_url, log) as url:
            yield Site(url, db_url, load_content(root).content, learners)
    assert_quiet_log(log)


def tab_to(page: Page, selector: str, most: int = 80) -> None:
    """Press Tab until the focused element is inside ``selector`` (as a keyboard user would)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement?.closest(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.mark.parametrize("lang", tour.LANGS)
def test_a_check_item_answered_with_the_keyboard_on_a_phone(browser: Browser, site: Site, lang: str) -> None:
    learner_id, code = site.learners[lang]
    q = next(q for _, q in site.content.check_items() if q.id == "zz-c01")
    order = practice.option_order(q, f"check:{learner_id}")
    first = q.options[order[0]]  # Space on the first radio chooses the option shown first
    context = browser.new_context(viewport=tour.PHONE, user_agent=IPHONE)  # type: ignore[arg-type]
    context.set_default_timeout(tour.TIMEOUT)
    page = context.new_page()
    try:
        page.goto(f"{site.url}/lesson?learner={code}&lesson={site.content.lessons[0].id}&lang={lang}")
        tour.settled(page)
        block = page.locator(".st-key-checkblock_" + site.content.lessons[0].sections[0].id)
        expect(block).to_be_visible()
        expect(block).to_contain_text("Controleer jezelf" if lang == "nl" else "Check yourself")
        item = page.locator(".st-key-checkitem_zz-c01")
        tab_to(page, ".st-key-checkitem_zz-c01 [role='radiogroup']")
        page.keyboard.press("Space")
        expect(item.locator("input[type=radio]").first).to_be_checked()
        tab_to(page, ".st-key-check_zz-c01_go")
        page.keyboard.press("Enter")
        words = {"nl": ("Niet goed.", "Goed!"), "en": ("Not this time.", "Right!")}
        word = words[lang][first.correct]
        expect(item.locator('[data-testid="stAlert"]')).to_contain_text(word)
        expect(item).to_contain_text(q.explanation.get(lang))
        expect(item.locator("input[type=radio]")).to_have_count(0)  # answered: the result stays
        page.wait_for_function(  # focus follows to the result, not back to the top of the page
            "() => !!document.activeElement?.closest('.st-key-checkitem_zz-c01')", timeout=tour.TIMEOUT
        )
        store = Store(site.db_url)
        try:
            reviews = store.practice.reviews(learner_id)
        finally:
            store.dispose()
        stored = [(r.question_id, r.source, r.response) for r in reviews]
        assert stored == [("zz-c01", "check", f"[{order[0]}]")]
        tour.settled(page)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert page.evaluate(CUT) == []
        assert [f for f in audit(page) if not f["allowed"]] == []
    finally:
        context.close()
