"""LTI 1.3 (issue 31) against a real platform implementation: the ``lti1p3platform`` package
(tests/lti_platform.py) signs the launches, checks our token requests against our JWKS route
and takes the scores into its gradebook, all over HTTP. Our routes run in their own server."""

from __future__ import annotations

import http.cookies
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from starlette.applications import Starlette
from streamlit.testing.v1 import AppTest

import mglearn.store.attempts as attempts_module
from mglearn import i18n, web_lti
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.lti_send import Sender, send_due
from mglearn.store import Store
from mglearn.store import tables as t

from .lti_platform import (
    CLIENT_ID,
    DEPLOYMENT,
    INSTRUCTOR_ROLE,
    ISSUER,
    Browser,
    Scenario,
    TestPlatform,
    bound,
    port_of,
    serve,
)
from .test_app import APP, UI, answer, texts
from .test_backup import fresh_pg


def now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def running(store: Store) -> Iterator[TestPlatform]:
    """The platform and our tool, each served on its own port; the platform registered."""
    tool_sock, platform_sock = bound(), bound()
    platform = TestPlatform(f"http://127.0.0.1:{port_of(tool_sock)}", port_of(platform_sock))
    tool = Starlette(routes=web_lti.routes(lambda: store, "mglearn_trainer"))
    with serve(tool, tool_sock), serve(Starlette(routes=platform.routes()), platform_sock):
        store.lti_platforms.add_platform(
            ISSUER, CLIENT_ID, **platform.urls, deployments=[DEPLOYMENT], now=now()
        )
        yield platform


@pytest.fixture
def lms(store: Store) -> Iterator[TestPlatform]:
    with running(store) as platform:
        yield platform


def cookie(response: Any, name: str) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie(header)
        if name in jar:
            return jar[name].value
    return None


def count(store: Store, table: sa.Table) -> int:
    with store.db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def quiz_launch(content: Content, **extra: Any) -> Scenario:
    quiz = content.quizzes[0]
    return Scenario(activity=f"quiz:{quiz.id}", lineitem="item-quiz-1", **extra)


def test_learner_launch_quiz_and_score_in_the_platforms_gradebook(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    quiz = content.quizzes[0]
    answer_page, _ = Browser().launch(lms.login_url("hint-1", quiz_launch(content, locale="en-US")))
    assert answer_page.status_code == 200, answer_page.text
    token = cookie(answer_page, web_lti.COOKIE)
    assert token
    assert f"quiz?quiz={quiz.id}&amp;lang=en" in answer_page.text  # lands on the link's quiz, in English
    learner = store.lti.lti_session_learner(token, now())
    assert learner is not None and learner.name == "Lotte de Vries" and learner.lang == "en"

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lti_session"] = token  # what the cookie carries (AppTest sends no cookies)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"] = quiz.id
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.query_params["learner"] == learner.code  # signed in, no code typed
    next(b for b in at.button if b.label == "Start the quiz").click().run()
    attempt = store.attempts.open_attempt(learner.id, quiz.id)
    assert attempt is not None
    for _, q in store.attempts.questions_of(attempt):
        answer(at, attempt, q, [int(i) for i in correct_response(q) if i is not None])
    at.button(key=f"submit_{attempt.id}").click().run()
    assert "Passed! Your score is 100%" in texts(at)

    queued = store.lti_outbox.listing()  # queued by the submit itself
    assert [r["attempt_id"] for r in queued] == [attempt.id]
    assert send_due(store, now()).sent == 1
    assert len(lms.gradebook) == 1
    score = lms.gradebook[0]
    assert score["lineitem"] == "item-quiz-1" and score["userId"] == "lms-user-1"
    assert score["scoreGiven"] == 100 and score["scoreMaximum"] == 100
    assert score["activityProgress"] == "Completed" and score["gradingProgress"] == "FullyGraded"
    assert score["timestamp"].startswith(store.attempts.attempt(attempt.id).submitted_at.isoformat()[:19])  # type: ignore[union-attr]
    assert send_due(store, now()).sent == 0  # sent once
    assert len(lms.gradebook) == 1


