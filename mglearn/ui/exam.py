"""Exam: a timed self-test over the whole bank, one question per screen, a palette of every
question (answered / open / flagged) always at hand, deferred feedback.

The deadline is stored when the exam starts; the countdown is computed from it on every tick
(a fragment that runs every second), so a refresh, a second tab or a restart never gives time
back. Every answer and flag is written to the store at once; the widgets show what the store
holds. Nothing on this page says which option is correct until the exam is submitted: the
page only ever sends prompts and option texts while it runs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from html import escape

import streamlit as st

from mglearn import exam as rules
from mglearn.attempts import Drawn, is_answered
from mglearn.content import Question
from mglearn.errors import AttemptClosed, UserError
from mglearn.i18n import mark_pct, pct
from mglearn.store import Attempt
from mglearn.ui import exam_result, pending, state
from mglearn.ui.questions import answer_widgets, response_of, show_stored
from mglearn.ui.state import t, tn
from mglearn.ui.widgets import date, link, page_title

page_title("nav.exam")
person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()


def current_key(attempt_id: int) -> str:
    return f"exam_current_{attempt_id}"


def seen_key(attempt_id: int) -> str:
    return f"exam_seen_{attempt_id}"


def confirm_key(attempt_id: int) -> str:
    return f"exam_confirm_{attempt_id}"


def refused(err: UserError, attempt_id: int | None = None) -> str:
    """The words of a refusal; a closed attempt's refusal also opens its result (issue 26)."""
    if attempt_id is not None and isinstance(err, AttemptClosed):
        st.query_params["exam"] = str(attempt_id)
    params = {k: date(v) if isinstance(v, datetime) else v for k, v in err.params.items()}
    return t(err.key, **params)


# -- taking the exam --


WRITTEN_NOW = "exam_written_now"  # {question id: answer} written by this rerun's callbacks


def save(attempt_id: int, q: Question, key: str, order: Sequence[int]) -> None:
    """on_change: the answer goes to the store at once (refused after the deadline + grace),
    or is kept and tried again while the database is briefly unavailable (ui/pending.py).
    Several boxes of one question changed in one rerun call this once per box, each with the
    same whole answer: it is written once (the body clears the record on every run)."""
    response = response_of(q, key, order)
    written = st.session_state.setdefault(WRITTEN_NOW, {})
    if written.get(q.id) == response and pending.get(pending.attempt_slot(attempt_id, q.id)) is None:
        return

    def saved(seq: int) -> None:
        st.session_state[seen_key(attempt_id)] = seq
        written[q.id] = response

    closed = (state.EXAM_ERROR, lambda err: refused(err, attempt_id))
    pending.save_answer(store, attempt_id, q.id, response, error=closed, saved=saved)


def flag(attempt_id: int, q: Question, key: str) -> None:
    try:
        with pending.as_refusal("exam.unavailable"):
            store.exams.set_flag(attempt_id, q.id, bool(st.session_state.get(key)), state.now())
    except UserError as err:
        st.session_state[state.EXAM_ERROR] = refused(err, attempt_id)
        st.rerun()


def go_to(attempt_id: int, number: int) -> None:
    st.session_state[current_key(attempt_id)] = number
    st.session_state[confirm_key(attempt_id)] = False
    st.query_params["q"] = str(number)


def ask_confirm(attempt_id: int, value: bool) -> None:
    st.session_state[confirm_key(attempt_id)] = value


def submit(attempt_id: int) -> None:
    try:
        if pending.waiting_on(attempt_id):  # never grade what was not stored
            raise UserError("exam.pending_submit")
        with pending.as_refusal("exam.unavailable"):
            store.attempts.submit_attempt(
                attempt_id, state.now(), seen_seq=st.session_state.get(seen_key(attempt_id))
            )
    except UserError as err:
        st.session_state[state.EXAM_ERROR] = refused(err)
    else:
        st.query_params["exam"] = str(attempt_id)
        st.query_params.pop("q", None)
    st.rerun()


