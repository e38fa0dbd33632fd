"""The groups page's exam-day parts (issue 32): a member's accommodation (extra time and
attempts) and the live view of the group's exam, refreshed by a fragment with one query a tick."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from mglearn import accommodations as acc_rules
from mglearn import exam as rules
from mglearn.accommodations import Accommodation
from mglearn.errors import UserError
from mglearn.i18n import pct
from mglearn.records import Group, Learner
from mglearn.store import Store
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import date, md_escape

LIVE_SECONDS = 5  # how often the live view asks the store (one query)


def describe(acc: Accommodation) -> str:
    parts = []
    if acc.multiplier != 1:
        parts.append(
            t(
                "accommodation.times",
                factor=f"{acc.multiplier:g}".replace(".", "," if state.lang() == "nl" else "."),
            )
        )
    if acc.extra_minutes:
        parts.append(t("accommodation.minutes", n=acc.extra_minutes))
    if acc.extra_attempts:
        parts.append(t("accommodation.attempts", n=acc.extra_attempts))
    return ", ".join(parts)


def accommodations_section(store: Store, group: Group, members: list[Learner]) -> None:
    """Give a member extra exam time or attempts; the current ones listed."""
    if not members:
        return
    names = {m.id: m.name for m in members}
    given = store.accommodations.group_accommodations(group.id)
    with st.form(f"acc_{group.id}"):
        st.markdown(f"**{t('accommodation.title')}**")
        st.caption(t("accommodation.help"))
        if given:
            rows = [
                {t("accommodation.who"): names.get(lid, "?"), t("accommodation.current"): describe(acc)}
                for lid, acc in sorted(given.items(), key=lambda kv: names.get(kv[0], ""))
            ]
            st.dataframe(rows, hide_index=True, width="stretch")
        else:
            st.caption(t("accommodation.none_yet"))
        who = st.selectbox(
            t("accommodation.who"),
            list(names),
            format_func=names.__getitem__,
            key=f"acc_who_{group.id}",
            placeholder=t("quiz.choose_placeholder"),
        )
        c1, c2, c3 = st.columns(3)
        factor = c1.selectbox(
            t("accommodation.multiplier"),
            acc_rules.MULTIPLIERS,
            format_func=lambda f: f"×{f:g}",
            key=f"acc_mult_{group.id}",
            placeholder=t("quiz.choose_placeholder"),
        )
        minutes = c2.number_input(
            t("accommodation.extra_minutes"), 0, acc_rules.MAX_EXTRA_MINUTES, 0, key=f"acc_min_{group.id}"
        )
        attempts = c3.number_input(
            t("accommodation.extra_attempts"), 0, acc_rules.MAX_EXTRA_ATTEMPTS, 0, key=f"acc_att_{group.id}"
        )
        if st.form_submit_button(t("accommodation.save"), icon=":material/more_time:"):
            acc = Accommodation(int(minutes or 0), float(factor or 1), int(attempts or 0))
            try:
                moved = store.accommodations.set_accommodation(group, int(who), acc, state.now())
            except UserError as err:
                state.show_error(err)
            else:
                name = md_escape(names[int(who)])
                deadline = store.accommodations.exam_deadline(moved) if moved is not None else None
                if deadline is not None:
                    state.flash(t("accommodation.moved", name=name, time=date(deadline)))
                else:
                    state.flash(t("accommodation.saved", name=name))
                st.rerun()


def live_section(store: Store, group: Group) -> None:
    """The live view of the group's exam, while its window is open (or, without a window,
    while someone is taking one)."""
    own = store.exams.group_exam(group.id)
    st.markdown(f"**{t('live.title')}**")
    live_table(group.id, own.opens_at, own.closes_at)


@st.fragment(run_every=LIVE_SECONDS)
def live_table(group_id: int, opens: datetime | None, closes: datetime | None) -> None:
    store = state.store()
    now = state.now()
    window = rules.window_state(now, rules.ExamSettings(opens_at=opens, closes_at=closes))
    rows = store.exam_live.group_live(group_id, since=opens)
    working = [r for r in rows if r.attempt_id is not None and r.submitted_at is None]
    in_window = (opens is not None or closes is not None) and window == "open"
    if not working and not in_window:
        st.caption(t("live.quiet"))
        return
    started = [r for r in rows if r.attempt_id is not None]
    st.caption(t("live.help"))
    st.write(
        t(
            "live.summary",
            started=len(started),
            members=len(rows),
            working=len(working),
            submitted=len(started) - len(working),
        )
    )
    table = []
    for r in rows:
        if r.attempt_id is None:
            status, left = t("live.not_started"), ""
        elif r.submitted_at is None and r.deadline_at is not None:
            minutes, seconds = divmod(rules.seconds_left(r.deadline_at, now), 60)
            status, left = t("live.working"), f"{minutes:02d}:{seconds:02d}"
        else:
            score = pct(r.score, lang=state.lang()) if r.score is not None else ""
            status, left = f"{t('live.submitted')} {score}".strip(), ""
        table.append(
            {
                t("live.name"): r.name,
                t("live.state"): status,
                t("live.answered"): f"{r.answered}/{r.questions}" if r.attempt_id is not None else "",
                t("live.left"): left,
            }
        )
    st.dataframe(table, hide_index=True, width="stretch", key=f"live_{group_id}")
