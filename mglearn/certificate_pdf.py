"""The certificate of a passed exam as a PDF: A4 landscape, DejaVu Sans embedded (so every
Latin accent prints exactly; a character the font lacks becomes a visible U+FFFD, never a
crash), and a QR code of the verification address drawn as vector squares (segno)."""

from __future__ import annotations

from datetime import UTC
from functools import cache
from pathlib import Path

from .percent import mark_pct, pct
from .records import Certificate

FONTS = Path(__file__).with_name("fonts")
FONT, FONT_BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
REPLACEMENT = "\ufffd"  # shown for a character the font does not have: visible, never a crash


@cache
def _glyphs() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(FONT), lazy=True) as font:
        return frozenset(font.getBestCmap())


def printable(text: str) -> str:
    """The text with every character the font has no glyph for replaced by U+FFFD."""
    have = _glyphs()
    return "".join(ch if ord(ch) in have or ch in "\n" else REPLACEMENT for ch in text)


PDF_TEXT = {
    "nl": {
        "heading": "Certificaat",
        "intro": "Hierbij verklaren wij dat",
        "passed": "het examen van de module heeft gehaald",
        "score": "Score: {score} (nodig: {pass_mark})",
        "date": "Datum: {date}",
        "code": "Verificatiecode: {code}",
        "check": "Controleer dit certificaat op {url}",
    },
    "en": {
        "heading": "Certificate",
        "intro": "This certifies that",
        "passed": "has passed the exam of the module",
        "score": "Score: {score} (required: {pass_mark})",
        "date": "Date: {date}",
        "code": "Verification code: {code}",
        "check": "Verify this certificate at {url}",
    },
}


def certificate_pdf(cert: Certificate, lang: str = "nl") -> bytes:
    """The certificate as a PDF (A4 landscape): name, module, score, date, code, QR code."""
    import segno
    from fpdf import FPDF

    from .certificates import ISSUER_NAME, MODULE_TITLE, verify_url

    words = PDF_TEXT.get(lang, PDF_TEXT["nl"])
    url = verify_url(cert.code)
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(printable(f"{words['heading']} {cert.code}"))
    pdf.set_author(ISSUER_NAME)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_draw_color(40, 90, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    width = 257

    def line(text: str, size: float, style: str = "", gap: float = 4) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_x(20)
        pdf.multi_cell(width, size * 0.5, printable(text), align="C")
        pdf.ln(gap)

    pdf.set_y(28)
    line(words["heading"], 30, "B", 8)
    line(words["intro"], 14)
    line(cert.name, 26, "B", 6)
    line(words["passed"], 14)
    line(MODULE_TITLE.get(lang, MODULE_TITLE["nl"]), 18, "B", 8)
    line(
        words["score"].format(
            score=pct(cert.score, cert.pass_mark, lang), pass_mark=mark_pct(cert.pass_mark, lang)
        ),
        13,
    )
    line(words["date"].format(date=cert.issued_at.astimezone(UTC).strftime("%d-%m-%Y")), 13)
    line(words["code"].format(code=cert.code), 13, "B")
    # the QR code of the verification address, drawn as vector squares
    qr = segno.make(url, error="m")
    size, module = 38.0, 38.0 / max(1, qr.symbol_size(border=0)[0])
    left, top = 287 - 20 - size, 200 - 20 - size
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(qr.matrix_iter(border=0)):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(left + c * module, top + r * module, module, module, style="F")
    pdf.set_font("DejaVu", "", 9)
    pdf.set_xy(20, 200 - 20 - 5)
    pdf.cell(width - size - 5, 5, printable(words["check"].format(url=url)), align="L")
    return bytes(pdf.output())
