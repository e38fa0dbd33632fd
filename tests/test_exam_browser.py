"""The exam in a real headless Chromium against a really started server: a reload mid-exam
keeps the question, the answer, the flag and the time; the page's HTML carries no answer key;
/verify/<code>, /issuer and the issuer's documents (did.json, the status list) answer from the real server."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from mglearn.attempts import correct_response
from mglearn.certificates import statuslist
from mglearn.content import Content
from mglearn.store import Store

from .browser import wait_until

pytestmark = pytest.mark.browser


def time_left(page: Page) -> int:
    text = page.get_by_text(re.compile(r"Tijd over:")).inner_text()
    minutes, seconds = re.search(r"(\d\d):(\d\d)", text).groups()  # type: ignore[union-attr]
    return int(minutes) * 60 + int(seconds)


def test_reload_mid_exam_keeps_question_answer_flag_and_time(
    page: Page, server: tuple[str, str], content: Content
) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Browser Bram", now=datetime.now(UTC))
    page.goto(f"{url}/exam?learner={learner.code}")
    page.get_by_role("button", name="Start het examen").click()
    expect(page.get_by_text("Vraag 1", exact=False).first).to_be_visible()
    exam = store.exams.open_exam(learner.id, now=datetime.now(UTC))
    assert exam is not None
    by_id = {q.id: q for _, q in content.questions()}
    number, drawn = next(
        (n, d) for n, d in enumerate(exam.draw, 1) if by_id[d.question_id].type in ("single", "true_false")
    )
    q = by_id[drawn.question_id]
    page.locator(".st-key-exam_palette").get_by_role("button", name=str(number), exact=True).click()
    box = page.locator(".st-key-exam_question")
    expect(box.get_by_text(f"Vraag {number}", exact=False)).to_be_visible()
    label = q.options[correct_response(q)[0]].text.nl
    box.get_by_text(label, exact=True).click()
    wait_until(lambda: store.attempts.answers(exam.id).get(q.id) == correct_response(q))
    box.get_by_text("Markeer om later na te kijken").click()
    wait_until(lambda: store.attempts.attempt(exam.id).flags == (q.id,))
    html = page.content()
    secrets_ = {o.feedback.nl for d in exam.draw for o in by_id[d.question_id].options}
    assert not any(s in html for s in secrets_), "the exam page carries feedback before submission"
    assert by_id[exam.draw[0].question_id].explanation.nl not in html
    before = time_left(page)
    assert 25 * 60 < before <= 30 * 60

    page.reload()
    box = page.locator(".st-key-exam_question")
    expect(box.get_by_text(f"Vraag {number}", exact=False)).to_be_visible()
    expect(box.get_by_role("radio", name=label, exact=True)).to_be_checked()
    expect(box.get_by_role("switch", name="Markeer om later na te kijken")).to_be_checked()
    after = time_left(page)
    assert after <= before  # the clock is the stored deadline: a reload gives no time back
    expect(page.locator("[role=status][aria-live=polite]").first).to_be_attached()
    assert store.exams.open_exam(learner.id, now=datetime.now(UTC)).id == exam.id  # type: ignore[union-attr]


def test_verify_and_issuer_on_the_real_server(page: Page, server: tuple[str, str], content: Content) -> None:
    url, db_url = server
    store = Store(db_url)
    learner = store.learners.create_learner("Ëlla van 't Hoff-Øberg", now=datetime.now(UTC))
    t0 = datetime.now(UTC) - timedelta(minutes=10)
    exam = store.exams.start_exam(learner.id, content, now=t0)
    by_id = {q.id: q for _, q in content.questions()}
    for d in exam.draw:
        store.attempts.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=t0)
    store.attempts.submit_attempt(exam.id, now=t0 + timedelta(minutes=5))
    cert = store.certificates.issue_certificate(exam.id, now=datetime.now(UTC))
    browser = page.context.browser
    assert browser is not None
    english = browser.new_page(locale="en-US")  # a browser that asks for English (Accept-Language)
    english.goto(f"{url}/verify/{cert.code}")
    expect(english.get_by_role("status")).to_have_text("Valid certificate")
    english.close()
    page.set_extra_http_headers({"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"})  # a Dutch browser
    page.goto(f"{url}/verify/{cert.code}")
    expect(page.get_by_text("Geldig certificaat")).to_be_visible()
    expect(page.get_by_text("Ëlla van 't Hoff-Øberg")).to_be_visible()
    data = page.request.get(f"{url}/verify/{cert.code}?format=json").json()
    assert data["status"] == "valid" and data["score"] == 100
    issuer = page.request.get(f"{url}/issuer").json()
    assert issuer["type"] == ["Profile"] and issuer["id"].startswith("did:web:") and "keys" not in issuer
    keys = page.request.get(f"{url}/issuer/jwks").json()["keys"]
    assert keys and all("d" not in k for k in keys)
    for path in ("/.well-known/did.json", "/achievement/magnesium-exam", "/status/revocation"):
        answer = page.request.get(f"{url}{path}")  # JSON from the real server, not the app's page
        assert answer.ok and answer.headers["content-type"].startswith("application/"), path
        assert answer.json()["id"], path
    index = store.status_list.status_index(cert.code)
    store.certificates.revoke_certificate(cert.code, "Test", now=datetime.now(UTC))
    listed = page.request.get(f"{url}/status/revocation").json()
    assert statuslist.is_set(statuslist.decode(listed["credentialSubject"]["encodedList"]), index)
    assert "Test" not in json.dumps(listed)  # never the trainer's reason
    page.goto(f"{url}/verify/{cert.code}")
    expect(page.get_by_text("Ingetrokken certificaat")).to_be_visible()
    page.goto(f"{url}/verify-certificate?code={cert.code}")
    expect(page.get_by_text("Ingetrokken op", exact=False)).to_be_visible()
