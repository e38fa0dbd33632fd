"""Staff sign-in with a second factor in a real Chromium against the real server (issue 33):
TOTP after the password, a replayed and an old code refused, a lock after wrong codes, a
recovery code good exactly once, enrolment from the QR page's key. Codes come from
tests/staff.py's own RFC 6238 implementation, not from the app's pyotp."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from mglearn import second_factor
from mglearn.store import Store

from .browser import TIMEOUT, app_server
from .staff import add_enrolled_trainer, fresh_code, totp

pytestmark = pytest.mark.browser


@pytest.fixture
def new_page(browser: Browser) -> Iterator[object]:
    contexts: list[BrowserContext] = []

    def make() -> Page:
        ctx = browser.new_context(viewport={"width": 1200, "height": 1000})
        ctx.set_default_timeout(TIMEOUT)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def password(page: Page, url: str, pw: str = "correct horse") -> None:
    page.goto(f"{url}/trainer")
    page.get_by_label("Naam").fill("Tina")
    page.get_by_label("Wachtwoord").fill(pw)
    page.get_by_role("button", name="Aanmelden", exact=True).click()


def code(page: Page, value: str) -> None:
    page.get_by_label("Code", exact=True).fill(value)
    page.get_by_role("button", name="Controleren").click()


def signed_in(page: Page) -> None:
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()


def test_totp_sign_in_refuses_a_replayed_and_an_old_code(new_page: object, server: tuple[str, str]) -> None:
    url, db_url = server
    store = Store(db_url)
    tina, secret, _ = add_enrolled_trainer(store)
    first: Page = new_page()  # type: ignore[operator]
    password(first, url)
    expect(first.get_by_text("Code uit je authenticator-app")).to_be_visible()
    expect(first.get_by_role("link", name="Resultaten")).to_have_count(0)  # the password alone: no session
    used = fresh_code(store, tina.id, secret)
    code(first, used)
    signed_in(first)

    second: Page = new_page()  # type: ignore[operator]
    password(second, url)
    code(second, used)  # replayed from another browser
    expect(second.get_by_text("Deze code klopt niet.")).to_be_visible()
    code(second, totp(secret, steps=-2))  # an old code, never used
    expect(second.get_by_text("Deze code klopt niet.")).to_be_visible()
    expect(second.get_by_role("link", name="Resultaten")).to_have_count(0)
    code(second, fresh_code(store, tina.id, secret))
    signed_in(second)
    store.dispose()


def test_wrong_codes_lock_the_account(new_page: object, server: tuple[str, str]) -> None:
    url, db_url = server
    store = Store(db_url)
    tina, secret, _ = add_enrolled_trainer(store)
    page: Page = new_page()  # type: ignore[operator]
    password(page, url)
    right = {totp(secret, steps=s) for s in (-1, 0, 1, 2)}
    wrong = [c for c in (f"{i}{i}{i}{i}{i}{i}" for i in range(10)) if c not in right]
    for value in wrong[: second_factor.MAX_FAILURES - 1]:
        code(page, value)
        expect(page.get_by_text("Deze code klopt niet.")).to_be_visible()
    code(page, wrong[second_factor.MAX_FAILURES - 1])
    expect(
        page.get_by_text(re.compile("Te veel verkeerde codes: dit account is 15 minuten geblokkeerd"))
    ).to_be_visible()
    password(page, url)  # the right password and the right code: still locked
    code(page, fresh_code(store, tina.id, secret))
    expect(page.get_by_text(re.compile("Te veel verkeerde codes"))).to_be_visible()
    expect(page.get_by_role("link", name="Resultaten")).to_have_count(0)
    store.dispose()


def test_a_recovery_code_signs_in_exactly_once(new_page: object, server: tuple[str, str]) -> None:
    url, db_url = server
    store = Store(db_url)
    tina, _, recovery = add_enrolled_trainer(store)
    page: Page = new_page()  # type: ignore[operator]
    password(page, url)
    code(page, recovery[0])
    signed_in(page)
    assert store.factors.recovery_codes_left(tina.id) == 9

    other: Page = new_page()  # type: ignore[operator]
    password(other, url)
    code(other, recovery[0])
    expect(other.get_by_text("Deze code klopt niet.")).to_be_visible()
    expect(other.get_by_role("link", name="Resultaten")).to_have_count(0)
    store.dispose()


def test_an_existing_trainer_enrols_at_the_next_sign_in(new_page: object, server: tuple[str, str]) -> None:
    url, db_url = server
    store = Store(db_url)
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    page: Page = new_page()  # type: ignore[operator]
    page.goto(f"{url}/trainer")
    # paste is allowed (ASVS 6.2.7): no script cancels a paste into the password field
    pasted = page.get_by_label("Wachtwoord").evaluate(
        "el => { const data = new DataTransfer(); data.setData('text/plain', 'x');"
        " return el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, cancelable: true,"
        " bubbles: true})) && !el.hasAttribute('onpaste'); }"
    )
    assert pasted is True
    assert page.get_by_label("Wachtwoord").get_attribute("type") == "password"  # masked (ASVS 6.2.6)
    password(page, url)
    expect(page.get_by_text("Stel je tweede factor in")).to_be_visible()
    expect(page.get_by_test_id("stImage")).to_be_visible()  # the QR code
    key = page.get_by_text(re.compile(r"^Sleutel:")).inner_text().split(":", 1)[1]
    secret = "".join(key.split())
    assert len(secret) == 32  # what a trainer types into the app by hand
    page.get_by_label("Code", exact=True).fill(totp(secret))
    page.get_by_role("button", name="Instellen en aanmelden").click()
    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    codes = page.locator("li code").all_inner_texts()
    assert len(codes) == 10 and all(
        re.fullmatch(r"([A-HJ-NP-Z2-9]{4}-){5}[A-HJ-NP-Z2-9]{4}", c) for c in codes
    )
    page.get_by_role("link", name="Verder naar de resultaten").click()
    signed_in(page)
    assert store.factors.has_factor(tina.id) and store.factors.recovery_codes_left(tina.id) == 10
    store.dispose()


def test_an_idle_session_ends(new_page: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MGLEARN_TRAINER_IDLE_MINUTES (0.5 here: 30 s): used, the session goes on; left alone
    longer than that, the next page asks for the sign-in again."""
    monkeypatch.setenv("MGLEARN_TRAINER_IDLE_MINUTES", "0.5")
    db_url = f"sqlite:///{tmp_path / 'idle.sqlite3'}"
    store = Store(db_url)
    tina, secret, _ = add_enrolled_trainer(store)
    with app_server(db_url, tmp_path / "server.log") as url:
        page: Page = new_page()  # type: ignore[operator]
        password(page, url)
        code(page, fresh_code(store, tina.id, secret))
        signed_in(page)
        started = time.monotonic()
        while time.monotonic() - started < 45:  # used every 10 s: still signed in after 45 s
            time.sleep(10)
            page.reload()
            signed_in(page)
        time.sleep(35)  # left alone
        page.reload()
        expect(page.get_by_text("Meld je eerst aan als trainer.")).to_be_visible()
        expect(page.get_by_role("heading", name="Resultaten")).to_have_count(0)
        assert store.sessions.sessions_of(tina.id, datetime.now(UTC)) == []  # removed, not only refused
    store.dispose()
