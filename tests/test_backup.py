"""Issue 20, faults: `mglearn db backup FILE` / `mglearn db restore FILE` round-trip all learner
data between SQLite and PostgreSQL, in one transaction, hostile text intact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mglearn.__main__ import main
from mglearn.attempts import correct_response
from mglearn.certificates import public_jwk
from mglearn.content import PROJECT_ROOT, Content
from mglearn.store import Store
from mglearn.store import tables as t
from mglearn.store.backup import BackupError, backup, restore

from .pg import fresh_pg

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NOW = datetime(2025, 3, 2, 12, 0, tzinfo=UTC)  # the backups' own time: equal dumps compare equal
HOSTILE = "Zoë 👩‍👩‍👧 \u202eevil\u202c \x07bell\x1b[31m \u200f עברית <script>x</script> ;'--"
MGLEARN = str(PROJECT_ROOT / ".venv" / "bin" / "mglearn")


def fill(store: Store, content: Content) -> dict[str, object]:
    """Learner data of every kind, made through the store as the app makes it."""
    by_id = {q.id: q for _, q in content.questions()}
    anna = store.learners.create_learner("Anna 🌿", now=T0)
    bart = store.learners.create_learner("Bart", lang="en", now=T0)
    store.learners.mark_read(anna.id, content.lessons[0].id, now=T0)
    quiz = content.quizzes[0]
    done = store.attempts.start_attempt(anna.id, quiz, now=T0, seed=5)
    for i, d in enumerate(done.draw):
        if i % 3:  # some left blank
            store.attempts.save_answer(done.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    store.attempts.submit_attempt(done.id, now=T0 + timedelta(minutes=9))
    open_one = store.attempts.start_attempt(anna.id, content.quizzes[1], now=T0, seed=6)
    first = by_id[open_one.draw[0].question_id]
    store.attempts.save_answer(open_one.id, first.id, correct_response(first), now=T0)
    trainer = store.trainers.add_trainer("Tess", "a long password", now=T0)
    store.trainers.open_session(trainer.id, now=T0)  # a sign-in cookie: left out of the backup
    group = store.groups.create_group(trainer.id, "Groep 🌙", now=T0)
    store.groups.join_group(anna.id, group.join_code, now=T0)
    store.groups.join_group(bart.id, group.join_code, now=T0)
    store.groups.create_assignment(
        group,
        "Lees 1",
        [content.lessons[0].id],
        [quiz.id],
        T0 + timedelta(days=7),
        0.8,
        now=T0,
    )
    store.exams.set_group_exam(group, minutes=45, pass_mark=0.6)
    exam = store.exams.start_exam(bart.id, content, now=T0, seed=7)
    for d in exam.draw:
        store.attempts.save_answer(exam.id, d.question_id, correct_response(by_id[d.question_id]), now=T0)
    store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=20))
    cert = store.certificates.issue_certificate(exam.id, now=T0 + timedelta(minutes=20))
    store.certificates.revoke_certificate(cert.code, "test ✓", now=T0 + timedelta(days=1))
    key = public_jwk(Ed25519PrivateKey.generate())
    store.certificates.publish_key(key["kid"], key, now=T0)
    seen = store.practice.cards(bart.id)[first.id].reps if first.id in store.practice.cards(bart.id) else 0
    later = T0 + timedelta(hours=1)
    store.practice.practice_answer(
        bart.id, first, correct_response(first), shown_at=later, now=later, seen_reps=seen
    )
    store.practice.set_daily_goal(bart.id, 12, now=T0)
    with store.db.write() as conn:  # text the cleaning would refuse, written as an older version might have
        conn.execute(t.learners.update().where(t.learners.c.id == bart.id).values(name=HOSTILE[:80]))
        conn.execute(t.assignments.update().values(title=HOSTILE))
    return {"anna": anna.code, "bart": bart.code, "open": open_one.id, "cert": cert.code}


def dump(store: Store, path: Path) -> list[str]:
    backup(store.db, path, NOW)
    return path.read_text(encoding="ascii").splitlines()


def check_usable(store: Store, content: Content, made: dict[str, object]) -> None:
    """The restored data works through the store as before, and new rows get new ids."""
    anna = store.learners.learner_by_code(str(made["anna"]), now=datetime.now(UTC))
    bart = store.learners.learner_by_code(str(made["bart"]), now=datetime.now(UTC))
    assert anna is not None and bart is not None and bart.name == HOSTILE[:80]
    resumed = store.attempts.start_attempt(anna.id, content.quizzes[1], now=NOW)
    assert resumed.id == made["open"] and len(store.attempts.answers(resumed.id)) == 1
    first = store.attempts.questions_of(resumed)[1][1]
    store.attempts.save_answer(resumed.id, first.id, correct_response(first), now=NOW)
    assert store.attempts.submit_attempt(resumed.id, now=NOW).submitted
    cert = store.certificates.certificate(str(made["cert"]))
    assert cert is not None and cert.revoked_reason == "test ✓"
    assert store.practice.cards(bart.id) and store.practice.daily_goal(bart.id) == 12
    newer = store.learners.create_learner("Nieuw", now=NOW)  # the id counters moved past the restored ids
    assert newer.id > bart.id
    trainer = store.trainers.trainer_by_name("Tess")
    assert trainer is not None and [g.name for g in store.groups.groups_of(trainer.id)] == ["Groep 🌙"]
    assert store.trainers.sign_in_trainer("Tess", "a long password", now=NOW, client="c") is not None


@pytest.mark.postgres
@pytest.mark.parametrize("source", ["sqlite", "postgres"])
def test_round_trip_between_sqlite_and_postgres(
    source: str, pg_url: str, tmp_path: Path, content: Content
) -> None:
    """SQLite -> PostgreSQL -> SQLite (and PostgreSQL -> SQLite -> PostgreSQL): every dump of
    the same data is the same file, and the restored database works."""
    sqlite_a = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    sqlite_b = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    with fresh_pg(pg_url) as pg_a, fresh_pg(pg_url) as pg_b:
        chain = [sqlite_a, pg_a, sqlite_b] if source == "sqlite" else [pg_a, sqlite_a, pg_b]
        first = Store(chain[0])
        made = fill(first, content)
        dumps = [dump(first, tmp_path / "0.jsonl")]
        first.dispose()
        for i, url in enumerate(chain[1:], 1):
            target = Store(url, migrate=False)
            with open(tmp_path / f"{i - 1}.jsonl", encoding="ascii") as fh:
                summary = restore(target.db, fh)
            assert summary.rows == len(dumps[0]) - 2
            dumps.append(dump(target, tmp_path / f"{i}.jsonl"))
            target.dispose()
        assert dumps[1] == dumps[0]
        assert dumps[2] == dumps[0]
        text = "\n".join(dumps[0])
        assert '"table": "trainer_sessions"' not in text and '"table": "practice_reviews"' in text
        for url in chain[1:]:
            restored = Store(url)
            check_usable(restored, content, made)
            restored.dispose()


def test_hostile_text_survives_exactly(store: Store, content: Content, tmp_path: Path) -> None:
    made = fill(store, content)
    lines = dump(store, tmp_path / "b.jsonl")
    assert all(line.isascii() for line in lines)  # every other character escaped: any file system, any tool
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}", migrate=False)
    restore(other.db, lines)
    bart = other.learners.learner_by_code(str(made["bart"]), now=datetime.now(UTC))
    assert bart is not None and bart.name == HOSTILE[:80]
    assert {
        a.title for a in other.groups.assignments([g.id for g in other.groups.learner_groups(bart.id)])
    } == {HOSTILE}
    other.dispose()


def _refused(target: Store, lines: list[str], message: str) -> None:
    with pytest.raises(BackupError, match=message):
        restore(target.db, lines)


def test_restore_refuses_a_database_with_data_unless_forced(
    store: Store, content: Content, tmp_path: Path
) -> None:
    made = fill(store, content)
    lines = dump(store, tmp_path / "b.jsonl")
    target = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    kept = target.learners.create_learner("Blijf", now=NOW)
    _refused(target, lines, "already holds data")
    assert target.learners.learner_by_code(kept.code, now=datetime.now(UTC)) == kept
    restore(target.db, lines, replace=True)
    assert target.learners.learner_by_code(kept.code, now=datetime.now(UTC)) is None
    check_usable(target, content, made)
    target.dispose()


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda lines: lines[:-1], "cut off"),
        (lambda lines: lines[:-3] + lines[-2:], "end line counts"),
        (lambda lines: [*lines[:-2], lines[-2].replace("2025-", "yesterday-"), lines[-1]], "not a date"),
        (lambda lines: [*lines[:4], "{not json", *lines[4:]], "not JSON"),
        (lambda lines: [lines[0].replace('"schema": "', '"schema": "x'), *lines[1:]], "schema"),
        (lambda lines: ["{}", *lines[1:]], "not an mglearn backup"),
    ],
)
def test_a_damaged_file_restores_nothing(
    damage: Callable[[list[str]], list[str]], message: str, store: Store, content: Content, tmp_path: Path
) -> None:
    """One transaction: a file refused halfway leaves the target as it was (no schema even)."""
    fill(store, content)
    lines = dump(store, tmp_path / "b.jsonl")
    url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    target = Store(url, migrate=False)
    _refused(target, damage(lines), message)
    with target.db.read() as conn:
        assert not sa.inspect(conn).get_table_names()
    target.dispose()


def test_backup_refuses_an_old_schema_and_writes_no_file(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'old.sqlite3'}", migrate=False)
    with pytest.raises(BackupError, match="mglearn db upgrade"):
        backup(store.db, tmp_path / "b.jsonl", NOW)
    assert not list(tmp_path.glob("*b.jsonl*"))
    store.dispose()


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MGLEARN_DATABASE_URL": url}
    return subprocess.run(
        [MGLEARN, *args] if Path(MGLEARN).exists() else [sys.executable, "-m", "mglearn", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.postgres
def test_cli_backup_and_restore_as_the_readme_shows(pg_url: str, tmp_path: Path, content: Content) -> None:
    source = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    store = Store(source)
    made = fill(store, content)
    store.dispose()
    file = tmp_path / "mglearn-backup.jsonl"
    done = _cli(source, "db", "backup", str(file))
    assert done.returncode == 0, done.stderr
    assert "Backed up" in done.stdout and file.exists()
    with fresh_pg(pg_url) as pg:
        done = _cli(pg, "db", "restore", str(file))
        assert done.returncode == 0, done.stderr
        assert "Restored" in done.stdout
        again = _cli(pg, "db", "restore", str(file))
        assert again.returncode == 1
        assert "already holds data" in again.stderr and "Traceback" not in again.stderr
        forced = _cli(pg, "db", "restore", "--force", str(file))
        assert forced.returncode == 0, forced.stderr
        restored = Store(pg)
        check_usable(restored, content, made)
        restored.dispose()


# -- every row is checked as the app checks what it stores; a bad one is refused by line --


@pytest.fixture(scope="module")
def good_dump(tmp_path_factory: pytest.TempPathFactory, content: Content) -> list[str]:
    folder = tmp_path_factory.mktemp("good")
    source = Store(f"sqlite:///{folder / 'source.sqlite3'}")
    fill(source, content)
    lines = dump(source, folder / "b.jsonl")
    source.dispose()
    return lines


def _line_of(lines: list[str], table: str) -> int:
    """The 0-based index of the first row of ``table``."""
    return next(i for i, line in enumerate(lines) if json.loads(line).get("table") == table)


def _edit(table: str, **values: object) -> Callable[[list[str]], tuple[list[str], int]]:
    """Change the first row of ``table``: the damaged lines and the changed line's number."""

    def damage(lines: list[str]) -> tuple[list[str], int]:
        i = _line_of(lines, table)
        item = json.loads(lines[i])
        item["row"].update(values)
        return [*lines[:i], json.dumps(item), *lines[i + 1 :]], i + 1

    return damage