ANNOUNCE = """<script>(function () {
  let live = document.getElementById("mg-exam-live");
  if (!live) {
    live = document.createElement("div");
    live.id = "mg-exam-live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.className = "mg-visually-hidden";
    document.body.appendChild(live);
  }
  if (live.textContent !== WORDS) { live.textContent = WORDS; }  // a change is read out once
})();</script>"""


@st.fragment(run_every=1)
def countdown(attempt_id: int, started_at: datetime) -> None:
    """Time left, from the deadline as the store holds it on every tick (a trainer's extension
    shows at once: issue 32); spoken warnings at 5 and 1 minute (each only in an exam longer
    than it). Handed in elsewhere (another tab, the closing sweep): the page shows the result."""
    deadline = store.accommodations.exam_deadline(attempt_id)
    if deadline is None:
        st.rerun(scope="app")
    assert deadline is not None
    duration = (deadline - started_at).total_seconds()
    left = rules.seconds_left(deadline, state.now())
    minutes, seconds = divmod(left, 60)
    st.markdown(f":material/timer: {t('exam.time_left')} **{minutes:02d}:{seconds:02d}**")
    level = rules.warning_level(left, duration)
    words = {5: t("exam.warn_5"), 1: t("exam.warn_1")}.get(level or 0, "") if left > 0 else t("exam.time_up")
    # Announced by a live region that stays one element while its words change: st.html
    # replaces its element on every change, and a screen reader does not read out a region that
    # appears together with its words. So a script keeps one region of our own in the page and
    # sets its text (it runs again only when the words change); the words also show here.
    st.html(
        f'<div class="mg-exam-warning">{escape(words)}</div>'
        + ANNOUNCE.replace("WORDS", json.dumps(words).replace("<", "\\u003c")),
        unsafe_allow_javascript=True,
    )
    if left <= 0:
        st.rerun(scope="app")


def palette(attempt: Attempt, questions: Sequence[tuple[Drawn, Question]], saved: dict[str, object]) -> None:
    current = st.session_state[current_key(attempt.id)]
    answered = [n for n, (_, q) in enumerate(questions, 1) if is_answered(q, saved.get(q.id))]  # type: ignore[arg-type]
    flagged = [n for n, (_, q) in enumerate(questions, 1) if q.id in attempt.flags]
    st.caption(
        t(
            "exam.palette_status",
            answered=len(answered),
            total=len(questions),
            flagged=tn("exam.flagged_n", len(flagged)),
        )
    )
    with st.container(horizontal=True, key="exam_palette", gap="small"):
        for n in range(1, len(questions) + 1):
            # a tick before the number when answered, a flag after it when flagged: both can show
            icon = ":material/check:" if n in answered else None
            state_words = [t("exam.answered") if n in answered else t("exam.open")]
            if n in flagged:
                state_words.append(t("exam.flagged"))
            st.button(
                f"{n} :material/flag:" if n in flagged else str(n),
                key=f"palette_{attempt.id}_{n}",
                icon=icon,
                type="primary" if n == current else "secondary",
                help=t("exam.palette_help", n=n, state=", ".join(state_words)),
                on_click=go_to,
                args=(attempt.id, n),
            )
    st.caption(t("exam.legend"))


def question_part(
    attempt: Attempt, number: int, drawn: Drawn, q: Question, current: list[int | None]
) -> None:
    key = f"x{attempt.id}_{q.id}"
    args = (attempt.id, q, key, drawn.order)
    slot = pending.attempt_slot(attempt.id, q.id)
    waiting = pending.response(slot)  # an answer kept while the database is away
    show_stored(key, q, drawn, current if waiting is None else waiting)
    with st.container(border=True, key="exam_question"):
        st.markdown(f"**{t('quiz.question', n=number)}** · {q.prompt.get(lang)}")
        answer_widgets(key, q, drawn, save, args)
        pending.notice(store, slot, "exam.save_retrying", "exam.save_failed")
        flag_key = f"flag_{attempt.id}_{q.id}"
        wanted = q.id in attempt.flags
        if st.session_state.get(flag_key, False) != wanted:
            st.session_state[flag_key] = wanted
        st.toggle(t("exam.flag"), key=flag_key, on_change=flag, args=(attempt.id, q, flag_key))


