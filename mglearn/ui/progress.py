"""My progress: per lesson and per topic, a chart, and a CSV of the learner's own history."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from mglearn.i18n import pct
from mglearn.percent import whole
from mglearn.progress import history_csv, history_table, lesson_statuses, topic_scores
from mglearn.ui import brand, exam_parts, practice_parts, state, tables
from mglearn.ui.state import t
from mglearn.ui.widgets import date, page_title, viewer_zone

page_title("nav.progress")
person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()
zone = viewer_zone()

st.title(t("progress.title"))
attempts = store.attempts.learner_attempts(person.id)
statuses = lesson_statuses(content, store.learners.reads(person.id), attempts)
history = store.attempts.history(person.id)

st.header(t("progress.lessons"))
tables.dataframe(
    pd.DataFrame(
        [
            {
                t("col.lesson"): f"{s.lesson.order}. {s.lesson.title.get(lang)}",
                t("col.read"): date(s.read_at, zone, with_time=False),
                t("col.attempts"): s.attempts,
                t("col.best"): pct(s.best),
                t("col.latest"): pct(s.latest),
                t("col.passed"): t("progress.yes") if s.passed else t("progress.not_yet"),
                t("col.last_activity"): date(s.last_activity, zone),
            }
            for s in statuses
        ]
    ),
    hide_index=True,
    width="stretch",
    column_config={
        t("col.lesson"): st.column_config.TextColumn(width="large"),
        t("col.read"): st.column_config.TextColumn(width="small"),
        t("col.attempts"): st.column_config.NumberColumn(width="small"),
        t("col.best"): st.column_config.TextColumn(width="small"),
        t("col.latest"): st.column_config.TextColumn(width="small"),
        t("col.passed"): st.column_config.TextColumn(width="small"),
        t("col.last_activity"): st.column_config.TextColumn(width="medium"),
    },
    key="lessons",
)
st.caption(t("progress.times_note", zone=zone))

chart_data = pd.DataFrame(
    [
        {"lesson": f"{s.lesson.order}. {s.lesson.title.get(lang)}", "best": whole(s.best or 0.0)}
        for s in statuses
    ]
)
st.altair_chart(
    alt.Chart(chart_data)
    .mark_bar(color=brand.chart_colour())
    .encode(
        x=alt.X("best:Q", title=f"{t('col.best')} (%)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("lesson:N", title=None, sort=None),
        tooltip=[alt.Tooltip("lesson:N", title=t("col.lesson")), alt.Tooltip("best:Q", title=t("col.best"))],
    ),
    width="stretch",
    alt=t("progress.chart_alt"),
)

practice_parts.progress_section(store, content, person.id, lang, zone)

st.header(t("progress.topics"))
topics = topic_scores(content, history)
if not topics:
    st.info(t("progress.none"))
else:
    tables.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.lesson"): f"{row['lesson'].order}. {row['lesson'].title.get(lang)}",
                    t("col.topic"): row["section"].title.get(lang),
                    t("col.questions"): row["answers"],
                    t("col.score"): whole(row["score"]),
                }
                for row in topics
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config={
            t("col.lesson"): st.column_config.TextColumn(width="medium"),
            t("col.topic"): st.column_config.TextColumn(width="medium"),
            t("col.questions"): st.column_config.NumberColumn(width="small"),
            t("col.score"): st.column_config.ProgressColumn(
                t("col.score"), min_value=0, max_value=100, format="%d%%", width="small"
            ),
        },
        key="topics",
    )


def history_download() -> bytes:
    """Built on click: each answer against the question version its attempt showed."""
    versions = {a.id: {q.id: q for _, q in store.attempts.questions_of(a)} for a in attempts}
    titles = {q.id: q.title.get(lang) for q in content.quizzes}
    return history_csv(history_table(history, versions, titles, lang, zone), lang, zone)


if history:
    st.download_button(
        t("progress.download"),
        history_download,
        file_name=f"{t('progress.file_name')}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
else:
    st.caption(t("progress.no_history"))

exam_parts.progress_section(store, person)  # the exam history (issue 17)
