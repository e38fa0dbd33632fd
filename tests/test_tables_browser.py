"""No table reduced to one column on a phone (issue 30): at 390x844, in Dutch and English, every
table a learner or trainer sees (data grids, st.table, Markdown tables such as a matching
question's review) shows at least two columns side by side and never scrolls sideways inside
itself; on a phone the wide ones become cards (one card per row, each value under its column's
name). The page itself does not scroll sideways either (tests/test_screens_browser.py's check).

A table fails when, on screen:
- it is a data grid (st.dataframe): Streamlit draws it on a canvas, with no column in the page
  for a phone to reflow or for this test to count, and one at 390 px shows a column or two and
  scrolls the rest sideways; so a phone shows none (the same rows are cards there);
- some box in it (or the table itself) is wider inside than it is shown (scrollWidth >
  clientWidth): a part of the table is out of sight, to be scrolled to; or
- fewer than two of its columns are visible in full: a column header (or first-row cell) counts
  when its box lies inside the table's visible box (and the window)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from mglearn.content import Content
from mglearn.store import Store

from . import tour
from .browser import app_server, assert_quiet_log
from .test_screens_browser import OVERFLOW

pytestmark = pytest.mark.browser

ONE_COLUMN = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
  };
  const tables = [
    ...main.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]'),
    ...[...main.querySelectorAll('table')].filter(
      (t) => !t.closest('[data-testid="stDataFrame"], [data-testid="stTable"]')),
  ].filter(shown);
  const found = [];
  for (const table of tables) {
    const name = table.getAttribute('data-testid') || 'table';
    if (name === 'stDataFrame') {
      found.push(`a data grid is shown (${Math.round(table.getBoundingClientRect().width)} px wide)`);
      continue;
    }
    const box = table.getBoundingClientRect();
    const right = Math.min(box.right, document.documentElement.clientWidth);
    const scrolls = [table, ...table.querySelectorAll('*')].filter(
      (el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && shown(el));
    if (scrolls.length) {
      const [el] = scrolls;
      found.push(`${name}: scrolls sideways inside (${el.scrollWidth} px in ${el.clientWidth} px)`);
      continue;
    }
    let heads = [...table.querySelectorAll('th, [role="columnheader"]')];
    if (!heads.length) heads = [...(table.querySelector('tr')?.children || [])];
    const whole = heads.filter((h) => {
      const r = h.getBoundingClientRect();
      return r.width > 1 && r.left >= box.left - 1 && r.right <= right + 1;
    });
    const columns = table.querySelectorAll('[role="columnheader"]').length ? heads.length : whole.length;
    if (columns < 2) found.push(`${name}: ${columns} column(s) visible: ${table.innerText.slice(0, 60)}`);
  }
  return found;
}"""

# every word in a table cell or a select box that the page breaks over two lines (with or without
# a hyphen it adds): a word cut in the middle. A line may end after a word's own hyphen
# ("bijna-|ongeluk"), as in print, so each part up to its hyphen counts as a word.
SPLIT_WORDS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const split = [];
  for (const cell of main.querySelectorAll('td, th, [data-baseweb="select"]')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[^\\s-]+-?/g;
      for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (new Set(rects.map((r) => Math.round(r.top))).size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""

WITH_CARDS = ("progress", "groups", "results", "exam-result")  # pages with a data grid on a laptop
PAGES = ["progress", "practice", "quiz-review", "exam-start", "exam-result", "verify", "groups", "results"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Iterator[tuple[str, tour.Seeded]]:
    folder = tmp_path_factory.mktemp("tables")
    db_url = f"sqlite:///{folder / 'tables.sqlite3'}"
    store = Store(db_url)
    seeded = tour.seed(store, content)
    store.dispose()
    log = folder / "server.log"
    with app_server(db_url, log) as url:
        yield url, seeded
    assert_quiet_log(log)


@pytest.mark.parametrize("lang", tour.LANGS)
def test_no_table_is_one_column_on_a_phone(
    browser: Browser, site: tuple[str, tour.Seeded], lang: str
) -> None:
    url, seeded = site
    problems = []
    for stop in tour.stops(seeded):
        if stop.name not in PAGES:
            continue
        context = tour.new_context(browser, url, stop, tour.PHONE, seeded.trainer_token)
        page = context.new_page()
        try:
            tour.visit(page, url, stop, lang)
            found = page.evaluate(ONE_COLUMN)
            wide = page.evaluate(OVERFLOW)
            cards = page.locator('[data-testid="stMain"] .mg-card')
            if stop.name in WITH_CARDS and not (cards.count() and cards.first.is_visible()):
                problems.append(f"{stop.name}: no rows as cards")
            if found:
                problems.append(f"{stop.name}: {found}")
            if wide["scrollWidth"] > wide["width"] or wide["wide"]:
                problems.append(f"{stop.name}: the page scrolls sideways: {wide}")
        finally:
            context.close()
    assert not problems, f"{lang}: tables on a phone:\n" + "\n".join(problems)


def test_a_laptop_shows_the_data_grid_and_no_cards(browser: Browser, site: tuple[str, tour.Seeded]) -> None:
    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == "progress")
    context = tour.new_context(browser, url, stop, tour.LAPTOP, seeded.trainer_token)
    page = context.new_page()
    try:
        tour.visit(page, url, stop, "nl")
        assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first.is_visible()
        cards = page.locator('[data-testid="stMain"] .mg-card')
        assert cards.count() > 0 and not any(c.is_visible() for c in cards.all())
    finally:
        context.close()


@pytest.mark.parametrize("lang", tour.LANGS)
def test_a_matching_review_never_cuts_a_word_on_a_phone(
    browser: Browser, site: tuple[str, tour.Seeded], lang: str
) -> None:
    """The review of a matching question (a table: each item, the learner's match, the right
    one) on a phone: every word whole on one line, and still no table of one column."""
    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == "quiz-review")
    context = tour.new_context(browser, url, stop, tour.PHONE, seeded.trainer_token)
    page = context.new_page()
    try:
        tour.visit(page, url, stop, lang)
        # the seed's review has a matching question: its table is drawn
        expect(page.locator('[data-testid="stMain"] table').first).to_be_visible(timeout=tour.TIMEOUT)
        assert page.evaluate(SPLIT_WORDS) == []
        assert page.evaluate(ONE_COLUMN) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", tour.LANGS)
@pytest.mark.parametrize("name", [*WITH_CARDS, "quiz-review"])
def test_axe_on_a_phone_finds_no_serious_violation(
    browser: Browser, site: tuple[str, tour.Seeded], name: str, lang: str
) -> None:
    """The cards and the stacked review rows pass the same axe audit as the laptop pages."""
    from .test_a11y_browser import audit

    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == name)
    context = tour.new_context(browser, url, stop, tour.PHONE, seeded.trainer_token)
    page = context.new_page()
    try:
        tour.visit(page, url, stop, lang)
        ours = [f for f in audit(page) if not f["allowed"]]
        assert not ours, f"{lang}/{name} on a phone: {ours}"
    finally:
        context.close()
