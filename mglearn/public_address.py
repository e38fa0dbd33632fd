"""Is the app's public address right for where it runs (issue 32)? Certificates carry
``MGLEARN_PUBLIC_URL`` (the issuer, the verification link, the QR code): signed for
``localhost`` they verify nowhere. The server warns at start when it is local
(:mod:`mglearn.web_examday`); the certificate page refuses to issue when it is local and the
request came through a proxy (:func:`signing_refused`). Pure: headers and the address passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104 - names, not a bind
PROXY_HEADERS = ("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip")
PUBLIC_URL_WARNING = (
    "MGLEARN_PUBLIC_URL is %s: certificates and their verification links would point at this "
    "machine. Behind a proxy or on several servers set it to the address people reach the app "
    "at (deploy/README.md); certificate pages refuse to issue while it is local behind a proxy."
)


def local_public_url(url: str) -> bool:
    """Whether the public address names this machine (localhost, a loopback address)."""
    host = (urlsplit(url).hostname or "").lower()
    return host in LOCAL_HOSTS or host.startswith("127.")


def behind_proxy(headers: Mapping[str, str]) -> bool:
    """Whether a request came through a proxy (it added X-Forwarded-* or X-Real-IP)."""
    return any(headers.get(name) for name in PROXY_HEADERS)


def signing_refused(headers: Mapping[str, str], public_url: str) -> bool:
    """Certificates would be signed for localhost while people reach the app through a proxy."""
    return local_public_url(public_url) and behind_proxy(headers)
