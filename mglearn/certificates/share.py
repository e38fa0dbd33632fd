"""Sharing a certificate: LinkedIn's "add a certification to your profile" address, filled in
with the certification's name, the issuing organisation, the month of issue (and of expiry),
the verification address and the certificate's code."""

from __future__ import annotations

from urllib.parse import urlencode

from ..branding import brand
from ..records import Certificate
from .credentials import MODULE_TITLE, verify_url

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_url(cert: Certificate, lang: str = "nl") -> str:
    fields = {
        "startTask": "CERTIFICATION_NAME",
        "name": MODULE_TITLE.get(lang, MODULE_TITLE["nl"]),
        "organizationName": brand().name,
        "issueYear": str(cert.issued_at.year),
        "issueMonth": str(cert.issued_at.month),
        "certUrl": verify_url(cert.code),
        "certId": cert.code,
    }
    if cert.valid_until is not None:
        fields |= {
            "expirationYear": str(cert.valid_until.year),
            "expirationMonth": str(cert.valid_until.month),
        }
    return f"{LINKEDIN_ADD}?{urlencode(fields)}"
