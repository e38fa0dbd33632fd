"""Exam accommodations (pure): extra time and extra attempts for one candidate in one group.

Canvas, Brightspace and Moodle let a trainer give one candidate extra time, as extra minutes or
as a multiplier of the exam's length (x1.25, x1.5, x2), and extra attempts; WCAG 2.2.1 (timing
adjustable) asks for it. Ours is kept per group membership and applied on the server:

- the deadline is the stored start plus the accommodated length (:func:`deadline`);
- a change to a running exam moves its stored deadline (:func:`moved_deadline`), which the
  candidate's countdown reads on its next tick;
- the group's window is extended by the same extra time for that candidate
  (:func:`window_close`), and a window never shortens a started exam (the deadline is never
  capped by the window);
- an extra attempt is one more exam within the cool-down (:func:`next_start`): with a
  cool-down of 24 hours and one extra attempt, a candidate may take two exams a day.

No I/O and no clock: times are passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

MULTIPLIERS = (1.0, 1.25, 1.5, 2.0)
MAX_EXTRA_MINUTES = 600
MAX_EXTRA_ATTEMPTS = 10


@dataclass(frozen=True)
class Accommodation:
    extra_minutes: int = 0
    multiplier: float = 1.0
    extra_attempts: int = 0

    @property
    def none(self) -> bool:
        return self == Accommodation()

    def problem(self) -> str | None:
        """The i18n key of what is wrong with these values, or None."""
        if self.multiplier not in MULTIPLIERS:
            return "accommodation.bad_multiplier"
        if not 0 <= self.extra_minutes <= MAX_EXTRA_MINUTES:
            return "accommodation.bad_minutes"
        if not 0 <= self.extra_attempts <= MAX_EXTRA_ATTEMPTS:
            return "accommodation.bad_attempts"
        return None


NONE = Accommodation()


def length(base: timedelta, acc: Accommodation) -> timedelta:
    """The exam's length for this candidate: ``base`` times the multiplier, plus the minutes."""
    return base * acc.multiplier + timedelta(minutes=acc.extra_minutes)


def deadline(started_at: datetime, base: timedelta, acc: Accommodation) -> datetime:
    return started_at + length(base, acc)


def base_length(started_at: datetime, deadline_at: datetime, acc: Accommodation) -> timedelta:
    """The unaccommodated length of an exam whose deadline was set with ``acc``."""
    return (deadline_at - started_at - timedelta(minutes=acc.extra_minutes)) / acc.multiplier


def moved_deadline(
    started_at: datetime, deadline_at: datetime, old: Accommodation, new: Accommodation
) -> datetime:
    """A running exam's deadline after its accommodation changed from ``old`` to ``new``."""
    base = base_length(started_at, deadline_at, old)
    return started_at + length(base, new)


def window_close(closes_at: datetime | None, base: timedelta, acc: Accommodation) -> datetime | None:
    """The group's window for this candidate: it closes later by their extra time."""
    if closes_at is None:
        return None
    return closes_at + (length(base, acc) - base)


def next_start(
    finished: Sequence[datetime], now: datetime, cooldown_hours: float, acc: Accommodation
) -> datetime | None:
    """When a new exam may start (None: now). Without extra attempts one exam per cool-down:
    the next waits until the cool-down after the last has passed. With ``n`` extra attempts,
    ``1 + n`` exams may finish within one cool-down: the next waits until the oldest of the
    last ``1 + n`` is a cool-down ago."""
    if not finished or cooldown_hours <= 0:
        return None
    cooldown = timedelta(hours=cooldown_hours)
    recent = sorted(f for f in finished if f + cooldown > now)
    allowed = 1 + acc.extra_attempts
    if len(recent) < allowed:
        return None
    return recent[-allowed] + cooldown
