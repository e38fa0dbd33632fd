"""Issue 20, access: codes that cannot be guessed, wrong codes slowed down, no Referer leak,
nothing secret in what a learner's browser receives, production-safe Streamlit settings, and
certificates that cannot be derived, forged or kept after revocation."""

from __future__ import annotations

import io
import math
import re
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import text_format
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from mglearn import certificates, web
from mglearn.attempts import correct_response
from mglearn.certificates.pdf import certificate_pdf
from mglearn.content import PROJECT_ROOT, Content
from mglearn.errors import UserError
from mglearn.store import CODE_ALPHABET, Store, guesses, new_code, normalize_code
from mglearn.store.certificates import new_certificate_code

from .test_app import texts

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# -- (a) codes --


def test_new_codes_have_60_random_bits_and_old_codes_still_work(store: Store) -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert re.fullmatch(r"MG-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code)
        assert normalize_code(code.lower().replace("-", " ")) == code
    assert len(CODE_ALPHABET) == 32 and 12 * math.log2(len(CODE_ALPHABET)) == 60
    assert re.fullmatch(r"GR(-[2-9A-HJ-NP-Z]{4}){3}", new_code("GR"))
    made = store.learners.create_learner("Nieuw", now=datetime.now(UTC))
    assert store.learners.learner_by_code(made.code, now=datetime.now(UTC)) == made and len(made.code) == 17
    with store.db.write() as conn:  # a learner from before issue 20 keeps an 8-character code
        conn.exec_driver_sql("UPDATE learners SET code = 'MG-7KQ4-XPZ2' WHERE id = ?", (made.id,))
    assert store.learners.learner_by_code("mg 7kq4 xpz2", now=datetime.now(UTC)) is not None
    assert normalize_code("MG-7KQ4-XPZ2-H9R") is None  # 11 characters: no code


def test_codes_come_from_the_secrets_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not derivable from anything the learner (or the clock) gives: every character is
    secrets.choice (the operating system's CSPRNG), for resume, join and certificate codes."""
    calls: list[str] = []

    def choice(seq: str) -> str:
        calls.append(seq)
        return seq[len(calls) % len(seq)]

    monkeypatch.setattr("mglearn.store.base.secrets.choice", choice)
    assert new_code() == "MG-3456-789A-BCDE"
    assert len(calls) == 12
    monkeypatch.setattr("mglearn.store.certificates.secrets.choice", choice)
    new_certificate_code()
    assert len(calls) == 12 + 16


def wrong_code(i: int) -> str:
    return "MG-" + "-".join(f"{i:012d}".translate(str.maketrans("01", "AB"))[j : j + 4] for j in (0, 4, 8))


def resume(at: AppTest, code: str) -> str:
    at.text_input(key="start_code").input(code)
    at.button(key="FormSubmitter:resume-Verdergaan").click().run()
    return texts(at)


def test_wrong_codes_from_one_client_are_slowed_down(store: Store) -> None:
    """Measured: the rate at which one session may try codes before the back-off (AppTest, in
    process: an upper bound for a browser), then the wait; even the right code waits."""
    known = store.learners.create_learner("Echt", now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    started = time.perf_counter()
    for i in range(guesses.FREE_TRIES - 1):
        assert "Deze code kennen we niet" in resume(at, wrong_code(i))
    rate = (guesses.FREE_TRIES - 1) / (time.perf_counter() - started)
    print(f"\nwrong codes accepted from one session before the back-off: {rate:.1f} per second")
    resume(at, wrong_code(99))  # the FREE_TRIES-th wrong code starts the wait
    shown = resume(at, known.code)
    assert "Te veel onbekende codes vanaf dit apparaat" in shown and "Probeer het over" in shown
    assert "Echt" not in "\n".join(m.value for m in at.sidebar.markdown)
    fresh = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert "Echt" in "\n".join(m.value for m in fresh.sidebar.markdown) or resume(fresh, known.code)


def test_a_wrong_code_in_the_address_counts_once_however_often_the_page_reruns(store: Store) -> None:
    """A mistyped ?learner= link is one wrong code: toggling the language a dozen times (each a
    rerun with the same address) must not use up the tries of everyone behind that address."""
    known = store.learners.create_learner("Echt", now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["learner"] = wrong_code(7)
    at.run()
    for i in range(guesses.FREE_TRIES + 2):
        at.segmented_control(key="_lang_start").set_value("en" if i % 2 == 0 else "nl").run()
    assert not at.exception
    with store.db.read() as conn:
        counted = conn.exec_driver_sql("SELECT failures FROM sign_in_tries WHERE key LIKE '#code|%'").all()
    assert [row[0] for row in counted] == [1]
    at.segmented_control(key="_lang_start").set_value("nl").run()
    shown = resume(at, known.code)
    assert "Te veel onbekende codes" not in shown
    assert "Echt" in "\n".join(m.value for m in at.sidebar.markdown)


def test_the_wait_doubles_and_is_forgotten_after_a_quiet_hour(store: Store) -> None:
    for _ in range(guesses.FREE_TRIES):
        store.guesses.code_wait("10.0.0.1", now=T0)
        store.guesses.code_missed("10.0.0.1", now=T0)
    with pytest.raises(UserError, match="error.code_wait") as err:
        store.guesses.code_wait("10.0.0.1", now=T0)
    assert err.value.params["seconds"] == guesses.BACKOFF_START
    store.guesses.code_wait("10.0.0.2", now=T0)  # another client is not slowed down
    later = T0 + timedelta(seconds=guesses.BACKOFF_START)
    store.guesses.code_wait("10.0.0.1", now=later)
    store.guesses.code_missed("10.0.0.1", now=later)
    with pytest.raises(UserError) as err:
        store.guesses.code_wait("10.0.0.1", now=later)
    assert err.value.params["seconds"] == 2 * guesses.BACKOFF_START
    assert guesses.code_backoff(100) == guesses.BACKOFF_MAX
    quiet = later + timedelta(seconds=2 * guesses.BACKOFF_START) + guesses.FORGET_AFTER + timedelta(seconds=1)
    store.guesses.code_missed("10.0.0.1", now=quiet)  # counted from one again
    store.guesses.code_wait("10.0.0.1", now=quiet)


def test_wrong_join_codes_count_too(store: Store) -> None:
    learner = store.learners.create_learner("Ans", now=datetime.now(UTC))
    for i in range(guesses.FREE_TRIES):
        with pytest.raises(UserError, match="error.join_unknown"):
            store.groups.join_group(
                learner.id, wrong_code(i).replace("MG", "GR"), client="10.0.0.9", now=datetime.now(UTC)
            )
    with pytest.raises(UserError, match="error.code_wait"):
        store.groups.group_by_code("GR-2222-2222-2222", client="10.0.0.9", now=datetime.now(UTC))
    assert (
        store.learners.learner_by_code("MG-2222-2222-2222", client="10.0.0.8", now=datetime.now(UTC)) is None
    )


def expected_years(bits: int, codes: int, per_second: float) -> float:
    """Expected time to hit any one of ``codes`` issued codes by guessing at ``per_second``."""
    return 2**bits / codes / per_second / (365.25 * 24 * 3600)


def test_the_figures_in_security_md() -> None:
    """The sums SECURITY.md gives. Throttled, the best an attacker does from one client is
    FREE_TRIES wrong codes, then wait out the first back-off and the quiet hour that resets
    the count: FREE_TRIES per (BACKOFF_START + FORGET_AFTER)."""
    cycle = guesses.BACKOFF_START + guesses.FORGET_AFTER.total_seconds()
    throttled = guesses.FREE_TRIES / cycle  # guesses per second, one client
    assert round(throttled * 86400) == 238
    assert expected_years(40, 10_000, 1.5) == pytest.approx(2.32, abs=0.01)  # before, a browser
    assert expected_years(40, 10_000, 21) == pytest.approx(0.166, abs=0.001)  # before, in process
    assert expected_years(40, 10_000, throttled) == pytest.approx(1_265, rel=0.01)  # old codes now
    assert expected_years(60, 10_000, throttled) == pytest.approx(1.32e9, rel=0.01)
    assert expected_years(60, 10_000, 21) == pytest.approx(174_000, rel=0.01)  # unthrottled
    assert expected_years(60, 10_000, 21 * 10_000) == pytest.approx(17.4, rel=0.01)  # 10,000 clients
    text = (PROJECT_ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for figure in ("2.3 years", "61 days", "1,265 years", "1.3 billion years", "174,000 years", "238"):
        assert figure in text, figure


# -- (b) Referrer-Policy --


def test_every_route_of_ours_sends_the_referrer_policy(store: Store) -> None:
    app = Starlette(routes=web.routes(lambda: store), middleware=web.middleware())
    c = TestClient(app, follow_redirects=False)
    for path in ("/verify/MC-2222-2222-2222-2222", "/verify/x?format=json", "/nothing"):
        assert c.get(path).headers["referrer-policy"] == "same-origin", path
    posted = c.post(web.SIGN_IN, data={}, headers={"origin": "http://evil.example"})
    assert posted.headers["referrer-policy"] == "same-origin"


@pytest.fixture
def real_server(tmp_path: Path) -> Iterator[str]:
    from .browser import app_server

    with app_server(f"sqlite:///{tmp_path / 'srv.sqlite3'}", tmp_path / "server.log") as url:
        yield url


def test_the_real_server_sends_the_referrer_policy_on_streamlits_pages_too(real_server: str) -> None:
    for path in (
        "/",
        "/overview?learner=MG-2222-2222-2222",
        "/_stcore/health",
        "/verify/zzz",
        "/favicon.png",
    ):
        try:
            with urllib.request.urlopen(real_server + path, timeout=20) as r:
                headers = r.headers
        except urllib.error.HTTPError as err:
            headers = err.headers
        assert headers["Referrer-Policy"] == "same-origin", path


# -- (c) nothing secret reaches a learner's browser --


def sent(at: AppTest) -> str:
    """Everything the server sent for the page: every element's proto, as UTF-8 text."""

    def walk(node: Any) -> Iterator[Any]:
        proto = getattr(node, "proto", None)
        if proto is not None:
            yield proto
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return "\n".join(text_format.MessageToString(p, as_utf8=True) for p in walk(at._tree))


def test_exam_keys_feedback_and_other_learners_never_reach_the_learner(
    store: Store, content: Content
) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas Geheim", now=datetime.now(UTC))
    other = store.learners.create_learner("Gerda Geheimzinnig", now=datetime.now(UTC))
    me = store.learners.create_learner("Ans", now=datetime.now(UTC))
    for person in (other, me):
        store.groups.join_group(person.id, group.join_code, now=datetime.now(UTC))
    by_id = {q.id: q for _, q in content.questions()}
    theirs = store.exams.start_exam(other.id, content, now=datetime.now(UTC))
    for d in theirs.draw:
        store.attempts.save_answer(
            theirs.id, d.question_id, correct_response(by_id[d.question_id]), now=datetime.now(UTC)
        )
    exam = store.exams.start_exam(me.id, content, now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["learner"] = me.code
    at.run()
    at.switch_page("mglearn/ui/exam.py").run()
    assert not at.exception
    page = sent(at)
    assert "Ans" in page
    for d in exam.draw:
        q = by_id[d.question_id]
        assert q.explanation.nl not in page, q.id
        for option in q.options:
            assert option.feedback.nl not in page, q.id
    for secret in ("Gerda", "Geheimzinnig", other.code, theirs and str(theirs.seed), "correct", "Tina"):
        assert secret not in page.replace("correctie", ""), secret
    quiz = content.quizzes[0]  # and a quiz in progress shows no key either
    attempt = store.attempts.start_attempt(me.id, quiz, now=datetime.now(UTC))
    at.switch_page("mglearn/ui/quiz.py")
    at.query_params["quiz"] = quiz.id
    page = sent(at.run())
    for _, q in store.attempts.questions_of(attempt):
        assert q.explanation.nl not in page and all(o.feedback.nl not in page for o in q.options)


# -- (d) the server's settings --


def test_streamlit_config_is_production_safe() -> None:
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["showErrorLinks"] is False
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableStaticServing"] is False
    assert config["server"]["runOnSave"] is False and config["server"]["allowRunOnSave"] is False
    assert config["global"]["developmentMode"] is False
    assert "mapbox" not in config and "fontFaces" not in config.get("theme", {})


# -- (e) certificates --


def test_a_tampered_pdf_does_not_verify_and_a_revoked_one_says_so(
    store: Store, content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF carries only the code: /verify/<code> shows the real name and score, so a PDF
    edited to another name (or score) disagrees with it, and an invented code is unknown."""
    from .test_certificates import passed

    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(tmp_path / "keys" / "signing.pem"))
    cert = store.certificates.issue_certificate(passed(store, content, "Echte Naam"), now=datetime.now(UTC))
    c = TestClient(Starlette(routes=web.routes(lambda: store)))
    from dataclasses import replace

    forged = replace(cert, name="Valse Naam", score=1.0)
    text = PdfReader(io.BytesIO(certificate_pdf(forged, "nl", "UTC"))).pages[0].extract_text()
    assert "Valse Naam" in text and cert.code in text  # the forger's PDF names the real code ...
    shown = c.get(f"/verify/{cert.code}?format=json").json()
    assert shown["name"] == "Echte Naam" != "Valse Naam"  # ... which says whose it really is
    invented = replace(cert, code=new_certificate_code())
    assert c.get(f"/verify/{invented.code}?format=json").json() == {"status": "unknown"}
    store.certificates.revoke_certificate(cert.code, "Fraude", now=T0 + timedelta(days=1))
    assert c.get(f"/verify/{cert.code}?format=json").json()["status"] == "revoked"
    token = certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC)))
    verdict = certificates.verify_credential(token, store.certificates.published_keys(), T0)
    assert verdict.status == "valid"  # the signature alone still holds: the online check says revoked
    assert "Ingetrokken certificaat" in c.get(f"/verify/{cert.code}").text
