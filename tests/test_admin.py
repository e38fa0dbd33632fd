"""The administrator (issue 33): an admin role and an active flag on accounts, the audit log of
security events (in the database, on SQLite and on PostgreSQL, written in the transaction of
the act it records), `mglearn admin add|audit`, and the admin page (AppTest)."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from mglearn import second_factor
from mglearn.__main__ import main
from mglearn.audit import Actor
from mglearn.content import Content
from mglearn.errors import UserError
from mglearn.records import Trainer
from mglearn.store import Store
from mglearn.ui.escape import md_escape

from .staff import enrol, totp
from .test_app import texts
from .test_trainer_pages import signed_in

T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
PW = "correct horse"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def both(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The same tests on SQLite and on a really started PostgreSQL server."""
    if request.param == "sqlite":
        yield request.getfixturevalue("store")
        return
    pg_url = request.getfixturevalue("pg_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    server = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    store = Store(sa.engine.make_url(pg_url).set(database=name).render_as_string(hide_password=False))
    assert store.db.engine.dialect.name == "postgresql"
    yield store
    store.dispose()
    with server.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    server.dispose()


def admin_and_trainer(store: Store, now: datetime = T0) -> tuple[Trainer, Trainer]:
    ada = store.trainers.add_trainer("Ada", PW, now, role="admin")
    tina = store.trainers.add_trainer("Tina", PW, now)
    return ada, tina


def kinds(store: Store) -> list[str]:
    return [e.kind for e in store.audit.events()]


def test_security_events_are_logged_with_who_when_and_from_where(both: Store) -> None:
    store = both
    ada, tina = admin_and_trainer(store)
    secret = enrol(store, tina, T0)
    with pytest.raises(UserError, match="error.login_failed"):
        store.trainers.sign_in_trainer("Tina", "wrong horse", T0, client="198.51.100.9")
    store.trainers.sign_in_trainer("Tina", PW, T0, client="198.51.100.9")
    step = store.factors.open_step(tina.id, T0, enrol=False)
    with pytest.raises(UserError, match="error.code_wrong"):
        store.factors.pass_factor(
            step, "000000" if totp(secret, T0) != "000000" else "111111", T0, client="198.51.100.9"
        )
    codes = store.factors.set_factor(tina.id, secret, T0)
    store.factors.pass_factor(step, codes[0], T0, client="198.51.100.9")
    token = store.trainers.open_session(tina.id, T0, client="198.51.100.9")
    store.trainers.close_session(token, Actor(T0 + timedelta(minutes=1), None, "198.51.100.9"))
    later = T0 + timedelta(minutes=2)
    store.admin.reset_factor(ada, "Tina", later, "192.0.2.1")
    store.admin.set_active(ada, "Tina", False, later, "192.0.2.1")
    store.admin.set_active(ada, "Tina", True, later, "192.0.2.1")
    store.trainers.set_password("Tina", "battery staple", Actor(later, "Tina", "198.51.100.9"))

    events = store.audit.events()
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)  # newest first
    assert [e.kind for e in events][:5] == [
        "password_changed",
        "account_reactivated",
        "account_deactivated",
        "factor_reset",
        "session_ended",
    ]
    failed = [e for e in events if e.kind == "signin_failed"]
    assert {(e.actor, e.client, e.detail) for e in failed} == {
        ("Tina", "198.51.100.9", "wrong password"),
        ("Tina", "198.51.100.9", "wrong code"),
    }
    used = next(e for e in events if e.kind == "recovery_code_used")
    assert (used.actor, used.client, used.detail) == ("Tina", "198.51.100.9", "9 left")
    ok = next(e for e in events if e.kind == "signin_ok")
    assert (ok.actor, ok.client, ok.at) == ("Tina", "198.51.100.9", T0)
    off = next(e for e in events if e.kind == "account_deactivated")
    assert (off.actor, off.target, off.client, off.at) == ("Ada", "Tina", "192.0.2.1", later)
    assert {"account_created", "session_ended"} <= set(kinds(store))
    assert [e.kind for e in store.audit.events(kind="signin_failed")] == ["signin_failed"] * 2
    assert len(store.audit.events(limit=3)) == 3


