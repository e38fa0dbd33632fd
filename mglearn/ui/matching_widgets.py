"""The widgets of a matching question: a select box per left-hand side, in a quiz, an exam and
practice alike; the review is a table of the learner's match against the right one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from mglearn.attempts import Drawn, Response
from mglearn.content import Question
from mglearn.ui import state
from mglearn.ui.state import t

# -- a quiz or an exam --


def response_of(q: Question, key: str, order: Sequence[int]) -> Response:
    return [st.session_state.get(f"{key}_{j}") for j in range(len(q.pairs))]


def wanted(key: str, q: Question, drawn: Drawn, current: Sequence[int | None]) -> dict[str, object]:
    out: dict[str, object] = {}
    for j in range(len(q.pairs)):
        chosen = current[j] if j < len(current) else None
        out[f"{key}_{j}"] = chosen if chosen in drawn.order else None
    return out


def review(q: Question, drawn: Drawn, response: Sequence[int | None]) -> list[str]:
    """A table: each left-hand side, the learner's match (marked), the right one."""
    lang = state.lang()
    lines = []
    for j, pair in enumerate(q.pairs):
        chosen = response[j] if j < len(response) else None
        mine = q.pairs[chosen].right.get(lang) if chosen is not None else t("quiz.no_answer")
        mark = "✅" if chosen == j else "❌"
        lines.append(f"| {pair.left.get(lang)} | {mark} {mine} | {pair.right.get(lang)} |")
    heads = (t("quiz.match_item"), t("quiz.your_answer"), t("quiz.correct_answer"))
    return ["| " + " | ".join(heads) + " |\n|---|---|---|\n" + "\n".join(lines)]


def inputs(
    key: str, q: Question, drawn: Drawn, on_change: Callable[..., None], args: tuple[Any, ...]
) -> None:
    lang = state.lang()
    st.caption(t("quiz.match"))
    for j, pair in enumerate(q.pairs):
        st.selectbox(
            pair.left.get(lang),
            options=list(drawn.order),
            index=None,
            format_func=lambda i: q.pairs[i].right.get(lang),
            placeholder=t("quiz.choose_placeholder"),
            key=f"{key}_{j}",
            on_change=on_change,
            args=args,
        )


# -- practice --


def practice_response(key: str, q: Question) -> Response:
    return [st.session_state.get(f"{key}_{j}") for j in range(len(q.pairs))]


# Keys in a matching card's select boxes (Streamlit's button shortcuts skip a focused input):
# Enter in a closed box checks (in an open one it chooses, as usual), and Escape never clears the
# chosen answer: Streamlit's select clears on Escape (when the learner is not typing to filter);
# here it only closes an open list. Added once per browser tab; acts only in the practice card.
MATCH_KEYS = """<script>(function () {
  if (window.mgMatchKeys) { return; }
  window.mgMatchKeys = true;
  window.addEventListener("keydown", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.getAttribute("role") !== "combobox") { return; }
    const card = box.closest(".st-key-practice_question");
    if (!card || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    const open = box.getAttribute("aria-expanded") === "true";
    if (event.key === "Escape") {
      const list = open && document.getElementById(box.getAttribute("aria-controls") || "");
      const chosen = list && list.querySelector("[role='option'][aria-selected='true']");
      if (open && !(chosen && chosen.textContent.trim() === box.value.trim())) {
        return;  // typing to filter, or nothing chosen yet: Streamlit's Escape puts the answer back
      }
      event.preventDefault();
      event.stopPropagation();
      const toggle = box.parentElement && box.parentElement.querySelector("button[aria-haspopup]");
      if (open && toggle) { toggle.click(); box.focus(); }
    } else if (event.key === "Enter" && !open && !event.isComposing) {
      const check = card.querySelector("[class*='st-key-practice_check_'] button");
      if (check && !check.disabled) { event.preventDefault(); event.stopPropagation(); check.click(); }
    }
  }, true);
})();</script>"""


def practice_inputs(run: dict[str, Any], key: str, q: Question, order: tuple[int, ...]) -> None:
    lang = state.lang()
    if not state.on_phone():  # a phone has no Tab and arrow keys
        st.caption(t("practice.keys_match"))
    if run["checked"] is None:
        st.html(MATCH_KEYS, unsafe_allow_javascript=True, width="content")
    for j, pair in enumerate(q.pairs):
        st.selectbox(
            pair.left.get(lang),
            options=list(order),
            index=None,
            format_func=lambda i, q=q: q.pairs[i].right.get(lang),
            placeholder=t("quiz.choose_placeholder"),
            key=f"{key}_{j}",
            disabled=run["checked"] is not None,
        )


def practice_feedback(q: Question, response: Sequence[int | None]) -> None:
    """The right matches."""
    lang = state.lang()
    rows = [f"- {p.left.get(lang)} → {p.right.get(lang)}" for p in q.pairs]
    st.markdown(f"**{t('quiz.correct_answer')}:**\n" + "\n".join(rows))
