"""Certificaat controleren: anyone (no sign-in) types a verification code and sees whether the
certificate is valid, revoked or unknown, with the name, date, score and module; nothing else
about the learner. The same answer as the public address /verify/<code>."""

from __future__ import annotations

import streamlit as st

from mglearn import certificates
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import md_escape, page_title, viewer_zone

page_title("nav.verify")
store = state.store()
lang = state.lang()

st.title(t("verify.title"))
st.write(t("verify.intro"))
with st.form("verify_form"):
    typed = st.text_input(
        t("verify.code"),
        value=st.query_params.get("code", ""),
        max_chars=40,
        placeholder="MC-XXXX-XXXX-XXXX-XXXX",
    )
    asked = st.form_submit_button(t("verify.check"), type="primary", icon=":material/search:")
if asked:
    st.query_params["code"] = typed.strip()[:40]
code = st.query_params.get("code", "")
if code:
    found = certificates.public_status(
        store.certificates.certificate(code), state.now(), lang, zone=viewer_zone()
    )
    status = found["status"]
    if status == "unknown":
        st.error(t("verify.unknown"), icon=":material/help:")
    else:
        if status == "valid":
            st.success(t("verify.valid"), icon=":material/verified:")
        elif status == "revoked":
            st.error(t("verify.revoked", date=found["revoked_on"]), icon=":material/block:")
        else:
            st.warning(t("verify.expired", date=found.get("valid_until", "")), icon=":material/event_busy:")
        st.table(
            {
                t("verify.field"): [
                    t("verify.name"),
                    t("verify.date"),
                    t("verify.score"),
                    t("verify.module"),
                    t("verify.code"),
                ],
                t("verify.value"): [  # st.table renders Markdown: every value as text
                    md_escape(str(found["name"])),
                    md_escape(str(found["date"])),
                    f"{found['score']}%",
                    md_escape(str(found["module"])),
                    md_escape(str(found["code"])),
                ],
            }
        )
    if found.get("code"):  # never echo a typed code: an unknown one could carry a link
        # a real link, shown exactly (no invisible characters: a copied address must open); the
        # address is ours (MGLEARN_PUBLIC_URL and a stored code), never typed text
        # (body text, not a caption: a link in a caption's faded colour is too pale to read)
        st.markdown(t("verify.link", url=f"<{certificates.verify_url(str(found['code']), lang)}>"))
