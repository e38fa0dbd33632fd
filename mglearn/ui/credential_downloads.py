"""The certificate's portable forms on the result page: the Open Badges credential with its
embedded proof (JSON), the same baked into a badge image (PNG), the VC-JWT, and an "add to
LinkedIn" link. Each download is made when clicked, signed then: for a pass from before these
forms existed too (a re-issue: the same code, a new proof and its place in the status list)."""

from __future__ import annotations

import json

import streamlit as st

from mglearn.certificates import Signer, baking, openbadge, sign_credential
from mglearn.certificates.share import linkedin_url
from mglearn.records import Certificate
from mglearn.store import Store
from mglearn.ui import state
from mglearn.ui.state import t


def credential_downloads(store: Store, cert: Certificate, sign: Signer, lang: str, key: str) -> None:
    def signed_json() -> str:
        return json.dumps(
            openbadge.issue_for(store, cert, sign, state.now(), lang), ensure_ascii=False, indent=2
        )

    st.download_button(
        t("exam.download_credential"),
        lambda: signed_json().encode(),
        file_name=f"credential-{cert.code}.json",
        mime="application/json",
        icon=":material/verified:",
        on_click="ignore",
        key=f"json_{key}",
    )
    st.download_button(
        t("exam.download_badge"),
        lambda: baking.bake(baking.BADGE.read_bytes(), signed_json()),
        file_name=f"badge-{cert.code}.png",
        mime="image/png",
        icon=":material/military_tech:",
        on_click="ignore",
        key=f"png_{key}",
    )
    st.download_button(
        t("exam.download_jwt"),
        lambda: sign_credential(cert, sign, lang).encode(),
        file_name=f"credential-{cert.code}.jwt",
        mime="application/jwt",
        icon=":material/key:",
        on_click="ignore",
        key=f"jwt_{key}",
    )
    st.link_button(t("exam.add_to_linkedin"), linkedin_url(cert, lang), icon=":material/share:")
