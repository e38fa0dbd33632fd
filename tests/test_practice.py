"""Issue 18: practice with spaced repetition (fsrs). Pure rules with a fixed clock, and the
store on SQLite and PostgreSQL: a card's state survives a round trip unchanged, an answer,
its card and its review log are stored together, and every quiz answer reviews its card."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler, State

from mglearn import practice, settings
from mglearn.attempts import correct_response
from mglearn.content import PROJECT_ROOT, Content, Question
from mglearn.errors import AttemptChanged
from mglearn.store import Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ZONE = "Europe/Amsterdam"
SETTINGS = practice.Settings(retention=0.9, session=10, new_per_day=10)


def sched() -> Scheduler:
    return practice.scheduler(SETTINGS, fuzzing=False)


def first_question(content: Content, kind: str = "single") -> Question:
    return next(q for _, q in content.questions() if q.type == kind)


def wrong(q: Question) -> list[int | None]:
    if q.type == "matching":
        n = len(q.pairs)
        return [(j + 1) % n for j in range(n)]
    if q.type == "gapselect":  # a distractor in every gap
        return [next(i for i, o in enumerate(q.options) if not o.correct)] * sum(o.correct for o in q.options)
    return [next(i for i, o in enumerate(q.options) if not o.correct)]


# -- the rating mapping --


def test_rating_mapping() -> None:
    assert practice.rating_for(0.0, "single", 3) == Rating.Again
    assert practice.rating_for(0.5, "multiple", 3) == Rating.Hard
    assert practice.rating_for(1.0, "single", 30) == Rating.Good
    assert practice.rating_for(1.0, "single", 5) == Rating.Easy
    assert practice.rating_for(1.0, "single", None) == Rating.Good  # quiz/exam: no time known
    # the threshold is per question type: 15 s is fast for a matching question, not for true/false
    assert practice.rating_for(1.0, "matching", 15) == Rating.Easy
    assert practice.rating_for(1.0, "true_false", 15) == Rating.Good


def test_settings_from_env_and_bad_values_keep_defaults() -> None:
    got = practice.Settings.from_settings(
        settings.load(
            {
                "MGLEARN_PRACTICE_RETENTION": "0.85",
                "MGLEARN_PRACTICE_SESSION": "5",
                "MGLEARN_PRACTICE_NEW_PER_DAY": "3",
            }
        )
    )
    assert got == practice.Settings(0.85, 5, 3)
    bad = practice.Settings.from_settings(
        settings.load({"MGLEARN_PRACTICE_RETENTION": "2", "MGLEARN_PRACTICE_SESSION": "x"})
    )
    assert bad == practice.Settings()


# -- cards in and out --


def test_card_json_round_trip_and_naive_datetimes_get_utc() -> None:
    card, _ = practice.review(sched(), practice.new_card(7, NOW), Rating.Good, NOW)
    again = practice.card_from_json(practice.card_to_json(card))
    assert again == card
    naive = card.to_dict()
    naive["due"] = card.due.replace(tzinfo=None).isoformat()
    naive["last_review"] = NOW.replace(tzinfo=None).isoformat()
    loaded = practice.card_from_dict(naive)
    assert loaded.due == card.due and loaded.due.tzinfo is UTC
    # a reattached card can be reviewed again (fsrs refuses anything but UTC-aware times)
    practice.review(sched(), loaded, Rating.Good, NOW + timedelta(days=1))


def test_review_does_not_touch_its_input() -> None:
    card = practice.new_card(1, NOW)
    before = card.to_dict()
    practice.review(sched(), card, Rating.Again, NOW)
    assert card.to_dict() == before


def test_right_moves_the_due_date_out_wrong_brings_it_back_within_a_day() -> None:
    s = sched()
    right, wrong_ = practice.new_card(1, NOW), practice.new_card(2, NOW)
    now = NOW
    gaps = []
    for _ in range(4):
        right, _ = practice.review(s, right, Rating.Good, now)
        gaps.append(right.due - now)
        now = right.due
    assert right.state == State.Review
    assert gaps[-1] > gaps[-2] > timedelta(days=1)  # each right answer pushes it further out
    # a learner who answers wrong sees it again within a day, also after it was learnt
    now = NOW
    for _ in range(4):
        wrong_, _ = practice.review(s, wrong_, Rating.Again, now)
        assert wrong_.due - now < timedelta(days=1)
        now = wrong_.due
    lapsed, _ = practice.review(s, right, Rating.Again, right.due)
    assert lapsed.due - right.due < timedelta(days=1)


# -- the queue --


BANK = [("l1", "a1"), ("l1", "a2"), ("l1", "a3"), ("l2", "b1"), ("l2", "b2")]


def reviewed(card_id: int, due: datetime) -> Card:
    card, _ = practice.review(
        sched(), practice.new_card(card_id, due - timedelta(days=3)), Rating.Good, due - timedelta(days=3)
    )
    card.due = due
    return card


def test_queue_due_before_new_most_overdue_first() -> None:
    cards = {
        "a2": reviewed(1, NOW - timedelta(hours=1)),
        "b1": reviewed(2, NOW - timedelta(days=2)),
        "a3": reviewed(3, NOW + timedelta(days=1)),  # not due yet
    }
    items = practice.queue(BANK, cards, {"l1", "l2"}, NOW, 0, SETTINGS, zone=ZONE)
    assert [(i.question_id, i.new) for i in items] == [
        ("b1", False),
        ("a2", False),
        ("a1", True),
        ("b2", True),
    ]


def test_queue_holds_back_lessons_not_read() -> None:
    items = practice.queue(BANK, {}, {"l1"}, NOW, 0, SETTINGS, zone=ZONE)
    assert [i.question_id for i in items] == ["a1", "a2", "a3"]
    assert practice.queue(BANK, {}, set(), NOW, 0, SETTINGS, zone=ZONE) == []


def test_new_per_day_limit_and_session_size() -> None:
    limited = practice.Settings(session=10, new_per_day=3)
    assert len(practice.queue(BANK, {}, {"l1", "l2"}, NOW, 0, limited, zone=ZONE)) == 3
    two_started = practice.queue(BANK, {}, {"l1", "l2"}, NOW, 2, limited, zone=ZONE)
    assert [i.question_id for i in two_started] == ["a1"]
    assert practice.queue(BANK, {}, {"l1", "l2"}, NOW, 3, limited, zone=ZONE) == []
    short = practice.Settings(session=2, new_per_day=10)
    assert len(practice.queue(BANK, {}, {"l1", "l2"}, NOW, 0, short, zone=ZONE)) == 2
    # due cards are never limited by the new-card allowance
    cards = {qid: reviewed(i, NOW) for i, (_, qid) in enumerate(BANK)}
    assert len(practice.queue(BANK, cards, set(), NOW, 3, limited, zone=ZONE)) == 5
    assert practice.today(BANK, cards, set(), NOW, 3, limited, zone=ZONE) == practice.Today(5, 0)


def test_queue_ignores_cards_of_questions_no_longer_in_the_bank() -> None:
    cards = {"gone": reviewed(9, NOW - timedelta(days=1))}
    assert practice.queue(BANK, cards, set(), NOW, 0, SETTINGS, zone=ZONE) == []


def test_bank_order_follows_lessons(content: Content) -> None:
    bank = practice.bank_order(content)
    orders = [content.lesson(lid).order for lid, _ in bank]  # type: ignore[union-attr]
    quiz_items = sum(len(q.questions) for q in content.quizzes)
    check_items = sum(len(s.check) for lesson in content.lessons for s in lesson.sections)
    assert orders == sorted(orders) and len(bank) == quiz_items + check_items and check_items > 0


def test_local_day_start() -> None:
    assert practice.local_day_start(datetime(2026, 12, 1, 22, 30, tzinfo=UTC), ZONE) == datetime(
        2026, 11, 30, 23, 0, tzinfo=UTC
    )


# -- knowledge, forecast, streak --


def test_knowledge_is_mean_retrievability_of_reviewed_questions() -> None:
    s = sched()
    card, _ = practice.review(s, practice.new_card(1, NOW), Rating.Good, NOW)
    k = practice.knowledge(BANK, {"a1": card}, s, NOW)
    assert k["l1"].cards == 1 and k["l1"].questions == 3
    week = practice.retrievability(s, card, NOW + timedelta(days=7))
    assert k["l1"].mean == pytest.approx(week) and 0.5 < week < 1.0  # a week on, not now (1.0)
    assert k["l2"].mean is None and k["l2"].questions == 2
    missed, _ = practice.review(s, practice.new_card(2, NOW), Rating.Again, NOW)
    both = practice.knowledge(BANK, {"a1": card, "a2": missed}, s, NOW)["l1"].mean
    assert both is not None and both < week  # a wrong answer weighs, straight after it too
    later = practice.knowledge(BANK, {"a1": card}, s, NOW + timedelta(days=30))["l1"].mean
    assert later is not None and 0 < later < 0.9  # forgetting: a month later it has faded


def test_forecast_counts_per_day_overdue_today() -> None:
    cards = [
        reviewed(1, NOW - timedelta(days=3)),
        reviewed(2, NOW + timedelta(hours=2)),
        reviewed(3, NOW + timedelta(days=1)),
        reviewed(4, NOW + timedelta(days=20)),
    ]
    days = practice.forecast(cards, NOW, ZONE)
    assert len(days) == 14 and days[0][0].isoformat() == "2026-12-01"
    assert [n for _, n in days[:3]] == [2, 1, 0] and sum(n for _, n in days) == 3


def test_due_today_and_the_forecasts_today_bar_are_one_rule() -> None:
    """Issue 26 item 19: "0 vragen vandaag" while the forecast's bar for today showed 2 or 10
    (a quiz's cards come back after fsrs' learning steps, minutes later): today counted what
    was due *now*, the bar what falls due before the day ends. Both: the end of the learner's day."""
    cards = {
        "a1": reviewed(1, NOW + timedelta(minutes=10)),  # a learning step, minutes away
        "a2": reviewed(2, NOW + timedelta(hours=12)),  # 22:00 in Amsterdam: still today
        "a3": reviewed(3, NOW - timedelta(days=1)),  # overdue
        "b1": reviewed(4, NOW + timedelta(hours=15)),  # 01:00 tomorrow in Amsterdam
    }
    bar = practice.forecast(cards.values(), NOW, ZONE)[0][1]
    today = practice.today(BANK, cards, set(), NOW, 0, SETTINGS, zone=ZONE)
    assert today.due == bar == 3
    items = practice.queue(BANK, cards, set(), NOW, 0, SETTINGS, zone=ZONE)
    assert [i.question_id for i in items] == ["a3", "a1", "a2"]  # what it counts can be practised


