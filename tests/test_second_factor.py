"""The trainer's second factor (issue 33): TOTP after the password, once per code, old codes
refused, a lock after wrong codes, recovery codes good once, enrolment forced at the next
sign-in, `mglearn trainer reset-2fa`. Codes come from tests/staff.py's own RFC 6238 code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

import httpx2 as httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mglearn import second_factor, web, web_factor
from mglearn.__main__ import main
from mglearn.errors import UserError
from mglearn.store import Store

from .staff import add_enrolled_trainer, totp
from .test_app import texts
from .test_web import page

HOST = "http://testserver"
SAME_SITE = {"origin": HOST}
NOW = datetime(2026, 12, 6, 12, 0, 10, tzinfo=UTC)  # 10 s into a step


def client(store: Store) -> TestClient:
    return TestClient(Starlette(routes=web.routes(lambda: store)), base_url=HOST, follow_redirects=False)


def password(c: TestClient, name: str = "Tina", pw: str = "correct horse") -> httpx.Response:
    form = {web.NAME_FIELD: name, web.PASSWORD_FIELD: pw, web.LANG_FIELD: "nl"}
    return c.post(web.SIGN_IN, data=form, headers=SAME_SITE)


def send_code(c: TestClient, code: str, route: str = web_factor.CODE) -> httpx.Response:
    return c.post(route, data={web_factor.CODE_FIELD: code, web.LANG_FIELD: "nl"}, headers=SAME_SITE)


def cookies(response: httpx.Response) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        jar.load(header)
    return {k: m.value for k, m in jar.items()}


def test_our_codes_are_rfc_6238s() -> None:
    """RFC 6238 Appendix B (SHA-1, secret "12345678901234567890"): the 8-digit values, and our
    six digits are their last six. Checked against tests/staff.py's independent HMAC code too."""
    import base64

    secret = base64.b32encode(b"12345678901234567890").decode()
    vectors = {59: "94287082", 1111111109: "07081804", 1111111111: "14050471", 1234567890: "89005924"}
    for seconds, eight in vectors.items():
        when = datetime.fromtimestamp(seconds, UTC)
        assert totp(secret, when, digits=8) == eight
        assert second_factor.code_at(secret, second_factor.step_at(when)) == eight[-6:] == totp(secret, when)


def test_the_password_alone_opens_no_session_the_code_does(store: Store) -> None:
    trainer, secret, _ = add_enrolled_trainer(store)
    c = client(store)
    first = password(c)
    assert first.headers["location"] == "/trainer?signin=code&lang=nl"
    set_now = cookies(first)
    assert web.COOKIE not in set_now and web_factor.STEP_COOKIE in set_now
    # not a session:
    assert store.trainers.session_trainer(set_now[web_factor.STEP_COOKIE], datetime.now(UTC)) is None
    at = page(first.headers["location"])  # no step cookie in AppTest: the password form again
    at.session_state["trainer_step"] = set_now[web_factor.STEP_COOKIE]
    at.run()
    assert "Code uit je authenticator-app" in texts(at)
    done = send_code(c, totp(secret))
    assert done.headers["location"] == "/results?lang=nl"
    token = cookies(done)[web.COOKIE]
    assert store.trainers.session_trainer(token, datetime.now(UTC)) == store.trainers.trainer(trainer.id)
    # the step is spent: its cookie cannot be used for a second session
    again = send_code(c, totp(secret, steps=1))
    assert again.headers["location"] == "/trainer?signin=expired&lang=nl"


def test_a_code_is_good_once_on_any_server_and_old_codes_fail(store: Store, db_url: str) -> None:
    trainer, secret, _ = add_enrolled_trainer(store, now=NOW)
    other_server = Store(db_url)
    step = lambda: store.factors.open_step(trainer.id, NOW, enrol=False)  # noqa: E731
    code = totp(secret, NOW)
    assert store.factors.pass_factor(step(), code, NOW).id == trainer.id
    for server in (store, other_server):  # replayed, here and elsewhere
        with pytest.raises(UserError) as err:
            server.factors.pass_factor(step(), code, NOW + timedelta(seconds=5))
        assert err.value.key == "error.code_wrong"
    for old in (-1, -2, -10):  # a step before the one taken, or out of the window anyway
        with pytest.raises(UserError):
            store.factors.pass_factor(step(), totp(secret, NOW, steps=old), NOW)
    store.factors.reset_factor("Tina")
    fresh = store.factors.set_factor(trainer.id, secret, NOW) and secret
    with pytest.raises(UserError):  # two steps old, never used: still too old
        store.factors.pass_factor(step(), totp(fresh, NOW, steps=-2), NOW)
    # one step back: ok
    assert store.factors.pass_factor(step(), totp(fresh, NOW, steps=-1), NOW).id == trainer.id
    assert store.factors.pass_factor(step(), totp(fresh, NOW, steps=1), NOW).id == trainer.id  # one ahead: ok
    with pytest.raises(UserError):
        store.factors.pass_factor(step(), totp(fresh, NOW, steps=2), NOW)
    other_server.dispose()


