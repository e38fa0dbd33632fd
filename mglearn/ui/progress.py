"""My progress: per lesson and per topic, a chart, and a CSV of the learner's own history."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from mglearn.progress import history_csv, lesson_statuses, topic_scores
from mglearn.ui import state
from mglearn.ui.state import t
from mglearn.ui.widgets import date

person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()

st.title(t("progress.title"))
statuses = lesson_statuses(content, store.reads(person.id), store.attempts(person.id))
history = store.history(person.id)

st.subheader(t("progress.lessons"))
lessons = pd.DataFrame(
    [
        {
            t("col.lesson"): f"{s.lesson.order}. {s.lesson.title.get(lang)}",
            t("col.read"): date(s.read_at) if s.read_at else "–",
            t("col.attempts"): s.attempts,
            t("col.best"): None if s.best is None else round(s.best * 100),
            t("col.latest"): None if s.latest is None else round(s.latest * 100),
            t("col.passed"): s.passed,
            t("col.last_activity"): date(s.last_activity),
        }
        for s in statuses
    ]
)
st.dataframe(
    lessons,
    hide_index=True,
    column_config={
        t("col.best"): st.column_config.ProgressColumn(
            t("col.best"), min_value=0, max_value=100, format="%d%%"
        ),
        t("col.latest"): st.column_config.NumberColumn(t("col.latest"), format="%d%%"),
    },
)

chart_data = pd.DataFrame(
    [
        {"lesson": f"{s.lesson.order}. {s.lesson.title.get(lang)}", "best": (s.best or 0.0) * 100}
        for s in statuses
    ]
)
st.altair_chart(
    alt.Chart(chart_data)
    .mark_bar()
    .encode(
        x=alt.X("best:Q", title=t("col.best"), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("lesson:N", title=None, sort=None),
        tooltip=["lesson", "best"],
    ),
    use_container_width=True,
)

st.subheader(t("progress.topics"))
topics = topic_scores(content, history)
if not topics:
    st.info(t("progress.none"))
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.lesson"): f"{row['lesson'].order}. {row['lesson'].title.get(lang)}",
                    t("col.topic"): row["section"].title.get(lang),
                    t("col.questions"): row["answers"],
                    t("col.score"): round(row["score"] * 100),
                }
                for row in topics
            ]
        ),
        hide_index=True,
        column_config={
            t("col.score"): st.column_config.ProgressColumn(
                t("col.score"), min_value=0, max_value=100, format="%d%%"
            )
        },
    )

st.download_button(
    t("progress.download"),
    data=history_csv(history).encode("utf-8"),
    file_name=f"mglearn-{person.code}.csv",
    mime="text/csv",
    icon=":material/download:",
)
