"""The exam's sections on other pages: the learner's exam history ("Mijn voortgang"), a
group's exam results with revocation (Resultaten) and a group's exam settings (Groepen)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as date_type
from datetime import datetime

import pandas as pd
import streamlit as st

from mglearn import exam as rules
from mglearn.errors import UserError
from mglearn.i18n import mark_pct, pct
from mglearn.records import Group, Learner, Trainer
from mglearn.store import Store
from mglearn.timezones import due_end_of_day, local_day, start_of_day
from mglearn.ui import state, tables, where
from mglearn.ui.state import t, tn
from mglearn.ui.widgets import date, link, md_escape, viewer_zone


def progress_section(store: Store, person: Learner) -> None:
    st.header(t("exam.progress_title"))
    exams = store.exams.learner_exams(person.id, state.now())
    if not exams:
        st.caption(t("exam.progress_none"))
        link("exam", t("exam.title"), icon=":material/workspace_premium:")
        return
    certs = {c.attempt_id: c for c in store.certificates.certificates_of([person.id])}
    rows = []
    for a in reversed(exams):
        cert = certs.get(a.id)
        result = t("exam.running") if not a.submitted else t("exam.pass") if a.passed else t("exam.fail")
        rows.append(
            {
                t("exam.col_date"): date(a.submitted_at or a.started_at),
                t("col.score"): pct(a.score, a.pass_mark, state.lang()) if a.submitted else "",
                t("exam.col_result"): result,
                t("exam.col_certificate"): (
                    cert.code + (f" ({t('exam.revoked_mark')})" if cert.revoked else "")
                )
                if cert
                else "",
            }
        )
    tables.dataframe(pd.DataFrame(rows), hide_index=True, key="history")
    for a in reversed(exams[-5:]):
        if a.submitted:
            verdict = t("exam.pass") if a.passed else t("exam.fail")
            link(
                "exam",
                f"{date(a.submitted_at)} · {pct(a.score, a.pass_mark, state.lang())} · {verdict}",
                icon=":material/history:",
                exam=str(a.id),
            )


def results_section(store: Store, trainer: Trainer, members: Sequence[Learner]) -> None:
    st.header(t("exam.results_title"))
    names = {m.id: m.name for m in members}
    exams = store.exams.group_exams(list(names), state.now())
    if not exams:
        st.caption(t("exam.results_none"))
        return
    certs = {c.attempt_id: c for c in store.certificates.certificates_of(list(names))}
    rows = []
    for a in exams:
        cert = certs.get(a.id)
        rows.append(
            {
                t("exam.col_learner"): names.get(a.learner_id, "?"),
                t("exam.col_date"): date(a.submitted_at or a.started_at),
                t("col.score"): pct(a.score, a.pass_mark, state.lang()) if a.submitted else "",
                t("exam.col_result"): t("exam.running")
                if not a.submitted
                else t("exam.pass")
                if a.passed
                else t("exam.fail"),
                # the reason is for trainers (and the learner), not for /verify: a table cell is text
                t("exam.col_certificate"): (
                    cert.code
                    + (f" ({t('exam.revoked_mark')}: {cert.revoked_reason})" if cert.revoked else "")
                )
                if cert
                else "",
            }
        )
    tables.dataframe(pd.DataFrame(rows), hide_index=True, key="exam_results")
    joined = store.certificates.joined_groups_of(trainer.id, list(names))
    valid = [
        c
        for c in certs.values()
        if not c.revoked and rules.trainer_may_revoke(c.issued_at, joined.get(c.learner_id))
    ]
    if not valid:
        return
    with st.form("exam_revoke", clear_on_submit=True):
        st.markdown(f"**{t('exam.revoke')}**")
        labels = {c.code: f"{c.code} · {names.get(c.learner_id, '?')}" for c in valid}
        code = st.selectbox(
            t("exam.revoke_which"),
            list(labels),
            format_func=labels.__getitem__,
            placeholder=t("quiz.choose_placeholder"),
        )
        reason = st.text_input(t("exam.revoke_reason"), max_chars=200)
        if st.form_submit_button(t("exam.revoke_button"), icon=":material/block:"):
            try:
                done = store.certificates.revoke_certificate(
                    str(code),
                    reason,
                    state.now(),
                    trainer_id=trainer.id,
                    actor=trainer.name,
                    client=where.client(),
                )
            except UserError as err:
                state.show_error(err)
            else:
                state.flash(t("exam.revoked_done", code=md_escape(done.code)))
                st.rerun()


def _moment(day: object, end: bool, zone: str) -> datetime | None:
    """A chosen day as a UTC moment: the start of the day, or the end (23:59:59) of a closing
    day, on the wall clock of ``zone``. Groups have no zone of their own, so it is the zone of
    the trainer who picks the day (their browser's, else MGLEARN_TIMEZONE), as for the due
    date of an assignment (mglearn.timezones.due_end_of_day)."""
    if not isinstance(day, date_type):
        return None
    return due_end_of_day(day, zone) if end else start_of_day(day, zone)


def _day(value: datetime | None, zone: str) -> date_type | None:
    """The day a stored window moment falls on in ``zone``: what the date picker shows."""
    return local_day(value, zone) if value is not None else None


def group_settings_section(store: Store, group: Group) -> None:
    """A trainer's own exam settings for one group; empty fields use the server's defaults."""
    base = rules.ExamSettings.from_settings(state.settings())
    own = store.exams.group_exam(group.id)
    with st.form(f"exam_settings_{group.id}"):
        st.markdown(f"**{t('exam.group_settings')}**")
        st.caption(
            t(
                "exam.group_settings_help",
                questions=tn("plural.questions", base.questions),
                minutes=tn("plural.minutes", base.minutes),
                pass_mark=mark_pct(base.pass_mark, state.lang()),
            )
        )
        cols = st.columns(4)
        questions = cols[0].number_input(
            t("exam.set_questions"), 1, 500, own.questions, key=f"exq_{group.id}"
        )
        minutes = cols[1].number_input(t("exam.set_minutes"), 1, 1440, own.minutes, key=f"exm_{group.id}")
        mark = own.pass_mark
        pass_mark = cols[2].number_input(
            t("exam.set_pass_mark"), 1, 100, round(mark * 100) if mark else None, key=f"exp_{group.id}"
        )
        cooldown = cols[3].number_input(
            t("exam.set_cooldown"), 0.0, 8760.0, own.cooldown_hours, key=f"exc_{group.id}"
        )
        left, right = st.columns(2)
        zone = viewer_zone()
        opened, closed = _day(own.opens_at, zone), _day(own.closes_at, zone)
        opens = left.date_input(t("exam.set_opens"), opened, format="DD-MM-YYYY", key=f"exo_{group.id}")
        closes = right.date_input(t("exam.set_closes"), closed, format="DD-MM-YYYY", key=f"exs_{group.id}")
        if st.form_submit_button(t("exam.set_save"), icon=":material/save:"):
            try:
                store.exams.set_group_exam(
                    group,
                    questions=questions,
                    minutes=minutes,
                    pass_mark=pass_mark / 100 if pass_mark else None,
                    cooldown_hours=cooldown,
                    opens_at=_moment(opens, end=False, zone=zone),
                    closes_at=_moment(closes, end=True, zone=zone),
                )
            except UserError as err:
                state.show_error(err)
            else:
                state.flash(t("exam.set_saved"))
                st.rerun()
