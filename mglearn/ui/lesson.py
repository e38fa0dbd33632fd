"""Lesson: sections, key points, context notes set apart, mark as read, on to the quiz."""

from __future__ import annotations

import json

import streamlit as st

from mglearn.ui import check_yourself, figures, lesson_pages, state
from mglearn.ui.state import t, tn
from mglearn.ui.widgets import date, focus_after_rerun, go, link, page_title

page_title("nav.lesson")
person = state.require_learner()
content = state.content()
lang = state.lang()
store = state.store()
state.show_flash()
JUST_READ = "lesson_just_read"  # the lesson marked read in the run before: focus moves on

lessons = content.lessons
wanted = st.query_params.get("lesson")
lesson = content.lesson(wanted) if wanted else None
if lesson is None:
    if wanted:
        st.warning(t("error.not_found_lesson"))
    reads = store.learners.reads(person.id)
    lesson = next((x for x in lessons if x.id not in reads), lessons[0])
    st.query_params["lesson"] = lesson.id

index = lessons.index(lesson)
st.title(f"{lesson.order}. {lesson.title.get(lang)}")
st.caption(t("lesson.meta", n=index + 1, total=len(lessons), minutes=tn("plural.minutes", lesson.minutes)))

focus = st.query_params.get("section")
focused = lesson.section(focus) if focus else None
if focused is not None:
    st.info(t("lesson.review_focus", title=focused.title.get(lang)), icon=":material/replay:")

shown, at_end = lesson_pages.sections(lesson, focused)  # all, or one at a time (issue 30)
for section in shown:
    box = st.container(border=section is focused, key=f"section_{section.id}")
    with box:
        st.header(section.title.get(lang), anchor=section.id)
        st.markdown(section.body.get(lang))
        if section.figure is not None:
            figures.show(section.figure, lang, section.id)
    check_yourself.show(person.id, section)  # practice-only items under their section (issue 30)
    lesson_pages.paging(lesson, section)

if focused is not None:  # opened from a quiz review: scroll to that section once it is drawn
    target = json.dumps(focused.id).replace("<", "\\u003c")
    st.html(
        "<script>(function () {"
        f"const id = {target}; let tries = 0;"
        "const go = () => { const el = document.getElementById(id);"
        " if (el) { el.scrollIntoView({block: 'start'}); } else if (tries++ < 50) { setTimeout(go, 100); } };"
        "go(); })();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )

if not at_end:  # paged: the key points and "Markeer als gelezen" come with the last section
    st.stop()

if lesson.key_points:
    with st.container(border=True):
        st.markdown(f"### :material/lightbulb: {t('lesson.key_points')}")
        st.markdown("\n".join(f"- {point.get(lang)}" for point in lesson.key_points))

if lesson.context_notes:
    with st.expander(t("lesson.context"), icon=":material/info:", expanded=False):
        st.caption(t("lesson.context_intro"))
        for note in lesson.context_notes:
            st.markdown(note.text.get(lang))
            st.caption(t("lesson.reference", ref=note.reference))

st.caption(t("lesson.source", source=lesson.source))
st.divider()

read_at = store.learners.reads(person.id).get(lesson.id)
quiz = content.quiz_for_lesson(lesson.id)
read_col, quiz_col = st.columns(2)
with read_col:
    if read_at:
        st.success(t("lesson.is_read", date=date(read_at)), icon=":material/check:")
    elif st.button(t("lesson.mark_read"), icon=":material/done:", type="primary"):
        store.learners.mark_read(person.id, lesson.id, state.now())
        st.session_state[JUST_READ] = lesson.id
        st.rerun()
with quiz_col:
    if quiz is not None and st.button(
        t("lesson.take_quiz"),
        icon=":material/quiz:",
        type="primary" if read_at else "secondary",
        key="lesson_take_quiz",
    ):
        go("quiz", quiz=quiz.id)

prev_col, next_col = st.columns(2)
with prev_col:
    if index > 0:
        link("lesson", t("lesson.previous"), lesson=lessons[index - 1].id)
with next_col:
    if index + 1 < len(lessons):
        with st.container(key="lesson_next"):
            link("lesson", t("lesson.next"), lesson=lessons[index + 1].id)

# The clicked button is gone now: focus goes on to what comes next (the quiz, else the next lesson).
if st.session_state.pop(JUST_READ, None) == lesson.id:
    focus_after_rerun(".st-key-lesson_take_quiz button, .st-key-lesson_next a")
