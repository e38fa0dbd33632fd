"""A tour of every page of the app in a real browser, for the accessibility audit, the screen
size test and scripts/screenshots.py: data seeded through the store (a learner with progress, a
quiz review, practice cards, a passed exam with its certificate, a running exam, a trainer with
a group, an assignment and results) and, per page, how a browser reaches it and when it is
drawn (Streamlit's own signals: the app's script state and data-testid attributes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from mglearn import web
from mglearn.attempts import correct_response
from mglearn.content import Content, Question
from mglearn.store import Store, utcnow

PHONE = {"width": 390, "height": 844}
# ... and the phone itself, as Playwright's device descriptor "iPhone 13" has it (its screen is
# 390x844): a phone's User-Agent (the lesson guesses one section per screen from its "Mobile",
# mglearn/ui/lesson_pages.py), a mobile viewport and touch; at scale 1, so a PNG stays small
PHONE_DEVICE = {
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/27.2 Mobile/15E148 Safari/604.1"
    ),
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"width": 1280, "height": 720}
SIZES = {"phone": PHONE, "laptop": LAPTOP}
LANGS = ("nl", "en")
TIMEOUT = 30_000  # ms


@dataclass(frozen=True)
class Seeded:
    learner: str  # code of the learner with progress, a quiz review and a passed exam
    newcomer: str  # a learner who has only read the first lesson (the exam start page)
    candidate: str  # a learner in the middle of an exam
    lesson: str
    review_quiz: str
    review_attempt: int
    open_quiz: str
    exam: int
    certificate: str
    trainer_token: str


def wrong_response(q: Question) -> list[int | None]:
    """An answer that is wrong (a matching question: every pair moved on by one)."""
    if q.type == "matching":
        n = len(q.pairs)
        return [(j + 1) % n for j in range(n)]
    if q.type == "gapselect":  # a distractor in every gap
        return [next(i for i, o in enumerate(q.options) if not o.correct)] * sum(o.correct for o in q.options)
    return [next(i for i, o in enumerate(q.options) if not o.correct)]


def seed(store: Store, content: Content) -> Seeded:
    now = utcnow()
    earlier = now - timedelta(days=2)
    lesson1, lesson2 = content.lessons[0], content.lessons[1]
    quiz1 = content.quiz_for_lesson(lesson1.id)
    quiz2 = content.quiz_for_lesson(lesson2.id)
    assert quiz1 is not None and quiz2 is not None

    person = store.learners.create_learner("Annemarie van der Heijden-Vermeulen", now=datetime.now(UTC))
    for lesson in (lesson1, lesson2):
        store.learners.mark_read(person.id, lesson.id, now=earlier)
    attempt = store.attempts.start_attempt(person.id, quiz1, now=earlier)
    for n, (_, q) in enumerate(store.attempts.questions_of(attempt)):
        answer = correct_response(q) if n % 5 else wrong_response(q)  # 2 wrong: passed, with a review
        store.attempts.save_answer(attempt.id, q.id, answer, now=earlier)
    review = store.attempts.submit_attempt(attempt.id, now=earlier + timedelta(minutes=6))
    store.practice.set_daily_goal(person.id, 10, now=earlier)  # the goal shown as progress (issue 30)
    running = store.attempts.start_attempt(person.id, quiz2, now=now)
    for _, q in store.attempts.questions_of(running)[:2]:
        store.attempts.save_answer(running.id, q.id, correct_response(q), now=now)
    for k, q in enumerate(quiz1.questions[:4]):
        answer = correct_response(q) if k % 2 else wrong_response(q)
        card = store.practice.cards(person.id).get(q.id)  # the quiz above reviewed its cards already
        at = earlier + timedelta(hours=1)
        store.practice.practice_answer(
            person.id, q, answer, shown_at=at, now=at, seen_reps=card.reps if card else 0
        )

    # matching cards answered well, so not due today: a practice card is one with option buttons
    for quiz in (quiz1, quiz2):
        for q in quiz.questions:
            if q.type in ("matching", "gapselect"):  # select boxes, not option buttons
                card = store.practice.cards(person.id).get(q.id)
                at = earlier + timedelta(hours=2)
                reps = card.reps if card else 0
                store.practice.practice_answer(
                    person.id, q, correct_response(q), shown_at=at, now=at, seen_reps=reps
                )

    exam = store.exams.start_exam(person.id, content, now=earlier)
    by_id = {q.id: q for _, q in content.questions()}
    # one wrong exam answer, on a question with option buttons: its card is due again today, and
    # the practice page must open on such a card (see the matching cards above)
    buttons = ("single", "multiple", "true_false")
    wrong = next(k for k, d in enumerate(exam.draw) if k >= 2 and by_id[d.question_id].type in buttons)
    for k, drawn in enumerate(exam.draw):
        q = by_id[drawn.question_id]
        answer = wrong_response(q) if k == wrong else correct_response(q)
        store.attempts.save_answer(exam.id, q.id, answer, now=earlier)
    exam = store.attempts.submit_attempt(exam.id, now=earlier + timedelta(minutes=20))
    certificate = store.certificates.issue_certificate(exam.id, now=earlier + timedelta(minutes=20))

    newcomer = store.learners.create_learner("Bram", now=datetime.now(UTC))
    store.learners.mark_read(newcomer.id, lesson1.id, now=earlier)
    candidate = store.learners.create_learner("Chantal", now=datetime.now(UTC))
    store.exams.start_exam(candidate.id, content, now=now)

    # an administrator too, so the tour reaches the Beheer page (issue 33)
    trainer = store.trainers.add_trainer(
        "Tina Trainer", "correct horse battery", now=datetime.now(UTC), role="admin"
    )
    group = store.groups.create_group(trainer.id, "Klas 3B Gezondheidszorg", now=datetime.now(UTC))
    for learner in (person, newcomer):
        store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    store.groups.create_assignment(
        group,
        "Week 1: wat is magnesium?",
        [lesson1.id],
        [quiz1.id],
        now + timedelta(days=7),
        0.8,
        now=datetime.now(UTC),
    )
    return Seeded(
        learner=person.code,
        newcomer=newcomer.code,
        candidate=candidate.code,
        lesson=lesson1.id,
        review_quiz=quiz1.id,
        review_attempt=review.id,
        open_quiz=quiz2.id,
        exam=exam.id,
        certificate=certificate.code,
        trainer_token=store.trainers.open_session(trainer.id, now=datetime.now(UTC)),
    )


# -- reaching a page ------------------------------------------------------------------------


STYLE_APPLIED = (
    "() => getComputedStyle(document.documentElement).getPropertyValue('--mg-style').trim() === 'loaded'"
)


def settled(page: Page) -> None:
    """The script has run to its end, the page's title is drawn and the app's CSS is applied (an
    axe audit once ran before it was, and measured Streamlit's own colours)."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached(
        timeout=TIMEOUT
    )
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function(STYLE_APPLIED, timeout=TIMEOUT)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached(
        timeout=TIMEOUT
    )


