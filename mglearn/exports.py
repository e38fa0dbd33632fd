"""Exports: tables as CSV and as an xlsx workbook (the question bank as GIFT: mglearn/gift.py).

Every value that goes into a spreadsheet cell, CSV and xlsx alike, passes :func:`sheet_value`,
which neutralises formula injection (OWASP "CSV Injection": text starting with = + - @ tab or
carriage return gets a leading single quote, so the spreadsheet shows it as text and never
runs it). Trainer downloads are made for a spreadsheet in the trainer's language: a Dutch one
reads ``;``-separated CSV with decimal commas and ``dd-mm-yyyy HH:MM`` dates, and the UTF-8
byte-order mark makes it read the file as UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .content import Question
from .i18n import t
from .percent import whole
from .questions.registry import kind
from .records import AnswerRow, Attempt, Certificate
from .timezones import format_moment, to_zone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD-MM-YYYY HH:MM"


def neutralise(text: str) -> str:
    """Text a spreadsheet must show, never evaluate: a cell starting with = + - @ tab or CR
    gets a leading single quote (OWASP's advice against CSV/formula injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


Cell = str | int | float | datetime | None


def sheet_value(value: Any) -> Cell:
    """The one gate from a value to a spreadsheet cell (CSV and xlsx): numbers stay numbers,
    moments stay moments, nothing (None, NaN, NaT) is empty, everything else is neutralised text."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, np.generic):  # numpy's numbers, from a DataFrame
        value = value.item()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, datetime):
        return value
    if isinstance(value, list | tuple):
        value = "|".join(str(v) for v in value)
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Machine-readable CSV with one header row: ISO 8601 moments, lists joined with '|',
    nothing empty; text cells neutralised like every spreadsheet cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([sheet_value(c) for c in columns])
    for row in rows:
        writer.writerow([_iso_field(sheet_value(row.get(k))) for k in columns])
    return out.getvalue()


def _iso_field(value: Cell) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Sheet:
    """One table for a download: a sheet of the workbook, or one CSV file."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    widths: Mapping[int, int] = field(default_factory=dict)  # column index -> width (characters)


def csv_bytes(sheet: Sheet, lang: str = "nl", zone: str = "") -> bytes:
    """CSV a spreadsheet in ``lang`` opens as columns: UTF-8 with a byte-order mark; Dutch
    uses ``;`` between fields and a decimal comma; moments as ``dd-mm-yyyy HH:MM`` in ``zone``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    writer.writerow([sheet_value(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([_local_field(sheet_value(v), lang, zone) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _local_field(value: Cell, lang: str, zone: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_moment(value, zone)
    if isinstance(value, float):
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "nl" else text
    return str(value)


def xlsx_bytes(sheets: Sequence[Sheet], zone: str = "") -> bytes:
    """A workbook with one sheet per table: bold header row, frozen, filter on, moments as
    real dates (``dd-mm-yyyy hh:mm``, in ``zone``), every text cell neutralised."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for sheet in sheets:
        ws = book.create_sheet(_sheet_title(sheet.title))
        ws.append([sheet_value(h) for h in sheet.headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            values = [sheet_value(v) for v in row]
            ws.append([_naive(v, zone) if isinstance(v, datetime) else v for v in values])
            for cell, value in zip(ws[ws.max_row], values, strict=False):
                if isinstance(value, datetime):
                    cell.number_format = DATE_FORMAT
                elif isinstance(value, str):
                    cell.data_type = "s"  # text, even when it looks like a formula
        ws.freeze_panes = "A2"
        if sheet.headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{max(1, ws.max_row)}"
        for i, header in enumerate(sheet.headers):
            width = sheet.widths.get(i, max(10, min(40, len(str(header)) + 2)))
            ws.column_dimensions[get_column_letter(i + 1)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _naive(value: datetime, zone: str) -> datetime:
    """Excel has no time zones: the wall clock in ``zone``."""
    return to_zone(value, zone).replace(tzinfo=None)


def _sheet_title(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip("' ")
    return cleaned[:31] or "Sheet"


def response_text(question: Question, response: Sequence[int | None] | None, lang: str) -> str:
    """What a learner chose, as the options' text (the question as their attempt showed it):
    ``B; C`` for choices, ``left → right`` pairs for matching; a dash for no answer."""
    return kind(question.type).response_text(question, list(response or []), lang)


# -- the trainer's tables: one builder each, for the screen and the downloads alike --


def pct_number(value: float | None) -> int | None:
    """0..1 as a whole percentage, floored (0.7467: 74, never the mark 75; mglearn/percent.py),
    None for no value (None or NaN)."""
    return whole(value)


def _round(value: float | None, digits: int = 2) -> float | None:
    if value is None or value != value:
        return None
    return round(float(value), digits)


def roster_sheet(roster: pd.DataFrame, lang: str) -> Sheet:
    """The group's roster (see :func:`mglearn.analytics.roster`) with the trainer's column names."""
    headers = [
        t("tw.col.learner", lang),
        t("tw.col.lessons_read", lang),
        t("tw.col.quizzes_passed", lang),
        t("tw.col.best_pct", lang),
        t("col.last_activity", lang),
        t("groups.assignments", lang),
        t("tw.col.exam_best", lang),
        t("exam.col_certificate", lang),
    ]
    rows = [
        [
            r["name"],
            int(r["lessons_read"]),
            int(r["quizzes_passed"]),
            pct_number(r["mean_best_score"]),
            r["last_activity"],
            r["status"] or None,
            pct_number(r["exam_best"]),
            r["certificates"] or None,
        ]
        for r in roster.to_dict("records")
    ]
    return Sheet(t("tw.sheet.roster", lang), headers, rows, widths={0: 24, 5: 50, 7: 30})


def exams_sheet(
    exams: Sequence[Attempt], certificates: Sequence[Certificate], names: Mapping[int, str], lang: str
) -> Sheet:
    """Every exam of the group's members, oldest first: when it was handed in, its score,
    passed or not, and its certificate's code (with when it was revoked, if it was)."""
    cert_of = {c.attempt_id: c for c in certificates}
    headers = [
        t("tw.col.learner", lang),
        t("tw.col.submitted", lang),
        t("tw.col.exam_score", lang),
        t("col.passed", lang),
        t("exam.col_certificate", lang),
        t("tw.col.revoked_at", lang),
    ]
    rows = []
    for e in sorted(exams, key=lambda e: (e.started_at, e.id)):
        cert = cert_of.get(e.id)
        done = e.submitted_at is not None
        rows.append(
            [
                names.get(e.learner_id, "?"),
                e.submitted_at,
                pct_number(e.score) if done else None,
                t("tw.in_progress" if not done else "tw.yes" if e.passed else "tw.no", lang),
                cert.code if cert else None,
                cert.revoked_at if cert else None,
            ]
        )
    return Sheet(t("tw.sheet.exams", lang), headers, rows, widths={0: 24, 4: 30})


def answers_sheet(
    rows: Iterable[AnswerRow],
    questions: Mapping[int, Mapping[str, Question]],
    quiz_titles: Mapping[str, str],
    lang: str,
    *,
    with_learner: bool = True,
) -> Sheet:
    """One row per answer (see ``store.attempts.answer_rows``), in the order the attempt showed its
    questions: the chosen options as their text, in the question version the attempt showed
    (``questions``: attempt id -> question id -> question, in shown order)."""
    rows = list(rows)
    numbers: dict[int, int] = {}
    count: dict[tuple[str, str], int] = {}
    for row in sorted(rows, key=lambda r: int(r.attempt_id)):
        if row.attempt_id not in numbers:
            key = (str(row.learner_code), str(row.quiz_id))
            count[key] = count.get(key, 0) + 1
            numbers[row.attempt_id] = count[key]

    def position(row: AnswerRow) -> int:
        shown = list(questions.get(row.attempt_id, {}))
        qid = row.question_id
        return shown.index(qid) if qid in shown else len(shown)

    ordered = sorted(rows, key=lambda r: (str(r.learner), str(r.learner_code), r.attempt_id, position(r)))
    headers = [
        t("tw.col.quiz", lang),
        t("tw.col.attempt", lang),
        t("tw.col.started", lang),
        t("tw.col.submitted", lang),
        t("tw.col.attempt_score", lang),
        t("tw.col.question", lang),
        t("tw.col.answer", lang),
        t("tw.col.question_score", lang),
        t("tw.col.answered", lang),
    ]
    table: list[list[Any]] = []
    for row in ordered:
        question = questions.get(row.attempt_id, {}).get(str(row.question_id))
        raw = row.response
        response = json.loads(raw) if isinstance(raw, str) else raw
        if question is None:
            asked, answer = row.question_id, None
        else:
            asked, answer = question.prompt.get(lang), response_text(question, response, lang)
        line = [
            quiz_titles.get(str(row.quiz_id), row.quiz_id),
            numbers[row.attempt_id],
            row.started_at,
            row.submitted_at or t("tw.in_progress", lang),
            pct_number(row.attempt_score),
            asked,
            answer,
            pct_number(row.question_score),
            row.answered_at,
        ]
        table.append([row.learner, *line] if with_learner else line)
    if with_learner:
        headers = [t("tw.col.learner", lang), *headers]
    shift = 1 if with_learner else 0
    widths = {0: 24, 5 + shift: 60, 6 + shift: 40} if with_learner else {5: 60, 6: 40}
    return Sheet(t("tw.sheet.answers", lang), headers, table, widths=widths)


def items_sheet(per_quiz: Sequence[tuple[Any, pd.DataFrame]], lang: str, *, with_quiz: bool = True) -> Sheet:
    """Item analysis (see :func:`mglearn.analytics.item_statistics`) of each (quiz, responses)."""
    from .analytics import item_statistics

    headers = [
        t("tw.col.question_id", lang),
        t("tw.col.question", lang),
        t("tw.col.n", lang),
        t("tw.col.facility", lang),
        t("tw.col.discrimination", lang),
        t("tw.col.sd", lang),
        t("tw.col.flags", lang),
    ]
    table: list[list[Any]] = []
    for quiz, responses in per_quiz:
        if responses.empty:
            continue
        prompts = {q.id: q.prompt.get(lang) for q in quiz.questions}
        labels = {q.id: q.difficulty for q in quiz.questions}
        for r in item_statistics(responses, labels).to_dict("records"):
            line = [
                r["question_id"],
                prompts.get(r["question_id"], r["question_id"]),
                int(r["n"]),
                _round(r["facility"]),
                _round(r["discrimination"]),
                _round(r["sd"]),
                ", ".join(t(f"flag.{f}", lang) for f in r["flags"]) or None,
            ]
            table.append([quiz.title.get(lang), *line] if with_quiz else line)
    if with_quiz:
        headers = [t("tw.col.quiz", lang), *headers]
    return Sheet(t("tw.sheet.items", lang), headers, table, widths={2 if with_quiz else 1: 60})


def distractors_sheet(distractors: pd.DataFrame, questions: Sequence[Question], lang: str) -> Sheet:
    """How often each option was chosen (see :func:`mglearn.analytics.distractor_analysis`)."""
    prompts = {q.id: q.prompt.get(lang) for q in questions}
    options = {(q.id, i): o.text.get(lang) for q in questions for i, o in enumerate(q.options)}
    headers = [
        t("tw.col.question", lang),
        t("tw.col.option", lang),
        t("tw.col.correct", lang),
        t("tw.col.chosen", lang),
        t("tw.col.chosen_top", lang),
        t("tw.col.chosen_bottom", lang),
        t("tw.col.flag", lang),
    ]
    table = [
        [
            prompts.get(r["question_id"], r["question_id"]),
            options.get((r["question_id"], int(r["option"])), r["option"]),
            t("tw.yes" if r["correct"] else "tw.no", lang),
            pct_number(r["chosen"]),
            pct_number(r["chosen_top"]),
            pct_number(r["chosen_bottom"]),
            t("tw.flag.top_prefers", lang) if r["flag"] else None,
        ]
        for r in distractors.to_dict("records")
    ]
    return Sheet(t("tw.sheet.items", lang), headers, table)
