"""Trainer sign-in and sign-out through the HTTP routes (mglearn.web), with Starlette's TestClient,
and what the trainer page then shows (AppTest, given the token the cookie carries)."""

from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import httpx2 as httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from mglearn import web, web_factor
from mglearn.content import PROJECT_ROOT
from mglearn.store import Store

from .staff import add_enrolled_trainer, totp
from .test_app import texts

HOST = "http://testserver"
SAME_SITE = {"origin": HOST}


def client(store: Store, base_url: str = HOST) -> TestClient:
    return TestClient(Starlette(routes=web.routes(lambda: store)), base_url=base_url, follow_redirects=False)


def post_sign_in(
    c: TestClient, name: str, password: str, secret: str | None = None, **headers: str
) -> httpx.Response:
    """The password form; with the trainer's TOTP ``secret``, the code form after it too (the
    client keeps the step cookie), as a trainer signs in since issue 33."""
    response = c.post(
        web.SIGN_IN,
        data={web.NAME_FIELD: name, web.PASSWORD_FIELD: password, web.LANG_FIELD: "nl"},
        headers=headers,
    )
    if secret is None or not response.headers.get("location", "").startswith("/trainer?signin=code"):
        return response
    form = {web_factor.CODE_FIELD: totp(secret, steps=1), web.LANG_FIELD: "nl"}  # a step not yet used
    return c.post(web_factor.CODE, data=form, headers=headers)


def set_cookie(response: httpx.Response) -> SimpleCookie:
    cookie: SimpleCookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        cookie.load(header)
    return cookie


def page(location: str, token: str | None = None) -> AppTest:
    """Open the app where a redirect points, the way a browser would (AppTest sends no cookies,
    so the cookie's token goes into the session where the page also looks)."""
    url = urlsplit(location)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, values in parse_qs(url.query).items():
        at.query_params[key] = values[0]
    if token:
        at.session_state["trainer_session"] = token
    at.run()
    at.switch_page(f"mglearn/ui{url.path}.py").run()
    assert not at.exception
    return at


def test_sign_in_sets_session_cookie_and_opens_results(store: Store) -> None:
    _, secret, _ = add_enrolled_trainer(store)
    response = post_sign_in(client(store), " Tina ", "correct horse", secret, **SAME_SITE)
    assert response.status_code == 303
    assert response.headers["location"] == "/results?lang=nl"
    morsel = set_cookie(response)[web.COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "strict" and morsel["path"] == "/"
    assert not morsel["secure"]  # plain http; see the https test below
    assert int(morsel["max-age"]) == 8 * 3600
    trainer = store.trainers.session_trainer(morsel.value, now=datetime.now(UTC))
    assert trainer is not None and trainer.name == "Tina"
    at = page(response.headers["location"], morsel.value)
    assert "Resultaten" in texts(at) and not at.error


def test_cookie_is_secure_over_https_and_session_length_is_a_setting(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_TRAINER_SESSION_HOURS", "1.5")
    _, secret, _ = add_enrolled_trainer(store)
    https = "https://testserver"
    response = post_sign_in(client(store, https), "Tina", "correct horse", secret, origin=https)
    morsel = set_cookie(response)[web.COOKIE]
    assert morsel["secure"] and int(morsel["max-age"]) == 5400


def test_wrong_password_redirects_back_with_message(store: Store) -> None:
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    response = post_sign_in(client(store), "Tina", "wrong horse", **SAME_SITE)
    assert response.status_code == 303
    assert response.headers["location"] == "/trainer?signin=failed&lang=nl"
    assert "set-cookie" not in response.headers
    at = page(response.headers["location"])
    assert "Naam of wachtwoord klopt niet" in texts(at)


@pytest.mark.parametrize(("name", "password"), [("", "correct horse"), ("Tina", ""), (" ", " ")])
def test_empty_name_or_password_asks_for_both_and_costs_no_try(
    store: Store, name: str, password: str
) -> None:
    """Issue 26.20: the form has no browser-made `required` bubble; the app says it, in Dutch."""
    _, secret, _ = add_enrolled_trainer(store)
    c = client(store)
    for _ in range(6):  # more than the five free tries: an empty form is not a wrong password
        response = post_sign_in(c, name, password, **SAME_SITE)
        assert response.headers["location"] == "/trainer?signin=missing&lang=nl"
        assert "set-cookie" not in response.headers
    assert "Vul je naam en je wachtwoord in." in texts(page(response.headers["location"]))
    assert (
        post_sign_in(c, "Tina", "correct horse", secret, **SAME_SITE).headers["location"]
        == "/results?lang=nl"
    )


def test_many_parallel_wrong_tries_make_the_client_wait(store: Store) -> None:
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))

    def guess(i: int) -> str:
        with client(store) as c:
            return str(post_sign_in(c, "Tina", f"guess {i}", **SAME_SITE).headers["location"])

    with ThreadPoolExecutor(max_workers=4) as pool:
        places = list(pool.map(guess, range(8)))
    failed = [p for p in places if "signin=failed" in p]
    waits = [p for p in places if "signin=wait" in p]
    assert len(failed) == 5 and len(waits) == 3  # five free tries, however the requests interleave
    # even the right password now waits, and the page says for how long, in Dutch
    response = post_sign_in(client(store), "Tina", "correct horse", **SAME_SITE)
    assert "signin=wait" in response.headers["location"] and "set-cookie" not in response.headers
    seconds = parse_qs(urlsplit(response.headers["location"]).query)["seconds"][0]
    assert 1 <= int(seconds) <= 30
    assert f"Wacht {seconds} seconden" in texts(page(response.headers["location"]))


