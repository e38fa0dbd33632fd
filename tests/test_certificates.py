"""Certificates: the PDF read back, the signed credential checked by an independent JOSE
library, the public /verify and /issuer routes, and the command line."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import resource
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from joserfc import jwt as jose_jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from mglearn import web
from mglearn.__main__ import main
from mglearn.attempts import correct_response
from mglearn.certificates import credentials as certificates
from mglearn.certificates.pdf import certificate_pdf
from mglearn.content import Content
from mglearn.errors import UserError
from mglearn.store import CODE_ALPHABET, Store, tables
from mglearn.store.certificates import Certificates, new_certificate_code, normalize_certificate_code

AMS = "Europe/Amsterdam"  # the zone the pages pass the certificate PDF
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NAME = "Ëlla van 't Hoff-Øberg"


@pytest.fixture(autouse=True)
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keys" / "signing.pem"
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(path))
    monkeypatch.setenv("MGLEARN_PUBLIC_URL", "https://leren.example")
    return path


def passed(store: Store, content: Content, name: str = NAME) -> int:
    learner = store.learners.create_learner(name, now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=3)
    by_id = {q.id: q for _, q in content.questions()}
    for d in exam.draw:
        store.attempts.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=20))
    return exam.id


def test_codes_have_80_random_bits_and_no_confusable_characters() -> None:
    codes = {new_certificate_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        body = code.removeprefix("MC-").replace("-", "")
        assert len(body) == 16 and set(body) <= set(CODE_ALPHABET)  # 16 x 5 bits
        assert not set(body) & set("01OI")
        assert normalize_certificate_code(code.lower().replace("-", " ")) == code


def test_key_made_once_with_mode_0600(key_file: Path, store: Store) -> None:
    first = certificates.signer_for(store, now=datetime.now(UTC))
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    certificates._signer.cache_clear()
    assert certificates.signer_for(store, now=datetime.now(UTC)).kid == first.kid  # loaded, not made again
    assert "d" not in store.certificates.published_keys()[0]


def test_only_a_passed_exam_gets_a_certificate(store: Store, content: Content) -> None:
    learner = store.learners.create_learner("Zakker", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0)
    store.attempts.submit_attempt(exam.id, now=T0)
    with pytest.raises(Exception, match="exam.no_certificate"):
        store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))


def test_pdf_has_the_exact_name_code_and_replaces_unknown_glyphs(store: Store, content: Content) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    assert (
        store.certificates.issue_certificate(cert.attempt_id, now=datetime.now(UTC)).code == cert.code
    )  # made once
    text = PdfReader(io.BytesIO(certificate_pdf(cert, "nl", AMS))).pages[0].extract_text()
    assert NAME in text and cert.code in text and "100%" in text and "Magnesium: de stille kracht" in text
    odd = store.certificates.issue_certificate(
        passed(store, content, "Zoë 𐕰 Smith"), now=datetime.now(UTC)
    )  # Vithkuqi: no font has it
    odd_text = PdfReader(io.BytesIO(certificate_pdf(odd, "en", AMS))).pages[0].extract_text()
    assert "Zoë \ufffd Smith" in odd_text and "Certificate" in odd_text


# names a Dutch training group has: every one printed with real glyphs, none as U+FFFD
GROUP = [
    "Şükrü Yıldız-Çelik",
    "Łukasz Wójcik-Żółć",
    "Nguyễn Thị Hương",
    "Ольга Шевченко",
    "محمد العلوي",
    "نگار رضایی",
    "عمران ہاشمی",
    "王小明",
    "김민준",
    "ሰላም ተስፋይ",
    "Noor 😀🧕",
]


def _pdf_fonts(data: bytes) -> dict[str, dict[int, str]]:
    """Each font in the PDF's page: its name and its ToUnicode map (glyph code -> text)."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    found: dict[str, dict[int, str]] = {}
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        cmap: dict[int, str] = {}
        if "/ToUnicode" in font:
            text = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", text):
                cmap[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", "replace")
        found[str(font["/BaseFont"])] = cmap
    return found


@pytest.mark.parametrize("name", GROUP)
def test_pdf_prints_the_names_of_a_dutch_group_with_real_glyphs(
    store: Store, content: Content, name: str
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content, name), now=datetime.now(UTC))
    data = certificate_pdf(cert, "nl", AMS)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "\ufffd" not in text
    # every letter of the name is drawn from a font that maps a glyph back to it
    drawn = "".join("".join(m.values()) for m in _pdf_fonts(data).values())
    assert {ch for ch in name if not ch.isspace()} <= set(drawn)


