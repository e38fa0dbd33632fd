"""Results of a group: roster, a learner's detail, mastery heatmap, item analysis, exports."""

from __future__ import annotations

import json
from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from mglearn import analytics
from mglearn.exports import csv_text, gift
from mglearn.i18n import pct
from mglearn.progress import HISTORY_COLUMNS, assignment_status
from mglearn.store import Attempt, utcnow
from mglearn.ui import state
from mglearn.ui.state import t

ANSWER_COLUMNS = ("learner", "learner_code", *HISTORY_COLUMNS)

st.set_page_config(layout="wide")
trainer = state.require_trainer()
content = state.content()
lang = state.lang()
store = state.store()
state.show_flash()

st.title(t("results.title"))
groups = store.groups_of(trainer.id)
if not groups:
    st.info(t("groups.none"))
    st.page_link("mglearn/ui/groups.py", label=t("groups.new"), icon=":material/group_add:")
    st.stop()

by_id = {g.id: g for g in groups}
group_id = st.selectbox(
    t("results.group"), list(by_id), format_func=lambda i: by_id[i].name, key="results_group"
)
group = store.group(int(group_id), trainer.id)  # ownership checked in the store query
members = store.members(group.id)
member_ids = [m.id for m in members]
reads = store.group_reads(member_ids)
attempts = store.group_attempts(member_ids)
assignments = store.assignments([group.id])
now = utcnow()

reads_of: dict[int, dict[str, datetime]] = {}
for r in reads:
    reads_of.setdefault(r["learner_id"], {})[r["lesson_id"]] = r["read_at"]
attempts_of: dict[int, list[Attempt]] = {}
for attempt in attempts:
    attempts_of.setdefault(attempt.learner_id, []).append(attempt)
statuses: dict[int, str] = {}
for m in members:
    mine = attempts_of.get(m.id, [])
    parts = [
        f"{a.title}: {t('astatus.' + assignment_status(a, reads_of.get(m.id, {}), mine, now))}"
        for a in assignments
    ]
    statuses[m.id] = " · ".join(parts)

st.subheader(t("results.roster"))
roster = analytics.roster(members, reads, attempts, statuses)
shown = roster.drop(columns=["learner_id"]).rename(
    columns={
        "name": t("trainer.name"),
        "lessons_read": t("col.read"),
        "quizzes_passed": t("col.passed"),
        "mean_best_score": t("col.best"),
        "last_activity": t("col.last_activity"),
        "status": t("groups.assignments"),
    }
)
shown[t("col.best")] = (shown[t("col.best")] * 100).round()
st.dataframe(
    shown,
    hide_index=True,
    use_container_width=True,
    column_config={t("col.best"): st.column_config.NumberColumn(format="%d%%")},
)

if members:
    st.subheader(t("results.detail"))
    names = {m.id: f"{m.name} ({m.code})" for m in members}
    chosen = st.selectbox(
        t("trainer.name"), list(names), format_func=names.__getitem__, key="results_learner"
    )
    rows = store.history(int(chosen))
    if rows:
        detail = pd.DataFrame(rows)
        detail["response"] = detail["response"].map(
            lambda r: "" if r is None else ", ".join(map(str, json.loads(r)))
        )
        st.dataframe(detail, hide_index=True, use_container_width=True)
    else:
        st.caption(t("progress.none"))

    st.subheader(t("results.heatmap"))
    grid = analytics.mastery(content, members, attempts)
    grid["lesson"] = grid["order"].astype(str)
    grid["best_pct"] = grid["best"] * 100
    st.altair_chart(
        alt.Chart(grid)
        .mark_rect()
        .encode(
            x=alt.X(
                "lesson:O",
                title=t("col.lesson"),
                scale=alt.Scale(domain=[str(x.order) for x in content.lessons]),
            ),
            y=alt.Y("name:N", title=None),
            color=alt.Color(
                "best_pct:Q", title=t("col.best"), scale=alt.Scale(domain=[0, 100], scheme="greens")
            ),
            tooltip=["name", "lesson_id", alt.Tooltip("best_pct:Q", format=".0f")],
        ),
        use_container_width=True,
    )

st.subheader(t("results.items"))
quiz_titles = {q.id: q.title.get(lang) for q in content.quizzes}
quiz_id = st.selectbox(
    t("results.quiz"), list(quiz_titles), format_func=quiz_titles.__getitem__, key="results_quiz"
)
quiz = content.quiz(str(quiz_id))
responses = pd.DataFrame(store.responses(str(quiz_id), member_ids))
if quiz is None or responses.empty:
    st.caption(t("results.no_data"))
else:
    stats = analytics.test_statistics(responses)
    st.caption(
        t(
            "results.test_stats",
            n=stats["n_attempts"],
            mean=pct(stats["mean"]),
            sd=f"{stats['sd']:.2f}",
            alpha=f"{stats['alpha']:.2f}",
        )
    )
    items = analytics.item_statistics(responses).reset_index(drop=True)
    prompts = {q.id: q.prompt.get(lang) for q in quiz.questions}
    items.insert(1, "prompt", items["question_id"].map(prompts))
    items["flags"] = items["flags"].map(lambda fs: ", ".join(t(f"flag.{f}") for f in fs))
    st.dataframe(
        items,
        hide_index=True,
        use_container_width=True,
        column_config={
            "facility": st.column_config.NumberColumn(format="%.2f"),
            "discrimination": st.column_config.NumberColumn(format="%.2f"),
            "sd": st.column_config.NumberColumn(format="%.2f"),
        },
    )
    distractors = analytics.distractor_analysis(responses, quiz.questions)
    if not distractors.empty:
        st.markdown(f"**{t('results.distractors')}**")
        options = {(q.id, i): o.text.get(lang) for q in quiz.questions for i, o in enumerate(q.options)}
        distractors.insert(
            2,
            "text",
            [options[(q, i)] for q, i in zip(distractors["question_id"], distractors["option"], strict=True)],
        )
        st.dataframe(distractors, hide_index=True, use_container_width=True)

st.subheader(t("results.exports"))
c1, c2, c3 = st.columns(3)
with c1:
    st.download_button(
        t("results.roster_csv"),
        csv_text(roster.to_dict("records"), list(roster.columns)).encode("utf-8"),
        file_name=f"roster-{group.join_code}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
with c2:
    st.download_button(
        t("results.answers_csv"),
        lambda: csv_text(store.answer_rows(member_ids), ANSWER_COLUMNS).encode("utf-8"),  # built on click
        file_name=f"answers-{group.join_code}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
with c3:
    st.download_button(
        t("results.gift"),
        lambda: gift(content, lang).encode("utf-8"),
        file_name=f"mglearn-{lang}.gift.txt",
        mime="text/plain",
        icon=":material/download:",
    )