@st.fragment(key="exam_body")
def body(attempt_id: int) -> None:
    """The palette, one question and the way on: one snapshot of the store per run."""
    st.session_state.pop(WRITTEN_NOW, None)  # (callbacks run before this; see save)
    fresh = just_started()
    st.session_state.pop(JUST_STARTED, None)  # (one use)
    try:
        with pending.as_refusal("exam.unavailable"):
            if fresh is not None and fresh.id == attempt_id:  # stored by this click
                attempt, saved = fresh, {}
            else:
                attempt, saved = store.attempts.saved_answers(attempt_id)
    except UserError as err:  # the database is away: say so, and keep trying what is pending
        st.warning(refused(err), icon=":material/cloud_off:")
        pending.notice_all(store, f"attempt:{attempt_id}:", "exam.save_retrying", "exam.save_failed")
        return
    if attempt.submitted:
        st.query_params["exam"] = str(attempt.id)
        st.rerun(scope="app")
    st.session_state[seen_key(attempt.id)] = attempt.seq
    questions = store.attempts.questions_of(attempt)
    total = len(questions)
    number = st.session_state.get(current_key(attempt.id), 1)
    number = number if isinstance(number, int) and 1 <= number <= total else 1
    st.session_state[current_key(attempt.id)] = number
    responses = {qid: response for qid, (response, _) in saved.items()}
    palette(attempt, questions, responses)  # type: ignore[arg-type]
    drawn, q = questions[number - 1]
    question_part(attempt, number, drawn, q, list(responses.get(q.id, [])))
    with st.container(horizontal=True, key="exam_nav"):
        st.button(
            t("exam.previous"),
            icon=":material/arrow_back:",
            disabled=number == 1,
            key="exam_prev",
            on_click=go_to,
            args=(attempt.id, number - 1),
        )
        st.button(
            t("exam.next"),
            icon=":material/arrow_forward:",
            disabled=number == total,
            key="exam_next",
            on_click=go_to,
            args=(attempt.id, number + 1),
        )
        st.button(
            t("exam.submit"),
            icon=":material/send:",
            key="exam_submit",
            on_click=ask_confirm,
            args=(attempt.id, True),
        )
    if st.session_state.get(confirm_key(attempt.id)):
        missing = [n for n, (_, x) in enumerate(questions, 1) if not is_answered(x, responses.get(x.id))]
        flagged = [n for n, (_, x) in enumerate(questions, 1) if x.id in attempt.flags]
        with st.container(border=True, key="exam_confirm"):
            if missing:
                st.warning(
                    t(
                        "exam.confirm_missing",
                        questions=tn("plural.questions", len(missing)),
                        which=", ".join(map(str, missing)),
                    ),
                    icon=":material/help:",
                )
            if flagged:
                st.info(t("exam.confirm_flagged", which=", ".join(map(str, flagged))), icon=":material/flag:")
            st.write(t("exam.confirm"))
            with st.container(horizontal=True):
                st.button(
                    t("exam.submit_final"),
                    type="primary",
                    icon=":material/send:",
                    key="exam_submit_final",
                    on_click=submit,
                    args=(attempt.id,),
                )
                st.button(
                    t("exam.keep_going"),
                    key="exam_keep_going",
                    on_click=ask_confirm,
                    args=(attempt.id, False),
                )


def take(attempt: Attempt) -> None:
    assert attempt.deadline_at is not None
    if state.now() >= attempt.deadline_at:  # time is up: submitted with what was saved, at the deadline
        done = store.attempts.submit_attempt(attempt.id, state.now())
        st.query_params["exam"] = str(done.id)
        st.session_state[state.EXAM_ERROR] = t("exam.time_up")
        st.rerun()
    if current_key(attempt.id) not in st.session_state:
        wanted = st.query_params.get("q", "1")
        ok = wanted.isascii() and wanted.isdigit() and len(wanted) <= 3  # "²" or 5,000 digits: 1
        st.session_state[current_key(attempt.id)] = int(wanted) if ok else 1
    countdown(attempt.id, attempt.started_at)
    body(attempt.id)


