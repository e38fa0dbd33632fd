"""The certificate of a passed exam as a PDF: A4 landscape, DejaVu Sans embedded, with
fallback fonts and text shaping (HarfBuzz, through uharfbuzz) so Chinese, Arabic, Korean,
Ethiopic names and emoji print as themselves (see :mod:`mglearn.certificates.pdf_fonts`); a character no
font has becomes a visible U+FFFD and is logged, never a crash. The QR code of the
verification address is drawn as vector squares (segno)."""

from __future__ import annotations

import logging
import unicodedata

from ..percent import mark_pct, pct
from ..records import Certificate
from ..timezones import format_moment
from . import pdf_fonts
from .credentials import ISSUER_NAME, MODULE_TITLE, verify_url

log = logging.getLogger("mglearn.certificates")


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


def certificate_pdf(cert: Certificate, lang: str, zone: str) -> bytes:
    """The certificate as a PDF (A4 landscape): name, module, score, date, code, QR code; the
    date is the day in ``zone`` (the caller's: the app passes MGLEARN_TIMEZONE, as /verify shows)."""
    import segno
    from fpdf import FPDF

    words = PDF_TEXT.get(lang, PDF_TEXT["nl"])
    url = verify_url(cert.code, lang if lang in PDF_TEXT else "nl")  # opens in the PDF's language
    score = words["score"].format(
        score=pct(cert.score, cert.pass_mark, lang), pass_mark=mark_pct(cert.pass_mark, lang)
    )
    date = words["date"].format(date=format_moment(cert.issued_at, zone, with_time=False))
    # (text, size, style, gap after); the last one is the small line beside the QR code
    lines: list[tuple[str, float, str, float]] = [
        (words["heading"], 30, "B", 8),
        (words["intro"], 14, "", 4),
        (cert.name, 26, "B", 6),
        (words["passed"], 14, "", 4),
        (MODULE_TITLE.get(lang, MODULE_TITLE["nl"]), 18, "B", 8),
        (score, 13, "", 4),
        (date, 13, "", 4),
        (words["code"].format(code=cert.code), 13, "B", 4),
        (words["check"].format(url=url), 9, "", 0),
    ]
    fonts = pdf_fonts.plan(text for text, *_ in lines)
    for ch in fonts.missing:
        log.warning(
            "certificate %s: no font has U+%04X (%s); printed as U+FFFD",
            cert.code,
            ord(ch),
            unicodedata.name(ch, "unnamed"),
        )
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(f"{words['heading']} {cert.code}")
    pdf.set_author(ISSUER_NAME)
    pdf.set_auto_page_break(False)
    for face in (pdf_fonts.MAIN, *fonts.faces):
        pdf.add_font(face.family, "", str(face.regular))
        if face.bold is not None:
            pdf.add_font(face.family, "B", str(face.bold))
    families = [face.family for face in fonts.faces]
    if families:  # a line set in a fallback font takes DejaVu's letters from DejaVu
        pdf.set_fallback_fonts([pdf_fonts.MAIN_FAMILY, *families], exact_match=False)
    pdf.set_text_shaping(use_shaping_engine=True, direction="ltr")
    pdf.add_page()
    pdf.set_draw_color(40, 90, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    width = 257

    def use(index: int, style: str, size: float) -> None:
        face = fonts.primary[index]
        pdf.set_font(face.family, style if face.bold is not None else "", size)

    pdf.set_y(28)
    for index, (_, points, style, gap) in enumerate(lines[:-1]):
        use(index, style, points)
        pdf.set_x(20)
        pdf.multi_cell(width, points * 0.5, fonts.lines[index], align="C")
        pdf.ln(gap)
    # the QR code of the verification address, drawn as vector squares
    qr = segno.make(url, error="m")
    size, module = 38.0, 38.0 / max(1, qr.symbol_size(border=0)[0])
    left, top = 287 - 20 - size, 200 - 20 - size
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(qr.matrix_iter(border=0)):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(left + c * module, top + r * module, module, module, style="F")
    use(len(lines) - 1, "", 9)
    pdf.set_xy(20, 200 - 20 - 5)
    pdf.cell(width - size - 5, 5, fonts.lines[-1], align="L")
    return bytes(pdf.output())
