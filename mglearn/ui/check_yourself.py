"""Controleer jezelf (issue 30): a section's check items under it on the lesson page.

Each item is asked with the quiz's widgets (a radio, check boxes, select boxes: Tab, the arrow
keys and Space; "Controleer" with Enter), in an order seeded per learner so a rerun shows the
same. "Controleer" writes the answer to the store at once as a practice review
(``store.checks``: one answer per item, a repeat changes nothing), then the item shows the
result in words and an icon, the learner's answer and the right one on green or red with an
icon and a word (the quiz review's paragraphs), and the explanation. No score is added up, and
nothing here touches a quiz. Each item is a fragment: answering redraws only that item. While
the database is briefly unavailable the answer waits in this tab and is tried again
(mglearn/ui/pending.py, as a practice answer does); the store counts it once either way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st

from mglearn import practice
from mglearn.attempts import Drawn, is_answered
from mglearn.content import Question, Section
from mglearn.errors import UserError
from mglearn.i18n import pct
from mglearn.store.checks import CheckAnswer
from mglearn.ui import pending, state
from mglearn.ui.question_types import widgets
from mglearn.ui.state import t

JUST = "check_just_answered"  # the item answered in the run before: focus goes to its result


def _key(q: Question) -> str:
    """The widgets' key: the item's id, never anything about its options (the options' own
    keys name the shown position, as in a quiz: mglearn/ui/choice_widgets.box_key)."""
    return f"check_{q.id}"


def _drawn(q: Question, learner_id: int) -> Drawn:
    return Drawn(q.id, q.version, practice.option_order(q, f"check:{learner_id}"))


def _noop() -> None:
    """The quiz widgets save on change; here nothing is saved until "Controleer"."""


def _slot(q: Question) -> str:
    return f"check:{q.id}"


def _submit(learner_id: int, q: Question, drawn: Drawn) -> None:
    """on_click of "Controleer": the answer to the store, at once (one transaction); kept and
    tried again while the database is briefly unavailable (mglearn/ui/pending.py)."""
    response = widgets(q).response_of(q, _key(q), drawn.order)
    if not is_answered(q, response):
        st.session_state[f"{_key(q)}_error"] = "practice.invalid"
        return
    store, now = state.store(), state.now()

    def write() -> CheckAnswer | None:
        try:
            return store.checks.answer(learner_id, q, response, now=now)
        except UserError as err:
            st.session_state[f"{_key(q)}_error"] = err.key
        return None

    def saved(done: CheckAnswer | None) -> None:
        if done is not None:
            st.session_state[JUST] = q.id

    pending.save(store, _slot(q), write, saved, response)


def _focus(container_key: str) -> None:
    """Keyboard focus on the item's result: the "Controleer" button that had it is gone, and
    focus would fall back to the top of the page. The key goes in as JSON, escaped for CSS."""
    target = json.dumps(f"st-key-{container_key}").replace("<", "\\u003c")
    st.html(
        "<script>(function () {"
        f"const name = {target}; let tries = 0;"
        "const go = () => { const el = document.querySelector('.' + CSS.escape(name));"
        " if (el) { el.setAttribute('tabindex', '-1'); el.focus(); }"
        " else if (tries++ < 50) { setTimeout(go, 100); } };"
        "go(); })();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def _result(q: Question, drawn: Drawn, answer: CheckAnswer) -> None:
    lang = state.lang()
    if answer.score >= 1:
        st.success(t("practice.right"), icon=":material/check_circle:")
    elif answer.score > 0:
        st.warning(t("practice.partly", score=pct(answer.score)), icon=":material/timelapse:")
    else:
        st.error(t("practice.wrong"), icon=":material/cancel:")
    parts = widgets(q).review(q, drawn, answer.response)
    parts.append(f"**{t('quiz.explanation')}:** {q.explanation.get(lang)}")
    st.markdown("\n\n".join(parts))
    st.caption(t("check.back_in_practice"))


def _item(learner_id: int, q: Question, number: int, total: int) -> None:
    lang = state.lang()
    drawn = _drawn(q, learner_id)
    answer = state.store().checks.answers(learner_id, [q.id]).get(q.id)
    with st.container(key=f"checkitem_{q.id}"):
        st.markdown(f"**{t('check.question', n=number, total=total)}** · {q.prompt.get(lang)}")
        if answer is not None:
            _result(q, drawn, answer)
            if st.session_state.get(JUST) == q.id:
                st.session_state.pop(JUST)
                _focus(f"checkitem_{q.id}")
            return
        widgets(q).inputs(_key(q), q, drawn, _noop, ())
        error = st.session_state.pop(f"{_key(q)}_error", None)
        if error:
            st.info(t(error))
        pending.notice(state.store(), _slot(q), "quiz.save_retrying", "quiz.save_failed")
        st.button(
            t("check.check"),
            icon=":material/done:",
            key=f"{_key(q)}_go",
            on_click=_submit,
            args=(learner_id, q, drawn),
        )


def show(learner_id: int, section: Section) -> None:
    """Under a section: its check items, if it has any."""
    items: Sequence[Question] = section.check
    if not items:
        return
    with st.container(border=True, key=f"checkblock_{section.id}"):
        st.markdown(f"#### :material/fact_check: {t('check.title')}")
        st.caption(t("check.intro"))
        for n, q in enumerate(items, 1):
            st.fragment(_item)(learner_id, q, n, len(items))