def test_five_wrong_codes_lock_the_account_even_for_the_right_code(store: Store) -> None:
    trainer, secret, codes = add_enrolled_trainer(store, now=NOW)
    keys = []
    for i in range(second_factor.MAX_FAILURES):
        with pytest.raises(UserError) as err:
            store.factors.pass_factor(store.factors.open_step(trainer.id, NOW, enrol=False), f"{i:06d}", NOW)
        keys.append(err.value.key)
    assert keys == ["error.code_wrong"] * 4 + ["error.code_locked"]
    soon = NOW + timedelta(minutes=14)
    for right in (totp(secret, soon), codes[0]):
        with pytest.raises(UserError) as err:
            store.factors.pass_factor(store.factors.open_step(trainer.id, soon, enrol=False), right, soon)
        assert err.value.key == "error.code_locked"
    later = NOW + timedelta(minutes=15, seconds=1)
    assert store.factors.pass_factor(
        store.factors.open_step(trainer.id, later, enrol=False), totp(secret, later), later
    )


def test_a_recovery_code_works_exactly_once(store: Store) -> None:
    trainer, _, codes = add_enrolled_trainer(store, now=NOW)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(c.replace("-", "")) == 24 for c in codes)  # 24 of 32 letters: 120 bits (ASVS 6.5.2)
    assert store.factors.recovery_codes_left(trainer.id) == 10
    assert store.factors.pass_factor(
        store.factors.open_step(trainer.id, NOW, enrol=False), codes[3].lower(), NOW
    )
    assert store.factors.recovery_codes_left(trainer.id) == 9
    with pytest.raises(UserError) as err:
        store.factors.pass_factor(store.factors.open_step(trainer.id, NOW, enrol=False), codes[3], NOW)
    assert err.value.key == "error.code_wrong"


def test_recovery_codes_are_stored_hashed(store: Store, db_url: str) -> None:
    _, _, codes = add_enrolled_trainer(store, now=NOW)
    raw = Path(db_url.removeprefix("sqlite:///")).read_bytes()
    for code in codes:
        assert code.encode() not in raw and code.replace("-", "").encode() not in raw


def test_an_existing_account_enrols_at_its_next_sign_in(store: Store) -> None:
    trainer = store.trainers.add_trainer("Tina", "correct horse", now=NOW)
    c = client(store)
    first = password(c)
    assert first.headers["location"] == "/trainer?signin=enrol&lang=nl"
    step_token = cookies(first)[web_factor.STEP_COOKIE]
    step = store.factors.step(step_token, datetime.now(UTC))
    assert step is not None and step.secret is not None and not store.factors.has_factor(trainer.id)
    at = page(first.headers["location"])
    at.session_state["trainer_step"] = step_token
    at.run()
    assert "Stel je tweede factor in" in texts(at) and at.get("image")
    assert "".join(step.secret) in texts(at).replace(" ", "")  # the key, to type in by hand
    wrong = send_code(c, "000000" if totp(step.secret) != "000000" else "111111", web_factor.ENROL)
    assert wrong.headers["location"] == "/trainer?signin=enrol_wrong&lang=nl"
    assert not store.factors.has_factor(trainer.id)
    done = send_code(c, totp(step.secret), web_factor.ENROL)
    assert done.status_code == 200 and done.headers["cache-control"] == "no-store"
    shown = [line for line in done.text.split("<code>")[1:]]
    assert len(shown) == 10 and "Je herstelcodes" in done.text
    assert store.factors.has_factor(trainer.id) and store.factors.recovery_codes_left(trainer.id) == 10
    assert store.trainers.session_trainer(cookies(done)[web.COOKIE], datetime.now(UTC)) is not None