def test_pdf_shapes_arabic_into_its_joined_forms(store: Store, content: Content) -> None:
    """Unshaped, every Arabic letter is its one isolated glyph; shaped, a letter in the middle
    of a word and at its start are different glyphs: meem (U+0645) appears as two."""
    cert = store.certificates.issue_certificate(passed(store, content, "محمد"), now=datetime.now(UTC))
    fonts = _pdf_fonts(certificate_pdf(cert, "en", AMS))
    meem = max(sum(1 for uni in cmap.values() if uni == "\u0645") for cmap in fonts.values())
    assert meem >= 2
    # an Urdu name has letters DejaVu lacks (U+06C1, U+06D2): all its letters come from one
    # font, or they could not join
    urdu = "عمران ہاشمی بے"
    cert = store.certificates.issue_certificate(passed(store, content, urdu), now=datetime.now(UTC))
    fonts = _pdf_fonts(certificate_pdf(cert, "nl", AMS))
    assert any(set(urdu) - {" "} <= set("".join(cmap.values())) for cmap in fonts.values())


def test_a_character_no_font_has_is_replaced_visibly_and_logged(
    store: Store, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content, "Ana 𐕰"), now=datetime.now(UTC))
    with caplog.at_level("WARNING", logger="mglearn.certificates"):
        data = certificate_pdf(cert, "nl", AMS)
    assert "Ana \ufffd" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    logged = [r.getMessage() for r in caplog.records]
    assert any("U+10570" in m and cert.code in m for m in logged), logged


def test_credential_verifies_with_an_independent_library(store: Store, content: Content) -> None:
    """RFC 9864's fully-specified ``Ed25519`` (not the deprecated ``EdDSA``), and a ``kid`` that
    is the address of the key's JWK: the route at that address gives the key joserfc checks with."""
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    signer = certificates.signer_for(store, now=datetime.now(UTC))
    token = certificates.sign_credential(cert, signer, "en")
    header = json.loads(certificates.base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {
        "alg": "Ed25519",
        "typ": "JWT",
        "kid": f"https://leren.example/issuer/jwks/{signer.kid}",
    }
    served = c_get(store, header["kid"].removeprefix("https://leren.example"))
    assert served.status_code == 200 and served.headers["content-type"].startswith("application/json")
    key = OKPKey.import_key(served.json())
    decoded = jose_jwt.decode(token, key, algorithms=["Ed25519"])
    vc = decoded.claims
    assert vc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["issuer"]["id"] == vc["iss"] == "did:web:leren.example"
    assert vc["id"] == vc["jti"] == f"https://leren.example/verify/{cert.code}"
    assert vc["sub"] == vc["credentialSubject"]["id"] == cert.subject_id
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", cert.subject_id)
    assert vc["validFrom"] == "2026-03-02T09:20:00Z"
    subject = vc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"]["type"] == ["Achievement"]
    assert "75%" in subject["achievement"]["criteria"]["narrative"]
    assert subject["result"][0]["value"] == "100"
    # tampered: a changed score no longer matches the signature, for both libraries
    head, payload, sig = token.split(".")
    forged = json.loads(certificates.base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged["credentialSubject"]["result"][0]["value"] = "99"
    body = certificates._b64(json.dumps(forged).encode())
    with pytest.raises(BadSignatureError):
        jose_jwt.decode(f"{head}.{body}.{sig}", key, algorithms=["Ed25519"])
    assert (
        certificates.verify_credential(f"{head}.{body}.{sig}", store.certificates.published_keys(), T0).status
        == "tampered"
    )
    assert certificates.verify_credential(token, store.certificates.published_keys(), T0).status == "valid"


def test_expired_credential(store: Store, content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGLEARN_CERTIFICATE_VALID_DAYS", "365")  # read when the exam closes
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    token = certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC)))
    keys = store.certificates.published_keys()
    assert certificates.verify_credential(token, keys, T0 + timedelta(days=364)).status == "valid"
    assert certificates.verify_credential(token, keys, T0 + timedelta(days=366)).status == "expired"


