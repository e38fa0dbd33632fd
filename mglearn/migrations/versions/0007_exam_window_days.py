"""Group exam windows keep their days now that they are days in a time zone (issue 26, item 13).

Until now the trainer's form stored the picked days as UTC moments: opening on 2 March was
2 March 00:00:00Z, closing on 5 March was 5 March 23:59:59Z. Since item 13 a picked day is a
day on the trainer's wall clock, and those old moments read as 6 March in Amsterdam (closing at
00:59) or as 1 March in New York (opening at 19:00), so saving the form for any other change
moved the window a day. This re-anchors such moments to the same days in MGLEARN_TIMEZONE: an
opening at exactly 00:00:00Z becomes 00:00 there, a closing at exactly 23:59:59Z becomes
23:59:59 there. Other moments (saved in a zone since item 13) are left alone; in a zone at UTC
both readings are the same day anyway.

A data migration rather than recognising the old values wherever a window is shown or
enforced: afterwards every stored window means one thing, the days the trainer picked, for the
form, for the candidate's "opens on" and for the check that lets an exam start.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, tzinfo
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from mglearn import settings

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

END_OF_DAY = time(23, 59, 59)

windows = sa.table(
    "group_exams",
    sa.column("group_id", sa.Integer),
    sa.column("opens_at", sa.DateTime(timezone=True)),
    sa.column("closes_at", sa.DateTime(timezone=True)),
)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _anchor(value: datetime | None, at: time, source: tzinfo, target: tzinfo) -> datetime | None:
    """The moment ``at`` on the same calendar day in ``target``, when ``value`` is exactly
    ``at`` on ``source``'s wall clock; else None (leave it)."""
    if value is None:
        return None
    seen = value.astimezone(source)
    if seen.time() != at:
        return None
    return datetime.combine(seen.date(), at, tzinfo=target).astimezone(UTC)


def _move(anchor: Callable[[datetime | None, time], datetime | None]) -> None:
    conn = op.get_bind()
    query = sa.select(windows).where(
        sa.or_(windows.c.opens_at.is_not(None), windows.c.closes_at.is_not(None))
    )
    for row in conn.execute(query).all():
        moved = {
            "opens_at": anchor(_utc(row.opens_at), time.min),
            "closes_at": anchor(_utc(row.closes_at), END_OF_DAY),
        }
        moved = {k: v for k, v in moved.items() if v is not None}
        if moved:
            conn.execute(windows.update().where(windows.c.group_id == row.group_id).values(**moved))


def upgrade() -> None:
    zone = ZoneInfo(settings.current().timezone)
    _move(lambda value, at: _anchor(value, at, UTC, zone))


def downgrade() -> None:
    zone = ZoneInfo(settings.current().timezone)
    _move(lambda value, at: _anchor(value, at, zone, UTC))
