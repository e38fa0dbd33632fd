"""Trainer sign-in survives a refresh and a new tab, in a real Chromium against the real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from mglearn import web
from mglearn.store import Store

from .browser import CHROMIUM_ARGS, app_server, require_chromium

pytestmark = pytest.mark.browser
TIMEOUT = 20_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = require_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    db_url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    with app_server(db_url, tmp_path / "server.log") as url:
        yield url, db_url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1200, "height": 1000})
    ctx.set_default_timeout(TIMEOUT)
    yield ctx
    ctx.close()


def signed_in_as_tina(page: Page) -> None:
    expect(page.get_by_role("link", name="Resultaten")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Page not found")).to_have_count(0, timeout=TIMEOUT)


def test_trainer_stays_signed_in_after_reload_and_in_new_tab(
    context: BrowserContext, server: tuple[str, str]
) -> None:
    url, db_url = server
    store = Store(db_url)
    store.add_trainer("Tina", "correct horse")

    page = context.new_page()
    page.goto(f"{url}/trainer")
    page.get_by_label("Naam").fill("Tina")
    page.get_by_label("Wachtwoord").fill("correct horse")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible(timeout=TIMEOUT)
    assert page.url.startswith(f"{url}/results")
    signed_in_as_tina(page)
    (cookie,) = [c for c in context.cookies() if c["name"] == web.COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"

    page.reload()  # the defect: a refresh signed the trainer out and showed "Page not found"
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible(timeout=TIMEOUT)
    signed_in_as_tina(page)

    tab = context.new_page()
    tab.goto(f"{url}/groups")
    expect(tab.get_by_role("heading", name="Groepen en opdrachten")).to_be_visible(timeout=TIMEOUT)
    signed_in_as_tina(tab)

    tab.goto(f"{url}/trainer")
    expect(tab.get_by_text("Aangemeld als trainer")).to_be_visible(timeout=TIMEOUT)
    tab.get_by_role("button", name="Trainer afmelden").click()
    expect(tab.get_by_text("Je bent afgemeld als trainer")).to_be_visible(timeout=TIMEOUT)
    expect(tab.get_by_label("Wachtwoord")).to_be_visible(timeout=TIMEOUT)
    assert not [c for c in context.cookies() if c["name"] == web.COOKIE]

    page.goto(f"{url}/trainer")  # the first tab is signed out as well
    expect(page.get_by_label("Wachtwoord")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Resultaten")).to_have_count(0, timeout=TIMEOUT)
    store.dispose()


def test_wrong_password_in_the_browser_shows_the_message(
    context: BrowserContext, server: tuple[str, str]
) -> None:
    url, db_url = server
    store = Store(db_url)
    store.add_trainer("Tina", "correct horse")
    page = context.new_page()
    page.goto(f"{url}/trainer")
    page.get_by_label("Naam").fill("Tina")
    page.get_by_label("Wachtwoord").fill("wrong horse")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("Naam of wachtwoord klopt niet")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Resultaten")).to_have_count(0, timeout=TIMEOUT)
    store.dispose()
