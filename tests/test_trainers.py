"""Trainer accounts, groups, assignments, exports and the command line."""

from __future__ import annotations

import io
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

import pytest

from mglearn.__main__ import main
from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content
from mglearn.errors import UserError
from mglearn.exports import csv_text
from mglearn.gift import gift, gift_escape
from mglearn.progress import assignment_status
from mglearn.store import Store

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_password_is_hashed_with_argon2(store: Store) -> None:
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    with store.db.engine.connect() as conn:
        stored = conn.exec_driver_sql("select password_hash from trainers").scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert store.trainers.sign_in_trainer("Tina", "correct horse", now=datetime.now(UTC)).name == "Tina"


def test_wrong_password_and_unknown_name_say_the_same(store: Store) -> None:
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    with pytest.raises(UserError) as wrong:
        store.trainers.sign_in_trainer("Tina", "nope", now=datetime.now(UTC))
    with pytest.raises(UserError) as unknown:
        store.trainers.sign_in_trainer("Nobody", "nope", now=datetime.now(UTC))
    assert wrong.value.key == unknown.value.key == "error.login_failed"


def test_five_wrong_tries_back_off_that_client_only(store: Store) -> None:
    """OWASP: back off per account and client instead of a hard lock anyone can trigger."""
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    for i in range(5):
        with pytest.raises(UserError) as err:
            store.trainers.sign_in_trainer("Tina", "wrong", now=T0 + timedelta(seconds=i), client="10.0.0.9")
        assert err.value.key == "error.login_failed"
    with pytest.raises(UserError) as err:
        store.trainers.sign_in_trainer(
            "Tina", "correct horse", now=T0 + timedelta(seconds=10), client="10.0.0.9"
        )
    assert err.value.key == "error.login_wait" and 0 < int(str(err.value.params["seconds"])) <= 30
    # The real trainer on another device is not locked out by the guesser.
    assert store.trainers.sign_in_trainer(
        "Tina", "correct horse", now=T0 + timedelta(seconds=10), client="10.0.0.1"
    )
    # After the wait the guesser's client may try again; a sixth failure doubles the wait.
    with pytest.raises(UserError, match="error.login_failed"):
        store.trainers.sign_in_trainer("Tina", "wrong", now=T0 + timedelta(seconds=40), client="10.0.0.9")
    with pytest.raises(UserError) as err:
        store.trainers.sign_in_trainer("Tina", "wrong", now=T0 + timedelta(seconds=41), client="10.0.0.9")
    assert err.value.key == "error.login_wait" and int(str(err.value.params["seconds"])) > 30
    assert store.trainers.sign_in_trainer(
        "Tina", "correct horse", now=T0 + timedelta(seconds=200), client="10.0.0.9"
    )


def tries_kept(store: Store) -> set[str]:
    with store.db.read() as conn:
        return {str(r[0]) for r in conn.exec_driver_sql("SELECT key FROM sign_in_tries")}


def check_old_sign_in_tries_are_forgotten(store: Store) -> None:
    """Every mistyped password and code left a row behind for good (a row per name and client,
    and per client for codes). A new try removes the rows whose last try or wait ended more
    than a day ago; a recent row, and a client's running wait, stay."""
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    for n in range(3):  # free tries: no wait, and before the fix no time on the row either
        with pytest.raises(UserError, match="error.login_failed"):
            store.trainers.sign_in_trainer("Tina", "wrong", now=T0, client=f"10.0.0.{n}")
    store.guesses.code_missed("10.0.1.1", now=T0)
    assert len(tries_kept(store)) == 4
    recent = T0 + timedelta(days=2)
    for i in range(5):  # a guesser who is kept waiting (30 s after the fifth)
        with pytest.raises(UserError, match="error.login_failed"):
            store.trainers.sign_in_trainer(
                "Tina", "wrong", now=recent + timedelta(seconds=i), client="10.6.6.6"
            )
    store.guesses.code_missed("10.0.1.2", now=recent)
    later = recent + timedelta(seconds=20)
    with pytest.raises(UserError, match="error.login_failed"):
        store.trainers.sign_in_trainer("Tina", "wrong", now=later, client="10.0.0.9")
    assert tries_kept(store) == {"tina|10.6.6.6", "#code|10.0.1.2", "tina|10.0.0.9"}
    with pytest.raises(UserError, match="error.login_wait"):  # the guesser still waits
        store.trainers.sign_in_trainer("Tina", "correct horse", now=later, client="10.6.6.6")
    store.guesses.code_missed("10.0.1.3", now=later + timedelta(days=2))  # a wrong code prunes too
    assert tries_kept(store) == {"#code|10.0.1.3"}


