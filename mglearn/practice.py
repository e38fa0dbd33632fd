"""Practice (pure): fsrs cards in and out, the rating mapping, the due queue, knowledge in a week.

The scheduler is py-fsrs (the FSRS algorithm Anki uses); this module only decides what a
graded answer means to it and what to show next. Card state is data: :class:`fsrs.Card` as
JSON (``Card.to_dict``), every datetime aware and in UTC. ``Scheduler.review_card`` returns a
new card and a review log without touching its input. No I/O and no clock here: ``now`` is
always passed in (the store and the pages pass the server's clock).
"""

from __future__ import annotations

import json
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from fsrs import Card, Rating, ReviewLog, Scheduler

from .attempts import shown_order
from .content import Content, Question
from .questions.registry import TYPES
from .timezones import to_zone

if TYPE_CHECKING:
    from .settings import Settings as AppSettings

# A right answer given within this many seconds (measured on the server, from showing the
# card to the check) is rated Easy: per question type, as reading and answering take longer
# for some types than for others.
FAST_SECONDS: dict[str, float] = {name: t.FAST_SECONDS for name, t in TYPES.items()}
FORECAST_DAYS = 14
# "Knowledge" is the recall fsrs expects this many days on: right after any review its recall
# chance *now* is 1.0, a wrong answer too, which read as "100 %" after an 80 % quiz (issue 26)
KNOWLEDGE_DAYS = 7


@dataclass(frozen=True)
class Settings:
    retention: float = 0.9  # MGLEARN_PRACTICE_RETENTION: fsrs desired retention
    session: int = 10  # MGLEARN_PRACTICE_SESSION: cards in one practice session
    new_per_day: int = 10  # MGLEARN_PRACTICE_NEW_PER_DAY: new cards a learner starts per day

    @classmethod
    def from_settings(cls, values: AppSettings) -> Settings:
        """The server's practice settings (declared in :mod:`mglearn.settings`)."""
        return cls(
            retention=values.practice_retention,
            session=values.practice_session,
            new_per_day=values.practice_new_per_day,
        )


def scheduler(settings: Settings | None = None, *, fuzzing: bool = True) -> Scheduler:
    """The fsrs scheduler for these settings (tests pass ``fuzzing=False``)."""
    settings = settings or Settings()
    return Scheduler(desired_retention=settings.retention, enable_fuzzing=fuzzing)


# -- cards in and out --


def as_utc(value: datetime) -> datetime:
    """Aware and in UTC (SQLite returns naive datetimes: those are UTC already)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def new_card(card_id: int, now: datetime) -> Card:
    """A card never reviewed, due now. Always with an id and a time: fsrs would otherwise read
    the clock (and sleep a millisecond to make an id)."""
    return Card(card_id=card_id, due=as_utc(now))


def card_to_json(card: Card) -> str:
    return json.dumps(card.to_dict(), sort_keys=True)


def card_from_dict(data: Mapping[str, Any]) -> Card:
    card = Card.from_dict(dict(data))  # type: ignore[arg-type]
    card.due = as_utc(card.due)
    if card.last_review is not None:
        card.last_review = as_utc(card.last_review)
    return card


def card_from_json(text: str) -> Card:
    return card_from_dict(json.loads(text))


def log_to_json(log: ReviewLog) -> str:
    return json.dumps(log.to_dict(), sort_keys=True)


def log_from_json(text: str) -> ReviewLog:
    log = ReviewLog.from_dict(json.loads(text))
    log.review_datetime = as_utc(log.review_datetime)
    return log


# -- the rating mapping --


def rating_for(score: float, question_type: str, seconds: float | None = None) -> Rating:
    """wrong -> Again, partly right -> Hard, right -> Good, right and fast -> Easy.

    ``seconds`` is how long the answer took as the server measured it (None when unknown, as
    for a quiz or exam answer: those are never Easy)."""
    if score <= 0.0:
        return Rating.Again
    if score < 1.0 - 1e-9:
        return Rating.Hard
    fast = FAST_SECONDS.get(question_type)
    if seconds is not None and fast is not None and 0 <= seconds < fast:
        return Rating.Easy
    return Rating.Good


def review(
    sched: Scheduler, card: Card, rating: Rating, now: datetime, duration_ms: int | None = None
) -> tuple[Card, ReviewLog]:
    """One review: a new card and its log (the input card is left as it was)."""
    return sched.review_card(card, rating, as_utc(now), duration_ms)


def option_order(question: Question, seed: int | str) -> tuple[int, ...]:
    """The order practice shows a question's options (or right-hand sides) in, seeded so a
    rerun shows the same order; true/false reads "Waar", then "Niet waar"."""
    return shown_order(question, random.Random(f"{seed}:{question.id}"))


# -- the queue --


@dataclass(frozen=True)
class Item:
    question_id: str
    lesson_id: str
    new: bool


def bank_order(content: Content) -> list[tuple[str, str]]:
    """(lesson id, question id) of the whole bank in lesson order, then authored order: a
    lesson's quiz questions, then its check items (issue 30: practice only, and practised)."""
    order = {lesson.id: lesson.order for lesson in content.lessons}
    pairs = [(quiz.lesson, q.id) for quiz, q in content.questions()]
    pairs += [(lesson.id, q.id) for lesson, q in content.check_items()]
    return sorted(pairs, key=lambda p: order.get(p[0], 10**6))  # sort is stable: authored order kept


