"""Results of a group: roster, a learner's detail, mastery heatmap, item analysis, exports.

Every view renders an empty group, a group without attempts and a learner without attempts.
The downloads are built with the page (cached until the group's answers change), never by a
callable ``data=``: Streamlit drops a deferred download's callable at the end of the next
script run, and the click on the button itself starts that run, so a click could race it and
get no file (``Deferred file ... not found`` in the server log). A download button with
``on_click="ignore"`` starts no run at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from mglearn import analytics, exports, exports_moodle, gift, practice
from mglearn.content import Content, Question
from mglearn.exports import Sheet
from mglearn.i18n import pct, tn
from mglearn.progress import assignment_status
from mglearn.records import Attempt, Learner
from mglearn.store import Store
from mglearn.ui import brand, exam_parts, state, tables
from mglearn.ui.state import t
from mglearn.ui.widgets import date, md_escape, viewer_zone

st.set_page_config(layout="wide")
trainer = state.require_trainer()
content = state.content()
lang = state.lang()
store = state.store()
zone = viewer_zone()
state.show_flash()


def shown(sheet: Sheet) -> pd.DataFrame:
    """A table as the trainer reads it: local dates, decimal commas in Dutch, a dash for nothing
    (never None, NaN, NaT or +00:00); every cell text, so a column never mixes types."""

    def cell(value: Any) -> str:
        value = exports.sheet_value(value) if not isinstance(value, str) else value
        if value is None or value == "":
            return "–"
        if isinstance(value, datetime):
            return date(value, zone)
        if isinstance(value, float):
            text = f"{value:.2f}"
            return text.replace(".", ",") if lang == "nl" else text
        return str(value)

    return pd.DataFrame([[cell(v) for v in row] for row in sheet.rows], columns=list(sheet.headers))


def member_labels(members: Sequence[Learner]) -> dict[int, str]:
    """Each member's name; members who share a name get a running number in the order they
    started (never any part of their resume code: it signs in as them), and a number as well
    in the unlikely case a label then matches another name."""
    names = [m.name for m in members]
    number: dict[int, int] = {}
    counted: dict[str, int] = {}
    for m in sorted(members, key=lambda m: m.id):  # ids in the order the learners started
        if names.count(m.name) > 1:
            counted[m.name] = number[m.id] = counted.get(m.name, 0) + 1
    labels = {
        m.id: t("tw.member_twin", name=m.name, number=number[m.id]) if m.id in number else m.name
        for m in members
    }
    shown = list(labels.values())
    seen: dict[str, int] = {}
    for m in members:
        if shown.count(labels[m.id]) > 1:
            seen[labels[m.id]] = seen.get(labels[m.id], 0) + 1
            labels[m.id] = f"{labels[m.id]} {seen[labels[m.id]]}"
    return labels


def table(sheet: Sheet, key: str) -> None:
    tables.dataframe(shown(sheet), hide_index=True, width="stretch", key=key)


def versions(attempts: Sequence[Attempt]) -> dict[int, dict[str, Question]]:
    """attempt id -> the questions as that attempt showed them (stored versions, shown order)."""
    return {a.id: {q.id: q for _, q in store.attempts.questions_of(a)} for a in attempts}


quiz_titles = {q.id: q.title.get(lang) for q in content.quizzes}


@st.cache_data(max_entries=32, show_spinner=False)
def answers_export(
    fingerprint: tuple[Any, ...],
    member_ids: tuple[int, ...],
    lang: str,
    _store: Store,
    _attempts: list[Attempt],
) -> Sheet:
    """The group's answers sheet; rebuilt only when an attempt or a member changed."""
    return exports.answers_sheet(
        _store.attempts.answer_rows(list(member_ids)),
        versions(_attempts),
        quiz_titles,
        lang,
        with_learner=True,
    )


@st.cache_data(max_entries=4, show_spinner=False)
def gift_export(lang: str, _content: Content) -> bytes:
    return gift.gift(_content, lang).encode("utf-8")


@st.cache_data(max_entries=4, show_spinner=False)
def moodle_export(lang: str, _content: Content) -> bytes:
    return exports_moodle.moodle_xml(_content, lang).encode("utf-8")


