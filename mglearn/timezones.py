"""Time zones (pure): the store keeps UTC; people see their own zone's wall clock.

The zone a page shows is the viewer's browser zone when it is known and valid, else the
setting ``MGLEARN_TIMEZONE`` (default Europe/Amsterdam). A due date picked as a calendar day
means the end of that day in the zone of whoever picked it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import settings

END_OF_DAY = time(23, 59, 59)


@lru_cache(maxsize=256)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return None


def is_zone(name: str | None) -> bool:
    return bool(name) and _zone(str(name)) is not None


def default_zone() -> str:
    """The setting MGLEARN_TIMEZONE (checked by :mod:`mglearn.settings`: a real zone, else
    Europe/Amsterdam)."""
    return settings.current().timezone


def zone_or_default(name: str | None) -> str:
    """``name`` when it is a real IANA zone (what a browser reports), else the default."""
    return str(name) if name and is_zone(name) else default_zone()


def to_zone(value: datetime, zone: str) -> datetime:
    """The same moment on ``zone``'s wall clock; a naive value is taken as UTC (the store's)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(_zone(zone_or_default(zone)))


def format_moment(value: datetime | None, zone: str, *, with_time: bool = True) -> str:
    """``01-12-2026 23:59`` (or ``01-12-2026``) in ``zone``; a dash when there is no moment."""
    if value is None:
        return "–"
    local = to_zone(value, zone)
    return local.strftime("%d-%m-%Y %H:%M" if with_time else "%d-%m-%Y")


def start_of_day(day: date, zone: str) -> datetime:
    """The UTC moment a day ``day`` begins in ``zone`` (00:00 there): an exam window's opening.

    >>> start_of_day(date(2026, 12, 1), "Europe/Amsterdam").isoformat()
    '2026-11-30T23:00:00+00:00'
    """
    return datetime.combine(day, time.min, tzinfo=_zone(zone_or_default(zone))).astimezone(UTC)


def local_day(value: datetime, zone: str) -> date:
    """The calendar day a stored moment falls on in ``zone`` (what a date picker shows)."""
    return to_zone(value, zone).date()


def due_end_of_day(day: date, zone: str) -> datetime:
    """The UTC moment a due date ``day`` ends in ``zone`` (23:59:59 there), for the store.

    >>> due_end_of_day(date(2026, 12, 1), "Europe/Amsterdam").isoformat()
    '2026-12-01T22:59:59+00:00'
    """
    local = datetime.combine(day, END_OF_DAY, tzinfo=_zone(zone_or_default(zone)))
    return local.astimezone(UTC)


MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus")
    + ("september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August")
    + ("September", "October", "November", "December"),
}


def day_in_words(value: datetime, zone: str, lang: str) -> str:
    """The day of ``value`` in ``zone``, written out in ``lang``: ``6 december 2026`` (nl),
    ``6 December 2026`` (en).

    >>> day_in_words(datetime(2026, 12, 5, 23, 30, tzinfo=UTC), "Europe/Amsterdam", "nl")
    '6 december 2026'
    """
    local = to_zone(value, zone)
    months = MONTHS.get(lang, MONTHS["nl"])
    return f"{local.day} {months[local.month - 1]} {local.year}"