def start_part() -> None:
    settings, _ = store.exams.exam_settings(person.id)
    st.write(
        t(
            "exam.intro",
            questions=tn("plural.questions", settings.questions),
            minutes=tn("plural.minutes", settings.minutes),
            pass_mark=mark_pct(settings.pass_mark, lang),
        )
    )
    st.caption(t("exam.rules"))
    verdict, when = store.exams.may_start_exam(person.id, state.now(), settings)
    if verdict != "ok":
        st.info(t(f"exam.refused_{verdict}", when=date(when)), icon=":material/schedule:")
        return
    st.button(t("exam.start"), type="primary", icon=":material/play_arrow:", key="exam_start", on_click=begin)
    error = st.session_state.pop(START_REFUSED, None)
    if error:
        st.error(error)


START_REFUSED = "exam_start_refused"  # why the Start just clicked was refused


JUST_STARTED = "exam_just_started"  # (this run, the exam its Start callback stored, as stored)


def just_started() -> Attempt | None:
    """The exam this run's Start callback stored: for this run only (a later run, a fragment's
    included, reads the store)."""
    kept = st.session_state.get(JUST_STARTED)
    if isinstance(kept, tuple) and kept[0] is state.this_run() and kept[1].learner_id == person.id:
        return kept[1]  # type: ignore[no-any-return]
    st.session_state.pop(JUST_STARTED, None)
    return None


def begin() -> None:
    """on_click of Start: the exam is drawn and stored before this click's run, which then
    shows its first question (one run per start, not a run that starts it and a rerun), from
    the attempt as stored: no answers yet, nothing to read back."""
    now = state.now()
    try:
        started = store.exams.start_exam(person.id, content, now)
    except UserError as err:
        st.session_state[START_REFUSED] = refused(err)
        return
    st.query_params.pop("exam", None)
    if started.started_at == now and started.seq == 0:  # new, not another tab's running exam
        st.session_state[JUST_STARTED] = (state.this_run(), started)


def history_part(past: Sequence[Attempt]) -> None:
    if not past:
        return
    st.header(t("exam.history"))
    for a in reversed(past):
        verdict = t("exam.pass") if a.passed else t("exam.fail")
        link(
            "exam",
            f"{date(a.submitted_at)} · {pct(a.score, a.pass_mark, lang)} · {verdict}",
            icon=":material/history:",
            exam=str(a.id),
        )


st.title(t("exam.title"))
error = st.session_state.pop(state.EXAM_ERROR, None)
if error:
    st.warning(error, icon=":material/timer_off:")

fresh = just_started()
if fresh is not None:  # Start's callback just stored it: nothing to read back
    exams, was_open, running = [fresh], [fresh], fresh
else:
    exams = store.attempts.learner_attempts(person.id, rules.EXAM_ID, kind="exam")  # before any sweep
    was_open = [a for a in exams if not a.submitted]
    # an exam whose time ran out is submitted by this read (none open: nothing to read or close)
    running = store.exams.open_exam(person.id, state.now()) if was_open else None
if running is None and was_open:  # ... while the candidate was away: show them its result
    st.query_params["exam"] = str(was_open[0].id)
    st.warning(t("exam.time_up"), icon=":material/timer_off:")
if running is not None:
    st.query_params.pop("exam", None)
    take(running)
    st.stop()

past = [a for a in (store.exams.learner_exams(person.id, state.now()) if was_open else exams) if a.submitted]
wanted = st.query_params.get("exam")
shown = next((a for a in past if str(a.id) == wanted), None)
if shown is not None:
    exam_result.result(store, content, shown, lang)
    st.divider()
start_part()
history_part(past)
