"""Oefenen: spaced repetition over the question bank, one card at a time.

A session is up to ten cards (due ones first, then new ones from lessons already read). Each
card is a fragment: choosing, checking and going on redraw only the card. Keyboard first:
every option is a button with its number as shortcut (``st.button(shortcut="1")``), the
check and next buttons have ``shortcut="Enter"`` (only one of them is on the page at a time).
Matching questions use select boxes (Tab and the arrow keys; Enter in a closed box checks, see
MATCH_KEYS in mglearn/ui/matching_widgets.py); each type's widgets are in
mglearn/ui/question_types.py. The answer is graded and the card reviewed by the store in one
transaction; the time it took is measured on the server, from showing the card to the check.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

import streamlit as st

from mglearn import practice
from mglearn.attempts import Response, is_answered
from mglearn.content import Question
from mglearn.errors import AttemptChanged, UserError
from mglearn.i18n import pct
from mglearn.store.practice import Reviewed
from mglearn.ui import feedback as lively
from mglearn.ui import pending, practice_parts, state
from mglearn.ui.question_types import widgets
from mglearn.ui.state import t, tn
from mglearn.ui.widgets import date, link, link_to_section, page_title, viewer_zone

RUN = "practice_run"  # this tab's session: its cards, where it is, what was answered
CARD = "practice_card"  # the card's fragment

page_title("nav.practice")
person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()
zone = viewer_zone()
questions: dict[str, tuple[str, Question]] = {q.id: (quiz.lesson, q) for quiz, q in content.questions()}
questions |= {q.id: (lesson.id, q) for lesson, q in content.check_items()}  # practice-only items too


def start_run() -> None:
    """on_click: a new session from what is due today (read from the store, the clock passed in)."""
    now = state.now()
    settings = practice.Settings.from_settings(state.settings())
    cards = {qid: c.card for qid, c in store.practice.cards(person.id).items()}
    new_today = store.practice.new_started_since(person.id, practice.local_day_start(now, zone))
    items = practice.queue(
        practice.bank_order(content),
        cards,
        set(store.learners.reads(person.id)),
        now,
        new_today,
        settings,
        zone=zone,
    )
    st.session_state[RUN] = {
        "id": secrets.token_hex(4),
        "items": [(i.question_id, i.new) for i in items],
        "index": 0,
        "shown_for": None,
        "shown_at": None,
        "seen_reps": 0,
        "checked": None,
        "results": [],
        "done": not items,
    }


def chosen_key(run: dict[str, Any]) -> str:
    return f"practice_{run['id']}_{run['index']}"


def response_of(run: dict[str, Any], q: Question) -> Response:
    return widgets(q).practice_response(chosen_key(run), q)


def check(run: dict[str, Any], q: Question) -> None:
    """on_click of Check (Enter): grade and review in the store, keep the result to show; kept
    and tried again while the database is briefly unavailable (mglearn/ui/pending.py)."""
    response = response_of(run, q)
    if not is_answered(q, response):
        run["error"] = "practice.invalid"
        return
    now = state.now()  # the time it took is the click's, also when written on a later try

    def write() -> Reviewed | None:
        try:
            return store.practice.practice_answer(
                person.id, q, response, shown_at=run["shown_at"], now=now, seen_reps=run["seen_reps"]
            )
        except AttemptChanged as err:
            run["error"] = err.key
            run["checked"] = {"skipped": True}
        except UserError as err:
            run["error"] = err.key
        return None

    def saved(done: Reviewed | None) -> None:
        if done is not None:
            run["checked"] = {"score": done.score, "rating": int(done.rating), "due": done.card.due}
            run["results"].append(done.score)

    pending.save(store, card_slot(run), write, saved, response)


def card_slot(run: dict[str, Any]) -> str:
    return f"practice:{run['id']}:{run['index']}"


def go_on(run: dict[str, Any]) -> None:
    """on_click of Next (Enter)."""
    run["index"] += 1
    run["checked"] = None
    run.pop("error", None)
    if run["index"] >= len(run["items"]):
        run["done"] = True


def when(due: datetime, now: datetime) -> str:
    seconds = max(0.0, (due - now).total_seconds())
    if seconds < 3600:
        return t("practice.when_minutes", n=max(1, round(seconds / 60)))
    if seconds < 86400:
        return t("practice.when_hours", n=round(seconds / 3600))
    return tn("plural.practice_days", round(seconds / 86400))


def feedback(run: dict[str, Any], q: Question, lesson_id: str) -> None:
    checked = run["checked"]
    if checked.get("skipped"):
        return
    score = float(checked["score"])
    if score >= 1:
        st.success(t("practice.right"), icon=":material/check_circle:")
    elif score > 0:
        st.warning(t("practice.partly", score=pct(score)), icon=":material/timelapse:")
    else:
        st.error(t("practice.wrong"), icon=":material/cancel:")
    widgets(q).practice_feedback(q, response_of(run, q))
    st.markdown(f"**{t('quiz.explanation')}:** {q.explanation.get(lang)}")
    rating = t(f"practice.rating.{checked['rating']}")
    st.caption(t("practice.back_in", rating=rating, when=when(checked["due"], state.now())))
    link_to_section(lesson_id, q.section)


def card_part() -> None:
    """The current card: a fragment (key practice_card), so an answer redraws only this."""
    run = st.session_state.get(RUN)
    if not run:
        return
    if run.get("done"):
        st.rerun()  # the last card is done: the whole page shows the summary
    index = run["index"]
    qid, new = run["items"][index]
    lesson_id, q = questions.get(qid, ("", None))
    if q is None:  # left the bank since the session began
        go_on(run)
        st.rerun(scope="fragment")
    if run["shown_for"] != index:  # first showing: the server's clock starts here
        run["shown_for"], run["shown_at"] = index, state.now()
        mine = store.practice.cards(person.id).get(qid)
        run["seen_reps"] = mine.reps if mine else 0
    total = len(run["items"])
    st.progress(index / total, text=t("practice.counter", n=index + 1, total=total))
    lesson = content.lesson(lesson_id)
    with st.container(border=True, key="practice_question"):
        where = t("practice.lesson", n=lesson.order, title=lesson.title.get(lang)) if lesson else ""
        badge = f" · :blue-badge[{t('practice.new_badge')}]" if new else ""
        st.caption(where + badge)
        st.markdown(f"**{q.prompt.get(lang)}**")
        order = practice.option_order(q, f"{run['id']}:{index}")
        widgets(q).practice_inputs(run, chosen_key(run), q, order)
        error = run.pop("error", None)
        if error:
            st.info(t(error))
        pending.notice(store, card_slot(run), "quiz.save_retrying", "quiz.save_failed")
        if run["checked"] is None:
            st.button(
                t("practice.check"),
                type="primary",
                icon=":material/done:",
                shortcut="Enter",
                key=f"practice_check_{run['id']}_{index}",
                on_click=check,
                args=(run, q),
            )
        else:
            feedback(run, q, lesson_id)
            last = index + 1 >= total
            st.button(
                t("practice.finish") if last else t("practice.next"),
                type="primary",
                icon=":material/arrow_forward:",
                shortcut="Enter",
                key=f"practice_next_{run['id']}_{index}",
                on_click=go_on,
                args=(run,),
            )


st.title(t("practice.title"))
now = state.now()
found = practice_parts.status(store, content, person.id, now, zone)
run = st.session_state.get(RUN)
finished = False
if run and run.get("done"):  # kept until the next session starts: a rerun still shows it
    finished = bool(run["results"])
    if finished:
        lively.summary(run["results"], found)
    run = None

if run is None:
    st.markdown(f"## {practice_parts.today_line(found)}")
    if found.today.total:
        st.caption(t("practice.today_split", due=found.today.due, new=found.today.new))
    if not finished:  # the summary showed them
        lively.goal_and_streak(found)
    st.write(t("practice.intro_touch" if state.on_phone() else "practice.intro"))
    if found.today.total:
        st.button(
            t("practice.again") if finished else t("practice.start"),
            type="primary",
            icon=":material/play_arrow:",
            shortcut="Enter",
            key="practice_start",
            on_click=start_run,
        )
    else:
        st.success(t("practice.nothing"), icon=":material/celebration:")
        if found.next_due is not None:
            st.caption(t("practice.next_due", date=date(found.next_due, zone)))
        elif not store.learners.reads(person.id):
            st.info(t("practice.read_first"))
    link("overview", t("practice.to_overview"), icon=":material/arrow_back:")
else:
    st.fragment(key=CARD)(card_part)()
