"""The brand in a real browser (issue 30 item 1): a server started with the brand's settings
shows the logo in the header and sidebar, the organisation's name and contact in the sidebar,
and draws its primary buttons in the brand's colour (Streamlit's theme follows the setting)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, expect

from .browser import app_server, assert_quiet_log, settled

pytestmark = pytest.mark.browser

PLUM = "#7A1F5C"


def test_the_app_wears_the_brand(browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (122, 31, 92)).save(logo, format="PNG")
    monkeypatch.setenv("MGLEARN_BRAND_NAME", "Vita Opleidingen")
    monkeypatch.setenv("MGLEARN_BRAND_COLOUR", PLUM)
    monkeypatch.setenv("MGLEARN_BRAND_LOGO", str(logo))
    monkeypatch.setenv("MGLEARN_BRAND_CONTACT", "info@vita.example")
    log = tmp_path / "server.log"
    with app_server(f"sqlite:///{tmp_path / 'brand.sqlite3'}", log) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.goto(f"{url}/start")
        settled(page)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_test_id("stSidebarLogo")).to_be_visible()
        expect(sidebar.get_by_text("Vita Opleidingen", exact=True)).to_be_visible()
        expect(sidebar.get_by_role("link", name="info@vita.example")).to_have_attribute(
            "href", "mailto:info@vita.example"
        )
        button = page.locator('[data-testid^="stBaseButton-primary"]').first
        expect(button).to_be_visible()
        colour = button.evaluate("b => getComputedStyle(b).backgroundColor")
        assert colour == "rgb(122, 31, 92)", colour
        # a phone: the sidebar folds away, the logo stays in the header
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        settled(page)
        expect(page.get_by_test_id("stHeaderLogo")).to_be_visible()
        context.close()
    assert_quiet_log(log)
