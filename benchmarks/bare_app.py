"""The bare page the load benchmark measures beside mglearn: the same widgets, no logic.

A name form, a start button, then quiz 1's first ten questions with the widgets the quiz page
uses (a radio per single-choice question, a checkbox per option of a multiple-choice one, a
selectbox per pair of a matching one), the same keys and labels, and a submit button. Nothing
is stored, nothing is checked, there are no fragments: every click reruns the whole page, as a
plain Streamlit page does. Started by benchmarks/load.py with `streamlit run`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

ROOT = Path(__file__).resolve().parent.parent


@st.cache_resource
def questions() -> list[dict[str, Any]]:
    root = Path(os.environ.get("MGLEARN_CONTENT_DIR") or ROOT)
    data = yaml.safe_load((root / "quizzes" / "01-functies.yaml").read_text(encoding="utf-8"))
    return list(data["questions"][:10])


if "name" not in st.session_state:
    st.title("Magnesium")
    with st.form("new_learner"):
        name = st.text_input("Je naam (zoals je die wilt zien)", key="start_name")
        if st.form_submit_button("Beginnen", type="primary"):
            st.session_state["name"] = name
            st.rerun()
    st.stop()

if st.session_state.get("done"):
    st.success("Ingeleverd")
    st.stop()

if not st.session_state.get("started"):
    st.write("Tien vragen.")
    if st.button("Start de toets", type="primary"):
        st.session_state["started"] = True
        st.rerun()
    st.stop()

st.title("Quiz")
for number, q in enumerate(questions(), 1):
    key = f"a1_{q['id']}"
    with st.container(border=True):
        st.markdown(f"**Vraag {number}** · {q['prompt']['nl']}")
        if q["type"] in ("single", "true_false"):
            st.radio(
                "Kies één antwoord.",
                options=list(range(len(q["options"]))),
                index=None,
                format_func=lambda i, q=q: q["options"][i]["text"]["nl"],
                key=key,
            )
        elif q["type"] == "multiple":
            for i, option in enumerate(q["options"]):
                st.checkbox(option["text"]["nl"], key=f"{key}_{i}")
        else:
            for j, pair in enumerate(q["pairs"]):
                st.selectbox(
                    pair["left"]["nl"],
                    options=list(range(len(q["pairs"]))),
                    index=None,
                    format_func=lambda i, q=q: q["pairs"][i]["right"]["nl"],
                    key=f"{key}_{j}",
                )


def _submit() -> None:
    st.session_state["done"] = True


st.button("Inleveren", type="primary", key="submit_1", on_click=_submit)