@dataclass(frozen=True)
class Stop:
    """One page as a visitor sees it: its address, who is signed in, what shows it is ready."""

    name: str
    path: str
    ready: str  # a CSS selector inside stMain that appears when the page is drawn
    trainer: bool = False
    then: Callable[[Page], None] | None = None  # clicks that lead on from the address


def _start_practice(page: Page) -> None:
    page.locator(".st-key-practice_start button").click()
    check = page.locator('.st-key-practice_question [class*="st-key-practice_check"]')
    expect(check).to_be_visible(timeout=TIMEOUT)  # drawn after the card's options
    settled(page)


def _practice_feedback(page: Page) -> None:
    _start_practice(page)
    box = page.locator(".st-key-practice_question")
    box.locator('[data-testid="stButton"] button').first.click()  # (no matching card: see seed)
    settled(page)
    box.locator('[class*="st-key-practice_check"] button').click()
    expect(box.locator('[class*="st-key-practice_next"]')).to_be_visible(timeout=TIMEOUT)
    settled(page)


def stops(s: Seeded) -> list[Stop]:
    me = f"learner={s.learner}"
    return [
        Stop("start", "start?", "[data-testid=stForm]"),
        Stop("overview", f"overview?{me}&", ".st-key-overview_practice"),
        Stop("lesson", f"lesson?{me}&lesson={s.lesson}&", "[data-testid=stHeading] h2"),
        Stop("quiz", f"quiz?{me}&quiz={s.open_quiz}&", ".st-key-question_1"),
        Stop("quiz-review", f"quiz?{me}&quiz={s.review_quiz}&attempt={s.review_attempt}&", "#mg-result"),
        Stop("progress", f"progress?{me}&", "[data-testid=stDataFrame]"),
        Stop("practice", f"practice?{me}&", ".st-key-practice_start"),
        Stop("practice-card", f"practice?{me}&", ".st-key-practice_start", then=_start_practice),
        Stop("practice-feedback", f"practice?{me}&", ".st-key-practice_start", then=_practice_feedback),
        Stop("exam-start", f"exam?learner={s.newcomer}&", ".st-key-exam_start"),
        Stop("exam", f"exam?learner={s.candidate}&", ".st-key-exam_question"),
        Stop("exam-result", f"exam?{me}&exam={s.exam}&", "#mg-result"),
        Stop("verify", f"verify-certificate?code={s.certificate}&", "[data-testid=stTable]"),
        Stop("trainer", "trainer?", "form.mg-form"),
        Stop("groups", "groups?", "[data-testid=stExpander]", trainer=True),
        Stop("results", "results?", "[data-testid=stVegaLiteChart]", trainer=True),
        Stop("admin", "admin?", "[data-testid=stHeading] h3", trainer=True),
    ]