def test_totp_may_be_optional_on_a_single_trainer_install(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_TRAINER_TOTP", "0")
    store.trainers.add_trainer("Solo", "correct horse", now=NOW)
    assert password(client(store), "Solo").headers["location"] == "/results?lang=nl"
    add_enrolled_trainer(store)  # Tina has a factor: she still needs her code
    assert password(client(store)).headers["location"] == "/trainer?signin=code&lang=nl"


def test_cli_reset_2fa(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    trainer, secret, _ = add_enrolled_trainer(store, now=NOW)
    session = store.trainers.open_session(trainer.id, NOW)
    assert main(["trainer", "reset-2fa", "Tina"]) == 0
    assert "removed" in capsys.readouterr().out
    assert not store.factors.has_factor(trainer.id) and store.trainers.session_trainer(session, NOW) is None
    assert password(client(store)).headers["location"] == "/trainer?signin=enrol&lang=nl"
    assert main(["trainer", "reset-2fa", "Nobody"]) == 1


# -- re-authentication before the password or the factor changes (the groups page) --


def test_changing_the_password_needs_a_code_once_enrolled(store: Store) -> None:
    from .test_trainer_workspace import trainer_on

    tina, secret, _ = add_enrolled_trainer(store)
    at = trainer_on(store, "groups")

    def change(code: str) -> str:
        at.text_input(key="pw_old").input("correct horse")
        at.text_input(key="pw_new").input("staple battery horse")
        at.text_input(key="pw_repeat").input("staple battery horse")
        at.text_input(key="pw_code").input(code)
        return texts(at.button(key="FormSubmitter:change_password-Wachtwoord wijzigen").click().run())

    from streamlit.proto.TextInput_pb2 import TextInput

    masked = [at.text_input(key=k).proto.type for k in ("pw_old", "pw_new", "pw_repeat")]
    assert masked == [TextInput.PASSWORD] * 3  # ASVS 6.2.6
    wrong = "000000" if totp(secret) != "000000" else "111111"
    assert "Deze code klopt niet." in change(wrong)
    assert "Deze code klopt niet." in change("")
    assert (
        store.trainers.sign_in_trainer("Tina", "correct horse", now=datetime.now(UTC)).id == tina.id
    )  # unchanged
    assert "Je wachtwoord is gewijzigd" in change(totp(secret, steps=1))
    assert store.trainers.sign_in_trainer("Tina", "staple battery horse", now=datetime.now(UTC)).id == tina.id


def test_a_new_authenticator_needs_the_password_and_a_code(store: Store) -> None:
    from .test_trainer_workspace import trainer_on

    tina, secret, _ = add_enrolled_trainer(store)
    at = trainer_on(store, "groups")

    def new_factor(password: str, code: str) -> str:
        at.text_input(key="nf_password").input(password)
        at.text_input(key="nf_code").input(code)
        return texts(at.button(key="FormSubmitter:new_factor-Tweede factor opnieuw instellen").click().run())

    assert "Je huidige wachtwoord klopt niet" in new_factor("wrong horse", totp(secret))
    assert store.factors.has_factor(tina.id)
    assert "Je tweede factor is verwijderd" in new_factor("correct horse", totp(secret, steps=1))
    assert not store.factors.has_factor(tina.id)
    assert password(client(store)).headers["location"] == "/trainer?signin=enrol&lang=nl"


def test_a_recovery_code_never_breaks_over_two_lines() -> None:
    """On a phone each code broke at its hyphen: half a code on one line, half on the next."""
    from mglearn.web_factor import recovery_html

    html = recovery_html(["ABCD-EFGH-IJKL"], "nl")
    assert "<code>ABCD-EFGH-IJKL</code>" in html and "white-space:nowrap" in html


def test_the_recovery_codes_can_be_printed_in_the_pages_language() -> None:
    """The page that shows the codes once had no way to keep them but writing them down."""
    from mglearn.web_factor import recovery_html

    assert '<button type="button" onclick="window.print()">Afdrukken</button>' in recovery_html(["A"], "nl")
    assert '<button type="button" onclick="window.print()">Print</button>' in recovery_html(["A"], "en")
