"""Issue 19, the trainer's, the candidate's and the practising learner's journeys in a real
Chromium against the really started server, in Dutch and in English (texts from mglearn.i18n),
and the trainer's groups and the exam with the keyboard alone."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pypdf
import pytest
from lxml import etree
from playwright.sync_api import Browser, Page, expect

from mglearn import web
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.i18n import pct
from mglearn.store import Store

from .browser import TIMEOUT, app_server, assert_quiet_log, settled, wait_until
from .journeys import LANGS, answer_with_keyboard, answer_with_mouse, press, same_answer, tab_to, text
from .staff import add_enrolled_trainer, finish_sign_in, fresh_code

pytestmark = pytest.mark.browser


def download(page: Page, label: str, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_trainer_journey_group_assignment_join_by_link_results_and_downloads(
    browser: Browser, server: tuple[str, str], content: Content, tmp_path: Path, lang: str
) -> None:
    url, db_url = server
    store = Store(db_url)
    tina, secret, _ = add_enrolled_trainer(store)
    trainer = browser.new_context(viewport={"width": 1300, "height": 1100}, accept_downloads=True)
    trainer.set_default_timeout(TIMEOUT)
    tpage = trainer.new_page()
    tpage.goto(f"{url}/trainer?lang={lang}")
    tpage.get_by_label(text("trainer.name", lang)).fill("Tina")
    tpage.get_by_label(text("trainer.password", lang)).fill("correct horse")
    tpage.get_by_role("button", name=text("trainer.do_signin", lang)).click()
    finish_sign_in(tpage, store, tina.id, secret, lang)
    results = tpage.get_by_role("heading", name=text("results.title", lang))
    expect(results).to_be_visible()
    tpage.reload()  # a refresh keeps the trainer signed in
    expect(results).to_be_visible()

    tpage.get_by_test_id("stSidebarNav").get_by_role("link", name=text("nav.groups", lang)).click()
    tpage.get_by_label(text("groups.name", lang)).fill("Klas 3B")
    tpage.get_by_role("button", name=text("groups.create", lang)).click()
    join = tpage.get_by_test_id("stCode").first
    expect(join).to_contain_text("?join=GR-")
    link = join.inner_text().strip()

    quiz = content.quizzes[0]
    lesson = content.lesson(quiz.lesson)
    assert lesson is not None
    tpage.get_by_label(text("groups.assignment_title", lang)).fill("Week 1")
    for label, choice in (
        (text("groups.lessons", lang), f"{lesson.order}. {lesson.title.get(lang)}"),
        (text("groups.quizzes", lang), quiz.title.get(lang)),
    ):
        tpage.get_by_role("combobox", name=label).click()
        tpage.keyboard.type(choice)
        tpage.get_by_role("option", name=choice, exact=True).click()
        tpage.keyboard.press("Escape")
    tpage.get_by_label(text("groups.pass_mark", lang)).fill("80")
    settled(tpage)  # no run drawing the form while the click lands (a click was lost once in CI)
    tpage.get_by_role("button", name=text("groups.add_assignment", lang)).click()
    expect(tpage.get_by_text(re.compile(r"^Week 1 · "))).to_be_visible()

    learner = browser.new_context(viewport={"width": 1200, "height": 1000})
    learner.set_default_timeout(TIMEOUT)
    lpage = learner.new_page()
    lpage.goto(f"{link}&lang={lang}")  # the join link as the trainer shares it
    expect(lpage.get_by_role("textbox", name=text("start.join", lang))).to_have_value(link.split("=")[-1])
    lpage.get_by_role("textbox", name=text("start.name", lang)).fill("Lotte Leerling")
    lpage.get_by_role("button", name=text("start.begin", lang)).click()
    lpage.get_by_role("button", name=text("start.to_overview", lang)).click()
    expect(lpage.get_by_role("heading", name=text("overview.assignments", lang))).to_be_visible()
    expect(lpage.get_by_text("Week 1", exact=True)).to_be_visible()
    member = store.groups.members(store.groups.groups_of(store.trainers.trainer_by_name("Tina").id)[0].id)[0]  # type: ignore[union-attr]
    attempt = store.attempts.start_attempt(
        member.id, quiz, now=datetime.now(UTC)
    )  # the quiz itself: tests/test_journeys_browser.py
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))

    tpage.get_by_test_id("stSidebarNav").get_by_role("link", name=text("nav.results", lang)).click()
    expect(results).to_be_visible()
    roster = tpage.get_by_test_id("stDataFrame").first.locator("tr", has_text="Lotte Leerling")
    expect(roster).to_have_count(1)

    book = openpyxl.load_workbook(io.BytesIO(download(tpage, text("tw.xlsx", lang), tmp_path)))
    assert len(book.sheetnames) == 4  # roster, answers, items, exams
    assert "Lotte Leerling" in {c.value for c in book.worksheets[0]["A"]}
    sep = ";" if lang == "nl" else ","  # as a spreadsheet in that language expects it
    roster_csv = download(tpage, text("results.roster_csv", lang), tmp_path).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(roster_csv), delimiter=sep))
    assert [r[0] for r in rows[1:]] == ["Lotte Leerling"]
    answers_csv = download(tpage, text("results.answers_csv", lang), tmp_path).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(answers_csv), delimiter=sep))
    assert len(rows) - 1 == len(store.attempts.questions_of(attempt)) and {r[0] for r in rows[1:]} == {
        "Lotte Leerling"
    }
    gift = download(tpage, text("results.gift", lang), tmp_path).decode("utf-8")
    assert gift.startswith("$CATEGORY:") and f"::{quiz.questions[0].id}::" in gift
    bank = etree.fromstring(download(tpage, text("results.moodle_xml", lang), tmp_path))
    assert bank.tag == "quiz" and bank.find("question/category/text").text == f"mglearn/{quiz.id}"
    assert bank.find("question[@type='gapselect']/questiontext/text").text.count("[[1]]") == 1
    trainer.close()
    learner.close()
    store.dispose()


def test_trainer_creates_a_group_and_an_assignment_with_the_keyboard_alone(
    browser: Browser, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    lang = "nl"
    store = Store(db_url)
    tina, secret, _ = add_enrolled_trainer(store)
    context = browser.new_context(viewport={"width": 1300, "height": 1100})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    page.goto(f"{url}/trainer")
    name = page.get_by_label(text("trainer.name", lang))
    tab_to(page, name)
    page.keyboard.type("Tina")
    tab_to(page, page.get_by_label(text("trainer.password", lang)))
    page.keyboard.type("correct horse")
    press(page, page.get_by_role("button", name=text("trainer.do_signin", lang)))
    tab_to(page, page.get_by_label(text("factor.code", lang), exact=True))  # the second factor, by keyboard
    page.keyboard.type(fresh_code(store, tina.id, secret))
    press(page, page.get_by_role("button", name=text("factor.do_code", lang)))
    expect(page.get_by_role("heading", name=text("results.title", lang))).to_be_visible()
    press(page, page.get_by_test_id("stSidebarNav").get_by_role("link", name=text("nav.groups", lang)))
    tab_to(page, page.get_by_label(text("groups.name", lang)))
    page.keyboard.type("Klas 4A")
    press(page, page.get_by_role("button", name=text("groups.create", lang)))
    expect(page.get_by_test_id("stCode").first).to_contain_text("?join=GR-")

    tab_to(page, page.get_by_label(text("groups.assignment_title", lang)))
    page.keyboard.type("Toetsenbordweek")
    tab_to(page, page.get_by_role("combobox", name=text("groups.quizzes", lang)))
    page.keyboard.press("ArrowDown")  # opens the list on its first entry, "Select all"
    page.keyboard.press("ArrowDown")  # the first quiz
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    press(page, page.get_by_role("button", name=text("groups.add_assignment", lang)))
    expect(page.get_by_text(re.compile(r"^Toetsenbordweek · "))).to_be_visible()
    (group,) = store.groups.groups_of(store.trainers.trainer_by_name("Tina").id)  # type: ignore[union-attr]
    (assignment,) = store.groups.assignments([group.id])
    assert group.name == "Klas 4A" and assignment.quizzes == (content.quizzes[0].id,)
    context.close()
    store.dispose()


def exam_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Store]:
    db_url = f"sqlite:///{tmp_path / 'exam.sqlite3'}"
    monkeypatch.setenv("MGLEARN_EXAM_QUESTIONS", "4")  # the same exam, drawn shorter
    return db_url, Store(db_url)


def time_left(page: Page, lang: str) -> int:
    label = page.get_by_text(re.compile(re.escape(text("exam.time_left", lang)))).inner_text()
    minutes, seconds = re.search(r"(\d\d):(\d\d)", label).groups()  # type: ignore[union-attr]
    return int(minutes) * 60 + int(seconds)


@pytest.mark.parametrize("lang", LANGS)
def test_exam_journey_reload_submit_pdf_and_verify(
    browser: Browser, tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    db_url, store = exam_server(tmp_path, monkeypatch)
    learner = store.learners.create_learner("Examen Eva", lang, now=datetime.now(UTC))
    by_id = {q.id: q for _, q in content.questions()}
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    with app_server(db_url, tmp_path / "server.log") as url:
        page.goto(f"{url}/exam?learner={learner.code}&lang={lang}")
        page.get_by_role("button", name=text("exam.start", lang)).click()
        box = page.locator(".st-key-exam_question")
        expect(box.get_by_text(text("quiz.question", lang, n=1))).to_be_visible()
        exam = store.exams.open_exam(learner.id, now=datetime.now(UTC))
        assert exam is not None and len(exam.draw) == 4
        questions = [by_id[d.question_id] for d in exam.draw]

        def answer(n: int) -> None:
            q = questions[n - 1]
            expect(box.get_by_text(text("quiz.question", lang, n=n))).to_be_visible()
            stored = lambda: store.attempts.answers(exam.id).get(q.id)  # noqa: E731
            answer_with_mouse(page, box, q, correct_response(q), lang, stored, caption=False)
            wait_until(lambda: same_answer(q, stored(), correct_response(q)))

        answer(1)
        page.get_by_role("button", name=text("exam.next", lang)).click()
        answer(2)
        box.get_by_text(text("exam.flag", lang)).click()
        wait_until(lambda: store.attempts.attempt(exam.id).flags == (questions[1].id,))
        before = time_left(page, lang)

        page.reload()  # mid-exam: the same question, its answer, its flag; no time given back
        expect(box.get_by_text(text("quiz.question", lang, n=2))).to_be_visible()
        expect(box.get_by_role("switch", name=text("exam.flag", lang))).to_be_checked()
        if questions[1].type in ("single", "true_false"):
            label = questions[1].options[correct_response(questions[1])[0]].text.get(lang)
            expect(box.get_by_role("radio", name=label, exact=True)).to_be_checked()
        assert time_left(page, lang) <= before
        palette = text("exam.palette_status", lang, answered=2, total=4, flagged="")
        expect(page.get_by_text(palette, exact=False).first).to_be_visible()

        for n in (3, 4):
            page.get_by_role("button", name=text("exam.next", lang)).click()
            answer(n)
        page.get_by_role("button", name=text("exam.submit", lang)).click()
        page.get_by_role("button", name=text("exam.submit_final", lang)).click()
        done = store.attempts.attempt(exam.id)
        words = {"score": pct(1.0), "pass_mark": pct(done.pass_mark)}
        expect(page.get_by_text(text("exam.passed", lang, **words))).to_be_visible()
        # the certificate is issued further down the same run: wait until its section is drawn
        expect(page.get_by_text(text("exam.download_pdf", lang))).to_be_visible()

        (cert,) = store.certificates.certificates_of([learner.id])
        pdf = pypdf.PdfReader(io.BytesIO(download(page, text("exam.download_pdf", lang), tmp_path)))
        words_in_pdf = "".join(p.extract_text() for p in pdf.pages)
        assert cert.code in words_in_pdf and "Examen Eva" in words_in_pdf

        page.goto(f"{url}/verify/{cert.code}?lang={lang}")
        expect(page.get_by_role("status")).to_have_text(web._VERIFY_WORDS[lang]["valid"])
        expect(page.get_by_text("Examen Eva")).to_be_visible()
        context.close()
    assert_quiet_log(tmp_path / "server.log")
    store.dispose()


def test_exam_with_the_keyboard_alone_start_answer_flag_submit(
    browser: Browser, tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    lang = "nl"
    db_url, store = exam_server(tmp_path, monkeypatch)
    learner = store.learners.create_learner("Toetsenbord Tess", now=datetime.now(UTC))
    by_id = {q.id: q for _, q in content.questions()}
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    with app_server(db_url, tmp_path / "server.log") as url:
        page.goto(f"{url}/exam?learner={learner.code}")
        press(page, page.get_by_role("button", name=text("exam.start", lang)))
        box = page.locator(".st-key-exam_question")
        wait_until(lambda: store.exams.open_exam(learner.id, now=datetime.now(UTC)) is not None)
        exam = store.exams.open_exam(learner.id, now=datetime.now(UTC))
        assert exam is not None
        for n, drawn in enumerate(exam.draw, 1):
            q = by_id[drawn.question_id]
            expect(box.get_by_text(text("quiz.question", lang, n=n))).to_be_visible()
            answer_with_keyboard(
                page,
                box,
                drawn,
                q,
                lang,
                lambda q=q: same_answer(q, store.attempts.answers(exam.id).get(q.id), correct_response(q)),
            )
            if n == 1:
                press(page, box.get_by_role("switch", name=text("exam.flag", lang)), "Space")
                wait_until(lambda q=q: store.attempts.attempt(exam.id).flags == (q.id,))
            if n < len(exam.draw):
                press(page, page.get_by_role("button", name=text("exam.next", lang)))
        press(page, page.get_by_role("button", name=text("exam.submit", lang)))
        press(page, page.get_by_role("button", name=text("exam.submit_final", lang)))
        done = store.attempts.attempt(exam.id)
        expect(
            page.get_by_text(text("exam.passed", lang, score=pct(1.0), pass_mark=pct(done.pass_mark)))
        ).to_be_visible()
        assert store.attempts.attempt(exam.id).submitted and store.attempts.attempt(exam.id).score == 1.0
        context.close()
    store.dispose()


@pytest.mark.parametrize("lang", LANGS)
def test_practice_journey_session_feedback_summary(
    browser: Browser, tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    db_url = f"sqlite:///{tmp_path / 'practice.sqlite3'}"
    monkeypatch.setenv("MGLEARN_PRACTICE_SESSION", "2")  # a short round
    store = Store(db_url)
    learner = store.learners.create_learner("Oefen Olga", lang, now=datetime.now(UTC))
    store.learners.mark_read(learner.id, content.lessons[0].id, now=datetime.now(UTC))
    quiz = content.quiz_for_lesson(content.lessons[0].id)
    assert quiz is not None
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    with app_server(db_url, tmp_path / "server.log") as url:
        page.goto(f"{url}/practice?learner={learner.code}&lang={lang}")
        page.get_by_role("button", name=text("practice.start", lang)).click()
        for n in (1, 2):
            expect(page.get_by_text(text("practice.counter", lang, n=n, total=2))).to_be_visible()
            assert len(store.practice.reviews(learner.id)) == n - 1
            # the bank starts with two choice questions: option 1, right or wrong, the feedback says
            page.locator("[class*='_opt']").get_by_role("button").first.click()
            page.get_by_role("button", name=text("practice.check", lang)).click()
            expect(page.get_by_text(text("quiz.explanation", lang)).first).to_be_visible()
            wait_until(lambda n=n: len(store.practice.reviews(learner.id)) == n)
            last = text("practice.finish", lang) if n == 2 else text("practice.next", lang)
            page.get_by_role("button", name=last).click()
        expect(page.get_by_text(text("practice.summary", lang))).to_be_visible()
        context.close()
    store.dispose()