def client(store: Store) -> TestClient:
    return TestClient(Starlette(routes=web.routes(lambda: store)))


def test_verify_route_html_json_revoked_and_unknown(store: Store, content: Content) -> None:
    learner_name = "<script>alert(1)</script> Ëlla"
    cert = store.certificates.issue_certificate(passed(store, content, learner_name), now=datetime.now(UTC))
    c = client(store)
    page = c.get(f"/verify/{cert.code}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Geldig certificaat" in page.text and "&lt;script&gt;" in page.text and "<script>" not in page.text
    data = c.get(f"/verify/{cert.code.lower()}?format=json").json()
    assert data == {
        "status": "valid",
        "code": cert.code,
        "name": learner_name,
        "date": "2026-03-02",
        "score": 100,
        "module": "Magnesium: de stille kracht",
    }
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    with pytest.raises(Exception, match="certificate_unknown"):  # not her learner
        store.certificates.revoke_certificate(cert.code, "fraude", now=T0, trainer_id=tina.id)
    store.certificates.revoke_certificate(
        cert.code, "Identiteit niet vastgesteld", now=T0 + timedelta(days=2)
    )
    data = c.get(f"/verify/{cert.code}?format=json").json()
    assert data["status"] == "revoked" and data["revoked_on"] == "2026-03-04"
    assert "Ingetrokken" in c.get(f"/verify/{cert.code}").text
    assert c.get("/verify/MC-2222-2222-2222-2222?format=json").json() == {"status": "unknown"}
    assert c.get("/verify/nonsense").status_code == 404


def test_a_trainer_revokes_only_certificates_earned_while_the_learner_was_in_their_group(
    store: Store, content: Content
) -> None:
    """A learner who passed elsewhere and joins Tina's group later brings a certificate Tina did
    not oversee: only an administrator (the command line) revokes that one."""
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Klas", now=datetime.now(UTC))
    before = store.certificates.issue_certificate(
        passed(store, content, "Eerder Geslaagd"), now=datetime.now(UTC)
    )  # passed at T0
    early = store.learners.create_learner("Al Lid", now=datetime.now(UTC))
    store.groups.join_group(early.id, group.join_code, now=T0 - timedelta(days=1))
    exam = store.exams.start_exam(early.id, content, now=T0, seed=3)
    by_id = {q.id: q for _, q in content.questions()}
    for d in exam.draw:
        store.attempts.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=20))
    during = store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    store.groups.join_group(before.learner_id, group.join_code, now=T0 + timedelta(days=1))
    with pytest.raises(UserError, match="exam.revoke_before_joining"):
        store.certificates.revoke_certificate(
            before.code, "fraude", now=T0 + timedelta(days=2), trainer_id=tina.id
        )
    assert not store.certificates.certificate(before.code).revoked  # type: ignore[union-attr]
    later = T0 + timedelta(days=2)
    assert store.certificates.revoke_certificate(during.code, "fraude", now=later, trainer_id=tina.id).revoked
    assert store.certificates.revoke_certificate(before.code, "beheerder", now=T0 + timedelta(days=2)).revoked


def test_verify_says_revoked_and_when_but_never_the_trainers_reason(store: Store, content: Content) -> None:
    from streamlit.testing.v1 import AppTest

    from mglearn.content import PROJECT_ROOT

    from .test_app import texts

    reason = "Vermoeden van spieken door Jan"
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    store.certificates.revoke_certificate(cert.code, reason, now=T0 + timedelta(days=2))
    c = client(store)
    data = c.get(f"/verify/{cert.code}?format=json").json()
    assert data["status"] == "revoked" and data["revoked_on"] == "2026-03-04"
    assert reason not in json.dumps(data, ensure_ascii=False) and "reason" not in data
    for lang in ("nl", "en"):
        page = c.get(f"/verify/{cert.code}?lang={lang}").text
        assert (
            "Ingetrokken" if lang == "nl" else "Revoked"
        ) in page and "04-03-2026" in page  # as the app shows dates
        assert reason not in page and "Reden" not in page and "Reason" not in page
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("mglearn/ui/verify.py")
    at.query_params["code"] = cert.code
    at.run()
    assert not at.exception
    assert "Ingetrokken op" in texts(at) and reason not in texts(at)


