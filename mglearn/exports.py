"""Exports: the question bank as Moodle GIFT, and tables as CSV (UTF-8, ISO dates)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .content import Content, Question

_GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } : and the backslash) and newlines."""
    out = "".join("\\" + ch if ch in _GIFT_SPECIAL else ch for ch in text.strip())
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def gift_question(q: Question, lang: str) -> str:
    head = f"// {q.id} ({q.type}, {q.difficulty}, section {q.section})\n"
    head += f"::{gift_escape(q.id)}::[markdown]{gift_escape(q.prompt.get(lang))} {{\n"
    lines: list[str] = []
    if q.type == "matching":
        for pair in q.pairs:
            lines.append(f"\t={gift_escape(pair.left.get(lang))} -> {gift_escape(pair.right.get(lang))}")
    elif q.type == "multiple":
        k = sum(o.correct for o in q.options)
        for o in q.options:
            weight = 100 / k if o.correct else -100 / k
            feedback = gift_escape(o.feedback.get(lang))
            lines.append(f"\t~{_weight(weight)}{gift_escape(o.text.get(lang))}#{feedback}")
    else:
        for o in q.options:
            mark = "=" if o.correct else "~"
            lines.append(f"\t{mark}{gift_escape(o.text.get(lang))}#{gift_escape(o.feedback.get(lang))}")
    lines.append(f"\t####{gift_escape(q.explanation.get(lang))}")
    return head + "\n".join(lines) + "\n}\n"


def gift(content: Content, lang: str = "nl") -> str:
    """The whole question bank, one $CATEGORY per quiz, in lesson order."""
    parts = []
    for lesson in content.lessons:
        quiz = content.quiz_for_lesson(lesson.id)
        if quiz is None:
            continue
        parts.append(f"$CATEGORY: mglearn/{quiz.id}\n")
        parts.extend(gift_question(q, lang) for q in quiz.questions)
    return "\n".join(parts)


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV with one header row; datetimes as ISO 8601, lists joined with '|', None empty."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return value