def test_streak_with_and_without_goal() -> None:
    times = [NOW - timedelta(days=d, minutes=m) for d in (1, 2, 3) for m in range(3)]
    assert practice.streak(times, NOW, ZONE, None) == practice.Streak(0, None, 3)
    assert practice.streak(times, NOW, ZONE, 5).days == 0
    today = [*times, NOW, NOW - timedelta(minutes=1), NOW - timedelta(minutes=2)]
    found = practice.streak(today, NOW, ZONE, 3)
    assert found.days == 4 and found.reviewed_today == 3 and found.goal_met


# -- the store, on both backends --


@pytest.fixture
def any_store(any_url: str) -> Iterator[Store]:
    s = Store(any_url)
    s.practice.practice_fuzzing = False
    yield s
    s.dispose()


def test_card_round_trips_through_the_store_unchanged(any_store: Store, content: Content) -> None:
    learner = any_store.learners.create_learner("Kaart", now=NOW)
    q = first_question(content)
    done = any_store.practice.practice_answer(
        learner.id, q, correct_response(q), shown_at=NOW - timedelta(seconds=30), now=NOW
    )
    assert done.rating == Rating.Good and done.score == 1.0
    stored = any_store.practice.cards(learner.id)[q.id]
    assert stored.card == done.card  # every field, datetimes UTC-aware
    assert stored.card.due.tzinfo is UTC and stored.card.last_review == NOW
    assert stored.card.card_id == stored.id and stored.reps == 1 and stored.origin == "practice"
    # and on: a second review builds on the stored state exactly as on the pure one
    later = done.card.due
    again = any_store.practice.practice_answer(
        learner.id, q, correct_response(q), shown_at=later, now=later, seen_reps=1
    )
    expected, _ = practice.review(practice.scheduler(fuzzing=False), done.card, Rating.Easy, later)
    assert (
        again.rating == Rating.Easy
        and again.card == expected == any_store.practice.cards(learner.id)[q.id].card
    )
    logs = any_store.practice.reviews(learner.id)
    assert [(r.source, r.rating, r.score) for r in logs] == [
        ("practice", 3, 1.0),
        ("practice", 4, 1.0),
    ]
    assert json.loads(logs[0].log)["card_id"] == stored.id and logs[0].reviewed_at == NOW


