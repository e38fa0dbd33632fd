"""Certificates: the PDF read back, the signed credential checked by an independent JOSE
library, the public /verify and /issuer routes, and the command line."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from joserfc import jwt as jose_jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mglearn import certificates, web
from mglearn.__main__ import main
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.errors import UserError
from mglearn.store import CODE_ALPHABET, Store
from mglearn.store.exams import new_certificate_code, normalize_certificate_code

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NAME = "Ëlla van 't Hoff-Øberg"


@pytest.fixture(autouse=True)
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keys" / "signing.pem"
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(path))
    monkeypatch.setenv("MGLEARN_PUBLIC_URL", "https://leren.example")
    return path


def passed(store: Store, content: Content, name: str = NAME) -> int:
    learner = store.create_learner(name)
    exam = store.start_exam(learner.id, content, now=T0, seed=3)
    by_id = {q.id: q for _, q in content.questions()}
    for d in exam.draw:
        store.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    store.submit_attempt(exam.id, now=T0 + timedelta(minutes=20))
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
    first = certificates.signer_for(store)
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    certificates._signer.cache_clear()
    assert certificates.signer_for(store).kid == first.kid  # loaded, not made again
    assert "d" not in store.published_keys()[0]


def test_only_a_passed_exam_gets_a_certificate(store: Store, content: Content) -> None:
    learner = store.create_learner("Zakker")
    exam = store.start_exam(learner.id, content, now=T0)
    store.submit_attempt(exam.id, now=T0)
    with pytest.raises(Exception, match="exam.no_certificate"):
        store.issue_certificate(exam.id)


def test_pdf_has_the_exact_name_code_and_replaces_unknown_glyphs(store: Store, content: Content) -> None:
    cert = store.issue_certificate(passed(store, content))
    assert store.issue_certificate(cert.attempt_id).code == cert.code  # made once
    text = PdfReader(io.BytesIO(certificates.certificate_pdf(cert, "nl"))).pages[0].extract_text()
    assert NAME in text and cert.code in text and "100%" in text and "Magnesium: de stille kracht" in text
    odd = store.issue_certificate(passed(store, content, "Zoë 𓀀 Smith"))
    odd_text = PdfReader(io.BytesIO(certificates.certificate_pdf(odd, "en"))).pages[0].extract_text()
    assert "Zoë \ufffd Smith" in odd_text and "Certificate" in odd_text


@pytest.mark.filterwarnings("ignore:EdDSA is deprecated")  # RFC 9864; OB 3.0 names EdDSA
def test_credential_verifies_with_an_independent_library(store: Store, content: Content) -> None:
    cert = store.issue_certificate(passed(store, content))
    signer = certificates.signer_for(store)
    token = certificates.sign_credential(cert, signer, "en")
    key = OKPKey.import_key({k: v for k, v in store.published_keys()[0].items() if k in ("kty", "crv", "x")})
    decoded = jose_jwt.decode(token, key, algorithms=["EdDSA"])
    assert decoded.header == {"alg": "EdDSA", "typ": "JWT", "kid": signer.kid}
    vc = decoded.claims
    assert vc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["issuer"]["id"] == vc["iss"] == "https://leren.example/issuer"
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
        jose_jwt.decode(f"{head}.{body}.{sig}", key, algorithms=["EdDSA"])
    assert (
        certificates.verify_credential(f"{head}.{body}.{sig}", store.published_keys(), T0).status
        == "tampered"
    )
    assert certificates.verify_credential(token, store.published_keys(), T0).status == "valid"


def test_expired_credential(store: Store, content: Content) -> None:
    cert = store.issue_certificate(passed(store, content), valid_days=365)
    token = certificates.sign_credential(cert, certificates.signer_for(store))
    keys = store.published_keys()
    assert certificates.verify_credential(token, keys, T0 + timedelta(days=364)).status == "valid"
    assert certificates.verify_credential(token, keys, T0 + timedelta(days=366)).status == "expired"


def client(store: Store) -> TestClient:
    return TestClient(Starlette(routes=web.routes(lambda: store)))


def test_verify_route_html_json_revoked_and_unknown(store: Store, content: Content) -> None:
    learner_name = "<script>alert(1)</script> Ëlla"
    cert = store.issue_certificate(passed(store, content, learner_name))
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
    tina = store.add_trainer("Tina", "correct horse")
    with pytest.raises(Exception, match="certificate_unknown"):  # not her learner
        store.revoke_certificate(cert.code, "fraude", now=T0, trainer_id=tina.id)
    store.revoke_certificate(cert.code, "Identiteit niet vastgesteld", now=T0 + timedelta(days=2))
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
    tina = store.add_trainer("Tina", "correct horse")
    group = store.create_group(tina.id, "Klas")
    before = store.issue_certificate(passed(store, content, "Eerder Geslaagd"))  # passed at T0
    early = store.create_learner("Al Lid")
    store.join_group(early.id, group.join_code, now=T0 - timedelta(days=1))
    exam = store.start_exam(early.id, content, now=T0, seed=3)
    by_id = {q.id: q for _, q in content.questions()}
    for d in exam.draw:
        store.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    store.submit_attempt(exam.id, now=T0 + timedelta(minutes=20))
    during = store.issue_certificate(exam.id)
    store.join_group(before.learner_id, group.join_code, now=T0 + timedelta(days=1))
    with pytest.raises(UserError, match="exam.revoke_before_joining"):
        store.revoke_certificate(before.code, "fraude", now=T0 + timedelta(days=2), trainer_id=tina.id)
    assert not store.certificate(before.code).revoked  # type: ignore[union-attr]
    later = T0 + timedelta(days=2)
    assert store.revoke_certificate(during.code, "fraude", now=later, trainer_id=tina.id).revoked
    assert store.revoke_certificate(before.code, "beheerder", now=T0 + timedelta(days=2)).revoked


def test_verify_says_revoked_and_when_but_never_the_trainers_reason(store: Store, content: Content) -> None:
    from streamlit.testing.v1 import AppTest

    from mglearn.content import PROJECT_ROOT

    from .test_app import texts

    reason = "Vermoeden van spieken door Jan"
    cert = store.issue_certificate(passed(store, content))
    store.revoke_certificate(cert.code, reason, now=T0 + timedelta(days=2))
    c = client(store)
    data = c.get(f"/verify/{cert.code}?format=json").json()
    assert data["status"] == "revoked" and data["revoked_on"] == "2026-03-04"
    assert reason not in json.dumps(data, ensure_ascii=False) and "reason" not in data
    for lang in ("nl", "en"):
        page = c.get(f"/verify/{cert.code}?lang={lang}").text
        assert ("Ingetrokken" if lang == "nl" else "Revoked") in page and "2026-03-04" in page
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
    first = c.get("/issuer").json()
    assert first["type"] == ["Profile"] and len(first["keys"]) == 1 and "d" not in first["keys"][0]
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(tmp_path / "rotated.pem"))  # key rotation
    keys = c.get("/issuer").json()["keys"]
    assert len(keys) == 2 and keys[0] == first["keys"][0]


def test_cli_verify_and_revoke(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = store.issue_certificate(passed(store, content))
    signer = certificates.signer_for(store)
    good = tmp_path / "good.jwt"
    good.write_text(certificates.sign_credential(cert, signer))
    public = tmp_path / "issuer.json"
    public.write_text(json.dumps(certificates.issuer_profile(store.published_keys())))
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
    assert store.certificate(cert.code).revoked  # type: ignore[union-attr]
    assert main(["certificate", "revoke", "MC-2222-2222-2222-2222", "--reason", "x"]) == 1