def local_day_start(now: datetime, zone: str) -> datetime:
    """The UTC moment today began on ``zone``'s clock."""
    local = to_zone(now, zone)
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo).astimezone(UTC)


def local_day_end(now: datetime, zone: str) -> datetime:
    """The UTC moment today ends on ``zone``'s clock (tomorrow's midnight there)."""
    local = to_zone(now, zone)
    tomorrow = local.date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=local.tzinfo).astimezone(UTC)


def due_items(
    bank: Sequence[tuple[str, str]], cards: Mapping[str, Card], now: datetime, zone: str
) -> list[Item]:
    """The bank's cards due today, most overdue first (ties in bank order). Due today: before
    the learner's day ends, the one rule of "N vragen vandaag", the queue and the forecast's
    bar for today (a quiz's cards come back minutes later, after fsrs' learning steps: the bar
    counted them while the text, cut off at now, said 0; issue 26 item 19)."""
    end = local_day_end(now, zone)
    rank = {qid: i for i, (_, qid) in enumerate(bank)}
    lesson_of = dict((qid, lid) for lid, qid in bank)
    due = [qid for qid, card in cards.items() if qid in rank and as_utc(card.due) < end]
    due.sort(key=lambda qid: (cards[qid].due, rank[qid]))
    return [Item(qid, lesson_of[qid], False) for qid in due]


def new_items(
    bank: Sequence[tuple[str, str]],
    cards: Collection[str],
    read: Collection[str],
    new_today: int,
    settings: Settings,
) -> list[Item]:
    """Questions without a card whose lesson is read, in lesson order, as many as today's
    new-card allowance still has room for."""
    room = max(0, settings.new_per_day - new_today)
    found: list[Item] = []
    for lesson_id, qid in bank:
        if len(found) >= room:
            break
        if qid not in cards and lesson_id in read:
            found.append(Item(qid, lesson_id, True))
    return found


def queue(
    bank: Sequence[tuple[str, str]],
    cards: Mapping[str, Card],
    read: Collection[str],
    now: datetime,
    new_today: int,
    settings: Settings,
    *,
    zone: str,
) -> list[Item]:
    """One session: cards due today first, then new ones, at most ``settings.session``."""
    due = due_items(bank, cards, now, zone)
    return (due + new_items(bank, cards, read, new_today, settings))[: settings.session]


@dataclass(frozen=True)
class Today:
    due: int
    new: int

    @property
    def total(self) -> int:
        return self.due + self.new


def today(
    bank: Sequence[tuple[str, str]],
    cards: Mapping[str, Card],
    read: Collection[str],
    now: datetime,
    new_today: int,
    settings: Settings,
    *,
    zone: str,
) -> Today:
    """What "N vragen vandaag" counts: every card due today and the new ones still allowed."""
    due = due_items(bank, cards, now, zone)
    return Today(len(due), len(new_items(bank, cards, read, new_today, settings)))