def test_stale_answer_is_refused_and_changes_nothing(any_store: Store, content: Content) -> None:
    learner = any_store.learners.create_learner("Dubbel", now=NOW)
    q = first_question(content)
    any_store.practice.practice_answer(learner.id, q, wrong(q), shown_at=NOW, now=NOW)
    with pytest.raises(AttemptChanged):  # a second click (or tab) that showed the card before
        any_store.practice.practice_answer(
            learner.id, q, correct_response(q), shown_at=NOW, now=NOW, seen_reps=0
        )
    assert len(any_store.practice.reviews(learner.id)) == 1
    assert any_store.practice.cards(learner.id)[q.id].reps == 1


def test_quiz_submit_reviews_every_answered_question(any_store: Store, content: Content) -> None:
    learner = any_store.learners.create_learner("Toets", now=NOW)
    quiz = content.quizzes[0]
    attempt = any_store.attempts.start_attempt(learner.id, quiz, now=NOW, seed=3)
    drawn = [d.question_id for d in attempt.draw]
    by_id = {q.id: q for q in quiz.questions}
    right_q, wrong_q = by_id[drawn[0]], by_id[drawn[1]]
    any_store.attempts.save_answer(attempt.id, right_q.id, correct_response(right_q), now=NOW)
    any_store.attempts.save_answer(attempt.id, wrong_q.id, wrong(wrong_q), now=NOW)
    any_store.attempts.submit_attempt(attempt.id, now=NOW + timedelta(minutes=5))
    cards = any_store.practice.cards(learner.id)
    assert set(cards) == {right_q.id, wrong_q.id}  # blanks review nothing
    logs = {r.question_id: r for r in any_store.practice.reviews(learner.id)}
    assert logs[right_q.id].rating == Rating.Good and logs[right_q.id].attempt_id == attempt.id
    assert logs[wrong_q.id].rating == Rating.Again and logs[wrong_q.id].source == "attempt"
    assert cards[wrong_q.id].card.due - (NOW + timedelta(minutes=5)) < timedelta(days=1)
    # a second submit grades nothing twice
    any_store.attempts.submit_attempt(attempt.id, now=NOW + timedelta(minutes=6))
    assert len(any_store.practice.reviews(learner.id)) == 2


