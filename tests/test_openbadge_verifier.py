"""The three-badge test 1EdTech's displayer certification uses, run by an independent
verifier: the Digital Credentials Consortium's ``@digitalcredentials/verifier-core`` (behind
VerifierPlus and the Learner Credential Wallet), in Node, offline. Its HTTP fetches (our
did:web document, our status list, 1EdTech's schema) are answered by tests/ob_verifier.mjs
from what our routes serve (and the schema from tests/fixtures/ob-schema), nothing else.

verifier-core is pinned and installed by scripts/test.sh into .cache/verifier-core
(git-ignored). Under CI a missing Node or verifier-core fails; elsewhere the test is skipped
with the command that installs it."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mglearn.certificates import credentials, openbadge
from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store

from .test_certificates import c_get, passed
from .test_openbadge import SCHEMA

VERSION = "1.0.0-beta.11"
PREFIX = PROJECT_ROOT / ".cache" / "verifier-core"
MODULE = PREFIX / "node_modules" / "@digitalcredentials" / "verifier-core" / "package.json"
INSTALL = f"npm install --prefix .cache/verifier-core @digitalcredentials/verifier-core@{VERSION}"
SCHEMA_URL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
HARNESS = Path(__file__).parent / "ob_verifier.mjs"


def node() -> str:
    found = shutil.which("node")
    if found is None or not MODULE.exists() or f'"version": "{VERSION}"' not in MODULE.read_text():
        message = f"node or verifier-core {VERSION} is missing: run `bash scripts/test.sh` or `{INSTALL}`"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture(autouse=True)
def setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(tmp_path / "keys" / "signing.pem"))
    monkeypatch.setenv("MGLEARN_PUBLIC_URL", "https://leren.example")


def dcc(store: Store, credential: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """verifier-core's answer, with the documents our routes serve right now."""
    documents = {
        "https://leren.example/.well-known/did.json": c_get(store, "/.well-known/did.json").json(),
        "https://leren.example/status/revocation": c_get(store, "/status/revocation").json(),
        SCHEMA_URL: json.loads(SCHEMA.read_text()),
    }
    given, answer = tmp_path / "in.json", tmp_path / "out.json"
    given.write_text(json.dumps({"credential": credential, "documents": documents}))
    run = subprocess.run(
        [node(), str(HARNESS), str(given), str(answer)],
        env={**os.environ, "VERIFIER_CORE": str(PREFIX)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    found: dict[str, Any] = json.loads(answer.read_text())
    assert set(found["fetched"]) <= set(documents), found["fetched"]  # offline: only these
    return found["result"]


def steps(result: dict[str, Any]) -> dict[str, Any]:
    return {step["id"]: step.get("valid", step.get("error")) for step in result.get("log", [])}


def test_three_badges_valid_revoked_expired_and_a_tampered_one(
    store: Store, content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    node()
    now = datetime.now(UTC)  # verifier-core judges expiry by the real clock
    sign = credentials.signer_for(store, now=now)

    def badge(name: str, days: int) -> tuple[Any, dict[str, Any]]:
        monkeypatch.setenv("MGLEARN_CERTIFICATE_VALID_DAYS", str(days))  # from the exam, 2 March 2026
        cert = store.certificates.issue_certificate(passed(store, content, name), now=now)
        assert cert.valid_until is not None and (cert.valid_until < now) == (days < 100)
        return cert, openbadge.issue_for(store, cert, sign, now, "en")

    _, valid = badge("Valid Vera", 3650)
    revoked_cert, revoked = badge("Revoked Rob", 3650)
    _, expired = badge("Expired Eva", 30)
    store.certificates.revoke_certificate(revoked_cert.code, "Fraude", now=now)

    said = dcc(store, valid, tmp_path)
    print("valid:", json.dumps(steps(said)))
    assert not said.get("errors"), said
    assert steps(said) | {"registered_issuer": None} == {
        "valid_signature": True,
        "revocation_status": True,
        "expiration": True,
        "registered_issuer": None,  # not in a DCC registry: a trust list, not validity
    }, said
    schema = next(i for i in said["additionalInformation"] if i["id"] == "schema_check")
    assert all(r["result"]["valid"] for r in schema["results"]), schema

    said = dcc(store, revoked, tmp_path)
    print("revoked:", json.dumps(steps(said)))
    assert steps(said)["valid_signature"] is True and steps(said)["revocation_status"] is False, said
    assert steps(said)["expiration"] is True

    said = dcc(store, expired, tmp_path)
    print("expired:", json.dumps(steps(said)))
    assert steps(said)["valid_signature"] is True and steps(said)["expiration"] is False, said
    assert steps(said)["revocation_status"] is True

    tampered = copy.deepcopy(valid)
    tampered["credentialSubject"]["result"][0]["value"] = "99"
    said = dcc(store, tampered, tmp_path)
    assert [e["name"] for e in said["errors"]] == ["invalid_signature"], said
    print("tampered:", json.dumps(said.get("errors") or steps(said))[:600])
