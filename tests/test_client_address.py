"""Sign-in throttling counts the right client (issue 33): X-Forwarded-For is believed only from a
proxy named in MGLEARN_TRUSTED_PROXIES, whatever the web server (uvicorn, which trusts it from
loopback by default) made of it. Against the real `streamlit run` server and in the pure rule."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
import pytest

from mglearn import web
from mglearn.clients import client_address
from mglearn.store import Store

from .browser import app_server


def guesses(url: str, count: int, forwarded: bool) -> list[str]:
    """``count`` wrong passwords for Tina, each through a "proxy" header naming a new address."""
    places = []
    with httpx.Client(base_url=url, follow_redirects=False, timeout=30) as c:
        for i in range(count):
            headers = {"origin": url}
            if forwarded:
                headers["x-forwarded-for"] = f"10.{i // 250}.{i % 250}.7"
            form = {web.NAME_FIELD: "Tina", web.PASSWORD_FIELD: f"guess {i}", web.LANG_FIELD: "nl"}
            response = c.post(web.SIGN_IN, data=form, headers=headers)
            assert response.status_code == 303
            places.append(str(response.headers["location"]))
    return places


def test_120_guesses_through_a_local_proxy_header_are_throttled(tmp_path: Path) -> None:
    """The probe: 120 of 120 guesses went unthrottled, each naming a new X-Forwarded-For from
    loopback. With no trusted proxy, the header is nobody's say: five free tries, then a wait."""
    db_url = f"sqlite:///{tmp_path / 'proxy.sqlite3'}"
    Store(db_url).trainers.add_trainer("Tina", "correct horse battery", now=datetime.now(UTC))
    with app_server(db_url, tmp_path / "server.log") as url:
        places = guesses(url, 120, forwarded=True)
    failed = [p for p in places if "signin=failed" in p]
    waits = [p for p in places if "signin=wait" in p]
    print(f"120 guesses through X-Forwarded-For: {len(failed)} checked, {len(waits)} throttled")
    assert len(failed) == 5 and len(waits) == 115


def test_a_trusted_proxy_separates_its_clients(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """nginx on this host (deploy/): MGLEARN_TRUSTED_PROXIES=127.0.0.1 makes each forwarded
    address its own client, so one school's guesses do not lock out another's trainer."""
    monkeypatch.setenv("MGLEARN_TRUSTED_PROXIES", "127.0.0.1,::1")
    db_url = f"sqlite:///{tmp_path / 'proxy.sqlite3'}"
    Store(db_url).trainers.add_trainer("Tina", "correct horse battery", now=datetime.now(UTC))
    with app_server(db_url, tmp_path / "server.log") as url:
        places = guesses(url, 12, forwarded=True)
    assert all("signin=failed" in p for p in places)  # twelve clients, one try each


TRUSTED = ["127.0.0.1", "::1", "10.1.0.0/16"]
UVICORN = ["127.0.0.1", "::1"]


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.5", None, [], "203.0.113.5"),  # no header
        ("203.0.113.5", "1.2.3.4", [], "203.0.113.5"),  # a remote client's own say: ignored
        ("1.2.3.4", "1.2.3.4", [], "forwarded-by-untrusted"),  # uvicorn rewrote: peer unknown
        ("1.2.3.4", "1.2.3.4", TRUSTED, "1.2.3.4"),  # ... from loopback, which we trust
        ("9.9.9.9", "1.2.3.4, 9.9.9.9", TRUSTED, "9.9.9.9"),  # nginx appended the real client
        ("10.1.2.3", "5.5.5.5, 10.1.9.9", TRUSTED, "5.5.5.5"),  # a chain of trusted proxies
        ("10.1.2.3", "10.1.9.9", TRUSTED, "10.1.9.9"),  # only proxies: the leftmost
        ("10.1.2.3", "junk, 8.8.8.8", TRUSTED, "8.8.8.8"),
        ("10.1.2.3", "not-an-address", TRUSTED, "not-an-address"),
        ("10.2.0.1", "1.2.3.4", TRUSTED, "10.2.0.1"),  # outside the trusted range
    ],
)
def test_the_client_is_the_first_address_a_trusted_proxy_vouches_for(
    peer: str, forwarded: str | None, trusted: list[str], expected: str
) -> None:
    assert client_address(peer, forwarded, trusted, UVICORN) == expected