def test_a_second_launch_is_the_same_learner(store: Store, content: Content, lms: TestPlatform) -> None:
    first, _ = Browser().launch(lms.login_url("a", quiz_launch(content)))
    second, _ = Browser().launch(lms.login_url("b", quiz_launch(content, locale=None)))
    one = store.lti.lti_session_learner(cookie(first, web_lti.COOKIE), now())
    two = store.lti.lti_session_learner(cookie(second, web_lti.COOKIE), now())
    assert one is not None and two is not None and one.id == two.id
    assert "lang=nl" in second.text  # no locale in the launch: their language here (nl)


def test_instructor_lands_in_their_workspace_and_the_course_is_a_group(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    Browser().launch(lms.login_url("l", Scenario(sub="student-9", name="Sam")))  # a learner first
    page, _ = Browser().launch(
        lms.login_url("i", Scenario(sub="teacher-1", name="Ria", roles=(INSTRUCTOR_ROLE,)))
    )
    assert page.status_code == 200
    token = cookie(page, "mglearn_trainer")
    trainer = store.trainers.session_trainer(token, now())
    assert trainer is not None and trainer.name.startswith("Ria")
    assert "results?lang=nl" in page.text
    [group] = store.groups.groups_of(trainer.id)
    assert group.name == "Voeding en supplementen"
    assert [m.name for m in store.groups.members(group.id)] == ["Sam"]  # the course's learners are in it
    Browser().launch(lms.login_url("l2", Scenario(sub="student-10", name="Noor")))  # a learner after
    assert sorted(m.name for m in store.groups.members(group.id)) == ["Noor", "Sam"]

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["trainer_session"] = token
    at.switch_page(f"{UI}/groups.py").run()
    assert not at.exception
    assert any("Voeding en supplementen" in e.label for e in at.expander)  # their course's group


REFUSALS = {
    "issuer": Scenario(overrides={"iss": "https://evil.example.test"}),
    "audience": Scenario(overrides={"aud": "someone-else", "azp": "someone-else"}),
    "signature": Scenario(other_key=True),
    "expired": Scenario(expires_in=-600),
    "deployment": Scenario(
        overrides={"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "unknown-9"}
    ),
    "message_type": Scenario(
        overrides={"https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiSubmissionReviewRequest"}
    ),
    "version": Scenario(overrides={"https://purl.imsglobal.org/spec/lti/claim/version": "1.1"}),
}


def assert_refused(store: Store, page: Any, reason: str) -> None:
    assert page.status_code == 403, page.text
    assert f'data-reason="{reason}"' in page.text
    assert i18n.t(f"lti.refused.{reason}", "nl") in page.text  # a clear page, in words
    assert cookie(page, web_lti.COOKIE) is None and cookie(page, "mglearn_trainer") is None
    assert count(store, t.learners) == 0 and count(store, t.lti_users) == 0 and count(store, t.trainers) == 0


@pytest.mark.parametrize("reason", sorted(REFUSALS))
def test_every_id_token_check_refuses(store: Store, lms: TestPlatform, reason: str) -> None:
    page, _ = Browser().launch(lms.login_url(f"bad-{reason}", REFUSALS[reason]))
    assert_refused(store, page, reason)


def test_a_replayed_launch_is_refused(store: Store, lms: TestPlatform) -> None:
    browser = Browser()
    first, form = browser.launch(lms.login_url("once", Scenario()))
    assert first.status_code == 200
    learners = count(store, t.learners)
    again = browser.post(form)  # the very same id_token and state, posted again
    assert again.status_code == 403 and 'data-reason="nonce"' in again.text
    assert cookie(again, web_lti.COOKIE) is None and count(store, t.learners) == learners


def test_an_id_token_of_another_login_is_refused(store: Store, lms: TestPlatform) -> None:
    """The id_token's nonce must be the one stored for the state it comes back with."""
    browser = Browser()
    mine = browser.client.get(browser.client.get(lms.login_url("mine", Scenario())).headers["location"])
    theirs = browser.client.get(browser.client.get(lms.login_url("theirs", Scenario())).headers["location"])
    form = {**Browser.form(mine.text), "state": Browser.form(theirs.text)["state"]}
    assert_refused(store, browser.post(form), "nonce")


def test_a_launch_checked_on_another_server_is_refused_here_too(store: Store, lms: TestPlatform) -> None:
    """The nonce is used once in the database: a second server (a second Store on the same
    database, its own routes) refuses what the first accepted."""
    browser = Browser()
    first, form = browser.launch(lms.login_url("two", Scenario()))
    assert first.status_code == 200
    other = Store(store.db.url)
    with serve(Starlette(routes=web_lti.routes(lambda: other, "mglearn_trainer")), bound()) as there:
        again = browser.post({**form, "_action": f"{there}/lti/launch"})
    other.dispose()
    assert again.status_code == 403 and 'data-reason="nonce"' in again.text


def test_a_login_from_an_unknown_platform_is_refused(store: Store, lms: TestPlatform) -> None:
    browser = Browser()
    page = browser.client.get(
        f"{lms.tool}/lti/login", params={"iss": "https://other.test", "login_hint": "x"}
    )
    assert page.status_code == 403 and 'data-reason="platform"' in page.text
    empty = browser.client.post(f"{lms.tool}/lti/launch", data={})
    assert empty.status_code == 400 and 'data-reason="missing"' in empty.text
    english = browser.client.post(f"{lms.tool}/lti/launch", data={}, headers={"Accept-Language": "en-GB"})
    assert i18n.t("lti.refused.missing", "en") in english.text


def test_the_platform_down_for_a_minute_then_up_gets_the_score_once(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    page, _ = Browser().launch(lms.login_url("down", quiz_launch(content)))
    learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
    assert learner is not None
    start = now() - timedelta(seconds=100)  # the minute down lies just behind us: the last try is now
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=start)
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=start)
    store.attempts.submit_attempt(attempt.id, now=start)

    lms.down = True
    tries = []
    for seconds in range(0, 61, 5):  # a server looks every 5 s while the platform is down
        done = send_due(store, start + timedelta(seconds=seconds))
        tries.append(done.failed)
        assert done.sent == 0
    assert 3 <= sum(tries) <= 5  # retried with back-off (5 s, 10 s, 20 s, ...), not every look
    [row] = store.lti_outbox.listing()
    assert row["sent_at"] is None and row["tries"] == sum(tries) and "503" in row["last_error"]
    assert lms.gradebook == []

    lms.down = False
    sent = sum(send_due(store, now() + timedelta(seconds=s)).sent for s in (0, 30, 200, 1000))
    assert sent == 1 and len(lms.gradebook) == 1  # arrived, once
    assert lms.gradebook[0]["scoreGiven"] == 100


def test_two_servers_never_send_the_same_score_at_once(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    page, _ = Browser().launch(lms.login_url("lease", quiz_launch(content)))
    learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
    assert learner is not None
    at = now()
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=at)
    store.attempts.submit_attempt(attempt.id, now=at)
    other = Store(store.db.url)  # a second server on the same database
    mine = store.lti_outbox.lti_claim("server-a", at)
    assert len(mine) == 1 and other.lti_outbox.lti_claim("server-b", at) == []  # leased to server a
    later = at + timedelta(seconds=61)  # server a died: its lease runs out
    theirs = other.lti_outbox.lti_claim("server-b", later)
    assert [c.id for c in theirs] == [mine[0].id]
    assert store.lti_outbox.lti_sent(mine[0].id, "server-a", later) is False  # a's lease is gone
    assert other.lti_outbox.lti_sent(theirs[0].id, "server-b", later) is True
    assert store.lti_outbox.lti_claim("server-a", later + timedelta(hours=1)) == []
    other.dispose()


def test_the_score_is_queued_in_the_submit_transaction(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    """A submit that fails after queueing queues nothing (one transaction); a second submit
    of the same attempt queues nothing more (idempotent per attempt)."""
    page, _ = Browser().launch(lms.login_url("tx", quiz_launch(content)))
    learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
    assert learner is not None
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=now())

    original = attempts_module.queue_scores

    def queue_then_fail(*args: Any, **kwargs: Any) -> int:
        original(*args, **kwargs)
        raise RuntimeError("the disk failed after the score was queued")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(attempts_module, "queue_scores", queue_then_fail)
        with pytest.raises(RuntimeError):
            store.attempts.submit_attempt(attempt.id, now=now())
    assert store.lti_outbox.listing() == [] and not store.attempts.attempt(attempt.id).submitted
    store.attempts.submit_attempt(attempt.id, now=now())
    store.attempts.submit_attempt(attempt.id, now=now())
    assert len(store.lti_outbox.listing()) == 1


def test_an_exam_score_goes_back_too(store: Store, content: Content, lms: TestPlatform) -> None:
    page, _ = Browser().launch(lms.login_url("exam", Scenario(activity="exam", lineitem="item-exam")))
    assert "exam?lang=nl" in page.text
    learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
    assert learner is not None
    exam = store.exams.start_exam(learner.id, content, now=now())
    store.attempts.submit_attempt(exam.id, now=now())
    assert send_due(store, now()).sent == 1
    assert [(g["lineitem"], g["scoreGiven"]) for g in lms.gradebook] == [("item-exam", 0)]


def test_a_link_without_a_line_item_sends_nothing(store: Store, content: Content, lms: TestPlatform) -> None:
    page, _ = Browser().launch(lms.login_url("plain", Scenario(activity=f"lesson:{content.lessons[0].id}")))
    assert f"lesson?lesson={content.lessons[0].id}" in page.text
    learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
    assert learner is not None
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=now())
    store.attempts.submit_attempt(attempt.id, now=now())
    assert store.lti_outbox.listing() == []