NAMES = tuple(stop.name for stop in stops(Seeded("", "", "", "", "", 0, "", 0, "", "")))


def new_context(browser: Browser, url: str, stop: Stop, size: dict[str, int], token: str) -> BrowserContext:
    device = PHONE_DEVICE if size == PHONE else {}
    context = browser.new_context(viewport=size, **device)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT)
    if stop.trainer:
        context.add_cookies([{"name": web.COOKIE, "value": token, "url": url}])
    return context


def visit(page: Page, url: str, stop: Stop, lang: str) -> None:
    """Open the page in ``lang`` and wait until it is drawn (and the clicks after it done)."""
    page.goto(f"{url}/{stop.path}lang={lang}")
    settled(page)
    expect(page.locator(f'[data-testid="stMain"] {stop.ready}').first).to_be_attached(timeout=TIMEOUT)
    if stop.then is not None:
        stop.then(page)
    settled(page)


# The height of the whole page: Streamlit scrolls its main area inside the window, so a "full
# page" screenshot would show the window only. The sidebar counts when it is open (on a phone
# it is shut, moved out of the window to the left, and its length gave a page of white).
PAGE_HEIGHT = """() => Math.max(window.innerHeight, ...Array.from(
  document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]'),
  (el) => (el.getBoundingClientRect().right > 0 ? el.scrollHeight : 0)))"""
NEXT_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def shoot(page: Page, path: Path, whole: bool = True, max_height: int = 12_000) -> None:
    """A PNG of the page: the whole page (the window made as tall as it), or the window only."""
    if whole:
        size = page.viewport_size
        assert size is not None
        height = min(int(page.evaluate(PAGE_HEIGHT)), max_height)
        if height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": height})
            page.evaluate(NEXT_FRAMES)
            settled(page)
    page.screenshot(path=str(path))
