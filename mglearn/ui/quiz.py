"""Quiz: all questions of an attempt on one page, each answer saved the moment it is given;
on submit a score, pass/fail and a review of every question.

One page rather than one question per screen: a quiz has about ten short questions, so the
learner sees the whole attempt at once, keeps their place while scrolling, can go back to any
answer with Tab and the arrow keys, and sees every unanswered question flagged right above
the submit button.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from mglearn.attempts import Drawn, is_answered
from mglearn.content import Lesson, Question, Quiz
from mglearn.errors import AttemptChanged, StoreError, UserError
from mglearn.i18n import mark_pct, pct
from mglearn.store import Attempt
from mglearn.ui import pending, state
from mglearn.ui.questions import answer_widgets, response_of, review_question, show_stored
from mglearn.ui.state import t, tn
from mglearn.ui.widgets import back_to_overview, go, local_time, md_escape, page_title

page_title("nav.quiz")
person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()


INTRO_SHOWN = "quiz_intro_shown"  # the quiz whose start button this tab shows now


def seen_key(attempt_id: int) -> str:
    """Session key of the attempt's sequence number this tab last showed in full."""
    return f"seen_seq_{attempt_id}"


def shown_key(attempt_id: int) -> str:
    """Session key of the answers this tab shows: {question_id: (response, saved_at)}."""
    return f"shown_{attempt_id}"


def save(attempt_id: int, number: int, question: Question, key: str, order: Sequence[int]) -> None:
    """on_change: write the learner's current answer to the store at once, then redraw only
    this question, the counter and the submit area (three small fragments, not the page).
    The tab's seen sequence moves on only when nobody else changed the attempt since this
    tab showed it; otherwise a later submit is refused and the page shows the new state.
    A database that is briefly unavailable leaves the answer pending (mglearn/ui/pending.py)."""
    response = response_of(question, key, order)
    shown = st.session_state.get(shown_key(attempt_id), {})
    slot = pending.attempt_slot(attempt_id, question.id)
    if question.id in shown and list(shown[question.id][0]) == response and pending.get(slot) is None:
        # Already written: one rerun that changed several of a question's boxes calls this
        # once per box, each with the same whole answer (a browser sends every change made
        # while a run was busy in one rerun). A change by the learner always differs from
        # what the tab shows, so only such repeats are skipped.
        return

    def saved(seq: int) -> None:
        st.session_state.setdefault(shown_key(attempt_id), {})[question.id] = (response, state.now())
        if st.session_state.get(seen_key(attempt_id)) != seq - 1:
            st.rerun()  # another tab changed the attempt: redraw it all from the store
        st.session_state[seen_key(attempt_id)] = seq

    error = (state.QUIZ_ERROR, lambda err: t(err.key, **err.params))  # the page shows where things stand
    pending.save_answer(store, attempt_id, question.id, response, error=error, saved=saved)
    st.rerun([f"quiz_q{number}", "quiz_progress", "quiz_submit"])


def submit(attempt_id: int) -> None:
    """on_click: submit with the sequence this tab showed (Moodle's sequence check); never
    while an answer is still waiting for the database."""
    try:
        if pending.waiting_on(attempt_id):
            raise UserError("quiz.pending_submit")
        with pending.as_refusal("quiz.submit_unavailable"):
            done = store.attempts.submit_attempt(
                attempt_id, state.now(), seen_seq=st.session_state.get(seen_key(attempt_id))
            )
    except AttemptChanged as err:
        st.session_state[state.QUIZ_ERROR] = t(err.key)
    except UserError as err:
        st.session_state[state.QUIZ_ERROR] = t(err.key, **err.params)
    else:
        st.session_state[state.JUST_SUBMITTED] = done.id
        st.query_params["attempt"] = str(done.id)
    st.rerun()


