"""The exam's result page: score and pass or fail, the score per lesson, the certificate's
downloads and the review of every question (the running exam is mglearn/ui/exam.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from mglearn import certificates
from mglearn import exam as rules
from mglearn.certificates.pdf import certificate_pdf
from mglearn.content import Content
from mglearn.i18n import mark_pct, pct
from mglearn.public_address import signing_refused
from mglearn.settings import current as current_settings
from mglearn.store import Attempt, Store
from mglearn.timezones import default_zone
from mglearn.ui import state
from mglearn.ui.credential_downloads import credential_downloads
from mglearn.ui.questions import review_question
from mglearn.ui.state import t
from mglearn.ui.widgets import date, link, md_escape


def download_part(store: Store, attempt: Attempt, lang: str) -> None:
    """The certificate the exam's close issued (a read: no page view issues one)."""
    cert = store.certificates.certificate_for(attempt.id)
    if cert is None:  # pragma: no cover - issued in the close's transaction, or at start-up
        return
    signer = certificates.signer_or_none(store, state.now())  # the PDF and the verification need no key
    st.header(t("exam.certificate"))
    st.write(t("exam.certificate_intro", code=cert.code))
    if signing_refused(st.context.headers, current_settings().public_url):  # issue 32
        st.error(t("exam.public_url_local", url=current_settings().public_url), icon=":material/link_off:")
        return
    if cert.revoked:
        st.error(
            t(
                "exam.certificate_revoked",
                date=date(cert.revoked_at),
                reason=md_escape(cert.revoked_reason or ""),
            )
        )
        return
    with st.container(horizontal=True):
        st.download_button(
            t("exam.download_pdf"),
            lambda: certificate_pdf(cert, lang, default_zone()),  # the day /verify shows
            file_name=f"certificaat-{cert.code}.pdf" if lang == "nl" else f"certificate-{cert.code}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
            key=f"pdf_{attempt.id}",
        )
        if signer is not None:
            credential_downloads(store, cert, signer, lang, str(attempt.id))
    if signer is None:
        st.warning(t("exam.credential_unsigned"), icon=":material/key_off:")
    st.caption(t("exam.verify_at", url=certificates.verify_url(cert.code, lang)))


def result(store: Store, content: Content, attempt: Attempt, lang: str) -> None:
    """A submitted exam: score, pass or fail, the score per lesson with links to the weakest,
    the certificate (when passed) and the review of every question."""
    score = attempt.score or 0.0
    st.html(f'<div id="mg-result" tabindex="-1" aria-live="polite"><h2>{t("exam.result")}</h2></div>')
    words = {"score": pct(score, attempt.pass_mark, lang), "pass_mark": mark_pct(attempt.pass_mark, lang)}
    if attempt.passed:
        st.success(t("exam.passed", **words), icon=":material/workspace_premium:")
    else:
        st.error(t("exam.failed", **words), icon=":material/school:")
    st.metric(t("quiz.score"), words["score"])
    st.caption(t("exam.finished_at", date=date(attempt.submitted_at)))
    scores = store.attempts.answer_scores(attempt.id)
    source = store.exams.question_quizzes(attempt)
    weakest_first = rules.breakdown(
        {d.question_id: scores.get(d.question_id, 0.0) for d in attempt.draw}, source
    )
    # per lesson, named and ordered as the lessons are (a quiz's id is not its lesson's)
    lessons = {quiz.id: content.lesson(quiz.lesson) for quiz in content.quizzes}
    order = {qid: (x.order if x else 10**6) for qid, x in lessons.items()}
    titles = {qid: f"{x.order}. {x.title.get(lang)}" if x else qid for qid, x in lessons.items()}
    rows = sorted(weakest_first, key=lambda r: (order.get(r.quiz_id, 10**6), r.quiz_id))
    st.header(t("exam.per_lesson"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.lesson"): titles.get(r.quiz_id, r.quiz_id),
                    t("exam.col_questions"): r.questions,
                    t("col.score"): pct(r.score),
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )
    weak = [r for r in weakest_first if r.score < attempt.pass_mark][:3]
    if weak:
        st.markdown(t("exam.weakest"))
        for r in weak:
            quiz = content.quiz(r.quiz_id)
            if quiz is not None:
                link(
                    "lesson",
                    f"{titles.get(r.quiz_id, r.quiz_id)} · {pct(r.score)}",
                    icon=":material/menu_book:",
                    lesson=quiz.lesson,
                )
    if attempt.passed:
        download_part(store, attempt, lang)
    st.header(t("quiz.review"))
    answers = store.attempts.answers(attempt.id)
    for number, (drawn, q) in enumerate(store.attempts.questions_of(attempt), 1):
        lesson_id = source.get(q.id)
        quiz = content.quiz(lesson_id) if lesson_id else None
        response = list(answers.get(q.id, []))
        review_question(number, drawn, q, response, scores.get(q.id, 0.0), quiz.lesson if quiz else None)
