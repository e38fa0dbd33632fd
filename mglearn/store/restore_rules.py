"""What a restored row may hold (`mglearn db restore`, :mod:`mglearn.store.backup`).

A backup is restored only when every value is one the app itself could have stored: the
column's type and size (the same on SQLite as on PostgreSQL: ids in range, numbers finite,
text within its length and free of NUL), then the app's own rules for each column: names
through the app's cleaning, codes in the app's code format, draws, answers, flags, fsrs cards
and review logs through the models the app reads them with, public keys as the issuer
publishes them. A value the pages could not read would otherwise crash them later.

Text is stored as the file holds it (a restore is a copy, not an edit): a name the cleaning
accepts is kept byte for byte, even when an older version stored it uncleaned.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa

from ..attempts import Drawn, valid_response
from ..audit import KINDS
from ..content import Question
from ..i18n import LANGS
from ..practice import card_from_json, log_from_json
from ..questions.registry import kind
from .base import clean_text, normalize_code
from .certificates import normalize_certificate_code
from .groups import MAX_TITLE

MAX_TEXT = 1_000_000  # a Text column (a question's body, a draw, an fsrs log): far above any real one
BLANK: list[int] = []  # what submitting writes for a question left blank (store/finishing.py)
_INT = {sa.BigInteger: 2**63, sa.Integer: 2**31}  # PostgreSQL's bigint and integer


def short(value: Any) -> str:
    """A value in a message: its repr, cut short (a 50 MB name is not printed)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def column_problem(column: sa.Column[Any], value: Any) -> str | None:
    """What is wrong with a decoded value for this column's type, or None."""
    if value is None:
        return None if column.nullable else "is empty (the column needs a value)"
    kind = column.type
    if isinstance(kind, sa.Integer):
        limit = next(v for k, v in _INT.items() if isinstance(kind, k))
        if not -limit <= value < limit:
            return f"out of range: {short(value)}"
    if isinstance(kind, sa.Float) and not math.isfinite(value):
        return f"not a finite number: {short(value)}"
    if isinstance(value, str):
        limit = kind.length if isinstance(kind, sa.String) and kind.length else MAX_TEXT
        if len(value) > limit:
            return f"too long: {len(value)} characters, at most {limit}"
        if "\x00" in value:
            return "holds a NUL character"
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            return "holds a lone surrogate (not Unicode text)"
    return None


# -- the app's own rules, per column --


def _cleaned(limit: int) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        clean_text(value, limit, "empty", "long")  # raises when the app would refuse it
        return True

    return check


def _json(value: Any) -> Any:
    return json.loads(value)


def _list_of(kind: type | tuple[type, ...]) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        data = _json(value)
        return isinstance(data, list) and all(isinstance(x, kind) and not isinstance(x, bool) for x in data)

    return check


def _draw(value: Any) -> bool:
    data = _json(value)
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(d, dict) and Drawn.from_dict(d).to_dict() == d for d in data)
    )


def _response(value: Any) -> bool:
    data = _json(value)
    return isinstance(data, list) and all(
        x is None or (isinstance(x, int) and not isinstance(x, bool)) for x in data
    )


def _between(low: float, high: float, low_open: bool = False) -> Callable[[Any], bool]:
    return lambda v: v is None or ((low < v) if low_open else (low <= v)) and v <= high


def _one_of(*values: str) -> Callable[[Any], bool]:
    return lambda v: v in values


def _public_key(value: Any, row: Mapping[str, Any]) -> bool:
    from ..certificates import jwk_public_key, public_jwk

    data = _json(value)
    if not isinstance(data, dict) or "d" in data:
        return False
    made = public_jwk(jwk_public_key(data))
    return made["kid"] == data.get("kid") == row.get("kid") and made["x"] == data.get("x")


def _question(value: Any, row: Mapping[str, Any]) -> bool:
    return Question.model_validate_json(value).id == row.get("question_id")


_UUID = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SCORE = _between(0, 1)
_MARK = _between(0, 1, low_open=True)
_NAME = _cleaned(80)

