"""Exam day in a real headless Chromium against a really started server (issue 32): a
trainer's extension reaches the candidate's countdown within one tick; behind a proxy, with
MGLEARN_PUBLIC_URL left at localhost, the certificate page refuses to issue."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from mglearn.accommodations import Accommodation
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.store import Store

from .test_exam_browser import time_left

pytestmark = pytest.mark.browser


def test_an_extension_reaches_the_running_countdown_within_one_tick(
    page: Page, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    store = Store(db_url)
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Examendag", now=datetime.now(UTC))
    learner = store.learners.create_learner("Browser Bea", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))
    page.goto(f"{url}/exam?learner={learner.code}")
    page.get_by_role("button", name="Start het examen").click()
    expect(page.get_by_text("Vraag 1", exact=False).first).to_be_visible()
    before = time_left(page)
    assert 29 * 60 <= before <= 30 * 60
    store.accommodations.set_accommodation(
        group, learner.id, Accommodation(extra_minutes=15), now=datetime.now(UTC)
    )
    given = time.monotonic()
    while time_left(page) < 44 * 60 and time.monotonic() - given < 10:
        time.sleep(0.05)
    took = time.monotonic() - given
    assert time_left(page) >= 44 * 60
    assert took <= 2.0, f"the extension showed after {took:.1f} s (a tick is 1 s)"


def test_behind_a_proxy_a_localhost_address_issues_no_certificate(
    browser: Browser, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Proxy Piet", now=datetime.now(UTC))
    t0 = datetime.now(UTC) - timedelta(minutes=10)
    exam = store.exams.start_exam(learner.id, content, now=t0)
    by_id = {q.id: q for _, q in content.questions()}
    for d in exam.draw:
        store.attempts.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=t0)
    store.attempts.submit_attempt(exam.id, now=t0 + timedelta(minutes=5))
    for proxied in (False, True):
        headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"} if proxied else {}
        context = browser.new_context(extra_http_headers=headers)
        try:
            page = context.new_page()
            page.goto(f"{url}/exam?learner={learner.code}&exam={exam.id}")
            expect(page.get_by_text("Certificaat", exact=False).first).to_be_visible()
            credential = page.get_by_role("button", name="Digitaal bewijs (Open Badge)")
            if proxied:
                expect(page.get_by_text("kan hier niet worden uitgegeven", exact=False)).to_be_visible()
                expect(credential).to_have_count(0)
                expect(page.get_by_role("button", name="Certificaat (PDF)")).to_have_count(0)
            else:
                expect(credential).to_be_visible()
        finally:
            context.close()
