"""Issue 15.7: a bookmarked or refreshed address never meets Streamlit's "Page not found"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, expect

from mglearn.store import Store

from .browser import TIMEOUT

pytestmark = pytest.mark.browser


def test_bookmarked_addresses_open_the_page_or_ask_to_sign_in(
    browser: Browser,
    server: tuple[str, str],
) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Bladwijzer", now=datetime.now(UTC))
    store.dispose()
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT)
    for address, expected in (
        (f"/overview?learner={learner.code}", "Jouw leerpad"),
        ("/overview", "Begin eerst op de startpagina"),
        ("/results", "Meld je eerst aan als trainer"),
        ("/quiz", "Begin eerst op de startpagina"),
    ):
        page.goto(url + address)
        expect(page.get_by_text(expected).first).to_be_visible()
        assert page.get_by_text("Page not found").count() == 0, address
    page.close()