def test_sign_out_clears_the_cookie_and_ends_every_session(store: Store) -> None:
    tina, secret, _ = add_enrolled_trainer(store)
    other_device = store.trainers.open_session(tina.id, now=datetime.now(UTC))
    c = client(store)
    token = set_cookie(post_sign_in(c, "Tina", "correct horse", secret, **SAME_SITE))[web.COOKIE].value
    c.cookies.set(web.COOKIE, token)
    response = c.post(web.SIGN_OUT, data={web.LANG_FIELD: "nl"}, headers=SAME_SITE)
    assert response.status_code == 303
    assert response.headers["location"] == "/trainer?signin=out&lang=nl"
    morsel = set_cookie(response)[web.COOKIE]
    assert morsel.value == "" and int(morsel["max-age"]) == 0
    assert store.trainers.session_trainer(token, now=datetime.now(UTC)) is None
    assert store.trainers.session_trainer(other_device, now=datetime.now(UTC)) is None
    at = page(response.headers["location"], token)  # an old tab's token no longer works
    shown = texts(at)
    assert "Je bent afgemeld als trainer" in shown and "Aangemeld als trainer" not in shown


@pytest.mark.parametrize(
    "headers",
    [{"origin": "https://evil.example"}, {"referer": "https://evil.example/form"}, {}, {"origin": "null"}],
)
def test_cross_site_posts_are_refused(store: Store, headers: dict[str, str]) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    c = client(store)
    response = post_sign_in(c, "Tina", "correct horse", **headers)
    assert response.status_code == 403 and "set-cookie" not in response.headers
    token = store.trainers.open_session(tina.id, now=datetime.now(UTC))
    c.cookies.set(web.COOKIE, token)
    assert c.post(web.SIGN_OUT, headers=headers).status_code == 403
    assert store.trainers.session_trainer(token, now=datetime.now(UTC)) is not None


def test_same_site_referer_is_enough(store: Store) -> None:
    _, secret, _ = add_enrolled_trainer(store)
    response = post_sign_in(client(store), "Tina", "correct horse", secret, referer=f"{HOST}/trainer")
    assert response.headers["location"].startswith("/results")


def test_app_serves_the_routes_beside_streamlit() -> None:
    """app.py, imported the way `streamlit run` imports it, is an st.App carrying these routes."""
    spec = importlib.util.spec_from_file_location("app", PROJECT_ROOT / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = {getattr(r, "path", None) for r in module.app._user_routes}
    assert {web.SIGN_IN, web.SIGN_OUT} <= paths