# -- knowledge in a week --


@dataclass(frozen=True)
class Knowledge:
    lesson_id: str
    questions: int  # the lesson's questions in the bank
    cards: int  # of those, how many the learner has reviewed
    mean: float | None  # mean retrievability of the reviewed ones a week on (None: none reviewed)


def retrievability(sched: Scheduler, card: Card, now: datetime) -> float:
    return float(sched.get_card_retrievability(card, as_utc(now)))


def knowledge(
    bank: Sequence[tuple[str, str]], cards: Mapping[str, Card], sched: Scheduler, now: datetime
) -> dict[str, Knowledge]:
    """Per lesson: the mean probability of recalling each of its questions the learner has
    reviewed :data:`KNOWLEDGE_DAYS` days from ``now`` without practising in between (Anki's
    "estimated knowledge", looked at a week ahead: a wrong answer and a right one both read
    1.0 *now*), and how many of its questions that covers."""
    now = as_utc(now) + timedelta(days=KNOWLEDGE_DAYS)
    sums: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for lesson_id, qid in bank:
        sizes[lesson_id] = sizes.get(lesson_id, 0) + 1
        card = cards.get(qid)
        values = sums.setdefault(lesson_id, [])
        if card is not None and card.last_review is not None:
            values.append(retrievability(sched, card, now))
    return {
        lid: Knowledge(lid, sizes[lid], len(v), sum(v) / len(v) if v else None) for lid, v in sums.items()
    }


def knowledge_grid(
    content: Content,
    learner_ids: Sequence[int],
    cards_of: Mapping[int, Mapping[str, Card]],
    sched: Scheduler,
    now: datetime,
) -> list[dict[str, Any]]:
    """learner x lesson -> knowledge in a week (NaN when nothing reviewed): the trainer's heatmap,
    in the shape of :func:`mglearn.analytics.mastery` (the value in ``best``)."""
    bank = bank_order(content)
    rows = []
    for learner_id in learner_ids:
        per_lesson = knowledge(bank, cards_of.get(learner_id, {}), sched, now)
        for lesson in content.lessons:
            found = per_lesson.get(lesson.id)
            value = found.mean if found is not None else None
            rows.append(
                {
                    "learner_id": learner_id,
                    "lesson_id": lesson.id,
                    "order": lesson.order,
                    "best": float("nan") if value is None else value,
                }
            )
    return rows


def forecast(
    cards: Iterable[Card], now: datetime, zone: str, days: int = FORECAST_DAYS
) -> list[tuple[date, int]]:
    """How many cards fall due on each of the next ``days`` days on ``zone``'s calendar
    (today counts what is overdue too: the cards :func:`due_items` holds due today)."""
    first = to_zone(now, zone).date()
    counts = [0] * days
    for card in cards:
        offset = (to_zone(card.due, zone).date() - first).days
        if offset < days:
            counts[max(0, offset)] += 1
    return [(first + timedelta(days=i), counts[i]) for i in range(days)]


# -- daily goal and streak --


@dataclass(frozen=True)
class Streak:
    reviewed_today: int
    goal: int | None
    days: int  # consecutive days, up to today (or yesterday while today is still open), goal met

    @property
    def goal_met(self) -> bool:
        return self.reviewed_today >= (self.goal or 1)


def streak(reviewed_at: Iterable[datetime], now: datetime, zone: str, goal: int | None) -> Streak:
    """The learner's run of days with at least ``goal`` reviews (one without a goal)."""
    per_day: dict[date, int] = {}
    for moment in reviewed_at:
        day = to_zone(moment, zone).date()
        per_day[day] = per_day.get(day, 0) + 1
    need = max(1, goal or 1)
    day = to_zone(now, zone).date()
    done_today = per_day.get(day, 0)
    if done_today < need:
        day -= timedelta(days=1)  # today still counts once it is done; the run so far ends yesterday
    run = 0
    while per_day.get(day, 0) >= need:
        run += 1
        day -= timedelta(days=1)
    return Streak(done_today, goal, run)