def test_an_act_that_fails_writes_no_event_and_one_that_is_written_has_its_event(both: Store) -> None:
    """Same transaction: a refused act leaves no event; the event never goes without its act."""
    store = both
    ada, _ = admin_and_trainer(store)
    before = len(store.audit.events())
    with pytest.raises(UserError):
        store.trainers.add_trainer("Tina", PW, T0, by=Actor(T0, "Ada", "192.0.2.1"))  # exists
    with pytest.raises(UserError):
        store.admin.revoke_certificate(ada, "MC-AAAA-BBBB-CCCC-DDDD", "fraude", T0, "192.0.2.1")
    assert len(store.audit.events()) == before
    with store.db.read() as conn:
        rows = conn.execute(
            sa.text("SELECT count(*) FROM audit_events WHERE kind = 'account_created'")
        ).scalar()
    assert rows == 2  # Ada and Tina, each with the insert that made them


def test_lockout_after_wrong_codes_is_logged(both: Store) -> None:
    store = both
    tina = store.trainers.add_trainer("Tina", PW, T0)
    secret = enrol(store, tina, T0)
    right = {totp(secret, T0, steps=s) for s in (-1, 0, 1)}
    wrong = [c for c in (f"{i}" * 6 for i in range(10)) if c not in right]
    step = store.factors.open_step(tina.id, T0, enrol=False)
    for value in wrong[: second_factor.MAX_FAILURES]:
        with pytest.raises(UserError):
            store.factors.pass_factor(step, value, T0, client="203.0.113.5")
    lock = store.audit.events(kind="lockout")
    assert len(lock) == 1 and (lock[0].target, lock[0].client) == ("Tina", "203.0.113.5")


def test_a_deactivated_account_cannot_sign_in_and_its_sessions_end_at_once(both: Store) -> None:
    """ASVS 7.4.2."""
    store = both
    ada, tina = admin_and_trainer(store)
    secret = enrol(store, tina, T0)
    tokens = [store.trainers.open_session(tina.id, T0) for _ in range(3)]
    step = store.factors.open_step(tina.id, T0, enrol=False)  # a sign-in half done
    store.admin.set_active(ada, "Tina", False, T0, "192.0.2.1")
    assert all(store.trainers.session_trainer(tok, T0) is None for tok in tokens)
    assert store.sessions.sessions_of(tina.id, T0) == []
    with pytest.raises(UserError, match="error.login_failed"):  # answered like a wrong password
        store.trainers.sign_in_trainer("Tina", PW, T0, client="x")
    with pytest.raises(UserError, match="error.step_expired"):
        store.factors.pass_factor(step, totp(secret, T0), T0)
    assert store.audit.events(kind="signin_failed")[0].detail == "deactivated account"
    assert [a.active for a in store.admin.accounts(T0) if a.name == "Tina"] == [False]
    store.admin.set_active(ada, "Tina", True, T0, "192.0.2.1")
    assert store.trainers.sign_in_trainer("Tina", PW, T0, client="y").name == "Tina"


def test_an_admin_cannot_deactivate_themselves_or_demote_the_last_admin(store: Store) -> None:
    ada, tina = admin_and_trainer(store)
    with pytest.raises(UserError, match="admin.not_yourself"):
        store.admin.set_active(ada, "Ada", False, T0)
    with pytest.raises(UserError, match="admin.last_admin"):
        store.admin.set_role(ada, "Ada", "trainer", T0)
    for act in (
        lambda: store.admin.set_active(tina, "Ada", False, T0),
        lambda: store.admin.end_everyones_sessions(tina, T0),
        lambda: store.admin.set_role(tina, "Tina", "admin", T0),
    ):
        with pytest.raises(UserError, match="admin.not_admin"):  # a trainer is no administrator
            act()
    store.admin.set_role(ada, "Tina", "admin", T0, "192.0.2.1")
    assert store.audit.events(kind="role_changed")[0].detail == "admin"
    store.admin.set_active(ada, "Tina", False, T0)  # another admin remains (Ada)
    with pytest.raises(UserError, match="admin.not_admin"):  # two admins ending each other: the
        store.admin.set_active(tina, "Ada", False, T0)  # second is no longer one
    store.admin.set_active(ada, "Tina", True, T0)
    store.admin.set_role(ada, "Ada", "trainer", T0)  # Tina is still an admin: allowed
    assert not store.admin.is_admin(ada.id) and store.admin.is_admin(tina.id)


