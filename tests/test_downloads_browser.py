"""The trainer's download buttons in a real Chromium: every click gives a file, read back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect

from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.store import Store
from mglearn.web import COOKIE

from .browser import TIMEOUT

pytestmark = pytest.mark.browser
EVIL = '=HYPERLINK("http://x","y")'


@pytest.fixture
def trainer_page(browser: Browser, server: tuple[str, str], content: Content) -> Iterator[Page]:
    url, db_url = server
    store = Store(db_url)
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas 3B", now=datetime.now(UTC))
    learner = store.learners.create_learner("Lotte", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    store.groups.join_group(
        store.learners.create_learner(EVIL, now=datetime.now(UTC)).id, group.join_code, now=datetime.now(UTC)
    )  # no attempts yet
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    token = store.trainers.open_session(tina.id, now=datetime.now(UTC))
    store.dispose()

    context = browser.new_context(viewport={"width": 1300, "height": 1100}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    context.add_cookies([{"name": COOKIE, "value": token, "url": url}])  # as the sign-in route sets it
    page.goto(f"{url}/results")
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    expect(page.get_by_text("1 poging ·")).to_be_visible()
    yield page
    context.close()


def download(page: Page, label: str, tmp_path: Path, n: int) -> bytes:
    button = page.get_by_role("button", name=label)
    with page.expect_download(timeout=15_000) as info:
        button.click()
    target = tmp_path / f"{n}-{info.value.suggested_filename}"
    info.value.save_as(target)
    page.wait_for_timeout(1200)  # a person's pace: Chromium itself refuses a rapid series of downloads
    return target.read_bytes()


def test_download_buttons_give_a_file_on_every_click(trainer_page: Page, tmp_path: Path) -> None:
    """Each of the 28 clicks gives a file (a callable ``data=`` lost about one click in eight:
    the click's own rerun dropped the callable before the browser asked for the file)."""
    page = trainer_page
    for n in range(7):
        roster = download(page, "Deelnemers (CSV)", tmp_path, n).decode("utf-8-sig")
        names = {r["Leerling"] for r in csv.DictReader(io.StringIO(roster), delimiter=";")}
        assert names == {"Lotte", "'" + EVIL}
        answers = download(page, "Alle antwoorden (CSV)", tmp_path, n).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(answers), delimiter=";"))
        assert rows and {r["Leerling"] for r in rows} == {"Lotte"}
        bank = download(page, "Vragenbank (Moodle GIFT)", tmp_path, n).decode("utf-8")
        assert bank.startswith("$CATEGORY:")
        book = openpyxl.load_workbook(io.BytesIO(download(page, "Alles (Excel)", tmp_path, n)))
        assert book.sheetnames == ["Deelnemers", "Antwoorden", "Vraaganalyse", "Examens"]
        assert {c.value for c in book["Deelnemers"]["A"][1:]} == {"Lotte", "'" + EVIL}
