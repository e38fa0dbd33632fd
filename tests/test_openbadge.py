"""The credential with an embedded eddsa-rdfc-2022 proof, its did:web issuer and its
revocation status list: issued from the store, served by the routes, checked by
``mglearn verify``, and validated against 1EdTech's published Open Badges 3.0
AchievementCredential JSON Schema with the ``jsonschema`` package (tests/fixtures/ob-schema,
from 1EdTech/openbadges-specification). The Digital Credentials Consortium's verifier checks
the same credentials in tests/test_openbadge_verifier.py."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import sqlalchemy as sa

from mglearn.__main__ import main
from mglearn.certificates import baking, credentials, did, openbadge, statuslist
from mglearn.content import Content
from mglearn.store import Store, tables

from .test_certificates import T0, c_get, passed

SCHEMA = Path(__file__).parent / "fixtures" / "ob-schema" / "achievementcredential.json"


@pytest.fixture(autouse=True)
def setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(tmp_path / "keys" / "signing.pem"))
    monkeypatch.setenv("MGLEARN_PUBLIC_URL", "https://leren.example")


def issued(store: Store, content: Content, name: str = "Ann de Vries") -> tuple[Any, dict[str, Any]]:
    cert = store.certificates.issue_certificate(passed(store, content, name), now=T0)
    sign = credentials.signer_for(store, now=T0)
    return cert, openbadge.issue_for(store, cert, sign, T0 + timedelta(hours=1), "en")


def local_check(store: Store, doc: dict[str, Any], now: datetime) -> str:
    sign = credentials.signer_for(store, now=now)
    return openbadge.verify(
        doc,
        lambda _: openbadge.did_doc(store.certificates.published_keys()),
        lambda _: openbadge.status_list(store, sign),
        now,
    ).status


def test_did_web_names_host_port_and_path() -> None:
    assert did.did_web("https://leren.example") == "did:web:leren.example"
    assert did.did_web("http://localhost:8501") == "did:web:localhost%3A8501"
    assert did.did_web("https://school.example/mg/leren") == "did:web:school.example:mg:leren"
    assert did.did_document_url("did:web:localhost%3A8501") == "https://localhost:8501/.well-known/did.json"
    assert did.did_document_url("did:web:school.example:mg") == "https://school.example/mg/did.json"


def test_the_credential_carries_a_proof_a_status_entry_and_the_did_issuer(
    store: Store, content: Content
) -> None:
    cert, doc = issued(store, content)
    assert doc["issuer"]["id"] == "did:web:leren.example"
    [proof] = doc["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "assertionMethod" and proof["proofValue"].startswith("z")
    assert proof["verificationMethod"].startswith("did:web:leren.example#z6Mk")
    status = doc["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["statusListCredential"] == "https://leren.example/status/revocation"
    assert status["statusListIndex"] == str(store.status_list.status_index(cert.code))
    other_cert, other = issued(store, content, "Bob")  # every certificate its own place
    assert other["credentialStatus"]["statusListIndex"] != status["statusListIndex"]
    # a re-issue: the same code and place, a new proof
    again = openbadge.issue_for(
        store, cert, credentials.signer_for(store, now=T0), T0 + timedelta(days=30), "en"
    )
    assert again["id"] == doc["id"] and again["credentialStatus"] == status
    assert again["proof"][0]["created"] != proof["created"]


def test_it_validates_against_1edtechs_json_schema(store: Store, content: Content) -> None:
    schema = json.loads(SCHEMA.read_text())
    _, doc = issued(store, content)
    jsonschema.Draft201909Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
    broken = copy.deepcopy(doc)
    del broken["credentialSubject"]["achievement"]["criteria"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft201909Validator(schema).validate(broken)


def test_valid_tampered_revoked_and_expired(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_CERTIFICATE_VALID_DAYS", "365")
    cert, doc = issued(store, content)
    assert cert.valid_until is not None
    assert local_check(store, doc, T0) == "valid"
    tampered = copy.deepcopy(doc)
    tampered["credentialSubject"]["result"][0]["value"] = "99"
    assert local_check(store, tampered, T0) == "tampered"
    moved = copy.deepcopy(doc)  # the status entry moved to another (unrevoked) place
    moved["credentialStatus"]["statusListIndex"] = "99"
    assert local_check(store, moved, T0) == "tampered"
    assert local_check(store, doc, cert.valid_until + timedelta(days=1)) == "expired"
    store.certificates.revoke_certificate(cert.code, "Fraude bij het examen", now=T0 + timedelta(days=1))
    assert local_check(store, doc, T0 + timedelta(days=2)) == "revoked"


def test_routes_serve_json_documents(store: Store, content: Content) -> None:
    cert, doc = issued(store, content)
    did_doc = c_get(store, "/.well-known/did.json")
    assert did_doc.status_code == 200 and did_doc.headers["access-control-allow-origin"] == "*"
    found = did_doc.json()
    assert (
        found["id"] == "did:web:leren.example"
        and doc["proof"][0]["verificationMethod"] in found["assertionMethod"]
    )
    method = found["verificationMethod"][0]
    assert method["type"] == "Multikey" and method["publicKeyMultibase"].startswith("z6Mk")
    achievement = c_get(store, "/achievement/magnesium-exam").json()
    assert achievement["id"] == doc["credentialSubject"]["achievement"]["id"]
    assert achievement["type"] == ["Achievement"]
    store.certificates.revoke_certificate(cert.code, "Fraude bij het examen", now=T0 + timedelta(days=1))
    listed = c_get(store, "/status/revocation").json()
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listed["issuer"] == "did:web:leren.example" and listed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    bits = statuslist.decode(listed["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == 131_072 and listed["credentialSubject"]["encodedList"].startswith("u")
    index = int(doc["credentialStatus"]["statusListIndex"])
    assert statuslist.is_set(bits, index) and sum(bin(b).count("1") for b in bits) == 1
    assert "Fraude" not in json.dumps(listed)  # never the trainer's words


def test_mglearn_verify_prints_issuer_and_status(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert, doc = issued(store, content)
    file = tmp_path / "credential.json"
    file.write_text(json.dumps(doc))
    assert main(["verify", str(file)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("valid") and "issuer: did:web:leren.example (mglearn)" in said
    assert "status: valid" in said and cert.code in said
    png = tmp_path / "badge.png"  # the baked badge checks the same
    png.write_bytes(baking.bake(baking.BADGE.read_bytes(), json.dumps(doc)))
    assert main(["verify", str(png)]) == 0
    assert "status: valid" in capsys.readouterr().out
    store.certificates.revoke_certificate(cert.code, "Fraude", now=T0 + timedelta(days=1))
    assert main(["verify", str(file)]) == 1
    said = capsys.readouterr().out
    assert said.startswith("revoked") and "status: revoked" in said
    tampered = copy.deepcopy(doc)
    tampered["credentialSubject"]["name"] = "Someone Else"
    file.write_text(json.dumps(tampered))
    assert main(["verify", str(file)]) == 1
    assert capsys.readouterr().out.startswith("tampered")


def test_baking_round_trips_and_replaces(store: Store, content: Content) -> None:
    _, doc = issued(store, content)
    text = json.dumps(doc)
    baked = baking.bake(baking.BADGE.read_bytes(), text)
    assert baking.unbake(baked) == text
    assert baking.unbake(baking.bake(baked, "{}")) == "{}"  # one chunk, the new one
    assert baking.unbake(baking.BADGE.read_bytes()) is None
    from PIL import Image  # still an image a viewer opens

    with Image.open(__import__("io").BytesIO(baked)) as img:
        img.load()
        assert img.size == (256, 256) and json.loads(img.text["openbadgecredential"]) == doc


def test_the_result_page_offers_the_credential_badge_jwt_and_linkedin(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from streamlit.testing.v1 import AppTest

    from mglearn.content import PROJECT_ROOT

    monkeypatch.setenv("MGLEARN_CERTIFICATE_VALID_DAYS", "365")
    attempt_id = passed(store, content, "Kandidaat")
    cert = store.certificates.certificate_for(attempt_id)
    assert cert is not None and cert.valid_until is not None
    learner = store.learners.learner(store.attempts.attempt(attempt_id).learner_id)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["learner"] = learner.code
    at.query_params["lang"] = "en"
    at.run()
    at.query_params["exam"] = str(attempt_id)
    at.switch_page("mglearn/ui/exam.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert {"Digital credential (Open Badge)", "Badge with credential (PNG)", "Credential as JWT"} <= set(
        labels
    )
    (linkedin,) = [b for b in at.get("link_button") if b.proto.label == "Add to LinkedIn"]
    address = urlsplit(linkedin.proto.url)
    assert f"{address.scheme}://{address.netloc}{address.path}" == "https://www.linkedin.com/profile/add"
    fields = {k: v[0] for k, v in parse_qs(address.query).items()}
    assert fields == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Magnesium: the quiet force",
        "organizationName": "mglearn",
        "issueYear": str(cert.issued_at.year),
        "issueMonth": str(cert.issued_at.month),
        "expirationYear": str(cert.valid_until.year),
        "expirationMonth": str(cert.valid_until.month),
        "certUrl": f"https://leren.example/verify/{cert.code}",
        "certId": cert.code,
    }
    with store.db.read() as conn:  # the page gave no status list place: only a download does
        row = conn.execute(
            sa.select(tables.certificates).where(tables.certificates.c.code == cert.code)
        ).one()
    assert row.status_index is None


def test_an_old_jwt_keeps_verifying_and_shows_its_revocation(
    store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A credential signed before did:web: alg EdDSA, a bare thumbprint kid, issuer <site>/issuer."""
    import jwt

    cert = store.certificates.issue_certificate(passed(store, content), now=T0)
    sign = credentials.signer_for(store, now=T0)
    claims = {
        **credentials.credential(cert, "nl"),
        "iss": "https://leren.example/issuer",
        "sub": cert.subject_id,
        "jti": credentials.verify_url(cert.code),
        "nbf": int(cert.issued_at.timestamp()),
    }
    claims["issuer"]["id"] = "https://leren.example/issuer"
    old = jwt.encode(claims, sign.key, algorithm="EdDSA", headers={"kid": sign.kid, "typ": "JWT"})
    file = tmp_path / "old.jwt"
    file.write_text(old)
    assert main(["verify", str(file)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("valid") and "issuer: https://leren.example/issuer" in said
    store.certificates.revoke_certificate(cert.code, "Fraude", now=T0 + timedelta(days=1))
    assert main(["verify", str(file)]) == 1
    said = capsys.readouterr().out
    assert said.startswith("revoked on 2026-03-03") and "status: revoked" in said
    assert c_get(store, f"/verify/{cert.code}?format=json").json()["status"] == "revoked"


def test_mglearn_verify_against_the_issuers_site_sees_the_revocation(
    store: Store,
    content: Content,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``--issuer``: the DID document and the status list come from that site (here a stand-in
    serving what our routes serve); a revocation by ``mglearn certificate revoke`` shows."""
    from .test_certificates import issuer_site

    answers: dict[str, tuple[int, bytes]] = {}
    with issuer_site(answers) as site:
        monkeypatch.setenv("MGLEARN_PUBLIC_URL", site)
        cert, doc = issued(store, content)
        file = tmp_path / "credential.json"
        file.write_text(json.dumps(doc))

        def publish() -> None:
            for path in ("/.well-known/did.json", "/status/revocation"):
                answers[path] = (200, c_get(store, path).content)

        publish()
        assert main(["verify", str(file), "--issuer", site]) == 0
        said = capsys.readouterr().out
        assert said.startswith("valid") and f"issuer: {did.did_web(site)} (mglearn)" in said
        assert main(["certificate", "revoke", cert.code, "--reason", "Fraude"]) == 0
        capsys.readouterr()
        publish()
        assert main(["verify", str(file), "--issuer", site]) == 1
        said = capsys.readouterr().out
        assert said.startswith("revoked") and "status: revoked" in said
        with issuer_site(dict(answers)) as other:  # another site: not this credential's issuer
            assert main(["verify", str(file), "--issuer", other]) == 1
            assert capsys.readouterr().out.startswith("other issuer")


HOSTILE_DOCUMENTS = {
    "proof not an object": {"proof": ["x", 5]},
    "no issuer": {"proof": {"verificationMethod": "did:web:x#z6Mk"}},
    "issuer a number": {"issuer": 5, "proof": {"verificationMethod": 7}},
    "unknown context": {"@context": ["https://example.com/ctx"], "issuer": "did:web:leren.example"},
    "status index not a number": {
        "credentialStatus": {"type": "BitstringStatusListEntry", "statusListIndex": "x"}
    },
}


@pytest.mark.parametrize("kind", list(HOSTILE_DOCUMENTS))
def test_a_hostile_json_credential_gets_a_clear_verdict(
    kind: str, store: Store, content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, doc = issued(store, content)
    hostile = {**doc, **HOSTILE_DOCUMENTS[kind]}
    if kind.startswith("status"):
        hostile["credentialStatus"] = {**doc["credentialStatus"], **hostile["credentialStatus"]}
    file = tmp_path / "c.json"
    file.write_text(json.dumps(hostile))
    bad_site = {"/.well-known/did.json": (200, b'{"verificationMethod": 5, "assertionMethod": 7}')}
    from .test_certificates import issuer_site

    with issuer_site(bad_site) as site:
        for args in ([], ["--issuer", site], ["--key", str(tmp_path / "none.pem")]):
            try:
                code = main(["verify", str(file), *args])
            except SystemExit as stop:  # the command's own one-line error
                code = int(stop.code or 1)
            out, err = capsys.readouterr()
            assert code != 0 and "Traceback" not in out + err, (args, out, err)


@pytest.mark.parametrize(
    "did_json",
    [
        b'{"verificationMethod": 5, "assertionMethod": 7}',
        b'{"verificationMethod": 5, "assertionMethod": ["METHOD"]}',
        b'{"verificationMethod": [{"id": "METHOD", "publicKeyMultibase": 5}], "assertionMethod": ["METHOD"]}',
        b"[1]",
        b"{}",
        b"not json",
        b'{"assertionMethod": ["x"]}',
    ],
)
def test_a_hostile_issuer_site_gets_a_clear_line(
    did_json: bytes,
    store: Store,
    content: Content,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from .test_certificates import issuer_site

    answers: dict[str, tuple[int, bytes]] = {}
    with issuer_site(answers) as site:
        monkeypatch.setenv("MGLEARN_PUBLIC_URL", site)
        _, doc = issued(store, content)
        file = tmp_path / "c.json"
        file.write_text(json.dumps(doc))
        hostile = did_json.replace(b"METHOD", doc["proof"][0]["verificationMethod"].encode())
        answers["/.well-known/did.json"] = (200, hostile)
        answers["/status/revocation"] = (200, hostile)
        try:
            code = main(["verify", str(file), "--issuer", site])
        except SystemExit as stop:
            code = int(stop.code or 1)
        out, err = capsys.readouterr()
        assert code != 0 and "Traceback" not in out + err and len((out + err).splitlines()) <= 8, out + err
        answers["/.well-known/did.json"] = (200, c_get(store, "/.well-known/did.json").content)
        try:  # a genuine DID document, a hostile status list
            code = main(["verify", str(file), "--issuer", site])
        except SystemExit as stop:
            code = int(stop.code or 1)
        out, err = capsys.readouterr()
        assert code != 0 and "Traceback" not in out + err, out + err


def test_the_issuer_profile_carries_the_brand(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The organisation's name, logo and e-mail (the brand settings) in the credential's issuer and
    at /issuer; the credential still validates against 1EdTech's schema and verifies."""
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>')
    monkeypatch.setenv("MGLEARN_BRAND_NAME", "Vita Opleidingen")
    monkeypatch.setenv("MGLEARN_BRAND_LOGO", str(logo))
    monkeypatch.setenv("MGLEARN_BRAND_CONTACT", "info@vita.example")
    _, doc = issued(store, content)
    expected = {
        "name": "Vita Opleidingen",
        "url": "https://leren.example",
        "image": {"id": "https://leren.example/brand/logo", "type": "Image", "caption": "Vita Opleidingen"},
        "email": "info@vita.example",
    }
    assert {k: v for k, v in doc["issuer"].items() if k not in ("id", "type")} == expected
    profile = c_get(store, "/issuer").json()
    assert {k: v for k, v in profile.items() if k in expected} == expected
    jsonschema.Draft201909Validator(json.loads(SCHEMA.read_text())).validate(doc)
    assert local_check(store, doc, T0 + timedelta(hours=2)) == "valid"
