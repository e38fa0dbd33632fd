"""Issue 19, the learner's journeys in a real Chromium against the really started server:
start → lesson → quiz → review → progress → next lesson (Dutch and English, and Dutch with the
keyboard alone); resume after a reload, a server restart and on a second device; two tabs on one
quiz. Every text is looked up in mglearn.i18n, so each language is checked against its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mglearn.attempts import correct_response
from mglearn.content import Content, Question
from mglearn.i18n import pct
from mglearn.records import Attempt, Learner
from mglearn.store import Store

from .browser import TIMEOUT, app_server, assert_quiet_log
from .journeys import (
    LANGS,
    answer_with_keyboard,
    answer_with_mouse,
    press,
    same_answer,
    tab_to,
    text,
    wrong_response,
)

pytestmark = pytest.mark.browser


def learner_of(page: Page, store: Store) -> Learner:
    found = re.search(r"learner=(MG-[A-Z0-9-]+)", page.url)
    assert found, page.url
    learner = store.learners.learner_by_code(found.group(1), now=datetime.now(UTC))
    assert learner is not None
    return learner


def saved(store: Store, attempt: Attempt, q: Question, response: list[int]) -> Callable[[], bool]:
    return lambda: same_answer(q, store.attempts.answers(attempt.id).get(q.id), response)


def stored(store: Store, attempt: Attempt, q: Question) -> Callable[[], object]:
    return lambda: store.attempts.answers(attempt.id).get(q.id)


def sidebar_link(page: Page, key: str, lang: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=text(key, lang)).click()


def begin(page: Page, url: str, lang: str, name: str) -> None:
    page.goto(f"{url}/?lang={lang}")
    page.get_by_label(text("start.name", lang)).fill(name)
    page.get_by_role("button", name=text("start.begin", lang)).click()
    expect(page.get_by_text(text("start.welcome", lang, name=name))).to_be_visible()
    page.get_by_role("button", name=text("start.to_overview", lang)).click()
    expect(page.get_by_role("heading", name=text("overview.title", lang))).to_be_visible()


def check_review_progress_and_next_lesson(
    page: Page, content: Content, lang: str, score: float, wrong: Question | None
) -> None:
    """After the submit: the result, the review, the progress page and the way on."""
    lesson, second = content.lessons[0], content.lessons[1]
    quiz = content.quiz_for_lesson(lesson.id)
    assert quiz is not None
    words = {"score": pct(score), "pass_mark": pct(quiz.pass_mark)}
    expect(page.get_by_text(text("quiz.passed", lang, **words))).to_be_visible()
    expect(page.get_by_role("heading", name=text("quiz.review", lang))).to_be_visible()
    links = page.get_by_role("link", name=text("quiz.to_section", lang))
    expect(links).to_have_count(quiz.shown)  # each reviewed question leads back to its section
    if wrong is not None:  # the wrong answer is named with a cross (never colour alone) and its feedback
        option = wrong.options[wrong_response(wrong)[0]]
        expect(page.get_by_text(f"❌ {option.text.get(lang)} — {option.feedback.get(lang)}")).to_be_visible()

    sidebar_link(page, "nav.progress", lang)
    expect(page.get_by_role("heading", name=text("progress.title", lang))).to_be_visible()
    # the table is drawn on a canvas; its cells are also in the grid's own table (for screen readers)
    row = page.get_by_test_id("stDataFrame").first.locator(
        "tr", has_text=f"{lesson.order}. {lesson.title.get(lang)}"
    )
    expect(row.locator("td").nth(3)).to_have_text(pct(score))  # best
    expect(row.locator("td").nth(5)).to_have_text(text("progress.yes", lang))  # passed

    sidebar_link(page, "nav.overview", lang)
    status = text("status.passed", lang, best=pct(score))
    expect(page.get_by_text(status)).to_be_visible()
    title = second.title.get(lang)
    page.get_by_role("button", name=text("overview.next_lesson", lang, n=second.order, title=title)).click()
    expect(page.get_by_role("heading", name=f"{second.order}. {title}")).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_learner_journey_start_lesson_quiz_review_progress_next_lesson(
    page: Page, server: tuple[str, str], content: Content, lang: str
) -> None:
    url, db_url = server
    begin(page, url, lang, "Reis Rosa")
    lesson = content.lessons[0]
    title = lesson.title.get(lang)
    page.get_by_role("button", name=text("overview.begin", lang, n=lesson.order, title=title)).click()
    expect(page.get_by_role("heading", name=lesson.sections[0].title.get(lang))).to_be_visible()
    page.get_by_role("button", name=text("lesson.mark_read", lang)).click()
    expect(page.get_by_text(text("lesson.is_read", lang, date="")).first).to_be_visible()
    page.get_by_role("button", name=text("lesson.take_quiz", lang)).click()
    page.get_by_role("button", name=text("quiz.start", lang)).click()
    expect(page.get_by_role("button", name=text("quiz.submit_anyway", lang))).to_be_visible()

    store = Store(db_url)
    learner = learner_of(page, store)
    quiz = content.quiz_for_lesson(lesson.id)
    assert quiz is not None and learner.lang == lang
    attempt = store.attempts.open_attempt(learner.id, quiz.id)
    assert attempt is not None
    questions = store.attempts.questions_of(attempt)
    wrong = next(q for _, q in questions if q.type in ("single", "true_false"))
    for n, (_, q) in enumerate(questions, 1):
        response = wrong_response(q) if q is wrong else correct_response(q)
        box = page.locator(f".st-key-question_{n}")
        answer_with_mouse(page, box, q, response, lang, stored(store, attempt, q))
    total = len(questions)
    expect(page.get_by_text(text("quiz.answered", lang, done=total, total=total))).to_be_visible()
    page.get_by_role("button", name=text("quiz.submit", lang), exact=True).click()
    score = (total - 1) / total
    check_review_progress_and_next_lesson(page, content, lang, score, wrong)
    done = store.attempts.attempt(attempt.id)
    assert done.submitted and done.score == pytest.approx(score)
    store.dispose()


def test_learner_journey_with_the_keyboard_alone(
    page: Page, server: tuple[str, str], content: Content
) -> None:
    """The Dutch journey with Tab, Shift+Tab, the arrow keys, Space and Enter only: every
    control tabbed to shows a visible focus (tab_to checks each stop on the way)."""
    url, db_url = server
    lang = "nl"
    page.goto(url)
    name = page.get_by_label(text("start.name", lang))
    tab_to(page, name)
    page.keyboard.type("Toetsenbord Tom")
    press(page, page.get_by_role("button", name=text("start.begin", lang)))
    press(page, page.get_by_role("button", name=text("start.to_overview", lang)))
    lesson = content.lessons[0]
    title = lesson.title.get(lang)
    press(page, page.get_by_role("button", name=text("overview.begin", lang, n=lesson.order, title=title)))
    expect(page.get_by_role("heading", name=lesson.sections[0].title.get(lang))).to_be_visible()
    press(page, page.get_by_role("button", name=text("lesson.mark_read", lang)))
    expect(page.get_by_text(text("lesson.is_read", lang, date="")).first).to_be_visible()
    press(page, page.get_by_role("button", name=text("lesson.take_quiz", lang)), back=True)
    press(page, page.get_by_role("button", name=text("quiz.start", lang)))
    submit = page.get_by_role("button", name=text("quiz.submit_anyway", lang))
    expect(submit).to_be_visible()

    store = Store(db_url)
    learner = learner_of(page, store)
    quiz = content.quiz_for_lesson(lesson.id)
    assert quiz is not None
    attempt = store.attempts.open_attempt(learner.id, quiz.id)
    assert attempt is not None
    questions = store.attempts.questions_of(attempt)
    for n, (drawn, q) in enumerate(questions, 1):
        box = page.locator(f".st-key-question_{n}")
        answer_with_keyboard(page, box, drawn, q, lang, saved(store, attempt, q, correct_response(q)))
    total = len(questions)
    expect(page.get_by_text(text("quiz.answered", lang, done=total, total=total))).to_be_visible()
    press(page, page.get_by_role("button", name=text("quiz.submit", lang), exact=True))
    words = {"score": pct(1.0), "pass_mark": pct(quiz.pass_mark)}
    expect(page.get_by_text(text("quiz.passed", lang, **words))).to_be_visible()
    second = content.lessons[1]
    press(page, page.get_by_role("link", name=text("quiz.back_to_overview", lang)))
    title = second.title.get(lang)
    press(
        page, page.get_by_role("button", name=text("overview.next_lesson", lang, n=second.order, title=title))
    )
    expect(page.get_by_role("heading", name=f"{second.order}. {title}")).to_be_visible()
    assert store.attempts.attempt(attempt.id).score == 1.0
    store.dispose()


def test_resume_after_reload_server_restart_and_on_a_second_device(
    browser: Browser, tmp_path: Path, content: Content
) -> None:
    """Answers given before the app server was stopped are there after a new server starts on
    the same database: in the first tab after a reload, and on a second device (a new browser
    context) where the learner types their resume code."""
    db_url = f"sqlite:///{tmp_path / 'resume.sqlite3'}"
    lang = "nl"
    quiz = content.quizzes[0]
    first = browser.new_context(viewport={"width": 1200, "height": 1000})
    first.set_default_timeout(TIMEOUT)
    page = first.new_page()
    store = Store(db_url)
    with app_server(db_url, tmp_path / "server1.log") as url:
        begin(page, url, lang, "Hervat Henk")
        learner = learner_of(page, store)
        page.goto(f"{url}/quiz?learner={learner.code}&quiz={quiz.id}")
        page.get_by_role("button", name=text("quiz.start", lang)).click()
        expect(page.locator(".st-key-question_1")).to_be_visible()
        attempt = store.attempts.open_attempt(learner.id, quiz.id)
        assert attempt is not None
        questions = store.attempts.questions_of(attempt)
        chosen = [(n, q) for n, (_, q) in enumerate(questions, 1) if q.type in ("single", "true_false")][:2]
        for n, q in chosen:
            box = page.locator(f".st-key-question_{n}")
            answer_with_mouse(page, box, q, correct_response(q), lang, stored(store, attempt, q))
        page.reload()
        done = text("quiz.answered", lang, done=2, total=len(questions))
        expect(page.get_by_text(done)).to_be_visible()
    assert_quiet_log(tmp_path / "server1.log")

    def shows_the_answers(p: Page) -> None:
        expect(p.get_by_text(done)).to_be_visible()
        for n, q in chosen:
            label = q.options[correct_response(q)[0]].text.get(lang)
            radio = p.locator(f".st-key-question_{n}").get_by_role("radio", name=label, exact=True)
            expect(radio).to_be_checked()

    with app_server(db_url, tmp_path / "server2.log") as url:  # a new process, the same database
        page.goto(f"{url}/quiz?learner={learner.code}&quiz={quiz.id}")  # the bookmarked link
        shows_the_answers(page)

        second = browser.new_context(viewport={"width": 1200, "height": 1000})
        second.set_default_timeout(TIMEOUT)
        other = second.new_page()
        other.goto(url)
        other.get_by_role("textbox", name=text("start.code", lang)).fill(learner.code)
        other.get_by_role("button", name=text("start.resume", lang)).click()
        expect(other.get_by_role("heading", name=text("overview.title", lang))).to_be_visible()
        resume = text("overview.resume_quiz", lang, n=content.lessons[0].order)
        other.get_by_role("button", name=resume).click()
        shows_the_answers(other)
        second.close()
    first.close()
    assert_quiet_log(tmp_path / "server2.log")
    assert store.attempts.answers(attempt.id).keys() == {q.id for _, q in chosen}
    store.dispose()


def test_two_tabs_on_one_quiz_a_stale_submit_is_refused(
    browser: Browser, server: tuple[str, str], content: Content
) -> None:
    """Tab 2 answers a question tab 1 has not seen; tab 1's submit is refused with the message,
    then tab 1 shows that answer; only a submit after that grades, and it grades what tab 1
    showed."""
    url, db_url = server
    lang = "nl"
    store = Store(db_url)
    learner = store.learners.create_learner("Twee Tabs", now=datetime.now(UTC))
    quiz = content.quizzes[0]
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    q1, q2 = [
        (n, q) for n, (_, q) in enumerate(store.attempts.questions_of(attempt), 1) if q.type == "single"
    ][:2]
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    address = f"{url}/quiz?learner={learner.code}&quiz={quiz.id}"
    tab1 = context.new_page()
    tab1.goto(address)
    expect(tab1.locator(f".st-key-question_{q2[0]}")).to_be_visible()
    tab2 = context.new_page()
    tab2.goto(address)
    expect(tab2.locator(f".st-key-question_{q2[0]}")).to_be_visible()

    right1, right2 = correct_response(q1[1]), correct_response(q2[1])
    box1 = tab1.locator(f".st-key-question_{q1[0]}")
    answer_with_mouse(tab1, box1, q1[1], right1, lang, stored(store, attempt, q1[1]))
    box2 = tab2.locator(f".st-key-question_{q2[0]}")
    answer_with_mouse(tab2, box2, q2[1], right2, lang, stored(store, attempt, q2[1]))

    label2 = q2[1].options[right2[0]].text.nl
    tab1_q2 = tab1.locator(f".st-key-question_{q2[0]}").get_by_role("radio", name=label2, exact=True)
    expect(tab1_q2).not_to_be_checked()  # tab 1 has not seen it
    tab1.get_by_role("button", name=text("quiz.submit_anyway", lang)).click()
    expect(tab1.get_by_text(text("error.attempt_changed", lang))).to_be_visible()
    expect(tab1_q2).to_be_checked()  # and now shows it
    assert not store.attempts.attempt(attempt.id).submitted  # nothing graded that tab 1 did not show
    total = len(store.attempts.questions_of(attempt))
    expect(tab1.get_by_text(text("quiz.answered", lang, done=2, total=total))).to_be_visible()

    tab1.get_by_role("button", name=text("quiz.submit_anyway", lang)).click()
    words = {"score": pct(2 / total), "pass_mark": pct(quiz.pass_mark)}
    expect(tab1.get_by_text(text("quiz.failed", lang, **words))).to_be_visible()
    done = store.attempts.attempt(attempt.id)
    assert done.submitted and done.score == pytest.approx(2 / total)
    context.close()
    store.dispose()
