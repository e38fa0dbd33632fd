"""The organisation's brand in the app: the theme colour (set once when the server starts),
the logo in the header and sidebar, the name and contact address in the sidebar, and the
colour charts use instead of Streamlit's default blue."""

from __future__ import annotations

import streamlit as st
from streamlit import config

from mglearn.branding import Brand, brand

from .escape import md_escape
from .state import t

MD_SPECIALS = "\\`*_{}[]()#+-.!|<>~$"


def apply_theme(b: Brand | None = None) -> None:
    """The brand's colour as Streamlit's primary colour (buttons, links, focus) for every new
    session: called once by the server (app.py), before any browser connects."""
    b = b or brand()
    config.set_option("theme.primaryColor", b.colour)


def chart_colour() -> str:
    """The colour a chart's marks take (the brand's)."""
    return brand().colour


def chart_scale() -> list[str]:
    """A light-to-brand range for a chart that shades a value (a heat map)."""
    b = brand()
    return [b.tint(0.1), b.colour]


def header() -> None:
    """The logo at the top of the sidebar and in the header (when one is set), the
    organisation's name and, at the sidebar's foot, the contact address."""
    b = brand()
    if b.logo is not None and b.logo_kind == "svg":
        # Streamlit recognises an SVG file by its name, else by its text
        st.logo(str(b.logo) if b.logo.suffix.lower() == ".svg" else b.logo.read_text(encoding="utf-8"))
    elif b.logo is not None and b.logo_kind == "png":
        st.logo(b.logo.read_bytes())
    st.sidebar.markdown(f"**{md_escape(b.name)}**")


def contact() -> None:
    b = brand()
    if b.contact:
        shown = md_escape(b.contact)
        if b.contact_link:  # a link's own text: no invisible joiners (a copied address must work)
            text = "".join("\\" + ch if ch in MD_SPECIALS else ch for ch in b.contact)
            shown = f"[{text}](<{b.contact_link}>)"
        st.sidebar.caption(t("brand.contact", contact=shown))
