"""The certificate of a passed exam as a PDF worth framing: A4 landscape in the brand's colour
(:mod:`mglearn.branding`: the organisation's name as issuer, its logo, the signatory line),
the date written out in the learner's language, the achievement's criteria in one line, the
QR code and the verification address. DejaVu Sans is embedded, with fallback fonts and text
shaping (HarfBuzz, through uharfbuzz) so Chinese, Arabic, Korean, Ethiopic names and emoji
print as themselves (see :mod:`mglearn.certificates.pdf_fonts`); a character no font has
becomes a visible U+FFFD and is logged, never a crash. The QR code of the verification
address is drawn as vector squares (segno)."""

from __future__ import annotations

import logging
import unicodedata

from ..branding import Brand, brand
from ..percent import mark_pct, pct
from ..records import Certificate
from ..timezones import day_in_words
from . import pdf_fonts
from .credentials import MODULE_TITLE, verify_url

log = logging.getLogger("mglearn.certificates")


PDF_TEXT = {
    "nl": {
        "heading": "Certificaat",
        "intro": "Hierbij verklaren wij dat",
        "passed": "het examen heeft gehaald van de module",
        "criteria": "Criteria: examen over de hele vragenbank, gehaald met minstens {pass_mark} goed",
        "score": "Score: {score}",
        "date": "Uitgereikt op {date}",
        "for": "namens {issuer}",
        "code": "Verificatiecode: {code}",
        "check": "Controleer dit certificaat op {url}",
        "contact": "Contact: {contact}",
    },
    "en": {
        "heading": "Certificate",
        "intro": "This certifies that",
        "passed": "has passed the exam of the module",
        "criteria": "Criteria: exam over the whole question bank, passed with at least {pass_mark} correct",
        "score": "Score: {score}",
        "date": "Awarded on {date}",
        "for": "on behalf of {issuer}",
        "code": "Verification code: {code}",
        "check": "Verify this certificate at {url}",
        "contact": "Contact: {contact}",
    },
}

W, H = 297.0, 210.0  # A4 landscape, mm
MARGIN = 22.0  # from the paper's edge to the text
QR = 34.0  # the QR code's side


def certificate_pdf(cert: Certificate, lang: str, zone: str, b: Brand | None = None) -> bytes:
    """The certificate as a PDF (A4 landscape): brand, name, module, criteria, score, the date
    in words, signatory, code, QR code; the date is the day in ``zone`` (the caller's: the app
    passes MGLEARN_TIMEZONE, as /verify shows); ``b`` the brand (default: the settings')."""
    import segno
    from fpdf import FPDF
    from fpdf.enums import Align

    b = b or brand()
    lang = lang if lang in PDF_TEXT else "nl"
    words = PDF_TEXT[lang]
    url = verify_url(cert.code, lang)  # opens in the PDF's language
    issuer = b.name
    # (text, size, style, in colour, gap after): the middle column, top to bottom
    middle: list[tuple[str, float, str, bool, float]] = [
        (issuer, 14, "B", True, 4),
        (words["heading"], 32, "B", True, 6),
        (words["intro"], 13, "", False, 3),
        (cert.name, 26, "B", False, 4),
        (words["passed"], 13, "", False, 3),
        (MODULE_TITLE[lang], 18, "B", False, 5),
        (words["criteria"].format(pass_mark=mark_pct(cert.pass_mark, lang)), 11, "", False, 2),
        (words["score"].format(score=pct(cert.score, cert.pass_mark, lang)), 11, "", False, 4),
        (words["date"].format(date=day_in_words(cert.issued_at, zone, lang)), 13, "", False, 0),
    ]
    signed = [b.signatory] + ([words["for"].format(issuer=issuer)] if b.signatory != issuer else [])
    foot = [words["code"].format(code=cert.code), words["check"].format(url=url)]
    if b.contact:
        foot.append(words["contact"].format(contact=b.contact))
    texts = [text for text, *_ in middle] + signed + foot
    fonts = pdf_fonts.plan(texts)
    for ch in fonts.missing:
        log.warning(
            "certificate %s: no font has U+%04X (%s); printed as U+FFFD",
            cert.code,
            ord(ch),
            unicodedata.name(ch, "unnamed"),
        )
    printed = dict(zip(range(len(texts)), fonts.lines, strict=True))
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(f"{words['heading']} {cert.code}")
    pdf.set_author(issuer)
    pdf.set_lang(lang)
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
    colour = b.rgb()

    def use(index: int, style: str, size: float, coloured: bool = False) -> None:
        face = fonts.primary[index]
        pdf.set_font(face.family, style if face.bold is not None else "", size)
        pdf.set_text_color(*(colour if coloured else (20, 20, 20)))

    # the frame: a broad line in the brand's colour and a fine one inside it
    pdf.set_draw_color(*colour)
    pdf.set_line_width(1.6)
    pdf.rect(8, 8, W - 16, H - 16)
    pdf.set_line_width(0.4)
    pdf.rect(12, 12, W - 24, H - 24)
    top = 20.0
    if b.logo is not None and b.logo_kind:
        try:
            pdf.image(str(b.logo), x=Align.C, y=top, h=16, keep_aspect_ratio=True, alt_text=issuer)
            top += 20
        except Exception as err:  # a logo that cannot be drawn costs the logo, never the PDF
            log.warning("certificate %s: the logo %s cannot be drawn: %s", cert.code, b.logo, err)
    pdf.set_y(top)
    for index, (_, points, style, coloured, gap) in enumerate(middle):
        use(index, style, points, coloured)
        pdf.set_x(MARGIN)
        pdf.multi_cell(W - 2 * MARGIN, points * 0.5, printed[index], align="C")
        pdf.ln(gap)
    # the signature: a line to sign on, the signatory under it (and for whom, when not the issuer)
    first = len(middle)
    line_y = H - MARGIN - 24
    pdf.set_line_width(0.3)
    pdf.line(MARGIN + 4, line_y, MARGIN + 94, line_y)
    pdf.set_xy(MARGIN + 4, line_y + 2)
    for offset, _ in enumerate(signed):
        use(first + offset, "B" if offset == 0 else "", 11 if offset == 0 else 9)
        pdf.set_x(MARGIN + 4)
        pdf.multi_cell(90, 5, printed[first + offset], align="L")
    # the QR code of the verification address, drawn as vector squares, and beside it the
    # code, the address (and the contact) in small print
    qr = segno.make(url, error="m")
    module = QR / max(1, qr.symbol_size(border=0)[0])
    left, qr_top = W - MARGIN - QR, H - MARGIN - QR
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(qr.matrix_iter(border=0)):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(left + c * module, qr_top + r * module, module, module, style="F")
    first += len(signed)
    pdf.set_xy(MARGIN + 100, H - MARGIN - 5 * len(foot))
    for offset, _ in enumerate(foot):
        use(first + offset, "B" if offset == 0 else "", 9 if offset == 0 else 8)
        pdf.set_x(MARGIN + 100)
        pdf.cell(left - MARGIN - 104, 5, printed[first + offset], align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