def test_new_started_today_goal_and_group_cards(any_store: Store, content: Content) -> None:
    a = any_store.learners.create_learner("A", now=NOW)
    b = any_store.learners.create_learner("B", now=NOW)
    qs = [q for _, q in content.questions()][:3]
    for q in qs:
        any_store.practice.practice_answer(a.id, q, correct_response(q), shown_at=NOW, now=NOW)
    start = practice.local_day_start(NOW, ZONE)
    assert any_store.practice.new_started_since(a.id, start) == 3
    assert any_store.practice.new_started_since(a.id, NOW + timedelta(hours=1)) == 0
    assert any_store.practice.daily_goal(a.id) is None
    any_store.practice.set_daily_goal(a.id, 15, now=NOW)
    assert any_store.practice.daily_goal(a.id) == 15
    any_store.practice.set_daily_goal(a.id, 0, now=NOW)
    assert any_store.practice.daily_goal(a.id) is None
    grid = any_store.practice.group_cards([a.id, b.id])
    assert set(grid[a.id]) == {q.id for q in qs} and grid[b.id] == {}
    assert len(any_store.practice.review_times(a.id)) == 3


def test_benchmark_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    from mglearn.content import load_content

    spec = importlib.util.spec_from_file_location(
        "bench_practice", PROJECT_ROOT / "benchmarks" / "practice.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--quick"]) == 0
    out = capsys.readouterr().out
    cards = len(practice.bank_order(load_content(PROJECT_ROOT).content))  # quiz questions and check items
    assert "500 review logs" in out and f"20 learners x {cards} cards" in out and out.count("x |") == 2
