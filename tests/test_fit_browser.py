"""Phones and small laptops (issue 30 item 6), in a real browser: no button's label is cut off
(Groups' "Bewerken/Verwijderen", Results' export row) on a phone (390x844) or a small laptop
(1280x720), in Dutch and English (no horizontal scrolling: tests/test_screens_browser.py);
the item analysis shows its key columns first (AppTest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from mglearn.content import Content
from mglearn.store import Store

from . import tour
from .browser import app_server, assert_quiet_log

# every button (and download button) in the main area whose label, or a part of it, is wider
# than the room it is given: cut off, with or without an ellipsis
CUT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  for (const button of main.querySelectorAll('button')) {
    const r = button.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || !button.innerText.trim()) continue;
    const parts = [button, ...button.querySelectorAll('*')];
    if (parts.some((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)) {
      found.push(button.innerText.trim().slice(0, 60) + ` (${Math.round(r.width)} px)`);
    }
  }
  return found;
}"""

# every word of a heading in the main area that the browser broke over two lines
BROKEN_WORDS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  for (const heading of main.querySelectorAll('h1, h2, h3')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (tops.size > 1) found.push(word[0]);
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, content: Content) -> Iterator[tuple[str, tour.Seeded]]:
    folder = tmp_path_factory.mktemp("fit")
    db_url = f"sqlite:///{folder / 'fit.sqlite3'}"
    store = Store(db_url)
    seeded = tour.seed(store, content)
    store.dispose()
    log = folder / "server.log"
    with app_server(db_url, log) as url:
        yield url, seeded
    assert_quiet_log(log)


@pytest.mark.browser
@pytest.mark.parametrize("lang", tour.LANGS)
@pytest.mark.parametrize("name", ["groups", "results", "practice-feedback", "quiz", "lesson", "exam"])
def test_no_button_is_cut_off(browser: Browser, site: tuple[str, tour.Seeded], name: str, lang: str) -> None:
    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == name)
    problems = []
    for size_name, size in tour.SIZES.items():
        context = tour.new_context(browser, url, stop, size, seeded.trainer_token)
        page = context.new_page()
        try:
            tour.visit(page, url, stop, lang)
            cut = page.evaluate(CUT)
            if cut:
                problems.append(f"{size_name}: {cut}")
        finally:
            context.close()
    assert not problems, f"{lang}/{name} cuts off buttons:\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("lang", tour.LANGS)
def test_no_heading_breaks_a_word_on_a_phone(
    browser: Browser, site: tuple[str, tour.Seeded], lang: str
) -> None:
    """The exam's title showed "Certificeringsexa / men" on a 390 px phone (the tour's shots)."""
    url, seeded = site
    problems = []
    for stop in tour.stops(seeded):
        context = tour.new_context(browser, url, stop, tour.PHONE, seeded.trainer_token)
        page = context.new_page()
        try:
            tour.visit(page, url, stop, lang)
            broken = page.evaluate(BROKEN_WORDS)
            if broken:
                problems.append(f"{stop.name}: {broken}")
        finally:
            context.close()
    assert not problems, f"{lang}: headings break words on a phone:\n" + "\n".join(problems)


@pytest.mark.browser
def test_a_phone_shows_no_key_badges_a_laptop_does(browser: Browser, site: tuple[str, tour.Seeded]) -> None:
    """A touch screen has no Enter or number keys: its buttons carry no shortcut badges and the
    page says nothing about keys."""
    url, seeded = site
    stop = next(s for s in tour.stops(seeded) if s.name == "practice")
    seen = {}
    for size_name, size in tour.SIZES.items():
        context = tour.new_context(browser, url, stop, size, seeded.trainer_token)
        page = context.new_page()
        try:
            tour.visit(page, url, stop, "nl")
            badges = page.evaluate(
                "() => Array.from(document.querySelectorAll('button kbd'))"
                ".filter((k) => k.getBoundingClientRect().width > 0).length"
            )
            words = page.locator('[data-testid="stMain"]').inner_text()
            seen[size_name] = (badges, "Toetsen:" in words or "toetsen" in words)
        finally:
            context.close()
    assert seen["laptop"][0] > 0 and seen["laptop"][1] and seen["phone"] == (0, False), seen


def test_item_analysis_shows_its_key_columns_first(store: Store, content: Content) -> None:
    """On a phone the first columns are what a trainer looks for (which item, flagged or not,
    how hard, how well it separates); the long question text and the rest come after."""
    from datetime import UTC, datetime

    from mglearn.attempts import correct_response
    from mglearn.i18n import t

    from .test_trainer_pages import UI, trainer_signed_in

    at = trainer_signed_in(store)
    tina = store.trainers.trainer_by_name("Tina")
    assert tina is not None
    group = store.groups.create_group(tina.id, "Groep", now=datetime.now(UTC))
    for name in ("Ada", "Bo"):
        learner = store.learners.create_learner(name, now=datetime.now(UTC))
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
        attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=datetime.now(UTC))
        for _, q in store.attempts.questions_of(attempt):
            store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
        store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    at.switch_page(f"{UI}/results.py").run()
    assert not at.exception
    key = [
        "tw.col.question_id",
        "tw.col.flags",
        "tw.col.facility",
        "tw.col.discrimination",
        "tw.col.question",
    ]
    items = next(d.value for d in at.dataframe if t("tw.col.facility", "nl") in d.value.columns)
    assert list(items.columns)[:5] == [t(k, "nl") for k in key]
