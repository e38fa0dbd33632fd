"""The whole app in a real headless Chromium against a really started server."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mglearn.content import Content
from mglearn.store import Store

from .browser import TIMEOUT, wait_until
from .staff import add_enrolled_trainer, finish_sign_in

pytestmark = pytest.mark.browser


def answer_question(
    page: Page, number: int, labels: list[str], kind: str, saved: Callable[[], list[int | None]]
) -> None:
    box = page.locator(f".st-key-question_{number}")
    if kind in ("matching", "gapselect"):  # a select box per pair or gap
        for j, right in enumerate(labels):
            combo = box.get_by_role("combobox").nth(j)
            combo.click()
            page.keyboard.type(right)
            page.get_by_role("option", name=right, exact=True).click()
            wait_until(lambda j=j: len(saved()) > j and saved()[j] is not None)
        return
    for k, label in enumerate(labels, 1):
        box.get_by_text(label, exact=True).click()
        wait_until(lambda k=k: len(saved()) >= k)


def test_new_learner_lesson_and_quiz_survive_reload(
    page: Page, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    page.goto(url)
    page.get_by_label("Je naam").fill("Browser Bea")
    page.get_by_role("button", name="Beginnen").click()
    expect(page.get_by_text("Bewaar je hervatcode")).to_be_visible()
    page.get_by_role("button", name="Naar de lessen").click()
    expect(page.get_by_role("heading", name="Jouw leerpad")).to_be_visible()
    assert re.search(r"learner=MG-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", page.url)

    lesson = content.lessons[0]
    reads = page.get_by_role("link", name="Lezen")
    expect(reads).to_have_count(len(content.lessons))  # the whole path is drawn before we click
    reads.first.click()
    expect(page.get_by_role("heading", name=lesson.sections[0].title.nl)).to_be_visible()
    page.get_by_role("button", name="Markeer als gelezen").click()
    expect(page.get_by_text("Gelezen op")).to_be_visible()
    page.get_by_role("button", name="Maak de toets").click()
    page.get_by_role("button", name="Start de toets").click()
    expect(page.locator(".st-key-question_1")).to_be_visible()

    store = Store(db_url)
    learner_code = re.search(r"learner=(MG-[A-Z0-9-]+)", page.url)
    assert learner_code
    learner = store.learners.learner_by_code(learner_code.group(1), now=datetime.now(UTC))
    assert learner is not None
    quiz = content.quiz_for_lesson(lesson.id)
    assert quiz is not None
    attempt = store.attempts.open_attempt(learner.id, quiz.id)
    assert attempt is not None
    questions = store.attempts.questions_of(attempt)

    def saved(q_index: int) -> Callable[[], list[int | None]]:
        return lambda: store.attempts.answers(attempt.id).get(questions[q_index][1].id, [])

    def correct_labels(q_index: int) -> tuple[list[str], str]:
        _, q = questions[q_index]
        if q.type == "matching":
            return [p.right.nl for p in q.pairs], q.type
        return [o.text.nl for o in q.options if o.correct], q.type

    # Answer the first three, then reload mid-quiz: the answers are still there.
    for n in range(3):
        labels, kind = correct_labels(n)
        answer_question(page, n + 1, labels, kind, saved(n))
    total = len(questions)  # the attempt's drawn questions (quiz.shown)
    expect(page.get_by_text(f"3 van {total} beantwoord")).to_be_visible()
    assert len(store.attempts.answers(attempt.id)) == 3
    page.reload()
    expect(page.get_by_text(f"3 van {total} beantwoord")).to_be_visible()
    for n in range(3):
        labels, kind = correct_labels(n)
        if kind not in ("matching", "gapselect"):
            for label in labels:
                box = page.locator(f".st-key-question_{n + 1}")
                expect(
                    box.get_by_role("radio" if kind != "multiple" else "checkbox", name=label, exact=True)
                ).to_be_checked()

    for n in range(3, len(questions)):
        labels, kind = correct_labels(n)
        answer_question(page, n + 1, labels, kind, saved(n))
    expect(page.get_by_text(f"{total} van {total} beantwoord")).to_be_visible()
    page.get_by_role("button", name="Inleveren").click()
    expect(page.get_by_text("Gehaald! Je score is 100%")).to_be_visible()
    done = store.attempts.attempt(attempt.id)
    assert done.submitted and done.score == 1.0
    store.dispose()


def test_trainer_group_learner_joins_and_result_shows(
    browser: Browser, server: tuple[str, str], content: Content, tmp_path: Path
) -> None:
    url, db_url = server
    store = Store(db_url)
    tina, secret, _ = add_enrolled_trainer(store)

    trainer = browser.new_context(viewport={"width": 1300, "height": 1100})
    trainer.set_default_timeout(TIMEOUT)
    tpage = trainer.new_page()
    tpage.goto(f"{url}/trainer")
    tpage.get_by_label("Naam").fill("Tina")
    tpage.get_by_label("Wachtwoord").fill("correct horse")
    tpage.get_by_role("button", name="Aanmelden").click()
    finish_sign_in(tpage, store, tina.id, secret)
    expect(tpage.get_by_role("heading", name="Resultaten")).to_be_visible()
    tpage.get_by_role("link", name="Groepen").click()
    tpage.get_by_label("Naam van de groep").fill("Klas 3B")
    tpage.get_by_role("button", name="Groep maken").click()
    code_text = tpage.get_by_text(re.compile(r"GR-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")).first
    expect(code_text).to_be_visible()
    match = re.search(r"GR-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code_text.inner_text())
    assert match
    join_code = match.group(0)

    learner = browser.new_context(viewport={"width": 1200, "height": 1000})
    learner.set_default_timeout(TIMEOUT)
    lpage = learner.new_page()
    lpage.goto(url)
    lpage.get_by_label("Je naam").fill("Lotte Leerling")
    lpage.get_by_label("Groepscode").fill(join_code)
    lpage.get_by_role("button", name="Beginnen").click()
    expect(lpage.get_by_text("Bewaar je hervatcode")).to_be_visible()
    lpage.get_by_role("button", name="Naar de lessen").click()
    lpage.locator("[data-testid=stMain]").get_by_role("link", name="Toets").first.click()
    lpage.get_by_role("button", name="Start de toets").click()
    first = lpage.locator(".st-key-question_1")
    expect(first).to_be_visible()
    group = store.groups.groups_of(store.trainers.trainer_by_name("Tina").id)[0]  # type: ignore[union-attr]
    (member,) = store.groups.members(group.id)
    assert member.name == "Lotte Leerling"
    attempt = store.attempts.open_attempt(member.id, content.quizzes[0].id)
    assert attempt is not None
    questions = store.attempts.questions_of(attempt)
    answered = 0
    for n, (_, q) in enumerate(questions, 1):
        if q.type not in ("matching", "gapselect") and answered < 2:
            labels = [o.text.nl for o in q.options if o.correct]
            answer_question(
                lpage, n, labels, q.type, lambda q=q: store.attempts.answers(attempt.id).get(q.id, [])
            )
            answered += 1
    lpage.get_by_role("button", name="Toch inleveren").click()
    expect(lpage.get_by_text("Nog niet gehaald")).to_be_visible()

    tpage.get_by_role("link", name="Resultaten").click()
    expect(tpage.get_by_text("1 poging ·")).to_be_visible()
    expect(tpage.get_by_test_id("stVegaLiteChart").get_by_text("Lotte Leerling")).to_be_visible()  # heatmap
    tpage.screenshot(path=str(tmp_path / "results.png"), full_page=True)
    trainer.close()
    learner.close()
    store.dispose()