def render_question(attempt_id: int, number: int, drawn: Drawn, q: Question) -> None:
    """One question; a fragment of its own (key quiz_q<number>)."""
    key = f"a{attempt_id}_{q.id}"
    args = (attempt_id, number, q, key, drawn.order)
    response, saved_at = st.session_state.get(shown_key(attempt_id), {}).get(q.id, ([], None))
    slot = pending.attempt_slot(attempt_id, q.id)
    waiting = pending.response(slot)
    current = list(response if waiting is None else waiting)
    show_stored(key, q, drawn, current)
    # Where the answer stands goes under the question's number, as in Moodle's question box:
    # one element less per question than a caption of its own (a page of ten questions is
    # sent whole to the agent API after every answer: benchmarks/load.py).
    waiting_on_store = pending.get(slot) is not None
    if waiting_on_store:
        status = ""  # said in full below the answer (pending.notice)
    elif not is_answered(q, current):
        status = f":orange[:material/flag: {t('quiz.unanswered')}]"
    elif saved_at is not None:
        status = f":material/cloud_done: {t('quiz.saved_at', time=local_time(saved_at))}"
    else:
        status = ""
    head = f"**{t('quiz.question', n=number)}** · {q.prompt.get(lang)}"
    with st.container(border=True, key=f"question_{number}"):
        st.markdown(f"{head}  \n:small[{status}]" if status else head)
        answer_widgets(key, q, drawn, save, args)
        if waiting_on_store:
            pending.notice(store, slot, "quiz.save_retrying", "quiz.save_failed")


def missing_numbers(attempt_id: int, questions: Sequence[tuple[Drawn, Question]]) -> list[int]:
    shown = st.session_state.get(shown_key(attempt_id), {})
    return [n for n, (_, q) in enumerate(questions, 1) if not is_answered(q, shown.get(q.id, ([], None))[0])]


@st.fragment(key="quiz_progress")
def progress_part(attempt_id: int, questions: Sequence[tuple[Drawn, Question]]) -> None:
    done = len(questions) - len(missing_numbers(attempt_id, questions))
    st.progress(done / len(questions), text=t("quiz.answered", done=done, total=len(questions)))


@st.fragment(key="quiz_submit")
def submit_part(attempt_id: int, questions: Sequence[tuple[Drawn, Question]]) -> None:
    missing = missing_numbers(attempt_id, questions)
    if missing:
        which = ", ".join(str(n) for n in missing)
        questions_text = tn("plural.questions", len(missing))
        st.warning(
            t("quiz.unanswered_warning", questions=questions_text, which=which), icon=":material/flag:"
        )
    label = t("quiz.submit_anyway") if missing else t("quiz.submit")
    st.button(
        label,
        type="primary",
        icon=":material/send:",
        key=f"submit_{attempt_id}",
        on_click=submit,
        args=(attempt_id,),
    )


def start(quiz: Quiz) -> None:
    """on_click: draw the attempt before the run, so the run that follows shows it (one page
    run per click, not two: benchmarks/load.py); a database that is down is said on that page.
    Only a click on the start this tab shows counts: a click sent again later (Streamlit sends
    every widget's state with a page change) must not start a new attempt."""
    if st.session_state.pop(INTRO_SHOWN, None) != quiz.id:
        return
    try:
        store.attempts.start_attempt(person.id, quiz, state.now())
    except StoreError:
        st.session_state[state.QUIZ_ERROR] = t("error.database")


def take(quiz: Quiz, attempt_id: int) -> None:
    """A full run: one snapshot of the attempt and its answers from the store."""
    attempt, saved = store.attempts.saved_answers(attempt_id)
    if attempt.submitted:  # submitted elsewhere (another tab): show its result
        st.query_params["attempt"] = str(attempt.id)
        review(quiz, attempt)
        back_to_overview()
        return
    st.session_state[seen_key(attempt.id)] = attempt.seq  # this run shows the whole attempt
    st.session_state[shown_key(attempt.id)] = dict(saved)
    questions = store.attempts.questions_of(attempt)
    progress_part(attempt.id, questions)
    for number, (drawn, q) in enumerate(questions, 1):
        st.fragment(key=f"quiz_q{number}")(render_question)(attempt.id, number, drawn, q)
    submit_part(attempt.id, questions)


FOCUS_RESULT = """<script>
(function () {
  const el = document.getElementById("mg-result");
  if (el) { el.scrollIntoView({block: "start"}); el.focus({preventScroll: true}); }
})();
</script>"""


def assignment_notes(quiz: Quiz, attempt: Attempt) -> None:
    """Which pass mark applies to what: the quiz's own, and each group assignment's."""
    score = attempt.score or 0.0
    groups = store.groups.learner_groups(person.id)
    for a in store.groups.assignments([g.id for g in groups]):
        if quiz.id not in a.quizzes or a.pass_mark is None:
            continue
        title, needed = md_escape(a.title), mark_pct(a.pass_mark, lang)
        if score + 1e-9 >= a.pass_mark:
            key = "quiz.assignment_done"
        else:
            key = "quiz.assignment_short" if attempt.passed else "quiz.assignment_needs"
        st.info(t(key, title=title, pass_mark=needed), icon=":material/assignment:")


