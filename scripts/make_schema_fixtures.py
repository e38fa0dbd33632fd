"""Make tests/fixtures/schema/R.sql: a small database of each released schema revision R.

For each revision R this migrates an empty SQLite database to R (with the migrations of this
tree), inserts a few representative rows with plain SQL valid for R, and writes:

    -- section: schema   the SQLite schema exactly as the migrations up to R made it
    -- section: data     the rows: portable INSERTs (named columns, TRUE/FALSE, timestamps in
                         UTC as 'YYYY-MM-DD HH:MM:SS.ffffff'), one statement a line, that run
                         on SQLite and on PostgreSQL (session time zone UTC)

tests/test_schema_upgrade.py loads each into SQLite and PostgreSQL and upgrades it to the
newest schema. A released revision's fixture is never remade: existing files are kept unless
--force (run this once when a new revision is released).

    .venv/bin/python scripts/make_schema_fixtures.py [--force] [REVISION ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic.script import ScriptDirectory  # noqa: E402

from mglearn import practice  # noqa: E402
from mglearn.attempts import correct_response, draw, grade, score_quiz  # noqa: E402
from mglearn.content import PROJECT_ROOT, Content, load_content  # noqa: E402
from mglearn.passwords import hash_password  # noqa: E402
from mglearn.store import Store  # noqa: E402
from mglearn.store.backup import _alembic_config, upgrade  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "schema"
T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
PASSWORD = "fixture password"  # noqa: S105 - the fixture trainer's (tests sign in with it)


def sql_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime):
        return "'" + value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") + "'"
    return "'" + str(value).replace("'", "''") + "'"


def insert(table: str, row: dict[str, Any]) -> str:
    columns = ", ".join(row)
    values = ", ".join(sql_literal(v) for v in row.values())
    return f"INSERT INTO {table} ({columns}) VALUES ({values});"  # noqa: S608 - our own literals


def rows_for(revision: str, content: Content) -> list[str]:
    """The representative rows of revision R (each table and column R has, no more)."""
    r = int(revision)
    quiz = content.quizzes[0]
    by_id = {q.id: q for q in quiz.questions}
    out: list[str] = []
    learners = [(1, "MG-ANNA-2345", "Anna 🌿 O'Neil", "nl"), (2, "MG-BART-2345", "Bart", "en")]
    for id_, code, name, lang in learners:
        out.append(
            insert("learners", {"id": id_, "code": code, "name": name, "lang": lang, "created_at": T0})
        )
    out.append(insert("lesson_reads", {"learner_id": 1, "lesson_id": quiz.lesson, "read_at": T0}))
    for q in quiz.questions:
        body = q.model_dump_json()
        row = {"version": q.version, "question_id": q.id, "quiz_id": quiz.id, "body": body, "first_seen": T0}
        out.append(insert("question_versions", row))

    def attempt(id_: int, learner: int, seed: int, submitted: bool, answered: int, **extra: Any) -> None:
        drawn = draw(quiz, seed) if extra.get("kind") != "exam" else draw(quiz, seed)[:5]
        responses = {d.question_id: correct_response(by_id[d.question_id]) for d in drawn[:answered]}
        responses.update({d.question_id: [] for d in drawn[answered : answered + 1]} if submitted else {})
        questions = [by_id[d.question_id] for d in drawn]
        result = score_quiz(questions, responses, extra.pop("pass_mark", quiz.pass_mark))
        row: dict[str, Any] = {
            "id": id_,
            "learner_id": learner,
            "quiz_id": quiz.id,
            "seed": seed,
            "draw": json.dumps([d.to_dict() for d in drawn]),
            "pass_mark": quiz.pass_mark if extra.get("kind") != "exam" else 0.75,
            "started_at": T0 + timedelta(minutes=id_),
            "submitted_at": T0 + timedelta(minutes=id_ + 9) if submitted else None,
            "score": result.score if submitted else None,
            "passed": result.passed if submitted else None,
        }
        if r >= 3:
            row["seq"] = answered
        if r >= 4:
            row.update({"kind": "quiz", "deadline_at": None, "flags": "[]", "group_id": None, **extra})
        out.append(insert("attempts", row))
        for q in questions:
            if q.id in responses or submitted:
                answer = {
                    "attempt_id": id_,
                    "question_id": q.id,
                    "response": json.dumps(responses.get(q.id, [])),
                    "score": grade(q, responses.get(q.id)) if submitted else None,
                    "answered_at": T0 + timedelta(minutes=id_ + 1),
                }
                out.append(insert("answers", answer))

    attempt(1, 1, 101, True, 7)  # submitted, some blank
    if r < 3:
        attempt(2, 1, 102, False, 3)  # two open attempts of one quiz: revision 0003 closes the older
        attempt(3, 1, 103, False, 2)
    else:
        attempt(2, 1, 102, False, 3)
    if r >= 2:
        out.append(
            insert(
                "trainers",
                {
                    "id": 1,
                    "name": "Tess",
                    "password_hash": hash_password(PASSWORD),
                    "failed_logins": 0,
                    "locked_until": None,
                    "created_at": T0,
                },
            )
        )
        out.append(
            insert(
                "groups",
                {"id": 1, "trainer_id": 1, "name": "Groep 🌙", "join_code": "GR-GRP2-3456", "created_at": T0},
            )
        )
        for learner in (1, 2):
            out.append(insert("memberships", {"group_id": 1, "learner_id": learner, "joined_at": T0}))
        out.append(
            insert(
                "assignments",
                {
                    "id": 1,
                    "group_id": 1,
                    "title": "Lees les 1",
                    "lessons": json.dumps([quiz.lesson]),
                    "quizzes": json.dumps([quiz.id]),
                    "due_at": T0 + timedelta(days=7),
                    "pass_mark": 0.8,
                    "created_at": T0,
                },
            )
        )
    if r >= 3:
        out.append(
            insert(
                "trainer_sessions",
                {
                    "token_hash": "0" * 64,
                    "trainer_id": 1,
                    "created_at": T0,
                    "expires_at": T0 + timedelta(hours=12),
                },
            )
        )
        out.append(insert("sign_in_tries", {"key": "tess|client", "failures": 2, "blocked_until": None}))
    if r >= 4:
        attempt(
            4,
            2,
            104,
            True,
            5,
            kind="exam",
            quiz_id="exam",
            deadline_at=T0 + timedelta(minutes=34),
            group_id=1,
            flags=json.dumps([]),
            pass_mark=0.75,
        )
        out.append(
            insert(
                "group_exams",
                {
                    "group_id": 1,
                    "questions": 5,
                    "minutes": 30,
                    "pass_mark": 0.75,
                    "cooldown_hours": None,
                    "opens_at": None,
                    "closes_at": None,
                },
            )
        )
        out.append(
            insert(
                "certificates",
                {
                    "code": "MC-CERT-2345-6789-ABCD",
                    "attempt_id": 4,
                    "learner_id": 2,
                    "subject_id": "urn:uuid:00000000-0000-4000-8000-000000000001",
                    "name": "Bart",
                    "score": 1.0,
                    "pass_mark": 0.75,
                    "issued_at": T0 + timedelta(minutes=13),
                    "valid_until": None,
                    "revoked_at": None,
                    "revoked_reason": None,
                },
            )
        )
        jwk = {"kty": "OKP", "crv": "Ed25519", "x": "fixture", "kid": "fixture-kid"}
        out.append(
            insert("signing_keys", {"kid": "fixture-kid", "public_jwk": json.dumps(jwk), "first_used": T0})
        )
    if r >= 5:
        q = quiz.questions[0]
        when = T0 + timedelta(hours=2)
        card, log = practice.review(
            practice.scheduler(fuzzing=False),
            practice.new_card(1, when),
            practice.rating_for(1.0, q.type, 5.0),
            when,
            5000,
        )
        out.append(
            insert(
                "practice_cards",
                {
                    "id": 1,
                    "learner_id": 2,
                    "question_id": q.id,
                    "card": practice.card_to_json(card),
                    "due": card.due,
                    "reps": 1,
                    "origin": "practice",
                    "created_at": when,
                    "updated_at": when,
                },
            )
        )
        out.append(
            insert(
                "practice_reviews",
                {
                    "id": 1,
                    "card_id": 1,
                    "learner_id": 2,
                    "question_id": q.id,
                    "version": q.version,
                    "source": "practice",
                    "attempt_id": None,
                    "response": json.dumps(correct_response(q)),
                    "score": 1.0,
                    "rating": 4,
                    "duration_ms": 5000,
                    "reviewed_at": when,
                    "log": practice.log_to_json(log),
                },
            )
        )
        out.append(insert("practice_goals", {"learner_id": 2, "daily_goal": 12, "updated_at": when}))
    return out


def make(revision: str, content: Content) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/fixture.sqlite3", migrate=False)
        data = rows_for(revision, content)
        with store.db.write() as conn:
            upgrade(conn, revision)
            for statement in data:
                conn.exec_driver_sql(statement)  # proves the SQL valid for this revision
        with store.db.read() as conn:
            schema = [
                row[0]
                for row in conn.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                    "ORDER BY type = 'index', rowid"
                )
            ]
        store.dispose()
    return "\n".join(
        [
            f"-- mglearn schema fixture: revision {revision}, made by scripts/make_schema_fixtures.py",
            "-- section: schema",
            *(s.strip() + ";" for s in schema),
            f"INSERT INTO alembic_version (version_num) VALUES ('{revision}');",  # noqa: S608
            "-- section: data",
            *data,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("revisions", nargs="*", help="default: every revision")
    parser.add_argument("--force", action="store_true", help="remake fixtures that exist")
    args = parser.parse_args(argv)
    script = ScriptDirectory.from_config(_alembic_config())
    revisions = args.revisions or sorted(rev.revision for rev in script.walk_revisions())
    content = load_content(PROJECT_ROOT).content
    OUT.mkdir(parents=True, exist_ok=True)
    for revision in revisions:
        path = OUT / f"{revision}.sql"
        if path.exists() and not args.force:
            print(f"{path.relative_to(ROOT)}: kept (released; --force remakes it)")
            continue
        path.write_text(make(revision, content), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
