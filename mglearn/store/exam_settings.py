"""A group's own exam settings (questions, minutes, pass mark, cool-down) and exam window, and
the settings that apply to a learner: the environment's, with the overrides of their first
group that has its own (:func:`exam_settings`). The exams part
(:class:`mglearn.store.exams.Exams`) offers them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import exam as rules
from .. import settings as app_settings
from ..errors import NotFound, UserError
from ..records import Group, GroupExam
from . import tables as t
from .base import upsert, utc
from .database import Database

_OVERRIDES = ("questions", "minutes", "pass_mark", "cooldown_hours", "opens_at", "closes_at")


def group_exam(db: Database, group_id: int) -> GroupExam:
    """A group's own exam settings and window (None: the server's setting applies)."""
    with db.read() as conn:
        row = conn.execute(sa.select(t.group_exams).where(t.group_exams.c.group_id == group_id)).first()
    if row is None:
        return GroupExam()
    found = {k: getattr(row, k) for k in _OVERRIDES}
    return GroupExam(**{**found, "opens_at": utc(row.opens_at), "closes_at": utc(row.closes_at)})


def set_group_exam(db: Database, group: Group, **values: Any) -> None:
    """Set (or with None clear) a group's exam settings; the caller owns the group."""
    bad = set(values) - set(_OVERRIDES)
    if bad:
        raise ValueError(f"unknown exam settings: {sorted(bad)}")
    if values.get("pass_mark") is not None and not 0 < float(values["pass_mark"]) <= 1:
        raise UserError("error.pass_mark")
    opens, closes = values.get("opens_at"), values.get("closes_at")
    if opens is not None and closes is not None and closes <= opens:
        raise UserError("exam.window_order")
    with db.write() as conn:
        owned = conn.execute(
            sa.select(t.groups.c.id).where(
                t.groups.c.id == group.id, t.groups.c.trainer_id == group.trainer_id
            )
        ).first()
        if owned is None:
            raise NotFound("error.group_unknown")
        row = {"group_id": group.id, **{k: values.get(k) for k in _OVERRIDES}}
        upsert(conn, t.group_exams, row, ("group_id",), _OVERRIDES)


def exam_settings(db: Database, learner_id: int) -> tuple[rules.ExamSettings, int | None]:
    """The settings for this learner: the environment's, with the overrides of the first
    group they joined that has its own (and that group's id)."""
    base = rules.ExamSettings.from_settings(app_settings.current())
    query = (
        sa.select(t.group_exams)
        .join(t.memberships, t.memberships.c.group_id == t.group_exams.c.group_id)
        .where(t.memberships.c.learner_id == learner_id)
        .order_by(t.memberships.c.joined_at, t.group_exams.c.group_id)
    )
    with db.read() as conn:
        row = conn.execute(query).first()
    if row is None:
        return base, None
    overrides = {k: getattr(row, k) for k in _OVERRIDES}
    for k in ("opens_at", "closes_at"):
        overrides[k] = utc(overrides[k])
    return base.with_overrides(overrides), int(row.group_id)