def test_old_sign_in_tries_are_forgotten_when_a_new_try_is_written(store: Store) -> None:
    check_old_sign_in_tries_are_forgotten(store)


def test_a_sign_in_goes_on_when_old_tries_cannot_be_removed(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """Removing other clients' old tries rows is housekeeping: when it fails (here: every
    statement that prunes them fails, as a busy or failing database would make it) the
    sign-in and the wrong code are still counted and answered, and the failure is logged."""
    import sqlite3

    import sqlalchemy as sa

    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))

    def fail_pruning(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.startswith("DELETE FROM sign_in_tries") and "IN (SELECT" in statement:
            raise sa.exc.OperationalError(statement, None, sqlite3.OperationalError("database is locked"))

    sa.event.listen(store.db.engine, "before_cursor_execute", fail_pruning)
    with pytest.raises(UserError, match="error.login_failed"):
        store.trainers.sign_in_trainer("Tina", "wrong", now=T0, client="10.0.0.9")
    store.guesses.code_missed("10.0.0.9", now=T0)
    assert tries_kept(store) == {"tina|10.0.0.9", "#code|10.0.0.9"}
    assert store.trainers.sign_in_trainer("Tina", "correct horse", now=T0, client="10.0.0.9").name == "Tina"
    assert "old sign-in tries not removed" in caplog.text


def test_unknown_and_throttled_accounts_answer_alike(store: Store) -> None:
    store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    keys = {}
    for name in ("Tina", "Nobody"):
        for i in range(5):
            with pytest.raises(UserError):
                store.trainers.sign_in_trainer(name, "wrong", now=T0 + timedelta(seconds=i))
        with pytest.raises(UserError) as err:
            store.trainers.sign_in_trainer(name, "wrong", now=T0 + timedelta(seconds=6))
        keys[name] = err.value.key
    assert keys == {"Tina": "error.login_wait", "Nobody": "error.login_wait"}


def test_sessions_survive_until_expiry_and_end_on_sign_out_or_new_password(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse", now=datetime.now(UTC))
    token = store.trainers.open_session(tina.id, now=T0, hours=8)
    other = store.trainers.open_session(tina.id, now=T0, hours=8)
    with store.db.engine.connect() as conn:
        stored = [r[0] for r in conn.exec_driver_sql("select token_hash from trainer_sessions")]
    assert token not in stored and len(stored) == 2  # only hashes are kept
    found = store.trainers.session_trainer(
        token, now=T0 + timedelta(hours=7), idle_minutes=600
    )  # (idle: see test_staff_sessions)
    assert found is not None and found.name == "Tina"
    assert store.trainers.session_trainer(token, now=T0 + timedelta(hours=8, seconds=1)) is None
    assert store.trainers.session_trainer("made-up", now=T0) is None
    store.trainers.close_session(token)
    assert store.trainers.session_trainer(other, now=T0) is None  # sign-out ends every session
    third = store.trainers.open_session(tina.id, now=T0)
    store.trainers.set_password("Tina", "battery staple")
    assert store.trainers.session_trainer(third, now=T0) is None


def test_short_password_and_duplicate_name_refused(store: Store) -> None:
    with pytest.raises(UserError, match="error.password_short"):
        store.trainers.add_trainer("Tina", "short", now=datetime.now(UTC))
    store.trainers.add_trainer("Tina", "long enough yes", now=datetime.now(UTC))
    with pytest.raises(UserError, match="error.trainer_exists"):
        store.trainers.add_trainer("Tina", "long enough yes", now=datetime.now(UTC))


def test_cli_trainer_add_list_passwd(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("secret-pass-phrase\n"))
    assert main(["trainer", "add", "Tom"]) == 0
    assert main(["trainer", "list"]) == 0
    assert "Tom" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("another-pass-phrase\n"))
    assert main(["trainer", "passwd", "Tom"]) == 0
    assert store.trainers.sign_in_trainer("Tom", "another-pass-phrase", now=datetime.now(UTC)).name == "Tom"
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    assert main(["trainer", "add", "Tim"]) == 1
    assert "at least 12 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("whatever-pass-phrase\n"))
    assert main(["trainer", "passwd", "Nobody"]) == 1


def test_groups_are_private_to_their_trainer(store: Store) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse 1", now=datetime.now(UTC))
    tom = store.trainers.add_trainer("Tom", "correct horse 2", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Groep A", now=datetime.now(UTC))
    assert group.join_code.startswith("GR-")
    assert [g.id for g in store.groups.groups_of(tina.id)] == [group.id]
    assert store.groups.groups_of(tom.id) == []
    with pytest.raises(UserError, match="error.group_unknown"):
        store.groups.group(group.id, tom.id)


def test_join_and_assignment_status(store: Store, content: Content) -> None:
    tina = store.trainers.add_trainer("Tina", "correct horse 1", now=datetime.now(UTC))
    group = store.groups.create_group(tina.id, "Groep A", now=datetime.now(UTC))
    learner = store.learners.create_learner("Lia", now=datetime.now(UTC))
    with pytest.raises(UserError, match="error.join_unknown"):
        store.groups.join_group(learner.id, "GR-AAAA-AAAA", now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code.lower(), now=datetime.now(UTC))
    store.groups.join_group(learner.id, group.join_code, now=datetime.now(UTC))  # twice is once
    assert [m.id for m in store.groups.members(group.id)] == [learner.id]
    lesson, quiz = content.lessons[0], content.quizzes[0]
    with pytest.raises(UserError, match="error.assignment_empty"):
        store.groups.create_assignment(group, "Leeg", [], [], T0, now=datetime.now(UTC))
    assignment = store.groups.create_assignment(
        group, "Week 1", [lesson.id], [quiz.id], T0 + timedelta(days=7), 0.5, now=T0
    )

    def status(now: datetime) -> str:
        return assignment_status(
            assignment, store.learners.reads(learner.id), store.attempts.learner_attempts(learner.id), now
        )

    assert status(T0) == "not_started"
    store.learners.mark_read(learner.id, lesson.id, now=T0)
    assert status(T0) == "in_progress"
    assert status(T0 + timedelta(days=8)) == "overdue"
    attempt = store.attempts.start_attempt(learner.id, quiz, now=datetime.now(UTC))
    questions = store.attempts.questions_of(attempt)
    for _, q in questions[: len(questions) // 2 + 1]:  # just over half right: passes 0.5, not 0.7
        store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    done = store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    assert not done.passed  # against the quiz's own pass mark
    assert status(T0 + timedelta(days=8)) == "done"  # against the assignment's 0.5


def test_gift_escaping() -> None:
    assert gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert gift_escape("line one\nline two") == "line one\\nline two"


def moodle_reads(block: str) -> list[tuple[str, float]] | list[tuple[str, str]]:
    """What Moodle's GIFT importer (question/format/gift/format.php, readquestion) makes of the
    answers of one exported question: (text, weight) per option of a multiple choice, (left,
    right) per pair of a matching question. Only the steps that decide those: the escaped
    characters it knows, the weight pattern, and the first ``->`` of a pair."""
    import re

    known = {"\\:": "\x01", "\\#": "\x02", "\\=": "\x03", "\\{": "\x04", "\\}": "\x05", "\\~": "\x06"}
    text = block.replace("\\\\", "\x00")
    for escaped, placeholder in known.items():
        text = text.replace(escaped, placeholder)
    answers = text[text.index("{") + 1 : text.index("}")].split("####")[0].strip()

    def post(value: str) -> str:
        for escaped, placeholder in known.items():
            value = value.replace(placeholder, escaped[1])
        return value.replace("\x00", "\\").strip()

    if "~" not in answers:  # a matching question
        pairs = [a.strip() for a in answers.split("=") if a.strip()]
        return [(post(p[: p.index("->")]), post(p[p.index("->") + 2 :])) for p in pairs]
    read: list[tuple[str, float]] = []
    for answer in [a.strip() for a in answers.replace("=", "~=").split("~") if a.strip()]:
        weight = 0.0
        if answer.startswith("="):
            weight, answer = 1.0, answer[1:]
        elif re.match(r"^%-*([0-9]{1,2})\.?([0-9]*)%", answer):
            rest = answer[1:]
            weight, answer = float(rest[: rest.index("%")]) / 100, rest[rest.index("%") + 1 :]
        read.append((post(answer.split("#")[0]), weight))
    return read


def test_gift_keeps_a_leading_percent_and_an_arrow_as_text(content: Content) -> None:
    """An option "%100% zeker" of a single-choice question is a wrong answer worth nothing, not
    a right one worth 100 %; "a -> b" on the left of a pair is one left side, not a split."""
    from mglearn.content import Pair, Text
    from mglearn.gift import gift_question

    single = next(q for _, q in content.questions() if q.type == "single")
    wrong = next(i for i, o in enumerate(single.options) if not o.correct)
    options = list(single.options)
    options[wrong] = options[wrong].model_copy(update={"text": Text(nl="%100% zeker", en="%100% sure")})
    read = moodle_reads(gift_question(single.model_copy(update={"options": options}), "nl"))
    assert read[wrong] == ("%100% zeker", 0.0)
    assert sum(w for _, w in read) == 1.0  # the one right answer only

    match = next(q for _, q in content.questions() if q.type == "matching")
    pairs = [Pair(left=Text(nl="Mg -> Ca", en="Mg -> Ca"), right=Text(nl="x -> y", en="x -> y"))]
    edited = match.model_copy(update={"pairs": pairs + match.pairs[1:]})
    left, right = moodle_reads(gift_question(edited, "nl"))[0]
    assert left.replace("\\>", ">") == "Mg -> Ca"  # (the left side is Markdown: \> shows as >)
    assert right == "x -> y"


def test_gift_export_of_the_bank(content: Content) -> None:
    text = gift(content, "nl")
    assert text.count("$CATEGORY:") == len(content.quizzes)
    n = sum(len(q.questions) for q in content.quizzes)
    assert text.count("\n::") + text.startswith("::") == n
    first = content.quizzes[0].questions[0]
    assert f"::{gift_escape(first.id)}::[markdown]{gift_escape(first.prompt.nl)} {{" in text
    multi = next(q for _, q in content.questions() if q.type == "multiple")
    k = sum(o.correct for o in multi.options)
    right = next(o for o in multi.options if o.correct)
    weight = f"{100 / k:.5f}".rstrip("0").rstrip(".")
    assert f"~%{weight}%{gift_escape(right.text.nl)}#" in text
    match = next(q for _, q in content.questions() if q.type == "matching")
    assert f"={gift_escape(match.pairs[0].left.nl)} -> {gift_escape(match.pairs[0].right.nl)}" in text
    # every answer line is inside braces and no unescaped special character slips into a text
    for block in text.split("\n}\n")[:-1]:
        assert block.count(" {\n") == 1


def test_cli_export_gift(capsys: pytest.CaptureFixture[str], content: Content) -> None:
    assert main(["export", "gift", "--lang", "en", "--root", str(PROJECT_ROOT)]) == 0
    out = capsys.readouterr().out
    assert gift_escape(content.quizzes[0].questions[0].prompt.en) in out


def test_csv_text_is_iso_and_one_header() -> None:
    text = csv_text([{"a": T0, "b": None, "c": [1, 2], "d": float("nan")}], ["a", "b", "c", "d"])
    assert text == "a,b,c,d\n2026-03-01T12:00:00+00:00,,1|2,\n"


def test_answers_export_rows(store: Store, content: Content) -> None:
    from mglearn.progress import HISTORY_COLUMNS

    learner = store.learners.create_learner("Ria", now=datetime.now(UTC))
    idle = store.learners.create_learner("Idle", now=datetime.now(UTC))
    attempt = store.attempts.start_attempt(learner.id, content.quizzes[0], now=datetime.now(UTC))
    _, q = store.attempts.questions_of(attempt)[0]
    store.attempts.save_answer(attempt.id, q.id, correct_response(q), now=datetime.now(UTC))
    store.attempts.submit_attempt(attempt.id, now=datetime.now(UTC))
    rows = store.attempts.answer_rows([learner.id, idle.id])
    assert len(rows) == len(store.attempts.questions_of(attempt)) == content.quizzes[0].shown
    assert {r.learner for r in rows} == {"Ria"}
    text = csv_text([asdict(r) for r in rows], ("learner", "learner_code", *HISTORY_COLUMNS))
    header, first = text.splitlines()[:2]
    assert header.startswith("learner,learner_code,attempt_id,quiz_id,started_at")
    assert first.startswith(f"Ria,{learner.code},{attempt.id},{content.quizzes[0].id},20")


# -- the password rules (issue 33, ASVS 5.0 V6.2) --


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("a" * 11, "error.password_short"),
        ("x" * 129, "error.password_long"),
        ("1qaz2wsx3edc", "error.password_common"),  # on zxcvbn's list of 30,000
        ("Leave Me Alone", "error.password_common"),  # its "leavemealone", case and spaces aside
        ("magnesium2026", "error.password_context"),
        ("Tina Tina Tina", "error.password_context"),  # the account's own name
    ],
)
def test_a_new_password_must_pass_the_rules(store: Store, password: str, key: str) -> None:
    with pytest.raises(UserError) as err:
        store.trainers.add_trainer("Tina", password, now=datetime.now(UTC))
    assert err.value.key == key
    assert store.trainers.trainer_by_name("Tina") is None


@pytest.mark.parametrize(
    "password",
    [
        "twelve chars",  # exactly 12, lower case only: no composition rules
        "ß" * 12,  # any Unicode
        "  spaces at the ends count  ",
        "p" + "ä" * 127,  # 128: the longest, kept whole
    ],
)
def test_any_long_enough_uncommon_password_is_taken_as_typed(store: Store, password: str) -> None:
    store.trainers.add_trainer("Tina", password, now=datetime.now(UTC))
    assert store.trainers.sign_in_trainer("Tina", password, now=datetime.now(UTC)).name == "Tina"
    assert store.trainers.trainer_by_name("Tina") is not None


def test_the_common_password_list_comes_from_the_pinned_zxcvbn() -> None:
    from importlib.metadata import version

    from mglearn import passwords

    requirements = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert f"zxcvbn=={version('zxcvbn')}" in requirements
    assert len(passwords.common_passwords()) == 30000


def test_a_new_installation_has_no_accounts(store: Store) -> None:
    """ASVS 6.3.2: no default account ("admin", "root"): every account is made by `mglearn
    trainer add` on the server, with a password of its maker's choosing."""
    assert store.trainers.all_trainers() == []
    assert store.trainers.trainer_by_name("admin") is None and store.trainers.trainer_by_name("root") is None
