"""The administrator in a real Chromium against the real server (issue 33): an admin signs in
with TOTP (codes from tests/staff.py's own RFC 6238 implementation), finds "Beheer" in the menu
(a trainer does not), deactivates a trainer with their own password and a fresh code, and the
trainer's open session ends at once: their next page asks for the sign-in. The audit log (as
cards on a phone) shows the events with who, when and from where, and a hostile name typed
into the sign-in form as text."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from mglearn.store import Store

from .browser import TIMEOUT
from .staff import enrol, fresh_code

pytestmark = pytest.mark.browser

PW = "correct horse"
HOSTILE = '<img src=x onerror="window.pwned=1"> **vet** :skull:'


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    made: list[BrowserContext] = []
    yield made
    for ctx in made:
        ctx.close()


def new_page(browser: Browser, contexts: list[BrowserContext], width: int) -> Page:
    ctx = browser.new_context(viewport={"width": width, "height": 1000})
    ctx.set_default_timeout(TIMEOUT)
    contexts.append(ctx)
    return ctx.new_page()


def sign_in(page: Page, url: str, name: str, password: str = PW) -> None:
    page.goto(f"{url}/trainer")
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden", exact=True).click()


def code(page: Page, value: str) -> None:
    page.get_by_label("Code", exact=True).fill(value)
    page.get_by_role("button", name="Controleren").click()


def test_an_admin_deactivates_a_trainer_whose_session_ends_and_the_audit_log_shows_it(
    browser: Browser, contexts: list[BrowserContext], server: tuple[str, str]
) -> None:
    url, db_url = server
    store = Store(db_url)
    now = datetime.now(UTC)
    ada = store.trainers.add_trainer("Ada", PW, now, role="admin")
    tina = store.trainers.add_trainer("Tina", PW, now)
    ada_secret, tina_secret = enrol(store, ada, now), enrol(store, tina, now)

    mallory = new_page(browser, contexts, 1200)  # a hostile name typed into the sign-in form
    sign_in(mallory, url, HOSTILE, "not the password")
    expect(mallory.get_by_text("Naam of wachtwoord klopt niet.")).to_be_visible()

    trainer = new_page(browser, contexts, 1200)
    sign_in(trainer, url, "Tina")
    code(trainer, fresh_code(store, tina.id, tina_secret))
    expect(trainer.get_by_role("heading", name="Resultaten")).to_be_visible()
    expect(trainer.get_by_role("link", name="Beheer")).to_have_count(0)  # not in a trainer's menu

    admin = new_page(browser, contexts, 390)  # a phone: tables are cards
    sign_in(admin, url, "Ada")
    code(admin, fresh_code(store, ada.id, ada_secret))
    expect(admin.get_by_role("heading", name="Resultaten")).to_be_visible()
    admin.goto(f"{url}/admin")
    expect(admin.get_by_role("heading", name="Beheer")).to_be_visible()
    tina_card = admin.locator(".st-key-mg_cards_admin_accounts dl").filter(has_text="Tina")
    expect(tina_card).to_contain_text("Lopende sessies1")

    admin.get_by_role("combobox", name=re.compile("Account")).click()
    admin.get_by_role("option", name="Tina", exact=True).click()
    what = admin.get_by_role("combobox", name=re.compile("Wat moet er gebeuren"))
    what.click()
    what.press_sequentially("Uitschakelen")  # no action is chosen in advance
    admin.get_by_role("option").filter(has_text="Uitschakelen").first.click()
    admin.get_by_label("Jouw wachtwoord").first.fill(PW)
    admin.get_by_label("Jouw code uit de app").first.fill(fresh_code(store, ada.id, ada_secret))
    admin.get_by_role("button", name="Uitvoeren").click()
    expect(admin.get_by_text("Tina is uitgeschakeld; alle sessies zijn beëindigd.")).to_be_visible()

    trainer.reload()  # Tina's next page asks for the sign-in
    expect(trainer.get_by_text("Meld je eerst aan als trainer.")).to_be_visible()
    expect(trainer.get_by_role("heading", name="Resultaten")).to_have_count(0)
    sign_in(trainer, url, "Tina")  # and the right password no longer signs her in
    expect(trainer.get_by_text("Naam of wachtwoord klopt niet.")).to_be_visible()

    events = {e.kind: e for e in reversed(store.audit.events())}  # the newest of each kind
    off = events["account_deactivated"]
    assert (off.actor, off.target) == ("Ada", "Tina")
    ipaddress.ip_address(off.client)  # from where: the browser's address, as mglearn.clients says
    cards = admin.locator(".st-key-mg_cards_admin_audit dl")
    card = cards.filter(has_text="account uitgeschakeld").first
    for shown in ("Ada", "Tina", off.client, "1 sessie(s) beëindigd"):  # a fixed detail, in Dutch
        expect(card).to_contain_text(shown)
    expect(card).to_contain_text(re.compile(r"Wanneer\d{2}-\d{2}-\d{4} \d{2}:\d{2}"))
    signed_in = cards.filter(has_text="aangemeld").filter(has_text="Tina").first
    expect(signed_in).to_contain_text(events["signin_ok"].client)
    hostile = cards.filter(has_text="aanmelding mislukt").filter(has_text="onerror")
    expect(hostile.first).to_contain_text(HOSTILE)  # the text as typed, not markup
    assert admin.evaluate("() => window.pwned") is None
    assert admin.locator("img[src=x]").count() == 0
    store.dispose()


def test_the_audit_logs_kind_filter_follows_a_switch_to_english(
    browser: Browser, contexts: list[BrowserContext], server: tuple[str, str]
) -> None:
    url, db_url = server
    store = Store(db_url)
    now = datetime.now(UTC)
    ada = store.trainers.add_trainer("Ada", PW, now, role="admin")
    secret = enrol(store, ada, now)
    admin = new_page(browser, contexts, 1200)
    sign_in(admin, url, "Ada")
    code(admin, fresh_code(store, ada.id, secret))
    expect(admin.get_by_role("heading", name="Resultaten")).to_be_visible()
    admin.goto(f"{url}/admin")
    expect(admin.get_by_role("combobox", name="Soort")).to_have_value("Alle soorten")
    admin.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]').get_by_text("English").click()
    expect(admin.get_by_role("heading", name="Audit log")).to_be_visible()
    expect(admin.get_by_role("combobox", name="Kind")).to_have_value("All kinds")
    store.dispose()
