"""The organisation's brand as one small record, from the settings (``MGLEARN_BRAND_NAME`` and on).

The app header and sidebar, the charts, the certificate PDF and ``/verify`` take it from
:func:`brand`; the credential's issuer Profile can take :meth:`Brand.profile` (name, url,
image, email). Pure: no Streamlit, no clock; the settings are passed in (or read once through
:func:`mglearn.settings.current`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .settings import Settings, current, image_kind

LOGO_PATH = "/brand/logo"  # where the web app serves the logo (mglearn/web_brand.py)
MIME = {"png": "image/png", "svg": "image/svg+xml"}


@dataclass(frozen=True)
class Brand:
    name: str  # the organisation: the certificate's issuer
    colour: str  # "#RRGGBB", dark enough for white text on it (settings checks 4.5:1)
    signatory: str  # the certificate's signature line (default: the name)
    url: str  # the app's public address (MGLEARN_PUBLIC_URL)
    logo: Path | None = None  # a PNG or SVG file, checked when the settings are read
    contact: str | None = None  # an e-mail or web address

    @property
    def logo_kind(self) -> str | None:
        """ "png" or "svg" (by the file's first bytes), None without a logo."""
        return image_kind(self.logo) if self.logo is not None else None

    @property
    def logo_mime(self) -> str | None:
        kind = self.logo_kind
        return MIME[kind] if kind else None

    @property
    def logo_url(self) -> str | None:
        """The logo's public address, served by the app (None without a logo)."""
        return f"{self.url}{LOGO_PATH}" if self.logo_kind else None

    @property
    def contact_link(self) -> str | None:
        """The contact as a link target: ``mailto:`` for an e-mail address, a web address as
        written; None for anything else (shown as text only)."""
        contact = (self.contact or "").strip()
        if contact.lower().startswith(("https://", "http://")):
            return contact
        if "@" in contact and " " not in contact and ":" not in contact.removeprefix("mailto:"):
            return f"mailto:{contact.removeprefix('mailto:')}"
        return None

    def profile(self) -> dict[str, Any]:
        """The brand's part of an Open Badges 3.0 issuer ``Profile``: name, url, and when set,
        image (an ``Image`` at the logo's address) and email. Merge it into the Profile."""
        found: dict[str, Any] = {"name": self.name, "url": self.url}
        if self.logo_url:
            found["image"] = {"id": self.logo_url, "type": "Image", "caption": self.name}
        link = self.contact_link or ""
        if link.startswith("mailto:"):
            found["email"] = link.removeprefix("mailto:")
        return found

    def rgb(self) -> tuple[int, int, int]:
        return int(self.colour[1:3], 16), int(self.colour[3:5], 16), int(self.colour[5:7], 16)

    def tint(self, share: float) -> str:
        """The colour mixed with white (``share`` of the colour): a light background."""
        r, g, b = (round(255 - (255 - c) * share) for c in self.rgb())
        return f"#{r:02X}{g:02X}{b:02X}"


def brand(settings: Settings | None = None) -> Brand:
    """The brand the settings describe (default: the process's settings now)."""
    s = settings or current()
    return Brand(
        name=s.brand_name,
        colour=s.brand_colour,
        signatory=s.brand_signatory or s.brand_name,
        url=s.public_url,
        logo=s.brand_logo,
        contact=s.brand_contact,
    )