def test_ending_everyones_sessions_ends_all_of_them(store: Store) -> None:
    """ASVS 7.4.5: all users at once, the administrator's own session included."""
    ada, tina = admin_and_trainer(store)
    tokens = [store.trainers.open_session(who.id, T0) for who in (ada, tina, tina)]
    assert store.admin.end_everyones_sessions(ada, T0, "192.0.2.1") == 3
    assert all(store.trainers.session_trainer(tok, T0) is None for tok in tokens)
    ended = store.audit.events(kind="session_ended")[0]
    assert (ended.actor, ended.target, ended.client) == ("Ada", "*", "192.0.2.1")


def test_an_admin_revokes_any_certificate(store: Store, content: Content) -> None:
    from .test_certificates import passed

    ada, tina = admin_and_trainer(store)
    cert = store.certificates.issue_certificate(passed(store, content, "Kandidaat"), now=T0)
    with pytest.raises(UserError, match="admin.not_admin"):
        store.admin.revoke_certificate(tina, cert.code, "fraude", T0)
    done = store.admin.revoke_certificate(ada, cert.code.lower(), "fraude", T0, "192.0.2.1")
    assert done.revoked and done.revoked_reason == "fraude"
    event = store.audit.events(kind="certificate_revoked")[0]
    assert (event.actor, event.target, event.client, event.detail) == (
        "Ada",
        cert.code,
        "192.0.2.1",
        "fraude",
    )


