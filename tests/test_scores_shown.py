"""How a score is shown next to its pass mark (issue 26 item 2): a score that falls short of the
mark never reads as the mark, on a page or in an export. Scores are floored to a whole percent
(a shown score is never more than was earned); a mark that is not a whole percent keeps its
decimals, and a score that passes it shows as many decimals as it takes to read as a pass."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mglearn import exports, i18n
from mglearn.attempts import correct_response
from mglearn.content import Content
from mglearn.i18n import pct, t
from mglearn.progress import history_csv, history_table
from mglearn.store import Attempt, Learner, Store

from .test_app import app, texts

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
UI = "mglearn/ui"


def just_short(store: Store, content: Content) -> tuple[Learner, Attempt]:
    """An exam scored (18 + 2/3) / 25 = 0.7467 against the mark 0.75: a fail."""
    learner = store.learners.create_learner("Net Niet", now=datetime.now(UTC))
    exam = store.exams.start_exam(learner.id, content, now=T0, seed=7)
    by_id = {q.id: q for _, q in content.questions()}
    questions = [by_id[d.question_id] for d in exam.draw]
    partly = next(
        q
        for q in questions
        if (q.type == "matching" and len(q.pairs) == 3)
        or (q.type == "multiple" and sum(o.correct for o in q.options) == 3)
    )
    two_of_three = [0, 1, None] if partly.type == "matching" else correct_response(partly)[:2]
    store.attempts.save_answer(exam.id, partly.id, two_of_three, now=T0 + timedelta(minutes=1))
    for q in [q for q in questions if q is not partly][:18]:
        store.attempts.save_answer(exam.id, q.id, correct_response(q), now=T0 + timedelta(minutes=1))
    done = store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=2))
    assert done.score == pytest.approx(0.7467, abs=1e-4) and done.pass_mark == 0.75 and not done.passed
    return learner, done


def test_a_score_just_short_of_the_mark_does_not_read_as_the_mark(store: Store, content: Content) -> None:
    learner, done = just_short(store, content)
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/exam.py")
    at.query_params["exam"] = str(done.id)
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "Nog niet geslaagd: je score is 74%, nodig is 75%." in shown
    assert [m.value for m in at.metric] == ["74%"]
    (link,) = [p for p in at.get("page_link") if "niet geslaagd" in p.proto.label]
    assert "· 74% ·" in link.proto.label
    at.switch_page(f"{UI}/progress.py").run()  # the exam history on the progress page
    assert not at.exception
    (link,) = [p for p in at.get("page_link") if "niet geslaagd" in p.proto.label]
    assert "· 74% ·" in link.proto.label
    assert "74%" in at.dataframe[-1].value.to_csv() and "75%" not in at.dataframe[-1].value.to_csv()


def stored_just_short(store: Store, content: Content) -> tuple[Learner, Attempt]:
    """A submitted quiz attempt whose stored score is 0.7467 against a group's mark of 0.75 (the
    score a partly right answer or two can give; set in the store, as a grader would write it)."""
    learner = store.learners.create_learner("Net Niet", now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=T0, seed=3, pass_mark=0.75)
    store.attempts.submit_attempt(attempt.id, now=T0 + timedelta(minutes=1))
    with store.db.write() as conn:
        conn.exec_driver_sql(
            "UPDATE attempts SET score = 0.7467, passed = ? WHERE id = ?",
            (False, attempt.id),
        )
    return learner, store.attempts.attempt(attempt.id)


def test_a_quiz_score_just_short_of_the_mark_does_not_read_as_the_mark(
    store: Store, content: Content
) -> None:
    learner, attempt = stored_just_short(store, content)
    at = app(learner=learner.code)
    at.switch_page(f"{UI}/quiz.py")
    at.query_params["quiz"], at.query_params["attempt"] = attempt.quiz_id, str(attempt.id)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("quiz.failed", score="74%", pass_mark="75%")]
    assert [m.value for m in at.metric] == ["74%"]
    at.switch_page(f"{UI}/progress.py")
    at.query_params.pop("attempt", None)
    at.run()
    assert not at.exception
    best = at.dataframe[0].value.iloc[0].to_dict()
    assert "74%" in best.values() and "75%" not in best.values()


def test_an_exported_score_just_short_of_the_mark_is_floored(store: Store, content: Content) -> None:
    """The exports list quiz attempts: one whose stored score is 0.7467 against a group's 0.75."""
    learner, attempt = stored_just_short(store, content)
    rows = store.attempts.history(learner.id)
    versions = {attempt.id: {q.id: q for _, q in store.attempts.questions_of(attempt)}}
    text = history_csv(history_table(rows, versions, {}, "nl", "UTC"), "nl", "UTC").decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    column = table[0].index(t("hist.attempt_score", "nl", zone="UTC"))
    assert {row[column] for row in table[1:]} == {"74"}
    sheet = exports.answers_sheet(rows, versions, {}, "nl")
    column = list(sheet.headers).index(t("tw.col.attempt_score", "nl"))
    assert {row[column] for row in sheet.rows} == {74}
    assert "74" in exports.csv_bytes(sheet).decode("utf-8-sig")


