"""Certificates: the PDF read back, the signed credential checked by an independent JOSE
library, the public /verify and /issuer routes, and the command line."""

from __future__ import annotations

import dataclasses
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
    odd = store.issue_certificate(passed(store, content, "Zoë 𐕰 Smith"))  # Vithkuqi: no font has it
    odd_text = PdfReader(io.BytesIO(certificates.certificate_pdf(odd, "en"))).pages[0].extract_text()
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
    cert = store.issue_certificate(passed(store, content, name))
    data = certificates.certificate_pdf(cert, "nl")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "\ufffd" not in text
    # every letter of the name is drawn from a font that maps a glyph back to it
    drawn = "".join("".join(m.values()) for m in _pdf_fonts(data).values())
    assert {ch for ch in name if not ch.isspace()} <= set(drawn)


def test_pdf_shapes_arabic_into_its_joined_forms(store: Store, content: Content) -> None:
    """Unshaped, every Arabic letter is its one isolated glyph; shaped, a letter in the middle
    of a word and at its start are different glyphs: meem (U+0645) appears as two."""
    cert = store.issue_certificate(passed(store, content, "محمد"))
    fonts = _pdf_fonts(certificates.certificate_pdf(cert, "en"))
    meem = max(sum(1 for uni in cmap.values() if uni == "\u0645") for cmap in fonts.values())
    assert meem >= 2
    # an Urdu name has letters DejaVu lacks (U+06C1, U+06D2): all its letters come from one
    # font, or they could not join
    urdu = "عمران ہاشمی بے"
    cert = store.issue_certificate(passed(store, content, urdu))
    fonts = _pdf_fonts(certificates.certificate_pdf(cert, "nl"))
    assert any(set(urdu) - {" "} <= set("".join(cmap.values())) for cmap in fonts.values())


def test_a_character_no_font_has_is_replaced_visibly_and_logged(
    store: Store, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    cert = store.issue_certificate(passed(store, content, "Ana 𐕰"))
    with caplog.at_level("WARNING", logger="mglearn.certificates"):
        data = certificates.certificate_pdf(cert, "nl")
    assert "Ana \ufffd" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    logged = [r.getMessage() for r in caplog.records]
    assert any("U+10570" in m and cert.code in m for m in logged), logged


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


def test_an_english_certificate_links_to_the_english_verify_page(store: Store, content: Content) -> None:
    """Found in the browser: an English certificate's QR code and link opened a Dutch page
    naming the Dutch title. The link carries the language; the page speaks it."""
    cert = store.issue_certificate(passed(store, content))
    text = PdfReader(io.BytesIO(certificates.certificate_pdf(cert, "en"))).pages[0].extract_text()
    link = f"https://leren.example/verify/{cert.code}?lang=en"
    assert link in text
    page = client(store).get(link.removeprefix("https://leren.example"))
    assert '<html lang="en">' in page.text and "Valid certificate" in page.text
    assert "Magnesium: the quiet force" in page.text and "stille kracht" not in page.text
    dutch = PdfReader(io.BytesIO(certificates.certificate_pdf(cert, "nl"))).pages[0].extract_text()
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
    cert = store.issue_certificate(passed(store, content))
    page = client(store).get(f"/verify/{cert.code}{query}", headers={"Accept-Language": header})
    assert f'<html lang="{lang}">' in page.text
    assert ("Valid certificate" if lang == "en" else "Geldig certificaat") in page.text
    assert page.headers["Content-Language"] == lang and "Accept-Language" in page.headers["Vary"]


def test_verify_page_shows_dates_as_the_app_does_and_links_back_to_the_app(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_TIMEZONE", "Europe/Amsterdam")
    cert = store.issue_certificate(passed(store, content))
    store.revoke_certificate(cert.code, "Niet vastgesteld", now=datetime(2026, 3, 4, 23, 30, tzinfo=UTC))
    page = client(store).get(f"/verify/{cert.code}?lang=en").text
    assert "02-03-2026" in page and "2026-03-02" not in page
    assert "05-03-2026" in page  # revoked at 23:30 UTC: already the 5th in Amsterdam
    assert '<a href="../?lang=en">' in page  # the app, in the page's language (relative: any prefix)
    assert f'<a href="{cert.code}?lang=nl" hreflang="nl" lang="nl">Nederlands</a>' in page
    # the PDF says the same day as the page: late on the 2nd in UTC is the 3rd in Amsterdam
    late = dataclasses.replace(cert, issued_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    text = PdfReader(io.BytesIO(certificates.certificate_pdf(late, "en"))).pages[0].extract_text()
    assert "Date: 03-03-2026" in text
    # the JSON for programs keeps ISO dates
    data = client(store).get(f"/verify/{cert.code}?format=json").json()
    assert data["date"] == "2026-03-02" and data["revoked_on"] == "2026-03-04"
