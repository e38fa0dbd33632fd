"""Trainer sign-in survives a refresh and a new tab, in a real Chromium against the real server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from mglearn import web
from mglearn.store import Store

from .browser import TIMEOUT
from .staff import add_enrolled_trainer, finish_sign_in

pytestmark = pytest.mark.browser


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
    tina, secret, _ = add_enrolled_trainer(store)

    page = context.new_page()
    page.goto(f"{url}/trainer")
    page.get_by_label("Naam").fill("Tina")
    page.get_by_label("Wachtwoord").fill("correct horse")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    finish_sign_in(page, store, tina.id, secret)
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
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    page = context.new_page()
    page.goto(f"{url}/trainer")
    page.get_by_label("Naam").fill("Tina")
    page.get_by_label("Wachtwoord").fill("wrong horse")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("Naam of wachtwoord klopt niet")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Resultaten")).to_have_count(0, timeout=TIMEOUT)
    store.dispose()


LOOK = ["background-color", "border-top-color", "border-top-width", "border-radius", "height", "font-size"]
BUTTON_LOOK = [*LOOK, "color", "font-weight", "font-family"]


def style(element: Locator, props: list[str]) -> dict[str, str]:
    return dict(
        element.evaluate(
            "(el, props) => { const s = getComputedStyle(el);"
            " return props.map(p => [p, s.getPropertyValue(p)]); }",
            props,
        )
    )


def box_style(field: Locator, props: list[str]) -> dict[str, str]:
    """What a user sees of a text field: the box around the input (Streamlit draws it there)."""
    return style(field.locator("xpath=.."), props)


def test_sign_in_form_looks_like_the_apps_other_forms(page: Page, server: tuple[str, str]) -> None:
    """Issue 26.20: the sign-in form was hand-made (its own green, borders and sizes): its
    fields, labels and button now look like Streamlit's on the start page."""
    url, _ = server
    page.goto(url)
    their_field = page.get_by_label("Je naam (zoals je die wilt zien)")
    expect(their_field).to_be_visible()
    their_button = page.get_by_role("button", name="Beginnen")
    theirs = box_style(their_field, LOOK)
    their_label = style(page.get_by_text("Je naam (zoals je die wilt zien)"), ["font-size", "color"])
    their_look = style(their_button, BUTTON_LOOK)

    page.goto(f"{url}/trainer")
    for name in ("Naam", "Wachtwoord"):
        field = page.get_by_label(name)
        expect(field).to_be_visible()
        assert box_style(field, LOOK) == theirs, name
        assert style(page.get_by_text(name, exact=True), ["font-size", "color"]) == their_label, name
    assert style(page.get_by_role("button", name="Aanmelden", exact=True), BUTTON_LOOK) == their_look


def test_empty_sign_in_shows_the_apps_message(page: Page, server: tuple[str, str]) -> None:
    """Not the browser's own bubble in the browser's language: the app's message, in Dutch."""
    url, _ = server
    page.goto(f"{url}/trainer")
    page.get_by_label("Naam").fill("Tina")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("Vul je naam en je wachtwoord in.")).to_be_visible()
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
