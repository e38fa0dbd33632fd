"""LTI 1.3 in a real Chromium against the real server (issue 31): a learner clicks the link in
the LMS (the ``lti1p3platform`` test platform, on another site than the app), is signed in with
no code to type, takes the quiz, and the platform's gradebook has the score within 5 s of the
submit, sent by the app server's own sender."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect
from starlette.applications import Starlette

from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.store import Store

from .browser import wait_until
from .journeys import answer_with_mouse, text
from .lti_platform import CLIENT_ID, DEPLOYMENT, ISSUER, Scenario, TestPlatform, bound, port_of, serve

pytestmark = pytest.mark.browser


def test_a_launched_learner_takes_a_quiz_and_the_lms_gradebook_has_the_score(
    page: Page, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    store = Store(db_url)
    sock = bound()
    lms = TestPlatform(url, port_of(sock), host="localhost")
    quiz = content.quizzes[0]
    with serve(Starlette(routes=lms.routes()), sock):
        store.lti_platforms.add_platform(
            ISSUER, CLIENT_ID, **lms.urls, deployments=[DEPLOYMENT], now=datetime.now(UTC)
        )
        scenario = Scenario(activity=f"quiz:{quiz.id}", lineitem="item-1", locale="en-US", name="Lotte")
        page.goto(lms.login_url("browser-1", scenario))  # the link in the course
        start = page.get_by_role("button", name=text("quiz.start", "en"))
        expect(start).to_be_visible()  # signed in, on the link's quiz, in English: no code typed
        expect(page.get_by_role("heading", name=quiz.title.en)).to_be_visible()
        start.click()
        learner = store.lti.lti_learner(ISSUER, "lms-user-1")
        assert learner is not None and learner.name == "Lotte"
        wait_until(lambda: store.attempts.open_attempt(learner.id, quiz.id))
        attempt = store.attempts.open_attempt(learner.id, quiz.id)
        assert attempt is not None
        for n, (_, q) in enumerate(store.attempts.questions_of(attempt), 1):
            box = page.locator(f".st-key-question_{n}")
            answer_with_mouse(
                page,
                box,
                q,
                correct_response(q),
                "en",
                lambda q=q: store.attempts.answers(attempt.id).get(q.id),
            )
        page.get_by_role("button", name=text("quiz.submit", "en"), exact=True).click()
        wait_until(lambda: store.attempts.attempt(attempt.id).submitted)
        submitted = time.monotonic()
        wait_until(lambda: lms.gradebook, seconds=5)  # the server's sender, within 5 s
        assert time.monotonic() - submitted < 5
    [score] = lms.gradebook
    assert score["userId"] == "lms-user-1" and score["scoreGiven"] == 100 and score["lineitem"] == "item-1"
    store.dispose()
