"""The organisation's brand by settings (issue 30 item 1): each setting read and checked with
a clear message, the record the certificate, /verify and the issuer Profile take from it, the
logo served at /brand/logo, the public verification page in the brand, the name and contact in
the app's sidebar, the theme colour for every new session and the colour of the charts."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from mglearn import branding, settings, web
from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20" fill="#7A1F5C"/></svg>'
)
PLUM = "#7A1F5C"


def png(path: Path) -> Path:
    Image.new("RGB", (60, 20), (122, 31, 92)).save(path, format="PNG")
    return path


def test_defaults_are_neutral_and_say_mglearn() -> None:
    b = branding.brand(settings.load({}))
    assert (b.name, b.signatory, b.logo, b.contact) == ("mglearn", "mglearn", None, None)
    assert b.colour == "#1F5F51" and b.url == "http://localhost:8501"
    assert b.profile() == {"name": "mglearn", "url": "http://localhost:8501"}


def test_a_full_brand_is_read_and_given_to_the_profile(tmp_path: Path) -> None:
    logo = png(tmp_path / "logo.png")
    b = branding.brand(
        settings.load(
            {
                "MGLEARN_BRAND_NAME": " Vita Opleidingen ",
                "MGLEARN_BRAND_LOGO": str(logo),
                "MGLEARN_BRAND_COLOUR": "#7a1f5c",
                "MGLEARN_BRAND_CONTACT": "info@vita.example",
                "MGLEARN_BRAND_SIGNATORY": "J. Jansen, opleidingsmanager",
                "MGLEARN_PUBLIC_URL": "https://leren.vita.example/",
            }
        )
    )
    assert (b.name, b.colour, b.signatory, b.logo) == (
        "Vita Opleidingen",
        PLUM,
        "J. Jansen, opleidingsmanager",
        logo,
    )
    assert b.logo_kind == "png" and b.logo_mime == "image/png"
    assert b.profile() == {
        "name": "Vita Opleidingen",
        "url": "https://leren.vita.example",
        "image": {
            "id": "https://leren.vita.example/brand/logo",
            "type": "Image",
            "caption": "Vita Opleidingen",
        },
        "email": "info@vita.example",
    }


def test_an_svg_logo_is_known_by_its_content_not_its_name(tmp_path: Path) -> None:
    odd = tmp_path / "logo.data"
    odd.write_text('<?xml version="1.0"?>\n' + SVG, encoding="utf-8")
    assert branding.brand(settings.load({"MGLEARN_BRAND_LOGO": str(odd)})).logo_kind == "svg"


@pytest.mark.parametrize(
    ("name", "raw", "told"),
    [
        ("MGLEARN_BRAND_COLOUR", "blue", "is not a hex colour such as #1F5F51; using #1F5F51"),
        ("MGLEARN_BRAND_COLOUR", "#12345", "is not a hex colour such as #1F5F51; using #1F5F51"),
        (
            "MGLEARN_BRAND_COLOUR",
            "#FFD700",  # gold: white text on it cannot be read
            "is too light: white text on it (and it as text on white) has a contrast of 1.4:1,"
            " 4.5:1 is needed; using #1F5F51",
        ),
        (
            "MGLEARN_BRAND_LOGO",
            "/nowhere/logo.png",
            "names no file (give the path of a PNG or SVG file the app can read); using no logo",
        ),
    ],
)
def test_a_bad_brand_value_is_told_clearly_and_the_default_used(
    name: str, raw: str, told: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="mglearn.settings"):
        got = branding.brand(settings.load({name: raw}))
    assert [r.getMessage() for r in caplog.records] == [f"{name}={raw!r} {told}"]
    assert (got.colour, got.logo) == ("#1F5F51", None)


def test_a_file_that_is_not_an_image_is_no_logo(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = tmp_path / "logo.png"
    text.write_text("not an image", encoding="utf-8")
    with caplog.at_level("WARNING", logger="mglearn.settings"):
        assert settings.load({"MGLEARN_BRAND_LOGO": str(text)}).brand_logo is None
    assert (
        caplog.records[0].getMessage()
        == f"MGLEARN_BRAND_LOGO={str(text)!r} is not a PNG or SVG image; using no logo"
    )


def test_short_hex_and_the_contrast_rule() -> None:
    assert settings.load({"MGLEARN_BRAND_COLOUR": "#036"}).brand_colour == "#003366"
    assert round(settings.contrast_with_white("#1F5F51"), 1) >= 4.5
    assert round(settings.contrast_with_white("#767676"), 2) == 4.54  # WCAG's own example of the edge


def test_only_safe_contact_links() -> None:
    def link(contact: str) -> str | None:
        return branding.Brand("x", PLUM, "x", "https://a.example", contact=contact).contact_link

    assert link("info@vita.example") == "mailto:info@vita.example"
    assert link("https://vita.example/contact") == "https://vita.example/contact"
    assert link("javascript:alert(1)") is None and link("Postbus 12, Utrecht") is None


# -- the web: /brand/logo and the branded /verify page --


def client(store: Store) -> TestClient:
    return TestClient(Starlette(routes=web.routes(lambda: store)))


def test_the_logo_is_served_with_its_type_and_an_svg_runs_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client(store).get("/brand/logo").status_code == 404  # no logo set
    logo = png(tmp_path / "logo.png")
    monkeypatch.setenv("MGLEARN_BRAND_LOGO", str(logo))
    got = client(store).get("/brand/logo")
    assert got.status_code == 200 and got.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(got.content)).size == (60, 20)
    svg = tmp_path / "logo.svg"
    svg.write_text(SVG, encoding="utf-8")
    monkeypatch.setenv("MGLEARN_BRAND_LOGO", str(svg))
    got = client(store).get("/brand/logo")
    assert got.headers["content-type"].startswith("image/svg+xml") and got.text == SVG
    assert "sandbox" in got.headers["content-security-policy"]


def test_the_verify_page_wears_the_brand(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_BRAND_NAME", "Vita <Opleidingen>")
    monkeypatch.setenv("MGLEARN_BRAND_COLOUR", PLUM)
    monkeypatch.setenv("MGLEARN_BRAND_CONTACT", "info@vita.example")
    monkeypatch.setenv("MGLEARN_BRAND_LOGO", str(png(tmp_path / "logo.png")))
    page = client(store).get("/verify/MC-AAAA-BBBB-CCCC-DDDD?lang=en").text
    assert "<title>Verify a certificate · Vita &lt;Opleidingen&gt;</title>" in page
    header = '<header class="mg-brand"><img src="../brand/logo" alt=""><span>Vita &lt;Opleidingen&gt;</span>'
    assert header + "</header>" in page
    assert f"border-bottom:4px solid {PLUM}" in page and f"h1{{color:{PLUM}}}" in page
    assert '<footer>Contact: <a href="mailto:info@vita.example">info@vita.example</a></footer>' in page
    assert "Unknown code: this certificate does not exist." in page  # its logic as before
    monkeypatch.delenv("MGLEARN_BRAND_LOGO")
    monkeypatch.delenv("MGLEARN_BRAND_CONTACT")
    plain = client(store).get("/verify/MC-AAAA-BBBB-CCCC-DDDD").text
    assert "<img" not in plain and "<footer>" not in plain and "Onbekende code" in plain


# -- the app: the sidebar, the theme, the charts --

APP = str(PROJECT_ROOT / "app.py")


def test_the_sidebar_shows_the_name_and_contact(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    monkeypatch.setenv("MGLEARN_BRAND_NAME", "Vita Opleidingen")
    monkeypatch.setenv("MGLEARN_BRAND_CONTACT", "https://vita.example/contact")
    at = AppTest.from_file(APP, default_timeout=60).run()
    shown = [m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption]
    assert "**Vita Opleidingen**" in shown
    contact = [c for c in shown if c.startswith("Contact: ")]
    assert contact == ["Contact: [https://vita\\.example/contact](<https://vita.example/contact>)"]
    monkeypatch.delenv("MGLEARN_BRAND_NAME")
    monkeypatch.delenv("MGLEARN_BRAND_CONTACT")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "**mglearn**" in [m.value for m in at.sidebar.markdown]
    assert not any(c.value.startswith("Contact") for c in at.sidebar.caption)


def test_the_theme_colour_is_the_brands(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit import config

    from mglearn.ui import brand

    before = config.get_option("theme.primaryColor")
    monkeypatch.setenv("MGLEARN_BRAND_COLOUR", PLUM)
    try:
        brand.apply_theme()
        assert config.get_option("theme.primaryColor") == PLUM
    finally:
        config.set_option("theme.primaryColor", before)


def test_charts_take_the_brand_colour(
    monkeypatch: pytest.MonkeyPatch, store: Store, content: Content
) -> None:
    """The progress page's charts (lessons, the practice forecast) are drawn in the brand's
    colour, not Streamlit's default blue."""
    monkeypatch.setenv("MGLEARN_BRAND_COLOUR", PLUM)
    learner = store.learners.create_learner("Kleur", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    for d in attempt.draw:
        q = next(x for x in quiz.questions if x.id == d.question_id)
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))  # its cards: a practice forecast
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["learner"] = learner.code
    at.run()
    at.switch_page("mglearn/ui/progress.py").run()
    assert not at.exception
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(specs) == 2 and all(s["mark"] == {"type": "bar", "color": PLUM} for s in specs), specs