def _added(table: str, row: Callable[[dict[str, object]], dict[str, object]]) -> Callable[..., object]:
    """One more row for ``table`` (made from its first row), the end line counting it."""

    def damage(lines: list[str]) -> tuple[list[str], int]:
        i = _line_of(lines, table)
        extra = json.dumps({"table": table, "row": row(json.loads(lines[i])["row"])})
        end = json.loads(lines[-1])
        end["rows"] += 1
        return [*lines[: i + 1], extra, *lines[i + 1 : -1], json.dumps(end)], i + 2

    return damage


def _redrawn(**values: object) -> Callable[[list[str]], tuple[list[str], int]]:
    """Change the first drawn question of the first attempt."""

    def damage(lines: list[str]) -> tuple[list[str], int]:
        row = json.loads(lines[_line_of(lines, "attempts")])["row"]
        draw = json.loads(row["draw"])
        draw[0].update(values)
        return _edit("attempts", draw=json.dumps(draw))(lines)

    return damage


def _other_key(row: dict[str, object]) -> dict[str, object]:
    jwk = public_jwk(Ed25519PrivateKey.generate())
    return {**row, "kid": "extra", "public_jwk": json.dumps(jwk)}


def _deep(lines: list[str]) -> tuple[list[str], int]:
    i = _line_of(lines, "learners")
    return [
        *lines[:i],
        '{"table": "learners", "row": ' + "[" * 200_000 + "]" * 200_000 + "}",
        *lines[i:],
    ], i + 1