def test_cli_admin_add_makes_an_admin_and_audit_prints_the_log(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["admin", "add", "Ada"]) == 1  # the password rules of `trainer add`
    assert "12" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PW}\n"))
    assert main(["admin", "add", "Ada"]) == 0
    ada = store.trainers.trainer_by_name("Ada")
    assert ada is not None and ada.role == "admin" and store.admin.is_admin(ada.id)
    capsys.readouterr()
    with pytest.raises(UserError):
        store.trainers.sign_in_trainer(
            "<b>Mallory</b>\x1b[31m", "nope nope nope", datetime.now(UTC), client="203.0.113.66"
        )
    assert main(["admin", "audit", "--limit", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "when\twho\twhat\ttarget\tfrom\tdetail"
    assert out[1].split("\t")[1:] == [
        "<b>Mallory</b>?[31m",
        "signin_failed",
        "",
        "203.0.113.66",
        "wrong password",
    ]
    assert out[2].split("\t")[2:5] == ["account_created", "Ada", "command line"]
    assert out[2].split("\t")[1].endswith("(command line)")
    assert main(["admin", "audit", "--kind", "account_created"]) == 0
    assert "signin_failed" not in capsys.readouterr().out


def test_restore_is_recorded_in_the_audit_log(
    store: Store, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    file = Path(str(tmp_path)) / "backup.jsonl"
    store.trainers.add_trainer("Tina", PW, T0)
    assert main(["db", "backup", str(file)]) == 0
    assert main(["db", "restore", "--force", str(file)]) == 0
    restored = store.audit.events(kind="database_restored")
    assert len(restored) == 1 and str(file) in restored[0].detail
    assert restored[0].client == "command line"


# -- the page --


def admin_page(store: Store, name: str = "Ada") -> AppTest:
    at = signed_in(store, name)
    at.switch_page("mglearn/ui/admin.py").run()
    assert not at.exception
    return at


def act(at: AppTest, name: str, action: str, password: str, code: str) -> AppTest:
    at.selectbox(key="admin_which").set_value(name)
    at.selectbox(key="admin_action").set_value(action)
    at.text_input(key="admin_act_pw").input(password)
    at.text_input(key="admin_act_code").input(code)
    at.button(key="FormSubmitter:admin_act-Uitvoeren").click().run()
    assert not at.exception
    return at


def test_the_admin_page_is_for_admins_only(store: Store) -> None:
    admin_and_trainer(store)
    trainer = signed_in(store, "Tina")
    trainer.switch_page("mglearn/ui/admin.py").run()
    shown = texts(trainer)
    assert "Deze pagina is alleen voor beheerders." in shown and "Auditlog" not in shown
    assert not trainer.dataframe
    admin = admin_page(store)
    assert "Auditlog" in texts(admin) and "Accounts" in texts(admin)
    admin.session_state["lang"] = "en"  # English too, the same page
    admin.run()
    shown = texts(admin)
    assert "Administration" in shown and "Audit log" in shown and "Manage an account" in shown
    assert list(admin.dataframe[0].value.columns)[:3] == ["Name", "Role", "Active"]


def test_the_admin_deactivates_a_trainer_after_reauthentication(store: Store) -> None:
    ada, tina = admin_and_trainer(store)
    store.factors.set_factor(tina.id, second_factor.new_secret(), T0)
    codes = store.factors.set_factor(ada.id, second_factor.new_secret(), T0)
    theirs = store.trainers.open_session(tina.id, datetime.now(UTC), client="198.51.100.3")
    at = admin_page(store)
    accounts = at.dataframe[0].value
    row = accounts[accounts["Naam"] == "Tina"].iloc[0]
    assert (row["Rol"], row["Actief"], row["Tweede factor"], row["Lopende sessies"]) == (
        "trainer",
        "ja",
        "ja",
        1,
    )
    assert row["Laatst aangemeld"] != "–"

    act(at, "Tina", "deactivate", PW, "000000")  # a wrong code: nothing happens
    assert "Deze code klopt niet." in texts(at)
    assert store.trainers.session_trainer(theirs, datetime.now(UTC)) is not None
    act(at, "Tina", "deactivate", "wrong horse", codes[0])  # a wrong password: nothing either
    assert store.trainers.session_trainer(theirs, datetime.now(UTC)) is not None

    act(at, "Tina", "deactivate", PW, codes[1])
    assert "Tina is uitgeschakeld; alle sessies zijn beëindigd." in texts(at)
    assert store.trainers.session_trainer(theirs, datetime.now(UTC)) is None
    accounts = at.dataframe[0].value
    assert accounts[accounts["Naam"] == "Tina"].iloc[0]["Actief"] == "nee"
    audit = at.dataframe[1].value
    assert list(audit.iloc[0][["Wie", "Wat", "Waarop"]]) == ["Ada", "account uitgeschakeld", "Tina"]

    act(at, "Ada", "deactivate", PW, codes[2])  # not oneself
    assert "Je kunt je eigen account niet uitschakelen." in texts(at)
    assert store.admin.is_admin(ada.id)

    act(at, "Tina", "reactivate", PW, codes[3])
    assert "Tina is weer ingeschakeld." in texts(at)
    act(at, "Tina", "reset_factor", PW, codes[4])
    assert not store.factors.has_factor(tina.id)
    store.trainers.open_session(tina.id, datetime.now(UTC))
    act(at, "Tina", "end_sessions", PW, codes[5])
    assert "1 sessie(s) van Tina beëindigd." in texts(at)
    assert store.sessions.sessions_of(tina.id, datetime.now(UTC)) == []


def test_the_admin_creates_an_account_revokes_any_certificate_and_signs_everyone_out(
    store: Store, content: Content
) -> None:
    from .test_certificates import passed

    ada, _ = admin_and_trainer(store)
    codes = store.factors.set_factor(ada.id, second_factor.new_secret(), T0)
    cert = store.certificates.issue_certificate(passed(store, content, "Kandidaat"), now=T0)
    at = admin_page(store)
    at.text_input(key="admin_new_name").input("Nieuwe Trainer")
    at.text_input(key="admin_new_pw").input("een lange zin")
    at.text_input(key="admin_new_repeat").input("een lange zin")
    at.text_input(key="admin_create_pw").input(PW)
    at.text_input(key="admin_create_code").input(codes[0])
    at.button(key="FormSubmitter:admin_create-Account aanmaken").click().run()
    assert "Account Nieuwe Trainer aangemaakt." in texts(at)
    made = store.trainers.trainer_by_name("Nieuwe Trainer")
    assert made is not None and made.role == "trainer" and not store.factors.has_factor(made.id)

    at.text_input(key="admin_cert").input(cert.code)
    at.text_input(key="admin_reason").input("fraude")
    at.text_input(key="admin_revoke_pw").input(PW)
    at.text_input(key="admin_revoke_code").input(codes[1])
    submit(at, "admin_revoke")
    found = store.certificates.certificate(cert.code)
    assert found is not None and found.revoked
    assert f"Certificaat {md_escape(cert.code)} is ingetrokken." in texts(at)

    at.text_input(key="admin_everyone_pw").input(PW)
    at.text_input(key="admin_everyone_code").input(codes[2])
    at.button(key="FormSubmitter:admin_everyone-Alle sessies beëindigen").click().run()
    assert "Meld je eerst aan als trainer." in texts(at)  # the administrator's own session ended too


def submit(at: AppTest, form: str) -> None:
    next(b for b in at.button if str(b.key).startswith(f"FormSubmitter:{form}-")).click().run()
    assert not at.exception


def test_hostile_names_in_the_audit_log_are_shown_as_text(store: Store) -> None:
    admin_and_trainer(store)
    hostile = '<img src=x onerror="alert(1)"> **vet** :skull: [klik](http://evil.example)'
    with pytest.raises(UserError):
        store.trainers.sign_in_trainer(hostile, "nope nope nope", T0, client="203.0.113.66")
    at = admin_page(store)
    audit = at.dataframe[1].value
    assert (
        audit[audit["Wat"] == "aanmelding mislukt"].iloc[0]["Wie"] == hostile
    )  # the data grid: the text as it was typed
    cards = [h.proto.body for h in at.get("html") if "mg-cards" in h.proto.body]
    audit_cards = next(c for c in cards if "onerror" in c)
    assert "<img" not in audit_cards and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in audit_cards


def test_a_session_opened_as_the_account_is_deactivated_does_not_come_back_with_reactivation(
    both: Store,
) -> None:
    """The password (or the code) was right a moment before an administrator deactivated the
    account: the session the sign-in opens next must not exist, or it would be usable again
    the day the account is reactivated (ASVS 7.4.2: every session ends at once)."""
    store = both
    ada, tina = admin_and_trainer(store)
    assert store.trainers.sign_in_trainer("Tina", PW, T0, client="x").name == "Tina"  # right password
    store.admin.set_active(ada, "Tina", False, T0, "192.0.2.1")  # ... and deactivated meanwhile
    with pytest.raises(UserError, match="error.login_failed"):
        store.trainers.open_session(tina.id, T0)  # the sign-in's next step
    assert store.sessions.sessions_of(tina.id, T0) == []
    assert "signin_ok" not in kinds(store)
    store.admin.set_active(ada, "Tina", True, T0, "192.0.2.1")
    assert store.sessions.sessions_of(tina.id, T0) == []  # nothing to come back


USED = "Deze code is al gebruikt: wacht op de volgende code (elke 30 seconden een nieuwe)."


def test_a_second_act_with_the_code_just_used_is_told_to_wait_and_does_not_count(store: Store) -> None:
    """Two acts within one 30-second step: the second one's code is right but taken. It is still
    refused (no replay), but says so, does not count towards the lockout, and is logged as a
    failed re-authentication for that act, not as a sign-in (issue 33's second act)."""
    ada, _ = admin_and_trainer(store)
    secret = enrol(store, ada, T0)
    at = admin_page(store)
    code = totp(secret)
    act(at, "Tina", "end_sessions", PW, code)
    assert "0 sessie(s) van Tina beëindigd." in texts(at)
    for _ in range(second_factor.MAX_FAILURES + 1):
        act(at, "Tina", "end_sessions", PW, code)
        assert USED in texts(at) and "Deze code klopt niet." not in texts(at)
    act(at, "Tina", "end_sessions", PW, totp(secret, steps=1))  # the next code works: no lockout
    assert "0 sessie(s) van Tina beëindigd." in texts(at)
    assert "signin_failed" not in kinds(store) and "lockout" not in kinds(store)
    failed = store.audit.events(kind="reauth_failed")
    assert len(failed) == second_factor.MAX_FAILURES + 1
    assert failed[0].actor == "Ada" and "end_sessions" in failed[0].detail
    at = signed_in(store, "Ada")  # a fresh page in English
    at.session_state["lang"] = "en"
    at.switch_page("mglearn/ui/admin.py").run()
    at.text_input(key="admin_everyone_pw").input(PW)  # every form's re-authentication says so
    at.text_input(key="admin_everyone_code").input(totp(secret, steps=1))
    submit(at, "admin_everyone")
    used = "This code has been used already: wait for the next code (a new one every 30 seconds)."
    assert used in texts(at)


def test_wrong_codes_at_reauthentication_lock_as_before_and_say_when_the_lock_ends(store: Store) -> None:
    ada, _ = admin_and_trainer(store)
    secret = enrol(store, ada, T0)
    right = {totp(secret, T0, steps=s) for s in (-1, 0, 1)}
    wrong = [c for c in (f"{i}" * 6 for i in range(10)) if c not in right]
    for value in wrong[: second_factor.MAX_FAILURES - 1]:
        with pytest.raises(UserError, match="error.code_wrong"):
            store.factors.reauthenticate(ada.id, PW, value, T0, client="192.0.2.1", act="deactivate")
    with pytest.raises(UserError, match="error.code_locked") as err:
        store.factors.reauthenticate(ada.id, PW, wrong[0], T0, client="192.0.2.1", act="deactivate")
    assert err.value.params["until"] == T0 + timedelta(minutes=second_factor.LOCK_MINUTES)
    with pytest.raises(UserError, match="error.code_locked") as err:  # a right code too, while locked
        store.factors.reauthenticate(ada.id, PW, totp(secret, T0), T0 + timedelta(minutes=1))
    assert err.value.params["until"] == T0 + timedelta(minutes=second_factor.LOCK_MINUTES)
    failed = store.audit.events(kind="reauth_failed")
    assert len(failed) == second_factor.MAX_FAILURES and all("deactivate" in e.detail for e in failed)
    assert len(store.audit.events(kind="lockout")) == 1 and "signin_failed" not in kinds(store)
    with pytest.raises(UserError, match="error.password_wrong"):
        store.factors.reauthenticate(ada.id, "wrong horse", "", T0 + timedelta(hours=1), act="reset_factor")
    assert store.audit.events(kind="reauth_failed")[0].detail.endswith("reset_factor")


def test_the_admin_page_says_until_when_the_admin_is_locked_out(store: Store) -> None:
    ada, _ = admin_and_trainer(store)
    secret = enrol(store, ada, T0)
    at = admin_page(store)
    now = datetime.now(UTC)
    right = {totp(secret, now, steps=s) for s in (-2, -1, 0, 1, 2)}
    wrong = [c for c in (f"{i}" * 6 for i in range(10)) if c not in right]
    for value in wrong[: second_factor.MAX_FAILURES]:
        act(at, "Tina", "end_sessions", PW, value)
    shown = texts(at)
    assert re.search(r"geblokkeerd tot \d\d-\d\d-\d{4} \d\d:\d\d", shown), shown


def test_no_action_is_chosen_in_advance_and_a_refused_act_keeps_the_choices(store: Store) -> None:
    ada, tina = admin_and_trainer(store)
    secret = enrol(store, ada, T0)
    at = admin_page(store)
    chooser = at.selectbox(key="admin_action")
    assert chooser.value is None and chooser.placeholder == "Kies een handeling"
    at.selectbox(key="admin_which").set_value("Tina")
    at.text_input(key="admin_act_pw").input(PW)
    at.text_input(key="admin_act_code").input(totp(secret))
    submit(at, "admin_act")  # no action: nothing happens, and says what is missing
    assert "Wat moet er gebeuren?: Kies een handeling" in texts(at)
    assert store.admin.is_admin(ada.id) and kinds(store).count("reauth_failed") == 0
    at.selectbox(key="admin_action").set_value("end_sessions")
    at.text_input(key="admin_act_pw").input("wrong horse")
    submit(at, "admin_act")  # refused: the choices stay, the password and code do not
    assert "Je huidige wachtwoord klopt niet." in texts(at)
    assert at.selectbox(key="admin_which").value == "Tina"
    assert at.selectbox(key="admin_action").value == "end_sessions"
    assert at.text_input(key="admin_act_pw").value == "" and at.text_input(key="admin_act_code").value == ""
    at.text_input(key="admin_act_pw").input(PW)
    at.text_input(key="admin_act_code").input(totp(secret))
    submit(at, "admin_act")
    assert "0 sessie(s) van Tina beëindigd." in texts(at)
    assert at.selectbox(key="admin_action").value is None  # done: a new act starts from nothing
    assert store.trainers.trainer_by_name("Tina") == tina


def in_order(at: AppTest) -> list[str]:
    """The page's texts (headings, messages) from top to bottom."""
    found: list[str] = []

    def walk(node: Any) -> None:
        children = getattr(node, "children", None)
        if children:
            for child in children.values():
                walk(child)
        elif isinstance(getattr(node, "value", None), str):
            found.append(node.value)

    walk(at._tree)
    return found


def test_a_confirmation_shows_under_the_form_that_was_used(store: Store) -> None:
    ada, _ = admin_and_trainer(store)
    secret = enrol(store, ada, T0)
    at = admin_page(store)
    act(at, "Tina", "end_sessions", PW, totp(secret))
    shown = in_order(at)
    done = shown.index("0 sessie(s) van Tina beëindigd.")
    assert shown.index("Een account beheren") < done < shown.index("Account aanmaken")
    at.text_input(key="admin_new_name").input("Nieuwe Trainer")
    at.text_input(key="admin_new_pw").input("een lange zin")
    at.text_input(key="admin_new_repeat").input("een lange zin")
    at.text_input(key="admin_create_pw").input(PW)
    at.text_input(key="admin_create_code").input(totp(secret, steps=1))
    submit(at, "admin_create")
    shown = in_order(at)
    done = shown.index("Account Nieuwe Trainer aangemaakt.")
    assert shown.index("Account aanmaken") < done < shown.index("Iedereen afmelden")
    assert "0 sessie(s) van Tina beëindigd." not in shown  # once


def test_the_audit_log_follows_the_language_filter_and_fixed_details_too(
    store: Store, content: Content
) -> None:
    from .test_certificates import passed

    ada, tina = admin_and_trainer(store)
    secret = enrol(store, ada, T0)
    store.trainers.open_session(tina.id, T0)
    store.admin.end_sessions(ada, "Tina", T0, "192.0.2.1")
    right = {totp(secret, T0, steps=s) for s in (-1, 0, 1)}
    wrong = [c for c in (f"{i}" * 6 for i in range(10)) if c not in right]
    for value in wrong[: second_factor.MAX_FAILURES]:
        with pytest.raises(UserError):
            store.factors.reauthenticate(ada.id, PW, value, T0, act="deactivate")
    cert = store.certificates.issue_certificate(passed(store, content, "Kandidaat"), now=T0)
    store.admin.revoke_certificate(ada, cert.code, "wrong code", T0, "192.0.2.1")  # written by a person
    at = admin_page(store)

    def details() -> dict[str, list[str]]:
        audit = at.dataframe[1].value
        found: dict[str, list[str]] = {}
        for _, row in audit.iterrows():
            found.setdefault(row.iloc[2], []).append(row.iloc[5])
        return found

    dutch = details()
    assert dutch["herbevestiging mislukt"][0] == "verkeerde code (uitschakelen)"
    assert dutch["geblokkeerd"] == ["5 verkeerde codes: 15 minuten geblokkeerd"]
    assert dutch["sessie beëindigd"] == ["1 sessie(s), beëindigd door een beheerder"]
    assert dutch["certificaat ingetrokken"] == ["wrong code"]  # as the administrator wrote it
    at.session_state["lang"] = "en"
    at.run()
    kind = at.selectbox(key="admin_kind_en")
    assert kind.options[0] == "All kinds" and kind.value == ""
    english = details()
    assert english["re-authentication failed"][0] == "wrong code (deactivate)"
    assert english["locked out"] == ["5 wrong codes: locked for 15 minutes"]
    assert english["session ended"] == ["1 session(s), ended by an administrator"]
    assert english["certificate revoked"] == ["wrong code"]
    at.selectbox(key="admin_kind_en").set_value("lockout").run()  # a chosen kind stays chosen
    at.session_state["lang"] = "nl"
    at.run()
    assert at.selectbox(key="admin_kind_nl").value == "lockout" and list(details()) == ["geblokkeerd"]
