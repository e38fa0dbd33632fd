"""Practice on other pages: what is due today, knowledge in a week per lesson, the 14-day chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import altair as alt
import pandas as pd
import streamlit as st
from fsrs import Card

from mglearn import practice
from mglearn.content import Content
from mglearn.i18n import pct
from mglearn.store import Store
from mglearn.store.practice import PracticeCard

from . import brand, state, tables
from .state import t, tn
from .widgets import link, viewer_zone


@dataclass(frozen=True)
class Status:
    """Everything the practice parts of a page show, read once from the store."""

    cards: dict[str, PracticeCard]
    today: practice.Today
    knowledge: dict[str, practice.Knowledge]
    forecast: list[tuple[date, int]]
    streak: practice.Streak
    next_due: datetime | None


def status(store: Store, content: Content, learner_id: int, now: datetime, zone: str) -> Status:
    settings = practice.Settings.from_settings(state.settings())
    cards = store.practice.cards(learner_id)
    plain: dict[str, Card] = {qid: c.card for qid, c in cards.items()}
    bank = practice.bank_order(content)
    start = practice.local_day_start(now, zone)
    read = set(store.learners.reads(learner_id))
    new_today = store.practice.new_started_since(learner_id, start)
    known = {qid for _, qid in bank}
    due_times = [c.due for qid, c in plain.items() if qid in known]
    # the streak looks back day by day: a year of reviews is more than any run needs
    times = store.practice.review_times(learner_id, since=start - timedelta(days=400))
    return Status(
        cards=cards,
        today=practice.today(bank, plain, read, now, new_today, settings, zone=zone),
        knowledge=practice.knowledge(bank, plain, store.practice.practice_scheduler(), now),
        forecast=practice.forecast([plain[q] for q in plain if q in known], now, zone),
        streak=practice.streak(times, now, zone, store.practice.daily_goal(learner_id)),
        next_due=min(due_times, default=None),
    )


def today_line(found: Status) -> str:
    return tn("plural.practice_today", found.today.total)


def knowledge_table(content: Content, found: Status, lang: str) -> None:
    if not found.cards:
        st.caption(t("practice.no_cards"))
        return
    rows = []
    for lesson in content.lessons:
        k = found.knowledge.get(lesson.id)
        if k is None:
            continue
        rows.append(
            {
                t("col.lesson"): f"{lesson.order}. {lesson.title.get(lang)}",
                t("practice.knowledge"): None if k.mean is None else round(k.mean * 100),
                t("practice.col_covered"): t("practice.covered", cards=k.cards, questions=k.questions),
            }
        )
    tables.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            t("col.lesson"): st.column_config.TextColumn(width="large"),
            t("practice.knowledge"): st.column_config.ProgressColumn(
                t("practice.knowledge"),
                min_value=0,
                max_value=100,
                format="%d%%",
                help=t("practice.knowledge_help"),
            ),
            t("practice.col_covered"): st.column_config.TextColumn(width="small"),
        },
        key="knowledge",
    )


def forecast_chart(found: Status) -> None:
    data = pd.DataFrame([{"day": day.strftime("%d-%m"), "due": n} for day, n in found.forecast])
    st.markdown(f"**{t('practice.forecast')}**")
    st.altair_chart(
        alt.Chart(data)
        .mark_bar(color=brand.chart_colour())
        .encode(
            x=alt.X("day:N", title=None, sort=None),
            y=alt.Y("due:Q", title=t("practice.col_due"), axis=alt.Axis(tickMinStep=1)),
            tooltip=[
                alt.Tooltip("day:N", title=t("practice.col_day")),
                alt.Tooltip("due:Q", title=t("practice.col_due")),
            ],
        ),
        width="stretch",
        height=180,
        alt=t("practice.forecast_alt"),
    )


def goal_line(found: Status) -> str:
    parts = []
    if found.streak.goal:
        parts.append(t("practice.goal_progress", done=found.streak.reviewed_today, goal=found.streak.goal))
    if found.streak.days:
        parts.append(tn("plural.practice_streak", found.streak.days))
    return " · ".join(parts)


def mean_knowledge(found: Status) -> str:
    values = [k.mean for k in found.knowledge.values() if k.mean is not None]
    return pct(sum(values) / len(values)) if values else "–"


def overview_section(store: Store, content: Content, learner_id: int, lang: str) -> None:
    """The overview's practice box: what is due today, knowledge in a week, the next 14 days."""
    zone = viewer_zone()
    found = status(store, content, learner_id, state.now(), zone)
    with st.container(border=True, key="overview_practice"):
        head, action = st.columns([3, 2], vertical_alignment="center")
        with head:
            st.markdown(f"**{t('practice.title')}** · {today_line(found)}")
            extra = goal_line(found)
            st.caption(
                " · ".join(p for p in (f"{t('practice.knowledge')}: {mean_knowledge(found)}", extra) if p)
            )
        with action:
            link("practice", t("practice.to_practice"), icon=":material/repeat:")
        with st.expander(t("practice.knowledge")):
            knowledge_table(content, found, lang)
            if found.cards:
                forecast_chart(found)


def progress_section(store: Store, content: Content, learner_id: int, lang: str, zone: str) -> None:
    """ "Mijn voortgang": knowledge in a week per lesson, the 14-day chart, the daily goal."""
    found = status(store, content, learner_id, state.now(), zone)
    st.header(t("practice.section"))
    st.caption(" · ".join(p for p in (today_line(found), goal_line(found)) if p))
    knowledge_table(content, found, lang)
    st.caption(t("practice.knowledge_help"))
    if found.cards:
        forecast_chart(found)

    def goal_changed() -> None:  # the widget keeps the value within 0..500
        store.practice.set_daily_goal(
            learner_id, int(st.session_state.get("practice_goal") or 0), state.now()
        )

    st.number_input(
        t("practice.goal"),
        min_value=0,
        max_value=500,
        step=5,
        value=found.streak.goal or 0,
        key="practice_goal",
        on_change=goal_changed,
    )
