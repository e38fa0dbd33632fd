"""A lesson on a phone's browser (its User-Agent says "Mobile"), 390x844: one section per screen,
"Volgende" leads on, no button cut off and the axe audit finds nothing (issue 30)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from mglearn.content import Content
from mglearn.store import Store

from . import tour
from .browser import app_server, assert_quiet_log
from .test_a11y_browser import audit
from .test_fit_browser import CUT

pytestmark = pytest.mark.browser

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Iterator[tuple[str, tour.Seeded]]:
    folder = tmp_path_factory.mktemp("paged")
    db_url = f"sqlite:///{folder / 'paged.sqlite3'}"
    store = Store(db_url)
    seeded = tour.seed(store, content)
    store.dispose()
    log = folder / "server.log"
    with app_server(db_url, log) as url:
        yield url, seeded
    assert_quiet_log(log)


@pytest.mark.parametrize("lang", tour.LANGS)
def test_a_phone_reads_a_lesson_one_section_at_a_time(
    browser: Browser, site: tuple[str, tour.Seeded], content: Content, lang: str
) -> None:
    url, seeded = site
    lesson = content.lesson(seeded.lesson)
    assert lesson is not None
    titles = [s.title.get(lang) for s in lesson.sections]
    stop = next(s for s in tour.stops(seeded) if s.name == "lesson")
    context = browser.new_context(viewport=tour.PHONE, user_agent=IPHONE)  # type: ignore[arg-type]
    context.set_default_timeout(tour.TIMEOUT)
    page = context.new_page()
    try:
        tour.visit(page, url, stop, lang)
        heads = page.locator('[data-testid="stMain"] h2')
        expect(heads.filter(has_text=titles[0])).to_be_visible()
        assert not heads.filter(has_text=titles[1]).count()  # one section per screen
        assert page.evaluate(CUT) == []
        assert [f for f in audit(page) if not f["allowed"]] == []
        page.locator(".st-key-lesson_next_section button").click()
        tour.settled(page)
        expect(heads.filter(has_text=titles[1])).to_be_visible()
        assert not heads.filter(has_text=titles[0]).count()
    finally:
        context.close()


@pytest.mark.parametrize("lang", tour.LANGS)
def test_the_tours_phone_is_a_phone(
    browser: Browser, site: tuple[str, tour.Seeded], content: Content, lang: str
) -> None:
    """The screenshot tour's phone (scripts/screenshots.py --sizes phone) is one to the app too:
    its lesson shows one section, with "Vorige"/"Volgende"; its tables are cards."""
    url, seeded = site
    lesson = content.lesson(seeded.lesson)
    assert lesson is not None
    stops = {s.name: s for s in tour.stops(seeded)}
    context = tour.new_context(browser, url, stops["lesson"], tour.PHONE, seeded.trainer_token)
    page = context.new_page()
    try:
        tour.visit(page, url, stops["lesson"], lang)
        heads = page.locator('[data-testid="stMain"] h2')
        expect(heads.filter(has_text=lesson.sections[0].title.get(lang))).to_be_visible()
        assert not heads.filter(has_text=lesson.sections[1].title.get(lang)).count()
        expect(page.locator(".st-key-lesson_next_section button")).to_be_visible()
        expect(page.locator(".st-key-lesson_prev_section button")).to_be_visible()
    finally:
        context.close()
    context = tour.new_context(browser, url, stops["results"], tour.PHONE, seeded.trainer_token)
    page = context.new_page()
    try:
        tour.visit(page, url, stops["results"], lang)
        expect(page.locator(".mg-card").first).to_be_visible()
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_hidden()
    finally:
        context.close()
