"""Trainer sessions (issue 33): an idle timeout (MGLEARN_TRAINER_IDLE_MINUTES, 30) beside the
absolute lifetime, a new token at every sign-in, the trainer's own list of sessions with an end
button for each, and `mglearn trainer sessions NAME [--end-all]`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from mglearn import web, web_factor
from mglearn.__main__ import main
from mglearn.store import Store
from mglearn.store.sessions import session_key

from .staff import add_enrolled_trainer, enrol, fresh_code
from .test_app import texts
from .test_web import SAME_SITE, client, post_sign_in, set_cookie

T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def test_an_unused_session_ends_after_30_minutes_a_used_one_at_its_absolute_end(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=T0)
    token = store.trainers.open_session(tina.id, T0)
    moment = T0
    for _ in range(15):  # used every 29 minutes: still signed in after 7 hours
        moment += timedelta(minutes=29)
        assert store.trainers.session_trainer(token, moment) is not None, moment
    assert store.trainers.session_trainer(token, T0 + timedelta(hours=8)) is None  # the absolute end (8 h)
    idle = store.trainers.open_session(tina.id, T0)
    assert store.trainers.session_trainer(idle, T0 + timedelta(minutes=29, seconds=59)) is not None
    assert store.trainers.session_trainer(idle, T0 + timedelta(minutes=60)) is None  # 30 min unused
    assert store.trainers.session_trainer(idle, T0 + timedelta(minutes=31)) is None  # and it is gone


def test_the_idle_timeout_is_a_setting(store_of: Callable[..., Store]) -> None:
    store = store_of(trainer_idle_minutes=5)  # the store reads its settings once, when it is built
    tina = store.trainers.add_trainer("Tina", "correct horse", now=T0)
    token = store.trainers.open_session(tina.id, T0)
    assert store.trainers.session_trainer(token, T0 + timedelta(minutes=5)) is None


def test_every_sign_in_gets_a_new_token_whatever_the_browser_sent(store: Store) -> None:
    """Against session fixation: a cookie the browser already holds is never taken over."""
    _, secret, recovery = add_enrolled_trainer(store)
    c = client(store)
    planted = "attacker-chosen-token"
    c.cookies.set("mglearn_trainer", planted)
    first = set_cookie(post_sign_in(c, "Tina", "correct horse", secret, **SAME_SITE))["mglearn_trainer"].value
    again = client(store)
    post_sign_in(again, "Tina", "correct horse", **SAME_SITE)  # the password, then a recovery code
    form = {web_factor.CODE_FIELD: recovery[0], web.LANG_FIELD: "nl"}
    second = set_cookie(again.post(web_factor.CODE, data=form, headers=SAME_SITE))["mglearn_trainer"].value
    assert planted not in (first, second)
    assert first != second and len(first) >= 43  # 256 random bits
    assert store.trainers.session_trainer(planted, datetime.now(UTC)) is None
    # signing in again from the browser that holds a session ends that session (ASVS 7.2.4)
    again.cookies.set("mglearn_trainer", second)
    post_sign_in(again, "Tina", "correct horse", **SAME_SITE)
    form = {web_factor.CODE_FIELD: recovery[1], web.LANG_FIELD: "nl"}
    third = set_cookie(again.post(web_factor.CODE, data=form, headers=SAME_SITE))["mglearn_trainer"].value
    assert store.trainers.session_trainer(second, datetime.now(UTC)) is None
    assert store.trainers.session_trainer(third, datetime.now(UTC)) is not None
    assert store.trainers.session_trainer(first, datetime.now(UTC)) is not None  # another browser's: kept


def test_a_trainer_sees_and_ends_their_own_sessions(store: Store) -> None:
    from .test_trainer_workspace import trainer_on

    at = trainer_on(store, "groups")
    tina = store.trainers.trainer_by_name("Tina")
    assert tina is not None
    now = datetime.now(UTC)
    phone = store.trainers.open_session(tina.id, now, client="203.0.113.7", agent="Mozilla/5.0 (Android 15)")
    at.run()
    shown = texts(at) + "\n".join(e.value for e in at.text)
    assert "vanaf 203.0.113.7, Mozilla/5.0 (Android 15)" in shown and "(deze sessie)" in shown
    at.button(key=f"end_session_{session_key(phone)}").click().run()
    # ASVS 7.5.2: ending a session asks for the credentials again first
    assert store.trainers.session_trainer(phone, datetime.now(UTC)) is not None
    secret = enrol(store, tina)
    at.run()
    at.text_input(key="es_password").input("wrong horse")
    at.text_input(key="es_code").input(fresh_code(store, tina.id, secret))
    at.button(key="FormSubmitter:end_session_confirm-Deze sessie beëindigen").click().run()
    assert "Je huidige wachtwoord klopt niet." in texts(at)
    assert store.trainers.session_trainer(phone, datetime.now(UTC)) is not None
    at.text_input(key="es_password").input("correct horse")
    at.text_input(key="es_code").input(fresh_code(store, tina.id, secret))
    at.button(key="FormSubmitter:end_session_confirm-Deze sessie beëindigen").click().run()
    assert store.trainers.session_trainer(phone, datetime.now(UTC)) is None
    ended = store.audit.events(kind="session_ended")[0]
    assert (ended.actor, ended.detail) == ("Tina", "one session, ended by its trainer")
    assert "203.0.113.7" not in "\n".join(e.value for e in at.text)
    assert "Groepen en opdrachten" in texts(at)  # this session goes on
    other = store.trainers.open_session(store.trainers.add_trainer("Otto", "correct horse", now=now).id, now)
    assert not store.sessions.end_session(tina.id, session_key(other))  # not hers to end
    assert store.trainers.session_trainer(other, datetime.now(UTC)) is not None


def test_cli_lists_and_ends_a_trainers_sessions(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=T0)
    now = datetime.now(UTC)
    tokens = [
        store.trainers.open_session(tina.id, now, client=f"10.0.0.{i}", agent="Firefox") for i in (1, 2)
    ]
    assert main(["trainer", "sessions", "Tina"]) == 0
    out = capsys.readouterr().out
    assert "10.0.0.1\tFirefox" in out and "10.0.0.2\tFirefox" in out
    assert main(["trainer", "sessions", "Tina", "--end-all"]) == 0
    assert "Ended 2 session(s)" in capsys.readouterr().out
    assert all(store.trainers.session_trainer(tok, datetime.now(UTC)) is None for tok in tokens)
    assert main(["trainer", "sessions", "Nobody"]) == 1