def test_a_mark_that_is_not_a_whole_percent_keeps_its_decimals() -> None:
    mark_pct = i18n.mark_pct
    assert mark_pct(0.75) == "75%" and mark_pct(0.755) == "75,5%" and mark_pct(0.755, "en") == "75.5%"
    assert pct(0.7467) == "74%" and pct(0.57) == "57%" and pct(1.0) == "100%" and pct(None) == "–"
    assert pct(0.752, 0.755) == "75%"  # a fail: below "75,5%"
    assert pct(0.7555, 0.755) == "75,5%"  # a pass reads as at least the mark
    assert pct(0.7555, 0.755, "en") == "75.5%"
    assert pct(0.7467, 0.75) == "74%" and pct(0.75, 0.75) == "75%" and pct(0.999, 0.75) == "99%"


MARKS = st.one_of(
    st.integers(1, 100_000).map(lambda n: n / 100_000),  # marks as typed: up to three decimals of a percent
    st.floats(min_value=0, max_value=1, exclude_min=True),  # any mark a setting or a restore may hold
)
SCORES = st.one_of(
    st.tuples(st.integers(0, 60), st.integers(1, 60)).map(lambda kn: min(kn[0], kn[1]) / kn[1]),
    st.floats(min_value=0, max_value=1),
)


@settings(max_examples=400, deadline=None)
@given(score=SCORES, mark=MARKS, lang=st.sampled_from(["nl", "en"]))
def test_a_score_beside_its_mark_reads_on_the_side_of_its_verdict(
    score: float, mark: float, lang: str
) -> None:
    """Whatever the mark (0.73335 too), a pass never reads below the shown mark, a fail never
    at or above it, and a score never reads above what was earned (a tolerated pass reads as the mark)."""
    shown = Decimal(pct(score, mark, lang).rstrip("%").replace(",", "."))
    shown_mark = Decimal(i18n.mark_pct(mark, lang).rstrip("%").replace(",", "."))
    passed = score + 1e-9 >= mark
    assert (shown >= shown_mark) == passed, (shown, shown_mark)
    assert shown <= Decimal(repr(max(score, mark) if passed else score)) * 100


def test_the_credential_and_verify_show_the_score_as_the_certificate_does(
    store: Store, content: Content
) -> None:
    """A score of 75.5% beside a mark of 75.5%: never "75" (below the mark it passed)."""
    from mglearn import certificates
    from mglearn.web import verify_html

    from .test_certificates import passed

    cert = dataclasses.replace(
        store.certificates.issue_certificate(passed(store, content, "Precies"), now=datetime.now(UTC)),
        score=0.755,
        pass_mark=0.755,
    )
    assert certificates.credential(cert)["credentialSubject"]["result"][0]["value"] == "75.5"
    found = certificates.public_status(cert, T0, "nl")
    assert "75,5%" in verify_html(found, "nl") and "75.5%" in verify_html(found, "en")