def test_the_tool_jwks_is_what_the_platform_verifies_our_token_with(store: Store, lms: TestPlatform) -> None:
    keys = Browser().client.get(f"{lms.tool}/lti/jwks").json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and "d" not in keys[0]
    assert lms.config().get_tool_key_set()["keys"][0]["kid"] == keys[0]["kid"]  # the platform reads it


def test_deep_linking_places_a_quiz_with_a_line_item(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    quiz = content.quizzes[0]
    browser = Browser()
    teacher = Scenario(sub="teacher-2", roles=(INSTRUCTOR_ROLE,), deep_link=True, locale="en")
    page, _ = browser.launch(lms.login_url("dl", teacher))
    assert page.status_code == 200 and i18n.t("lti.deep.title", "en") in page.text
    for activity in (f"lesson:{content.lessons[0].id}", f"quiz:{quiz.id}", "exam", "practice"):
        assert f'value="{activity}"' in page.text  # a lesson, a quiz, the exam, practice
    form = {**Browser.form(page.text), "activity": f"quiz:{quiz.id}"}
    back = browser.post(form)
    assert back.status_code == 200
    answer = Browser.form(back.text)
    assert answer["_action"] == f"{lms.base}/deep-link-return"
    items = lms.config().validate_deeplinking_resp({"JWT": answer["JWT"]})  # the platform's checks
    [item] = items
    assert item["type"] == "ltiResourceLink" and item["url"] == f"{lms.tool}/lti/launch"
    assert item["custom"] == {"activity": f"quiz:{quiz.id}"}
    assert item["lineItem"]["scoreMaximum"] == 100 and item["lineItem"]["resourceId"] == f"quiz:{quiz.id}"

    lesson = {**Browser.form(page.text), "activity": f"lesson:{content.lessons[0].id}"}
    page2, _ = browser.launch(lms.login_url("dl2", teacher))
    lesson["ticket"] = Browser.form(page2.text)["ticket"]
    [plain] = lms.config().validate_deeplinking_resp({"JWT": Browser.form(browser.post(lesson).text)["JWT"]})
    assert "lineItem" not in plain  # a lesson has no grade


def test_deep_linking_is_for_instructors_and_its_ticket_cannot_be_forged(
    store: Store, lms: TestPlatform
) -> None:
    browser = Browser()
    page, _ = browser.launch(lms.login_url("dl-learner", Scenario(deep_link=True)))
    assert page.status_code == 403 and i18n.t("lti.deep.trainers_only", "nl") in page.text
    teacher = Scenario(sub="teacher-3", roles=(INSTRUCTOR_ROLE,), deep_link=True)
    choice, _ = browser.launch(lms.login_url("dl-forged", teacher))
    form = Browser.form(choice.text)
    forged = browser.post({**form, "ticket": form["ticket"][:-4] + "AAAA", "activity": "exam"})
    assert forged.status_code == 400 and i18n.t("lti.deep.bad", "nl") in forged.text
    unknown = browser.post({**form, "activity": "quiz:no-such-quiz"})
    assert unknown.status_code == 400


def test_a_servers_own_sender_delivers_the_score_within_seconds(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    page, _ = Browser().launch(lms.login_url("loop", quiz_launch(content)))
    learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
    assert learner is not None
    sender = Sender(lambda: store, 0.2).start()  # what each app server runs (MGLEARN_LTI_SEND_SECONDS)
    try:
        attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=now())
        submitted = time.monotonic()
        store.attempts.submit_attempt(attempt.id, now=now())
        while not lms.gradebook and time.monotonic() - submitted < 5:
            time.sleep(0.05)
    finally:
        sender.stop()
    assert len(lms.gradebook) == 1  # within 5 s of the submit, with no one pushing it


@pytest.mark.postgres
def test_on_postgres_several_servers_send_every_score_exactly_once(pg_url: str, content: Content) -> None:
    """Four servers (stores) claim at once, again and again, while ten learners' scores wait:
    FOR UPDATE SKIP LOCKED and the lease give each score to one of them; the platform gets
    each score once."""
    with fresh_pg(pg_url) as url:
        store = Store(url)
        with running(store) as lms:
            for i in range(10):
                page, _ = Browser().launch(lms.login_url(f"pg-{i}", quiz_launch(content, sub=f"pg-user-{i}")))
                learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
                assert learner is not None
                before = now() - timedelta(seconds=120)  # submitted two minutes ago
                attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=before)
                store.attempts.submit_attempt(attempt.id, now=before)
            servers = [Store(url) for _ in range(4)]
            at = now() - timedelta(seconds=61)  # their leases have run out by now
            with ThreadPoolExecutor(4) as pool:
                claimed = list(
                    pool.map(
                        lambda s: s[1].lti_outbox.lti_claim(f"server-{s[0]}", at, limit=3), enumerate(servers)
                    )
                )
            ids = [c.id for batch in claimed for c in batch]
            assert len(ids) == len(set(ids))  # never one score to two servers
            with ThreadPoolExecutor(4) as pool:
                sent = list(pool.map(lambda s: send_due(s, now()).sent, servers))
            assert sum(sent) == 10
            assert sorted(g["userId"] for g in lms.gradebook) == sorted(f"pg-user-{i}" for i in range(10))
            for server in servers:
                server.dispose()
        store.dispose()


