"""Issue 20, hostile input: every query parameter the pages read (grep st.query_params in
mglearn/ui/) and every public route, given unknown, malformed and oversized values, answers
with a friendly message or ignores the value: never a traceback, never another learner's data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from mglearn import web
from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store

from .test_app import UI, texts

HOSTILE = {
    "unknown": "zzz-onbekend",
    "huge": "9" * 10_000,
    "unicode": "\u202e\U0001f468\u200d\U0001f469 \x00 ² ٣",
    "markup": "<img src=x onerror=alert(1)> [a](javascript:alert(1)) $\\frac{1}{2}$",
    "empty": "",
}
# the pages and the parameters each reads; each case sets them all, hostile, at once, and
# then each beside a valid value of the others (a real lesson with a hostile section, ...)
PARAMS = {
    "overview": {"learner": None, "join": None, "lang": "nl"},
    "lesson": {"lesson": "functies", "section": None},
    "quiz": {"quiz": "functies", "attempt": None},
    "exam": {"exam": None, "q": "1"},
    "progress": {"learner": None},
    "practice": {"learner": None},
    "start": {"learner": None, "join": None},
    "verify-certificate": {"code": None},
    "trainer": {"signin": "wait", "seconds": None},
}


def opened(page: str, learner_code: str | None, **query: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    if learner_code:
        at.query_params["learner"] = learner_code
    at.run()
    at.switch_page(f"{UI}/{'verify' if page == 'verify-certificate' else page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def shows_no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Traceback" not in shown and "Error" not in shown.replace("error", "")


@pytest.mark.parametrize("page", PARAMS)
def test_hostile_values_give_a_message_or_are_ignored(store: Store, page: str) -> None:
    learner = store.learners.create_learner("Ans", now=datetime.now(UTC))
    valid = PARAMS[page]
    for kind, value in HOSTILE.items():
        queries = [dict.fromkeys(valid, value)]
        queries += [{**{k: v for k, v in valid.items() if v}, name: value} for name in valid if valid[name]]
        for query in queries:
            code = None if "learner" in query else learner.code
            at = opened(page, code, **query)
            shows_no_traceback(at)
            if code and page not in ("start", "trainer", "verify-certificate"):
                assert "Ans" in "\n".join(m.value for m in at.sidebar.markdown), (page, kind, query.keys())


@pytest.mark.parametrize("param", ["quiz", "lesson", "attempt", "learner", "exam", "q"])
def test_repeated_parameters_are_harmless(store: Store, param: str) -> None:
    learner = store.learners.create_learner("Ans", now=datetime.now(UTC))
    page = {"quiz": "quiz", "attempt": "quiz", "lesson": "lesson", "learner": "overview"}.get(param, "exam")
    at = opened(page, learner.code, **{param: ["functies", "9" * 10_000, "\x00"]})
    shows_no_traceback(at)


def test_an_unknown_lesson_says_so_and_opens_the_next_one(store: Store) -> None:
    learner = store.learners.create_learner("Ans", now=datetime.now(UTC))
    at = opened("lesson", learner.code, lesson="x" * 10_000)
    assert "Die les bestaat niet" in texts(at)


def test_an_unknown_learner_code_in_the_address_asks_to_start(store: Store) -> None:
    at = opened("overview", None, learner="MG-" + "A" * 9_990)
    shows_no_traceback(at)
    assert "Begin eerst op de startpagina" in texts(at)


def test_an_unknown_join_code_in_the_address_says_so(store: Store) -> None:
    learner = store.learners.create_learner("Ans", now=datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["learner"] = learner.code
    at.query_params["join"] = "GR-" + "Z" * 10_000
    at.run()
    shows_no_traceback(at)
    assert "Deze groepscode kennen we niet" in "\n".join(str(t.value) for t in at.toast)
    assert store.groups.learner_groups(learner.id) == []


T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_another_learners_attempt_or_exam_is_never_shown(store: Store, content: Content) -> None:
    """Learner A opens learner B's quiz attempt and exam by their ids: A sees their own page,
    none of B's answers, score or name."""
    quiz = content.quizzes[0]
    bea = store.learners.create_learner("Bea Geheim", now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(bea.id, quiz, now=datetime.now(UTC))
    for _, q in store.attempts.questions_of(attempt):
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    exam = store.exams.start_exam(bea.id, content, now=datetime.now(UTC))
    store.attempts.submit_attempt(exam.id, now=datetime.now(UTC))
    ans = store.learners.create_learner("Ans", now=datetime.now(UTC))
    at = opened("quiz", ans.code, quiz=quiz.id, attempt=str(attempt.id))
    shows_no_traceback(at)
    shown = texts(at)
    assert "Bea" not in shown and "100%" not in shown and "Nabespreking" not in shown
    assert "Start de toets" in [b.label for b in at.button]
    at = opened("exam", ans.code, exam=str(exam.id))
    shows_no_traceback(at)
    assert "Bea" not in texts(at) and "Bea" not in str(at.query_params)


def test_a_sign_in_wait_with_a_huge_number_is_harmless() -> None:
    at = opened("trainer", None, signin="wait", seconds="9" * 10_000)
    shows_no_traceback(at)


# -- routes --


def route_client(store: Store) -> TestClient:
    return TestClient(
        Starlette(routes=web.routes(lambda: store)), raise_server_exceptions=False, follow_redirects=False
    )


@pytest.mark.parametrize(
    "path",
    [
        "/verify/zzz",
        "/verify/" + "A" * 10_000,
        "/verify/%00%0d%0a",
        "/verify/%E2%80%AE%F0%9F%91%A8",
        "/verify/<img src=x onerror=alert(1)>",
        "/verify/MC-AAAA-BBBB-CCCC-DDDD?format=json",
        "/verify/x?lang=" + "q" * 10_000,
    ],
)
def test_verify_with_junk_is_a_friendly_404(store: Store, path: str) -> None:
    response = route_client(store).get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.text and "<img" not in response.text
    assert "Onbekende code" in response.text or response.json()["status"] == "unknown"


def test_issuer_and_unknown_api_paths(
    store: Store, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGLEARN_SIGNING_KEY", str(tmp_path) + "/keys/signing.pem")
    c = route_client(store)
    assert c.get("/issuer").status_code == 200
    for path in ("/api/nothing", "/api/trainer/signin", "/api/" + "x" * 10_000, "/verify/"):
        response = c.get(path)
        assert response.status_code in (404, 405), path
        assert "Traceback" not in response.text
    odd = c.post(web.SIGN_IN, content=b"\x00" * 100_000, headers={"origin": "http://testserver"})
    assert odd.status_code in (303, 400, 413) and "Traceback" not in odd.text
