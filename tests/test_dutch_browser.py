"""Dutch everywhere in Dutch (issue 30 item 5), in a real browser: a first visit speaks the
browser's language; Dutch pages show none of Streamlit's English defaults that the app can set
(placeholders, date formats), in the visible text nor in the placeholder, aria-label and title
attributes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from mglearn.content import Content
from mglearn.store import Store

from . import tour
from .browser import app_server, assert_quiet_log, settled

pytestmark = pytest.mark.browser

# Streamlit's English defaults for what the app sets (widget placeholders, date formats)
ENGLISH_DEFAULTS = (
    "Choose options",
    "Choose an option",
    "Select...",
    "YYYY/MM/DD",
    "No options to select",
)
# the words of every page, shown and for a screen reader
WORDS = """() => [document.querySelector('[data-testid="stMain"]').innerText,
  ...Array.from(document.querySelectorAll('[placeholder], [aria-label], [title]'), (el) =>
    [el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.getAttribute('title')]
      .filter(Boolean).join(' '))].join('\\n')"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Iterator[tuple[str, tour.Seeded]]:
    folder = tmp_path_factory.mktemp("dutch")
    db_url = f"sqlite:///{folder / 'dutch.sqlite3'}"
    store = Store(db_url)
    seeded = tour.seed(store, content)
    store.dispose()
    log = folder / "server.log"
    with app_server(db_url, log) as url:
        yield url, seeded
    assert_quiet_log(log)


@pytest.mark.parametrize(
    ("locale", "lang", "title"),
    [("en-US", "en", "Magnesium: the quiet force"), ("nl-BE", "nl", "Magnesium: de stille kracht")],
)
def test_a_first_visit_speaks_the_browsers_language(
    browser: Browser, site: tuple[str, tour.Seeded], locale: str, lang: str, title: str
) -> None:
    url, _ = site
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{url}/start")
    settled(page)
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    assert f"lang={lang}" in page.url
    # a choice in the address wins over the browser's language
    page.goto(f"{url}/start?lang={'nl' if lang == 'en' else 'en'}")
    settled(page)
    expect(page.get_by_role("heading", name=title, exact=True)).not_to_be_visible()
    context.close()


def test_another_language_is_dutch(browser: Browser, site: tuple[str, tour.Seeded]) -> None:
    url, _ = site
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(f"{url}/start")
    settled(page)
    expect(page.get_by_role("heading", name="Magnesium: de stille kracht", exact=True)).to_be_visible()
    context.close()


@pytest.mark.parametrize("name", ["start", "groups", "results", "quiz", "lesson", "practice-feedback"])
def test_dutch_pages_show_no_english_defaults(
    browser: Browser, site: tuple[str, tour.Seeded], name: str
) -> None:
    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == name)
    context = tour.new_context(browser, url, stop, tour.LAPTOP, seeded.trainer_token)
    page = context.new_page()
    tour.visit(page, url, stop, "nl")
    if name == "groups":  # the assignment form: open every expander
        for header in page.locator('[data-testid="stExpander"] summary').all():
            header.click()
        settled(page)
        expect(page.get_by_placeholder("Kies een of meer").first).to_be_attached()
    words = page.evaluate(WORDS)
    found = [english for english in ENGLISH_DEFAULTS if english in words]
    assert not found, f"{name}: English on a Dutch page: {found}"
    context.close()


def test_the_quiz_chooser_has_a_dutch_placeholder(browser: Browser, site: tuple[str, tour.Seeded]) -> None:
    url, seeded = site
    page = browser.new_page()
    page.goto(f"{url}/quiz?learner={seeded.learner}&lang=nl")
    settled(page)
    expect(page.get_by_text("Kies een toets")).to_be_visible()
    words = page.evaluate(WORDS)
    assert "Kies…" in words and "Choose an option" not in words
    page.close()