def test_names_and_roles_fill_the_group_with_the_course_roster(store: Store, lms: TestPlatform) -> None:
    lms.members = [
        {"user_id": "student-1", "name": "Anna", "roles": ["Learner"]},
        {
            "user_id": "student-2",
            "name": "Bas",
            "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        },
        {"user_id": "student-3", "name": "Cor", "roles": ["Learner"], "status": "Inactive"},
        {"user_id": "teacher-5", "name": "Ria", "roles": ["Instructor"]},
    ]
    teacher = Scenario(sub="teacher-5", name="Ria", roles=(INSTRUCTOR_ROLE,), roster=True)
    page, _ = Browser().launch(lms.login_url("nrps", teacher))
    trainer = store.trainers.session_trainer(cookie(page, "mglearn_trainer"), now())
    assert trainer is not None
    [group] = store.groups.groups_of(trainer.id)
    assert sorted(m.name for m in store.groups.members(group.id)) == ["Anna", "Bas"]  # active learners only
    later, _ = Browser().launch(lms.login_url("anna", Scenario(sub="student-1", name="Anna")))
    anna = store.lti.lti_session_learner(cookie(later, web_lti.COOKIE), now())
    assert anna is not None and anna.id in [m.id for m in store.groups.members(group.id)]  # the same learner
    assert count(store, t.learners) == 2


def test_the_iframe_option_makes_the_launch_cookie_samesite_none_and_secure(
    store: Store, lms: TestPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = Browser().launch(lms.login_url("window", Scenario()))
    [header] = [h for h in page.headers.get_list("set-cookie") if h.startswith(web_lti.COOKIE)]
    assert "samesite=lax" in header.lower() and "httponly" in header.lower()  # a new window: the default
    monkeypatch.setenv("MGLEARN_LTI_IFRAME", "1")
    page, _ = Browser().launch(lms.login_url("iframe", Scenario()))
    [header] = [h for h in page.headers.get_list("set-cookie") if h.startswith(web_lti.COOKIE)]
    assert "samesite=none" in header.lower() and "secure" in header.lower()


def test_pure_rules_of_scores_and_retries() -> None:
    from mglearn.lti.ags import next_try, score_payload, scores_url
    from mglearn.lti.launch import landing, lang_of

    assert (
        scores_url("https://lms.test/ags/7/lineitem/3?type_id=2")
        == "https://lms.test/ags/7/lineitem/3/scores?type_id=2"
    )
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert [(next_try(n, at) - at).total_seconds() for n in (1, 2, 3, 10, 30)] == [5, 10, 20, 900, 900]
    assert score_payload("u", 0.755, at)["scoreGiven"] == 75.5
    assert (
        lang_of({"https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"locale": "en_GB"}})
        == "en"
    )
    assert lang_of({"locale": "de-DE"}) is None and lang_of({"locale": "nl"}) == "nl"
    assert (
        landing("quiz:vormen", "nl") == "quiz?quiz=vormen&lang=nl" and landing("", "en") == "overview?lang=en"
    )


LONG_COURSE = "Voeding en gezondheid - module 3: mineralen en spoorelementen (2026-2027)"  # 75
LONG_NAME = "Maria Fernanda de los Santos Garcia-Villanueva van den Bergh-Smit"  # 64


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(roles=(INSTRUCTOR_ROLE,), sub="teach-1", context_title=LONG_COURSE),
        Scenario(roles=(INSTRUCTOR_ROLE,), sub="teach-2", name=LONG_NAME),
        Scenario(sub="learn-1", name=LONG_NAME),
    ],
    ids=["instructor-long-course", "instructor-long-name", "learner-long-name"],
)
def test_long_lms_names_and_course_titles_are_shortened_not_refused(
    store: Store, lms: TestPlatform, scenario: Scenario
) -> None:
    page, _ = Browser().launch(lms.login_url("long", scenario))
    assert page.status_code == 200, page.text
    if scenario.roles == (INSTRUCTOR_ROLE,):
        trainer = store.trainers.session_trainer(cookie(page, "mglearn_trainer"), now())
        assert trainer is not None
        [group] = store.groups.groups_of(trainer.id)
        assert LONG_COURSE.startswith(group.name) or group.name == scenario.context_title
        assert len(group.name) <= 60 and len(trainer.name) <= 60
    else:
        learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
        assert learner is not None
        assert learner.name == "Maria Fernanda de los Santos Garcia-Villanueva van den"  # a word boundary


def test_a_roster_with_long_and_empty_names_enrols_everyone(store: Store, lms: TestPlatform) -> None:
    lms.members = [
        {"user_id": "student-1", "name": LONG_NAME, "roles": ["Learner"]},
        {"user_id": "student-2", "name": "\u200e\u0007", "roles": ["Learner"]},
        {"user_id": "student-3", "name": "Bas", "roles": ["Learner"]},
    ]
    teacher = Scenario(sub="teacher-5", name="Ria", roles=(INSTRUCTOR_ROLE,), roster=True)
    page, _ = Browser().launch(lms.login_url("nrps", teacher))
    assert page.status_code == 200, page.text
    trainer = store.trainers.session_trainer(cookie(page, "mglearn_trainer"), now())
    assert trainer is not None
    [group] = store.groups.groups_of(trainer.id)
    names = sorted(m.name for m in store.groups.members(group.id))
    assert names == ["Bas", "LMS", "Maria Fernanda de los Santos Garcia-Villanueva van den"]


def test_a_bad_roster_member_is_skipped_not_the_whole_course(
    store: Store, lms: TestPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    lms.members = [
        {"user_id": "student-1", "name": "Anna", "roles": ["Learner"]},
        {"user_id": "student-2", "name": "Bas", "roles": ["Learner"]},
    ]
    real = store.learners.create_learner

    def create_learner(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "Anna":
            raise i18n_user_error()
        return real(name, *args, **kwargs)

    monkeypatch.setattr(store.learners, "create_learner", create_learner)
    teacher = Scenario(sub="teacher-5", name="Ria", roles=(INSTRUCTOR_ROLE,), roster=True)
    page, _ = Browser().launch(lms.login_url("nrps", teacher))
    assert page.status_code == 200, page.text
    trainer = store.trainers.session_trainer(cookie(page, "mglearn_trainer"), now())
    assert trainer is not None
    [group] = store.groups.groups_of(trainer.id)
    assert [m.name for m in store.groups.members(group.id)] == ["Bas"]


def i18n_user_error() -> Exception:
    from mglearn.errors import UserError

    return UserError("error.name_long", max=60)


def test_a_backup_holds_no_tool_key_and_after_a_restore_a_new_key_signs_the_scores(
    store: Store, content: Content, lms: TestPlatform, tmp_path: Any
) -> None:
    from mglearn.store.backup import backup, restore

    def exam_score() -> int:
        page, _ = Browser().launch(lms.login_url("exam", Scenario(activity="exam", lineitem="item-exam")))
        learner = store.lti.lti_session_learner(cookie(page, web_lti.COOKIE), now())
        assert learner is not None
        exam = store.exams.start_exam(learner.id, content, now=now())
        by_id = {q.id: q for _, q in content.questions()}
        for d in exam.draw:  # every question answered (restore refuses blank answers: another issue)
            response = correct_response(by_id[d.question_id])
            store.attempts.save_answer(exam.id, d.question_id, response, now=now())
        store.attempts.submit_attempt(exam.id, now=now())
        return send_due(store, now()).sent

    assert exam_score() == 1  # the tool's key is made and the platform verified it
    [(old_kid, old_pem)] = store.lti_platforms.lti_tool_keys(now(), web_lti.make_key)
    backup(store.db, tmp_path / "b.jsonl", now())
    text = (tmp_path / "b.jsonl").read_text(encoding="ascii")
    assert "PRIVATE KEY" not in text and old_kid not in text  # the private key stays out of backups
    restore(store.db, text.splitlines(), replace=True)
    assert count(store, t.lti_tool_keys) == 0 and count(store, t.lti_platforms) == 1
    assert exam_score() == 1  # a new key, published at /lti/jwks, signs the next token request
    [(new_kid, _)] = store.lti_platforms.lti_tool_keys(now(), web_lti.make_key)
    assert new_kid != old_kid and len(lms.gradebook) == 2


def test_a_slow_batch_renews_each_lease_so_no_score_is_posted_twice(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from mglearn import lti_send

    from .test_certificates import T0, passed

    platform = store.lti_platforms.add_platform(
        "https://lms.example",
        "c1",
        auth_url="https://lms.example/a",
        token_url="https://lms.example/t",
        jwks_url="https://lms.example/j",
        deployments=["d"],
        now=T0,
    )
    attempt_id = passed(store, content)
    with store.db.write() as conn:
        for n in range(5):
            conn.execute(
                t.lti_outbox.insert().values(
                    attempt_id=attempt_id,
                    platform_id=platform.id,
                    lineitem=f"https://lms.example/li/{n}",
                    payload=json.dumps({"n": n}),
                    created_at=T0,
                    next_try_at=T0,
                    tries=0,
                )
            )
    posts: list[str] = []
    monkeypatch.setattr(lti_send, "access_token", lambda *a: "tok")

    def slow_post(url: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        posts.append(url)  # the platform takes 15 s a request: the 5th starts at T0 + 60 s ...
        if len(posts) == 5:  # ... and while it is on its way, server B looks at T0 + 65 s
            assert lti_send.send_due(store, T0 + timedelta(seconds=65), owner="server-B").sent == 0
        return 200, b""

    monkeypatch.setattr(lti_send, "_post", slow_post)
    times = iter(T0 + timedelta(seconds=15 * n) for n in range(5))
    assert lti_send.send_due(store, T0, owner="server-A", clock_=lambda: next(times)).sent == 5
    assert sorted(posts) == [f"https://lms.example/li/{n}/scores" for n in range(5)]  # each once


def test_a_launch_posted_by_another_browser_than_the_login_is_refused(
    store: Store, content: Content, lms: TestPlatform
) -> None:
    attacker = Browser()
    to_platform = attacker.client.get(lms.login_url("hint-1", quiz_launch(content)))
    form = attacker.form(attacker.client.get(to_platform.headers["location"]).text)
    victim = Browser()  # made to post the attacker's id_token and state (login CSRF)
    answer = victim.post(form)
    assert answer.status_code == 403 and 'data-reason="browser"' in answer.text
    assert cookie(answer, web_lti.COOKIE) is None and count(store, t.lti_sessions) == 0
    assert attacker.post(form).status_code == 200  # the browser that started the login goes on


def test_the_login_cookie_is_httponly_short_and_cross_site_on_https(
    store: Store, lms: TestPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    def login_cookie() -> str:
        answer = Browser().client.get(lms.login_url("c", Scenario()))
        [header] = [h for h in answer.headers.get_list("set-cookie") if h.startswith(web_lti.STATE_COOKIE)]
        return header.lower()

    plain = login_cookie()  # plain http (tests): no SameSite, Chrome's 2-minute Lax+POST lets it through
    assert "httponly" in plain and "max-age=600" in plain
    assert "samesite" not in plain and "secure" not in plain
    monkeypatch.setenv("MGLEARN_PUBLIC_URL", "https://mglearn.example")
    secure = login_cookie()
    assert "httponly" in secure and "samesite=none" in secure and "secure" in secure


def test_two_first_launches_of_one_instructor_at_once_make_one_course_group(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from mglearn.lti.launch import Launch

    from .test_certificates import T0

    platform = store.lti_platforms.add_platform(
        "https://lms.example",
        "c1",
        auth_url="https://lms.example/a",
        token_url="https://lms.example/t",
        jwks_url="https://lms.example/j",
        deployments=["d"],
        now=T0,
    )
    launch = Launch(
        platform_id=platform.id,
        issuer=platform.issuer,
        deployment_id="d",
        message_type="LtiResourceLinkRequest",
        sub="teach-1",
        name="Ans",
        trainer=True,
        lang="nl",
        context_id="course-7",
        context_title="Voeding",
        resource_link_id="l1",
        activity="",
        lineitem="",
        lineitems="",
        scopes=(),
        deep_link_return_url="",
        deep_link_data="",
    )
    first = store.lti.lti_arrive(launch, T0, trainer_hours=1)  # the trainer, and their course group
    assert first.trainer is not None
    with store.db.write() as conn:  # as if it were their first launch from this course
        conn.execute(t.lti_contexts.delete())
        conn.execute(t.groups.delete())
    gate = threading.Barrier(2)
    real = store.groups.create_group

    def create_group(*args: Any, **kwargs: Any) -> Any:
        gate.wait(timeout=5)  # both launches have seen "no group for this course yet"
        return real(*args, **kwargs)

    monkeypatch.setattr(store.groups, "create_group", create_group)
    got: list[int | None] = []

    def arrive() -> None:
        got.append(store.lti.lti_arrive(launch, T0, trainer_hours=1).group_id)

    threads = [threading.Thread(target=arrive) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 2 and got[0] == got[1]
    assert [g.id for g in store.groups.groups_of(first.trainer.id)] == [got[0]]


def test_a_deactivated_trainer_cannot_sign_in_through_the_lms(store: Store, lms: TestPlatform) -> None:
    """Issue 33: an account an administrator deactivated gets no session, no new course group
    and no "signed in" in the audit log from an instructor launch; a clear refusal instead."""
    instructor = Scenario(sub="teacher-1", name="Ria", roles=(INSTRUCTOR_ROLE,))
    first, _ = Browser().launch(lms.login_url("i", instructor))
    ria = store.trainers.session_trainer(cookie(first, "mglearn_trainer"), now())
    assert ria is not None
    admin = store.trainers.add_trainer("Ada", "correct horse battery", now(), role="admin")
    store.admin.set_active(admin, ria.name, False, now())
    with store.db.write() as conn:  # as if the course were new to them
        conn.execute(t.lti_contexts.delete())
        conn.execute(t.groups.delete())
    signed_in_before = [e for e in store.audit.events() if e.kind == "signin_ok"]

    page, _ = Browser().launch(lms.login_url("i2", instructor))
    assert page.status_code == 403, page.text
    assert 'data-reason="deactivated"' in page.text
    assert i18n.t("lti.refused.deactivated", "nl") in page.text
    assert cookie(page, "mglearn_trainer") is None
    assert count(store, t.trainer_sessions) == 0 and count(store, t.groups) == 0
    assert [e for e in store.audit.events() if e.kind == "signin_ok"] == signed_in_before
    refused = store.audit.events(kind="signin_failed")
    assert refused and refused[0].actor == ria.name


def test_an_instructor_launch_is_in_the_audit_log_with_where_from(store: Store, lms: TestPlatform) -> None:
    """Issue 33: the audit log says who signed in, when and from where, an LMS launch too."""
    page, _ = Browser().launch(
        lms.login_url("i", Scenario(sub="teacher-1", name="Ria", roles=(INSTRUCTOR_ROLE,)))
    )
    ria = store.trainers.session_trainer(cookie(page, "mglearn_trainer"), now())
    assert ria is not None
    [signed_in] = store.audit.events(kind="signin_ok")
    assert signed_in.actor == ria.name
    assert signed_in.client == "127.0.0.1"  # the browser's address, as a password sign-in records it
    assert [s.client for s in store.sessions.sessions_of(ria.id, now())] == ["127.0.0.1"]