st.title(t("results.title"))
groups = store.groups.groups_of(trainer.id)
if not groups:
    st.info(t("groups.none"))
    st.page_link("mglearn/ui/groups.py", label=t("groups.new"), icon=":material/group_add:")
    st.stop()

by_id = {g.id: g for g in groups}
if st.session_state.get("results_group") not in by_id:
    st.session_state.pop("results_group", None)  # a group deleted in another tab
group_id = st.selectbox(
    t("results.group"),
    list(by_id),
    format_func=lambda i: by_id[i].name,
    placeholder=t("quiz.choose_placeholder"),
    key="results_group",
)
group = store.groups.group(int(group_id), trainer.id)  # ownership checked in the store query
members: list[Learner] = store.groups.members(group.id)
member_ids = [m.id for m in members]
reads = store.groups.group_reads(member_ids)
attempts = store.groups.group_attempts(member_ids)
assignments = store.groups.assignments([group.id])
now = state.now()

reads_of: dict[int, dict[str, datetime]] = {}
for r in reads:
    reads_of.setdefault(r.learner_id, {})[r.lesson_id] = r.read_at
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

exams = store.exams.group_exams(member_ids, now)
certificates = store.certificates.certificates_of(member_ids)
st.header(t("results.roster"))
roster = exports.roster_sheet(analytics.roster(members, reads, attempts, statuses, exams, certificates), lang)
if members:
    table(roster, "roster")
else:
    st.info(t("tw.no_members_results"))
    st.page_link("mglearn/ui/groups.py", label=t("nav.groups"), icon=":material/groups:")

if members:
    st.header(t("results.detail"))
    names = {m.id: m.name for m in members}
    labels = member_labels(members)
    if st.session_state.get("results_learner") not in labels:
        st.session_state.pop("results_learner", None)
    chosen = int(
        st.selectbox(
            t("tw.member"),
            list(labels),
            format_func=labels.__getitem__,
            key="results_learner",
            placeholder=t("quiz.choose_placeholder"),
        )
    )
    own = attempts_of.get(chosen, [])
    rows = store.attempts.answer_rows([chosen]) if own else []
    if rows:
        table(exports.answers_sheet(rows, versions(own), quiz_titles, lang, with_learner=False), "answers")
    else:
        st.caption(t("tw.learner_no_attempts", name=md_escape(names[chosen])))

    st.header(t("results.heatmap"))
    measure = st.segmented_control(
        t("practice.heatmap_measure"),
        ["best", "knowledge"],
        format_func=lambda m: t(f"practice.measure_{m}"),
        default="best",
        required=True,
        key="heatmap_measure",
    )
    knowing = measure == "knowledge"  # mean fsrs retrievability a week on instead of the best score
    measure_title = t("practice.measure_knowledge") if knowing else t("col.best")
    if knowing:
        cards = store.practice.group_cards(member_ids)
        rows = practice.knowledge_grid(content, member_ids, cards, store.practice.practice_scheduler(), now)
        grid = pd.DataFrame(rows, columns=["learner_id", "lesson_id", "order", "best"])
    else:
        grid = analytics.mastery(content, members, attempts)
    grid["lesson"] = grid["order"].astype(str)
    grid["best_pct"] = grid["best"] * 100
    grid["label"] = grid["learner_id"].map(labels)
    grid["shown"] = [pct(None if b != b else b) for b in grid["best"]]
    x = alt.X(
        "lesson:O", title=t("col.lesson"), scale=alt.Scale(domain=[str(x.order) for x in content.lessons])
    )
    # every member, also one without attempts: the domain lists them all, a grey cell each
    y = alt.Y("label:N", title=None, scale=alt.Scale(domain=[labels[m.id] for m in members]))
    tooltip = [
        alt.Tooltip("label:N", title=t("tw.member")),
        alt.Tooltip("lesson:O", title=t("col.lesson")),
        alt.Tooltip("shown:N", title=measure_title),
    ]
    empty = alt.Chart(grid).mark_rect(color="#e6e6e6", stroke="white").encode(x=x, y=y, tooltip=tooltip)
    scored = (
        alt.Chart(grid.dropna(subset=["best_pct"]))
        .mark_rect(stroke="white")
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "best_pct:Q", title=measure_title, scale=alt.Scale(domain=[0, 100], range=brand.chart_scale())
            ),
            tooltip=tooltip,
        )
    )
    heat = empty + scored
    st.altair_chart(heat, width="stretch", alt=t("results.heatmap_alt"))
    st.caption(t("practice.heatmap_knowledge_note") if knowing else t("tw.heatmap_empty"))

