"""Issue 26.21: keyboard use in a real browser (AppTest cannot press keys or see focus): after
"Markeer als gelezen" focus lands on the next action, not on <body>; in a practice matching
card Enter in a closed select checks and Escape in an open one only closes it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from mglearn.content import Content
from mglearn.store import Store, utcnow

from .browser import settled, wait_until

pytestmark = pytest.mark.browser


def test_marking_a_lesson_read_moves_focus_to_the_quiz_button(
    page: Page, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Toetsen", now=datetime.now(UTC))
    first = content.lessons[0]
    page.goto(f"{url}/lesson?learner={learner.code}&lesson={first.id}")
    button = page.get_by_role("button", name="Markeer als gelezen")
    settled(page)
    button.focus()
    page.keyboard.press("Enter")
    wait_until(lambda: first.id in store.learners.reads(learner.id))
    expect(page.get_by_text("Gelezen op")).to_be_visible()
    expect(page.get_by_role("button", name="Maak de toets")).to_be_focused()
    store.dispose()


def test_matching_card_enter_in_a_select_checks_and_escape_only_closes(
    page: Page, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Toetsen", now=datetime.now(UTC))
    q = next(q for _, q in content.questions() if q.type == "matching")
    n = len(q.pairs)
    week_ago = utcnow() - timedelta(days=7)  # answered wrong a week ago: due now, the only card
    store.practice.practice_answer(
        learner.id, q, [(i + 1) % n for i in range(n)], shown_at=week_ago, now=week_ago
    )

    page.goto(f"{url}/practice?learner={learner.code}")
    expect(page.get_by_role("button", name="Begin met oefenen")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vraag 1 van 1")).to_be_visible()
    boxes = page.get_by_role("combobox")
    expect(boxes).to_have_count(n)
    settled(page)
    listbox = page.get_by_role("listbox")
    for k in range(n):  # choose with the keyboard: open, arrow down, Enter
        boxes.nth(k).focus()
        page.keyboard.press("ArrowDown")
        expect(listbox).to_be_visible()
        for _ in range(k):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")  # in an open select Enter chooses: it does not check
        expect(listbox).to_have_count(0)
        expect(boxes.nth(k)).not_to_have_value("")
        settled(page)
    chosen = [boxes.nth(k).input_value() for k in range(n)]
    assert len(store.practice.reviews(learner.id)) == 1
    expect(page.get_by_text("Uitleg:")).to_have_count(0)

    boxes.first.focus()
    page.keyboard.press("ArrowDown")
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")  # the defect: Escape cleared the answer
    expect(listbox).to_have_count(0)
    settled(page)
    expect(boxes.first).to_have_value(chosen[0])
    expect(boxes.first).to_be_focused()
    page.keyboard.type("zz")  # typing filters; Escape then puts the chosen answer back
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")
    expect(listbox).to_have_count(0)
    expect(boxes.first).to_have_value(chosen[0])
    settled(page)

    page.keyboard.press("Enter")  # the defect: Enter in a (closed) select did nothing
    wait_until(lambda: len(store.practice.reviews(learner.id)) == 2)
    expect(page.get_by_text("Uitleg:")).to_be_visible()
    settled(page)
    page.keyboard.press("Enter")  # and Enter goes on, as on every other card
    expect(page.get_by_role("heading", name="Klaar met deze ronde")).to_be_visible()
    store.dispose()