BAD_ROWS = {
    "a 50 MB name": (_edit("learners", name="A" * 50_000_000), "learners.name"),
    "a NUL in a name": (_edit("learners", name="An\x00na"), "learners.name"),
    "a NaN score": (_edit("attempts", score=float("nan")), "attempts.score"),
    "an answer that is no JSON": (_edit("answers", response="B, C"), "answers.response"),
    "a garbage draw": (_edit("attempts", draw='[{"question_id": 3}]'), "attempts.draw"),
    "a malformed resume code": (_edit("learners", code="MG-0000-OOOO-IIII"), "learners.code"),
    "a malformed certificate code": (_edit("certificates", code="hello"), "certificates.code"),
    "an extra signing key not named by its thumbprint": (_added("signing_keys", _other_key), "signing_keys"),
    "an id of 2^70": (_edit("learners", id=2**70), "learners.id"),
    "deep nesting": (_deep, "nested too deeply"),
    "a duplicate learner": (_added("learners", lambda row: {**row, "name": "Kopie"}), "learners"),
    "an answer to no attempt": (_edit("answers", attempt_id=9999), "answers.attempt_id"),
    "year 1 east of UTC": (_edit("learners", created_at="0001-01-01T00:00:00+05:00"), "created_at"),
    "year 9999 west of UTC": (_edit("learners", created_at="9999-12-31T23:00:00-05:00"), "created_at"),
    "a score of 10**400": (_edit("attempts", score=10**400), "attempts.score"),
    "a draw of a version not in the backup": (_redrawn(version="nope"), "attempts.draw"),
    "a draw showing options 99 and 98": (_redrawn(order=[99, 98]), "attempts.draw"),
    "a draw showing one option twice": (_redrawn(order=[0, 0]), "attempts.draw"),
    "an answer choosing option 99": (_edit("answers", response="[99]"), "answers.response"),
    "an answer to a question not drawn": (_edit("answers", question_id="nope"), "answers.question_id"),
}


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_a_bad_row_is_refused_with_its_line_number(
    kind: str,
    good_dump: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    damage, where = BAD_ROWS[kind]
    lines, number = damage(good_dump)  # type: ignore[operator]
    file = tmp_path / "bad.jsonl"
    file.write_text("\n".join(lines) + "\n", encoding="ascii")
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    monkeypatch.setenv("MGLEARN_DATABASE_URL", url)
    assert main(["db", "restore", str(file)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Restore refused, nothing changed: ")
    assert f"line {number}" in err and where in err, err
    assert "MGLEARN_DATABASE_URL" not in err and "Traceback" not in err and len(err) < 600
    target = Store(url, migrate=False)
    with target.db.read() as conn:
        assert not sa.inspect(conn).get_table_names()
    target.dispose()


def test_the_good_dump_restores(good_dump: list[str], tmp_path: Path) -> None:
    target = Store(f"sqlite:///{tmp_path / 'target.sqlite3'}", migrate=False)
    assert restore(target.db, good_dump).rows == len(good_dump) - 2
    target.dispose()


def test_an_exam_with_every_kind_of_question_left_blank_restores(
    store: Store, content: Content, tmp_path: Path
) -> None:
    """Submitting writes '[]' for each question left blank; a matching or gapselect question's
    blank is no answer the learner could give, but it is one the app stores (it was refused)."""
    learner = store.learners.create_learner("Blank", now=T0)
    for seed in range(40):  # an exam whose draw holds a matching and a gapselect question
        exam = store.exams.start_exam(learner.id, content, now=T0, seed=seed)
        kinds = {q.type for _, q in store.attempts.questions_of(exam)}
        store.attempts.submit_attempt(exam.id, now=T0 + timedelta(minutes=1))
        if {"matching", "gapselect"} <= kinds:
            break
    assert {"matching", "gapselect"} <= kinds
    lines = dump(store, tmp_path / "blank.jsonl")
    assert any('"response": "[]"' in line or '"response":"[]"' in line for line in lines)
    target = Store(f"sqlite:///{tmp_path / 'target.sqlite3'}", migrate=False)
    assert restore(target.db, lines).rows == len(lines) - 2
    with target.db.read() as conn:
        blanks = conn.execute(sa.select(t.answers).where(t.answers.c.response == "[]")).fetchall()
    assert blanks and all(row.score == 0 for row in blanks)
    target.dispose()