Rule = tuple[Callable[..., bool], str]
RULES: dict[str, dict[str, Rule]] = {
    "learners": {
        "code": (lambda v: normalize_code(v) == v, "a resume code like MG-7KQ4-XPZ2-H9RT"),
        "name": (_NAME, "a name the app accepts"),
        "lang": (lambda v: v in LANGS, "a language (nl or en)"),
    },
    "question_versions": {"body": (_question, "a question of this question id")},
    "attempts": {
        "draw": (_draw, "a draw (question ids, versions and option orders)"),
        "pass_mark": (_MARK, "a pass mark above 0 and at most 1"),
        "score": (_SCORE, "a score from 0 to 1"),
        "seq": (lambda v: v >= 0, "a count"),
        "kind": (_one_of("quiz", "exam"), "quiz or exam"),
        "flags": (_list_of(str), "a list of question ids"),
    },
    "answers": {
        "response": (_response, "an answer as the app stores it (a list of choices)"),
        "score": (_SCORE, "a score from 0 to 1"),
    },
    "trainers": {
        "name": (_NAME, "a name the app accepts"),
        "failed_logins": (lambda v: v >= 0, "a count"),
        "role": (_one_of("trainer", "admin"), "trainer or admin"),  # issue 33
    },
    "audit_events": {"kind": (lambda v: v in KINDS, "a kind of audit event")},
    "groups": {
        "name": (_NAME, "a name the app accepts"),
        "join_code": (lambda v: normalize_code(v, "GR") == v, "a group code like GR-7KQ4-XPZ2-H9RT"),
    },
    "assignments": {
        "title": (_cleaned(MAX_TITLE), "a title the app accepts"),
        "lessons": (_list_of(str), "a list of lesson ids"),
        "quizzes": (_list_of(str), "a list of quiz ids"),
        "pass_mark": (_MARK, "a pass mark above 0 and at most 1"),
    },
    "group_exams": {
        "questions": (lambda v: v is None or v >= 1, "a number of questions"),
        "minutes": (lambda v: v is None or v >= 1, "a number of minutes"),
        "pass_mark": (_MARK, "a pass mark above 0 and at most 1"),
        "cooldown_hours": (lambda v: v is None or v >= 0, "a number of hours"),
    },
    "accommodations": {  # issue 32: the app's own limits (mglearn/accommodations.py)
        "extra_minutes": (lambda v: 0 <= v <= 600, "minutes from 0 to 600"),
        "multiplier": (lambda v: v in (1.0, 1.25, 1.5, 2.0), "a factor of 1, 1.25, 1.5 or 2"),
        "extra_attempts": (lambda v: 0 <= v <= 10, "attempts from 0 to 10"),
    },
    "certificates": {
        "code": (
            lambda v: normalize_certificate_code(v) == v,
            "a certificate code like MC-7KQ4-XPZ2-ABCD-EFGH",
        ),
        "subject_id": (lambda v: _UUID.fullmatch(v) is not None, "a urn:uuid"),
        "name": (_NAME, "a name the app accepts"),
        "score": (_SCORE, "a score from 0 to 1"),
        "pass_mark": (_MARK, "a pass mark above 0 and at most 1"),
        "revoked_reason": (lambda v: v is None or _cleaned(200)(v), "a reason the app accepts"),
    },
    "signing_keys": {"public_jwk": (_public_key, "a public Ed25519 key (JWK) named by its thumbprint")},
    "practice_cards": {
        "card": (lambda v: v == "" or card_from_json(v) is not None, "an fsrs card"),
        "reps": (lambda v: v >= 0, "a count"),
        "origin": (_one_of("practice", "attempt", "check"), "practice, attempt or check"),
    },
    "practice_reviews": {
        "source": (_one_of("practice", "attempt", "check"), "practice, attempt or check"),
        "response": (lambda v: v is None or _response(v), "an answer as the app stores it"),
        "score": (_SCORE, "a score from 0 to 1"),
        "rating": (lambda v: 1 <= v <= 4, "an fsrs rating from 1 to 4"),
        "duration_ms": (lambda v: v is None or v >= 0, "a duration"),
        "log": (lambda v: log_from_json(v) is not None, "an fsrs review log"),
    },
    "practice_goals": {"daily_goal": (lambda v: v is None or 1 <= v <= 500, "a daily goal from 1 to 500")},
}


class Links:
    """The question versions restored so far, and each attempt's drawn questions: a draw must
    show versions the backup holds, each option once; an answer must fit its drawn question."""

    def __init__(self) -> None:
        self.versions: dict[str, Question] = {}
        self.drawn: dict[Any, dict[str, Question]] = {}

    def problem(self, table: str, row: Mapping[str, Any]) -> str | None:
        if table == "attempts" and "draw" in row:
            for d in _json(row["draw"]):  # its shape checked by row_problem
                question = self.versions.get(d["version"])
                if question is None or question.id != d["question_id"]:
                    version, of = short(d["version"]), short(d["question_id"])
                    return f"draw: no question_versions row has version {version} of {of}"
                n = len(kind(question.type).shown_order(question, random.Random(0)))  # what a draw shows
                if sorted(d["order"]) != list(range(n)):
                    return f"draw: the order {short(d['order'])} does not show each of the {n} options once"
        if table == "answers" and "response" in row:
            question = self.drawn.get(row.get("attempt_id"), {}).get(str(row.get("question_id")))
            if question is None:
                return f"question_id: {short(row.get('question_id'))} is not in the attempt's draw"
            response = _json(row["response"])
            if response != BLANK and not valid_response(question, response):
                return f"response: not an answer to {question.id}: {short(row['response'])}"
        return None

    def add(self, table: str, row: Mapping[str, Any]) -> None:
        if table == "question_versions":
            self.versions[row["version"]] = Question.model_validate_json(row["body"])
        elif table == "attempts" and "draw" in row:
            self.drawn[row.get("id")] = {
                d["question_id"]: self.versions[d["version"]] for d in _json(row["draw"])
            }


def row_problem(table: str, row: Mapping[str, Any]) -> str | None:
    """The first value of a decoded row the app would not have stored, as ``column: what``."""
    for name, (check, meaning) in RULES.get(table, {}).items():
        if name not in row:
            continue
        value = row[name]
        try:
            ok = check(value, row) if check in (_public_key, _question) else check(value)
        except RecursionError:
            return f"{name}: nested too deeply"
        except Exception:  # noqa: BLE001 (any failure of the app's own reader means: unreadable)
            ok = False
        if not ok:
            return f"{name}: not {meaning}: {short(value)}"
    return None