def test_issuer_publishes_every_public_key(
    store: Store, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = client(store)
    profile = c.get("/issuer").json()  # a standard Open Badges Profile: no "keys" member
    assert (
        profile["type"] == ["Profile"] and profile["id"] == "did:web:leren.example" and "keys" not in profile
    )
    first = c.get("/issuer/jwks").json()
    assert len(first["keys"]) == 1 and "d" not in first["keys"][0]
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(tmp_path / "rotated.pem"))  # key rotation
    keys = c.get("/issuer/jwks").json()["keys"]
    assert len(keys) == 2 and keys[0] == first["keys"][0]
    methods = c.get("/.well-known/did.json").json()["verificationMethod"]  # both keys there too
    assert [m["type"] for m in methods] == ["Multikey", "Multikey"]


def test_cli_verify_and_revoke(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    signer = certificates.signer_for(store, now=datetime.now(UTC))
    good = tmp_path / "good.jwt"
    good.write_text(certificates.sign_credential(cert, signer))
    public = tmp_path / "issuer.json"
    public.write_text(json.dumps(certificates.jwk_set(store.certificates.published_keys())))
    assert main(["verify", str(good), "--key", str(public)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("valid") and NAME in out and cert.code in out
    bad = tmp_path / "bad.jwt"
    token = good.read_text()
    bad.write_text(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    assert main(["verify", str(bad), "--key", str(public)]) == 1
    assert capsys.readouterr().out.startswith("tampered")
    assert main(["verify", str(good)]) == 0  # the local store's published keys
    capsys.readouterr()
    assert main(["certificate", "revoke", cert.code, "--reason", "Fraude"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert store.certificates.certificate(cert.code).revoked  # type: ignore[union-attr]
    assert main(["certificate", "revoke", "MC-2222-2222-2222-2222", "--reason", "x"]) == 1


# -- the signing key file: written whole or not at all; an unreadable one breaks nothing else --


def _first_start_on_a_full_disk(path: Path) -> subprocess.CompletedProcess[str]:
    """A fresh process makes the key while no byte can be written to a file (RLIMIT_FSIZE 0,
    the kernel's EFBIG, as on a full disk)."""

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    code = "from mglearn import certificates; certificates.signer()"
    env = {**os.environ, "MGLEARN_SIGNING_KEY": str(path), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=full_disk,  # noqa: PLW1509 (a single-threaded child, set-up only)
        check=False,
    )


def test_a_full_disk_at_first_start_leaves_no_broken_key_file(key_file: Path, store: Store) -> None:
    done = _first_start_on_a_full_disk(key_file)
    assert done.returncode != 0
    assert not key_file.exists(), "a cut-off signing key was left behind"
    assert list(key_file.parent.iterdir()) == []  # no temporary file either
    made = certificates.signer_for(store, now=datetime.now(UTC))  # the next start makes a good key
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    certificates._signer.cache_clear()
    assert certificates.signer_for(store, now=datetime.now(UTC)).kid == made.kid


def test_servers_starting_at_once_share_one_key(key_file: Path) -> None:
    code = "from mglearn import certificates; print(certificates.signer().kid)"
    env = {**os.environ, "MGLEARN_SIGNING_KEY": str(key_file)}
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    kids = {p.communicate(timeout=120)[0].strip() for p in procs}
    assert len(kids) == 1 and all(p.returncode == 0 for p in procs)
    assert [f.name for f in key_file.parent.iterdir()] == [key_file.name]  # no temporary file left


def test_an_empty_key_file_left_by_a_kill_is_replaced(key_file: Path, store: Store) -> None:
    key_file.parent.mkdir(parents=True)
    key_file.write_bytes(b"")  # killed right after the file was made
    made = certificates.signer_for(store, now=datetime.now(UTC))
    assert key_file.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert store.certificates.published_keys()[0]["kid"] == made.kid
    assert c_get(store, "/issuer/jwks").json()["keys"][0]["kid"] == made.kid


def test_servers_starting_at_once_on_an_empty_key_file_sign_with_the_key_on_disk(key_file: Path) -> None:
    key_file.parent.mkdir(parents=True)
    key_file.write_bytes(b"")  # a start killed right after the file was made
    code = (
        "import sys; from mglearn import certificates; print('ready', flush=True); sys.stdin.readline(); "
        "print(certificates.signer().kid)"
    )
    env = {**os.environ, "MGLEARN_SIGNING_KEY": str(key_file)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    for p in procs:  # all imported: now let them read the empty file at once
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    kids = [p.communicate(timeout=120)[0].strip() for p in procs]
    certificates._signer.cache_clear()
    assert set(kids) == {certificates.signer().kid} and all(p.returncode == 0 for p in procs)
    assert [f.name for f in key_file.parent.iterdir()] == [key_file.name]  # no temporary file left


def test_the_pdf_prints_the_day_in_the_zone_its_caller_gives(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF reads no setting: the page passes the zone (23:30 UTC on the 2nd is still the
    2nd in New York, whatever MGLEARN_TIMEZONE says)."""
    monkeypatch.setenv("MGLEARN_TIMEZONE", "Europe/Amsterdam")
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    late = dataclasses.replace(cert, issued_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    pdf = certificate_pdf(late, "en", "America/New_York")
    assert "Awarded on 2 March 2026" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def c_get(store: Store, path: str) -> Any:
    return client(store).get(path)


def test_an_unreadable_key_gives_one_clear_message_and_the_learner_pages_work(
    key_file: Path,
    store: Store,
    content: Content,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content, "Kandidaat"), now=datetime.now(UTC))
    good = tmp_path / "good.jwt"
    good.write_text(certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC))))
    published = store.certificates.published_keys()
    key_file.write_text("this is not a key\n")  # damaged on the disk
    certificates._signer.cache_clear()
    certificates._PUBLISHED.clear()
    caplog.clear()
    # the issuer still publishes every key that ever signed
    issuer = c_get(store, "/issuer/jwks")
    assert issuer.status_code == 200 and issuer.json()["keys"] == published
    # the learner pages work; the exam result shows the score, the PDF and one clear message
    learner = store.learners.learner_by_code(
        store.learners.learner(store.attempts.attempt(cert.attempt_id).learner_id).code, now=datetime.now(UTC)
    )
    assert learner is not None
    at = AppTest.from_file(str(certificates.PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["learner"] = learner.code
    at.run()
    assert not at.exception
    at.switch_page("mglearn/ui/overview.py").run()
    assert not at.exception and at.title
    at.query_params["exam"] = str(cert.attempt_id)
    at.switch_page("mglearn/ui/exam.py").run()
    assert not at.exception
    shown = "\n".join(str(e.value) for e in [*at.warning, *at.success, *at.markdown])
    assert "Geslaagd!" in shown and cert.code in shown
    assert "kan nu niet worden ondertekend" in shown
    # the command line checks against the published keys and says what is wrong
    assert main(["verify", str(good)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("valid") and "Traceback" not in err
    assert str(key_file) in err and "cannot be read" in err
    told = [r.getMessage() for r in caplog.records if str(key_file) in r.getMessage()]
    assert len(told) == 1 and "cannot be read (not a PEM private key)" in told[0]  # logged once
    assert not any(r.exc_info for r in caplog.records)


# -- mglearn verify: any file, any issuer's answer, one clear line; the issuer is checked --


@contextmanager
def issuer_site(answers: dict[str, tuple[int, bytes]]) -> Iterator[str]:
    """A local web site answering each path (query left off) with a fixed status and body."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            status, body = answers.get(self.path.split("?")[0], (404, b'{"status": "unknown"}'))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def verify_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["verify", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_verify_a_binary_or_other_file_says_it_is_not_a_credential(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    certificates.signer_for(store, now=datetime.now(UTC))
    for name, data in (
        ("photo.jpg", bytes(range(256)) * 4),
        ("notes.txt", b"hello, this is my certificate\n"),
    ):
        file = tmp_path / name
        file.write_bytes(data)
        code, said = verify_cli(capsys, str(file))
        assert code == 1 and said.startswith("not a credential") and "tampered" not in said


def test_a_line_break_in_a_genuine_credential_changes_nothing(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    token = certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC)))
    wrapped = tmp_path / "mailed.jwt"
    wrapped.write_text("\r\n".join(token[i : i + 76] for i in range(0, len(token), 76)) + "\n")
    code, said = verify_cli(capsys, str(wrapped))
    assert code == 0 and said.startswith("valid")
    assert "issuer: did:web:leren.example (mglearn)" in said and "status: valid" in said  # issuer, status


def test_a_credential_without_its_key_id_is_tampered(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    token = certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC)))
    _, payload, sig = token.split(".")
    head = certificates._b64(json.dumps({"alg": "EdDSA", "typ": "JWT"}).encode())
    file = tmp_path / "nokid.jwt"
    file.write_text(f"{head}.{payload}.{sig}")
    code, said = verify_cli(capsys, str(file))
    assert code == 1 and said.startswith("tampered")


def test_without_issuer_the_issuers_own_machine_sees_a_revocation(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    file = tmp_path / "c.jwt"
    file.write_text(certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC))))
    store.certificates.revoke_certificate(cert.code, "Fraude", now=T0 + timedelta(days=1))
    code, said = verify_cli(capsys, str(file))
    assert code == 1 and said.startswith("revoked") and "Fraude" in said and "2026-03-03" in said


def test_verify_checks_the_issuer_named_in_the_credential(
    store: Store,
    content: Content,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A forger signs a credential naming leren.example with their own site's key: checked
    against their site it must not read "valid"."""
    signer = certificates.signer_for(store, now=datetime.now(UTC))
    profile = json.dumps(certificates.jwk_set(store.certificates.published_keys())).encode()
    forged = store.certificates.issue_certificate(passed(store, content, "Nep"), now=datetime.now(UTC))
    file = tmp_path / "forged.jwt"
    file.write_text(certificates.sign_credential(forged, signer))  # names https://leren.example/issuer
    forger = {"/issuer/jwks": (200, profile), f"/verify/{forged.code}": (200, b'{"status": "valid"}')}
    with issuer_site(forger) as other:
        code, said = verify_cli(capsys, str(file), "--issuer", other)
    assert code == 1 and said.startswith("other issuer")
    assert "did:web:leren.example" in said and f"{other}/issuer" in said
    genuine = store.certificates.issue_certificate(passed(store, content, "Echt"), now=datetime.now(UTC))
    answers = {"/issuer/jwks": (200, profile), f"/verify/{genuine.code}": (200, b'{"status": "valid"}')}
    with issuer_site(answers) as site:
        monkeypatch.setenv("MGLEARN_PUBLIC_URL", site)
        file.write_text(certificates.sign_credential(genuine, signer))
        code, said = verify_cli(capsys, str(file), "--issuer", site)
        did = "did:web:" + site.removeprefix("http://").replace(":", "%3A")
        assert code == 0 and said.startswith("valid") and f"issuer: {did}" in said


HOSTILE_ANSWERS = {
    "a list": b"[1, 2, 3]",
    "keys that are not objects": b'{"keys": ["x", 5, null, {"kty": "OKP", "crv": "Ed25519", "x": 7}]}',
    "deep nesting": b'{"keys": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "no JSON": bytes(range(256)),
    "a number": b"1e999999",
}


@pytest.mark.parametrize("kind", list(HOSTILE_ANSWERS))
def test_a_hostile_issuer_or_key_file_gets_a_clear_line(
    kind: str, store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    file = tmp_path / "c.jwt"
    file.write_text(certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC))))
    body = HOSTILE_ANSWERS[kind]
    with issuer_site({"/issuer": (200, body), f"/verify/{cert.code}": (200, body)}) as site:
        code, said = verify_cli(capsys, str(file), "--issuer", site)
    assert code == 1 and len(said.splitlines()) <= 2 and "valid" not in said.split(":")[0]
    key = tmp_path / "key.json"
    key.write_bytes(body)
    code, said = verify_cli(capsys, str(file), "--key", str(key))
    assert code == 1 and len(said.splitlines()) <= 2 and str(key) in said


def test_a_damaged_pem_key_file_gets_a_clear_line(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    file = tmp_path / "c.jwt"
    file.write_text(certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC))))
    key = tmp_path / "key.pem"
    key.write_text("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n")
    code, said = verify_cli(capsys, str(file), "--key", str(key))
    assert code == 1 and str(key) in said and len(said.splitlines()) == 1


def test_an_unreachable_issuer_is_said_plainly(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    file = tmp_path / "c.jwt"
    file.write_text(certificates.sign_credential(cert, certificates.signer_for(store, now=datetime.now(UTC))))
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    code, said = verify_cli(capsys, str(file), "--issuer", f"http://127.0.0.1:{port}")
    assert code == 1 and f"Cannot reach http://127.0.0.1:{port}/issuer" in said
    assert "urlopen" not in said and "Errno" not in said and "--key" in said


def test_revoking_twice_says_it_was_revoked_already(
    store: Store, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    assert main(["certificate", "revoke", cert.code, "--reason", "Fraude"]) == 0
    capsys.readouterr()
    assert main(["certificate", "revoke", cert.code, "--reason", "Typfout in de naam"]) == 1
    err = capsys.readouterr().err
    assert "already revoked" in err and "Fraude" in err and "nothing changed" in err.lower()
    assert store.certificates.certificate(cert.code).revoked_reason == "Fraude"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["check"],
        ["export", "gift"],
        ["export", "moodle-xml"],
        ["trainer", "add"],
        ["verify"],
        ["certificate", "revoke"],
        ["db", "restore"],
    ],
)
def test_help_is_plain_text(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: mglearn") and "`" not in out


def test_an_english_certificate_links_to_the_english_verify_page(store: Store, content: Content) -> None:
    """Found in the browser: an English certificate's QR code and link opened a Dutch page
    naming the Dutch title. The link carries the language; the page speaks it."""
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    text = PdfReader(io.BytesIO(certificate_pdf(cert, "en", AMS))).pages[0].extract_text()
    link = f"https://leren.example/verify/{cert.code}?lang=en"
    assert link in text
    page = client(store).get(link.removeprefix("https://leren.example"))
    assert '<html lang="en">' in page.text and "Valid certificate" in page.text
    assert "Magnesium: the quiet force" in page.text and "stille kracht" not in page.text
    dutch = PdfReader(io.BytesIO(certificate_pdf(cert, "nl", AMS))).pages[0].extract_text()
    assert f"https://leren.example/verify/{cert.code}?lang=nl" in dutch


@pytest.mark.parametrize(
    ("header", "query", "lang"),
    [
        ("en-GB,en;q=0.9,nl;q=0.5", "", "en"),
        ("de-DE,de;q=0.9,en;q=0.4", "", "en"),
        ("nl-BE,en;q=0.8", "", "nl"),
        ("en;q=0.2,nl;q=0.9", "", "nl"),
        ("fr-FR", "", "nl"),
        ("en;q=0", "", "nl"),
        ("en-US", "?lang=nl", "nl"),
        ("nl", "?lang=en", "en"),
        ("garbage;;q=x,,", "", "nl"),
    ],
)
def test_verify_page_honours_the_language_asked_then_accept_language(
    store: Store, content: Content, header: str, query: str, lang: str
) -> None:
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    page = client(store).get(f"/verify/{cert.code}{query}", headers={"Accept-Language": header})
    assert f'<html lang="{lang}">' in page.text
    assert ("Valid certificate" if lang == "en" else "Geldig certificaat") in page.text
    assert page.headers["Content-Language"] == lang and "Accept-Language" in page.headers["Vary"]


def test_verify_page_shows_dates_as_the_app_does_and_links_back_to_the_app(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_TIMEZONE", "Europe/Amsterdam")
    cert = store.certificates.issue_certificate(passed(store, content), now=datetime.now(UTC))
    store.certificates.revoke_certificate(
        cert.code, "Niet vastgesteld", now=datetime(2026, 3, 4, 23, 30, tzinfo=UTC)
    )
    page = client(store).get(f"/verify/{cert.code}?lang=en").text
    assert "02-03-2026" in page and "2026-03-02" not in page
    assert "05-03-2026" in page  # revoked at 23:30 UTC: already the 5th in Amsterdam
    assert '<a href="../?lang=en">' in page  # the app, in the page's language (relative: any prefix)
    assert f'<a href="{cert.code}?lang=nl" hreflang="nl" lang="nl">Nederlands</a>' in page
    # the PDF says the same day as the page: late on the 2nd in UTC is the 3rd in Amsterdam
    late = dataclasses.replace(cert, issued_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    text = PdfReader(io.BytesIO(certificate_pdf(late, "en", AMS))).pages[0].extract_text()
    assert "Awarded on 3 March 2026" in text
    # the JSON for programs keeps ISO dates
    data = client(store).get(f"/verify/{cert.code}?format=json").json()
    assert data["date"] == "2026-03-02" and data["revoked_on"] == "2026-03-04"


def test_a_passed_exam_has_its_certificate_right_after_submit(store: Store, content: Content) -> None:
    """Issued in the submit's transaction: no page has rendered, no one asked for it."""
    attempt_id = passed(store, content)
    cert = store.certificates.certificate_for(attempt_id)
    assert cert is not None and cert.name == NAME
    assert cert.issued_at == store.attempts.attempt(attempt_id).submitted_at
    assert (
        store.certificates.issue_certificate(attempt_id, now=datetime.now(UTC)) == cert
    )  # the same one on every later call
    assert store.certificates.certificates_of([cert.learner_id]) == [cert]


def test_an_overdue_passed_exam_gets_its_certificate_when_it_closes(store: Store, content: Content) -> None:
    learner = store.learners.create_learner(NAME, now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=3)
    by_id = {q.id: q for _, q in content.questions()}
    for d in exam.draw:
        store.attempts.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    assert store.certificates.certificate_for(exam.id) is None  # still running
    assert store.exams.sweep_exams(now=T0 + timedelta(days=1)) == 1
    cert = store.certificates.certificate_for(exam.id)
    assert cert is not None and cert.issued_at == exam.deadline_at


def test_start_up_issues_the_certificate_of_an_exam_passed_before_close_issued_it(
    store: Store, content: Content
) -> None:
    attempt_id = passed(store, content)
    with store.db.write() as conn:  # as a store from before this rule holds it
        conn.execute(sa.delete(tables.certificates))
    assert store.certificates.certificate_for(attempt_id) is None
    store.exams.sweep_exams(now=T0 + timedelta(days=1))
    cert = store.certificates.certificate_for(attempt_id)
    assert cert is not None and cert.issued_at == store.attempts.attempt(attempt_id).submitted_at
    store.exams.sweep_exams(now=T0 + timedelta(days=2))
    assert store.certificates.certificates_of([cert.learner_id]) == [cert]  # once


def test_the_result_page_only_reads_the_certificate(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No write on a read: the certificate shown is the one the submit issued."""
    attempt_id = passed(store, content, "Kandidaat")
    cert = store.certificates.certificate_for(attempt_id)
    assert cert is not None

    def no_issue(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a page view issued a certificate")

    monkeypatch.setattr(Certificates, "issue_certificate", no_issue)
    learner = store.learners.learner(store.attempts.attempt(attempt_id).learner_id)
    at = AppTest.from_file(str(certificates.PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["learner"] = learner.code
    at.run()
    at.query_params["exam"] = str(attempt_id)
    at.switch_page("mglearn/ui/exam.py").run()
    assert not at.exception
    shown = "\n".join(str(e.value) for e in [*at.success, *at.markdown])
    assert "Geslaagd!" in shown and cert.code in shown
    assert store.certificates.certificates_of([learner.id]) == [cert]
