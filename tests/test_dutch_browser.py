"""Dutch everywhere in Dutch (issue 30 item 5), in a real browser: a first visit speaks the
browser's language; every Dutch page of the tour (tests/tour.py), on a phone and a laptop, shows
and announces none of Streamlit's English words: the list is read from the installed frontend
bundle (tests/streamlit_english.py: its labels, tooltips, aria-labels, placeholders, input
instructions such as "Press Enter to submit form", the help icon's "Help for …", the data grid's
toolbar), matched against the page's visible text and the placeholder, aria-label, title and alt
attributes of what is drawn (display: none is neither shown nor read out)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from mglearn.content import Content
from mglearn.store import Store

from . import tour
from .browser import app_server, assert_quiet_log, settled
from .streamlit_english import english_defaults, english_in

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
# ... of the whole window (sidebar and header too), of what is drawn: an element with display:
# none or visibility: hidden (a table's cards on a laptop, its data grid on a phone) is neither
# seen nor read out
SHOWN_WORDS = """() => [document.body.innerText,
  ...Array.from(document.querySelectorAll('[placeholder], [aria-label], [title], [alt]'))
    .filter((el) => el.checkVisibility({visibilityProperty: true}))
    .map((el) => ['placeholder', 'aria-label', 'title', 'alt'].map((a) => el.getAttribute(a))
      .filter(Boolean).join('\\n'))].join('\\n')"""

# Streamlit's words that a Dutch page may show, each with its reason (the scan matches whole
# words, case and all)
ALLOWED = frozenset(
    {
        # Dutch words too, which the app's Dutch text uses: the page "Start", "Link naar dit
        # kopje" (a heading's link, mglearn/ui/chrome_words.py), "Rust in je hoofd" (a lesson);
        # in the bundle as English words (a button, a label, a language's name)
        "Start",
        "Link",
        "Rust",
        "Module",  # the verification page's "Module" (the course's name)
        # the Enter key's name, on a Dutch keyboard too: a primary button's shortcut hint (its
        # aria-label says "Sneltoets Enter") and "Druk op Enter om te versturen" under a field
        "Enter",
        # not English: Dutch words in the bundle's own Dutch tables (react-aria's date picker
        # says "Volgende"/"Vorige", its list box "Groep …", a date field "Leeg"; "Elk" is a
        # diagram library's name), which the app's Dutch text uses as well
        "Volgende",
        "Vorige",
        "Vandaag",
        "Groep",
        "Leeg",
        "Elk",
    }
)
# names the Dutch text uses as they are, taken out of the words before the scan: the standard
# "Open Badge" (1EdTech); Streamlit's "Open" (a select box's button) is still found elsewhere
NAMES = ("Open Badge",)


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


def test_the_list_of_english_defaults_is_streamlits() -> None:
    defaults = english_defaults()
    for known in ("Press Enter to", "Help for", "Download as CSV", "Search", "Fullscreen", "Choose options"):
        assert known in defaults
    assert not ALLOWED - defaults  # an allowed word that Streamlit no longer has goes


@pytest.mark.parametrize("size", list(tour.SIZES))
@pytest.mark.parametrize("name", tour.NAMES)
def test_no_page_shows_or_announces_streamlits_english(
    browser: Browser, site: tuple[str, tour.Seeded], name: str, size: str
) -> None:
    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == name)
    context = tour.new_context(browser, url, stop, tour.SIZES[size], seeded.trainer_token)
    page = context.new_page()
    tour.visit(page, url, stop, "nl")
    if name == "groups":  # the assignment and exam forms, with their date fields: open them all
        shut = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
        while shut.count():
            shut.first.click()
            settled(page)
        expect(page.locator('[data-testid="stDateInput"]').first).to_be_visible()
        # a date's parts, named by the browser in its language (en-US here), said in Dutch
        parts = page.locator('[data-testid="stDateInput"] [role="spinbutton"]')
        labels = [parts.nth(k).get_attribute("aria-label") or "" for k in range(parts.count())]
        assert labels and all(label.split(",")[0] in ("dag", "maand", "jaar") for label in labels), labels
    words = page.evaluate(SHOWN_WORDS)
    for name_as_is in NAMES:
        words = words.replace(name_as_is, "")
    found = english_in(words, ALLOWED)
    assert not found, f"{name} on a {size}: English on a Dutch page: {found}"
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


@pytest.mark.parametrize(
    ("lang", "instruction", "other"),
    [("nl", "Druk op Enter om te versturen", "Press Enter"), ("en", "Press Enter to submit form", "Druk op")],
)
def test_typing_in_a_field_says_how_to_send_it_in_the_pages_language(
    browser: Browser, site: tuple[str, tour.Seeded], lang: str, instruction: str, other: str
) -> None:
    """Streamlit's instruction under a text field in a form, shown while one types (a keyboard
    user learns there that Enter sends the form), in the page's language."""
    url, _ = site
    page = browser.new_page()
    page.goto(f"{url}/start?lang={lang}")
    settled(page)
    field = page.locator(".st-key-start_name input")
    field.click()
    field.press_sequentially("Ilse")
    hint = page.get_by_test_id("InputInstructions").first
    expect(hint).to_contain_text(instruction)
    expect(hint).not_to_contain_text(other)
    if lang == "nl":
        assert not english_in(page.evaluate(SHOWN_WORDS), ALLOWED)
    page.close()
