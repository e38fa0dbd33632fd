"""The eddsa-rdfc-2022 Data Integrity proof (mglearn/certificates/dataintegrity.py) against the
W3C spec's own test vectors (tests/fixtures/vc-di-eddsa, from w3c/vc-di-eddsa): the same
canonical forms, the same hashes and the very same proofValue, byte for byte."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from mglearn.certificates import dataintegrity
from mglearn.certificates.contexts import UnknownContext, document_loader

VECTORS = Path(__file__).parent / "fixtures" / "vc-di-eddsa"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def _json(name: str) -> Any:
    return json.loads((VECTORS / name).read_text())


def _text(name: str) -> str:
    return (VECTORS / name).read_text()


@pytest.fixture
def with_examples_context(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec's vectors use the examples context, which the app does not ship."""
    examples = _json("examples-v2.jsonld")

    def loader(url: str, options: Any = None) -> dict[str, Any]:
        if url == EXAMPLES_V2:
            return {"contextUrl": None, "documentUrl": url, "document": examples}
        return document_loader(url, options)

    monkeypatch.setattr(dataintegrity, "document_loader", loader)


def test_the_spec_test_vector_is_reproduced_exactly(with_examples_context: None) -> None:
    keys = _json("keyPair.json")
    unsigned = _json("unsigned.json")
    config = _json("proofConfigDataInt.json")
    signed = _json("signedDataInt.json")
    key = dataintegrity.multikey_private(keys["privateKeyMultibase"])
    assert dataintegrity.multikey(key.public_key()) == keys["publicKeyMultibase"]

    assert dataintegrity.canonize(unsigned) == _text("canonDocDataInt.txt")
    assert dataintegrity.canonize(config) == _text("proofCanonDataInt.txt")
    data = dataintegrity.hash_data(unsigned, {k: v for k, v in config.items() if k != "@context"})
    assert data.hex() == _text("proofHashDataInt.txt").strip() + _text("docHashDataInt.txt").strip()
    assert hashlib.sha256(_text("canonDocDataInt.txt").encode()).hexdigest() == data[32:].hex()

    made = dataintegrity.add_proof(
        unsigned, key, config["verificationMethod"], config["created"], config["proofPurpose"]
    )
    assert made == signed  # the whole signed document, proofValue included
    dataintegrity.check_proof(signed, key.public_key())


def test_a_changed_document_or_proof_is_refused(with_examples_context: None) -> None:
    keys = _json("keyPair.json")
    public = dataintegrity.multikey_public(keys["publicKeyMultibase"])
    signed = _json("signedDataInt.json")
    for change in (
        lambda d: d["credentialSubject"].update(alumniOf="Another School"),
        lambda d: d.update(validFrom="2023-01-02T00:00:00Z"),
        lambda d: d["proof"].update(created="2023-02-25T23:36:38Z"),
        lambda d: d["proof"].update(proofPurpose="authentication"),
        lambda d: d["proof"].update(proofValue=d["proof"]["proofValue"][:-2] + "11"),
        lambda d: d.pop("proof"),
    ):
        tampered = copy.deepcopy(signed)
        change(tampered)
        with pytest.raises(dataintegrity.ProofError):
            dataintegrity.check_proof(tampered, public)


def test_no_context_is_fetched_from_the_network() -> None:
    with pytest.raises(UnknownContext):
        document_loader("https://example.com/context.jsonld")
    doc = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.com/ctx"], "name": "x"}
    with pytest.raises(dataintegrity.ProofError):
        dataintegrity.check_proof(
            {
                **doc,
                "proof": {
                    "type": "DataIntegrityProof",
                    "cryptosuite": "eddsa-rdfc-2022",
                    "proofValue": "z11",
                },
            },
            dataintegrity.multikey_public(_json("keyPair.json")["publicKeyMultibase"]),
        )
