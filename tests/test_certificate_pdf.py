"""A certificate worth framing (issue 30 item 2): the PDF read back by pypdf (an independent
reader) in both languages: landscape, the brand (issuer, logo, colour, signatory, contact),
the date written out in the learner's language, the criteria in one line, the verification
code and address."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from mglearn import branding, settings
from mglearn.certificates.pdf import certificate_pdf
from mglearn.records import Certificate
from mglearn.timezones import day_in_words

CODE = "MC-ABCD-EFGH-JKLM-NPQR"
# 23:30 UTC on the 5th is already the 6th in Amsterdam
CERT = Certificate(
    code=CODE,
    attempt_id=1,
    learner_id=1,
    subject_id="urn:uuid:1",
    name="Ëlla van 't Hoff-Øberg",
    score=0.88,
    pass_mark=0.75,
    issued_at=datetime(2026, 12, 5, 23, 30, tzinfo=UTC),
    valid_until=None,
    revoked_at=None,
    revoked_reason=None,
)
AMS = "Europe/Amsterdam"
PLUM = "#7A1F5C"

EXPECTED = {
    "nl": [
        "Vita Opleidingen",
        "Certificaat",
        "Hierbij verklaren wij dat",
        "Ëlla van 't Hoff-Øberg",
        "het examen heeft gehaald van de module",
        "Magnesium: de stille kracht",
        "Criteria: examen over de hele vragenbank, gehaald met minstens 75% goed",
        "Score: 88%",
        "Uitgereikt op 6 december 2026",
        "J. Jansen, opleidingsmanager",
        "namens Vita Opleidingen",
        f"Verificatiecode: {CODE}",
        f"https://leren.vita.example/verify/{CODE}?lang=nl",
        "Contact: info@vita.example",
    ],
    "en": [
        "Vita Opleidingen",
        "Certificate",
        "This certifies that",
        "Ëlla van 't Hoff-Øberg",
        "has passed the exam of the module",
        "Magnesium: the quiet force",
        "Criteria: exam over the whole question bank, passed with at least 75% correct",
        "Score: 88%",
        "Awarded on 6 December 2026",
        "J. Jansen, opleidingsmanager",
        "on behalf of Vita Opleidingen",
        f"Verification code: {CODE}",
        f"https://leren.vita.example/verify/{CODE}?lang=en",
        "Contact: info@vita.example",
    ],
}


@pytest.fixture
def vita(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> branding.Brand:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (122, 31, 92)).save(logo, format="PNG")
    env = {
        "MGLEARN_BRAND_NAME": "Vita Opleidingen",
        "MGLEARN_BRAND_LOGO": str(logo),
        "MGLEARN_BRAND_COLOUR": PLUM,
        "MGLEARN_BRAND_CONTACT": "info@vita.example",
        "MGLEARN_BRAND_SIGNATORY": "J. Jansen, opleidingsmanager",
        "MGLEARN_PUBLIC_URL": "https://leren.vita.example",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)  # verify_url reads the public address from the settings
    return branding.brand(settings.load(env))


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, reader.pages[0].extract_text()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_element_of_the_certificate_in_the_learners_language(lang: str, vita: branding.Brand) -> None:
    reader, text = read(certificate_pdf(CERT, lang, AMS, vita))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for expected in EXPECTED[lang]:
        assert any(expected in line for line in lines), (expected, lines)  # each on one line
    other = "en" if lang == "nl" else "nl"
    assert not set(EXPECTED[other][1:3]) & set(lines)  # nothing in the other language
    assert "06-12-2026" not in text and "05-12-2026" not in text  # the date in words, not in digits
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    assert round(float(page.mediabox.width) / 72 * 25.4) == 297  # A4
    assert [image.image.size for image in page.images] == [(120, 40)]  # the logo
    assert reader.metadata is not None and reader.metadata.author == "Vita Opleidingen"
    drawn = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    strokes = {
        tuple(round(float(c) * 255) for c in m) for m in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) RG", drawn)
    }
    assert (122, 31, 92) in strokes  # the frame in the brand's colour


def test_the_default_brand_says_mglearn_and_signs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGLEARN_PUBLIC_URL", "https://leren.example")
    _, text = read(certificate_pdf(CERT, "en", AMS, branding.brand(settings.load({}))))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert lines.count("mglearn") == 2  # the issuer at the top, the signatory at the foot
    assert not any("on behalf of" in line or "Contact" in line for line in lines)


def test_an_svg_logo_is_drawn_and_a_broken_one_costs_only_the_logo(
    tmp_path: Path, vita: branding.Brand, caplog: pytest.LogCaptureFixture
) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20" viewBox="0 0 60 20">'
        '<rect width="60" height="20" fill="#7A1F5C"/></svg>',
        encoding="utf-8",
    )
    _, text = read(certificate_pdf(CERT, "nl", AMS, branding.Brand(**{**vita.__dict__, "logo": svg})))
    assert "Uitgereikt op 6 december 2026" in text
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg><rect width=", encoding="utf-8")  # an SVG by its start, not a drawable one
    with caplog.at_level("WARNING", logger="mglearn.certificates"):
        _, text = read(certificate_pdf(CERT, "nl", AMS, branding.Brand(**{**vita.__dict__, "logo": broken})))
    assert "Uitgereikt op 6 december 2026" in text
    assert any("cannot be drawn" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("moment", "zone", "lang", "words"),
    [
        (datetime(2026, 12, 5, 23, 30, tzinfo=UTC), AMS, "nl", "6 december 2026"),
        (datetime(2026, 12, 5, 23, 30, tzinfo=UTC), AMS, "en", "6 December 2026"),
        (datetime(2026, 3, 2, 23, 30, tzinfo=UTC), "America/New_York", "en", "2 March 2026"),
        (datetime(2027, 5, 1, 8, 0, tzinfo=UTC), AMS, "nl", "1 mei 2027"),
    ],
)
def test_a_day_in_words(moment: datetime, zone: str, lang: str, words: str) -> None:
    assert day_in_words(moment, zone, lang) == words