st.header(t("results.items"))
quiz_id = st.selectbox(
    t("results.quiz"),
    list(quiz_titles),
    format_func=quiz_titles.__getitem__,
    placeholder=t("quiz.choose_placeholder"),
    key="results_quiz",
)
quiz = content.quiz(str(quiz_id))
responses = pd.DataFrame(store.groups.responses(str(quiz_id), member_ids)) if member_ids else pd.DataFrame()
stats = analytics.test_statistics(responses) if not responses.empty else None
if quiz is None or stats is None or not stats["n_attempts"]:
    st.caption(t("results.no_data"))
else:

    def num(value: float) -> str:
        text = "–" if value != value else f"{value:.2f}"
        return text.replace(".", ",") if lang == "nl" else text

    st.caption(
        tn(
            "tw.stats",
            int(stats["n_attempts"]),
            lang,
            mean=pct(stats["mean"]),
            sd=num(stats["sd"]),
            alpha=num(stats["alpha"]),
        )
    )
    items = shown(exports.items_sheet([(quiz, responses)], lang, with_quiz=False))
    # the key columns first (a phone shows the first few): which item, flagged, how hard, how well
    # it separates; then the question's text and the rest
    key = [t(k) for k in ("tw.col.question_id", "tw.col.flags", "tw.col.facility", "tw.col.discrimination")]
    order = [c for c in key if c in items.columns] + [c for c in items.columns if c not in key]
    tables.dataframe(items[order], hide_index=True, width="stretch", key=f"items_{quiz.id}")
    distractors = analytics.distractor_analysis(responses, quiz.questions)
    if not distractors.empty:
        st.markdown(f"**{t('results.distractors')}**")
        table(exports.distractors_sheet(distractors, quiz.questions, lang), f"distractors_{quiz.id}")

st.header(t("results.exports"))
fingerprint = (
    tuple((m.id, m.name) for m in members),
    tuple((a.id, a.seq, a.submitted_at, a.score) for a in attempts),
)
answers = answers_export(fingerprint, tuple(member_ids), lang, store, attempts)
per_quiz = (
    [(q, pd.DataFrame(store.groups.responses(q.id, member_ids))) for q in content.quizzes]
    if member_ids
    else []
)
items = exports.items_sheet(per_quiz, lang)
names_of = {m.id: m.name for m in members}
# the four exports side by side, wrapping onto a new line when they do not fit (never cut off)
exports_row = st.container(horizontal=True, key="results_exports")
with exports_row:
    st.download_button(
        t("results.roster_csv"),
        exports.csv_bytes(roster, lang, zone),
        file_name=f"deelnemers-{group.join_code}.csv" if lang == "nl" else f"roster-{group.join_code}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="dl_roster",
    )
with exports_row:
    st.download_button(
        t("results.answers_csv"),
        exports.csv_bytes(answers, lang, zone),
        file_name=f"antwoorden-{group.join_code}.csv" if lang == "nl" else f"answers-{group.join_code}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="dl_answers",
    )
with exports_row:
    st.download_button(
        t("tw.xlsx"),
        exports.xlsx_bytes(
            [roster, answers, items, exports.exams_sheet(exams, certificates, names_of, lang)], zone
        ),
        file_name=f"mglearn-{group.join_code}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key="dl_xlsx",
    )
with exports_row:
    st.download_button(
        t("results.gift"),
        gift_export(lang, content),
        file_name=f"mglearn-{lang}.gift.txt",
        mime="text/plain",
        icon=":material/download:",
        on_click="ignore",
        key="dl_gift",
    )
    st.download_button(
        t("results.moodle_xml"),
        moodle_export(lang, content),
        file_name=f"mglearn-{lang}.moodle.xml",
        mime="application/xml",
        icon=":material/download:",
        on_click="ignore",
        key="dl_moodle_xml",
    )
st.caption(t("tw.exports_help"))

exam_parts.results_section(store, trainer, members)  # the group's exams (issue 17)