def next_lesson(quiz: Quiz) -> Lesson | None:
    """The lesson after this quiz's lesson, None after the last."""
    ids = [x.id for x in content.lessons]
    at = ids.index(quiz.lesson) if quiz.lesson in ids else len(ids)
    return content.lessons[at + 1] if at + 1 < len(ids) else None


def review(quiz: Quiz, attempt: Attempt) -> None:
    score = attempt.score or 0.0
    just = st.session_state.pop(state.JUST_SUBMITTED, None) == attempt.id
    # The result opens at its top with focus on it (a screen reader reads it first).
    st.html(
        f'<div id="mg-result" tabindex="-1" aria-live="polite"><h2>{t("quiz.result")}</h2></div>'
        + (FOCUS_RESULT if just else ""),
        unsafe_allow_javascript=just,
    )
    words = {"score": pct(score, attempt.pass_mark, lang), "pass_mark": mark_pct(attempt.pass_mark, lang)}
    if attempt.passed:
        st.success(t("quiz.passed", **words), icon=":material/celebration:")
        following = next_lesson(quiz)
        if following is not None:  # the call to action: on to the next lesson
            title = t("overview.next_lesson", n=following.order, title=following.title.get(lang))
            if st.button(title, type="primary", icon=":material/arrow_forward:", key="quiz_next_lesson"):
                go("lesson", lesson=following.id)
    else:
        st.error(t("quiz.failed", **words), icon=":material/school:")
    st.metric(t("quiz.score"), words["score"])
    assignment_notes(quiz, attempt)
    if st.button(t("quiz.retake"), icon=":material/replay:", key="retake"):
        store.attempts.start_attempt(person.id, quiz, state.now())
        del st.query_params["attempt"]
        st.rerun()
    st.header(t("quiz.review"))
    answers = store.attempts.answers(attempt.id)
    scores = store.attempts.answer_scores(attempt.id)
    for number, (drawn, q) in enumerate(store.attempts.questions_of(attempt), 1):
        response = list(answers.get(q.id, []))
        review_question(number, drawn, q, response, scores.get(q.id, 0.0), quiz.lesson)


wanted = st.query_params.get("quiz")
quiz = content.quiz(wanted) if wanted else None
if quiz is None:
    options = [q.id for q in content.quizzes]
    titles = {q.id: q.title.get(lang) for q in content.quizzes}
    choice = st.selectbox(
        t("quiz.choose"),
        options,
        index=None,
        format_func=titles.__getitem__,
        placeholder=t("quiz.choose_placeholder"),
    )
    if choice:
        st.query_params["quiz"] = choice
        st.rerun()
    st.stop()

st.title(quiz.title.get(lang))
error = st.session_state.pop(state.QUIZ_ERROR, None)
if error:  # e.g. an answer sent from a second tab after the attempt was submitted
    st.error(error)
mine = store.attempts.learner_attempts(person.id, quiz.id)  # one query for the past attempts and the open one
past = [a for a in mine if a.submitted]
st.session_state.pop(INTRO_SHOWN, None)  # (set again below while the start button is shown)

review_id = st.query_params.get("attempt")
if review_id:
    shown = next((a for a in past if str(a.id) == review_id), None)
    if shown is not None:
        review(quiz, shown)
        back_to_overview()
        st.stop()
    del st.query_params["attempt"]

attempt = next((a for a in mine if not a.submitted), None)
if attempt is None:
    st.write(
        t(
            "quiz.intro",
            questions=tn("plural.questions", quiz.shown),
            pass_mark=mark_pct(quiz.pass_mark, lang),
        )
    )
    if past:
        best = max(a.score or 0.0 for a in past)
        st.caption(t("quiz.best_latest", best=pct(best), latest=pct(past[-1].score), n=len(past)))
    st.session_state[INTRO_SHOWN] = quiz.id
    st.button(
        t("quiz.start"),
        type="primary",
        icon=":material/play_arrow:",
        shortcut="Enter",
        on_click=start,
        args=(quiz,),
    )
    back_to_overview()
    st.stop()

take(quiz, attempt.id)
