"""The brand on the web routes: ``/brand/logo`` (the logo file, for /verify, the issuer
Profile's image and anyone who links it) and the branded head and header of the public HTML
pages (/verify/<code>)."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from .branding import LOGO_PATH, Brand, brand


def routes() -> list[BaseRoute]:
    async def logo(request: Request) -> Response:
        found = brand()
        mime = found.logo_mime
        if found.logo is None or mime is None:
            return PlainTextResponse("Not found", status_code=404)
        headers = {
            "Cache-Control": "max-age=300",
            "X-Content-Type-Options": "nosniff",
            # an SVG opened by itself runs no script and loads nothing
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        }
        return Response(found.logo.read_bytes(), media_type=mime, headers=headers)

    return [Route(LOGO_PATH, logo, methods=["GET"], name="brand_logo")]


def page_style(b: Brand) -> str:
    """The CSS of a public page in the brand's colour (every colour 4.5:1 or more on white)."""
    return (
        "body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:0 1rem 2rem;"
        "color:#141414}"
        f".mg-brand{{display:flex;align-items:center;gap:.75rem;border-bottom:4px solid {b.colour};"
        "padding:1rem 0;margin-bottom:1.5rem}"
        ".mg-brand img{max-height:3rem;max-width:10rem}"
        f".mg-brand span{{font-weight:700;font-size:1.25rem;color:{b.colour}}}"
        f"h1{{color:{b.colour}}}a{{color:{b.colour}}}"
        "table{border-collapse:collapse}th,td{padding:.35rem 1rem .35rem 0;vertical-align:top}"
        "th{text-align:left}.valid{color:#176b2c}.revoked,.expired,.unknown{color:#a4161a}"
        f"footer{{margin-top:2rem;border-top:1px solid {b.tint(0.3)};padding-top:.75rem}}"
    )


def page_header(b: Brand) -> str:
    """The brand's band at the top of a public page: the logo (from ``/brand/logo``, relative
    to a page one level down, as the page's other links are) and the organisation's name."""
    logo = f'<img src="..{LOGO_PATH}" alt="">' if b.logo_kind else ""
    return f'<header class="mg-brand">{logo}<span>{escape(b.name)}</span></header>'


def page_footer(b: Brand, contact_word: str) -> str:
    """The contact address at a public page's foot (nothing when none is set)."""
    if not b.contact:
        return ""
    shown = escape(b.contact)
    if b.contact_link:
        shown = f'<a href="{escape(b.contact_link, quote=True)}">{shown}</a>'
    return f"<footer>{escape(contact_word)}: {shown}</footer>"
